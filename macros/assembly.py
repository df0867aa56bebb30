"""One way to assemble the site: settings, then the plan's pages and files, for any generator.

The MkDocs adapter (``macros.plugin``) and ``legwork generate`` both read MkDocs' own
config (so ``!ENV``, ``INHERIT`` and the plugin's defaults are read once, by MkDocs), both
parse ``LEGWORK_PDFS`` with :func:`pdf_setting`, both build :class:`~macros.site.plan.Settings`
with :func:`settings` and both take the pages, files and navigation from :func:`assemble`,
which refuses to publish a generated file where a hand-written page already is.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from macros.data.library import Library
from macros.media.workouts import FitNameError
from macros.site import minify, plan, prose, structured, urls, workouts

PdfSetting = Literal["auto", "true", "false"]
PDF_WORDS: dict[str, PdfSetting] = {
    "auto": "auto",
    "true": "true",
    "1": "true",
    "false": "false",
    "0": "false",
    "": "false",
}
"""What ``LEGWORK_PDFS`` (or the plugin's ``pdfs`` option) may say, in any letter case."""

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


class SettingError(ValueError):
    """A setting the site cannot be built with; the message says what was expected."""


def pdf_setting(option: object = None, environ: Mapping[str, str] | None = None) -> PdfSetting:
    """The PDF setting: the plugin's ``pdfs`` option if set, else ``LEGWORK_PDFS``, else
    ``auto``. ``true``/``True``/``1`` and ``false``/``False``/``0``/empty mean the same
    everywhere; anything else is refused."""
    environ = os.environ if environ is None else environ
    if option is not None:
        where, value = "the legwork plugin's pdfs option", option
    elif "LEGWORK_PDFS" in environ:
        where, value = "LEGWORK_PDFS", environ["LEGWORK_PDFS"]
    else:
        return "auto"
    word = str(value).strip().lower()
    if word not in PDF_WORDS:
        raise SettingError(
            f"{where} is {value!r}; expected true, false or auto (1 and 0, any letter case, "
            "and empty for false, are accepted too)"
        )
    return PDF_WORDS[word]


def settings(config: Any, options: Any, *, pdfs: bool) -> plan.Settings:
    """What the plan needs from MkDocs' config and the legwork plugin's options."""
    return plan.Settings(
        site_url=config.site_url or DEFAULT_SITE_URL,
        repo_url=options.repo_url,
        pdfs=pdfs,
        site_name=config.site_name,
        description=" ".join((config.site_description or "").split()),
    )


@dataclass(frozen=True)
class Assembly:
    """Everything the site adds to the hand-written pages: what a generator publishes."""

    pages: list[plan.Page]
    files: dict[str, str | bytes]
    """Files that are not pages, by site path (text, or bytes for the watch workouts)."""
    refused: list[str]
    """Site paths where a file was not published because a page is already there."""
    navigation: list[plan.NavItem]
    abbreviations: str
    theme_links: dict[str, Any]
    """What the theme overrides read from ``config.extra.legwork``: links, and the open
    data's JSON-LD ``Dataset`` for the page named ``dataset_page``."""


def served_file(src_uri: str) -> str:
    """Where a docs file lands in the built site: ``a/b.md`` → ``a/b/index.html``."""
    if not src_uri.endswith(".md"):
        return src_uri
    return urls.served(src_uri) + "index.html"


def assemble(
    library: Library,
    site_settings: plan.Settings,
    handwritten: Collection[str],
    *,
    offline: bool = True,
) -> Assembly:
    """The generated pages, files, navigation and theme links; ``handwritten`` lists the
    source paths of the pages in ``docs/``, which nothing generated may replace."""
    pages = plan.generated_pages(library, site_settings)
    taken = {served_file(uri) for uri in handwritten} | {served_file(p.src_uri) for p in pages}
    clashes = sorted(p.src_uri for p in pages if p.src_uri in set(handwritten))
    files: dict[str, str | bytes] = {}
    refused = [f"{uri} (a generated page)" for uri in clashes]
    try:
        watch = workouts.fit_files(library)
    except FitNameError as error:
        raise SettingError(f"data/fit-exercises.yml: {error}") from None
    for path, content in [*plan.static_files(library, site_settings).items(), *watch.items()]:
        if path in taken:
            refused.append(path)
        else:
            files[path] = content
    return Assembly(
        pages=[p for p in pages if p.src_uri not in clashes],
        files=files,
        refused=refused,
        navigation=plan.navigation(library),
        abbreviations=plan.abbreviations(library),
        theme_links={
            **plan.theme_links(site_settings.site_url, offline=offline),
            "dataset_page": urls.src("open-data"),
            "dataset": structured.dataset(library, site_settings.site_url),
        },
    )


def refusal(path: str) -> str:
    return f"Legwork: refusing to write {path}: a page is already published there"


# --- legwork generate: the assembly as plain files. ---------------------------------------


def generate(out: Path, config_file: Path) -> Path:
    """Write the hand-written pages (macros rendered) and the assembly under ``out`` with a
    ``mkdocs.yml`` that builds them with MkDocs and Material alone; return that file."""
    from mkdocs.config import load_config
    from mkdocs.utils import yaml_load

    from macros.data.loader import load_library
    from macros.media.pdf import browser_available

    config_file = config_file.resolve()
    config = load_config(str(config_file))
    options = config.plugins["legwork"].config
    root = config_file.parent
    library = load_library(root / options.data_dir)
    setting = pdf_setting(options.pdfs)
    site_settings = settings(
        config, options, pdfs=setting == "true" or (setting == "auto" and browser_available())
    )
    docs_in = Path(config.docs_dir)
    handwritten = sorted(p.relative_to(docs_in).as_posix() for p in docs_in.rglob("*.md"))
    assembly = assemble(library, site_settings, handwritten)
    if assembly.refused:
        raise SettingError("; ".join(refusal(path) for path in assembly.refused))
    docs_out = out.resolve() / "docs"
    if docs_out.exists():
        shutil.rmtree(docs_out)
    shutil.copytree(docs_in, docs_out)
    for src_uri in handwritten:
        front, body = _split_front_matter((docs_in / src_uri).read_text(encoding="utf-8"))
        rendered = prose.render_page(body, library, src_uri)
        _write(docs_out / src_uri, front + rendered + assembly.abbreviations)
    for page in assembly.pages:
        _write(docs_out / page.src_uri, page.markdown + assembly.abbreviations)
    for path, content in assembly.files.items():
        _write(docs_out / path, content)
    minify.minify_tree(docs_out)
    with config_file.open(encoding="utf-8") as source:
        raw = yaml_load(source)  # MkDocs' own reading: !ENV and INHERIT resolved
    child = {
        "INHERIT": os.path.relpath(config_file, out.resolve()),
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"custom_dir": str(root / raw["theme"]["custom_dir"])},
        "plugins": [
            entry
            for entry in raw.get("plugins", [])
            if (entry if isinstance(entry, str) else next(iter(entry))) not in ("legwork", "macros")
        ],
        "watch": [],
        "not_in_nav": "\n".join(f"/{p.src_uri}" for p in assembly.pages if not p.in_nav),
        "nav": assembly.navigation,
        "extra": {"legwork": assembly.theme_links},
    }
    target = out / "mkdocs.yml"
    _write(target, yaml.safe_dump(child, sort_keys=False, allow_unicode=True))
    return target


def _split_front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[: end + 5], text[end + 5 :]
    return "", text


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
