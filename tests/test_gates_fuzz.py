"""The validator under fuzzing: whatever Hypothesis does to the data files (generated YAML,
deleted keys, wrong types, swapped ids, truncated files, odd Unicode), ``macros.validate``
never raises, and ends with exit 0, or exit 1 and only ``path:line: field: message`` lines.

The suite fuzzes the small test library in ``tests/cases/base`` under the Hypothesis
profile set in ``tests/conftest.py`` (``ci``: a fixed number of derandomised examples,
each under a real deadline), and checks once that the real library passes;
``benchmarks/fuzz_validator.py`` runs 10,000 cases against the real ``data/``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.gates import fuzz


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> fuzz.Workspace:
    return fuzz.Workspace(tmp_path_factory.mktemp("fuzz"), fuzz.SMALL)


def test_the_real_data_passes() -> None:
    code, out, err = fuzz.run_validator(fuzz.DATA)
    assert (code, err) == (0, "")
    assert fuzz.problems(code, out, err) == []


def test_the_small_library_passes(workspace: fuzz.Workspace) -> None:
    code, out, err = fuzz.run_validator(workspace.data)
    assert (code, err) == (0, "")
    assert fuzz.problems(code, out, err) == []


@settings(suppress_health_check=[HealthCheck.data_too_large])
@given(case=fuzz.cases(fuzz.SMALL))
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
