"""Links that travel: previews as a fetcher sees them, stable URLs, snippets, open data."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
from PIL import Image
from playwright.sync_api import expect

from macros.cli import main as legwork
from tests.conftest import (
    DATA,
    RENAMED,
    data_ids,
    exercise_ids,
    page,
    raw_yaml,
    serve,
)
from tests.gates.site import content_pages, url_path

SITE_URL = "http://127.0.0.1:8000/"


def head_meta(soup) -> dict[str, str]:
    found = {}
    for tag in soup.head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            found[key] = tag.get("content", "")
    canonical = soup.head.find("link", rel="canonical")
    found["canonical"] = canonical["href"] if canonical else ""
    found["title"] = soup.head.title.get_text() if soup.head.title else ""
    return found


def test_every_page_has_absolute_page_specific_link_previews(site: Path) -> None:
    descriptions: dict[str, str] = {}
    for path in content_pages(site):
        if path.name == "404.html":
            continue
        where = "/" + url_path(site, path)
        meta = head_meta(page(site, str(path.relative_to(site))))
        expected_url = SITE_URL + where.lstrip("/") if where != "/" else SITE_URL
        assert meta["canonical"] == expected_url, where
        assert meta["og:url"] == expected_url, where
        for key in (
            "og:title",
            "og:description",
            "og:type",
            "og:image",
            "og:image:alt",
            "twitter:card",
            "twitter:title",
            "twitter:description",
            "twitter:image",
            "description",
            "title",
        ):
            assert meta.get(key), f"{where}: no {key}"
        assert meta["og:image"].startswith(SITE_URL), where
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630"), where
        assert meta["og:title"] in meta["title"], where
        assert meta["description"] == meta["og:description"], where
        assert meta["description"] not in descriptions, (
            f"{where} shares its description with {descriptions.get(meta['description'])}"
        )
        descriptions[meta["description"]] = where


def test_every_preview_image_exists_at_the_stated_size(site: Path) -> None:
    images = set()
    for path in content_pages(site):
        images.add(head_meta(page(site, str(path.relative_to(site))))["og:image"])
    for image in images:
        local = site / urlsplit(image).path.lstrip("/")
        with Image.open(local) as png:
            assert png.size == (1200, 630), image
    exercise_images = {i for i in images if "/previews/exercises/" in i}
    assert len(exercise_images) == len(data_ids("exercises"))


def test_sitemap_robots_and_404(site: Path) -> None:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [
        loc.text for loc in ET.parse(site / "sitemap.xml").getroot().findall(".//s:loc", namespace)
    ]
    assert urls and all(url.startswith(SITE_URL) for url in urls)
    for exercise_id in data_ids("exercises"):
        assert f"{SITE_URL}exercises/{exercise_id}/" in urls
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (site / "robots.txt").read_text()
    not_found = page(site, "404.html")
    assert not_found.select_one("form.md-search__form, [data-md-component=search]") is not None
    assert any(a["href"].endswith("/exercises/") for a in not_found.select("article a[href]"))


def test_every_snippet_link_resolves(site: Path) -> None:
    soup = page(site, "share/")
    snippets = soup.select("code[data-lw-snippet]")
    pages = exercise_ids() + data_ids("sessions") + data_ids("programmes")
    expected = 3 * len(pages)
    assert len(snippets) == expected
    for code in snippets:
        links = re.findall(r"https?://[^\s)\"<]+", code.get_text())
        assert links, code["id"]
        for link in links:
            assert link.startswith(SITE_URL), link
            assert (site / urlsplit(link).path.lstrip("/") / "index.html").is_file(), link


def test_open_data_validates_against_its_published_schema(site: Path) -> None:
    expected_ids = {
        "exercises": exercise_ids(),
        "muscles": sorted(m["id"] for m in raw_yaml(DATA / "muscles.yml")["muscles"]),
        "sessions": data_ids("sessions"),
        "programmes": data_ids("programmes"),
        "assessments": exercise_ids("assessment"),
    }
    for name, ids in expected_ids.items():
        document = json.loads((site / "api" / "v2" / f"{name}.json").read_text())
        schema = json.loads((site / "api" / "v2" / f"{name}.schema.json").read_text())
        jsonschema.validate(document, schema)
        assert document["schema"] == f"{SITE_URL}api/v2/{name}.schema.json"
        assert sorted(item["id"] for item in document["items"]) == ids
    exercises = json.loads((site / "api" / "v2" / "exercises.json").read_text())["items"]
    for item in exercises:
        source = raw_yaml(DATA / "exercises" / f"{item['id']}.yml")
        assert item["name"] == source["name"] and item["harder"] == source.get("harder", [])
    export = json.loads((site / "api" / "v1" / "free-exercise-db" / "exercises.json").read_text())
    assert sorted(entry["id"] for entry in export) == exercise_ids()


def test_committed_published_ids_are_current() -> None:
    assert legwork(["ids", "--check", str(DATA)]) == 0, (
        "run `make validate` and commit data/published.yml"
    )


def test_a_silently_removed_exercise_fails_validation(tmp_path: Path, monkeypatch, capsys) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "data" / "exercises" / "weighted-single-leg-calf-raise.yml").unlink()
    single = tmp_path / "data" / "exercises" / "single-leg-calf-raise.yml"
    single.write_text(single.read_text().replace("weighted-single-leg-calf-raise", ""))
    single.write_text(re.sub(r"harder:\n  - \n", "harder: []\n", single.read_text()))
    monkeypatch.chdir(tmp_path)
    assert legwork(["validate", "data"]) == 1
    errors = capsys.readouterr().err
    assert "data/published.yml:" in errors
    assert (
        "'weighted-single-leg-calf-raise' was published but is no longer an exercise id" in errors
    )


def test_a_renamed_exercise_keeps_its_old_url_working(variant, tab) -> None:
    """In the variant build (``conftest.variant``) hip-thrust is renamed, declared in
    ``previous_ids``: the old address forwards to the new page, keeping the section."""
    site, project = variant
    old, new = RENAMED
    assert (site / "exercises" / new / "index.html").is_file()
    assert (site / "exercises" / old / "index.html").is_file()
    name = raw_yaml(project.root / "data" / "exercises" / f"{new}.yml")["name"]
    marker = name.split()[0]  # the payload's unique marker leads the hostile name
    with serve(site) as base:
        tab.goto(base + f"exercises/{old}/#dosage")
        tab.wait_for_url(re.compile(rf".*/exercises/{new}/(#dosage)?$"))
        expect(tab.locator("h1")).to_contain_text(marker)


def test_the_share_control_copies_the_canonical_url_where_there_is_no_share_sheet(
    browser, server: str
) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(server + "exercises/romanian-deadlift/#dosage")
    assert tab.evaluate("typeof navigator.share") == "undefined"  # headless Chromium has none
    tab.get_by_role("button", name="Share").click()
    expect(tab.locator(".lw-share-control__status")).to_have_text("Link copied")
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied == SITE_URL + "exercises/romanian-deadlift/"  # canonical, not the address bar
    context.close()


def test_the_share_control_opens_the_system_share_sheet(browser, server: str) -> None:
    context = browser.new_context()
    context.add_init_script("navigator.share = async (data) => { window.__lwShared = data; };")
    tab = context.new_page()
    tab.goto(server + "sessions/posterior-chain/")
    tab.get_by_role("button", name="Share").click()
    expect(tab.locator(".lw-share-control__status")).to_have_text("Shared")
    shared = tab.evaluate("window.__lwShared")
    assert shared["url"] == SITE_URL + "sessions/posterior-chain/"
    assert "Posterior chain" in shared["title"]
    context.close()


def test_every_page_has_one_share_control_and_no_other_copy_buttons(site: Path) -> None:
    for path in content_pages(site):
        soup = page(site, str(path.relative_to(site)))
        where = url_path(site, path)
        assert len(soup.select("[data-lw-share]")) == 1, where
        copies = soup.select("button[data-lw-copy], .lw-copy-link, [data-lw-copy-link]")
        if where == "share/":
            assert copies, "the newsletter kit keeps its snippet copy buttons"
        else:
            assert copies == [], f"{where}: copy buttons besides the share control"
