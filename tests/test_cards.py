"""Session cards on paper, measured from the PDFs Chromium prints on A4 and US Letter: one
page, text a coach can read at arm's length, a log with boxes a pencil fits in, a page that
is used, nothing past the margins, a QR code that leads back, and a capacity model that
never promises less room than the card takes."""

from __future__ import annotations

import functools
import io
import re
import subprocess
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from tests.conftest import DATA, computed_minutes, exercise, is_single, page, raw_yaml

SESSIONS = sorted(path.stem for path in (DATA / "sessions").glob("*.yml"))
SITE_URL = "http://127.0.0.1:8000/"
PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
MARGIN = 10.0
MM = 72 / 25.4
"""PDF points per millimetre."""
CHROME = [
    "Skip to content",
    "Search",
    "Table of contents",
    "Previous",
    "Next",
    "Print card",
    "Download PDF",
    "Start a new week",
    "Made with",
    "Back to top",
    "Switch to",
]

# The card's natural height in print, without the notes box growing to fill the page.
NATURAL_HEIGHT = """() => {
  const style = document.createElement("style");
  style.textContent = ".md-typeset .lw-card { min-height: 0 !important; }"
    + " .lw-card__notes { flex: 0 0 auto !important; }";
  document.head.append(style);
  const card = document.querySelector(".lw-card");
  const height = card.getBoundingClientRect().height;
  style.remove();
  return height * 25.4 / 96;
}"""


class Printed:
    """One card as the build printed it (``sessions/<id>.pdf``, ``sessions/<id>.letter.pdf``),
    parsed once, with the card's natural height as the browser lays it out for that paper."""

    def __init__(self, path: Path, natural_mm: float) -> None:
        assert path.is_file(), f"{path} was not printed: the suite builds with PDFs on"
        self.path = path
        self.pdf = path.read_bytes()
        self.natural_mm = natural_mm
        """The card's height in print before the notes box fills the page, in the browser."""

    @functools.cached_property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.pdf))

    @functools.cached_property
    def text(self) -> str:
        return squeeze("".join(p.extract_text() for p in self.reader.pages))

    @functools.cached_property
    def sheet(self):
        """The first page as pdfplumber reads it: characters, words and rules."""
        return pdfplumber.open(io.BytesIO(self.pdf)).pages[0]

    @functools.cached_property
    def words(self) -> list[dict]:
        return self.sheet.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)

    def qr_codes(self, scratch: Path) -> list[str]:
        if not hasattr(self, "_qr"):
            self._qr = decode_qr(self.path, scratch)
        return self._qr


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def printed(site: Path, browser, server: str) -> dict[tuple[str, str], Printed]:
    """Every card the build printed on each paper, beside the height the browser gives the
    card at that paper's printable width."""
    context = browser.new_context()
    tab = context.new_page()
    tab.emulate_media(media="print")
    cards = {}
    for session_id in SESSIONS:
        for paper, (width, _height) in PAPERS.items():
            tab.set_viewport_size({"width": round((width - 2 * MARGIN) / 25.4 * 96), "height": 900})
            tab.goto(f"{server}sessions/{session_id}/")
            natural = tab.evaluate(NATURAL_HEIGHT)
            suffix = "" if paper == "A4" else f".{paper.lower()}"
            cards[session_id, paper] = Printed(
                site / "sessions" / f"{session_id}{suffix}.pdf", natural
            )
    context.close()
    return cards


@pytest.fixture(scope="module")
def library():
    from macros.data.loader import load_library

    return load_library(DATA)


def blocks(session_id: str) -> list[dict]:
    return raw_yaml(DATA / "sessions" / f"{session_id}.yml")["blocks"]


def marks(pdf_page) -> list[dict]:
    """Everything printed in ink: characters, lines, curves and non-white shapes."""
    white = {(1.0,), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 0.0)}
    shapes = [
        shape
        for shape in pdf_page.rects + pdf_page.curves
        if shape.get("stroke") or tuple(shape.get("non_stroking_color") or (1.0,)) not in white
    ]
    return pdf_page.chars + pdf_page.lines + shapes


