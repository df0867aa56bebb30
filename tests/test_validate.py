"""The validator as people meet it: the command line, the build, and hostile text."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from macros.data.errors import Document
from macros.data.loader import validate
from macros.data.models import Exercise, Glossary, MuscleCatalogue, Session, SourceCatalogue
from tests.conftest import DATA, ROOT, data_ids, raw_yaml
from tests.gates.hostile import accepts, replaced, string_leaves

ORDINARY = [
    "{{ config.extra }}",
    "{% include 'x' %}",
    "<script>alert(1)</script>",
    "Hips & knees <2 cm> apart",
    "Runner's knee",
    "??? !!! # | *",
]
SAMPLES = [
    (Exercise, DATA / "exercises" / "romanian-deadlift.yml"),
    (Exercise, DATA / "exercises" / "seated-calf-raise.yml"),
    (Session, DATA / "sessions" / "posterior-chain.yml"),
    (MuscleCatalogue, DATA / "muscles.yml"),
    (SourceCatalogue, DATA / "sources.yml"),
    (Glossary, DATA / "glossary.yml"),
]


def text_fields(model, data: dict) -> list[tuple]:
    """Leaves that take free text: those that accept a plain sentence with punctuation."""
    return [
        loc
        for loc in string_leaves(data)
        if accepts(model, replaced(data, loc, "Plain words, here."))
    ]


@pytest.mark.parametrize(("model", "path"), SAMPLES, ids=lambda v: getattr(v, "name", ""))
def test_every_text_field_keeps_any_characters_exactly_as_written(model, path: Path) -> None:
    """Escaping is the renderer's job: the validator refuses no character a coach types."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = text_fields(model, data)
    assert len(fields) >= 5, "too few text fields found to mean anything"
    for loc in fields:
        for text in ORDINARY:
            written = f"Fine {text}."
            entry = validate(model, Document("sample.yml", replaced(data, loc, written)))
            value = entry.model_dump(mode="json")
            for part in loc:
                value = value[part]
            assert value == written, loc


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_cli_accepts_the_real_data() -> None:
    result = run(sys.executable, "-m", "macros.cli", "validate", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data/ is valid: ")


def test_cli_reports_errors_without_traceback(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    target = tmp_path / "data" / "exercises" / "hip-thrust.yml"
    target.write_text(target.read_text().replace("pattern: hip-extension", "pattern: bridge"))
    result = run(sys.executable, "-m", "macros.cli", "validate", "data", cwd=tmp_path)
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
    from macros.cli import main

    assert main(["schemas", "--check"]) == 0, "run: legwork schemas"


def test_the_icon_set_is_current() -> None:
    """The icons in docs/assets/icons/ are the ones the mark's geometry draws today."""
    from macros.cli import main

    assert main(["icons", "--check"]) == 0, "run: legwork icons"


def test_every_data_file_names_its_json_schema() -> None:
    kinds = {"exercises": "exercise", "sessions": "session", "programmes": "programme"}
    for path in sorted(DATA.rglob("*.yml")):
        kind = kinds.get(path.parent.name, path.stem)
        first = path.read_text(encoding="utf-8").splitlines()[0]
        depth = "../" * len(path.relative_to(ROOT).parts[:-1])
        assert first == f"# yaml-language-server: $schema={depth}docs/schemas/{kind}.schema.json", (
            path
        )


def test_only_the_adapter_imports_mkdocs() -> None:
    """Every module but ``macros.plugin`` imports without MkDocs or Material, so the data,
    the site plan and the media survive a move to another generator."""
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / "macros").rglob("*.py")
    )
    others = [m for m in modules if m != "macros.plugin"]
    assert {"macros.data.models", "macros.site.plan", "macros.media.previews"} <= set(others)
    script = (
        "import importlib, sys\n"
        f"for name in {others!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material'))\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = run(sys.executable, "-c", script, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    control = run(sys.executable, "-c", script.replace(repr(others), "['macros.plugin']"), cwd=ROOT)
    assert control.returncode == 1, "the check must notice MkDocs when it is imported"


KEY_EXERCISES = [
    "romanian-deadlift",
    "single-leg-deadlift",
    "rear-foot-elevated-split-squat",
    "hip-thrust",
    "bent-knee-calf-raise",
    "single-leg-calf-raise",
]


def test_every_exercise_sits_on_a_ladder_and_no_test_does() -> None:
    """Read from the raw files: every exercise links to an easier or harder one (a ladder of
    at least two rungs), the key exercises stand on ladders of three rungs or more, and no
    assessment is linked from or to a ladder."""
    raw = {e: raw_yaml(DATA / "exercises" / f"{e}.yml") for e in data_ids("exercises")}
    tests = {e for e, data in raw.items() if data.get("kind") == "assessment"}
    assert tests, "the library holds at least one test"
    steps: dict[str, set[str]] = {e: set() for e in raw}
    for exercise_id, data in raw.items():
        for harder in data.get("harder", []):
            steps[exercise_id].add(harder)
            steps[harder].add(exercise_id)
    for exercise_id in tests:
        assert not steps[exercise_id], f"{exercise_id} is a test but sits on a ladder"
    for exercise_id in set(raw) - tests:
        ladder, todo = {exercise_id}, [exercise_id]
        while todo:
            for other in steps[todo.pop()] - ladder:
                ladder.add(other)
                todo.append(other)
        assert len(ladder) >= 2, f"{exercise_id} is on no ladder"
        if exercise_id in KEY_EXERCISES:
            assert len(ladder) >= 3, f"{exercise_id}: ladder {sorted(ladder)}"


def test_the_ladders_depth_counts_rungs_from_the_data() -> None:
    from macros.data.loader import load_library

    library = load_library(DATA)
    for exercise_id in KEY_EXERCISES:
        rungs = {library.rung(e.id) for e in library.ladder(exercise_id)}
        assert len(rungs) >= 3, f"{exercise_id}: ladder has rungs {sorted(rungs)}"


# --- Failure modes no committed case can hold. ---------------------------------------


def test_a_broken_link_is_reported_under_its_own_name(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "data" / "exercises" / "ghost.yml").symlink_to(tmp_path / "nowhere" / "x.yml")
    result = run(sys.executable, "-m", "macros.cli", "validate", "data", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "data/exercises/ghost.yml:1: (file): cannot be read (No such file or directory); "
        "is it a broken link?"
    )
    assert "nowhere" not in result.stderr and "Traceback" not in result.stderr


LIMIT = 300
"""The recursion limit the long-ladder tests run under: a ladder of ``LIMIT + 200`` rungs
is longer than any recursion over its rungs could go, at a fraction of the files the
default limit (1,000) would need."""


@contextlib.contextmanager
def _recursion_limit(limit: int) -> Iterator[None]:
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(limit)
    try:
        yield
    finally:
        sys.setrecursionlimit(before)


def _chain(data: Path, length: int) -> list[str]:
    """Add a ladder of ``length`` copies of the glute bridge, each harder than the last."""
    template = yaml.safe_load((data / "exercises" / "glute-bridge.yml").read_text())
    ids = [f"rung-{index:04d}" for index in range(length)]
    for index, rung in enumerate(ids):
        entry = {
            **template,
            "id": rung,
            "name": f"Rung {index}",
            "harder": ids[index + 1 : index + 2],
        }
        text = yaml.dump(entry, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
        (data / "exercises" / f"{rung}.yml").write_text(text, encoding="utf-8")
    return ids


def test_a_ladder_longer_than_the_recursion_limit_validates(tmp_path: Path) -> None:
    from macros.data.loader import load_library

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    with _recursion_limit(LIMIT):
        ids = _chain(data, LIMIT + 200)
        library = load_library(data)
    assert library.rung(ids[-1]) == len(ids) - 1
    assert len(library.ladder(ids[0])) == len(ids)


def test_a_cycle_in_a_very_long_ladder_is_located_and_short(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    ids = _chain(data, LIMIT + 200)
    last = data / "exercises" / f"{ids[-1]}.yml"
    last.write_text(last.read_text().replace("harder: []", f"harder: [{ids[0]}]"))
    # The command as a contributor runs it, under the same lowered limit.
    command = f"import runpy, sys; sys.setrecursionlimit({LIMIT}); "
    command += "sys.argv = ['legwork', 'validate', 'data']; "
    command += "runpy.run_module('macros.cli', run_name='__main__')"
    result = run(sys.executable, "-c", command, cwd=tmp_path)
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"data/exercises/{ids[-1]}.yml:") and "ladder cycle" in first
    assert len(first) < 300 and "Traceback" not in result.stderr
