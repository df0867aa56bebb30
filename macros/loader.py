"""Read ``data/`` into one validated :class:`~macros.models.Library`.

This module owns turning files into models: decoding, safe YAML parsing with a line for
every key and list item, and translating validation failures into one-line errors of the
form ``path:line: field: message``. Every error in every file is collected before anything
is reported, so one run shows the whole list. Cross-file rules live in ``checks``.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from macros import checks
from macros.errors import DataError, DataErrors, Document, Loc, did_you_mean, format_loc
from macros.models import (
    Exercise,
    Glossary,
    Library,
    MuscleCatalogue,
    PublishedIds,
    Session,
    SourceCatalogue,
)

try:  # libyaml parses several times faster; the pure-Python loader is the fallback.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

M = TypeVar("M", bound=BaseModel)

CATALOGUES: dict[str, type[BaseModel]] = {
    "muscles.yml": MuscleCatalogue,
    "sources.yml": SourceCatalogue,
    "glossary.yml": Glossary,
    "published.yml": PublishedIds,
}
COLLECTIONS: dict[str, type[BaseModel]] = {"exercises": Exercise, "sessions": Session}


# --- Parsing. -----------------------------------------------------------------------

_LEADING_TAB = re.compile(r"^[ ]*\t", re.MULTILINE)
# What YAML 1.1 (PyYAML's reader) accepts; anything else stops the parser before line one.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def parse(path: Path, shown_as: str, expected: str) -> Document:
    """Decode and parse one file, or raise :class:`DataErrors` naming its lines."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataErrors(
            [
                DataError(
                    shown_as,
                    line,
                    "(file)",
                    f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
                )
            ]
        ) from None
    text = text.removeprefix("\ufeff")
    tabs = [
        DataError(
            shown_as,
            text.count("\n", 0, match.start()) + 1,
            "(file)",
            "tab character in indentation; YAML expects spaces",
        )
        for match in _LEADING_TAB.finditer(text)
    ]
    if tabs:
        raise DataErrors(tabs)
    unprintable = [
        DataError(
            shown_as,
            text.count("\n", 0, match.start()) + 1,
            "(file)",
            f"character U+{ord(match.group()):04X} is not allowed in YAML; remove it",
        )
        for match in _NON_PRINTABLE.finditer(text)
    ]
    if unprintable:
        raise DataErrors(unprintable)
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataErrors(
                [DataError(shown_as, 1, "(file)", f"file is empty; expected {expected}")]
            )
        document = Document(shown_as, None)
        duplicates = list(_index_lines(node, (), document))
        if duplicates:
            raise DataErrors(duplicates)
        document.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = str(exc.problem or exc.context)
        if exc.context and exc.context_mark:
            problem += f" ({exc.context} on line {exc.context_mark.line + 1})"
        raise DataErrors(
            [DataError(shown_as, line, "(file)", f"YAML syntax error: {problem}")]
        ) from None
    finally:
        loader.dispose()
    if not isinstance(document.data, dict):
        got = type(document.data).__name__
        raise DataErrors([DataError(shown_as, 1, "(file)", f"expected {expected}, got {got}")])
    return document


def _index_lines(node: yaml.Node, loc: Loc, document: Document) -> Iterator[DataError]:
    """Record the line of every key and item; yield an error for each duplicate key."""
    if isinstance(node, yaml.MappingNode):
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in first_seen:
                yield DataError(
                    document.path,
                    line,
                    format_loc((*loc, key)),
                    f"duplicate key '{key}' (first set on line {first_seen[key]}); "
                    "each key may appear once",
                )
                continue
            first_seen[key] = line
            document.lines[(*loc, key)] = line
            yield from _index_lines(value_node, (*loc, key), document)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            document.lines[(*loc, index)] = item.start_mark.line + 1
            yield from _index_lines(item, (*loc, index), document)


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
        given = error.get("input")
        if kind in ("too_short", "too_long") and any(
            other[: len(loc)] == loc and other != loc for other in locs
        ):
            continue  # pydantic counts only the valid items; the item's own error says more
        if "field" in ctx:
            loc = (*loc, ctx["field"])
        if kind == "extra_forbidden":
            allowed = _fields_at(model, loc[:-1])
            hint = did_you_mean(str(loc[-1]), allowed)
            if hint:
                suggested.add((*loc[:-1], hint.split("'")[1]))
            message = "unknown key" + (hint or f"; expected one of: {', '.join(allowed)}")
        elif kind == "missing":
            message = "required field is missing"
        elif kind == "literal_error":
            allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
            message = (
                f"{given!r} is not one of: {', '.join(allowed)}{did_you_mean(str(given), allowed)}"
            )
        elif kind == "string_too_long":
            message = f"expected at most {ctx['max_length']} characters, got {len(str(given))}"
        elif kind.startswith("date_"):
            message = f"expected a date as YYYY-MM-DD, got {given!r}"
        elif kind == "string_pattern_mismatch" and "a-z0-9" in str(ctx.get("pattern", "")):
            message = f"expected an id of lowercase words joined by hyphens, got {given!r}"
        else:
            message = error["msg"].replace("Input should be", "expected")
            message = re.sub(r"^expected (greater|less)", r"expected a number \1", message)
            message = re.sub(r"^(Value error|Assertion failed), ", "", message)
            message = re.sub(r"^(Tuple|List) should have", "expected", message)
            message = message.replace(" after validation, not", ", got")
            message = message[:1].lower() + message[1:]
            if kind not in _KINDS_WITHOUT_INPUT and not isinstance(given, dict | list):
                message += f", got {given!r}"
        errors.append((loc, kind, document.error(loc, message)))
    # A misspelt key already says "did you mean 'x'?": don't also report 'x' as missing.
    return [error for loc, kind, error in errors if not (kind == "missing" and loc in suggested)]


