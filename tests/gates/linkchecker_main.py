"""LinkChecker's own command line, run by the links gate (``links.py``), with two changes
that leave what it checks as it was and only save repeated work.

- It keeps the caller's user. Run as root, LinkChecker switches to "nobody" before loading
  its plugins, and where its files are not readable by everyone (a virtualenv under a
  root-only home) the anchor check then silently goes missing. It only ever fetches our own
  local test server.
- Each page's anchors are read once. With the anchor check on, LinkChecker treats every
  ``page/#name`` as a page of its own: it fetches and parses the whole page again for each
  name, and parses its links again too (a hundred-odd pages become well over a thousand
  parses). Here the anchors LinkChecker's own parser finds on a page are kept by the page's
  address, and a ``page/#name`` is not crawled for links, since the gate starts the crawl
  from every page of the site and so reads each one's links from its plain address.
"""

from __future__ import annotations

import sys
import threading
import urllib.parse

from linkcheck.checker.urlbase import UrlBase
from linkcheck.command import linkchecker as cli
from linkcheck.htmlutil import linkparse
from linkcheck.plugins.anchorcheck import AnchorCheck, UrlAnchorCheck

_anchors: dict[str, list] = {}
_lock = threading.Lock()


def _check_anchor(self: AnchorCheck, url_data: UrlBase) -> None:
    page = urllib.parse.urldefrag(url_data.url).url
    with _lock:
        found = _anchors.get(page)
    if found is None:
        collected = UrlAnchorCheck()
        linkparse.find_links(url_data.get_soup(), collected.add_anchor, linkparse.AnchorTags)
        found = collected.anchors
        with _lock:
            _anchors[page] = found
    check = UrlAnchorCheck()
    check.anchors = found
    check.check_anchor(url_data)


_allows_recursion = UrlBase.allows_recursion


def _recurse_once(self: UrlBase) -> bool:
    return not self.anchor and _allows_recursion(self)


AnchorCheck.check = _check_anchor
UrlBase.allows_recursion = _recurse_once
cli.drop_privileges = lambda: None

if __name__ == "__main__":
    sys.exit(cli.linkchecker())
