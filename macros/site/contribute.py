"""The contributor's page, ``/contribute/``: what an exercise file may say, from the schemas.

Everything on the page that can drift is computed here from the JSON Schema the editors use
(``schemas.schema_text``, itself from the models) and from the vocabularies: every field of
an exercise file with whether it is required, its limits and an example from the library;
every closed list with its allowed values and labels; the figure's surfaces with their
heights; and, per dose kind, the entry to copy with ``legwork new``. The template says the
rest in words. Nothing here builds markup: the template gets plain objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, get_args

from macros.data import drafts, schemas, vocab
from macros.data.figures import model as figure_model
from macros.data.figures.geometry import BODY, SURFACE_WIDTHS
from macros.data.library import Library


@dataclass(frozen=True)
class FieldRow:
    """One field of an exercise file: ``path`` as a contributor reads it (``dosage[].sets``),
    whether its parent needs it, what values it takes, what it is for and an example."""

    path: str
    required: bool
    limits: str
    description: str
    example: str
    applies_to: str = "both"
    """``exercise``, ``assessment`` or ``both``."""


@dataclass(frozen=True)
class ClosedList:
    """A closed vocabulary: its name, the fields that use it, its (id, label) pairs."""

    name: str
    fields: tuple[str, ...]
    terms: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Recipe:
    """Where to start an exercise of one dose kind: the entry to copy and its name."""

    kind: str
    label: str
    like: str
    like_name: str


NOTES = {
    "id": "The file's name without .yml; never change it once published (see previous_ids).",
    "name": "The name a runner would use.",
    "aliases": "Other names runners search for.",
    "why_for_runners": "Why a runner would do it, with what the sources say and how sure.",
    "pattern": "The movement pattern: groups the exercise list and its filter.",
    "laterality": "Both legs together, or one at a time.",
    "level": "Who can start with it.",
    "body_region": "Where the main work is.",
    "muscles": "Muscle ids from data/muscles.yml, by role.",
    "muscles.primary": "The muscles it emphasises.",
    "muscles.secondary": "Muscles that help.",
    "muscles.stabiliser": "Muscles that hold a position.",
    "sources[].id": "A source id from data/sources.yml.",
    "reviewed": "When the entry was last checked against its sources.",
    "kind": "exercise (the default) or assessment.",
    "technique": "How to do it, in short steps.",
    "technique.setup": "Getting into position, one step per line.",
    "technique.execution": "One rep, or the hold, step by step.",
    "technique.cues": "Short cues to say or think during the set.",
    "technique.faults": "Common faults, each with its fix.",
    "technique.safety": "When to stop, or choose an easier variation.",
    "dosage": "One entry per stage: learn, build, strength, in that order.",
    "dosage[].stage": "learn, build or strength.",
    "dosage[].load": "What load to use at this stage.",
    "dosage[].load.guidance": "The load in words.",
    "harder": "The next harder exercises; the easier direction is worked out.",
    "calf.knee": "Knee straight or bent during the raise.",
    "calf.knee_angle_degrees": "The knee's bend during the raise.",
    "calf.emphasises": "The calf muscle the knee angle emphasises.",
    "calf.explanation": "Why, in plain words.",
}
"""What a field is for, where its model says nothing."""


def exercise_schema() -> dict[str, Any]:
    return json.loads(schemas.schema_text("exercise"))


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref:
        return schema["$defs"][ref.rsplit("/", 1)[1]]
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        return {**_resolve(schema, options[0]), **{k: v for k, v in node.items() if k != "anyOf"}}
    return node


def _walk(
    schema: dict[str, Any], node: dict[str, Any], path: str
) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(path, field schema, required) for every field under ``node``, depth first."""
    node = _resolve(schema, node)
    required = set(node.get("required", ()))
    for name, field in node.get("properties", {}).items():
        here = f"{path}.{name}" if path else name
        field = _resolve(schema, field)
        yield here, field, name in required
        inner = field
        suffix = ""
        while inner.get("type") == "array" and "items" in inner:
            inner = _resolve(schema, inner["items"])
            suffix += "[]"
        if inner.get("type") == "object" or "properties" in inner:
            yield from _walk(schema, inner, here + suffix)


def _enum(schema: dict[str, Any], field: dict[str, Any]) -> list[str] | None:
    inner = field
    while inner.get("type") == "array" and "items" in inner:
        inner = _resolve(schema, inner["items"])
    if "enum" in inner:
        return list(inner["enum"])
    if "const" in inner:
        return [inner["const"]]
    return None


