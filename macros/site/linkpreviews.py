"""The link-preview cards the site needs: the site's own, then one per entry of every kind
in the registry (``macros.data.kinds``). ``macros.media.previews`` draws them."""

from __future__ import annotations

from macros.data import kinds
from macros.data.library import Library
from macros.media.previews import PreviewFigure, PreviewSpec
from macros.site import urls


def preview_specs(library: Library) -> list[PreviewSpec]:
    """Every link-preview card the site needs, in a stable order, the site default first,
    then one per entry of every kind in the registry."""
    counts = [
        f"{len(library.exercises)} exercises",
        f"{len(library.muscles)} muscles",
        f"{len(library.sessions)} sessions",
    ]
    specs = [PreviewSpec(urls.preview_image(), "", "Legwork", " · ".join(counts))]
    for kind, entry in kinds.entries_of(library):
        figure = (
            PreviewFigure(entry.figure, entry.kits[0], entry.muscles.primary)
            if kind.preview_figure
            else None
        )
        specs.append(
            PreviewSpec(
                urls.preview_image(kind.name, entry.id),
                urls.path(kind.name, entry.id),
                kind.title(entry),
                kind.subtitle(library, entry),
                figure,
            )
        )
    return specs
