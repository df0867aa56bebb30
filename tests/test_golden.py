"""Golden bad-input cases: each case file holds an edit to valid data and the exact report."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.cli import main
from tests.golden import BASE, CASES, build_case, load_case

CASE_FILES = sorted(CASES.glob("*.yml"))


def test_base_fixture_is_valid(tmp_path: Path, monkeypatch, capsys) -> None:
    build_case({}, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "data"]) == 0
    exercises = [
        path
        for path in sorted((BASE / "exercises").glob("*.yml"))
        if "kind: assessment" not in path.read_text(encoding="utf-8")
    ]
    assert capsys.readouterr().out.startswith(f"data/ is valid: {len(exercises)} exercises")


@pytest.mark.parametrize("case_file", CASE_FILES, ids=lambda p: p.stem)
def test_golden_case(case_file: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    case = load_case(case_file)
    build_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "data"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[:-1] == case["expected"].splitlines()
    assert "Traceback" not in captured.err
