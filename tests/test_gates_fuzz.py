"""The validator under fuzzing: whatever Hypothesis does to the data files (generated YAML,
deleted keys, wrong types, swapped ids, truncated files, odd Unicode), ``macros.validate``
never raises, and ends with exit 0, or exit 1 and only ``path:line: field: message`` lines.

A few hundred cases here; ``benchmarks/fuzz_validator.py`` runs 10,000.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.gates import fuzz

CASES = 300


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> fuzz.Workspace:
    return fuzz.Workspace(tmp_path_factory.mktemp("fuzz"))


def test_the_real_data_passes(workspace: fuzz.Workspace) -> None:
    code, out, err = fuzz.run_validator(workspace.data)
    assert (code, err) == (0, "")
    assert fuzz.problems(code, out, err) == []


@settings(
    max_examples=CASES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=fuzz.cases())
def test_damaged_data_gets_a_clean_report_never_a_crash(
    workspace: fuzz.Workspace, case: fuzz.Case
) -> None:
    code, out, err = workspace.run(case)
    assert fuzz.problems(code, out, err) == []


def test_a_damaged_file_gets_its_error_lines(workspace: fuzz.Workspace) -> None:
    case = fuzz.Case("muscles.yml", b"muscles:\n  - id: Not An Id\n", "known bad")
    code, out, err = workspace.run(case)
    assert code == 1
    assert fuzz.problems(code, out, err) == []
    assert "muscles.yml:2: muscles[0].id: expected an id" in err


@pytest.mark.parametrize(
    ("code", "out", "err", "broken"),
    [
        (2, "", "data/: internal error while validating: KeyError('x')\n", "exit 2"),
        (1, "", "Traceback (most recent call last):\n1 error in data/\n", "traceback"),
        (1, "", "data/x.yml: something is wrong\n1 error in data/\n", "not path:line"),
        (1, "", "data/x.yml:0: id: no line\n1 error in data/\n", "not path:line"),
        (1, "", "data/x.yml:3: id: bad\ndata/x.yml:4: name: bad\n", "error count"),
        (1, "", "data/x.yml:3: id: bad\n2 errors in data/\n", "the count says 2"),
        (0, "", "data/x.yml:3: id: bad\n", "exit 0"),
    ],
)
def test_the_property_fails_a_validator_that_breaks_its_promise(
    code: int, out: str, err: str, broken: str
) -> None:
    assert broken in "\n".join(fuzz.problems(code, out, err))
