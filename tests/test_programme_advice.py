"""Programme weeks show the log's advice on the phone: a week that moves an exercise up
judges it from the runner's stored log of the card the deciding week prints, with the same
rule evaluation as the session page and the same ``data-advice`` contract. The moves, the
rules and the doses are worked out here from the raw YAML, never from the code under test;
the log is seeded in the stored-record format the session page writes."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from tests.conftest import DATA, data_ids, exercise, raw_yaml

PROGRAMME = "base-eight-weeks"
STAGES = ("learn", "build", "strength")
UNITS = {"reps": "reps", "seconds": "s", "contacts": "contacts"}
MEASURES = {"reps": "reps", "hold": "seconds", "contacts": "contacts"}


@dataclass(frozen=True)
class Move:
    week: int
    rule_week: int
    card: str
    block: int  # the exercise's number on the card, as session mode numbers blocks
    exercise: str
    to: str
    sets: int  # as the deciding week prints them
    rule_sets: int | None
    amount: int
    dose: str  # the moving week's dose in words


def span(value: dict, unit: str = "") -> str:
    text = str(value["min"]) if value["min"] == value["max"] else f"{value['min']}–{value['max']}"
    return f"{text} {unit}" if unit else text


def week_blocks(week: dict) -> dict[str, tuple[str, dict, str]]:
    """Each exercise of a week: (card, block as the week prints it, its stage)."""
    blocks = {}
    for week_card in week.get("cards", []):
        card = raw_yaml(DATA / "sessions" / f"{week_card['card']}.yml")
        doses = {d["exercise"]: d for d in week_card.get("doses", [])}
        for block in card["blocks"]:
            if block["exercise"] in week_card.get("leave_out", []):
                continue
            printed = {**block, **doses.get(block["exercise"], {})}
            blocks[block["exercise"]] = (week_card["card"], printed, printed["stage"])
    return blocks


def moves(programme_id: str = PROGRAMME) -> list[Move]:
    programme = raw_yaml(DATA / "programmes" / f"{programme_id}.yml")
    last_stage: dict[str, str] = {}
    full: dict | None = None  # the last week before this one that is neither a deload nor empty
    found = []
    for week in programme["weeks"]:
        blocks = week_blocks(week)
        for exercise_id, (_, printed, stage) in blocks.items():
            before = last_stage.get(exercise_id)
            if before and STAGES.index(stage) > STAGES.index(before) and full:
                card_id, judged, _ = week_blocks(full)[exercise_id]
                card = raw_yaml(DATA / "sessions" / f"{card_id}.yml")
                number = [b["exercise"] for b in card["blocks"]].index(exercise_id) + 1
                dose = next(d for d in exercise(exercise_id)["dosage"] if d["stage"] == before)
                measure = MEASURES[dose.get("kind", "reps")]
                single = "single" if exercise(exercise_id)["laterality"] == "single-leg" else ""
                side = " per side" if single else ""
                found.append(
                    Move(
                        week=week["week"],
                        rule_week=full["week"],
                        card=card_id,
                        block=number,
                        exercise=exercise_id,
                        to=stage,
                        sets=judged["sets"],
                        rule_sets=dose["progress_when"].get("sets"),
                        amount=dose["progress_when"][measure],
                        dose=f"{printed['sets']} × {span(printed[measure], UNITS[measure])}{side}",
                    )
                )
            last_stage[exercise_id] = stage
        if week["kind"] != "deload" and week.get("cards"):
            full = week
    return found


MOVES = moves()


def test_the_programme_has_moves_to_judge() -> None:
    assert len(MOVES) >= 2, f"{PROGRAMME} moves fewer than two exercises up"
    assert len({(m.card, m.rule_week, m.block) for m in MOVES}) == len(MOVES)


def seeded_log(met: Move, short: Move) -> dict:
    """A stored record as the session page writes it: ``met`` reached its rule in every set
    its rule counts; ``short`` missed it by one set."""
    weeks: dict[str, dict] = {}

    def week(number: int) -> dict:
        return weeks.setdefault(
            str(number), {"ticks": {}, "loads": {}, "reps": {}, "dates": {}, "blocks": {}}
        )

    for s in range(1, met.sets + 1):
        week(met.rule_week)["reps"][f"{met.block}-{s}"] = met.amount
        week(met.rule_week)["ticks"][f"{met.block}-{s}"] = True
    for s in range(1, short.sets + 1):
        done = short.amount - 2 if s == short.sets else short.amount
        week(short.rule_week)["reps"][f"{short.block}-{s}"] = done
        week(short.rule_week)["ticks"][f"{short.block}-{s}"] = True
    latest = max(met.rule_week, short.rule_week) + 1
    return {"version": 2, "week": latest, "weeks": weeks}


def judged(phone, move: Move) -> tuple[str | None, str]:
    element = phone.locator(f"tr#week-{move.week} [data-lw-move-up][data-lw-judge]")
    assert element.count() == 1, f"week {move.week} shows no judged move"
    return element.get_attribute("data-advice"), element.locator(
        "[data-lw-advice-text]"
    ).inner_text()


@pytest.mark.service_worker
def test_each_move_says_from_the_log_whether_to_move_up(phone, server: str) -> None:
    met, short, *rest = MOVES
    assert met.card == short.card, "both moves are judged from one card's log"
    phone.goto(f"{server}programmes/{PROGRAMME}/")
    # No log yet: every move says so, and the programme's own rule is shown.
    for move in MOVES:
        kind, text = judged(phone, move)
        assert kind is None
        assert "nothing logged yet" in text.lower() and f"week {move.rule_week}" in text
        rule = phone.locator(f"tr#week-{move.week} [data-lw-judge]").inner_text()
        words = f"{move.rule_sets} × {move.amount}" if move.rule_sets else f"{move.amount}"
        assert words in rule, rule
    phone.wait_for_function("navigator.serviceWorker.ready.then(() => true)", timeout=30_000)
    phone.evaluate(
        "([key, record]) => localStorage.setItem(key, record)",
        [f"legwork:session:{met.card}", json.dumps(seeded_log(met, short))],
    )
    needed = short.rule_sets or short.sets
    shortfall = f"{short.sets - 1} of {needed} sets reached {short.amount}"

    def check() -> None:
        kind, text = judged(phone, met)
        assert kind == "move-up", text
        assert f"{met.to} stage" in text.lower() and met.dose in text, text
        assert f"week {met.rule_week} of" in text
        kind, text = judged(phone, short)
        assert kind == "repeat", text
        assert "repeat" in text.lower() and shortfall in text, text
        # One exercise moves up a week: after a move put off, every later move waits.
        for other in rest:
            kind, text = judged(phone, other)
            assert kind == "repeat" and "waits a week" in text, text
            assert f"move of week {short.week} was put off" in text, text

    phone.reload()
    check()
    assert phone.locator(f"tr#week-{met.week} [data-lw-advice-text]").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.reload()
    check()
    phone.context.set_offline(True)
    try:
        phone.reload()
        check()
    finally:
        phone.context.set_offline(False)


def test_the_page_judges_with_the_datas_rules(phone, server: str) -> None:
    phone.goto(f"{server}programmes/{PROGRAMME}/")
    data = json.loads(phone.locator("script[data-lw-moves]").text_content())
    for index, move in enumerate(MOVES):
        same_week = [m for m in MOVES[:index] if m.week == move.week]
        facts = data[f"{move.week}-{len(same_week) + 1}"]
        assert (facts["rule_week"], facts["card"], facts["block"]) == (
            move.rule_week,
            move.card,
            str(move.block),
        )
        assert facts["facts"]["rule"]["sets"] == move.rule_sets
        assert facts["facts"]["rule"]["amount"] == move.amount
        assert facts["facts"]["sets"] == move.sets


@pytest.mark.parametrize("programme_id", data_ids("programmes"))
def test_every_move_and_only_a_move_is_judged(phone, server: str, programme_id: str) -> None:
    phone.goto(f"{server}programmes/{programme_id}/")
    judged_weeks = phone.locator("[data-lw-judge]").evaluate_all(
        "(all) => all.map((e) => Number(e.closest('tr').dataset.week))"
    )
    assert judged_weeks == [move.week for move in moves(programme_id)]


def test_a_move_put_off_makes_the_next_wait_even_when_its_rule_was_met(phone, server: str) -> None:
    """The first move falls short; the second met its own rule, yet waits a week, as the
    coaching rules allow one change a week and the put-off move is retried first."""
    first, second, *_ = MOVES
    record = seeded_log(second, first)  # ``second`` meets its rule, ``first`` falls short
    phone.goto(f"{server}programmes/{PROGRAMME}/")
    phone.evaluate(
        "([key, record]) => localStorage.setItem(key, record)",
        [f"legwork:session:{first.card}", json.dumps(record)],
    )
    phone.reload()
    kind, text = judged(phone, first)
    assert kind == "repeat" and f"{first.sets - 1} of" in text, text
    kind, text = judged(phone, second)
    assert kind == "repeat", text
    assert "waits a week" in text and f"move of week {first.week} was put off" in text, text
    name = exercise(first.exercise)["name"]
    assert name in text, text
