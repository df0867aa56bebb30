"""Which pages the site generates from the library, their Markdown, and the navigation.

Pure functions of a :class:`~macros.models.Library`: no MkDocs import, so another generator
(ProperDocs, Zensical) can call the same plan. The MkDocs adapter is ``macros.hooks``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

import segno
from markupsafe import Markup

from macros.models import PATTERN_TITLES, Exercise, Library, Session
from macros.previews import PreviewSpec, preview_specs
from macros.render import render
from macros.urls import absolute, exercise_uri, muscle_uri, page_url, session_uri

NavItem = str | dict[str, Any]


@dataclass(frozen=True)
class Page:
    src_uri: str
    markdown: str


def by_pattern(library: Library) -> list[tuple[str, list[Exercise]]]:
    """Exercises grouped by movement pattern, each group in ladder order."""
    order = list(PATTERN_TITLES)
    ordered = sorted(
        library.exercises.values(),
        key=lambda e: (order.index(e.pattern), library.rung(e.id), e.name),
    )
    return [(pattern, list(group)) for pattern, group in groupby(ordered, lambda e: e.pattern)]


def exercise_tags(library: Library, exercise: Exercise) -> list[str]:
    """Tags for Material's tags plugin: pattern, equipment and primary muscles."""
    equipment = [item.replace("-", " ").capitalize() for item in exercise.equipment]
    muscles = [library.muscles[muscle].name for muscle in exercise.muscles.primary]
    return [PATTERN_TITLES[exercise.pattern], *equipment, *muscles]


def qr_svg(url: str) -> Markup:
    """A QR code for ``url`` as inline SVG, drawn by segno (sized by CSS)."""
    code = segno.make_qr(url, error="m")
    svg = code.svg_inline(
        scale=1, border=2, omitsize=True, svgclass="lw-qr", title=f"QR code: {url}"
    )
    return Markup(svg)


def session_context(library: Library, session: Session, site_url: str) -> dict[str, object]:
    url = page_url(site_url, session_uri(session.id))
    return {
        "session": session,
        "url": url,
        "qr_svg": qr_svg(url),
        "split_log": any(library.exercises[b.exercise].per_side for b in session.blocks),
    }


def share_context(library: Library, site_url: str) -> dict[str, object]:
    """What the newsletter kit offers: each session and exercise with its canonical URL."""
    return {
        "shared_sessions": [
            (s, page_url(site_url, session_uri(s.id))) for s in library.sessions.values()
        ],
        "shared_exercises": [
            (e, page_url(site_url, exercise_uri(e.id))) for e in library.exercises.values()
        ],
    }


def generated_pages(library: Library, *, repo_url: str, site_url: str, pdfs: bool) -> list[Page]:
    """Every page the data produces, in a stable order."""
    common = {"library": library, "repo_url": repo_url, "pdf": pdfs}
    images: dict[str, PreviewSpec] = {spec.page: spec for spec in preview_specs(library)}

    def page(src_uri: str, template: str, **context: object) -> Page:
        preview = images.get(src_uri.removesuffix(".md") + "/", images[""])
        return Page(src_uri, render(template, preview=preview, **common, **context))

    pages = [
        page(
            exercise_uri(exercise.id),
            "exercise.md.j2",
            exercise=exercise,
            tags=exercise_tags(library, exercise),
        )
        for exercise in library.exercises.values()
    ]
    pages += [
        page(muscle_uri(muscle.id), "muscle.md.j2", muscle=muscle)
        for muscle in library.muscles.values()
    ]
    pages += [
        page(
            session_uri(session.id),
            "session.md.j2",
            **session_context(library, session, site_url),
        )
        for session in library.sessions.values()
    ]
    pages.append(page("sessions/index.md", "sessions.md.j2"))
    pages.append(page("exercises/index.md", "exercises.md.j2", groups=by_pattern(library)))
    pages.append(page("muscles/index.md", "muscles.md.j2"))
    pages.append(page("glossary.md", "glossary.md.j2"))
    pages.append(page("share.md", "share.md.j2", **share_context(library, site_url)))
    return pages


NAV_SECTION_SIZE = 25
"""Material renders the open nav section into every page: bounding a section's size keeps
the build linear in the number of exercises (benchmarks/build_scaling.py measures it)."""


def chunked(uris: list[str]) -> list[NavItem]:
    """A section's pages, split into numbered sub-sections once it outgrows one screen."""
    if len(uris) <= NAV_SECTION_SIZE:
        return list(uris)
    return [
        {
            f"{start + 1}–{min(start + NAV_SECTION_SIZE, len(uris))}": uris[
                start : start + NAV_SECTION_SIZE
            ]
        }
        for start in range(0, len(uris), NAV_SECTION_SIZE)
    ]


def navigation(library: Library) -> list[NavItem]:
    """The site navigation: generated pages grouped in sections so the build stays linear."""
    exercises: list[NavItem] = ["exercises/index.md"]
    for pattern, group in by_pattern(library):
        uris = [exercise_uri(e.id) for e in group]
        exercises.append({PATTERN_TITLES[pattern]: chunked(uris)})
    sessions: list[NavItem] = ["sessions/index.md"]
    sessions += [session_uri(s) for s in library.sessions]
    muscles: list[NavItem] = ["muscles/index.md"]
    muscles += [muscle_uri(m) for m in library.muscles]
    return [
        {"Home": "index.md"},
        {"Exercises": exercises},
        {"Sessions": sessions},
        {"Muscles": muscles},
        {"Safety": "safety.md"},
        {"Glossary": "glossary.md"},
        {"Share": "share.md"},
        {"Open data": "open-data.md"},
        {"Tags": "tags.md"},
    ]


def abbreviations(library: Library) -> str:
    """Markdown ``abbr`` definitions for every glossary term, appended to each page."""
    return render("abbreviations.md.j2", library=library)


def robots_txt(site_url: str) -> str:
    return render("robots.txt.j2", sitemap=absolute(site_url, "sitemap.xml"))


def redirects(library: Library) -> dict[str, str]:
    """Old page → new page for every declared rename (mkdocs-redirects' ``redirect_maps``)."""
    renamed = {
        exercise_uri: library.exercises.values(),
        muscle_uri: library.muscles.values(),
        session_uri: library.sessions.values(),
    }
    return {
        uri(old): uri(entry.id)
        for uri, entries in renamed.items()
        for entry in entries
        for old in entry.previous_ids
    }
