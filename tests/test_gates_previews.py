"""Link previews as a fetcher sees them: every page, fetched over HTTP and read without
running JavaScript, has a title and a meta description in its <head> that are its own, not
shared with another page and not the site-wide default."""

from __future__ import annotations

from pathlib import Path

from tests.gates import previews
from tests.gates.site import BROKEN, content_pages, html_pages, serve, url_path

NOT_PREVIEWED = {"404.html"}
"""The error page is served for any missing address, with status 404: fetchers do not
build a preview from it, so it keeps the site-wide default description."""


def test_every_page_has_its_own_title_and_description_for_link_previews(
    site: Path, server: str
) -> None:
    heads = {
        path: previews.fetch_head(server + path)
        for path in (url_path(site, page) for page in content_pages(site))
        if path not in NOT_PREVIEWED
    }
    assert len(heads) >= 30
    found = previews.problems(heads, previews.site_description())
    assert found == [], "pages whose link preview would be wrong:\n" + "\n".join(found)


def test_the_check_fails_pages_with_missing_generic_or_shared_previews() -> None:
    generic = (
        "An open library of leg-strength exercises for runners: technique, muscles, dosage "
        "and the ladder from easier to harder, with printable session cards."
    )
    site = BROKEN / "previews"
    with serve(site) as base:
        heads = {
            url_path(site, page): previews.fetch_head(base + url_path(site, page))
            for page in html_pages(site)
        }
    found = "\n".join(previews.problems(heads, generic))
    assert "bare/: no <title>" in found
    assert "bare/: no meta description" in found
    assert "generic/: the site-wide default description" in found
    assert "same-a/, same-b/: the same description" in found
    assert "same-a/, same-b/: the same title" in found
