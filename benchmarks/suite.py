"""What the test suite costs: wall-clock time of whole runs, the slowest tests and the time
spent in each test file.

    .venv/bin/python benchmarks/suite.py [--runs N] [--top N] [-- PYTEST ARGS...]
    .venv/bin/python benchmarks/suite.py --cpu [--top N] [-- PYTEST ARGS...]

Each run is a fresh ``python -m pytest`` (with the arguments ``make test`` passes) writing a
JUnit report to a scratch folder. It prints the median, minimum and maximum wall-clock time
over the runs, then, from the median run, the ``--top`` slowest tests (setup, call and
teardown together) and the time per test file, slowest first. Under ``pytest-xdist`` the
per-file times add up to more than the wall clock, since workers run side by side.

It only measures: a slow suite is not a failing one, and a shared machine is noisy, so run
it more than once and read the median.

On two cores the suite is limited by processor time, not by waiting, so the wall clock of a
file under xdist says little about its cost. ``--cpu`` answers that instead: one run with
the tests one at a time (no workers), printing the processor-seconds the whole machine spent
on each test file and on the slowest tests (``benchmarks/cpu_per_test.py``; run it on a quiet
machine). The total over the machine's cores is about the shortest wall clock the suite can have.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    seconds: float
    code: int
    tests: dict[str, float]
    """Test node id → seconds (setup, call and teardown)."""
    outcome: str
    failed: tuple[str, ...] = ()
    """Node ids of the tests that failed or errored, each with the start of its message."""


def one_run(pytest_args: list[str]) -> Run:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "junit.xml"
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-o",
            "junit_duration_report=total",
            f"--junitxml={report}",
            *pytest_args,
        ]
        start = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=os.environ)
        seconds = time.perf_counter() - start
        tests: dict[str, float] = {}
        failed: list[str] = []
        if report.exists():
            for case in ET.parse(report).iter("testcase"):
                module = case.get("classname", "").replace(".", "/") + ".py"
                node = f"{module}::{case.get('name')}"
                tests[node] = tests.get(node, 0.0) + float(case.get("time", 0))
                problem = case.find("failure")
                if problem is None:
                    problem = case.find("error")
                if problem is not None:
                    message = " ".join((problem.get("message") or problem.text or "").split())
                    failed.append(f"{node}: {message[:300]}")
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return Run(seconds, result.returncode, tests, lines[-1] if lines else "", tuple(failed))


def cpu_run(top: int, pytest_args: list[str]) -> int:
    """One run without workers, each test's processor time measured across the machine."""
    with tempfile.TemporaryDirectory() as scratch:
        log = Path(scratch) / "cpu.jsonl"
        env = {
            **os.environ,
            "LEGWORK_CPU_LOG": str(log),
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(ROOT / "benchmarks"), os.environ.get("PYTHONPATH")])
            ),
        }
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "cpu_per_test"]
        command += pytest_args
        start = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
        seconds = time.perf_counter() - start
        if not log.exists():
            print(f"pytest ran no test (exit {result.returncode}):\n{result.stdout}{result.stderr}")
            return result.returncode or 1
        records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    cpu = sum(r["cpu"] for r in records)
    outcome = lines[-1] if lines else ""
    cores = os.cpu_count() or 1
    print(f"one run without workers: {seconds:.1f} s, exit {result.returncode}, {outcome}")
    print(
        f"processor time of the tests: {cpu:.0f} s "
        f"(on {cores} cores, at least {cpu / cores:.0f} s of wall clock)"
    )
    print(f"\n{top} tests that took the most processor time:")
    for r in sorted(records, key=lambda r: -r["cpu"])[:top]:
        print(f"  {r['cpu']:7.2f} s cpu  {r['wall']:7.2f} s wall  {r['test']}")
    files: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for r in records:
        totals = files[r["test"].split("::", 1)[0]]
        totals[0] += r["cpu"]
        totals[1] += r["wall"]
        totals[2] += 1
    print("\nprocessor time per test file:")
    for name, (used, wall, count) in sorted(files.items(), key=lambda item: -item[1][0]):
        print(f"  {used:7.1f} s cpu  {wall:7.1f} s wall  {count:4d} tests  {name}")
    return result.returncode


def make_pytest_args() -> list[str]:
    """The arguments ``make test`` gives pytest, from the Makefile itself."""
    printed = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "pytest-args"], capture_output=True, text=True, check=True
    )
    return printed.stdout.split()


def per_file(tests: dict[str, float]) -> dict[str, tuple[float, int]]:
    files: dict[str, list[float]] = defaultdict(list)
    for node, seconds in tests.items():
        files[node.split("::", 1)[0]].append(seconds)
    return {name: (sum(times), len(times)) for name, times in files.items()}


def main(runs: int, top: int, pytest_args: list[str]) -> int:
    done: list[Run] = []
    for number in range(1, runs + 1):
        run = one_run(pytest_args)
        done.append(run)
        print(f"run {number}: {run.seconds:7.1f} s  exit {run.code}  {run.outcome}", flush=True)
        for node in run.failed:
            print(f"  failed: {node}", flush=True)
    walls = [run.seconds for run in done]
    median = statistics.median(walls)
    print(
        f"\nwall clock over {runs} run(s): median {median:.1f} s "
        f"({median / 60:.1f} min), min {min(walls):.1f} s, max {max(walls):.1f} s"
    )
    typical = min(done, key=lambda run: abs(run.seconds - median))
    print(f"tests reported: {len(typical.tests)}")
    print(f"\n{top} slowest tests (median run):")
    for node, seconds in sorted(typical.tests.items(), key=lambda item: -item[1])[:top]:
        print(f"  {seconds:7.2f} s  {node}")
    print("\ntime per test file (median run; summed over workers):")
    files = per_file(typical.tests)
    for name, (seconds, count) in sorted(files.items(), key=lambda item: -item[1][0]):
        print(f"  {seconds:7.1f} s  {count:4d} tests  {name}")
    print(f"  {sum(s for s, _ in files.values()):7.1f} s  in all")
    return 0 if all(run.code == 0 for run in done) else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument(
        "--cpu", action="store_true", help="processor time per test file, from one serial run"
    )
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest after --")
    args = parser.parse_args()
    if args.cpu:
        sys.exit(cpu_run(args.top, args.pytest_args))
    # With no arguments, the ones `make test` passes (the Makefile's PYTEST_ARGS).
    pytest_args = args.pytest_args or make_pytest_args()
    sys.exit(main(args.runs, args.top, pytest_args))
