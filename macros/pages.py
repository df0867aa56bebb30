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

from macros.models import PATTERN_TITLES, STAGE_ORDER, Exercise, Library, Session
from macros.render import render

NavItem = str | dict[str, Any]


@dataclass(frozen=True)
class Page:
    src_uri: str
    markdown: str


def exercise_uri(exercise_id: str) -> str:
    return f"exercises/{exercise_id}.md"


def muscle_uri(muscle_id: str) -> str:
    return f"muscles/{muscle_id}.md"


def session_uri(session_id: str) -> str:
    return f"sessions/{session_id}.md"


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


def page_url(site_url: str, src_uri: str) -> str:
    """The absolute, canonical URL of a page: ``sessions/x.md`` → ``<site>/sessions/x/``."""
    path = src_uri.removesuffix(".md").removesuffix("index")
    return site_url.rstrip("/") + "/" + (path + "/" if path and not path.endswith("/") else path)


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


def generated_pages(library: Library, *, repo_url: str, site_url: str, pdfs: bool) -> list[Page]:
    """Every page the data produces, in a stable order."""
    common = {"library": library, "stages": STAGE_ORDER, "repo_url": repo_url, "pdf": pdfs}
    pages = [
        Page(
            exercise_uri(exercise.id),
            render(
                "exercise.md.j2", exercise=exercise, tags=exercise_tags(library, exercise), **common
            ),
        )
        for exercise in library.exercises.values()
    ]
    pages += [
        Page(muscle_uri(muscle.id), render("muscle.md.j2", muscle=muscle, **common))
        for muscle in library.muscles.values()
    ]
    pages += [
        Page(
            session_uri(session.id),
            render("session.md.j2", **common, **session_context(library, session, site_url)),
        )
        for session in library.sessions.values()
    ]
    pages.append(Page("sessions/index.md", render("sessions.md.j2", **common)))
    pages.append(
        Page("exercises/index.md", render("exercises.md.j2", groups=by_pattern(library), **common))
    )
    pages.append(Page("muscles/index.md", render("muscles.md.j2", **common)))
    pages.append(Page("glossary.md", render("glossary.md.j2", **common)))
    return pages


def navigation(library: Library) -> list[NavItem]:
    """The site navigation: generated pages grouped in sections so the build stays linear."""
    exercises: list[NavItem] = ["exercises/index.md"]
    for pattern, group in by_pattern(library):
        exercises.append({PATTERN_TITLES[pattern]: [exercise_uri(e.id) for e in group]})
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
        {"Tags": "tags.md"},
    ]


def abbreviations(library: Library) -> str:
    """Markdown ``abbr`` definitions for every glossary term, appended to each page."""
    return render("abbreviations.md.j2", library=library)
