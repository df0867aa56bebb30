"""MkDocs hooks: the one place pages are generated from the data.

A thin adapter: ``macros.pages`` decides which pages exist and what they say; this module
hands them to MkDocs as generated files, sets the navigation, and appends the glossary
abbreviations so every term shows its tooltip. Bad data aborts the build with every error.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros import cards, opendata, pages, previews
from macros.errors import DataErrors
from macros.loader import load_cached
from macros.models import Library


def data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / config.extra.get("data_dir", "data")


_build: dict[str, object] = {}
"""What one build loaded in ``on_config``, so later events don't re-read ``data/``."""


def load(config: MkDocsConfig) -> Library:
    try:
        _build["library"] = load_cached(data_dir(config))
    except DataErrors as exc:
        raise exc.exit() from None
    _build["abbreviations"] = pages.abbreviations(library())
    return library()


def library() -> Library:
    """The library this build loaded in ``on_config``."""
    return _build["library"]  # type: ignore[return-value]


log = logging.getLogger("mkdocs.hooks.legwork")


def session_pdfs() -> bool:
    """Whether this build prints the session cards to PDF (``LEGWORK_PDFS``).

    ``true``: always, failing without a browser (CI, deploy); ``false``: never (serve);
    ``auto`` (default): when a browser is available, saying so when it is not.
    """
    setting = os.environ.get("LEGWORK_PDFS", "auto").lower()
    if setting == "false":
        return False
    if cards.browser_available():
        return True
    if setting == "true":
        raise SystemExit("LEGWORK_PDFS=true but no Chromium was found (see LEGWORK_CHROMIUM).")
    log.info("No Chromium found: skipping the session-card PDFs (set LEGWORK_CHROMIUM).")
    return False


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.nav = pages.navigation(load(config))
    config.plugins["redirects"].config["redirect_maps"] = pages.redirects(library())
    config.extra["session_pdfs"] = session_pdfs()
    return config


@event_priority(50)  # before plugins that index the files (redirects checks its targets)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    generated = pages.generated_pages(
        library(),
        repo_url=config.extra["repo_url"],
        site_url=config.site_url or "",
        pdfs=config.extra["session_pdfs"],
    )
    for page in generated:
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    robots = pages.robots_txt(config.site_url or "")
    files.append(File.generated(config, "robots.txt", content=robots))
    for path, text in open_data_files(config).items():
        files.append(File.generated(config, path, content=text))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return markdown + str(_build["abbreviations"])


def open_data_files(config: MkDocsConfig) -> dict[str, str]:
    """The JSON API, its schemas and the free-exercise-db export, keyed by site path."""
    lib, site_url = library(), config.site_url or ""
    documents = {**opendata.api_documents(lib, site_url), **opendata.api_schemas(site_url)}
    documents[FREE_EXERCISE_DB_EXPORT] = opendata.free_exercise_db(lib)
    return {path: opendata.json_text(document) for path, document in documents.items()}


FREE_EXERCISE_DB_EXPORT = "api/v1/free-exercise-db/exercises.json"


def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    cache = Path(config.config_file_path).parent / ".cache" / "previews"
    counts = previews.render_previews(previews.preview_specs(library()), site_dir, cache)
    log.info("Preview images: %(rendered)d rendered, %(reused)d reused from the cache", counts)
    if config.extra["session_pdfs"]:
        printed = cards.print_cards(site_dir, library().sessions)
        log.info("Printed %d session cards to PDF", len(printed))
