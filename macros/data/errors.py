"""Errors in data files, and where in a file they point.

Every problem is reported as ``path:line: field: message``; this module owns that shape
and the small helpers (locations, "did you mean") the loader and the checks share.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

Loc = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file, printed as ``path:line: field: message``."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        path, field, message = map(_one_line, (self.path, self.field, self.message))
        return f"{path}:{self.line}: {field}: {message}"


def _one_line(text: str) -> str:
    """Text with line breaks and other unprintable characters escaped, as in a repr."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


class DataErrors(Exception):
    """Raised with every error found, sorted by file and line."""

    def __init__(self, errors: Iterable[DataError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__("\n".join(map(str, self.errors)))

    def report(self) -> str:
        """Every error on its own line, then the count."""
        count = len(self.errors)
        return f"{self}\n{count} error{'s' if count != 1 else ''}"


@dataclass
class Document:
    """A parsed YAML file: its data plus the line of every key and list item."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    scalars: dict[Loc, str] = field(default_factory=dict)
    """The source text of each plain (unquoted) scalar, as the author typed it."""

    def line(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest ancestor that has one."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1

    def error(self, loc: Loc, message: str) -> DataError:
        return DataError(self.path, self.line(loc), format_loc(loc), message)


def format_loc(loc: Loc) -> str:
    """``('dosage', 0, 'reps')`` → ``dosage[0].reps``; the whole file is ``(file)``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "(file)"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice, by spelling or as a prefix (glute → gluteus-...)."""
    choices = sorted(choices)
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6) or [
        choice for choice in choices if word and choice.startswith(word)
    ]
    return f" (did you mean '{match[0]}'?)" if match else ""
