"""Read ``data/`` into one validated :class:`~macros.data.library.Library`.

This module owns turning parsed files into models and validation failures into one-line
errors of the form ``path:line: field: message``, in plain words ("expected a list of muscle
ids, got text"). Every error in every file is collected before anything is reported, so one
run shows the whole list. Parsing lives in ``parse``, cross-file rules in ``checks``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from macros.data import checks, drafts, kinds, rules
from macros.data.coaching import Coaching
from macros.data.errors import DataError, DataErrors, Document, Loc, did_you_mean
from macros.data.library import Library
from macros.data.models import (
    Assessment,
    BodyMap,
    Described,
    Exercise,
    Glossary,
    MuscleCatalogue,
    Programme,
    PublishedIds,
    Session,
    SourceCatalogue,
    WarmUp,
)
from macros.data.parse import parse
from macros.data.warmup import check_warm_up, resolve_sessions
from macros.data.watch import FitExercises, check_mapping

M = TypeVar("M", bound=BaseModel)

CATALOGUES: dict[str, type[BaseModel]] = {
    "muscles.yml": MuscleCatalogue,
    "body-map.yml": BodyMap,
    "sources.yml": SourceCatalogue,
    "glossary.yml": Glossary,
    "published.yml": PublishedIds,
    "fit-exercises.yml": FitExercises,
    "warm-up.yml": WarmUp,
    "coaching.yml": Coaching,
}
COLLECTIONS: dict[str, type[BaseModel]] = {
    "exercises": Exercise,
    "sessions": Session,
    "programmes": Programme,
}


# --- Validation. --------------------------------------------------------------------


def validate(model: type[M], document: Document) -> M:
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise DataErrors(_translate(model, document, exc)) from None


def _translate(model: type[BaseModel], document: Document, exc: ValidationError) -> list[DataError]:
    raw = exc.errors(include_url=False)
    locs = [tuple(error["loc"]) for error in raw]
    suggested: set[Loc] = set()
    errors = []
    for error, loc in zip(raw, locs, strict=True):
        ctx = error.get("ctx") or {}
        kind = error["type"]
        if kind in ("too_short", "too_long") and any(
            other[: len(loc)] == loc and other != loc for other in locs
        ):
            continue  # pydantic counts only the valid items; the item's own error says more
        if "field" in ctx:
            loc = (*loc, ctx["field"])
        message = _message(model, document, loc, error, suggested)
        errors.append((loc, kind, document.error(loc, message)))
    # A misspelt key already says "did you mean 'x'?": don't also report 'x' as missing.
    return [error for loc, kind, error in errors if not (kind == "missing" and loc in suggested)]


NOT_FOR_ASSESSMENTS = {
    "harder": "an assessment is never on a ladder; remove harder (a test is not a rung)",
    "dosage": "an assessment has no dosage; its protocol and scoring say what to do",
    "technique": "an assessment has a protocol instead of a technique block",
}

_TYPE_ERRORS = {
    "string_type",
    "int_type",
    "int_parsing",
    "int_from_float",
    "float_type",
    "float_parsing",
    "bool_type",
    "bool_parsing",
    "tuple_type",
    "list_type",
    "dict_type",
    "model_type",
    "model_attributes_type",
    "date_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "date_past",
    "date_future",
}


def _message(
    model: type[BaseModel], document: Document, loc: Loc, error: Any, suggested: set[Loc]
) -> str:
    ctx = error.get("ctx") or {}
    kind = error["type"]
    given = error.get("input")
    if kind == "extra_forbidden" and model is Assessment and loc[-1] in NOT_FOR_ASSESSMENTS:
        return NOT_FOR_ASSESSMENTS[str(loc[-1])]
    if kind == "extra_forbidden":
        allowed = list(_fields(_annotation_at(model, loc[:-1])))
        hint = did_you_mean(str(loc[-1]), allowed)
        if hint:
            suggested.add((*loc[:-1], hint.split("'")[1]))
        return "unknown key" + (hint or f"; expected one of: {', '.join(allowed)}")
    if kind == "missing":
        return f"required field is missing; expected {describe(_annotation_at(model, loc))}"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return (
            f"{_shown(document, loc, given)} is not one of: {', '.join(allowed)}"
            f"{did_you_mean(str(given), allowed)}"
        )
    if kind in _TYPE_ERRORS or kind.startswith("date_"):
        expected = describe(_annotation_at(model, loc))
        message = f"expected {expected}, got {_shown(document, loc, given)}"
        if expected == "text" and not isinstance(given, dict | list | str):
            message += "; put it in quotes to keep it as text"
        return message
    if kind == "string_too_long":
        return f"expected at most {ctx['max_length']} characters, got {len(str(given))}"
    if kind == "string_too_short":
        least = ctx["min_length"]
        return f"expected at least {least} character{'s' if least != 1 else ''}, got {len(given)}"
    if kind == "string_pattern_mismatch":
        return f"expected {describe(_annotation_at(model, loc))}, got {given!r}"
    message = error["msg"].replace("Input should be", "expected")
    message = re.sub(r"^expected (greater|less)", r"expected a number \1", message)
    message = re.sub(r"^(Value error|Assertion failed), ", "", message)
    message = re.sub(r"^(Tuple|List) should have", "expected", message)
    message = message.replace(" after validation, not", ", got")
    message = message[:1].lower() + message[1:]
    if kind not in _KINDS_WITHOUT_INPUT and not isinstance(given, dict | list):
        message += f", got {_shown(document, loc, given)}"
    return message


_KINDS_WITHOUT_INPUT = {
    "rule_basis",
    "range_order",
    "tempo_total",
    "rule_measure",
    "dose_kind",
    "rule_unreachable",
    "kit_repeats",
    "block_measure",
    "calf_missing",
    "calf_unexpected",
    "calf_emphasis",
    "stage_order",
    "too_short",
    "too_long",
}


def _shown(document: Document, loc: Loc, given: Any) -> str:
    """What the author wrote, in their words: the scalar's source text where we have it."""
    if isinstance(given, dict):
        return "a mapping"
    if isinstance(given, list | tuple):
        return "a list"
    if given is None:
        return "nothing (an empty value)"
    source = document.scalars.get(loc)
    if source is not None and not isinstance(given, str):
        return source
    if isinstance(given, str):
        return repr(given) if len(given) <= 60 else repr(given[:57] + "...")
    return str(given)


