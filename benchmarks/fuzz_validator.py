"""Fuzz the validator with 10,000 Hypothesis cases and report how many ran.

    .venv/bin/python benchmarks/fuzz_validator.py [--cases N] [--seed N]

The same cases and property as ``tests/test_gates_fuzz.py`` (which runs a few hundred in
CI): every damaged copy of ``data/`` must get exit 0, or exit 1 with only
``path:line: field: message`` lines, and never a crash. Unlike the test it does not stop
at the first failure: it runs every case, then lists each distinct way the validator broke
its promise with the smallest example seen, and exits 1 if there was any.
"""

from __future__ import annotations

import argparse
import re
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
            nonlocal ran
            ran += 1
            for problem in fuzz.problems(*workspace.run(case)):
                key = signature(problem)
                if key not in failures or len(case.content) < len(failures[key][1].content):
                    failures[key] = (problem, case)

        if random_seed is not None:
            one = seed(random_seed)(one)
        started = time.perf_counter()
        one()
        elapsed = time.perf_counter() - started

    print(f"fuzzed the validator with {ran} cases in {elapsed:.0f} s ({ran / elapsed:.0f}/s)")
    if not failures:
        print("every case ended with exit 0, or exit 1 and path:line: field: message lines")
        return 0
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
