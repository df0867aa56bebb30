"""Escaping by construction: one Jinja environment, filters that escape what they insert,
URLs and DOIs checked by the models, and hostile data that is either refused with
``path:line: field: message`` or printed as literal text on every generated page.

The pages are rendered by the site plan and converted by Python-Markdown with the site's
own extensions (read from mkdocs.yml), so every check runs in seconds without a build.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from macros.data.errors import DataErrors
from macros.data.loader import load_library
from macros.site import plan, prose, render
from tests.conftest import DATA, ROOT, dump_yaml, raw_yaml

HOSTILE_DOI = "10.1242/jeb.064527)<svg/onload=alert(1)>"
SCRIPT_TITLE = "Strong calves </a><script>window.__lw=1</script> for runners"
QUOTED_DEFINITION = "A \"quoted\" definition with 'single' quotes & an <img src=x onerror=alert(1)>"
"""Each is data a contributor (or an attacker) could write."""

# A DOI the Crossref pattern accepts, full of characters that would end a Markdown link
# or start a new one if they reached the page unescaped.
TRICKY_DOI = "10.1234/lw.(x);javascript:alert(1)/a_b-c"


def markdown_extensions() -> list:
    """The site's Markdown extensions, as mkdocs.yml lists them (read without MkDocs)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text.split("\nmarkdown_extensions:\n", 1)[1]
    return re.findall(r"^  - ([\w.]+)", block.split("\n\n")[0], re.MULTILINE)


def html_of(markdown_text: str) -> BeautifulSoup:
    body = (
        markdown_text.split("\n---\n", 1)[1] if markdown_text.startswith("---") else markdown_text
    )
    return BeautifulSoup(markdown.markdown(body, extensions=markdown_extensions()), "html.parser")


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def rendered_pages(data_dir: Path) -> dict[str, BeautifulSoup]:
    library = load_library(data_dir)
    settings = plan.Settings("https://example.org/", "https://github.com/legwork/x", pdfs=False)
    abbreviations = plan.abbreviations(library)
    return {
        page.src_uri: html_of(page.markdown + abbreviations)
        for page in plan.generated_pages(library, settings)
    }


def first_source_with_doi(data_dir: Path) -> tuple[dict, int]:
    catalogue = raw_yaml(data_dir / "sources.yml")
    index = next(i for i, s in enumerate(catalogue["sources"]) if s.get("doi"))
    return catalogue, index


def live_markup(soup: BeautifulSoup) -> list[str]:
    """Elements and attributes that only data text could have added."""
    found = [str(tag)[:80] for tag in soup.find_all(["img", "iframe"])]
    for script in soup.find_all("script"):
        # The only scripts a generated page may hold are the templates' own JSON data
        # blocks, which must parse as JSON whole (no data text can close them early).
        if script.get("src") and re.fullmatch(r"(\.\./)*assets/[\w./-]+\.js", script["src"]):
            continue  # the template's own script file, by a fixed relative path
        if script.get("type") != "application/json":
            found.append(str(script)[:80])
            continue
        try:
            json.loads(script.string or "")
        except ValueError:
            found.append(str(script)[:80])
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}>")
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name in ("href", "src") and re.match(r"\s*(javascript|data|vbscript):", text, re.I):
                found.append(f"<{tag.name} {name}={text!r}>")
    return found


# --- One environment. -----------------------------------------------------------------


def environment_constructions() -> list[str]:
    found = []
    for path in sorted((ROOT / "macros").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in ("Environment", "SandboxedEnvironment", "NativeEnvironment"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_the_project_constructs_exactly_one_jinja_environment() -> None:
    assert len(environment_constructions()) == 1, environment_constructions()


def test_the_environment_escapes_and_fails_on_undefined_names() -> None:
    env = render.environment()
    assert env.autoescape is True
    assert env.undefined.__name__ == "StrictUndefined"
    assert render.prose_environment().filters is not None
    assert set(render.FILTERS) <= set(render.prose_environment().filters)


def test_no_filter_passes_data_through_as_markup() -> None:
    hostile = '</a><script>x()</script>" onmouseover="y()'
    for name, function in render.FILTERS.items():
        try:
            value = function(hostile) if name not in ("md_link", "html_link") else None
        except Exception:  # a filter for numbers or ids refuses text: nothing printed
            continue
        if isinstance(value, Markup):
            assert "<script>" not in value and '" onmouseover' not in value, name


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "data:text/html,<b>",
        'https://example.org/"onmouseover=x',
        "https://example.org/a)b",
        "../x.md) [y](z",
        "https://example.org/a b",
        " javascript:alert(1)",
    ],
)
def test_link_filters_refuse_targets_that_could_escape(target: str) -> None:
    with pytest.raises(render.UnsafeLink):
        render.md_link("text", target)
    with pytest.raises(render.UnsafeLink):
        render.html_link("text", target)


def test_link_filters_escape_their_text() -> None:
    assert render.md_link("a ] b", "../x.md") == "[a \\] b](../x.md)"
    assert render.html_link("</a><b>", "https://example.org/") == (
        '<a href="https://example.org/">&lt;/a&gt;&lt;b&gt;</a>'
    )