# --- What a field expects, in words. --------------------------------------------------


def _annotation_at(model: type[BaseModel], loc: Loc) -> Any:
    """The annotation of the field at ``loc`` inside ``model``, following nested models."""
    current: Any = model
    for part in loc:
        inner = _strip(current)
        if isinstance(part, int):
            args = [a for a in typing.get_args(inner) if a is not Ellipsis]
            current = args[0] if args else None
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            info = inner.model_fields.get(part)
            if info is None:
                return None
            current = (
                typing.Annotated[(info.annotation, *info.metadata)]
                if info.metadata
                else info.annotation
            )
        else:
            return None
    return current


def _strip(annotation: Any) -> Any:
    """Strip ``Annotated`` and ``X | None`` so the inner type is left."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0]
        else:
            return annotation


def _fields(annotation: Any) -> dict[str, Any]:
    inner = _strip(annotation)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return dict(inner.model_fields)
    return {}


def describe(annotation: Any) -> str:
    """What a field expects, as a person would say it: "a list of muscle ids"."""
    while typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = options[0]
    if typing.get_origin(annotation) is typing.Annotated:
        for meta in typing.get_args(annotation)[1:]:
            if isinstance(meta, Described):
                return meta.expected
        return describe(typing.get_args(annotation)[0])
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return "one of: " + ", ".join(map(str, typing.get_args(annotation)))
    if origin in (tuple, list):
        return "a list of " + _plural(describe(typing.get_args(annotation)[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        keys = list(annotation.model_fields)
        named = keys[0] if len(keys) == 1 else ", ".join(keys[:-1]) + " and " + keys[-1]
        return f"a mapping with {named}"
    return _SIMPLE.get(annotation, "a value")


FILE_NOUNS: dict[type[BaseModel], str] = {
    Exercise: "an exercise",
    Session: "a session",
    Programme: "a programme",
    MuscleCatalogue: "the muscle catalogue",
    SourceCatalogue: "the list of sources",
    Glossary: "the glossary",
    BodyMap: "the body map",
    PublishedIds: "the list of published ids",
    FitExercises: "the FIT exercise of each exercise",
    WarmUp: "the warm-up routines",
    Coaching: "the coaching rules",
}


def file_noun(model: type[BaseModel]) -> str:
    """``an exercise``: what one file of ``model`` is, for messages."""
    for cls in model.__mro__:
        if cls in FILE_NOUNS:
            return FILE_NOUNS[cls]
    return next((k.article for k in kinds.KINDS.values() if k.files_model is model), "a file")


def describe_file(model: type[BaseModel]) -> str:
    """What a whole file should hold: "an exercise, a mapping with keys such as id, name"."""
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    keys = required or list(model.model_fields)
    if len(keys) == 1:
        return f"{file_noun(model)}, a mapping with the key {keys[0]}"
    return f"{file_noun(model)}, a mapping with keys such as {', '.join(keys[:3])}"


def collections() -> dict[str, type[BaseModel]]:
    """Every folder of one-file-per-entry data and its model: the built-in ones, then the
    folder of each kind added to the registry later (``macros.data.kinds``)."""
    added = {k.folder: k.files_model for k in kinds.KINDS.values() if k.files_model}
    return {**COLLECTIONS, **added}


def catalogues_models() -> dict[str, type[BaseModel]]:
    """Every catalogue file and its model, ``published.yml`` keyed by the registry's folders."""
    return {**CATALOGUES, "published.yml": kinds.published_model()}


