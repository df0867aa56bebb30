"""Hostile text in every text field of the data, and how to tell whether it stayed inert.

The validator accepts any characters in text (a coach may write "hips & knees <2 cm>"), so
the renderer alone must keep data text literal. :func:`make_project` builds a copy of the
project whose every free-text field, found by asking the models (so fields added later are
covered without editing this file), holds a payload with a unique marker. The gate then
reads every sink (page text, attributes such as tooltips and link-preview metadata, tags,
the search index, the JSON and a printed PDF) and checks each marker's payload appears
exactly as written, and that no payload ran, rendered as markup or was evaluated.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml
from bs4 import BeautifulSoup
from pydantic import BaseModel

from macros.data.errors import DataErrors, Document
from macros.data.loader import CATALOGUES, COLLECTIONS, validate
from tests.conftest import computed_minutes, dump_yaml
from tests.gates.site import ROOT

PWNED = "__lwPwned"
"""Every script payload sets this global: if it is ever defined, a payload ran."""

SEARCH_WORD = "Quokka"
"""A word no real page has, so a search finds exactly the pages with the payloads."""

# Longest first: a field gets the longest payload its length limit accepts. Each starts with
# what Markdown or its extensions would treat specially at the start of a line.
PAYLOADS = (
    "# ??? !!! <script>window.__lwPwned='script'</script> "
    "<img src=x onerror=\"window.__lwPwned='img'\"> it's \"q\" & {{ 'LW' ~ 'EVAL' }} "
    "{% if true %}LWSTMT{% endif %} | a|b *c* _d_ {: .x } [e](javascript:window.__lwPwned=1)",
    "# ??? <b onmouseover=\"window.__lwPwned='b'\">&amp;</b> {{ 'LW' ~ 'EVAL' }} | *c* [e](x)",
    "!!! <b>&amp;</b> it's {{ 'LW' ~ 'EVAL' }} | *c*",
    "??? <b>&</b> {{ 'LW'~'EVAL' }} |",
)

_URL_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)


def candidates(marker: str, key: str | int) -> list[str]:
    """What a field is offered, most hostile first: free text takes the longest payload its
    length limit allows; a field with a pattern (a DOI, a URL) takes the payload its
    validator accepts, built from the characters the pattern still lets through; a
    glossary term (matched against page text) takes its marker alone. A field that
    accepts none of these is an id, a vocabulary value, a number or a date: not text."""
    if key == "term":
        return [marker]
    return [
        *(f"{SEARCH_WORD} {marker} {payload}" for payload in PAYLOADS),
        # A DOI: parentheses, a semicolon and a colon would end a Markdown link and start
        # a script URL if they reached a page unescaped.
        f"10.1234/{marker}.(x);javascript:alert(1)/a_b-c",
        # A URL: an encoded quote and angle brackets, a second scheme in the query.
        f"https://example.org/{marker}/%22%3E%3Cscript%3E?a=1&b=javascript:x;c=*",
    ]


@dataclass(frozen=True)
class Field:
    file: str
    loc: tuple[str | int, ...]
    marker: str
    text: str
    """The whole value as written: the marker, a space, then the payload."""


@dataclass(frozen=True)
class HostileProject:
    root: Path
    fields: tuple[Field, ...]
    exercise: str
    session: str
    muscle: str

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    def markers(self) -> dict[str, Field]:
        return {field.marker: field for field in self.fields}


def _model_for(relative: Path) -> type[BaseModel]:
    if relative.parent.name in COLLECTIONS:
        return COLLECTIONS[relative.parent.name]
    return CATALOGUES[relative.name]


def string_leaves(data: Any, loc: tuple = ()) -> Iterator[tuple]:
    """The location of every string in nested dicts and lists."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from string_leaves(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from string_leaves(value, (*loc, index))
    elif isinstance(data, str):
        yield loc


def replaced(data: Any, loc: tuple, value: str) -> Any:
    """A deep copy of ``data`` with the string at ``loc`` replaced."""
    copied = copy.deepcopy(data)
    target = copied
    for part in loc[:-1]:
        target = target[part]
    target[loc[-1]] = value
    return copied


