"""The one escaping rule, and the Jinja environment that applies it to every page.

Data text reaches a page only through :func:`markdown_text`: escaped for HTML (so ``<b>`` is
text) and for Markdown and its extensions (so ``*``, ``[``, ``|``, a leading ``#``, ``!!!``
or ``???`` cannot become emphasis, links, table cells, headings, admonitions or details),
so it reads exactly as written. The generated pages' templates print every value through
it (Jinja ``finalize``), and the hand-written pages' macros use the same function. Values a
template marks safe on purpose (URLs we build, SVG we draw, JSON for front matter) pass
through untouched. Undefined names fail loudly. No MkDocs import.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from macros.data import vocab
from macros.data.models import KG_TO_LB, Amount, Dose, Exercise, ProgressRule, Range, Tempo

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")
_LIST_START = re.compile(r"^(\s*)(\d+)\.")

JINJA_SYNTAX: dict[str, str] = {
    "block_start_string": "{%",
    "block_end_string": "%}",
    "variable_start_string": "{{",
    "variable_end_string": "}}",
    # Markdown's attribute lists open with "{#": keep Jinja comments out of their way.
    "comment_start_string": "{##",
    "comment_end_string": "##}",
}
"""The template syntax of generated and hand-written pages alike (mkdocs.yml's ``j2_*``)."""


def markdown_text(value: Any) -> Markup:
    """Escape data text so it renders exactly as written, inert, in Markdown and HTML."""
    if isinstance(value, Markup):
        return value
    text = re.sub(r"\s+", " ", str(value))
    # Markdown first, HTML second: a backslash must never land inside an entity (&\#39;).
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _LIST_START.sub(r"\1\2\\.", text)
    # Quotes stay as typed: they are safe in text, and Markdown escapes its own attributes.
    text = html.escape(text, quote=False)
    if text.startswith("?"):  # pymdownx.details opens with "???"; "?" has no backslash escape
        text = "&#63;" + text[1:]
    return Markup(text)


def html_text(value: Any) -> Markup:
    """Data text for raw HTML blocks, where Markdown does not run: escaped for HTML only."""
    if isinstance(value, Markup):
        return value
    return escape(re.sub(r"\s+", " ", str(value)))


def attribute_text(value: Any) -> Markup:
    """Text for a Markdown abbreviation's title, which the abbr extension escapes itself."""
    return Markup(re.sub(r"\s+", " ", str(value)).strip())


def number(value: float) -> str:
    """``40.0`` → ``40``; ``2.5`` → ``2.5``."""
    return f"{value:g}"


def span(value: Range | Amount, unit: str = "") -> str:
    """A range as ``6–8``, or ``8`` when both ends agree, with an optional unit."""
    low, high = number(value.min), number(value.max)
    text = low if low == high else f"{low}–{high}"
    return f"{text} {unit}".strip()


def kg_and_lb(value: Amount) -> str:
    pounds = Amount(min=round(value.min * KG_TO_LB), max=round(value.max * KG_TO_LB))
    return f"{span(value, 'kg')} ({span(pounds, 'lb')})"


def rest(value: Range) -> str:
    """Rest in seconds, or in minutes once both ends are whole minutes of two or more."""
    if value.min % 60 == 0 and value.max % 60 == 0 and value.min >= 120:
        return span(Range(min=value.min // 60, max=value.max // 60), "min")
    return span(value, "s")


UNITS = {"reps": "reps", "seconds": "s", "contacts": "contacts"}


def amount(value: Range, measure: str, single: bool = False) -> str:
    """``8–10 reps``, ``30–45 s per side``, ``20 contacts``."""
    return f"{span(value, UNITS[measure])}{' per side' if single else ''}"


def dose_amount(dose: Dose, exercise: Exercise) -> str:
    """What one set of a stage holds, per side when the stage is single-leg."""
    return amount(dose.amount, dose.measure, exercise.legs(dose) == "single")


def effort_text(dose: Dose) -> str:
    if dose.reps_in_reserve is not None:
        return f"Stop with {span(dose.reps_in_reserve)} reps in reserve"
    return vocab.EFFORTS.label(dose.effort or "moderate")


def tempo_text(tempo: Tempo) -> str:
    """``3 s down · 1 s up · 1 s at the top`` (pauses of 0 s are left out)."""
    parts = [
        (tempo.lower, "down"),
        (tempo.bottom, "at the bottom"),
        (tempo.lift, "up"),
        (tempo.top, "at the top"),
    ]
    return " · ".join(f"{number(seconds)} s {where}" for seconds, where in parts if seconds)


def rule_text(rule: ProgressRule) -> str:
    """``3 × 15 reps``, ``45 s``, ``every set at 20 contacts``."""
    unit = UNITS[rule.measure]
    return f"{rule.sets} × {rule.amount} {unit}" if rule.sets else f"{rule.amount} {unit} every set"


def kits_text(kits: tuple[tuple[str, ...], ...]) -> str:
    """``Dumbbell and bench, or kettlebell and bench``."""
    labels = [[vocab.EQUIPMENT.label(item) for item in kit] for kit in kits]
    words = [label[:1].lower() + label[1:] for kit in labels for label in kit]
    words[0] = words[0][:1].upper() + words[0][1:]
    named, start = [], 0
    for kit in labels:
        named.append(" and ".join(words[start : start + len(kit)]))
        start += len(kit)
    return ", or ".join(named)


def short_authors(authors: str) -> str:
    """``Hébert-Losier, Schneiders and García`` → ``Hébert-Losier and others``; a note in
    brackets after a name is dropped."""
    first = re.split(r",| and ", authors.split(" (")[0])[0].strip()
    many = "," in authors or " and " in authors.split(" (")[0]
    return f"{first} and others" if many else first


VOCABULARIES: dict[str, vocab.Vocabulary] = {v.name: v for v in vocab.VOCABULARIES}


def label(term_id: str, vocabulary: str) -> str:
    """A vocabulary id's display label: ``"split-squat" | label("pattern")``."""
    return VOCABULARIES[vocabulary].label(term_id)


FILTERS = {
    "number": number,
    "span": span,
    "amount": amount,
    "dose_amount": dose_amount,
    "effort_text": effort_text,
    "tempo_text": tempo_text,
    "rule_text": rule_text,
    "kits_text": kits_text,
    "short_authors": short_authors,
    "kg_and_lb": kg_and_lb,
    "rest": rest,
    "label": label,
    "html": html_text,
    "attribute_text": attribute_text,
    "safe_url": Markup,
}


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("macros.site", "templates"),
        autoescape=False,
        finalize=markdown_text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        **JINJA_SYNTAX,
    )
    env.filters.update(FILTERS)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
