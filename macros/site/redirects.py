"""Redirect stubs: an entry renamed with ``previous_ids`` keeps its old address working, for
every kind in the registry."""

from __future__ import annotations

from macros.data import kinds
from macros.data.library import Library
from macros.site import urls
from macros.site.render import render


def redirects(library: Library) -> dict[str, str]:
    """Old page path → new page path for every declared rename, of every kind."""
    return {
        urls.path(kind.name, old): urls.path(kind.name, entry.id)
        for kind, entry in kinds.entries_of(library)
        for old in entry.previous_ids
    }


def redirect_file(old_path: str) -> str:
    """Where the stub for an old page path is written: ``exercises/x/`` → its ``index.html``."""
    return old_path + "index.html"


def redirect_page(old_path: str, new_path: str, site_url: str) -> str:
    """A stub at an old address that sends the browser on, keeping any #section."""
    return render(
        "redirect.html.j2",
        target=urls.relative_url(old_path, new_path),
        canonical=urls.absolute(site_url, new_path),
    )
