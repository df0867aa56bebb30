"""Legwork's fixes to Material's partials, kept as exact edits of the upstream files.

Each ``overrides/partials/<name>`` is Material's own partial with the edits below applied,
nothing more. ``tests/test_gates_theme.py`` rebuilds every one from the installed Material
and compares, so an upgrade that changes an upstream partial fails loudly instead of
shipping a stale fork. After an upgrade, run ``legwork theme`` to regenerate the overrides,
then the gates. Material is found on disk, not imported.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OVERRIDES = ROOT / "overrides"


def _upstream() -> Path:
    spec = find_spec("material")
    if spec is None or spec.origin is None:
        raise PatchError("mkdocs-material is not installed")
    return Path(spec.origin).parent / "templates"


UPSTREAM_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"


class PatchError(Exception):
    """An edit no longer fits the upstream partial: Material changed it."""


@dataclass(frozen=True)
class Edit:
    why: str
    old: str
    new: str
    count: int = 1


PATCHES: dict[str, tuple[Edit, ...]] = {
    "partials/search.html": (
        Edit(
            why="axe aria-dialog-name: the search dialog had no accessible name",
            old='<div class="md-search" data-md-component="search" role="dialog">',
            new=(
                '<div class="md-search" data-md-component="search" role="dialog"'
                " aria-label=\"{{ lang.t('search') }}\">"
            ),
        ),
    ),
    "partials/nav-item.html": (
        Edit(
            why=(
                'Nu checker: tabindex="" on section labels is not an integer; -1 keeps them '
                "out of the tab order as before and still matches Material's label[tabindex] "
                "script that keeps aria-expanded in step"
            ),
            old='{% set tabindex = "0" if not is_section %}',
            new='{% set tabindex = "0" if not is_section else "-1" %}',
            count=2,
        ),
        Edit(
            why=(
                "axe landmark-unique: a section with an index page labels its <nav> by a "
                "toggle holding only an icon, so every such nav had the same empty name"
            ),
            old=(
                '_label" tabindex="{{ tabindex }}">\n'
                '                <span class="md-nav__icon md-icon"></span>\n'
                "              </label>"
            ),
            new=(
                '_label" tabindex="{{ tabindex }}">\n'
                '                <span class="md-nav__icon md-icon"></span>\n'
                '                <span class="lw-visually-hidden">'
                "{{ render_title(nav_item) }}</span>\n"
                "              </label>"
            ),
        ),
    ),
    "partials/toc-item.html": (
        Edit(
            why=(
                "axe landmark-unique: a heading's sub-contents <nav> was named by the heading "
                'alone, the same as a site section (an "Exercises" heading beside the '
                '"Exercises" section); naming it as part of the table of contents keeps '
                "every landmark distinct"
            ),
            old='<nav class="md-nav" aria-label="{{ toc_item.title | striptags | e }}">',
            new=(
                '<nav class="md-nav" aria-label="{{ lang.t(\'toc\') }}: '
                '{{ toc_item.title | striptags | e }}">'
            ),
        ),
    ),
    "partials/footer.html": (
        Edit(
            why=(
                "escaping: page titles are HTML (MkDocs' convention, and how Legwork writes "
                "them), so escaping them again turned an apostrophe into &#39; in the "
                "previous and next links' accessible names; strip to text first, then escape"
            ),
            old="{{ page.previous_page.title | e }}",
            new="{{ page.previous_page.title | striptags | e }}",
        ),
        Edit(
            why="the same for the next link",
            old="{{ page.next_page.title | e }}",
            new="{{ page.next_page.title | striptags | e }}",
        ),
    ),
    "partials/toc.html": (
        Edit(
            why=(
                'Nu checker: a section index page (navigation.indexes) has no "__toc" '
                "toggle in the navigation, so its table-of-contents title must not point "
                "at one"
            ),
            old='    <label class="md-nav__title" for="__toc">\n',
            new=(
                "    {% set toggle = page in nav.pages and not (page.is_index and page.parent"
                ' and "navigation.indexes" in features) %}\n'
                '    <label class="md-nav__title"{% if toggle %} for="__toc"{% endif %}>\n'
            ),
        ),
    ),
}


def header(name: str, edits: tuple[Edit, ...]) -> str:
    reasons = "".join(
        textwrap.fill(
            edit.why, 92, initial_indent="  - ", subsequent_indent="    ", break_on_hyphens=False
        )
        + "\n"
        for edit in edits
    )
    return (
        f"{{#-\n  Material {version('mkdocs-material')}'s {name} with Legwork's fixes.\n"
        "  Generated by macros/theme.py (`legwork theme`): edit the patch there, not here.\n"
        f"{reasons}-#}}\n"
    )


def patched(name: str) -> str:
    """The upstream partial ``name`` with Legwork's edits applied."""
    text = (_upstream() / name).read_text(encoding="utf-8")
    if not text.startswith(UPSTREAM_HEADER):
        raise PatchError(f"{name}: Material's header comment changed")
    edits = PATCHES[name]
    text = header(name, edits) + text.removeprefix(UPSTREAM_HEADER)
    for edit in edits:
        found = text.count(edit.old)
        if found != edit.count:
            raise PatchError(
                f"{name}: expected {edit.count} of {edit.old!r}, found {found}; "
                "Material changed this partial, so re-check the fix against it"
            )
        text = text.replace(edit.old, edit.new)
    return text


def write_all() -> list[Path]:
    written = []
    for name in PATCHES:
        target = OVERRIDES / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(patched(name), encoding="utf-8")
        written.append(target)
    return written