def test_there_are_at_least_four_sessions() -> None:
    assert len(SESSIONS) >= 4


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("session_id", SESSIONS)
def test_card_prints_on_one_page_without_chrome(printed, session_id: str, paper: str) -> None:
    card = printed[session_id, paper]
    assert len(card.reader.pages) == 1
    flat = card.text
    missing = [
        b["exercise"]
        for b in blocks(session_id)
        if squeeze(exercise(b["exercise"])["name"]) not in flat
    ]
    assert missing == []
    chrome = [word for word in CHROME if squeeze(word) in flat]
    assert chrome == []


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("session_id", SESSIONS)
def test_card_text_is_readable_at_arms_length(printed, session_id: str, paper: str) -> None:
    """Cues and loads at 11 pt or more; every block's sets × reps in bold at 14 pt or more,
    saying "per side" exactly when the stage is done one leg at a time."""
    words = printed[session_id, paper].words
    sized = {}
    for word in words:
        sized.setdefault(word["text"], []).append(word)
    for block in blocks(session_id):
        for field in ("cue", "load"):
            for text in block[field].split():
                sizes = [w["size"] for w in sized.get(text, [])]
                assert sizes and max(sizes) >= 11 - 0.05, f"{field} word {text!r} under 11 pt"
    doses = [w for w in words if w["size"] >= 14 - 0.05 and "Bold" in w["fontname"]]
    dose_text = squeeze(" ".join(w["text"] for w in doses))
    for block in blocks(session_id):
        amount = block.get("reps") or block.get("seconds") or block.get("contacts")
        span = (
            amount["min"] if amount["min"] == amount["max"] else f"{amount['min']}–{amount['max']}"
        )
        expected = f"{block['sets']}×{span}"
        assert expected in dose_text, f"{block['exercise']}: {expected} not in 14 pt bold"
    per_side = dose_text.count("perside")
    assert per_side == sum(is_single(b) for b in blocks(session_id))


def rules(sheet, horizontal: bool) -> list[dict]:
    """The thin black bars Chromium draws a table's borders with."""
    thin = 0.6 * MM
    return [
        r
        for r in sheet.rects
        if tuple(r.get("non_stroking_color") or ()) == (0.0, 0.0, 0.0)
        and (
            (r["height"] <= thin < r["width"]) if horizontal else (r["width"] <= thin < r["height"])
        )
    ]


