"""Fuzzing the validator: Hypothesis strategies that damage the real data files, and the
property every run of ``legwork validate`` must keep.

A case replaces one file of a scratch copy of ``data/`` (or adds a new one). Some cases
change the parsed data (one key deleted, one value of the wrong type, one id swapped) and
dump it again; most reach the parser with raw YAML text: an unquoted scalar of every YAML
1.1 type put where a value was (yes, ~, 0x1F, 1:30, .NaN, 2026-13-45, <<, tags), deep
nesting, anchors and aliases (an alias bomb among them), huge strings, control characters,
mixed tabs and spaces, truncation, broken UTF-8, or a whole document of generated lines.
Whatever the input, ``main`` must return 0 with its summary, or 1 with nothing but
``path:line: field: message`` lines and a count; never raise, never exit 2.
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

from macros.cli import main
from tests.gates.site import ROOT

DATA = ROOT / "data"
SMALL = ROOT / "tests" / "cases" / "base"
"""The small test library the suite fuzzes; the benchmark fuzzes the real ``data/``."""

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


def real_files(data: Path = DATA) -> list[str]:
    return sorted(str(path.relative_to(data)) for path in data.rglob("*.yml"))


def all_ids(data: Path = DATA) -> list[str]:
    """Every id in the real data, for swapping one for another."""
    ids = {path.stem for path in data.glob("*/*.yml")}
    for name, key in (("muscles.yml", "muscles"), ("sources.yml", "sources")):
        ids |= {item["id"] for item in yaml.safe_load((data / name).read_text())[key]}
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


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=4) | st.dictionaries(
        odd_text | st.integers(), children, max_size=4
    )


values = st.recursive(scalars, _containers, max_leaves=12)


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
def tree_mutation(draw: st.DrawFn, name: str, root: Path = DATA) -> Case:
    data = yaml.safe_load((root / name).read_text(encoding="utf-8"))
    paths = _paths(data)
    path = draw(st.sampled_from(paths))
    kind = draw(st.sampled_from(["delete", "wrong type", "swap id", "odd unicode", "repeat"]))
    if kind == "delete":
        mutated = _delete(data, path)
    elif kind == "wrong type":
        new = draw(values)
        mutated = _replace(data, path, lambda old: new)
    elif kind == "swap id":
        new_id = draw(st.sampled_from(all_ids(root)))
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
def text_mutation(draw: st.DrawFn, name: str, root: Path = DATA) -> Case:
    raw = (root / name).read_bytes()
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


# --- Raw YAML text: what a person can type, whatever a dumper would write. ---------------

RAW_SCALARS = (
    # YAML 1.1 booleans and nulls, which YAML 1.2 reads as text
    "yes",
    "no",
    "on",
    "off",
    "y",
    "N",
    "Yes",
    "OFF",
    "~",
    "null",
    "Null",
    "NULL",
    "",
    "true",
    "False",
    "TRUE",
    # numbers in every base and form, sexagesimal, specials
    "0",
    "-0",
    "017",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "1:30",
    "190:20:30",
    "+12",
    "-3",
    "1.5",
    ".5",
    "5.",
    "1e3",
    "1e400",
    "-1e-400",
    ".inf",
    "-.Inf",
    ".NaN",
    "nan",
    # dates and timestamps, possible and impossible
    "2026-11-24",
    "2026-13-45",
    "2026-02-30",
    "0000-00-00",
    "2001-12-14t21:59:43.10-05:00",
    "2026-11-24 10:00:00",
    "99999-01-01",
    # YAML syntax where a value goes
    "=",
    "<<",
    "'quoted'",
    '"double \\u00e9 \\x41"',
    "'unterminated",
    '"unterminated',
    "|",
    ">-",
    "- a",
    "? a",
    "[a, b",
    "{a: 1",
    "[]",
    "{}",
    "[[]]",
    "{a: {b: [c]}}",
    "!!str 5",
    "!!int x",
    "!!binary aGVsbG8=",
    "!!python/object:os.system",
    "!!set {a}",
    "!!omap [a: 1]",
    "!local x",
    "&anchor x",
    "*alias",
    "%YAML 1.1",
    "---",
    "...",
    "@x",
    "`x",
    "#",
    "a # comment",
    "a: b: c",
    "- - -",
    ":",
    "x:",
    '"\\t\\n"',
)
_VALUE_LINE = re.compile(rb"^( *(?:- )?[\w-]+:) .+$", re.MULTILINE)


def _value_lines(raw: bytes) -> list[re.Match[bytes]]:
    return list(_VALUE_LINE.finditer(raw)) or list(re.finditer(rb"^.*$", raw, re.MULTILINE))


@st.composite
def raw_text_mutation(draw: st.DrawFn, name: str, root: Path = DATA) -> Case:
    """The real file's text with one value (or more) replaced by raw YAML text."""
    raw = (root / name).read_bytes()
    lines = _value_lines(raw)
    line = draw(st.sampled_from(lines))
    key = line.group(1) if line.re is _VALUE_LINE else b"x:"
    kind = draw(
        st.sampled_from(
            ["scalar", "nesting", "anchor", "bomb", "huge", "control", "indent", "multi"]
        )
    )
    if kind == "scalar":
        value = draw(st.sampled_from(RAW_SCALARS)).encode()
    elif kind == "nesting":
        depth = draw(st.integers(min_value=1, max_value=400))
        style = draw(st.sampled_from(["flow list", "flow map", "block"]))
        if style == "flow list":
            value = b"[" * depth + b"x" + b"]" * depth
        elif style == "flow map":
            value = b"{a: " * depth + b"x" + b"}" * depth
        else:
            value = b"".join(b"\n" + b"  " * (i + 2) + b"k:" for i in range(depth)) + b" x"
    elif kind == "anchor":
        value = draw(st.sampled_from([b"&a x", b"*a", b"&a [1, 2]", b"!!str &a x", b"*unknown"]))
        raw = raw.replace(b": ", b": *a ", 1) if draw(st.booleans()) else raw
    elif kind == "bomb":
        levels = draw(st.integers(min_value=1, max_value=12))
        rows = [b"&l0 [x, x, x, x, x, x, x, x, x]"]
        rows += [
            b"&l%d [" % i + b", ".join([b"*l%d" % (i - 1)] * 9) + b"]" for i in range(1, levels)
        ]
        value = b"[" + b", ".join(rows) + b"]"
    elif kind == "huge":
        size = draw(st.sampled_from([10_000, 300_000, 1_100_000, 3_000_000]))
        value = draw(st.sampled_from([b"x", b"\xc3\xa9", b"ab "])) * (size // 2)
    elif kind == "control":
        value = draw(st.binary(min_size=1, max_size=8).map(lambda b: bytes(c % 32 for c in b)))
    elif kind == "indent":
        start = line.start()
        prefix = draw(st.sampled_from([b"\t", b" \t", b"\t  ", b"   ", b" ", b"          "]))
        return Case(name, raw[:start] + prefix + raw[start:], "mixed indentation")
    else:
        picked = draw(st.lists(st.sampled_from(lines), min_size=2, max_size=6, unique_by=id))
        out = raw
        for match in sorted(picked, key=lambda m: m.start(), reverse=True):
            token = draw(st.sampled_from(RAW_SCALARS)).encode()
            prefix = match.group(1) if match.re is _VALUE_LINE else b"x:"
            out = out[: match.start()] + prefix + b" " + token + out[match.end() :]
        return Case(name, out, "several raw values")
    replacement = key + b" " + value
    return Case(name, raw[: line.start()] + replacement + raw[line.end() :], f"raw {kind}")


@st.composite
def raw_document(draw: st.DrawFn, root: Path = DATA) -> Case:
    """A whole file of generated lines: real key names, raw values, any indentation."""
    name = draw(st.sampled_from(real_files(root)))
    found = _VALUE_LINE.finditer((root / name).read_bytes())
    keys = sorted({m.group(1).strip().removeprefix(b"- ").rstrip(b":") for m in found} | {b"x"})
    lines = []
    for _ in range(draw(st.integers(min_value=1, max_value=30))):
        indent = b" " * draw(st.integers(min_value=0, max_value=12))
        dash = draw(st.sampled_from([b"", b"- "]))
        key = draw(st.sampled_from(keys))
        value = draw(st.sampled_from(RAW_SCALARS)).encode()
        lines.append(indent + dash + key + b": " + value)
    return Case(name, b"\n".join(lines) + b"\n", "raw document")


def cases(data: Path = DATA) -> st.SearchStrategy[Case]:
    """Damaged copies of one file of the library in ``data``."""
    files = st.sampled_from(real_files(data))
    return st.one_of(
        files.flatmap(lambda name: tree_mutation(name, data)),
        files.flatmap(lambda name: text_mutation(name, data)),
        files.flatmap(lambda name: raw_text_mutation(name, data)),
        files.flatmap(lambda name: raw_text_mutation(name, data)),
        files.flatmap(lambda name: raw_text_mutation(name, data)),
        raw_document(data),
        st.builds(lambda name, data: Case(name, dump(data), "generated document"), files, values),
        new_file(),
    )


# --- Running a case, and the property. ------------------------------------------------


class Workspace:
    """A scratch copy of ``data/``; each case changes one file and puts it back after."""

    def __init__(self, root: Path, data: Path = DATA) -> None:
        self.data = root / "data"
        shutil.copytree(data, self.data)

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
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", str(data_dir)])
    except Exception as error:  # a crash breaks the promise: report it as a failed case
        return 2, out.getvalue(), f"crashed: {type(error).__name__}: {error}"
    return code, out.getvalue(), err.getvalue()


def problems(code: int, out: str, err: str) -> list[str]:
    """How one run broke the validator's promise; empty when it kept it."""
    if code == 0:
        if err or "is valid" not in out:
            return [f"exit 0 without the summary, or with errors: {out!r} {err!r}"]
        return []
    if code != 1:
        return [f"exit {code}: {err or out}"]
    if "internal error" in err:
        return ["an internal error instead of a located message"]
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
