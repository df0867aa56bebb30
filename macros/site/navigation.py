"""The site navigation and the links the theme overrides need."""

from __future__ import annotations

from typing import Any

from macros.data import kinds
from macros.data.library import Library
from macros.data.vocab import (
    PATTERNS,
)
from macros.site import urls
from macros.site.views import by_pattern

NavItem = str | dict[str, Any]


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
    exercises: list[NavItem] = [urls.src("exercises"), {"Ladders": urls.src("ladders")}]
    for pattern, group in by_pattern(library):
        uris = [urls.src("exercise", e.id) for e in group]
        exercises.append({PATTERNS.label(pattern): chunked(uris)})
    if library.assessments:
        exercises.append({"Tests": [urls.src("assessment", a) for a in library.assessments]})
    sessions: list[NavItem] = [urls.src("sessions"), urls.src("builder")]
    sessions += [urls.src("session", s) for s in library.sessions]
    programmes: list[NavItem] = [urls.src("programmes")]
    programmes += [urls.src("programme", p) for p in library.programmes]
    planning: list[NavItem] = [
        urls.src(page)
        for page in ("planning", "running-week", "season", "race-week", "progress", "warm-up")
    ]
    muscles: list[NavItem] = [urls.src("muscles"), {"The calf complex": urls.src("calf-complex")}]
    muscles += [urls.src("muscle", m) for m in library.muscles]
    # A kind added to the registry later gets a section of its own, its pages in id order.
    added: list[NavItem] = [
        {
            kind.folder.replace("-", " ").capitalize(): chunked(
                [urls.src(kind.name, entry_id) for entry_id in sorted(kind.of(library))]
            )
        }
        for kind in kinds.KINDS.values()
        if kind.files_model is not None and kind.of(library)
    ]
    return [
        {"Home": urls.src("home")},
        {"Exercises": exercises},
        {"Sessions": sessions},
        {"Programmes": programmes},
        {"Planning": planning},
        {"Muscles": muscles},
        *added,
        {"Safety": urls.src("safety")},
        {"Glossary": urls.src("glossary")},
        {"Share": urls.src("share")},
        {"Open data": urls.src("open-data")},
        {"Page weight": urls.src("performance")},
        {"Contribute": urls.src("contribute")},
        {"Tags": urls.src("tags")},
    ]


def theme_links(site_url: str, *, offline: bool = True) -> dict[str, str]:
    """What the theme overrides link to: absolute URLs for the 404 page and the default link
    preview, site paths (for the theme's ``url`` filter) for the icons and the manifest, and
    whether pages register the offline worker (``"on"``; never under ``mkdocs serve``)."""
    return {
        "manifest": urls.MANIFEST,
        "offline": "on" if offline else "off",
        "exercises": urls.page_url(site_url, "exercises"),
        "sessions": urls.page_url(site_url, "sessions"),
        "muscles": urls.page_url(site_url, "muscles"),
        "default_preview": urls.absolute(site_url, urls.preview_image()),
        "icon_svg": urls.icon("legwork.svg"),
        "apple_touch_icon": urls.icon("apple-touch-icon.png"),
    }
