"""Which pages the site generates from the library, their Markdown, and the navigation.

Pure functions of a :class:`~macros.models.Library`: no MkDocs import, so another generator
(ProperDocs, Zensical) can call the same plan. The MkDocs adapter is ``macros.hooks``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from macros.models import PATTERN_TITLES, STAGE_ORDER, Exercise, Library
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


def generated_pages(library: Library, *, repo_url: str) -> list[Page]:
    """Every page the data produces, in a stable order."""
    common = {"library": library, "stages": STAGE_ORDER, "repo_url": repo_url}
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
    muscles: list[NavItem] = ["muscles/index.md"]
    muscles += [muscle_uri(m) for m in library.muscles]
    return [
        {"Home": "index.md"},
        {"Exercises": exercises},
        {"Muscles": muscles},
        {"Safety": "safety.md"},
        {"Glossary": "glossary.md"},
        {"Tags": "tags.md"},
    ]


def abbreviations(library: Library) -> str:
    """Markdown ``abbr`` definitions for every glossary term, appended to each page."""
    return render("abbreviations.md.j2", library=library)
