"""The session on a watch: every session card and every programme week is a FIT workout
file that an independent decoder (fitdecode) reads with no error and that matches the raw
YAML step for step: names, reps, seconds, rest, repeats and the FIT exercise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import fitdecode
import fitdecode.profile
import pytest

from macros.media import workouts
from tests.conftest import DATA, data_ids, exercise, page, raw_yaml

MEASURES = ("reps", "seconds", "contacts")
MAPPING = raw_yaml(DATA / "fit-exercises.yml")["exercises"]


def fit_messages(path: Path) -> list[tuple[str, dict]]:
    """Every data message of a FIT file, as (name, fields), with its CRC checked."""
    found = []
    with fitdecode.FitReader(
        str(path),
        check_crc=fitdecode.CrcCheck.ENABLED,
        error_handling=fitdecode.ErrorHandling.RAISE,
    ) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                found.append((frame.name, {f.name: f.value for f in frame.fields}))
    return found


def fit_name(category: str, number: int) -> str:
    """The FIT profile's name for an exercise number, from fitdecode's own profile."""
    return fitdecode.profile.FIELD_TYPES[f"{category}_exercise_name"].enum[number]


def mid(span: dict) -> int:
    return round((span["min"] + span["max"]) / 2)


def stage_dose(exercise_id: str, stage: str) -> dict:
    return next(d for d in exercise(exercise_id)["dosage"] if d["stage"] == stage)


def week_blocks(week_card: dict) -> list[dict]:
    """A card as a programme week prescribes it, from the raw files: exercises left out,
    each dose's stage, sets and amount in place, a new stage's rest."""
    blocks = []
    doses = {d["exercise"]: d for d in week_card.get("doses", [])}
    for block in raw_yaml(DATA / "sessions" / f"{week_card['card']}.yml")["blocks"]:
        if block["exercise"] in week_card.get("leave_out", []):
            continue
        dose = doses.get(block["exercise"])
        if dose:
            block = dict(block)
            stage = dose.get("stage", block["stage"])
            block["sets"] = dose["sets"]
            given = [m for m in MEASURES if m in dose]
            if given:
                for m in MEASURES:
                    block.pop(m, None)
                block[given[0]] = dose[given[0]]
            if stage != block["stage"]:
                block["rest_seconds"] = stage_dose(block["exercise"], stage)["rest_seconds"]
            block["stage"] = stage
        blocks.append(block)
    return blocks


def check_workout(path: Path, title: str, blocks: list[dict]) -> None:
    messages = fit_messages(path)
    kinds = [name for name, _ in messages]
    assert kinds[:2] == ["file_id", "workout"]
    assert messages[0][1]["type"] == "workout"
    workout = messages[1][1]
    assert workout["wkt_name"] == title
    assert (workout["sport"], workout["sub_sport"]) == ("training", "strength_training")
    steps = [fields for name, fields in messages if name == "workout_step"]
    assert workout["num_valid_steps"] == len(steps) == 3 * len(blocks)
    for number, block in enumerate(blocks):
        work, rest, repeat = steps[3 * number : 3 * number + 3]
        assert work["message_index"] == 3 * number
        assert work["wkt_step_name"] == exercise(block["exercise"])["name"]
        assert work["intensity"] == "active"
        if "seconds" in block:
            assert work["duration_type"] == "time"
            assert work["duration_time"] == block["seconds"]["max"]
        else:
            amount = block.get("reps") or block["contacts"]
            assert work["duration_type"] == "reps"
            assert work["duration_reps"] == amount["max"]
            assert f"{amount['min']}–{amount['max']}" in work["notes"] or (
                amount["min"] == amount["max"] and str(amount["max"]) in work["notes"]
            )
        assert block["cue"] in work["notes"]
        mapping = MAPPING[block["exercise"]]
        assert work["exercise_category"] == mapping["category"]
        assert fit_name(mapping["category"], work["exercise_name"]) == mapping["name"]
        assert ("nearest" in work["notes"]) == bool(mapping.get("nearest"))
        assert (rest["intensity"], rest["duration_type"]) == ("rest", "time")
        assert rest["duration_time"] == mid(block["rest_seconds"])
        assert repeat["duration_type"] == "repeat_until_steps_cmplt"
        assert repeat["duration_step"] == 3 * number
        assert repeat["repeat_steps"] == block["sets"]


@pytest.mark.parametrize("session_id", data_ids("sessions"))
def test_every_session_card_is_a_fit_workout(site: Path, session_id: str) -> None:
    card = raw_yaml(DATA / "sessions" / f"{session_id}.yml")
    check_workout(site / "sessions" / f"{session_id}.fit", card["title"], card["blocks"])


@pytest.mark.parametrize("programme_id", data_ids("programmes"))
def test_every_programme_week_is_a_fit_workout(site: Path, programme_id: str) -> None:
    programme = raw_yaml(DATA / "programmes" / f"{programme_id}.yml")
    for week in programme["weeks"]:
        path = site / "programmes" / programme_id / f"week-{week['week']}.fit"
        if not week.get("cards"):
            assert not path.exists()
            continue
        titles = []
        for week_card in week["cards"]:
            title = raw_yaml(DATA / "sessions" / f"{week_card['card']}.yml")["title"]
            if title not in titles:
                titles.append(title)
        blocks = [b for week_card in week["cards"] for b in week_blocks(week_card)]
        check_workout(path, f"{' + '.join(titles)}, week {week['week']}", blocks)


def test_every_exercise_has_a_real_fit_exercise() -> None:
    exercises = {
        i for i in data_ids("exercises") if exercise(i).get("kind", "exercise") == "exercise"
    }
    missing = sorted(exercises - set(MAPPING))
    assert not missing, f"add these to data/fit-exercises.yml: {missing}"
    assert set(MAPPING) == exercises
    for exercise_id, entry in MAPPING.items():
        names = fitdecode.profile.FIELD_TYPES[f"{entry['category']}_exercise_name"].enum
        assert entry["name"] in names.values(), exercise_id
    # FIT has no Nordic curl and no tibialis raise: those are marked as the nearest.
    assert MAPPING["nordic-hamstring-curl"]["nearest"] is True
    assert MAPPING["tibialis-raise"]["nearest"] is True


def test_a_name_fit_lacks_is_refused_with_its_place() -> None:
    group = workouts.SetGroup(
        exercise_id="tibialis-raise",
        name="Tibialis raise",
        notes="",
        sets=2,
        reps=15,
        seconds=None,
        rest_seconds=60,
        category="calf_raise",
        exercise_name="tibialis_raise",
    )
    with pytest.raises(workouts.FitNameError, match=r"exercises\.tibialis-raise\.name"):
        workouts.fit_exercise(group)


def test_each_page_links_its_file_with_honest_instructions(site: Path) -> None:
    for session_id in data_ids("sessions"):
        html = page(site, f"sessions/{session_id}/")
        link = html.find("a", attrs={"data-lw-fit": True})
        assert link["href"] == f"../{session_id}.fit" and link.has_attr("download")
        words = html.find(id="watch").get_text(" ")
        assert "GARMIN/NewFiles" in words and "USB" in words
        assert "Garmin Connect's web import does not accept workout files" in words
    for programme_id in data_ids("programmes"):
        html = page(site, f"programmes/{programme_id}/")
        links = [a["href"] for a in html.find_all("a", attrs={"data-lw-fit": True})]
        weeks = raw_yaml(DATA / "programmes" / f"{programme_id}.yml")["weeks"]
        assert links == [f"week-{w['week']}.fit" for w in weeks if w.get("cards")]
        assert "GARMIN/NewFiles" in html.find(id="watch").get_text(" ")


def test_an_exercise_without_a_fit_name_is_still_a_step(tmp_path: Path) -> None:
    group = workouts.SetGroup(
        exercise_id="new-exercise",
        name="New exercise",
        notes="8–10 reps. Cue: tall",
        sets=2,
        reps=10,
        seconds=None,
        rest_seconds=90,
        category=None,
        exercise_name=None,
    )
    path = tmp_path / "new.fit"
    path.write_bytes(workouts.workout_fit(workouts.Workout("New", (group,), dt.date(2026, 12, 1))))
    steps = [fields for name, fields in fit_messages(path) if name == "workout_step"]
    assert steps[0]["wkt_step_name"] == "New exercise" and steps[0]["duration_reps"] == 10
    assert "exercise_category" not in steps[0]
    assert steps[2]["repeat_steps"] == 2
