"""LinkChecker over a site served on local HTTP, with its anchor check on.

Crawling starts from every page, so a page nothing links to is still checked. Every error
and every warning (a missing anchor is a warning) counts as broken.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from dataclasses import dataclass

from tests.gates.site import GATES

CONFIG = GATES / "linkchecker.ini"

LINKCHECKER = GATES / "linkchecker_main.py"
"""LinkChecker's command line, keeping the caller's user and reading each page once."""


@dataclass(frozen=True)
class Broken:
    page: str
    link: str
    line: str
    problem: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.link}: {self.problem}"


def check(base_url: str, paths: list[str]) -> list[Broken]:
    """Every broken link or anchor reachable from ``paths`` on the site at ``base_url``."""
    result = subprocess.run(
        [
            sys.executable,
            str(LINKCHECKER),
            "--config",
            str(CONFIG),
            "--output",
            "csv/utf-8",
            *(base_url + path for path in paths),
        ],
        capture_output=True,
        encoding="utf-8",
        check=False,
        timeout=900,
    )
    assert result.returncode in (0, 1), f"linkchecker failed to run:\n{result.stderr}"
    rows = csv.DictReader(io.StringIO(result.stdout, newline=""), delimiter=";")
    broken = [
        Broken(
            page="/" + row["parentname"].removeprefix(base_url),
            link=row["urlname"],
            line=row["line"],
            problem=" ".join(filter(None, [row["result"], row["warningstring"]])),
        )
        for row in rows
        if row["valid"] != "True" or row["warningstring"]
    ]
    assert broken or result.returncode == 0, f"linkchecker failed without a report:\n{result}"
    return broken
