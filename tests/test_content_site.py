"""The warm-up page and the heel-pain section as a runner meets them on the built site."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA, data_ids, page, raw_yaml

ROUTINES = raw_yaml(DATA / "warm-up.yml")["routines"]
STEPS = {s["id"]: s for r in ROUTINES for s in r["steps"]}
EXERCISES = {i: raw_yaml(DATA / "exercises" / f"{i}.yml") for i in data_ids("exercises")}
HEEL_PATTERNS = {"calf-raise", "plyometric", "foot"}


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_the_warm_up_page_teaches_every_step(site: Path) -> None:
    soup = page(site, "planning/warm-up/")
    text = squeeze(soup.select_one("article").get_text(" "))
    headings = {squeeze(h.get_text(" ")).rstrip(" ¶") for h in soup.select("article h2")}
    for routine in ROUTINES:
        assert squeeze(routine["title"]) in headings
        for step in routine["steps"]:
            assert squeeze(step["card"]) in text
            assert squeeze(step["how"]) in text


@pytest.mark.parametrize("session_id", data_ids("sessions"))
def test_a_card_prints_its_warm_up_from_the_routines(site: Path, session_id: str) -> None:
    session = raw_yaml(DATA / "sessions" / f"{session_id}.yml")
    line = squeeze(page(site, f"sessions/{session_id}/").find(id="warm-up").get_text(" "))
    for item in session["warm_up"]:
        expected = STEPS[item["step"]]["card"] if "step" in item else item["text"]
        assert squeeze(expected) in line
    uses_steps = any("step" in item for item in session["warm_up"])
    link = page(site, f"sessions/{session_id}/").find(id="warm-up-steps")
    assert (link is not None) == uses_steps


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_calf_hopping_and_foot_pages_link_the_heel_pain_section(
    site: Path, exercise_id: str
) -> None:
    raw = EXERCISES[exercise_id]
    if raw.get("kind") == "assessment":
        return
    soup = page(site, f"exercises/{exercise_id}/")
    links = [a["href"] for a in soup.select("article a[href]") if "#heel-pain" in a["href"]]
    assert bool(links) == (raw["pattern"] in HEEL_PATTERNS), exercise_id


def test_the_safety_page_has_the_heel_pain_section_and_its_red_flags(site: Path) -> None:
    soup = page(site, "safety/")
    section = soup.find(id="heel-pain")
    assert section is not None
    text = squeeze(soup.select_one("article").get_text(" ")).lower()
    for words in ("numbness", "child or teenager", "worse the more you run", "not a cure"):
        assert words in text
