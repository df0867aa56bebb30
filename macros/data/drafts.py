"""Drafts: text a contributor still has to write, marked so that validation says where.

``legwork new`` starts an entry from an existing one and replaces the text that must be
the contributor's own with ``REWRITE: what to write here``. The file is valid YAML and
mostly a valid entry, so validation runs as usual and reports each marked field as
``still to write``, with the hint, until every one is rewritten.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from macros.data.errors import DataError, Document, Loc

MARK = "REWRITE:"


def marked(hint: str) -> str:
    """The text ``legwork new`` writes in a field the contributor must rewrite."""
    return f"{MARK} {hint}"


def unwritten(document: Document) -> list[DataError]:
    """An error for every text in the file that still carries the mark."""
    return [
        document.error(loc, f"still to write: {text.removeprefix(MARK).strip()}")
        for loc, text in _texts(document.data, ())
        if text.startswith(MARK)
    ]


def _texts(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value.strip()
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))
