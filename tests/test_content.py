"""What a runner looks for in the library, read from the raw data: hopping and durability
work on cards within the contact cap, ladders that only climb, and a two-footed hop never
followed straight by bounding."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA, data_ids, raw_yaml

EXERCISES = {i: raw_yaml(DATA / "exercises" / f"{i}.yml") for i in data_ids("exercises")}
SESSIONS = {i: raw_yaml(DATA / "sessions" / f"{i}.yml") for i in data_ids("sessions")}
LEVELS = ["beginner", "intermediate", "advanced"]


def contact_cap(data_dir: Path = DATA) -> int:
    """The per-session contact cap: the coaching rules' number where the data has one,
    otherwise the 100 landings the hopping pages name."""
    coaching = data_dir / "coaching.yml"
    if coaching.is_file():
        return int(raw_yaml(coaching)["contacts"]["cap_per_session"])
    return 100


def single_leg(block: dict) -> bool:
    raw = EXERCISES[block["exercise"]]
    dose = next(d for d in raw["dosage"] if d["stage"] == block["stage"])
    return dose.get("legs", "single" if raw["laterality"] == "single-leg" else "both") == "single"


def landings(session: dict) -> int:
    """Every landing is one contact, on one foot or two: sets × the most contacts a set,
    twice for a stage done one leg at a time."""
    return sum(
        b["sets"] * b["contacts"]["max"] * (2 if single_leg(b) else 1)
        for b in session["blocks"]
        if "contacts" in b
    )


def on_cards() -> set[str]:
    return {b["exercise"] for s in SESSIONS.values() for b in s["blocks"]}


def test_every_plyometric_nordic_and_copenhagen_exercise_is_on_a_card() -> None:
    wanted = {
        i
        for i, raw in EXERCISES.items()
        if raw.get("kind", "exercise") == "exercise"
        and (raw["pattern"] == "plyometric" or "nordic" in i or "copenhagen" in i)
    }
    assert wanted, "the library has hopping, Nordic and Copenhagen exercises"
    assert wanted - on_cards() == set()


@pytest.mark.parametrize("session_id", sorted(SESSIONS))
def test_a_card_stays_within_the_contact_cap(session_id: str) -> None:
    assert landings(SESSIONS[session_id]) <= contact_cap()


def test_the_landing_count_can_fail() -> None:
    block = {"exercise": "bounds", "stage": "learn", "sets": 9, "contacts": {"min": 6, "max": 6}}
    assert landings({"blocks": [block]}) > contact_cap()


def test_the_spring_cards_state_the_landings_they_hold() -> None:
    hopping = [s for s in SESSIONS.values() if landings(s)]
    assert len(hopping) >= 2
    for session in hopping:
        stated = session["progression"].split(" here")[0].split()[-1]
        assert stated.isdigit(), f"{session['id']}: say how many landings the card holds"
        assert int(stated) == landings(session), session["id"]


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_a_harder_link_never_goes_down_a_level(exercise_id: str) -> None:
    raw = EXERCISES[exercise_id]
    for harder in raw.get("harder", []):
        assert LEVELS.index(EXERCISES[harder]["level"]) >= LEVELS.index(raw["level"]), harder


def test_two_footed_hops_never_lead_straight_to_bounding() -> None:
    two_footed = [
        i
        for i, raw in EXERCISES.items()
        if raw["pattern"] == "plyometric" and raw["laterality"] == "bilateral"
    ]
    assert two_footed
    for exercise_id in two_footed:
        for harder in EXERCISES[exercise_id].get("harder", []):
            assert EXERCISES[harder]["laterality"] == "single-leg"
            assert "bound" not in harder, f"{exercise_id} jumps straight to {harder}"
    bounds = {i for i in EXERCISES if "bound" in i}
    before_bounds = {i for i, raw in EXERCISES.items() if bounds & set(raw.get("harder", []))}
    assert before_bounds and all(EXERCISES[i]["laterality"] == "single-leg" for i in before_bounds)


def test_every_warm_up_step_a_card_names_is_in_the_routines() -> None:
    routines = raw_yaml(DATA / "warm-up.yml")["routines"]
    steps = {s["id"] for r in routines for s in r["steps"]}
    named = {
        item["step"]
        for s in SESSIONS.values()
        for item in s["warm_up"] + s.get("finish", [])
        if "step" in item
    }
    assert named, "the cards take their warm-up lines from the routines"
    assert named <= steps


def test_every_muscle_has_a_shape_on_the_map() -> None:
    shapes = {s["muscle"] for s in raw_yaml(DATA / "body-map.yml")["shapes"]}
    assert {m["id"] for m in raw_yaml(DATA / "muscles.yml")["muscles"]} <= shapes


@pytest.mark.parametrize("session_id", sorted(SESSIONS))
def test_a_cards_credit_fits_the_one_line_the_capacity_model_allows(session_id: str) -> None:
    """The capacity model gives the credit one line; a card citing many long author names
    would wrap it and print taller than the model says."""
    from macros.data.card import CARD_SIZES, PAGE_WIDTH, text_width
    from macros.site.render import short_authors

    sources = {s["id"]: s for s in raw_yaml(DATA / "sources.yml")["sources"]}
    session = SESSIONS[session_id]
    credited = "; ".join(
        short_authors(sources[ref["id"]]["authors"])
        + (f" {sources[ref['id']]['year']}" if sources[ref["id"]].get("year") else "")
        for ref in session["sources"]
    )
    line = f"Legwork session card · CC BY 4.0 · Based on {credited} · Reviewed 2026-12-31"
    assert text_width(line, 9) <= PAGE_WIDTH - 2 * CARD_SIZES["inset"]