def _vocabulary_for(values: list[str]) -> vocab.Vocabulary | None:
    for vocabulary in vocab.VOCABULARIES:
        if set(vocabulary.ids) == set(values):
            return vocabulary
    return None


def _number(value: float) -> str:
    return f"{value:g}"


def limits_text(schema: dict[str, Any], field: dict[str, Any]) -> str:
    """A field's limits in words, from its schema."""
    values = _enum(schema, field)
    parts: list[str] = []
    inner = field
    while inner.get("type") == "array" and "items" in inner:
        low, high = inner.get("minItems"), inner.get("maxItems")
        if low and high:
            parts.append(f"a list of {low} to {high}")
        elif low:
            parts.append(f"a list of at least {low}")
        elif high:
            parts.append(f"a list of up to {high}")
        else:
            parts.append("a list")
        inner = _resolve(schema, inner["items"])
    if values is not None:
        known = _vocabulary_for(values)
        if len(values) == 1:
            parts.append(f"always {values[0]}")
        elif known is not None:
            parts.append(f"one of the {known.name} values (see Closed lists)")
        else:
            parts.append("one of: " + ", ".join(values))
    elif inner.get("type") == "string":
        if inner.get("format") == "date":
            parts.append("a date, YYYY-MM-DD")
        elif inner.get("pattern") == "^[a-z0-9]+(-[a-z0-9]+)*$":
            parts.append(
                f"an id: lowercase words joined by hyphens, up to {inner.get('maxLength')} "
                "characters"
            )
        else:
            low, high = inner.get("minLength", 0), inner.get("maxLength")
            text = "text"
            if high is not None:
                text += f", up to {high} characters"
            if low and low > 1:
                text += f", at least {low}"
            parts.append(text)
    elif inner.get("type") in ("number", "integer"):
        kind = "a whole number" if inner["type"] == "integer" else "a number"
        low = inner.get("minimum")
        above = inner.get("exclusiveMinimum")
        high = inner.get("maximum")
        if low is not None and high is not None:
            text = f"{kind} from {_number(low)} to {_number(high)}"
        elif above is not None and high is not None:
            text = f"{kind} above {_number(above)}, up to {_number(high)}"
        elif high is not None:
            text = f"{kind} up to {_number(high)}"
        elif above is not None:
            text = f"{kind} above {_number(above)}"
        elif low is not None:
            text = f"{kind} from {_number(low)}"
        else:
            text = kind
        if "multipleOf" in inner:
            text += f", in steps of {_number(inner['multipleOf'])}"
        parts.append(text)
    elif inner.get("type") == "boolean":
        parts.append("true or false")
    elif inner.get("type") == "object" or "properties" in inner:
        parts.append("a group of the fields below")
    return ", each ".join(parts) if parts else "see the description"


EXAMPLE_LENGTH = 90
"""The longest example shown whole; a field whose every value is longer shows none (a
shortened text would no longer read as written)."""


def _example(documents: list[dict[str, Any]], path: str) -> str:
    """The value at ``path`` in the first library entry that has a short one."""
    for document in documents:
        value: Any = document
        for part in path.split("."):
            while isinstance(value, list) and value:
                value = value[0]
            if not isinstance(value, dict) or part.rstrip("[]") not in value:
                value = None
                break
            value = value[part.rstrip("[]")]
        if value in (None, [], {}, ""):
            continue
        if isinstance(value, dict):
            return ""
        if isinstance(value, list):
            flat = value[0] if value and not isinstance(value[0], (dict, list)) else None
            if flat is None:
                return ""
            value = flat
        if isinstance(value, float):
            value = _number(value)
        text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
        if len(text) <= EXAMPLE_LENGTH:
            return text
    return ""


def field_rows(library: Library) -> list[FieldRow]:
    """Every field of an exercise file, exercises' first, then what only an assessment has."""
    schema = exercise_schema()
    exercises = [
        e.model_dump(mode="json", exclude_defaults=False) for e in library.exercises.values()
    ]
    assessments = [a.model_dump(mode="json") for a in library.assessments.values()]
    rows: list[FieldRow] = []
    seen: dict[str, int] = {}
    for kind, documents in (("exercise", exercises), ("assessment", assessments)):
        for path, field, required in _walk(schema, schema["$defs"][kind.title()], ""):
            row = FieldRow(
                path=path,
                required=required,
                limits=limits_text(schema, field),
                description=" ".join(field.get("description", NOTES.get(path, "")).split()),
                example=_example(documents, path),
                applies_to=kind,
            )
            if path in seen:
                earlier = rows[seen[path]]
                if (earlier.required, earlier.limits) == (row.required, row.limits):
                    rows[seen[path]] = FieldRow(**{**earlier.__dict__, "applies_to": "both"})
                    continue
            seen[path] = len(rows)
            rows.append(row)
    return rows


