"""Where everything lives on the site: the one place a page or file path is spelled.

Pages are named by kind (``exercise``, ``muscle``, ``session``; or a single page such as
``glossary`` or ``safety``) and, for entries, an id. Everything else asks this module: the
page plan and templates for links between pages, hand-written pages through the ``link``
macro, link previews, QR codes, share snippets and the open data for absolute URLs, the
adapter for the redirect stubs. No MkDocs import: the site uses directory URLs
(``exercises/x.md`` is served at ``exercises/x/``), as ``mkdocs.yml`` sets.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from macros.data import kinds


def folder(kind: str) -> str:
    """The folder an entry kind's pages live in, as the registry declares it."""
    return kinds.KINDS[kind].folder


PAGES: dict[str, str] = {
    "home": "index.md",
    "exercises": "exercises/index.md",
    "sessions": "sessions/index.md",
    "builder": "sessions/build.md",
    "programmes": "programmes/index.md",
    "planning": "planning/index.md",
    "running-week": "planning/running-week.md",
    "season": "planning/season.md",
    "race-week": "planning/race-week.md",
    "progress": "planning/progress.md",
    "warm-up": "planning/warm-up.md",
    "muscles": "muscles/index.md",
    "ladders": "ladders.md",
    "calf-complex": "calf-complex.md",
    "glossary": "glossary.md",
    "share": "share.md",
    "safety": "safety.md",
    "open-data": "open-data.md",
    "performance": "performance.md",
    "contribute": "contribute.md",
    "tags": "tags.md",
}
"""Every page that is not an entry's, by name: the generated indexes and the hand-written
pages in ``docs/``."""

HANDWRITTEN = (
    "home",
    "safety",
    "open-data",
    "performance",
    "tags",
    "planning",
    "running-week",
    "season",
    "race-week",
    "progress",
)
"""The pages written by hand in ``docs/`` (the rest are generated from the data)."""

API_DIR = "api/v{version}"
PREVIEW_DIR = "assets/previews"
SCHEMA_DIR = "schemas"


def src(kind: str, entry_id: str | None = None) -> str:
    """A page's source path: ``src("exercise", "x")`` → ``exercises/x.md``."""
    if entry_id is None:
        return PAGES[kind]
    return f"{folder(kind)}/{entry_id}.md"


def path(kind: str, entry_id: str | None = None) -> str:
    """A page's path on the site, as served: ``exercises/x/`` (``""`` for the home page)."""
    return served(src(kind, entry_id))


def served(src_uri: str) -> str:
    """``exercises/x.md`` → ``exercises/x/``; ``exercises/index.md`` → ``exercises/``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def session_pdf(session_id: str, paper: str = "A4") -> str:
    """The printed session card, beside its page: ``sessions/x.pdf`` on A4 and
    ``sessions/x.letter.pdf`` on US Letter (ids hold no dots, so the two never meet)."""
    suffix = "" if paper == "A4" else f".{paper.lower()}"
    return f"{folder('session')}/{session_id}{suffix}.pdf"


def session_fit(session_id: str) -> str:
    """The session as a watch workout, beside its page: ``sessions/x.fit``."""
    return f"{folder('session')}/{session_id}.fit"


def week_fit(programme_id: str, week: int) -> str:
    """One programme week as a watch workout: ``programmes/x/week-3.fit``."""
    return f"{folder('programme')}/{programme_id}/week-{week}.fit"


def booklet(programme_id: str) -> str:
    """A programme's booklet, the page Chromium prints: ``programmes/x/booklet.md``."""
    return f"{folder('programme')}/{programme_id}/booklet.md"


def booklet_pdfs(programme_id: str) -> tuple[str, str]:
    """The printed booklet, beside the programme's page and beside the session cards:
    ``programmes/x.pdf`` and ``sessions/x.pdf`` (validation keeps the ids apart)."""
    return (
        f"{folder('programme')}/{programme_id}.pdf",
        f"{folder('session')}/{programme_id}.pdf",
    )


def preview_image(kind: str | None = None, entry_id: str | None = None) -> str:
    """A page's link-preview image; with no kind, the site's default one."""
    if kind is None or entry_id is None:
        return f"{PREVIEW_DIR}/site.png"
    return f"{PREVIEW_DIR}/{folder(kind)}/{entry_id}.png"


def api_document(name: str, version: int = 1) -> str:
    """``exercises`` → ``api/v1/exercises.json``."""
    return f"{API_DIR.format(version=version)}/{name}.json"


def api_schema(name: str, version: int = 1) -> str:
    """``exercises`` → ``api/v1/exercises.schema.json``."""
    return f"{API_DIR.format(version=version)}/{name}.schema.json"


