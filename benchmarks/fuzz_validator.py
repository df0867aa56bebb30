"""Fuzz the validator with 10,000 Hypothesis cases: how many failed, and the slowest.

    .venv/bin/python benchmarks/fuzz_validator.py [--cases N] [--seed N]

The same cases and property as ``tests/test_gates_fuzz.py`` (which runs a few hundred in
CI): every damaged copy of ``data/`` must get exit 0, or exit 1 with only
``path:line: field: message`` lines; a crash, a traceback or a catch-all "internal error"
is a failure. Unlike the test it does not stop at the first failure: it runs every case,
prints the number of failed cases (target 0), the median and slowest case times (target:
the slowest under 2 s), and each distinct way the validator broke its promise with the
smallest example seen, and exits 1 if there was any failure or a case took 2 s or more.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.gates import fuzz


def signature(problem: str) -> str:
    """A problem with its paths, numbers and quoted text blanked, to group alike ones."""
    problem = re.sub(r"(/[^\s:'\"]+)+", "<path>", problem)
    problem = re.sub(r"'[^']*'|\"[^\"]*\"", "<text>", problem)
    return re.sub(r"\d+", "<n>", problem)[:160]


def fuzz_validator(cases: int, random_seed: int | None) -> int:
    failures: dict[str, tuple[str, fuzz.Case]] = {}
    failed = 0
    times: list[float] = []
    slowest: tuple[float, str] = (0.0, "")
    ran = 0
    with tempfile.TemporaryDirectory() as scratch:
        workspace = fuzz.Workspace(Path(scratch))

        @settings(
            max_examples=cases,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=fuzz.cases())
        def one(case: fuzz.Case) -> None:
            nonlocal ran, failed, slowest
            ran += 1
            start = time.perf_counter()
            outcome = workspace.run(case)
            took = time.perf_counter() - start
            times.append(took)
            if took > slowest[0]:
                slowest = (took, repr(case)[:200])
            found = fuzz.problems(*outcome)
            failed += bool(found)
            for problem in found:
                key = signature(problem)
                if key not in failures or len(case.content) < len(failures[key][1].content):
                    failures[key] = (problem, case)

        if random_seed is not None:
            one = seed(random_seed)(one)
        started = time.perf_counter()
        one()
        elapsed = time.perf_counter() - started

    print(f"fuzzed the validator with {ran} cases in {elapsed:.0f} s ({ran / elapsed:.0f}/s)")
    print(f"failed cases: {failed} of {ran} (target 0)")
    print(
        f"case time: median {statistics.median(times) * 1000:.0f} ms, "
        f"slowest {slowest[0]:.2f} s (target under 2 s): {slowest[1]}"
    )
    if not failures:
        print("every case ended with exit 0, or exit 1 and path:line: field: message lines")
        return 0 if slowest[0] < 2 else 1
    print(f"{len(failures)} distinct ways the validator broke its promise:")
    for problem, case in failures.values():
        print(f"- {problem.strip()[:300]}\n  smallest case seen: {case!r}"[:900])
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    return fuzz_validator(args.cases, args.seed)


if __name__ == "__main__":
    sys.exit(main())
