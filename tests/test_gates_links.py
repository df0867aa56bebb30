"""Links gate: LinkChecker, an independent crawler with its anchor check on, finds no broken
link or anchor anywhere on the built site served over HTTP, and finds every one on a site
that is broken on purpose."""

from __future__ import annotations

from pathlib import Path

from tests.gates import links
from tests.gates.site import BROKEN, html_pages, serve, url_path


def test_every_internal_link_and_anchor_resolves_for_an_independent_crawler(site: Path) -> None:
    with serve(site) as base:
        broken = links.check(base, [url_path(site, page) for page in html_pages(site)])
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(map(str, broken))


def test_the_crawler_fails_a_site_with_broken_links_and_anchors() -> None:
    site = BROKEN / "links"
    with serve(site) as base:
        broken = links.check(base, [url_path(site, page) for page in html_pages(site)])
    found = {(item.page, item.link) for item in broken}
    assert found == {
        ("/", "assets/missing.css"),
        ("/", "missing/"),
        ("/", "other/#nowhere"),
        ("/", "#nope"),
        # Nothing links to this page: it is checked because crawling starts from every page.
        ("/orphan/", "../gone.html"),
        # A redirect stub pointing at a page that is gone.
        ("/old/", "../renamed/"),
    }
