"""The validator as people meet it: the command line, the build, and hostile text."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from macros.errors import DataErrors, format_loc
from macros.loader import Document, validate
from macros.models import Exercise, Glossary, MuscleCatalogue, Session, SourceCatalogue
from tests.conftest import DATA, ROOT

HOSTILE = [
    "{{ config.extra }}",
    "{% include 'x' %}",
    "{# hidden #}",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "<img src=x onerror=alert(1)>",
    "click onmouseover=alert(1)",
]
SAMPLES = [
    (Exercise, DATA / "exercises" / "romanian-deadlift.yml"),
    (Exercise, DATA / "exercises" / "seated-calf-raise.yml"),
    (Session, DATA / "sessions" / "posterior-chain.yml"),
    (MuscleCatalogue, DATA / "muscles.yml"),
    (SourceCatalogue, DATA / "sources.yml"),
    (Glossary, DATA / "glossary.yml"),
]


def string_leaves(data: object, loc: tuple = ()) -> Iterator[tuple]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from string_leaves(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from string_leaves(value, (*loc, index))
    elif isinstance(data, str):
        yield loc


def replaced(data: dict, loc: tuple, value: str) -> dict:
    copied = copy.deepcopy(data)
    target = copied
    for part in loc[:-1]:
        target = target[part]
    target[loc[-1]] = value
    return copied


def accepts(model, data: dict) -> bool:
    try:
        validate(model, Document("sample.yml", data))
    except DataErrors:
        return False
    return True


def text_fields(model, data: dict) -> list[tuple]:
    """Leaves that take free text: those that accept a plain sentence."""
    return [
        loc
        for loc in string_leaves(data)
        if accepts(model, replaced(data, loc, "Plain words here"))
    ]


@pytest.mark.parametrize(("model", "path"), SAMPLES, ids=lambda v: getattr(v, "name", ""))
def test_markup_and_templates_are_rejected_in_every_text_field(model, path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = text_fields(model, data)
    assert len(fields) >= 5, "too few text fields found to mean anything"
    for loc in fields:
        for hostile in HOSTILE:
            with pytest.raises(DataErrors) as caught:
                validate(model, Document("sample.yml", replaced(data, loc, f"Fine {hostile} text")))
            assert format_loc(loc) in [error.field for error in caught.value.errors], (loc, hostile)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_cli_accepts_the_real_data() -> None:
    result = run(sys.executable, "-m", "macros.validate", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data/ is valid: ")


def test_cli_reports_errors_without_traceback(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    target = tmp_path / "data" / "exercises" / "hip-thrust.yml"
    target.write_text(target.read_text().replace("pattern: hip-extension", "pattern: bridge"))
    result = run(sys.executable, "-m", "macros.validate", "data", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("data/exercises/hip-thrust.yml:")
    assert ": pattern: 'bridge' is not one of: hinge, split-squat" in first


def test_a_bad_data_file_fails_the_build_and_publishes_nothing(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "macros"):
        source = ROOT / name
        if source.exists():
            (project / name).symlink_to(source)
    shutil.copytree(DATA, project / "data")
    target = project / "data" / "exercises" / "glute-bridge.yml"
    target.write_text(
        target.read_text().replace("harder:", "harder: [no-such-exercise]\nx_harder:")
    )
    site = tmp_path / "site"
    result = run(
        str(Path(sys.executable).parent / "mkdocs"),
        "build",
        "--strict",
        "-d",
        str(site),
        cwd=project,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/exercises/glute-bridge.yml:" in result.stderr
    assert "x_harder: unknown key" in result.stderr
    assert not site.exists() or not any(site.rglob("*.html"))


def test_committed_json_schemas_match_the_models() -> None:
    from macros.schema import main

    assert main(["--check"]) == 0, "run: python -m macros.schema"


def test_every_data_file_names_its_json_schema() -> None:
    kinds = {"exercises": "exercise", "sessions": "session"}
    for path in sorted(DATA.rglob("*.yml")):
        kind = kinds.get(path.parent.name, path.stem)
        first = path.read_text(encoding="utf-8").splitlines()[0]
        depth = "../" * len(path.relative_to(ROOT).parts[:-1])
        assert first == f"# yaml-language-server: $schema={depth}docs/schemas/{kind}.schema.json", (
            path
        )


def test_the_data_code_imports_nothing_from_mkdocs() -> None:
    modules = "macros.models, macros.loader, macros.checks, macros.pages, macros.opendata"
    script = (
        f"import sys, {modules}, macros.previews, macros.render, macros.validate\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material'))\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = run(sys.executable, "-c", script, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_exercise_sits_on_a_ladder_of_at_least_three_rungs() -> None:
    from macros.loader import load_library

    library = load_library(DATA)
    for exercise_id in library.exercises:
        rungs = {library.rung(e.id) for e in library.ladder(exercise_id)}
        assert len(rungs) >= 3, f"{exercise_id}: ladder has rungs {sorted(rungs)}"
