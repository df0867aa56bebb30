"""Hostile text in data, and how to tell whether a built page kept it inert.

The validator rejects markup and template syntax in text fields (``_UNSAFE_TEXT`` in
``macros/models.py``); these payloads are what it stops. The data-safety test switches off
only that check, builds a copy of the project whose data carries them, and proves the
renderer's escaping alone keeps every one inert: shown as text, never run, never evaluated.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

from tests.gates.site import ROOT

PWNED = "__lwPwned"
"""Every script payload sets this global: if it is ever defined, a payload ran."""

SEARCH_WORD = "Quokka"
"""A word no real page has, so a search finds exactly the page with the payloads."""

PAYLOADS = {
    "script": f"<script>window.{PWNED}='script'</script>",
    "breakout": f'"><img src=x onerror="window.{PWNED}=\'attribute\'">',
    "event": f"<b onmouseover=\"window.{PWNED}='event'\">hover</b>",
    "javascript_link": f"<a href=\"javascript:window.{PWNED}='link'\">link</a>",
    "markdown_link": f"[click](javascript:window.{PWNED}='markdown')",
    "expression": "{{ 'LWTPL' ~ 'EVAL' }}",
    "statement": "{% if true %}LWSTMT{% endif %}",
    "comment": "{# LWCOMMENT #}",
}
EVALUATED = {"expression": "LWTPLEVAL", "statement": "LWSTMT"}
"""What each template payload turns into if a template engine runs it."""

_URL_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class HostileProject:
    root: Path
    exercise: str
    session: str
    muscle: str

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"


def make_project(target: Path) -> HostileProject:
    """A copy of the project whose data carries every payload in its text fields.

    Code, pages and theme are linked, not copied; ``data/`` is copied and then edited.
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "overrides", "macros"):
        (target / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "data", target / "data")
    if (ROOT / ".cache").is_dir():  # earlier preview renders: saves re-drawing every card
        shutil.copytree(ROOT / ".cache", target / ".cache")
    data = target / "data"

    session_path = sorted((data / "sessions").glob("*.yml"))[0]
    session = _load(session_path)
    exercise_id = session["blocks"][0]["exercise"]
    exercise_path = data / "exercises" / f"{exercise_id}.yml"
    exercise = _load(exercise_path)
    muscle_id = exercise["muscles"]["primary"][0]

    everything = " ".join(PAYLOADS.values())
    exercise["name"] = f"{SEARCH_WORD} {PAYLOADS['script']}"
    exercise["aliases"] = [PAYLOADS["comment"], PAYLOADS["statement"]]
    exercise["summary"] = f"{SEARCH_WORD} summary {PAYLOADS['breakout']} {PAYLOADS['expression']}"
    exercise["why_for_runners"] = f"{SEARCH_WORD} {everything}"
    technique = exercise["technique"]
    technique["cues"][0] = PAYLOADS["event"]
    technique["setup"][0] = PAYLOADS["javascript_link"]
    technique["faults"][0]["fault"] = PAYLOADS["markdown_link"]
    technique["faults"][0]["fix"] = everything[:400]
    exercise["dosage"][0]["progression"] = PAYLOADS["breakout"]
    _dump(exercise_path, exercise)

    session["title"] = f"{SEARCH_WORD} {PAYLOADS['statement']}"
    session["summary"] = f"{SEARCH_WORD} card {PAYLOADS['breakout']} {PAYLOADS['script']}"
    session["blocks"][0]["cue"] = PAYLOADS["event"]
    _dump(session_path, session)

    muscles_path = data / "muscles.yml"
    muscles = _load(muscles_path)
    muscle = next(m for m in muscles["muscles"] if m["id"] == muscle_id)
    muscle["role_in_running"] = everything
    _dump(muscles_path, muscles)

    glossary_path = data / "glossary.yml"
    glossary = _load(glossary_path)
    for term in glossary["terms"]:  # tooltips are HTML attributes: try to break out of one
        term["definition"] = f"{PAYLOADS['breakout']} {PAYLOADS['script']}"
    _dump(glossary_path, glossary)

    return HostileProject(target, exercise_id, session_path.stem, muscle_id)


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def live_payloads(html: str) -> list[str]:
    """Every way ``html`` lets a payload act: a script, handler or link that would run, or
    template syntax that was evaluated. Empty when everything stayed text."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
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
    text = soup.get_text(" ")
    for payload, result in EVALUATED.items():
        if text.count(result) > text.count(PAYLOADS[payload]):
            found.append(f"template evaluated: {payload} became {result!r}")
    return found


def visible_text(html: str) -> str:
    """The page's text as a reader sees it, whitespace folded."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
