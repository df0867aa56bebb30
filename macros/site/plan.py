"""The site plan: which pages and files the library produces, what each says, the navigation.

Pure functions of a :class:`~macros.data.library.Library` and the :class:`Settings`; nothing
is written to disk and MkDocs is not imported, so any generator can build the same plan:
the MkDocs adapter (``macros.plugin``) hands it to MkDocs, ``legwork generate`` writes it out
as plain files. Pictures are asked of ``macros.media``, which draws what the plan names.

The plan is split by job: ``views`` (what pages show, as objects), ``contexts`` (each
page's template context, one per kind of entry), ``linkpreviews``, ``redirects`` and
``navigation``; this module puts them together into pages and files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

import yaml

from macros.data import kinds
from macros.data.library import Library
from macros.data.timing import session_minutes
from macros.data.vocab import kit_words
from macros.media import musclemap
from macros.media.previews import PreviewSpec
from macros.site import offline, opendata, structured, urls
from macros.site.builder import builder_context
from macros.site.contexts import (
    ENTRY_CONTEXTS,
    booklet_context,
    calf_context,
    default_context,
    ladders_context,
    muscles_context,
    share_context,
)
from macros.site.contribute import contribute_context
from macros.site.linkpreviews import preview_specs
from macros.site.navigation import NavItem, navigation, theme_links
from macros.site.redirects import redirect_file, redirect_page, redirects
from macros.site.render import render
from macros.site.views import by_pattern, entry_legs, filter_choices, muscle_map

__all__ = [
    "NavItem",
    "Page",
    "Settings",
    "abbreviations",
    "generated_pages",
    "muscle_map",
    "navigation",
    "preview_specs",
    "redirect_page",
    "redirects",
    "static_files",
    "theme_links",
]


@dataclass(frozen=True)
class Settings:
    """What the plan needs to know beyond the data."""

    site_url: str
    repo_url: str
    pdfs: bool
    """Whether the session cards are printed to PDF, so their pages offer the download."""
    site_name: str = "Legwork"
    description: str = ""
    """The site's name and one-line description, for the web app manifest."""


@dataclass(frozen=True)
class Page:
    src_uri: str
    markdown: str
    in_nav: bool = True
    """False for a page reached only by link (a programme's booklet, made for printing)."""


def generated_pages(library: Library, settings: Settings) -> list[Page]:
    """Every page the data produces, in a stable order."""
    images = {spec.page: spec for spec in preview_specs(library)}

    def page(src_uri: str, template: str, **context: object) -> Page:
        served = urls.served(src_uri)
        preview = images.get(served, images[""])
        markdown = render(
            template,
            preview=preview,
            repo_url=settings.repo_url,
            pdf=settings.pdfs,
            links=urls.Links(src_uri, settings.site_url),
            **context,
        )
        return Page(src_uri, markdown)

    def links(kind: str, entry_id: str | None = None) -> urls.Links:
        return urls.Links(urls.src(kind, entry_id), settings.site_url)

    pages = []
    for kind, entry in kinds.entries_of(library):
        context = ENTRY_CONTEXTS.get(kind.name, default_context)
        entry_links = links(kind.name, entry.id)
        pages.append(
            page(entry_links.src_uri, kind.template, **context(library, entry, entry_links))
        )
    for programme in library.programmes.values():
        booklet = urls.booklet(programme.id)
        context = booklet_context(library, programme, urls.Links(booklet, settings.site_url))
        pages.append(replace(page(booklet, "booklet.md.j2", **context), in_nav=False))
    pages.append(
        page(
            urls.src("programmes"),
            "programmes.md.j2",
            programmes=list(library.programmes.values()),
        )
    )
    pages.append(
        page(
            urls.src("sessions"),
            "sessions.md.j2",
            sessions=list(library.sessions.values()),
            minutes=lambda session: session_minutes(library, session),
            kit_text=lambda session: kit_words(library.session_kit(session)),
        )
    )
    pages.append(
        page(urls.src("builder"), "builder.md.j2", **builder_context(library, links("builder")))
    )
    pages.append(
        page(
            urls.src("exercises"),
            "exercises.md.j2",
            groups=by_pattern(library, entries=True),
            choices=filter_choices(library),
            entry_legs=entry_legs,
            exercise_count=len(library.exercises),
        )
    )
    pages.append(
        page(urls.src("muscles"), "muscles.md.j2", **muscles_context(library, links("muscles")))
    )
    pages.append(
        page(urls.src("ladders"), "ladders.md.j2", **ladders_context(library, links("ladders")))
    )
    pages.append(
        page(
            urls.src("calf-complex"),
            "calf-complex.md.j2",
            **calf_context(library, links("calf-complex")),
        )
    )
    pages.append(page(urls.src("glossary"), "glossary.md.j2", glossary=library.glossary))
    pages.append(page(urls.src("contribute"), "contribute.md.j2", **contribute_context(library)))
    pages.append(
        page(urls.src("share"), "share.md.j2", **share_context(library, settings.site_url))
    )
    return with_structured_data(pages, images, settings)


def front_matter(markdown: str) -> dict[str, Any]:
    if not markdown.startswith("---\n"):
        return {}
    return yaml.safe_load(markdown[4 : markdown.index("\n---\n", 4)]) or {}


def with_structured_data(
    pages: list[Page], images: dict[str, PreviewSpec], settings: Settings
) -> list[Page]:
    """Each page with its JSON-LD in its front matter (``structured_data``, printed by the
    theme): breadcrumbs from the home page through every generated page above it, and its
    link-preview image."""
    titles = {urls.served(p.src_uri): str(front_matter(p.markdown)["title"]) for p in pages}
    done = []
    for page in pages:
        served = urls.served(page.src_uri)
        parts = served.strip("/").split("/")
        above = ["/".join(parts[:n]) + "/" for n in range(1, len(parts))]
        trail = [(settings.site_name, urls.path("home"))]
        trail += [(titles[path], path) for path in above if path in titles]
        trail.append((titles[served], served))
        data = structured.page_data(settings.site_url, trail, images.get(served))
        line = f"structured_data: {json.dumps(data, ensure_ascii=True)}\n"
        done.append(replace(page, markdown=page.markdown.replace("---\n", "---\n" + line, 1)))
    return done


def abbreviations(library: Library) -> str:
    """Markdown ``abbr`` definitions for every glossary term, appended to each page."""
    return render("abbreviations.md.j2", glossary=library.glossary)


# --- Files that are not pages. ----------------------------------------------------------------


def static_files(library: Library, settings: Settings) -> dict[str, str]:
    """Every generated file that is not a page, keyed by its path on the site: the open data,
    its schemas, robots.txt, the web app manifest, the muscle maps' shared drawing and the
    redirect stubs for renamed ids."""
    files = {
        path: opendata.json_text(document)
        for path, document in opendata.documents(library, settings.site_url).items()
    }
    files[urls.ROBOTS] = render(
        "robots.txt.j2", sitemap=urls.absolute(settings.site_url, urls.SITEMAP)
    )
    files[urls.MANIFEST] = offline.manifest(settings.site_name, settings.description)
    if library.body_map is not None:
        files[urls.MUSCLE_MAP] = musclemap.shared_svg(library.body_map)
    for old, new in redirects(library).items():
        files[redirect_file(old)] = redirect_page(old, new, settings.site_url)
    return files
