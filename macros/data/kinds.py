"""The registry of kinds: each kind of entry that has its own page, declared once.

A :class:`Kind` says where its entries come from in the :class:`~macros.data.library.Library`,
the folder its pages and published ids live in, its page template, how its title and
link-preview line read, and its open-data document. Everything that treats kinds alike
derives from :data:`KINDS`: URLs (``macros.site.urls``), the generated pages, redirects for
``previous_ids`` and link previews (``macros.site``), the published-id and rename checks
(``checks``, ``published``), the open data and the ``link`` macro's titles. Adding a kind
is one :func:`register` call plus its model and template; a kind whose entries are files
in a folder of their own (``files_model``) is loaded from ``data/<folder>/`` too.

No MkDocs and no site import: this is data about the data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, create_model

from macros.data.models import (
    Assessment,
    Exercise,
    Id,
    Muscle,
    Programme,
    PublishedIds,
    Session,
)
from macros.data.vocab import BODY_REGIONS, LEVELS, PATTERNS

if TYPE_CHECKING:
    from macros.data.library import Library


@dataclass(frozen=True)
class Kind:
    """One kind of entry with a page of its own."""

    name: str
    """Singular, as URLs and the ``link`` macro name it: ``exercise``."""
    folder: str
    """Where its pages are served and its ids are recorded in ``published.yml``."""
    model: type[BaseModel]
    template: str
    """The page template in ``macros/site/templates/``."""
    title: Callable[[Any], str]
    """An entry's title: the page's heading, its link text, its link preview."""
    subtitle: Callable[[Library, Any], str]
    """The line under the title on the entry's link preview."""
    open_data: str
    """The name of its open-data document (``api/v2/<open_data>.json``)."""
    entries: Callable[[Library], Mapping[str, Any]] | None = None
    """Its entries in a library, by id; unset for a kind added later, whose entries the
    loader keeps in ``Library.extra``."""
    listed_in: tuple[str, str] | None = None
    """For a kind whose entries are listed in a catalogue rather than one file each: the
    catalogue's file and the key of its list (``("muscles.yml", "muscles")``)."""
    files_model: type[BaseModel] | None = None
    """For a kind added later: its entries are ``data/<folder>/<id>.yml`` files of this model
    (the five built-in kinds are loaded by ``loader`` itself)."""
    preview_figure: bool = False
    """Whether its link preview draws the entry's figure."""

    def of(self, library: Library) -> Mapping[str, Any]:
        """This kind's entries in ``library``, by id."""
        if self.entries is not None:
            return self.entries(library)
        return library.extra.get(self.name, {})

    @property
    def article(self) -> str:
        """``an exercise``, ``a muscle``: for messages."""
        return f"{'an' if self.name[0] in 'aeiou' else 'a'} {self.name}"


def _primary(library: Library, entry: Exercise | Assessment) -> str:
    return ", ".join(library.muscles[m].name for m in entry.muscles.primary)


KINDS: dict[str, Kind] = {}
"""Every kind, in the order their pages are generated and their previews drawn."""


def register(kind: Kind) -> Kind:
    """Add a kind to the registry (a test may add one for its own run)."""
    if kind.name in KINDS:
        raise ValueError(f"a kind named {kind.name!r} is registered already")
    KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    KINDS.pop(name)


register(
    Kind(
        name="exercise",
        folder="exercises",
        model=Exercise,
        template="exercise.md.j2",
        entries=lambda library: library.exercises,
        title=lambda e: e.name,
        subtitle=lambda library, e: f"{PATTERNS.label(e.pattern)} · {_primary(library, e)}",
        open_data="exercises",
        preview_figure=True,
    )
)
register(
    Kind(
        name="assessment",
        folder="exercises",  # a test's page sits among the exercises
        model=Assessment,
        template="assessment.md.j2",
        entries=lambda library: library.assessments,
        title=lambda a: a.name,
        subtitle=lambda library, a: f"Test · {_primary(library, a)}",
        open_data="assessments",
    )
)
register(
    Kind(
        name="muscle",
        folder="muscles",
        model=Muscle,
        template="muscle.md.j2",
        entries=lambda library: library.muscles,
        title=lambda m: m.name,
        subtitle=lambda library, m: f"{m.plain_name} · {BODY_REGIONS.label(m.region)}",
        open_data="muscles",
        listed_in=("muscles.yml", "muscles"),
    )
)
register(
    Kind(
        name="session",
        folder="sessions",
        model=Session,
        template="session.md.j2",
        entries=lambda library: library.sessions,
        title=lambda s: s.title,
        subtitle=lambda library, s: (
            f"{LEVELS.label(s.audience.level)} · {s.duration_minutes} minutes"
        ),
        open_data="sessions",
    )
)
register(
    Kind(
        name="programme",
        folder="programmes",
        model=Programme,
        template="programme.md.j2",
        entries=lambda library: library.programmes,
        title=lambda p: p.title,
        subtitle=lambda library, p: f"{LEVELS.label(p.audience.level)} · {len(p.weeks)} weeks",
        open_data="programmes",
    )
)


def folders() -> list[str]:
    """Every folder of entry pages, each once, in registry order (``published.yml``'s keys)."""
    return list(dict.fromkeys(kind.folder for kind in KINDS.values()))


def entries_of(library: Library) -> Iterator[tuple[Kind, Any]]:
    """Every entry with a page, with its kind, in registry order."""
    for kind in KINDS.values():
        for entry in kind.of(library).values():
            yield kind, entry


def published_model() -> type[BaseModel]:
    """The model of ``published.yml``: one list of ids per folder of the registry."""
    missing = tuple(f for f in folders() if f not in PublishedIds.model_fields)
    return _published_model(missing) if missing else PublishedIds


@cache
def _published_model(added: tuple[str, ...]) -> type[BaseModel]:
    fields: dict[str, Any] = {folder: (tuple[Id, ...], ()) for folder in added}
    return create_model("PublishedIds", __base__=PublishedIds, **fields)