def closed_lists() -> list[ClosedList]:
    """Every vocabulary an exercise file uses, and the fields that use it, then the rest."""
    schema = exercise_schema()
    users: dict[str, list[str]] = {}
    for kind in ("Exercise", "Assessment"):
        for path, field, _ in _walk(schema, schema["$defs"][kind], ""):
            values = _enum(schema, field)
            known = _vocabulary_for(values) if values else None
            if known is not None and path not in users.setdefault(known.name, []):
                users[known.name].append(path)
    ordered = sorted(vocab.VOCABULARIES, key=lambda v: v.name not in users)
    return [
        ClosedList(v.name, tuple(users.get(v.name, ())), tuple(v.labels().items())) for v in ordered
    ]


def figure_lists() -> list[tuple[str, tuple[str, ...]]]:
    """The figure's own closed lists (views, surfaces, body parts...), from its model."""
    return [
        ("view", get_args(figure_model.View)),
        ("rep_starts", get_args(figure_model.RepStarts)),
        ("surface", get_args(figure_model.Surface)),
        ("body (side view)", figure_model.SIDE_BODIES),
        ("body (front view)", figure_model.FRONT_BODIES),
        ("point (a foot)", get_args(figure_model.FootPoint)),
        ("edge", get_args(figure_model.Edge)),
        ("load_at", get_args(figure_model.LoadAt)),
    ]


def surfaces() -> list[tuple[str, str, str]]:
    """(surface, height, width) of every surface a figure can rest on."""
    out = []
    for surface in get_args(figure_model.Surface):
        height = figure_model.SURFACE_HEIGHTS_CM.get(surface)
        width = SURFACE_WIDTHS.get(surface)
        out.append(
            (
                surface,
                f"{_number(height)} cm" if height is not None else "where it is touched",
                f"{_number(width)} cm" if width is not None else "",
            )
        )
    return out


def segments() -> list[tuple[str, str]]:
    """The body model's segment lengths, in cm."""
    b = BODY
    return [
        ("thigh (hip to knee)", _number(b.thigh)),
        ("shin (knee to ankle)", _number(b.shin)),
        ("sole below the ankle, foot flat", _number(-b.heel[1] + b.foot_width / 2)),
        ("heel behind the ankle", _number(-b.heel[0])),
        ("ball of the foot ahead of the ankle", _number(b.ball[0])),
        ("trunk (hip joints to shoulders)", _number(b.trunk)),
        ("upper arm", _number(b.upper_arm)),
        ("forearm (elbow to grip)", _number(b.forearm)),
    ]


TEMPLATES = {"reps": "split-squat", "hold": "heavy-calf-hold", "contacts": "pogo-hops"}
"""The entry to copy for each dose kind, where the library has it: plain, well-known
exercises with every stage of that kind."""


def recipes(library: Library) -> list[Recipe]:
    """Per dose kind, the entry to copy: the chosen template while it is an exercise of that
    kind, else the first beginner exercise whose every stage is of that kind."""
    out = []
    for term in vocab.DOSE_KINDS:
        pure = [
            e for e in library.exercises.values() if {dose.kind for dose in e.dosage} == {term.id}
        ]
        if not pure:
            continue
        like = min(
            pure, key=lambda e: (e.id != TEMPLATES.get(term.id), e.level != "beginner", e.id)
        )
        out.append(Recipe(term.id, term.label, like.id, like.name))
    return out


def contribute_context(library: Library) -> dict[str, object]:
    """What the contribute page's template needs."""
    return {
        "fields": field_rows(library),
        "closed_lists": closed_lists(),
        "figure_lists": figure_lists(),
        "surfaces": surfaces(),
        "segments": segments(),
        "recipes": recipes(library),
        "tolerance": _number(figure_model.CONTACT_TOLERANCE_CM),
        "rewrite": drafts.MARK,
    }