_SIMPLE: dict[Any, str] = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    dt.date: "a date as YYYY-MM-DD",
}


def _plural(expected: str) -> str:
    if expected == "text":
        return "lines of text"
    if expected.startswith("a mapping with "):
        return "mappings, each with " + expected.removeprefix("a mapping with ")
    if expected.startswith("one of: "):
        return "values, each " + expected
    for article in ("a ", "an "):
        if expected.startswith(article):
            noun, _, rest = expected.removeprefix(article).partition(" of ")
            return noun + "s" + (f" of {rest}" if rest else "")
    return expected


# --- The whole data directory. -------------------------------------------------------


ENTRY_KINDS: dict[str, type[BaseModel]] = {"exercise": Exercise, "assessment": Assessment}
"""What a file in ``exercises/`` may be, by its ``kind`` (an exercise when unset)."""


def _kind_of(model: type[BaseModel], document: Document) -> type[BaseModel]:
    """The model a document asks for: an exercise file may declare ``kind: assessment``."""
    if model is not Exercise:
        return model
    kind = document.data.get("kind", "exercise")
    if not isinstance(kind, str) or kind not in ENTRY_KINDS:
        raise DataErrors(
            [
                document.error(
                    ("kind",),
                    f"{kind!r} is not one of: {', '.join(ENTRY_KINDS)}"
                    f"{did_you_mean(str(kind), ENTRY_KINDS)}",
                )
            ]
        )
    return ENTRY_KINDS[kind]


