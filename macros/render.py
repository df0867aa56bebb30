"""The one Jinja environment that turns models into Markdown pages.

Every value a template prints is escaped twice over: for HTML (so ``<script>`` is text) and
for Markdown (so ``*``, ``[`` or ``|`` in data cannot become emphasis, links or table
cells). Only values a template marks safe on purpose (URLs we build, JSON for front
matter) pass through untouched. Undefined names fail loudly.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from macros.models import PATTERN_TITLES, Amount, Range

KG_TO_LB = 2.20462
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")
_LIST_START = re.compile(r"^(\s*)(\d+)\.")


def markdown_text(value: Any) -> Markup:
    """Escape data text so it renders exactly as written, inert, in Markdown and HTML."""
    if isinstance(value, Markup):
        return value
    text = str(escape(str(value)))
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _LIST_START.sub(r"\1\2\\.", text)
    if text.startswith(("-", ">")):
        text = "\\" + text
    return Markup(text.replace("\n", " "))


def _finalize(value: Any) -> Any:
    return markdown_text(value) if not isinstance(value, Markup) else value


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


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("macros", "templates"),
        autoescape=False,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown's attribute lists open with "{#": keep Jinja comments out of their way.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(span=span, kg_and_lb=kg_and_lb, rest=rest)
    env.filters["safe_url"] = Markup
    # Inside raw HTML blocks Markdown does not run: escape for HTML only.
    env.filters["html"] = lambda text: escape(str(text))
    # Abbreviation titles become HTML attributes, which ElementTree escapes itself.
    env.filters["attribute_text"] = lambda text: Markup(" ".join(str(text).split()))
    env.globals["PATTERN_TITLES"] = PATTERN_TITLES
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
