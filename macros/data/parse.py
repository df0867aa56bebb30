"""Turn one data file's bytes into a :class:`~macros.data.errors.Document`, safely.

Hand-written data needs only plain YAML, so this reader accepts only that: UTF-8 text of a
sane size, spaces for indentation, no anchors or aliases (a few bytes of aliases can expand
into gigabytes), no tags, nesting no deeper than the data ever needs, and the YAML 1.2 meanings of
plain words (``yes`` and ``no`` stay text, ``1:30`` is not a number, dates stay text until
the model reads them). Every refusal names its line. The line of every key and list item,
and the source text of every plain scalar, are kept for the error messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from macros.data.errors import DataError, DataErrors, Document, Loc, format_loc

try:  # libyaml parses several times faster; the pure-Python reader is the fallback.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
"""No data file comes near this; a larger one is a mistake (or an attack)."""

MAX_DEPTH = 12
"""The deepest nesting of mappings and lists a file may have; the data needs about six."""

_LEADING_TAB = re.compile(r"^[ ]*\t", re.MULTILINE)
# What the YAML reader accepts; anything else stops it before line one.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """PyYAML's safe loader with the YAML 1.2 core schema's implicit types."""

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 - PyYAML's own class-level table


for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
):
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def read_text(path: Path, shown_as: str) -> str:
    """The file's text, or :class:`DataErrors` saying why it cannot be used."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise DataErrors(
            [DataError(shown_as, 1, "(file)", f"cannot be read ({reason}); is it a broken link?")]
        ) from None
    if len(raw) > MAX_BYTES:
        raise DataErrors(
            [
                DataError(
                    shown_as,
                    1,
                    "(file)",
                    f"is {len(raw):,} bytes; a data file may be at most {MAX_BYTES:,} bytes",
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8"
        raise DataErrors([DataError(shown_as, line, "(file)", message)]) from None
    text = text.removeprefix("\ufeff")
    _refuse_all(shown_as, text, _LEADING_TAB, "tab character in indentation; YAML expects spaces")
    _refuse_all(
        shown_as, text, _NON_PRINTABLE, "character U+{code:04X} is not allowed in YAML; remove it"
    )
    return text


def _refuse_all(shown_as: str, text: str, pattern: re.Pattern[str], message: str) -> None:
    errors = [
        DataError(
            shown_as,
            text.count("\n", 0, match.start()) + 1,
            "(file)",
            message.format(code=ord(match.group()[-1])),
        )
        for match in pattern.finditer(text)
    ]
    if errors:
        raise DataErrors(errors)


def parse(path: Path, shown_as: str, expected: str) -> Document:
    """Decode and parse one file, or raise :class:`DataErrors` naming its lines."""
    text = read_text(path, shown_as)
    try:
        _check_structure(text, shown_as)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise DataErrors(
                    [DataError(shown_as, 1, "(file)", f"file is empty; expected {expected}")]
                )
            document = Document(shown_as, None)
            duplicates = list(_index(node, (), document))
            if duplicates:
                raise DataErrors(duplicates)
            document.data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise DataErrors([_syntax_error(exc, shown_as)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml marks every error it raises
        raise DataErrors([DataError(shown_as, 1, "(file)", f"YAML error: {exc}")]) from None
    if not isinstance(document.data, dict):
        got = _kind_of(document.data)
        raise DataErrors([DataError(shown_as, 1, "(file)", f"expected {expected}, got {got}")])
    return document


def _kind_of(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "a single value" if value is not None else "nothing"


def _syntax_error(exc: yaml.MarkedYAMLError, shown_as: str) -> DataError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    problem = str(exc.problem or exc.context)
    if exc.context and exc.context_mark:
        problem += f" ({exc.context} on line {exc.context_mark.line + 1})"
    return DataError(shown_as, line, "(file)", f"YAML syntax error: {problem}")


def _check_structure(text: str, shown_as: str) -> None:
    """Refuse anchors, aliases and over-deep nesting from the event stream, before any
    node is built: an alias bomb is caught at its first alias, in linear time."""
    errors: list[DataError] = []
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            errors.append(
                DataError(
                    shown_as,
                    line,
                    "(file)",
                    f"alias '*{event.anchor}' is not allowed; write the value out in full",
                )
            )
        elif getattr(event, "anchor", None):
            errors.append(
                DataError(
                    shown_as,
                    line,
                    "(file)",
                    f"anchor '&{event.anchor}' is not allowed; data files use plain values only",
                )
            )
        if getattr(event, "tag", None) not in (None, "!"):
            tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
            errors.append(
                DataError(
                    shown_as,
                    line,
                    "(file)",
                    f"tag '{tag}' is not allowed; write the value plainly (quote text if needed)",
                )
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                errors.append(
                    DataError(
                        shown_as,
                        line,
                        "(file)",
                        f"nested more than {MAX_DEPTH} levels deep; check the indentation",
                    )
                )
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if len(errors) >= 20:
            break
    if errors:
        raise DataErrors(errors)


def _index(node: yaml.Node, loc: Loc, document: Document) -> Iterator[DataError]:
    """Record the line of every key and item and the text of every plain scalar; yield an
    error for each duplicate key. Nesting is bounded by :data:`MAX_DEPTH`."""
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
            yield from _index(value_node, (*loc, key), document)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            document.lines[(*loc, index)] = item.start_mark.line + 1
            yield from _index(item, (*loc, index), document)
    elif isinstance(node, yaml.ScalarNode) and not node.style:  # plain, not quoted
        document.scalars[loc] = node.value
