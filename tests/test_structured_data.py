"""schema.org JSON-LD on the built site, read by a JSON-LD processor (pyld, offline): every
generated page has its breadcrumbs, every page with a link preview describes the image
with its licence and creator, and the open-data page describes the Dataset with its licence
and files. Expectations come from the data files and the built site, not from the code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pyld import jsonld

from tests.conftest import DATA, data_ids, raw_yaml

SCHEMA = "https://schema.org/"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def offline_loader(url: str, options: dict | None = None) -> dict[str, Any]:
    """schema.org's context, as far as these documents need it; nothing is fetched."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": SCHEMA}},
        }
    raise AssertionError(f"the JSON-LD asked for another document: {url}")


def expanded(page: Path) -> list[dict[str, Any]]:
    """Every JSON-LD node of a page, expanded to full schema.org IRIs."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    nodes = []
    for script in soup.find_all("script", type="application/ld+json"):
        document = json.loads(script.get_text())
        nodes += jsonld.expand(document, {"documentLoader": offline_loader})
    return nodes


def of_type(nodes: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [node for node in nodes if SCHEMA + name in node.get("@type", [])]


def value(node: dict[str, Any], name: str) -> Any:
    found = node[SCHEMA + name]
    return [item.get("@value", item.get("@id", item)) for item in found]


def served(site: Path, url: str) -> Path:
    """The built file behind an absolute URL of the site."""
    path = url.split("://", 1)[1].split("/", 1)[1]
    target = site / path
    return target / "index.html" if url.endswith("/") else target


@pytest.fixture(scope="module")
def site_url(site: Path) -> str:
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup.find("link", rel="canonical")["href"]


def entry_pages() -> list[str]:
    pages = [f"exercises/{i}/" for i in data_ids("exercises")]
    pages += [f"sessions/{i}/" for i in data_ids("sessions")]
    pages += [f"programmes/{i}/" for i in data_ids("programmes")]
    pages += [f"muscles/{m['id']}/" for m in raw_yaml(DATA / "muscles.yml")["muscles"]]
    return pages


def test_every_entry_page_has_breadcrumbs_ending_at_itself(site: Path, site_url: str) -> None:
    for path in entry_pages():
        nodes = expanded(site / path / "index.html")
        [trail] = of_type(nodes, "BreadcrumbList")
        items = sorted(trail[SCHEMA + "itemListElement"], key=lambda i: value(i, "position")[0])
        assert [value(i, "position")[0] for i in items] == list(range(1, len(items) + 1))
        assert value(items[0], "item") == [site_url]
        assert value(items[-1], "item") == [site_url + path], path
        section = site_url + path.split("/")[0] + "/"
        assert value(items[1], "item") == [section], path
        for item in items:
            assert value(item, "name")[0].strip(), path
            assert served(site, value(item, "item")[0]).exists(), value(item, "item")


def test_every_generated_index_has_breadcrumbs(site: Path) -> None:
    for path in ("exercises/", "sessions/", "programmes/", "muscles/", "glossary/", "ladders/"):
        assert of_type(expanded(site / path / "index.html"), "BreadcrumbList"), path


def test_every_preview_image_says_its_licence_and_creator(site: Path) -> None:
    for path in entry_pages():
        soup = BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")
        og_image = soup.find("meta", property="og:image")["content"]
        [image] = of_type(expanded(site / path / "index.html"), "ImageObject")
        assert value(image, "contentUrl") == [og_image]
        assert value(image, "license") == [CC_BY]
        [creator] = image[SCHEMA + "creator"]
        assert value(creator, "name") == ["Legwork contributors"]
        assert served(site, og_image).is_file()


def test_the_open_data_page_describes_the_dataset(site: Path, site_url: str) -> None:
    [dataset] = of_type(expanded(site / "open-data" / "index.html"), "Dataset")
    assert value(dataset, "license") == [CC_BY]
    assert value(dataset, "url") == [site_url + "open-data/"]
    files = [value(d, "contentUrl")[0] for d in dataset[SCHEMA + "distribution"]]
    built = sorted(site_url + p.relative_to(site).as_posix() for p in site.glob("api/v*/*.json"))
    assert sorted(files) == [f for f in built if not f.endswith(".schema.json")]
    for distribution in dataset[SCHEMA + "distribution"]:
        assert value(distribution, "encodingFormat") == ["application/json"]
    assert not of_type(expanded(site / "safety" / "index.html"), "Dataset")