def shown_path(path: Path) -> str:
    """A path as the contributor sees it: relative to where they stand, links not followed."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return relative if not relative.startswith("..") else absolute


def load_library(data_dir: Path | str) -> Library:
    """Load and check everything under ``data_dir``; raise :class:`DataErrors` on any error."""
    data_dir = Path(data_dir)
    errors: list[DataError] = []
    documents: dict[str, dict[str, Document]] = {}
    models: dict[str, dict[str, Any]] = {}

    def load(path: Path, model: type[BaseModel], group: str, key: str) -> None:
        expected = describe_file(model)
        try:
            document = parse(path, shown_path(path), expected)
            documents.setdefault(group, {})[key] = document
            errors.extend(drafts.unwritten(document))
            models.setdefault(group, {})[key] = validate(_kind_of(model, document), document)
        except DataErrors as exc:
            errors.extend(exc.errors)

    if not data_dir.is_dir():
        raise DataErrors([DataError(shown_path(data_dir), 1, "(file)", "no such data directory")])
    for name, model in catalogues_models().items():
        path = data_dir / name
        if path.is_file() or path.is_symlink():
            load(path, model, "catalogues", name)
        else:
            errors.append(
                DataError(shown_path(path), 1, "(file)", f"missing; expected {describe(model)}")
            )
    for folder, model in collections().items():
        for path in sorted((data_dir / folder).glob("*")):
            if path.suffix == ".yml" and not path.is_dir():
                load(path, model, folder, path.stem)
            elif not path.name.startswith("."):
                errors.append(
                    DataError(shown_path(path), 1, "(file)", "unexpected file; expected <id>.yml")
                )
    for unexpected in sorted(data_dir.glob("*.y*ml")):
        if unexpected.name not in CATALOGUES:
            expected = ", ".join(CATALOGUES)
            errors.append(
                DataError(
                    shown_path(unexpected), 1, "(file)", f"unexpected file; expected {expected}"
                )
            )

    catalogues = models.get("catalogues", {})
    if len(catalogues) < len(CATALOGUES):
        raise DataErrors(errors)
    warm_up = catalogues["warm-up.yml"]
    sessions, step_errors = resolve_sessions(
        models.get("sessions", {}), warm_up, documents.get("sessions", {})
    )
    errors.extend(step_errors)
    errors.extend(
        check_warm_up(
            warm_up,
            documents["catalogues"]["warm-up.yml"],
            exercise_files={p.stem for p in (data_dir / "exercises").glob("*.yml")},
            source_ids={s.id for s in catalogues["sources.yml"].sources},
        )
    )
    errors.extend(
        checks.check(
            exercises=models.get("exercises", {}),
            sessions=sessions,
            catalogues=catalogues,
            documents=documents,
            exercise_files={p.stem for p in (data_dir / "exercises").glob("*.yml")},
            session_files={p.stem for p in (data_dir / "sessions").glob("*.yml")},
            programmes=models.get("programmes", {}),
            programme_files={p.stem for p in (data_dir / "programmes").glob("*.yml")},
            extra={
                folder: (
                    models.get(folder, {}),
                    {p.stem for p in (data_dir / folder).glob("*.yml")},
                )
                for folder in collections()
                if folder not in COLLECTIONS
            }
            or None,
        )
    )
    if errors:
        raise DataErrors(errors)
    entries = sorted(models.get("exercises", {}).items())
    library = Library(
        exercises={key: e for key, e in entries if isinstance(e, Exercise)},
        assessments={key: e for key, e in entries if isinstance(e, Assessment)},
        muscles={m.id: m for m in catalogues["muscles.yml"].muscles},
        sources={s.id: s for s in catalogues["sources.yml"].sources},
        glossary=catalogues["glossary.yml"].terms,
        body_map=catalogues["body-map.yml"],
        sessions=dict(sorted(sessions.items())),
        warm_up=warm_up,
        programmes=dict(sorted(models.get("programmes", {}).items())),
        extra={
            kind.name: dict(sorted(models.get(kind.folder, {}).items()))
            for kind in kinds.KINDS.values()
            if kind.files_model is not None
        },
        fit_exercises=catalogues["fit-exercises.yml"].exercises,
        coaching=catalogues["coaching.yml"],
    )
    errors = list(checks.library_checks(library, documents))
    errors += rules.check(library, documents)
    errors += check_mapping(
        catalogues["fit-exercises.yml"],
        set(library.exercises),
        documents["catalogues"]["fit-exercises.yml"],
    )
    if errors:
        raise DataErrors(errors)
    return library
