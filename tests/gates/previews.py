"""Link previews as a fetcher sees them: the ``<head>`` of each page as served, read without
running any JavaScript, must carry a title and a meta description of its own."""

from __future__ import annotations

import urllib.request
from collections import defaultdict
from dataclasses import dataclass

import yaml
from bs4 import BeautifulSoup

from tests.gates.site import ROOT


@dataclass(frozen=True)
class Head:
    title: str
    description: str | None


def fetch_head(url: str) -> Head:
    """The title and meta description a link-preview fetcher reads from ``url``."""
    with urllib.request.urlopen(url, timeout=30) as response:
        html = response.read().decode("utf-8")
    head = BeautifulSoup(html, "html.parser").head
    assert head is not None, f"{url}: no <head>"
    title = head.find("title")
    meta = head.find("meta", attrs={"name": "description"})
    return Head(
        title=" ".join(title.get_text().split()) if title else "",
        description=" ".join(meta["content"].split()) if meta and meta.get("content") else None,
    )


def site_description() -> str:
    """``site_description`` from mkdocs.yml: what a page without its own falls back to."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return " ".join(str(config["site_description"]).split())


def problems(heads: dict[str, Head], default_description: str) -> list[str]:
    """Every page whose preview would be missing, generic or the same as another page's."""
    found = []
    by_description: dict[str, list[str]] = defaultdict(list)
    by_title: dict[str, list[str]] = defaultdict(list)
    for page, head in sorted(heads.items()):
        if not head.title:
            found.append(f"{page}: no <title>")
        else:
            by_title[head.title].append(page)
        if not head.description:
            found.append(f"{page}: no meta description")
        elif head.description == default_description:
            found.append(f"{page}: the site-wide default description, not one of its own")
        else:
            by_description[head.description].append(page)
    for kind, groups in (("description", by_description), ("title", by_title)):
        for text, pages in groups.items():
            if len(pages) > 1:
                found.append(f"{', '.join(pages)}: the same {kind} {text[:80]!r}")
    return found
