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
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(text, encoding="utf-8")
    for name, text in case.get("write_latin1", {}).items():
        (data / name).write_bytes(text.encode("latin-1"))
    for name in case.get("delete", []):
        (data / name).unlink()
    return data


def report(case_file: Path, root: Path) -> list[str]:
    """The validator's report for one case (every line but the count)."""
    import contextlib
    import io
    import os

    from macros.cli import main

    build_case(load_case(case_file), root)
    err = io.StringIO()
    here = Path.cwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            main(["validate", "data"])
    finally:
        os.chdir(here)
    return err.getvalue().splitlines()[:-1]


def update(names: list[str]) -> None:
    """Rewrite the expected report of the named cases from the validator's output, after a
    deliberate change of wording: review the diff before committing it."""
    import tempfile

    for name in names:
        path = CASES / f"{name}.yml"
        with tempfile.TemporaryDirectory() as scratch:
            lines = report(path, Path(scratch))
        text = path.read_text(encoding="utf-8")
        head, _, _ = text.partition("expected: |\n")
        path.write_text(head + "expected: |\n" + "".join(f"  {line}\n" for line in lines))
        print(f"updated {path.relative_to(CASES.parent.parent)}")


if __name__ == "__main__":
    import sys

    update(sys.argv[1:])