# --- The models refuse what cannot be printed safely. ----------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("doi", HOSTILE_DOI, "expected a DOI"),
        ("doi", "10.1242/jeb.064527)", "expected a DOI"),
        ("doi", '10.1242/jeb"x', "expected a DOI"),
        ("url", "javascript:alert(1)", "expected an https:// URL"),
        ("url", "data:text/html,x", "expected an https:// URL"),
        ("url", 'https://example.org/"onmouseover=x', "expected an https:// URL"),
    ],
)
def test_a_hostile_doi_or_url_is_refused_with_its_location(
    tmp_path: Path, field: str, value: str, expected: str
) -> None:
    data_dir = copy_data(tmp_path)
    catalogue, index = first_source_with_doi(data_dir)
    catalogue["sources"][index][field] = value
    (data_dir / "sources.yml").write_text(dump_yaml(catalogue), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_library(data_dir)
    report = caught.value.report()
    assert re.search(
        rf"sources\.yml:\d+: sources\[{index}\]\.{field}: {re.escape(expected)}", report
    ), report


# --- What the models accept is printed as text on every page. --------------------------


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, dict]:
    data_dir = copy_data(tmp_path_factory.mktemp("escaping"))
    catalogue, index = first_source_with_doi(data_dir)
    source = catalogue["sources"][index]
    source["doi"] = TRICKY_DOI
    source["title"] = SCRIPT_TITLE
    (data_dir / "sources.yml").write_text(dump_yaml(catalogue), encoding="utf-8")
    glossary = raw_yaml(data_dir / "glossary.yml")
    term = next(t for t in glossary["terms"] if t.get("tooltip", True))
    term["definition"] = QUOTED_DEFINITION
    (data_dir / "glossary.yml").write_text(dump_yaml(glossary), encoding="utf-8")
    exercise_path = sorted((data_dir / "exercises").glob("*.yml"))[0]
    exercise = raw_yaml(exercise_path)
    exercise["name"] = "Lunge </a><script>window.__lw=2</script>"
    exercise_path.write_text(dump_yaml(exercise), encoding="utf-8")
    return rendered_pages(data_dir), source["id"], term


def test_no_generated_page_gains_an_element_or_attribute_from_data(hostile_pages) -> None:
    pages, _, _ = hostile_pages
    live = {uri: found for uri, soup in pages.items() if (found := live_markup(soup))}
    assert live == {}


def test_a_title_with_markup_reads_as_written(hostile_pages) -> None:
    pages, _, _ = hostile_pages
    citing = [uri for uri, soup in pages.items() if SCRIPT_TITLE in soup.get_text()]
    assert citing, "the hostile source title is printed on no page"
    for uri in citing:
        titles = [cite.get_text() for cite in pages[uri].find_all("em")]
        assert SCRIPT_TITLE in titles, uri


def test_a_doi_with_link_characters_links_to_the_resolver(hostile_pages) -> None:
    pages, _, _ = hostile_pages
    links = [
        a
        for soup in pages.values()
        for a in soup.find_all("a")
        if a.get_text() == f"doi:{TRICKY_DOI}"
    ]
    assert links, "the DOI is linked on no page"
    for link in links:
        href = link["href"]
        assert href.startswith("https://doi.org/10.1234/lw.")
        assert "(" not in href and ")" not in href and ";" not in href


def test_a_quoted_glossary_definition_is_the_tooltip_exactly(hostile_pages) -> None:
    pages, _, term = hostile_pages
    tooltips = [
        abbr["title"]
        for soup in pages.values()
        for abbr in soup.find_all("abbr")
        if abbr.get_text() == term["term"]
    ]
    assert tooltips, f"{term['term']!r} has no tooltip on any page"
    expected = (f"{term['expansion']}: " if term.get("expansion") else "") + QUOTED_DEFINITION
    assert set(tooltips) == {expected}
    glossary = pages["glossary.md"].get_text()
    assert QUOTED_DEFINITION in glossary


def test_the_references_of_a_handwritten_page_escape_a_hostile_source(tmp_path: Path) -> None:
    data_dir = copy_data(tmp_path)
    catalogue, index = first_source_with_doi(data_dir)
    catalogue["sources"][index]["title"] = SCRIPT_TITLE
    catalogue["sources"][index]["doi"] = TRICKY_DOI
    (data_dir / "sources.yml").write_text(dump_yaml(catalogue), encoding="utf-8")
    library = load_library(data_dir)
    source_id = catalogue["sources"][index]["id"]
    text = prose.render_page(
        f'Claim {{{{ cite("{source_id}") }}}}.\n\n{{{{ references() }}}}\n', library, "x.md"
    )
    soup = html_of(text)
    assert live_markup(soup) == []
    assert soup.find("cite").get_text() == SCRIPT_TITLE
    assert soup.find("li", id=f"ref-{source_id}") is not None
    doi = soup.find("a", string=f"doi:{TRICKY_DOI}")
    assert doi is not None and doi["href"].startswith("https://doi.org/")
