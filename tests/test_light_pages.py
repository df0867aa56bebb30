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


def stylesheets(soup) -> list[str]:
    return [link["href"] for link in soup.select('link[rel="stylesheet"]')]


def test_every_page_waits_for_one_own_stylesheet_and_the_card_styles_only_with_a_card(
    site: Path,
) -> None:
    """One request for Legwork's styles on every page (palette, furniture, figures, the
    accessibility fixes and print); the card's styles only where a card, a booklet or a
    programme's plan is on the page; the theme's palette file on none (legwork.css holds
    both schemes)."""
    for path in content_pages(site):
        where = url_path(site, path)
        soup = page(site, where)
        links = stylesheets(soup)
        own = [
            href for href in links if not href.split("assets/", 1)[-1].startswith("stylesheets/")
        ]
        assert [h for h in own if h.endswith("assets/legwork.css")], f"{where}: no legwork.css"
        assert not any("palette." in href for href in links), f"{where}: the theme's palette"
        needs_card = bool(soup.select(".lw-card, table.lw-plan, form[data-lw-calendar]"))
        cards = [h for h in own if h.endswith("assets/card.css")]
        assert len(cards) == (1 if needs_card else 0), where
        rest = [h for h in own if not h.endswith(("assets/legwork.css", "assets/card.css"))]
        assert all(h.endswith("assets/builder.css") for h in rest), f"{where}: {rest}"


def test_the_print_rules_reach_paper(site: Path) -> None:
    """The print rules moved into the two stylesheets: every page hides the site's chrome on
    paper, and a card's paper layout comes with the card's styles."""
    every = (site / "assets" / "legwork.css").read_text("utf-8")
    card = (site / "assets" / "card.css").read_text("utf-8")
    assert ".md-header," in every[every.rindex("@media print{") :]
    assert re.search(r"@media print\{.*\.md-typeset \.lw-card\{display:flex", card, re.S)
    assert re.search(r"@media screen\{\.lw-print-only\{display:none!important\}\}", card)


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
    for name in (SHARED, "assets/session.js", "assets/card.css", "assets/legwork.js"):
        assert name in shell, name
        assert (site / name).is_file(), name


OWN_FILES = (
    "assets/legwork.css",
    "assets/card.css",
    "assets/builder.css",
    "assets/legwork.js",
    "assets/session.js",
    "assets/builder.js",
)


@pytest.mark.parametrize("name", OWN_FILES)
def test_own_files_are_served_minified_and_still_parse(site: Path, name: str) -> None:
    import shutil
    import subprocess

    from tests.gates.site import ROOT

    source = (ROOT / "docs" / name).read_text("utf-8")
    served = (site / name).read_text("utf-8")
    assert len(served) < 0.85 * len(source), f"{name}: {len(served)} of {len(source)} bytes"
    assert "\n  " not in served, f"{name}: indentation left in"
    if name.endswith(".js"):
        node = shutil.which("node")
        assert node, "node (installed by make setup) checks the minified scripts' syntax"
        result = subprocess.run([node, "--check", str(site / name)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    else:
        assert "/*" not in served, f"{name}: a comment left in"
        assert served.count("{") == served.count("}"), name


def test_pages_are_served_without_the_templates_indentation(site: Path) -> None:
    for path in content_pages(site):
        html = path.read_text("utf-8")
        outside = re.sub(r"<(pre|textarea|script|style|code)\b.*?</\1>", "<x>", html, flags=re.S)
        assert not re.search(r">[^<]*\n[ \t]+[^<]*<", outside), path


def test_squeezing_a_page_keeps_what_a_browser_shows_and_every_byte_that_matters() -> None:
    from macros.site.minify import page as squeezed

    html = (
        '<div>\n    <p title="a\n   b &gt; c">one  \n   two &amp; <b>three</b></p>\n'
        "  <pre><code>x\n   y</code>\n  z</pre>\n  <code>q\n   r</code>\n"
        "  <textarea>\n  keep\n</textarea>\n  <script>\n  if (a < b) { go(); }\n</script>\n"
        "  </div>"
    )
    assert squeezed(html) == (
        '<div>\n<p title="a\n   b &gt; c">one\ntwo &amp; <b>three</b></p>\n'
        "<pre><code>x\n   y</code>\n  z</pre>\n<code>q\n   r</code>\n"
        "<textarea>\n  keep\n</textarea>\n<script>\n  if (a < b) { go(); }\n</script>\n"
        "</div>"
    )


def test_the_minifier_refuses_a_template_literal_inside_another() -> None:
    from macros.site.minify import minified

    with pytest.raises(ValueError, match=r"assets/x\.js, line 2: a template literal inside"):
        minified("assets/x.js", 'const a = 1;\nconst b = `A ${a ? `${a} to` : "up to"} B`;\n')
    assert minified("assets/x.js", "const b = `A ${a} to`;  // note\n") == "const b=`A ${a} to`;\n"
