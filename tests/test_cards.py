"""Session cards on paper: one page in A4 and US Letter, nothing clipped, no site chrome,
a QR code that leads back to the page, and a published PDF that matches."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from tests.conftest import DATA, ROOT, build_site, data_ids, dump_yaml, page, raw_yaml

SESSIONS = data_ids("sessions")
SITE_URL = "http://127.0.0.1:8000/"
# Printable width at 96 px/in with the card's 10 mm margins.
PAPER_WIDTH_PX = {"A4": round((210 - 20) / 25.4 * 96), "Letter": round((215.9 - 20) / 25.4 * 96)}
CHROME = [
    "Skip to content",
    "Search",
    "Table of contents",
    "Previous",
    "Next",
    "Print card",
    "Download PDF",
    "Made with",
    "Back to top",
    "Switch to",
]

OVERFLOWING = """() => {
  const bad = [];
  const show = (el) => el.outerHTML.slice(0, 80);
  for (const el of document.querySelectorAll("article, article *")) {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.display === "inline") continue;
    const wide = el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1;
    const tall = el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 1;
    if (wide || tall) bad.push(show(el));
  }
  const page = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll("article *")) {
    if (el.getBoundingClientRect().right > page + 1) bad.push("past the page: " + show(el));
  }
  return bad;
}"""

SMALL_TEXT = """() => [...document.querySelectorAll(
    ".lw-card p:not(.lw-card__credit), .lw-card li, .lw-card td, .lw-card tbody th")]
  .filter((el) => el.offsetParent !== null && el.textContent.trim())
  .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 13.3)
  .map((el) => el.outerHTML.slice(0, 60))"""


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def print_to_pdf(tab, url: str, paper: str) -> bytes:
    tab.set_viewport_size({"width": PAPER_WIDTH_PX[paper], "height": 1000})
    tab.emulate_media(media="print")
    tab.goto(url)
    overflow = tab.evaluate(OVERFLOWING)
    assert overflow == [], f"content overflows its box in print: {overflow}"
    assert tab.evaluate(SMALL_TEXT) == [], "card text under 10 pt in print"
    return tab.pdf(format=paper)


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "".join(p.extract_text() for p in reader.pages)


def exercise_names(session_id: str) -> list[str]:
    session = raw_yaml(DATA / "sessions" / f"{session_id}.yml")
    return [
        raw_yaml(DATA / "exercises" / f"{b['exercise']}.yml")["name"] for b in session["blocks"]
    ]


def test_there_are_at_least_four_sessions() -> None:
    assert len(SESSIONS) >= 4


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("session_id", SESSIONS)
def test_card_prints_on_one_page_without_chrome(
    tab, server: str, session_id: str, paper: str
) -> None:
    pdf = print_to_pdf(tab, f"{server}sessions/{session_id}/", paper)
    pages, text = pdf_text(pdf)
    assert pages == 1
    flat = squeeze(text)
    missing = [name for name in exercise_names(session_id) if squeeze(name) not in flat]
    assert missing == []
    assert squeeze("Week 6") in flat
    chrome = [word for word in CHROME if squeeze(word) in flat]
    assert chrome == []


def decode_qr(pdf: bytes, tmp_path: Path) -> list[str]:
    source = tmp_path / "card.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(source), str(tmp_path / "card")],
        check=True,
    )
    image = Image.open(tmp_path / "card.png")
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("session_id", SESSIONS)
def test_qr_code_leads_to_the_canonical_url_printed_beside_it(
    tab, server: str, session_id: str, tmp_path: Path
) -> None:
    pdf = print_to_pdf(tab, f"{server}sessions/{session_id}/", "A4")
    canonical = f"{SITE_URL}sessions/{session_id}/"
    printed = re.findall(r"https?://\S+?/sessions/[a-z0-9-]+/", squeeze(pdf_text(pdf)[1]))
    assert printed == [canonical]
    assert decode_qr(pdf, tmp_path) == [canonical]


@pytest.mark.parametrize("session_id", SESSIONS)
def test_published_pdf_is_the_one_page_card(site: Path, session_id: str) -> None:
    pdf = site / "sessions" / f"{session_id}.pdf"
    assert pdf.is_file()
    pages, text = pdf_text(pdf.read_bytes())
    assert pages == 1
    session = raw_yaml(DATA / "sessions" / f"{session_id}.yml")
    assert squeeze(session["title"]) in squeeze(text)
    assert all(squeeze(name) in squeeze(text) for name in exercise_names(session_id))


@pytest.mark.parametrize("session_id", SESSIONS)
def test_card_links_every_exercise_and_each_exercise_lists_the_card(
    site: Path, session_id: str
) -> None:
    soup = page(site, f"sessions/{session_id}/")
    session = raw_yaml(DATA / "sessions" / f"{session_id}.yml")
    linked = [a["href"] for a in soup.select(".lw-card table a[href]")]
    assert linked == [f"../../exercises/{b['exercise']}/" for b in session["blocks"]]
    for block in session["blocks"]:
        exercise_page = page(site, f"exercises/{block['exercise']}/")
        listed = [a["href"] for a in exercise_page.select("#sessions + ul a[href]")]
        assert f"../../sessions/{session_id}/" in listed
    download = soup.select_one("a[download]")
    assert download is not None and (site / "sessions" / f"{session_id}.pdf").is_file()
    assert download["href"] == f"../{session_id}.pdf"


# --- A card with every field at its maximum length still fits. -----------------------


def words(length: int, word: str = "Words") -> str:
    """Realistic text of exactly ``length`` characters (spaces where lines may wrap)."""
    return ((word + " ") * length)[: length - 1].strip().ljust(length - 1, "x") + "."


def longest_card(project: Path) -> str:
    """Exercises whose names are at their maximum, and a session at every maximum the
    models allow, read from the JSON Schema so the fixture follows the limits."""
    from macros.data.models import Exercise, Session

    session_schema = Session.model_json_schema()
    props, defs = session_schema["properties"], session_schema["$defs"]
    block_props = defs["Block"]["properties"]

    def longest(schema: dict) -> int:
        return schema["maxLength"] if "maxLength" in schema else schema["items"]["maxLength"]

    name_length = Exercise.model_json_schema()["properties"]["name"]["maxLength"]
    template = raw_yaml(DATA / "exercises" / "single-leg-deadlift.yml")
    dose = template["dosage"][-1]
    blocks = []
    for index in range(props["blocks"]["maxItems"]):
        exercise_id = f"long-exercise-{index}"
        name = f"Very long exercise name number {index} " + "x" * name_length
        exercise = {**template, "id": exercise_id, "harder": [], "name": name[:name_length]}
        (project / "data" / "exercises" / f"{exercise_id}.yml").write_text(
            dump_yaml(exercise), encoding="utf-8"
        )
        blocks.append(
            {
                "exercise": exercise_id,
                "stage": dose["stage"],
                "sets": dose["sets"]["max"],
                "reps": dose["reps"],
                "load": words(longest(block_props["load"]), "Load"),
                "rest_seconds": {"min": 120, "max": 180},
                "cue": words(longest(block_props["cue"]), "Cue"),
            }
        )
    session = {
        "id": "longest",
        "title": words(longest(props["title"]), "Title"),
        "summary": words(longest(props["summary"]), "Summary"),
        "audience": {
            "level": "intermediate",
            "phase": ["off-season", "base", "build", "in-season"],
        },
        "duration_minutes": 120,
        "week_placement": words(longest(props["week_placement"]), "Placement"),
        "warm_up": [words(longest(props["warm_up"]), "Warm")] * props["warm_up"]["maxItems"],
        "blocks": blocks,
        "progression": words(longest(props["progression"]), "Progress"),
        "finish": [words(longest(props["finish"]), "Finish")] * props["finish"]["maxItems"],
        "sources": [{"id": "chambers-key-leg-strength", "supports": "Test."}],
        "reviewed": "2026-11-24",
    }
    (project / "data" / "sessions" / "longest.yml").write_text(dump_yaml(session), encoding="utf-8")
    return "longest"


@pytest.fixture(scope="module")
def longest_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("project")
    for name in ("mkdocs.yml", "docs", "overrides", "macros"):
        if (ROOT / name).exists():
            (project / name).symlink_to(ROOT / name)
    shutil.copytree(DATA, project / "data")
    longest_card(project)
    from macros.data.loader import load_library

    load_library(project / "data")  # the fixture itself must be valid data
    return build_site(project / "mkdocs.yml", tmp_path_factory.mktemp("longest-site"))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_card_at_every_maximum_still_prints_on_one_page(
    tab, longest_site: Path, paper: str
) -> None:
    url = (longest_site / "sessions" / "longest" / "index.html").as_uri()
    pages, text = pdf_text(print_to_pdf(tab, url, paper))
    assert pages == 1
    assert squeeze("Very long exercise name number 5") in squeeze(text)


def test_without_a_browser_the_build_says_so_and_leaves_pdfs_out(monkeypatch, caplog) -> None:
    from mkdocs.exceptions import PluginError

    from macros.data.loader import load_library
    from macros.media import pdf
    from macros.plugin import LegworkPlugin
    from macros.site.plan import Settings, generated_pages

    monkeypatch.setattr(pdf, "browser_available", lambda: False)
    plugin = LegworkPlugin()
    plugin.load_config({})
    monkeypatch.setenv("LEGWORK_PDFS", "auto")
    with caplog.at_level("INFO", logger="mkdocs.plugins.legwork"):
        assert plugin._pdfs() is False
    assert "skipping the session-card PDFs" in caplog.text
    monkeypatch.setenv("LEGWORK_PDFS", "true")
    with pytest.raises(PluginError, match="no Chromium was found"):
        plugin._pdfs()
    library = load_library(DATA)
    settings = Settings(site_url=SITE_URL, repo_url="https://x", pdfs=False)
    card = next(
        p.markdown
        for p in generated_pages(library, settings)
        if p.src_uri == "sessions/posterior-chain.md"
    )
    assert "Download PDF" not in card and "Print card" in card
