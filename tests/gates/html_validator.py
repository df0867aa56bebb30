"""The W3C Nu Html Checker (vnu.jar, from npm) over built pages, errors only.

A suppression in ``html-validator.yml`` drops one exact message on one exact piece of
markup (the span the checker highlights), and must say why; nothing else is filtered.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.gates.site import VNU_JAR, config, java, require, uncovered


@dataclass(frozen=True)
class Message:
    file: str
    line: int
    message: str
    markup: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}\n    {self.markup}"


@dataclass(frozen=True)
class Suppression:
    message: str
    markup: str
    reason: str

    def matches(self, found: Message) -> bool:
        return found.message == self.message and found.markup == self.markup


def suppressions() -> list[Suppression]:
    entries = config("html-validator.yml").get("suppressions") or []
    for entry in entries:
        assert str(entry.get("reason", "")).strip(), f"html-validator.yml: {entry} needs a reason"
    return [Suppression(**entry) for entry in entries]


def check(files: list[Path], root: Path) -> list[Message]:
    """Every error the checker reports in ``files``, paths shown relative to ``root``."""
    result = subprocess.run(
        [
            java(),
            "-Xss8m",
            "-jar",
            str(require(VNU_JAR)),
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, f"vnu.jar failed to run:\n{result.stderr}"
    report = json.loads(result.stdout)
    messages = []
    for item in report["messages"]:
        assert item["type"] == "error", f"the checker could not check a file: {item}"
        extract = item.get("extract", "")
        start = item.get("hiliteStart", 0)
        markup = extract[start : start + item.get("hiliteLength", len(extract))].strip()
        path = Path(item["url"].removeprefix("file:"))
        messages.append(
            Message(
                file=str(path.relative_to(root)) if path.is_relative_to(root) else str(path),
                line=item.get("lastLine", 0),
                message=item["message"],
                markup=markup,
            )
        )
    return messages


def split(messages: list[Message]) -> tuple[list[Message], dict[Suppression, int]]:
    """The messages no suppression covers, and how many each suppression covered."""
    return uncovered(messages, suppressions())
