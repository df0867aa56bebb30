"""MkDocs hooks: the one place pages are generated from the data.

A thin adapter: ``macros.pages`` decides which pages exist and what they say; this module
hands them to MkDocs as generated files, sets the navigation, and appends the glossary
abbreviations so every term shows its tooltip. Bad data aborts the build with every error.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros import pages
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


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.nav = pages.navigation(library(config))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for page in pages.generated_pages(library(config), repo_url=config.extra["repo_url"]):
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return markdown + pages.abbreviations(library(config))
