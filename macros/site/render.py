"""The one escaping rule, and the one Jinja environment that applies it to every template.

Data text reaches a page only through :func:`markdown_text`: escaped for HTML (so ``<b>`` is
text) and for Markdown and its extensions (so ``*``, ``[``, ``|``, a leading ``#``, ``!!!``
or ``???`` cannot become emphasis, links, table cells, headings, admonitions or details),
so it reads exactly as written. Every template prints every value through it (Jinja
``finalize``, with ``autoescape`` on), and the hand-written pages' macros use the same
function and filters. Markup is built only by the filters below, each escaping what it
inserts (``Markup("[{0}]({1})").format(...)``); no filter marks data as safe. A link target
or URL that could leave its attribute or link (a quote, a bracket, white space, a scheme
other than https) is refused, never printed. Undefined names fail loudly. No MkDocs import.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any
from urllib.parse import quote

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


_TERM = re.compile(r"^[A-Za-z][A-Za-z0-9' -]*$")


def abbreviation(term: str, definition: Any) -> Markup:
    """A Markdown abbreviation, ``*[RDL]: Romanian deadlift``: the term as the text it must
    match (letters, digits, spaces, hyphens, apostrophes, as the glossary model allows), the
    definition escaped for the tooltip attribute (the abbr extension keeps entities)."""
    if not _TERM.match(term):
        raise UnsafeLink(f"refusing {term!r} as an abbreviation: not a plain word")
    definition = re.sub(r"\s+", " ", str(definition)).strip()
    # The term passed the pattern above: no character in it is special to HTML or Markdown.
    return Markup("*[" + term + "]: ") + escape(definition)


def slug(value: Any) -> str:
    """``Runner's knee`` → ``runners-knee``: text made into an id."""
    words = re.sub(r"[^a-z0-9 -]", "", str(value).lower())
    return "-".join(words.split())


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
    """``3 × 15 reps``, ``45 s``, ``every set at 20 contacts``, then any condition."""
    unit = UNITS[rule.measure]
    text = f"{rule.sets} × {rule.amount} {unit}" if rule.sets else f"{rule.amount} {unit} every set"
    return f"{text} {rule.condition}" if rule.condition else text


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


class UnsafeLink(ValueError):
    """A link target or URL that could break out of its link or attribute."""


_RELATIVE_TARGET = re.compile(r"^[A-Za-z0-9._~/%?=&#+-]*$")
_ABSOLUTE_URL = re.compile(r"^https?://[A-Za-z0-9._~/%?=&#+:@,;!*-]+$")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def link_target(value: Any) -> Markup:
    """A link's target, checked and escaped: a relative path we built, or an absolute http(s)
    URL with no character that could end the link or its attribute (quotes, brackets,
    parentheses, white space, a backslash)."""
    target = str(value)
    if target.startswith(("https://", "http://")):
        if not _ABSOLUTE_URL.match(target):
            raise UnsafeLink(f"refusing to link to {target!r}: not a plain http(s) URL")
    elif not _RELATIVE_TARGET.match(target) or ":" in target.split("/")[0]:
        raise UnsafeLink(f"refusing to link to {target!r}: not a plain relative path")
    return escape(target)


def md_link(text: Any, target: Any) -> Markup:
    """A Markdown link: ``{{ name | md_link(links.page("exercise", id)) }}``."""
    return Markup("[{0}]({1})").format(markdown_text(text), link_target(target))


def html_link(text: Any, target: Any) -> Markup:
    """An HTML link, for raw HTML blocks where Markdown does not run."""
    return Markup('<a href="{0}">{1}</a>').format(link_target(target), html_text(text))


def heading_id(value: Any) -> Markup:
    """A Markdown attribute list giving a heading its id: ``{#calf-raise}``; the id must be a
    slug (letters, digits, hyphens, underscores)."""
    slug = str(value)
    if not _SLUG.match(slug):
        raise UnsafeLink(f"refusing {slug!r} as an id: not a slug")
    return Markup("{{#{0}}}").format(slug)


def doi_url(doi: str) -> str:
    """A DOI's resolver URL, every character a link could trip on percent-encoded."""
    return "https://doi.org/" + quote(doi, safe="/.")


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
    "abbreviation": abbreviation,
    "slug": slug,
    "md_link": md_link,
    "html_link": html_link,
    "link_target": link_target,
    "heading_id": heading_id,
    "doi_url": doi_url,
}


@cache
def environment() -> Environment:
    """The project's one Jinja environment: generated pages, the citation partial, cards,
    the service worker and (as an overlay) the hand-written pages all render through it."""
    env = Environment(
        loader=PackageLoader("macros.site", "templates"),
        autoescape=True,
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


@cache
def prose_environment() -> Environment:
    """The hand-written pages' template policy (mkdocs.yml's macros settings: no block
    trimming), an overlay of the one environment so it shares its filters and escaping."""
    return environment().overlay(
        trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=False
    )