ICON_DIR = "assets/icons"


def icon(name: str) -> str:
    """A file of the icon set (``macros/media/icons.py``), such as ``icon-192.png``."""
    return f"{ICON_DIR}/{name}"


FREE_EXERCISE_DB_EXPORT = f"{API_DIR.format(version=1)}/free-exercise-db/exercises.json"
STYLESHEET = "assets/legwork.css"
"""Legwork's styles for every page, screen and print (``mkdocs.yml``'s ``extra_css``)."""
CARD_STYLES = "assets/card.css"
"""The session card's styles, on screen and on paper: only pages with ``card_styles``."""
SCRIPT = "assets/legwork.js"
"""Legwork's script for every page (``mkdocs.yml``'s ``extra_javascript``)."""
BUILDER_SCRIPT = "assets/builder.js"
BUILDER_STYLE = "assets/builder.css"
QR_SCRIPT = "assets/vendor/qrcode.js"
"""The card builder's script and the QR encoder it draws with (qrcode-generator, vendored)."""
MUSCLE_MAP = "assets/muscle-map.svg"
"""What every muscle map draws the same (``musclemap.shared_svg``): fetched once, cached."""
SESSION_SCRIPT = "assets/session.js"
"""Session mode, the log and the plan calendar: only the session, programme and builder pages
load it."""
ROBOTS = "robots.txt"
SITEMAP = "sitemap.xml"
MANIFEST = "manifest.webmanifest"
SERVICE_WORKER = "sw.js"
SEARCH_INDEX = "search/search_index.json"


def editor_schema(kind: str) -> str:
    """A data file's JSON Schema as published from ``docs/schemas/``."""
    return f"{SCHEMA_DIR}/{kind}.schema.json"


def base_url(site_url: str) -> str:
    """``site_url`` with exactly one trailing slash; it must be absolute (http or https)."""
    if not site_url.startswith(("https://", "http://")):
        raise ValueError(f"site_url must be an absolute http(s) URL, got {site_url!r}")
    return site_url.rstrip("/") + "/"


def absolute(site_url: str, site_path: str) -> str:
    """A file's or page's absolute URL from its site path."""
    return base_url(site_url) + site_path


def page_url(site_url: str, kind: str, entry_id: str | None = None) -> str:
    """A page's canonical URL: ``<site>/exercises/x/``."""
    return absolute(site_url, path(kind, entry_id))


def relative_url(from_path: str, to_path: str) -> str:
    """A link from one served path to another, as the browser resolves it: from
    ``sessions/x/`` to ``sessions/x.pdf`` is ``../x.pdf``."""
    base = from_path.rstrip("/") if from_path.endswith("/") else posixpath.dirname(from_path)
    target = posixpath.relpath(to_path or ".", base or ".")
    if (to_path.endswith("/") or not to_path) and not target.endswith("/"):
        target += "/"
    return "./" if target == "./" or target == "." else target


@dataclass(frozen=True)
class Links:
    """Links as one page writes them, bound to that page's source path.

    ``page`` gives a Markdown link target (a source path relative to this page's source,
    which MkDocs checks and turns into a URL); ``file`` gives an ``href`` for raw HTML,
    relative to this page's served URL, for files that are not pages (PDFs, JSON).
    """

    src_uri: str
    site_url: str = "http://127.0.0.1:8000/"

    def page(self, kind: str, entry_id: str | None = None, anchor: str | None = None) -> str:
        target = posixpath.relpath(src(kind, entry_id), posixpath.dirname(self.src_uri) or ".")
        return target + (f"#{anchor}" if anchor else "")

    def asset(self, site_path: str) -> str:
        """A Markdown link target for a file the build publishes (MkDocs checks it)."""
        return posixpath.relpath(site_path, posixpath.dirname(self.src_uri) or ".")

    def file(self, site_path: str) -> str:
        return relative_url(served(self.src_uri), site_path)

    def href(self, kind: str, entry_id: str | None = None) -> str:
        """An ``href`` for raw HTML to a page, relative to this page's served URL."""
        return self.file(path(kind, entry_id))

    def session_pdf(self, session_id: str, paper: str = "A4") -> str:
        """An ``href`` to a session's printed card, on A4 or US Letter."""
        return self.file(session_pdf(session_id, paper))

    def session_fit(self, session_id: str) -> str:
        """An ``href`` to a session's watch workout."""
        return self.file(session_fit(session_id))

    def week_fit(self, programme_id: str, week: int) -> str:
        """An ``href`` to one programme week's watch workout."""
        return self.file(week_fit(programme_id, week))

    def url(self, kind: str, entry_id: str | None = None) -> str:
        return page_url(self.site_url, kind, entry_id)
