"""The one MkDocs adapter: a typed plugin that hands the site plan to MkDocs.

Registered as ``legwork`` for MkDocs and for ProperDocs (``pyproject.toml``). It loads the
library, gives MkDocs the generated pages, files and navigation from ``macros.site.plan``,
writes redirect stubs (never over a live page), and after the build asks ``macros.media``
for the link-preview images and the session-card PDFs. State lives on the plugin instance,
which MkDocs keeps for the whole of ``mkdocs serve``.

Under ``mkdocs serve`` bad data never stops the server: the last good library is kept (an
empty one if there never was one), the located errors go to the terminal and to a banner
on every page, and fixing the file removes them. ``mkdocs build`` fails with the errors.

Under ``mkdocs serve`` a page whose Markdown is the same as at the last rebuild (and whose
site, links and Markdown settings are the same) is not converted again: its HTML, table of
contents, title and anchors are kept from the last rebuild, so saving one data file converts
only the pages that file changes. ``mkdocs build`` converts every page.

Under ``mkdocs serve --dirty`` (``make serve``) such a page is not even written again: every
page is read (so titles, anchors and tags stay whole), but only the pages converted again
(whose Markdown, after the macros, changed) go through the theme, unless something every page
shows changed (the navigation, the glossary, the data errors, the config or the theme's
overrides), when all of them do. The search index keeps the other pages' entries, and the
theme's templates are compiled once per server.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from pathlib import Path
from typing import Any, Literal

import jinja2
import jinja2.bccache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from macros import assembly
from macros.data.errors import DataError, DataErrors
from macros.data.library import Library
from macros.data.loader import load_library
from macros.media import pdf, previews
from macros.site import minify, offline, plan, urls
from macros.site.render import render

log = logging.getLogger("mkdocs.plugins.legwork")

CODE_DIR = Path(__file__).resolve().parent
DATA_POLL_SECONDS = 0.1
"""How often ``mkdocs serve`` looks for a saved data file."""


class LegworkConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """The data directory, relative to the config file."""
    pdfs = c.Optional(c.Type((str, bool, int)))
    """Print the session cards to PDF: ``true`` always (fails without a browser), ``false``
    never, ``auto`` when a browser is found. Unset: ``LEGWORK_PDFS``, else ``auto``; read
    by :func:`macros.assembly.pdf_setting`, as ``legwork generate`` reads it."""
    cache_dir = c.Type(str, default=".cache")
    """Where rendered link-preview images are kept between builds, relative to the config."""
    repo_url = c.Type(str, default="https://github.com/legwork-runners/legwork")
    """The repository that "report a mistake" links open issues in."""


class LegworkPlugin(BasePlugin[LegworkConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.library = Library()
        """The last library that loaded without errors (empty until one does)."""
        self.errors: list[DataError] = []
        self.pdfs = False
        self.settings = plan.Settings(site_url="http://127.0.0.1:8000/", repo_url="", pdfs=False)
        self.assembly: assembly.Assembly | None = None
        self._abbreviations = ""
        self._code_stamp: dict[str, int] = {}
        self._converted: dict[str, tuple[str, Converted]] = {}
        """Under ``mkdocs serve``: each page's last conversion, by source path, with its key."""
        self._reused: dict[str, Converted] = {}
        """The pages this rebuild takes from ``_converted`` instead of converting them."""
        self._site_key = ""
        self._counts = {"converted": 0, "reused": 0}
        self.dirty = False
        self._rewrite_all = True
        """Under ``serve --dirty``: this rebuild writes every page."""
        self._compiled = _CompiledTemplates()
        self._layout_key = ""
        """Under ``serve --dirty``: what every page shows, at the last rebuild."""
        self._rewrite: set[str] = set()
        """Under ``serve --dirty``: the pages this rebuild converts again (and so writes)."""

    # --- Once per command. ----------------------------------------------------------

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = self.serving and dirty
        self._code_stamp = _code_stamp()
        if self.dirty:  # the point of `make serve`, not a problem to warn about on every save
            logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)

    # --- Once per build. ------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        try:
            self.library = load_library(root / self.config.data_dir)
            self.errors = []
        except DataErrors as exc:
            if not self.serving:
                raise PluginError(f"{exc.report()} in the data: nothing was built.") from None
            self.errors = exc.errors
            log.info(
                "Legwork: the data has errors; serving the last good data until they are "
                "fixed:\n%s",
                exc.report(),
            )
        self.pdfs = self._pdfs()
        self.settings = assembly.settings(config, self.config, pdfs=self.pdfs)
        site_url = self.settings.site_url
        if not self.serving and urls.absolute(site_url, "").startswith("http://127.0.0.1"):
            log.info(
                "Legwork: site_url is this machine (%s): QR codes, share links and link "
                "previews point here. Set LEGWORK_SITE_URL for a build you publish.",
                site_url,
            )
        docs = Path(config.docs_dir)
        handwritten = [p.relative_to(docs).as_posix() for p in sorted(docs.rglob("*.md"))]
        try:
            self.assembly = assembly.assemble(
                self.library, self.settings, handwritten, offline=not self.serving
            )
        except assembly.SettingError as exc:
            raise PluginError(str(exc)) from None
        for path in self.assembly.refused:
            if not self.serving:
                raise PluginError(assembly.refusal(path))
            log.info(assembly.refusal(path))
        self._abbreviations = self.assembly.abbreviations
        config.nav = self.assembly.navigation
        config.extra["legwork"] = self.assembly.theme_links
        return config

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Watch the data folder with a short poll: MkDocs' file watcher polls every half
        second, which is a quarter of a second on average before a save is even seen. (The
        watcher's interval is read when a folder is first watched; MkDocs watches the data
        folder, from ``watch:`` in mkdocs.yml, only after this.)"""
        observer = getattr(server, "observer", None)
        if observer is None or not isinstance(getattr(observer, "_timeout", None), float):
            return server
        usual = observer._timeout
        observer._timeout = DATA_POLL_SECONDS
        try:
            server.watch(str(Path(config.config_file_path).parent / self.config.data_dir))
        finally:
            observer._timeout = usual
        return server

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.serving:
            return
        self._site_key = ""
        self._reused = {}
        self._counts = {"converted": 0, "reused": 0}
        changed = sorted(
            name for name, stamp in _code_stamp().items() if self._code_stamp.get(name) != stamp
        )
        if changed:
            log.info(
                "Legwork: %s changed since `mkdocs serve` started: Python code is not "
                "reloaded, so stop the server (Ctrl+C) and start it again to use it.",
                ", ".join(changed),
            )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.assembly is None:
            return files
        for page in self.assembly.pages:
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(
                File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
            )
        taken = {file.dest_uri for file in files}
        for path, content in self.assembly.files.items():
            if path in taken:  # a file a theme or another plugin added
                if not self.serving:
                    raise PluginError(assembly.refusal(path))
                log.info(assembly.refusal(path))
                continue
            files.append(File.generated(config, path, content=content))
        if self.dirty:
            self._plan_rewrite(files, config)
        return files

    def _plan_rewrite(self, files: Files, config: MkDocsConfig) -> None:
        """Start a ``serve --dirty`` rebuild (see the module's docstring): every page counts
        as modified until ``on_env``, so MkDocs reads them all; ``on_page_markdown`` notes
        the pages it converts again."""
        assert self.assembly is not None
        self._site_key = _site_key(config, files)  # on_page_markdown keys every page with it
        layout = _layout_key(config, self._site_key, self.assembly, self.errors)
        self._rewrite_all = layout != self._layout_key
        self._layout_key = layout
        self._rewrite = set()
        for file in files.documentation_pages():
            file.is_modified = _modified  # type: ignore[method-assign]

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.dirty:  # every page was read; only the changed ones are written
            for file in files.documentation_pages():
                rewrite = self._rewrite_all or file.src_uri in self._rewrite
                file.is_modified = _modified if rewrite else _unmodified  # type: ignore[method-assign]
        if self.serving:  # the theme's templates, compiled once per `mkdocs serve`
            env.bytecode_cache = self._compiled
        return env

    # After mkdocs-macros (the definitions are data, never a template) and after every other
    # plugin's change to the Markdown, so a page's key is the Markdown that is converted.
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        markdown += self._abbreviations
        if not self.serving:
            return markdown
        if not self._site_key:
            self._site_key = _site_key(config, files)
        key = hashlib.sha256(f"{self._site_key}\n{markdown}".encode()).hexdigest()
        kept = self._converted.get(page.file.src_uri)
        if kept is None or kept[0] != key or kept[1].html is None:
            self._converted[page.file.src_uri] = (key, Converted(markdown))
            self._counts["converted"] += 1
            self._rewrite.add(page.file.src_uri)
            return markdown
        self._reused[page.file.src_uri] = kept[1]
        self._counts["reused"] += 1
        return ""  # converted in no time; on_page_content puts back what it made last time

    @event_priority(100)  # first: later plugins see the page as if it had been converted
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.serving:
            html = self._kept_conversion(html, page, files)
        if not self.errors:
            return html
        return render("data-errors.html.j2", errors=self.errors) + html

    def _kept_conversion(self, html: str, page: Page, files: Files) -> str:
        reused = self._reused.pop(page.file.src_uri, None)
        if reused is None:  # converted just now: keep it for the next rebuild
            kept = self._converted.get(page.file.src_uri)
            if kept is not None:
                kept[1].keep(html, page)
            return html
        return reused.restore(page, files)

    @event_priority(-100)  # last: the page as every other plugin left it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return minify.page(output)

    @event_priority(-100)
    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The theme's own pages (404.html); the sitemap and other non-HTML templates as
        they are."""
        return minify.page(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.dirty:
            _keep_search_entries(config, None if self._rewrite_all else self._rewrite)
        if self.serving:
            log.info(
                "Legwork: %(converted)d pages converted, %(reused)d unchanged pages reused",
                self._counts,
            )
        site_dir = Path(config.site_dir)
        minify.minify_tree(site_dir)
        cache = Path(config.config_file_path).parent / self.config.cache_dir / "previews"
        counts = previews.render_previews(plan.preview_specs(self.library), site_dir, cache)
        log.info("Preview images: %(rendered)d rendered, %(reused)d reused from the cache", counts)
        if self.pdfs:
            cards = [
                pdf.Job(urls.path("session", s), urls.session_pdf(s, paper), paper)
                for s in self.library.sessions
                for paper in pdf.PAPER_SIZES
            ]
            booklets = {p: urls.booklet_pdfs(p) for p in self.library.programmes}
            jobs = [pdf.Job(urls.served(urls.booklet(p)), b[0]) for p, b in booklets.items()]
            pdf.print_pages(site_dir, cards + jobs)
            for first, beside_cards in booklets.values():
                shutil.copyfile(site_dir / first, site_dir / beside_cards)
            log.info(
                "Printed %d session cards (A4 and Letter) and %d programme booklets to PDF",
                len(self.library.sessions),
                len(booklets),
            )
        # Last, so the worker's cache name covers every file of the build.
        worker = offline.retiring_worker() if self.serving else offline.service_worker(site_dir)
        (site_dir / urls.SERVICE_WORKER).write_text(worker, encoding="utf-8")

    # --- Helpers. ---------------------------------------------------------------------

    def _pdfs(self) -> bool:
        """Whether this build prints the session cards (never under ``mkdocs serve``)."""
        if self.serving:
            return False
        try:
            setting = assembly.pdf_setting(self.config.pdfs)
        except assembly.SettingError as exc:
            raise PluginError(str(exc)) from None
        if setting == "false":
            return False
        if pdf.browser_available():
            return True
        if setting == "true":
            raise PluginError("LEGWORK_PDFS=true but no Chromium was found (see LEGWORK_CHROMIUM).")
        log.info("No Chromium found: skipping the session-card PDFs (set LEGWORK_CHROMIUM).")
        return False


class Converted:
    """What MkDocs made of one page's Markdown: the HTML and what it learnt on the way."""

    def __init__(self, markdown: str) -> None:
        self.markdown = markdown
        self.html: str | None = None
        self.toc: Any = None
        self.title: str | None = None
        self.anchors: set[str] | None = None
        self.links_to_anchors: dict[str, dict[str, str]] | None = None

    def keep(self, html: str, page: Page) -> None:
        self.html, self.toc = html, page.toc
        self.title = page._title_from_render
        self.anchors = page.present_anchor_ids
        links = page.links_to_anchors
        self.links_to_anchors = None if links is None else {f.src_uri: v for f, v in links.items()}

    def restore(self, page: Page, files: Files) -> str:
        if self.html is None:
            raise RuntimeError(f"{page.file.src_uri} was never converted")
        page.markdown = self.markdown
        page.toc = self.toc
        page._title_from_render = self.title
        page.present_anchor_ids = self.anchors
        if self.links_to_anchors is not None:
            targets = {uri: files.get_file_from_path(uri) for uri in self.links_to_anchors}
            page.links_to_anchors = {
                target: links
                for uri, links in self.links_to_anchors.items()
                if (target := targets[uri]) is not None
            }
        return self.html


def _site_key(config: MkDocsConfig, files: Files) -> str:
    """What a page's HTML depends on besides its Markdown: the config file, the Markdown
    extensions and every file's place on the site (links are checked and made relative)."""
    parts = [Path(config.config_file_path).read_text(encoding="utf-8")]
    parts.append(repr(config.markdown_extensions))
    parts += sorted(f"{f.src_uri} {f.url}" for f in files)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _layout_key(
    config: MkDocsConfig, site_key: str, assembly_: assembly.Assembly, errors: list[DataError]
) -> str:
    """What every page shows besides its own Markdown: the site key, the navigation, the
    glossary's abbreviations, the theme's links, the data errors' banner and the theme's
    overrides (by when each last changed)."""
    overrides = Path(config.config_file_path).parent / "overrides"
    stamps = sorted(
        f"{path.relative_to(overrides)} {path.stat().st_mtime_ns}"
        for path in overrides.rglob("*")
        if path.is_file()
    )
    parts = [
        site_key,
        repr(assembly_.navigation),
        assembly_.abbreviations,
        repr(sorted(assembly_.theme_links.items(), key=lambda item: item[0])),
        "\n".join(str(error) for error in errors),
        *stamps,
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _keep_search_entries(config: MkDocsConfig, rewritten: set[str] | None) -> None:
    """After a dirty rebuild the search index holds only the pages written this time, and
    Material's plugin would put back the others' entries for one page at most. Put them
    back for every page that was not written (none when ``rewritten`` is None: all were),
    and let the plugin write the index as is."""
    search = next((p for name, p in config.plugins.items() if name.endswith("search")), None)
    previous = getattr(search, "search_index_prev", None)
    index = getattr(search, "search_index", None)
    if search is None or previous is None or index is None:
        return
    kept = []
    if rewritten is not None:
        written = {urls.served(src) for src in rewritten if src.endswith(".md")}
        kept = [e for e in previous.entries if e["location"].split("#", 1)[0] not in written]
    index.entries = kept + index.entries
    search.search_index_prev = None


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory between the rebuilds of one ``mkdocs
    serve`` (MkDocs makes a new template environment for each). Jinja checks each entry
    against its template's source, so an edited override is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _modified() -> bool:
    return True


def _unmodified() -> bool:
    return False


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _code_stamp() -> dict[str, int]:
    """When each Python file of the package last changed."""
    return {
        str(path.relative_to(CODE_DIR.parent)): path.stat().st_mtime_ns
        for path in sorted(CODE_DIR.rglob("*.py"))
    }
