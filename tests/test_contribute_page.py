"""The contributor's page, /contribute/: every field of an exercise file with its limits,
every allowed value of every closed list, a recipe per dose kind, and the way to say a
point is coaching practice, which validation accepts and the exercise page shows as such.
Expectations are read from the committed JSON Schema and the raw YAML, not the page code."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from macros.cli import main
from macros.data.loader import load_library
from macros.site import plan
from tests.conftest import DATA, ROOT, raw_yaml

SCHEMA = json.loads((ROOT / "docs" / "schemas" / "exercise.schema.json").read_text("utf-8"))
SETTINGS = plan.Settings(
    site_url="http://127.0.0.1:8000/", repo_url="https://example.org/r", pdfs=False
)
LIMIT_KEYS = (
    "maxLength",
    "minLength",
    "maximum",
    "minimum",
    "exclusiveMinimum",
    "maxItems",
    "minItems",
)


def _pages(data: Path) -> dict[str, str]:
    return {p.src_uri: p.markdown for p in plan.generated_pages(load_library(data), SETTINGS)}


@pytest.fixture(scope="module")
def page() -> str:
    return _pages(DATA)["contribute.md"]


def _deref(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return _deref(schema, schema["$defs"][node["$ref"].split("/")[-1]])
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        return _deref(schema, options[0])
    return node


def _fields(schema: dict[str, Any], node: dict[str, Any], path: str = ""):
    """(path, the field's limits, its enum values) for every field, as a reader writes it."""
    for name, field in _deref(schema, node).get("properties", {}).items():
        here = f"{path}.{name}" if path else name
        field = _deref(schema, field)
        limits: list[Any] = []
        inner, suffix = field, ""
        while True:
            limits += [inner[k] for k in LIMIT_KEYS if k in inner]
            if inner.get("type") != "array":
                break
            inner = _deref(schema, inner["items"])
            limits += [inner[k] for k in LIMIT_KEYS if k in inner and inner.get("type") == "array"]
            suffix += "[]"
        enum = inner.get("enum", [])
        yield here, [x for x in limits if not isinstance(x, bool)], enum
        if "properties" in inner:
            yield from _fields(schema, inner, here + suffix)


def _row(page: str, path: str) -> str:
    rows = [line for line in page.splitlines() if line.startswith(f"| <code>{path}</code>")]
    return rows[0] if rows else ""


def missing_from(page: str, schema: dict[str, Any]) -> list[str]:
    """What the schema says that the page does not: a field, a limit, an allowed value."""
    missing = []
    for kind in ("Exercise", "Assessment"):
        for path, limits, enum in _fields(schema, schema["$defs"][kind]):
            row = _row(page, path)
            if not row:
                missing.append(f"field {path}")
                continue
            numbers = re.findall(r"-?\d+(?:\.\d+)?", row.split("|")[3].replace("\\", ""))
            for limit in limits:
                at_least_one = limit == 1 and ("list" in row or "text" in row)
                if f"{limit:g}" not in numbers and not at_least_one:
                    missing.append(f"{path}: limit {limit}")
            for value in enum:
                if f"<code>{value}</code>" not in page and value not in row:
                    missing.append(f"{path}: value {value}")
    return missing


def test_the_page_lists_every_field_limit_and_allowed_value(page: str) -> None:
    assert missing_from(page, SCHEMA) == []


def test_the_check_fails_when_the_schema_changes_without_the_page(page: str) -> None:
    changed = copy.deepcopy(SCHEMA)
    exercise = changed["$defs"]["Exercise"]["properties"]
    exercise["summary"]["maxLength"] = 180
    exercise["pattern"]["enum"] = [*exercise["pattern"]["enum"], "lunge"]
    exercise["new_field"] = {"type": "string"}
    found = missing_from(page, changed)
    assert "summary: limit 180" in found
    assert "pattern: value lunge" in found
    assert "field new_field" in found


def test_the_summary_row_says_required_and_200_characters(page: str) -> None:
    row = _row(page, "summary")
    limit = SCHEMA["$defs"]["Exercise"]["properties"]["summary"]["maxLength"]
    assert "| required |" in row and f"up to {limit} characters" in row


def test_every_vocabulary_label_is_on_the_page(page: str) -> None:
    from macros.data import vocab

    for vocabulary in vocab.VOCABULARIES:
        for term in vocabulary:
            assert f"| <code>{term.id}</code> |" in page, (vocabulary.name, term.id)
    assert "| <code>squat</code> | Squat |" in page
    assert "| <code>wall</code> | Wall |" in page


def test_a_recipe_per_dose_kind_names_an_exercise_of_that_kind(page: str) -> None:
    recipe = (
        r"\| <code>(\w+)</code> \| [^|]+ \| \[[^]]+\]\([^)]+\): "
        r"<code>legwork new your-id --like ([a-z0-9-]+)</code>"
    )
    recipes = re.findall(recipe, page)
    assert {kind for kind, _ in recipes} == {"reps", "hold", "contacts"}
    for kind, like in recipes:
        raw = raw_yaml(DATA / "exercises" / f"{like}.yml")
        assert {d.get("kind", "reps") for d in raw["dosage"]} == {kind}
    assert "### Tempo for a hold" in page


def test_coaching_practice_is_validated_and_shown_as_such(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    data = shutil.copytree(DATA, tmp_path / "data")
    path = data / "exercises" / "heavy-calf-hold.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("\nsources:\n")
    end = text.index("\nreviewed:")
    point = "Rest a fingertip on the wall for balance only, as coaches commonly advise."
    path.write_text(text[:start] + f"\npractice:\n  - {point}" + text[end:], encoding="utf-8")
    markdown = _pages(data)["exercises/heavy-calf-hold.md"]
    sources = markdown[markdown.index("## Sources") :]
    assert f"- Coaching practice, with no published source: {point}" in sources.replace("\\", "")
    # Neither a source nor a practice point: refused, saying what to do.
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "data"]) == 1
    err = capsys.readouterr().err
    assert "heavy-calf-hold.yml" in err and "or say under practice:" in err
