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
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros import cards, pages
from macros.errors import DataErrors
from macros.loader import load_cached
from macros.models import Library


def data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / config.extra.get("data_dir", "data")


def library(config: MkDocsConfig) -> Library:
    try:
        return load_cached(data_dir(config))
    except DataErrors as exc:
        raise exc.exit() from None


log = logging.getLogger("mkdocs.hooks.legwork")


def session_pdfs(config: MkDocsConfig) -> bool:
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
    config.nav = pages.navigation(library(config))
    config.extra["session_pdfs"] = session_pdfs(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    generated = pages.generated_pages(
        library(config),
        repo_url=config.extra["repo_url"],
        site_url=config.site_url or "",
        pdfs=config.extra["session_pdfs"],
    )
    for page in generated:
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return markdown + pages.abbreviations(library(config))


def on_post_build(config: MkDocsConfig) -> None:
    if config.extra["session_pdfs"]:
        site_dir = Path(config.site_dir)
        printed = cards.print_cards(site_dir, library(config).sessions)
        log.info("Printed %d session cards to PDF", len(printed))
