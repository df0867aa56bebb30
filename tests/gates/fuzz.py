"""Fuzzing the validator: Hypothesis strategies that damage the real data files, and the
property every run of ``macros.validate.main`` must keep.

A case replaces one file of a scratch copy of ``data/`` (or adds a new one): a generated
YAML document, the real file with one key deleted, one value of the wrong type, one id
swapped for another, or its text truncated, laced with odd Unicode, broken UTF-8, a tab
or a repeated line. Whatever the input, ``main`` must return 0 with its summary, or 1 with
nothing but ``path:line: field: message`` lines and a count; never raise, never exit 2.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from macros.validate import main
from tests.gates.site import ROOT

DATA = ROOT / "data"

ERROR_LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>[1-9]\d*): (?P<field>.+?): (?P<message>.+)$")
SUMMARY_LINE = re.compile(r"^(?P<count>[1-9]\d*) errors? in .+/$")

ODD_CHARACTERS = (
    "\x00\x07\x1b\x7f"  # controls, NUL included
    "\u0085\u2028\u2029"  # next line, line and paragraph separators
    "\u200b\u200d\u202e\u2066\ufeff"  # zero width, right-to-left override, isolate, BOM
    "\u0301\u0338"  # combining marks
    "\uff21\u3000\u00a0"  # fullwidth A, ideographic space, no-break space
    "\U0001f3c3\U0001f9b5"  # emoji (runner, leg)
    "\ud800\udfff"  # lone surrogates: not encodable as UTF-8
    "é中ı\u0130ß"
)


@dataclass(frozen=True)
class Case:
    """Write ``content`` to ``path`` (relative to the data directory)."""

    path: str
    content: bytes
    how: str

    def __repr__(self) -> str:
        return f"Case({self.how}: {self.path}, {len(self.content)} bytes: {self.content[:300]!r})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """How Hypothesis shows a failing case: short, not every byte of the file."""
        printer.text(repr(self))


def real_files() -> list[str]:
    return sorted(str(path.relative_to(DATA)) for path in DATA.rglob("*.yml"))


def all_ids() -> list[str]:
    """Every id in the real data, for swapping one for another."""
    ids = {path.stem for path in DATA.glob("*/*.yml")}
    for name, key in (("muscles.yml", "muscles"), ("sources.yml", "sources")):
        ids |= {item["id"] for item in yaml.safe_load((DATA / name).read_text())[key]}
    return sorted(ids)


# --- Values and documents. ------------------------------------------------------------

odd_text = st.text(alphabet=st.sampled_from(ODD_CHARACTERS) | st.characters(), max_size=40)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1)),
    odd_text,
    st.sampled_from(["", " ", "-", "~", "null", "yes", "0x1f", "1e400", "2024-13-45"]),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(odd_text | st.integers(), children, max_size=4)
    ),
    max_leaves=12,
)


def dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode(
        "utf-8", "surrogatepass"
    )


# --- Mutations of one real file. ------------------------------------------------------


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _replace(node: Any, path: tuple, make: Any) -> Any:
    """A copy of ``node`` with the value at ``path`` replaced by ``make(old)``."""
    if not path:
        return make(node)
    head, rest = path[0], path[1:]
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[head] = _replace(node[head], rest, make)
    return copy


def _delete(node: Any, path: tuple) -> Any:
    parent = _replace(node, path[:-1], lambda old: old.copy())
    target = parent
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]
    return parent


@st.composite
def tree_mutation(draw: st.DrawFn, name: str) -> Case:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    paths = _paths(data)
    path = draw(st.sampled_from(paths))
    kind = draw(st.sampled_from(["delete", "wrong type", "swap id", "odd unicode", "repeat"]))
    if kind == "delete":
        mutated = _delete(data, path)
    elif kind == "wrong type":
        new = draw(values)
        mutated = _replace(data, path, lambda old: new)
    elif kind == "swap id":
        new_id = draw(st.sampled_from(all_ids()))
        strings = [p for p in paths if isinstance(_get(data, p), str)] or [path]
        path = draw(st.sampled_from(strings))
        mutated = _replace(data, path, lambda old: new_id)
    elif kind == "odd unicode":
        extra = draw(odd_text.filter(bool))
        at = draw(st.integers(min_value=0, max_value=80))
        mutated = _replace(data, path, lambda old: str(old)[:at] + extra + str(old)[at:])
    else:
        mutated = _replace(
            data, path, lambda old: [old, old] if not isinstance(old, list) else old * 2
        )
    return Case(name, dump(mutated), f"{kind} at {path}")


def _get(node: Any, path: tuple) -> Any:
    for part in path:
        node = node[part]
    return node


@st.composite
def text_mutation(draw: st.DrawFn, name: str) -> Case:
    raw = (DATA / name).read_bytes()
    at = draw(st.integers(min_value=0, max_value=len(raw)))
    line_starts = [0] + [i + 1 for i, byte in enumerate(raw) if byte == ord("\n")]
    line = draw(st.sampled_from(line_starts))
    end = raw.find(b"\n", line) + 1 or len(raw)
    kind = draw(
        st.sampled_from(
            ["truncate", "odd unicode", "bad utf-8", "tab", "repeat line", "bom", "crlf", "bytes"]
        )
    )
    if kind == "truncate":
        content = raw[:at]
    elif kind == "odd unicode":
        content = raw[:at] + draw(odd_text).encode("utf-8", "surrogatepass") + raw[at:]
    elif kind == "bad utf-8":
        content = (
            raw[:at]
            + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80"]))
            + raw[at:]
        )
    elif kind == "tab":
        content = raw[:line] + b"\t" + raw[line:]
    elif kind == "repeat line":
        content = raw[:end] + raw[line:end] + raw[end:]
    elif kind == "bom":
        content = b"\xef\xbb\xbf" + raw
    elif kind == "crlf":
        content = raw.replace(b"\n", b"\r\n")
    else:
        content = draw(st.binary(max_size=200))
    return Case(name, content, f"{kind} at byte {at}")


@st.composite
def new_file(draw: st.DrawFn) -> Case:
    """A file the data did not have: well or badly named, holding any YAML at all."""
    folder = draw(st.sampled_from(["exercises", "sessions", "."]))
    stem = draw(
        st.sampled_from(["new-exercise", "Bad Name", "x", "-", "muscles", "é"])
        | st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
    )
    suffix = draw(st.sampled_from([".yml", ".yaml", ".YML", ".txt", ""]))
    content = draw(st.builds(dump, values) | st.text(max_size=200).map(str.encode))
    return Case(f"{folder}/{stem}{suffix}", content, "new file")


def cases() -> st.SearchStrategy[Case]:
    files = st.sampled_from(real_files())
    return st.one_of(
        files.flatmap(tree_mutation),
        files.flatmap(text_mutation),
        st.builds(lambda name, data: Case(name, dump(data), "generated document"), files, values),
        new_file(),
    )


# --- Running a case, and the property. ------------------------------------------------


class Workspace:
    """A scratch copy of ``data/``; each case changes one file and puts it back after."""

    def __init__(self, root: Path) -> None:
        self.data = root / "data"
        shutil.copytree(DATA, self.data)

    def run(self, case: Case) -> tuple[int, str, str]:
        target = self.data / case.path
        original = target.read_bytes() if target.exists() else None
        target.write_bytes(case.content)
        try:
            return run_validator(self.data)
        finally:
            if original is None:
                target.unlink()
            else:
                target.write_bytes(original)


def run_validator(data_dir: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(data_dir)])
    return code, out.getvalue(), err.getvalue()


def problems(code: int, out: str, err: str) -> list[str]:
    """How one run broke the validator's promise; empty when it kept it."""
    if code == 0:
        if err or "is valid" not in out:
            return [f"exit 0 without the summary, or with errors: {out!r} {err!r}"]
        return []
    if code != 1:
        return [f"exit {code}: {err or out}"]
    if "Traceback" in out + err:
        return ["a traceback was printed"]
    lines = err.rstrip("\n").split("\n")
    found = [
        f"not path:line: field: message: {line!r}"
        for line in lines[:-1]
        if not ERROR_LINE.match(line)
    ]
    summary = SUMMARY_LINE.match(lines[-1])
    if not summary:
        found.append(f"last line is not the error count: {lines[-1]!r}")
    elif int(summary["count"]) != len(lines) - 1:
        found.append(f"the count says {summary['count']}, but {len(lines) - 1} lines follow")
    return found
