"""Light pages: what every page would otherwise repeat is a cached file, and page-specific
files load only where they are used. The muscle maps point into one shared drawing that
holds every shape of the body map; the print rules wait for paper; session mode loads only
with a session card, a plan calendar or the builder; the offline shell keeps all of them.
Expectations come from the raw YAML and the built pages."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import DATA, page, raw_yaml
from tests.gates.site import content_pages, url_path

SVG = "{http://www.w3.org/2000/svg}"
BODY = raw_yaml(DATA / "body-map.yml")
SHARED = "assets/muscle-map.svg"


def shared_ids(site: Path) -> dict[str, ET.Element]:
    root = ET.parse(site / SHARED).getroot()
    return {element.get("id"): element for element in root.iter() if element.get("id")}


@pytest.mark.parametrize("where", ["", "muscles/", "muscles/soleus/", "exercises/back-squat/"])
def test_every_use_in_a_map_points_at_a_drawing_in_the_shared_file(site: Path, where) -> None:
    ids = shared_ids(site)
    maps = page(site, where).select("svg.lw-muscle-map")
    assert maps, f"{where or 'home'}: no muscle map"
    for svg in maps:
        uses = svg.select("use")
        assert uses
        for use in uses:
            target = urlsplit(urljoin(f"https://example.org/{where}", use["href"]))
            assert target.path == f"/{SHARED}", use["href"]
            assert target.fragment in ids, f"{use['href']}: no such drawing"
        for shape in svg.select("use[data-muscle]"):
            group = ids[urlsplit(shape["href"]).fragment]
            assert group.get("id").endswith(shape["data-muscle"]), shape["href"]


def test_the_shared_file_draws_every_shape_of_the_body_map(site: Path) -> None:
    ids = shared_ids(site)
    expected: dict[str, int] = {}
    for shape in BODY["shapes"]:
        expected[shape["muscle"]] = expected.get(shape["muscle"], 0) + (
            2 if shape.get("mirror") else 1
        )
    groups = {
        key: len(element.findall(f"{SVG}path"))
        for key, element in ids.items()
        if element.tag == f"{SVG}g" and element.findall(f"{SVG}path")
    }
    drawn = {key.split("-", 2)[-1]: count for key, count in groups.items() if key != "lw-bodies"}
    assert drawn == expected
    outlines = sum(1 + len(view.get("details", [])) for view in BODY["views"])
    assert groups["lw-bodies"] == outlines
    titles = [text.text for text in ids["lw-bodies"].iter(f"{SVG}text")]
    assert titles == [view["title"] for view in BODY["views"]]


def test_print_rules_wait_for_paper_except_on_the_builder(site: Path) -> None:
    for path in content_pages(site):
        where = url_path(site, path)
        soup = page(site, where)
        links = [
            link for link in soup.select('link[rel="stylesheet"]') if "print.css" in link["href"]
        ]
        assert len(links) == 1, f"{where}: {len(links)} print stylesheets"
        expected = None if where == "sessions/build/" else "print"
        assert links[0].get("media") == expected, where


def test_session_mode_loads_only_where_it_runs(site: Path) -> None:
    for path in content_pages(site):
        where = url_path(site, path)
        soup = page(site, where)
        scripts = [s for s in soup.select("script[src]") if s["src"].endswith("session.js")]
        needed = bool(soup.select("[data-lw-session], form[data-lw-calendar], [data-lw-builder]"))
        assert len(scripts) == (1 if needed else 0), where


def test_the_offline_shell_keeps_the_shared_map_and_the_split_files(site: Path) -> None:
    text = (site / "sw.js").read_text("utf-8")
    shell = json.loads(re.search(r"const SHELL = (\[.*?\]);", text, re.S).group(1))
    for name in (SHARED, "assets/session.js", "assets/print.css", "assets/legwork.js"):
        assert name in shell, name
        assert (site / name).is_file(), name