def centres(values: list[float], pieces: int = 1) -> list[float]:
    """Positions of the rules, one per rule. Chromium draws a table's rule in one piece per
    cell: ``pieces`` drops lines with fewer (such as a link's underline)."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][0] <= 0.5 * MM:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [group[0] for group in groups if len(group) >= pieces]


def log_grids(sheet) -> list[tuple[list[float], list[float]]]:
    """Each paper log as the millimetre sizes of its boxes, (column widths, row heights),
    measured between the centres of its printed rules; the first of each is the label
    column and the heading row. A log is found from its heading ("Set", "Week 1", ...)."""
    across, down = rules(sheet, True), rules(sheet, False)
    words = sheet.extract_words()
    grids = []
    for heading in (w for w in words if w["text"] == "Set"):
        # A log is half the page wide: its heading's words lie within 95 mm of "Set".
        row = [
            w
            for w in words
            if abs(w["top"] - heading["top"]) < 1 and 0 <= w["x0"] - heading["x0"] < 95 * MM
        ]
        if not any(w["text"] == "Week" for w in row):
            continue
        left, right = heading["x0"] - 4 * MM, max(w["x1"] for w in row) + 4 * MM
        ys: list[float] = []
        for y in centres(
            [(r["top"] + r["bottom"]) / 2 for r in across if left <= r["x0"] and r["x1"] <= right],
            pieces=4,
        ):
            if y < heading["top"] - 4 * MM:
                continue
            if ys and y - ys[-1] > 12 * MM:
                break
            ys.append(y)
        xs = centres(
            [
                (r["x0"] + r["x1"]) / 2
                for r in down
                if left <= r["x0"]
                and r["x1"] <= right
                and ys[0] - 1 <= r["top"]
                and r["bottom"] <= ys[-1] + 1
            ]
        )
        widths = [(b - a) / MM for a, b in pairwise(xs)]
        heights = [(b - a) / MM for a, b in pairwise(ys)]
        grids.append((widths, heights))
    return grids


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("session_id", SESSIONS)
def test_the_log_has_a_box_per_set_per_week_a_pencil_fits_in(
    printed, session_id: str, paper: str
) -> None:
    """At least four weeks; a row per set, per side for a single-leg stage; every box at
    least 15 mm wide and 8 mm tall, measured from the printed rules."""
    grids = log_grids(printed[session_id, paper].sheet)
    expected_rows = [b["sets"] * (2 if is_single(b) else 1) for b in blocks(session_id)]
    assert sorted(len(heights) - 1 for _, heights in grids) == sorted(expected_rows)
    for widths, heights in grids:
        weeks = widths[1:]
        assert len(weeks) >= 4
        assert min(weeks) >= 15, f"boxes {min(weeks):.2f} mm wide"
        assert min(heights[1:]) >= 8, f"boxes {min(heights[1:]):.2f} mm tall"


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("session_id", SESSIONS)
def test_card_uses_the_page_and_stays_inside_its_margins(
    printed, session_id: str, paper: str
) -> None:
    sheet = printed[session_id, paper].sheet
    width, height = PAPERS[paper]
    ink = marks(sheet)
    left = min(m["x0"] for m in ink) / MM
    right = max(m["x1"] for m in ink) / MM
    top = min(m["top"] for m in ink) / MM
    bottom = max(m["bottom"] for m in ink) / MM
    tolerance = 0.05
    assert left >= MARGIN - tolerance and right <= width - MARGIN + tolerance, (left, right)
    assert top >= MARGIN - tolerance and bottom <= height - MARGIN + tolerance, (top, bottom)
    lowest = (bottom - MARGIN) / (height - 2 * MARGIN)
    assert lowest >= 0.75, f"the lowest mark sits at {lowest:.0%} of the printable height"


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("session_id", SESSIONS)
def test_capacity_model_never_promises_less_than_the_card_takes(
    printed, library, session_id: str, paper: str
) -> None:
    """Validation's static model (no browser) against the card as Chromium lays it out:
    never less than the real height, and not so generous that it refuses cards that fit."""
    from macros.data import card

    model = card.card_height(library, library.sessions[session_id]).total
    natural = printed[session_id, paper].natural_mm
    assert natural <= model, (
        f"{session_id}: the card takes {natural:.1f} mm, the model says {model:.1f}"
    )
    assert model - natural <= 15, f"{session_id}: the model overstates by {model - natural:.1f} mm"
    assert model <= PAPERS["Letter"][1] - 2 * MARGIN


def decode_qr(source: Path, scratch: Path) -> list[str]:
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(source), str(scratch / "card")],
        check=True,
    )
    image = Image.open(scratch / "card.png")
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("session_id", SESSIONS)
def test_qr_code_leads_to_the_canonical_url_printed_beside_it(
    printed, session_id: str, paper: str, tmp_path: Path
) -> None:
    card = printed[session_id, paper]
    canonical = f"{SITE_URL}sessions/{session_id}/"
    assert re.findall(r"https?://\S+?/sessions/[a-z0-9-]+/", card.text) == [canonical]
    assert card.qr_codes(tmp_path) == [canonical]


@pytest.mark.parametrize("session_id", SESSIONS)
def test_published_pdf_is_the_one_page_card(site: Path, session_id: str) -> None:
    pdf = site / "sessions" / f"{session_id}.pdf"
    assert pdf.is_file()
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    text = squeeze("".join(p.extract_text() for p in reader.pages))
    session = raw_yaml(DATA / "sessions" / f"{session_id}.yml")
    assert squeeze(session["title"]) in text
    assert all(squeeze(exercise(b["exercise"])["name"]) in text for b in session["blocks"])


@pytest.mark.parametrize("session_id", SESSIONS)
def test_card_states_the_time_the_data_adds_up_to(site: Path, session_id: str) -> None:
    session = raw_yaml(DATA / "sessions" / f"{session_id}.yml")
    minutes = computed_minutes(session)
    meta = page(site, f"sessions/{session_id}/").select_one(".lw-card__meta").get_text(" ")
    assert f"about {minutes} minutes" in " ".join(meta.split())
    assert abs(session["duration_minutes"] - minutes) <= 0.2 * minutes


@pytest.mark.parametrize("session_id", SESSIONS)
def test_card_links_every_exercise_and_each_exercise_lists_the_card(
    site: Path, session_id: str
) -> None:
    soup = page(site, f"sessions/{session_id}/")
    session = raw_yaml(DATA / "sessions" / f"{session_id}.yml")
    linked = [a["href"] for a in soup.select(".lw-block__name a[href]:not(.headerlink)")]
    assert linked == [f"../../exercises/{b['exercise']}/" for b in session["blocks"]]
    for block in session["blocks"]:
        exercise_page = page(site, f"exercises/{block['exercise']}/")
        listed = [a["href"] for a in exercise_page.select("#sessions + ul a[href]")]
        assert f"../../sessions/{session_id}/" in listed
    download = soup.select_one("a[download]")
    assert download is not None and (site / "sessions" / f"{session_id}.pdf").is_file()
    assert download["href"] == f"../{session_id}.pdf"


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