_KINDS_WITHOUT_INPUT = {
    "unsafe_text",
    "range_order",
    "calf_missing",
    "calf_unexpected",
    "calf_emphasis",
    "stage_order",
    "too_short",
    "too_long",
}


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys allowed at ``loc`` inside ``model``, by following field annotations."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = [a for a in typing.get_args(current) if a is not Ellipsis]
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            current = info.annotation if info else None
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
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


# --- The whole data directory. -------------------------------------------------------


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_library(data_dir: Path | str) -> Library:
    """Load and check everything under ``data_dir``; raise :class:`DataErrors` on any error."""
    data_dir = Path(data_dir)
    errors: list[DataError] = []
    documents: dict[str, dict[str, Document]] = {}
    models: dict[str, dict[str, Any]] = {}

    def load(path: Path, model: type[BaseModel], group: str, key: str) -> None:
        expected = f"a mapping of {model.__name__} fields"
        try:
            document = parse(path, _shown(path), expected)
            documents.setdefault(group, {})[key] = document
            models.setdefault(group, {})[key] = validate(model, document)
        except DataErrors as exc:
            errors.extend(exc.errors)

    if not data_dir.is_dir():
        raise DataErrors([DataError(_shown(data_dir), 1, "(file)", "no such data directory")])
    for name, model in CATALOGUES.items():
        path = data_dir / name
        if path.is_file():
            load(path, model, "catalogues", name)
        else:
            errors.append(
                DataError(_shown(path), 1, "(file)", f"missing; expected {model.__name__}")
            )
    for folder, model in COLLECTIONS.items():
        for path in sorted((data_dir / folder).glob("*")):
            if path.suffix == ".yml" and path.is_file():
                load(path, model, folder, path.stem)
            elif not path.name.startswith("."):
                errors.append(
                    DataError(_shown(path), 1, "(file)", "unexpected file; expected <id>.yml")
                )
    for unexpected in sorted(data_dir.glob("*.y*ml")):
        if unexpected.name not in CATALOGUES:
            expected = ", ".join(CATALOGUES)
            errors.append(
                DataError(_shown(unexpected), 1, "(file)", f"unexpected file; expected {expected}")
            )

    catalogues = models.get("catalogues", {})
    if len(catalogues) < len(CATALOGUES):
        raise DataErrors(errors)
    errors.extend(
        checks.check(
            exercises=models.get("exercises", {}),
            sessions=models.get("sessions", {}),
            catalogues=catalogues,
            documents=documents,
            exercise_files={p.stem for p in (data_dir / "exercises").glob("*.yml")},
            session_files={p.stem for p in (data_dir / "sessions").glob("*.yml")},
        )
    )
    if errors:
        raise DataErrors(errors)
    return Library(
        exercises=dict(sorted(models.get("exercises", {}).items())),
        muscles={m.id: m for m in catalogues["muscles.yml"].muscles},
        sources={s.id: s for s in catalogues["sources.yml"].sources},
        glossary=catalogues["glossary.yml"].terms,
        sessions=dict(sorted(models.get("sessions", {}).items())),
    )


_cache: dict[Path, tuple[tuple[tuple[str, int, int], ...], Library]] = {}


def load_cached(data_dir: Path | str) -> Library:
    """:func:`load_library`, reused until a file under ``data_dir`` changes.

    MkDocs calls the hooks and the macros module for the same build, and ``mkdocs serve``
    rebuilds on every edit: this keeps that to one load per change of the data.
    """
    data_dir = Path(data_dir).resolve()
    stamp = tuple(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for path in sorted(data_dir.rglob("*"))
        if path.is_file() and (stat := path.stat())
    )
    cached = _cache.get(data_dir)
    if cached and cached[0] == stamp:
        return cached[1]
    library = load_library(data_dir)
    _cache[data_dir] = (stamp, library)
    return library
