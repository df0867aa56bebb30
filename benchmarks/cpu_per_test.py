"""A pytest plugin for ``benchmarks/suite.py --cpu``: the machine's processor time at the
start and end of each test, one JSON line per test, in the file ``LEGWORK_CPU_LOG`` names.

The whole machine's time (``/proc/stat``), not pytest's own: most of the suite's work is done
by Chromium, Java and LinkChecker, which are not pytest's threads and are not always waited
for by it. So it only means something on a quiet machine, with the tests run one at a time.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

LOG = os.environ.get("LEGWORK_CPU_LOG")


def machine_seconds() -> float:
    """Processor-seconds the machine has spent busy since boot: user, nice, system, irq and
    softirq time from the first line of ``/proc/stat``."""
    fields = Path("/proc/stat").read_text(encoding="ascii").splitlines()[0].split()
    busy = (int(fields[i]) for i in (1, 2, 3, 6, 7))
    return sum(busy) / os.sysconf("SC_CLK_TCK")


_started: dict[str, tuple[float, float]] = {}
_previous: tuple[float, float] | None = None
"""(wall, processor) seconds when the last test ended, or the session started."""


def pytest_runtest_logstart(nodeid: str, location: object) -> None:
    # Time between tests (module fixtures torn down, the next set up) goes to the next test.
    _started[nodeid] = _previous or (time.perf_counter(), machine_seconds())


def pytest_runtest_logfinish(nodeid: str, location: object) -> None:
    global _previous
    now = _previous = (time.perf_counter(), machine_seconds())
    start = _started.pop(nodeid, now)
    if LOG:
        with open(LOG, "a", encoding="utf-8") as log:
            record = {"test": nodeid, "wall": now[0] - start[0], "cpu": now[1] - start[1]}
            log.write(json.dumps(record) + "\n")


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    global _previous
    _previous = (time.perf_counter(), machine_seconds())
