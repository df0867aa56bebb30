"""Apply one golden case (tests/cases/*.yml) to a copy of the base data directory."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

CASES = Path(__file__).parent / "cases"
BASE = CASES / "base"


def load_case(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def build_case(case: dict[str, Any], root: Path) -> Path:
    """Write the case's data directory under ``root`` and return it."""
    data = root / "data"
    shutil.copytree(BASE, data)
    for edit in case.get("edit", []):
        target = data / edit["file"]
        text = target.read_text(encoding="utf-8")
        assert edit["find"] in text, f"case edit does not apply: {edit['find']!r}"
        target.write_text(text.replace(edit["find"], edit["replace"], 1), encoding="utf-8")
    for name, text in case.get("write", {}).items():
        (data / name).write_text(text, encoding="utf-8")
    for name, text in case.get("write_latin1", {}).items():
        (data / name).write_bytes(text.encode("latin-1"))
    for name in case.get("delete", []):
        (data / name).unlink()
    return data