def accepts(model: type[BaseModel], data: Any) -> bool:
    try:
        validate(model, Document("hostile.yml", data))
    except DataErrors:
        return False
    return True


def make_project(target: Path, prepare: Callable[[Path], None] | None = None) -> HostileProject:
    """A copy of the project whose every free-text field carries a marked payload;
    ``prepare`` may change the copied project (its root) before the payloads go in."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("overrides", "macros"):
        (target / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copytree(ROOT / "docs", target / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(config + "\nnot_in_nav: hostile.md\n", encoding="utf-8")
    shutil.copytree(ROOT / "data", target / "data")
    if (ROOT / ".cache").is_dir():  # earlier preview renders: saves re-drawing every card
        shutil.copytree(ROOT / ".cache", target / ".cache")
    data_dir = target / "data"
    if prepare is not None:
        prepare(target)
    # Payloads are long: two blocks a session keep every card on one page (the capacity
    # check is validation too), with the stated time restated for the shorter session.
    for path in sorted((data_dir / "sessions").glob("*.yml")):
        session = yaml.safe_load(path.read_text(encoding="utf-8"))
        session["blocks"] = session["blocks"][:2]
        session["duration_minutes"] = computed_minutes(session, data_dir)
        path.write_text(dump_yaml(session), "utf-8")
    # A programme's week changes only exercises still on its trimmed card.
    on_card = {
        path.stem: {block["exercise"] for block in yaml.safe_load(path.read_text())["blocks"]}
        for path in (data_dir / "sessions").glob("*.yml")
    }
    for path in sorted((data_dir / "programmes").glob("*.yml")):
        programme = yaml.safe_load(path.read_text(encoding="utf-8"))
        for week in programme["weeks"]:
            for card in week["cards"]:
                kept = on_card[card["card"]]
                for key in ("doses", "leave_out"):
                    if key in card:
                        card[key] = [
                            item
                            for item in card[key]
                            if (item["exercise"] if key == "doses" else item) in kept
                        ]
                        if not card[key]:
                            del card[key]
        programme.pop("next", None)
        path.write_text(dump_yaml(programme), "utf-8")
    # A rung that starts alongside an easier one names the card that does so: where the
    # trimmed card no longer doses it, the statement goes with the block.
    for path in sorted((data_dir / "exercises").glob("*.yml")):
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        alongside = entry.get("starts_alongside")
        if alongside and entry["id"] not in on_card[alongside["card"]]:
            del entry["starts_alongside"]
            path.write_text(dump_yaml(entry), "utf-8")
    # Trimmed cards no longer hold the rungs their "next" cards build on, nor the sets a
    # deload week is measured against: those cross-card rules have tests of their own.
    for path in sorted((data_dir / "sessions").glob("*.yml")):
        session = yaml.safe_load(path.read_text(encoding="utf-8"))
        session.pop("next", None)
        path.write_text(dump_yaml(session), "utf-8")
    rules = yaml.safe_load((data_dir / "coaching.yml").read_text(encoding="utf-8"))
    rules["deload"]["sets_fraction"] = 1
    (data_dir / "coaching.yml").write_text(dump_yaml(rules), "utf-8")
    fields: list[Field] = []
    for path in sorted(data_dir.rglob("*.yml")):
        relative = path.relative_to(data_dir)
        model = _model_for(relative)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for loc in list(string_leaves(data)):
            marker = f"LW{len(fields):04d}"
            text = next(
                (t for t in candidates(marker, loc[-1]) if accepts(model, replaced(data, loc, t))),
                None,
            )
            if text is None:
                continue  # an id, a vocabulary value or a date: not text
            data = replaced(data, loc, text)
            fields.append(Field(str(relative), loc, marker, text))
        path.write_text(dump_yaml(data), "utf-8")
    session_path = sorted((data_dir / "sessions").glob("*.yml"))[0]
    session = yaml.safe_load(session_path.read_text(encoding="utf-8"))
    exercise_id = session["blocks"][0]["exercise"]
    exercise = yaml.safe_load((data_dir / "exercises" / f"{exercise_id}.yml").read_text())
    muscle_id = exercise["muscles"]["primary"][0]
    # A hand-written page that prints the hostile name through the macros path, beside the
    # generated page that prints it through the templates: the two must read the same.
    (target / "docs" / "hostile.md").write_text(
        "---\ntitle: Hostile\ndescription: Hostile text through the macros path.\n---\n\n"
        "# Hostile\n\n"
        f'{{{{ library.exercises["{exercise_id}"].name }}}}\n{{: #by-variable }}\n\n'
        f'{{{{ link("exercise", "{exercise_id}") }}}}\n{{: #by-link }}\n',
        encoding="utf-8",
    )
    return HostileProject(target, tuple(fields), exercise_id, session_path.stem, muscle_id)


# --- Reading the sinks. ---------------------------------------------------------------


def squeeze(text: str) -> str:
    """Text with all white space removed: layout may break lines, never change characters."""
    return re.sub(r"\s+", "", text)


MARKER = re.compile(r"LW\d{4}")


def misread(found: str, fields: dict[str, Field], where: str) -> list[str]:
    """Every marker in ``found`` whose payload does not follow it exactly as written."""
    problems = []
    flat = squeeze(found)
    for marker in sorted(set(MARKER.findall(found))):
        field = fields.get(marker)
        if field is None:
            continue
        written = squeeze(field.text.split(marker, 1)[1])
        at = flat.find(marker)
        if at == -1 or not flat[at + len(marker) :].startswith(written):
            shown = flat[at : at + len(marker) + len(written) + 20] if at != -1 else flat[:80]
            problems.append(f"{where}: {marker} ({field.file} {field.loc}) reads {shown!r}")
    return problems


def page_sinks(html: str) -> dict[str, str]:
    """What a reader and a fetcher get from a page: its text, and every attribute value
    (tooltips, link-preview metadata, alt text, accessible names)."""
    soup = BeautifulSoup(html, "html.parser")
    sinks = {}
    for number, script in enumerate(soup.find_all("script", type="application/ld+json")):
        strings = " ".join(json_strings(json.loads(script.get_text())))
        if MARKER.search(strings):
            sinks[f"<script ld+json #{number}>"] = strings
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    sinks["text"] = soup.get_text(" ")
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name in ("href", "src"):
                text = unquote(text)  # a link carries text percent-encoded, as it should
            if MARKER.search(text):
                sinks[f"<{tag.name} {name}>"] = text
    return sinks


def json_strings(value: Any) -> Iterator[str]:
    """Every string in parsed JSON, one by one."""
    if isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)
    elif isinstance(value, str):
        yield value


def _json_data(script) -> bool:
    """A ``<script type="application/json">`` that holds one well-formed JSON document."""
    if (script.get("type") or "").lower() != "application/json":
        return False
    try:
        json.loads(script.get_text())
    except ValueError:
        return False
    return True


def live_payloads(html: str) -> list[str]:
    """Every way ``html`` lets a payload act: a script, handler or link that would run, an
    element the text created, or template syntax that was evaluated. Empty when inert."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":  # data for search engines: never run
            continue
        if _json_data(script):
            continue  # a data block the page's script reads; browsers never run it
        if PWNED in script.get_text():
            found.append(f"live script: {str(script)[:120]}")
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") and PWNED in text:
                found.append(f"live event handler: <{tag.name} {name}={text[:80]!r}>")
            if name.lower() in ("href", "src", "action", "formaction") and _URL_SCHEMES.match(text):
                found.append(f"live script URL: <{tag.name} {name}={text[:80]!r}>")
        if tag.name == "img" and tag.get("src") == "x":
            found.append(f"injected element: {str(tag)[:120]}")
    text = squeeze(soup.get_text(" "))
    if text.count("LWSTMT") > text.count("%}LWSTMT{%"):
        found.append("template evaluated: a statement printed 'LWSTMT'")
    if "LWEVAL" in text:
        found.append("template evaluated: an expression printed 'LWEVAL'")
    return found


def visible_text(html: str) -> str:
    """The page's text as a reader sees it, whitespace folded."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
