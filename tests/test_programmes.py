"""Programmes, read as a coach would hand them out: every card a programme names exists, every
week's dose sits inside its exercise's stage and stages move up one at a time (checked from
the raw files, not the loader); the page shows the plan week by week; the booklet is one
cover plus one page per week's card, measured from the PDF, each page as legible as a card
and carrying that week's dose; the planning pages cite only the listed sources; programmes
reach the open data and the newsletter kit."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import jsonschema
import pdfplumber
import pytest
from pypdf import PdfReader

from tests.conftest import DATA, exercise, is_single, page, raw_yaml

PROGRAMMES = sorted(path.stem for path in (DATA / "programmes").glob("*.yml"))
SESSIONS = {path.stem for path in (DATA / "sessions").glob("*.yml")}
STAGES = ("learn", "build", "strength")
PLANNING = (
    "planning/",
    "planning/running-week/",
    "planning/season/",
    "planning/race-week/",
    "planning/progress/",
)


def programme(programme_id: str) -> dict:
    return raw_yaml(DATA / "programmes" / f"{programme_id}.yml")


def week_blocks(week_card: dict) -> list[dict]:
    """The card's blocks as the week prescribes them, from the raw files."""
    card = raw_yaml(DATA / "sessions" / f"{week_card['card']}.yml")
    doses = {dose["exercise"]: dose for dose in week_card.get("doses", [])}
    blocks = []
    for block in card["blocks"]:
        if block["exercise"] in week_card.get("leave_out", []):
            continue
        dose = doses.get(block["exercise"], {})
        merged = {**block, **{k: v for k, v in dose.items() if k != "exercise"}}
        for measure in ("reps", "seconds", "contacts"):
            if measure in dose:
                merged = {
                    k: v for k, v in merged.items() if k not in ("reps", "seconds", "contacts")
                }
                merged[measure] = dose[measure]
        blocks.append(merged)
    return blocks


def amount(block: dict) -> dict:
    return next(block[m] for m in ("reps", "seconds", "contacts") if m in block)


def test_there_are_two_programmes_a_base_block_and_an_in_season_block_ending_in_a_race() -> None:
    assert len(PROGRAMMES) >= 2
    kinds = {p: [w["kind"] for w in programme(p)["weeks"]] for p in PROGRAMMES}
    assert any(
        "in-season" in programme(p)["audience"]["phase"] and kinds[p][-1] == "race"
        for p in PROGRAMMES
    )
    assert any(
        programme(p)["audience"]["level"] == "beginner"
        and {"off-season", "base"} & set(programme(p)["audience"]["phase"])
        and len(kinds[p]) == 8
        for p in PROGRAMMES
    )


@pytest.mark.parametrize("programme_id", PROGRAMMES)
def test_every_week_is_real_cards_with_doses_inside_their_stages(programme_id: str) -> None:
    last_stage: dict[str, int] = {}
    data = programme(programme_id)
    assert [w["week"] for w in data["weeks"]] == list(range(1, len(data["weeks"]) + 1))
    for week in data["weeks"]:
        seen: dict[str, int] = {}
        for week_card in week.get("cards", []):
            assert week_card["card"] in SESSIONS, week_card["card"]
            for block in week_blocks(week_card):
                stage = next(
                    d for d in exercise(block["exercise"])["dosage"] if d["stage"] == block["stage"]
                )
                assert stage["sets"]["min"] <= block["sets"] <= stage["sets"]["max"], block
                low, high = amount(block)["min"], amount(block)["max"]
                allowed = next(stage[m] for m in ("reps", "seconds", "contacts") if m in stage)
                assert allowed["min"] <= low <= high <= allowed["max"], block
                seen[block["exercise"]] = STAGES.index(block["stage"])
        for exercise_id, stage_index in seen.items():
            before = last_stage.get(exercise_id)
            assert before is None or stage_index <= before + 1, (week["week"], exercise_id)
            last_stage[exercise_id] = stage_index
        if week["kind"] == "test":
            assert raw_yaml(DATA / "exercises" / f"{week['test']}.yml")["kind"] == "assessment"


@pytest.mark.parametrize("programme_id", PROGRAMMES)
def test_the_page_shows_the_plan_week_by_week_with_links_to_each_card(
    site: Path, programme_id: str
) -> None:
    data = programme(programme_id)
    soup = page(site, f"programmes/{programme_id}/")
    rows = soup.select("table.lw-plan tbody tr[data-week]")
    assert [int(row["data-week"]) for row in rows] == [w["week"] for w in data["weeks"]]
    for row, week in zip(rows, data["weeks"], strict=True):
        assert row["id"] == f"week-{week['week']}"
        assert row["data-kind"] == week["kind"]
        links = [a["href"] for a in row.select(".lw-plan__card a")]
        assert links == [f"../../sessions/{c['card']}/" for c in week.get("cards", [])]
        text = " ".join(row.get_text(" ").split())
        for week_card in week.get("cards", []):
            for block in week_blocks(week_card):
                low, high = amount(block)["min"], amount(block)["max"]
                numbers = f"{block['sets']} × {low}" + (f"–{high}" if high != low else " ")
                assert numbers in text, (week["week"], block["exercise"], numbers)
    pdf = soup.select_one("a[download]")
    assert pdf is not None and pdf["href"] == f"../{programme_id}.pdf"


def booklet_pages(programme_id: str) -> list[tuple[dict, dict]]:
    """(week, week card) for every card page of the booklet, in order."""
    return [(w, c) for w in programme(programme_id)["weeks"] for c in w.get("cards", [])]


