"""Legwork's forks of Material's partials are exactly Material's own files plus the edits in
macros/theme.py: a Material upgrade that changes one fails here, not silently
in production. After an upgrade run `legwork theme`, then the gates."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import theme as theme_patches
from tests.gates.site import ROOT, content_pages


@pytest.mark.parametrize("name", sorted(theme_patches.PATCHES))
def test_each_overridden_partial_is_material_plus_our_edits(name: str) -> None:
    override = theme_patches.OVERRIDES / name
    assert override.read_text(encoding="utf-8") == theme_patches.patched(name), (
        f"{override.relative_to(ROOT)} is not Material's {name} plus our edits: run `legwork theme`"
    )


def test_an_edit_that_no_longer_fits_material_fails_loudly(monkeypatch) -> None:
    edit = theme_patches.Edit(why="x", old="<not in the partial>", new="")
    monkeypatch.setitem(theme_patches.PATCHES, "partials/search.html", (edit,))
    with pytest.raises(theme_patches.PatchError, match="Material changed this partial"):
        theme_patches.patched("partials/search.html")


def test_the_accessibility_fixes_are_served_on_every_page(site: Path) -> None:
    """The fixes live in Legwork's one stylesheet (docs/assets/legwork.css), linked by every
    page; the served copy is minified, so look for each rule's selector without spaces."""
    served = (site / "assets" / "legwork.css").read_text(encoding="utf-8")
    for selector in (
        ".md-typeset a:not(.md-button,.md-tag,.md-icon,.headerlink)",
        ".md-typeset table:not([class]) th",
        ".lw-visually-hidden",
    ):
        assert selector in served, selector
    for page in content_pages(site):
        html = page.read_text(encoding="utf-8")
        assert "assets/legwork.css" in html, page
