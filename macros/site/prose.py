"""What the hand-written pages in ``docs/`` may use: the data, and links by kind and id.

mkdocs-macros renders those pages with these variables and the project's filters
(``macros.define_env``), and ``legwork generate`` renders them through the project's one
environment (:func:`~macros.site.render.prose_environment`), so numbers and links in prose
are never stale and hostile text in the data reads the same there as on generated pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from macros.data import kinds
from macros.data.library import Library
from macros.site import opendata, urls
from macros.site.render import (
    environment,
    markdown_text,
    md_link,
    prose_environment,
    short_authors,
)


class UnknownLink(LookupError):
    """A page links to an entry the data does not have."""


@dataclass(frozen=True)
class Linker:
    """The ``link`` macro: ``{{ link("exercise", "hip-thrust") }}`` writes a Markdown link to
    the entry's page named by its title; ``{{ link("safety", text="safety guidance") }}``
    links a single page with words of your own; ``anchor=`` adds a section."""

    library: Library
    current_src: Callable[[], str]
    lenient: bool = False
    """Serve mode with broken data: an unknown id becomes plain text instead of an error."""

    def __call__(
        self,
        kind: str,
        entry_id: str | None = None,
        text: str | None = None,
        anchor: str | None = None,
        query: str | None = None,
    ) -> Markup:
        known = self.title(kind, entry_id)
        if known is None:
            if self.lenient:
                return markdown_text(text or entry_id or kind)
            raise UnknownLink(f"link({kind!r}, {entry_id!r}): the data has no such {kind}")
        title = text if text is not None else known
        target = urls.Links(self.current_src()).page(kind, entry_id, anchor)
        if query is not None:  # a filtered list: ?have= etc. (MkDocs keeps the query)
            path, _, fragment = target.partition("#")
            target = f"{path}?{query}" + (f"#{fragment}" if fragment else "")
        return md_link(title, target)

    def file(self, site_path: str, text: str) -> Markup:
        """A Markdown link to a published file that is not a page (JSON, a schema), by its
        site path from ``urls``: ``{{ link.file(urls.api_document("exercises"), "JSON") }}``."""
        target = urls.Links(self.current_src()).asset(site_path)
        return md_link(text, target)

    def title(self, kind: str, entry_id: str | None) -> str | None:
        if entry_id is None:
            return kind if kind in urls.PAGES else None
        registered = kinds.KINDS.get(kind)
        entry = registered.of(self.library).get(entry_id) if registered else None
        return registered.title(entry) if registered and entry is not None else None


@dataclass(frozen=True)
class MapMacro:
    """``{{ muscle_map() }}``: the map of every muscle, each a link to its page."""

    library: Library
    current_src: Callable[[], str]

    def __call__(self) -> Markup:
        from macros.site import plan

        if self.library.body_map is None:  # serve mode with no good data yet
            return Markup("")
        links = urls.Links(self.current_src())
        figure = plan.muscle_map(self.library, links, {}, id_prefix="lw-map", title="The muscles")
        return environment().get_template("_pictures.j2").module.map_figure(figure)


class UnknownSource(LookupError):
    """A page cites a source that data/sources.yml does not list."""


@dataclass(frozen=True)
class Citations:
    """``{{ cite("bosquet-2007") }}`` writes a short citation linked to the page's reference
    list, and ``{{ references() }}`` (at the foot of the page) lists every source the page
    cited, in order. Only sources in ``data/sources.yml`` can be cited."""

    library: Library
    current_src: Callable[[], str]
    lenient: bool = False
    cited: dict[str, list[str]] = field(default_factory=dict)

    def __call__(self, *source_ids: str) -> Markup:
        parts = []
        for source_id in source_ids:
            source = self.library.sources.get(source_id)
            if source is None:
                if self.lenient:
                    parts.append(markdown_text(source_id))
                    continue
                raise UnknownSource(f"cite({source_id!r}): data/sources.yml has no such source")
            page = self.cited.setdefault(self.current_src(), [])
            if source_id not in page:
                page.append(source_id)
            year = f" {source.year}" if source.year else ""
            parts.append(md_link(f"{short_authors(source.authors)}{year}", f"#ref-{source_id}"))
        return Markup("({0})").format(Markup("; ").join(parts))

    def references(self) -> Markup:
        cited = [self.library.sources[s] for s in self.cited.get(self.current_src(), [])]
        return environment().get_template("_sources.j2").module.reference_list(cited)


class Blank:
    """Stands in for rules that did not load: any attribute, item or call of it is itself,
    and it prints as nothing."""

    def __getattr__(self, name: str) -> Blank:
        return self

    def __getitem__(self, key: object) -> Blank:
        return self

    def __call__(self, *args: object, **kwargs: object) -> Blank:
        return self

    def __str__(self) -> str:
        return ""

    def __html__(self) -> str:
        return ""

    def __bool__(self) -> bool:
        return False


def variables(library: Library, current_src: Callable[[], str], *, lenient: bool) -> dict[str, Any]:
    """Every name a hand-written page may use."""
    return {
        "library": library,
        # No rules loaded (serve mode with broken data from the start): the rules read as
        # blanks, so the page still shows, under the error banner.
        "coaching": library.coaching or Blank(),
        "link": Linker(library, current_src, lenient),
        "muscle_map": MapMacro(library, current_src),
        "cite": (citations := Citations(library, current_src, lenient)),
        "references": citations.references,
        "lossy_mappings": opendata.LOSSY_MAPPINGS,
        "urls": urls,
    }


def render_page(markdown: str, library: Library, src_uri: str) -> str:
    """A hand-written page with its macros rendered, as mkdocs-macros renders it."""
    template = prose_environment().from_string(markdown)
    return template.render(**variables(library, lambda: src_uri, lenient=False))