@pytest.mark.parametrize("programme_id", PROGRAMMES)
def test_the_booklet_is_a_cover_then_one_page_per_weeks_card(site: Path, programme_id: str) -> None:
    pdf = site / "programmes" / f"{programme_id}.pdf"
    beside_cards = site / "sessions" / f"{programme_id}.pdf"
    assert pdf.read_bytes() == beside_cards.read_bytes()
    reader = PdfReader(pdf)
    pages = booklet_pages(programme_id)
    assert len(reader.pages) == 1 + len(pages)
    cover = " ".join(reader.pages[0].extract_text().split())
    assert programme(programme_id)["title"] in cover
    for number, (week, week_card) in enumerate(pages, start=1):
        text = " ".join(reader.pages[number].extract_text().split())
        total = len(programme(programme_id)["weeks"])
        assert f"Week {week['week']} of {total}" in text
        card = raw_yaml(DATA / "sessions" / f"{week_card['card']}.yml")
        assert card["title"] in text
        squeezed = re.sub(r"\s+", "", text)
        for block in week_blocks(week_card):
            numbers = f"{block['sets']}×{amount(block)['min']}"
            assert numbers in squeezed, (week["week"], block["exercise"])
            name = exercise(block["exercise"])["name"]
            assert re.sub(r"\s+", "", name) in squeezed
        for gone in week_card.get("leave_out", []):
            assert re.sub(r"\s+", "", exercise(gone)["name"]) not in squeezed


@pytest.mark.parametrize("programme_id", PROGRAMMES)
def test_booklet_cards_are_as_legible_as_the_cards(site: Path, programme_id: str) -> None:
    """Cues and loads at 11 pt or more and doses in 14 pt bold on every card page, and each
    page's paper log has a row per set (per side for a single-leg stage)."""
    pdf = pdfplumber.open(site / "programmes" / f"{programme_id}.pdf")
    for number, (_week, week_card) in enumerate(booklet_pages(programme_id), start=1):
        sheet = pdf.pages[number]
        words = sheet.extract_words(extra_attrs=["size", "fontname"])
        big_bold = re.sub(
            r"\s+",
            "",
            " ".join(w["text"] for w in words if w["size"] >= 13.95 and "Bold" in w["fontname"]),
        )
        body = {w["text"] for w in words if w["size"] >= 10.95}
        for block in week_blocks(week_card):
            assert f"{block['sets']}×{amount(block)['min']}" in big_bold
            for word in block["cue"].split():
                assert word in body, word
        labels = [w["text"] for w in words if re.fullmatch(r"[LR]", w["text"])]
        singles = sum(b["sets"] for b in week_blocks(week_card) if is_single(b))
        assert len(labels) == 2 * singles, "a left and a right row per single-leg set"


@pytest.mark.parametrize("path", PLANNING)
def test_planning_pages_cite_only_listed_sources(site: Path, path: str) -> None:
    listed = {s["id"]: s for s in raw_yaml(DATA / "sources.yml")["sources"]}
    soup = page(site, path)
    references = soup.select("ol.lw-references li[id]")
    cited = [a["href"].removeprefix("#") for a in soup.select("article a[href^='#ref-']")]
    if path != "planning/":
        assert references, f"{path} cites nothing"
    for item in references:
        source_id = item["id"].removeprefix("ref-")
        assert source_id in listed, source_id
        assert listed[source_id]["title"].split(":")[0] in " ".join(item.get_text(" ").split())
    assert set(cited) == {item["id"] for item in references}


def test_programmes_are_open_data_in_both_versions(site: Path) -> None:
    for version in (1, 2):
        document = json.loads((site / f"api/v{version}/programmes.json").read_text("utf-8"))
        schema = json.loads((site / f"api/v{version}/programmes.schema.json").read_text("utf-8"))
        jsonschema.validate(document, schema)
        assert [item["id"] for item in document["items"]] == PROGRAMMES
        for item in document["items"]:
            raw = programme(item["id"])
            assert [w["kind"] for w in item["weeks"]] == [w["kind"] for w in raw["weeks"]]
            assert [[c["card"] for c in w["cards"]] for w in item["weeks"]] == [
                [c["card"] for c in w.get("cards", [])] for w in raw["weeks"]
            ]
            assert item["pdf"].endswith(f"/programmes/{item['id']}.pdf")
            assert item["url"].endswith(f"/programmes/{item['id']}/")


def test_the_newsletter_kit_offers_every_programme(site: Path) -> None:
    soup = page(site, "share/")
    for programme_id in PROGRAMMES:
        snippet = soup.select_one(f"#programme-{programme_id}-text")
        assert snippet is not None
        assert f"/programmes/{programme_id}/" in snippet.get_text()


def test_booklet_pdf_is_not_a_page_in_the_navigation(site: Path) -> None:
    home = page(site, "")
    nav = " ".join(a.get("href", "") for a in home.select("nav a"))
    assert "booklet" not in nav
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert all(f"programmes/{p}/" in sitemap for p in PROGRAMMES)


def test_week_cards_in_the_booklet_match_the_stated_week_kinds(site: Path) -> None:
    for programme_id in PROGRAMMES:
        text = io.StringIO()
        for page_ in PdfReader(site / "programmes" / f"{programme_id}.pdf").pages[1:]:
            text.write(" ".join(page_.extract_text().split()) + "\n")
        lines = text.getvalue().splitlines()
        for line, (week, _card) in zip(lines, booklet_pages(programme_id), strict=True):
            assert re.search(rf"Week {week['week']} of \d+ · {week['kind']}", line, re.I), line[
                :120
            ]
