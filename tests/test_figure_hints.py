"""A contact that misses its surface comes with angles that land it: for every golden
figure case, each suggested angle, written into the YAML as the message says, makes that
miss go away, and no suggestion repeats the value already there. The search is cheap."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.data.figures import geometry
from macros.data.figures.model import Figure
from macros.data.figures.validation import figure_errors
from tests.golden import CASES, build_case, load_case

FIGURE_CASES = sorted(CASES.glob("figure-*.yml"))
MISS = re.compile(
    r"^(?P<member>[a-z ]+?) is \d+ cm (above|below the top of) the (?P<surface>[a-z -]+?), "
    r"more than \d+ cm off;"
)
WALL = re.compile(
    r"^the wall moves \d+ cm between [a-z0-9-]+ and [a-z0-9-]+: "
    r"the (?P<member>[a-z ]+?) must reach the same wall;"
)
SUGGESTION = re.compile(r"(?P<joint>[a-z][a-z _]*?) (?P<value>-?\d+)° \(now (?P<now>-?\d+)°\)")
JOINT_NAMES = ("hip abduction", "shoulder abduction", "hip", "knee", "ankle", "shoulder", "elbow")


def _figures(case_file: Path, root: Path) -> list[tuple[str, dict[str, Any]]]:
    """(exercise id, raw YAML) of each exercise in the case whose figure validates."""
    data = build_case(load_case(case_file), root)
    found = []
    for path in sorted((data / "exercises").glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        try:
            Figure.model_validate(raw.get("figure"))
        except ValueError:
            continue
        found.append((path.stem, raw))
    return found


def _misses(figure: dict[str, Any]) -> list[tuple[tuple[Any, ...], str, str]]:
    """(location, body part, message) for every contact that misses its surface, or whose
    wall is not where it was in the pose before."""
    out = []
    for loc, message in figure_errors(Figure.model_validate(figure)):
        match = MISS.match(message) or WALL.match(message)
        if match:
            out.append((loc, match["member"], message))
    return out


def _set_angle(figure: dict[str, Any], pose: int, words: str, value: int) -> dict[str, Any]:
    """The raw figure with one angle of one pose set, as a contributor would type it."""
    changed = yaml.safe_load(yaml.safe_dump(figure))
    target = changed["poses"][pose]
    if words == "trunk":
        target["trunk"] = value
        return changed
    side, _, name = words.partition(" ")
    assert side in ("near", "far", "left", "right") and name in JOINT_NAMES, words
    target.setdefault(side, {})[name.replace(" ", "_")] = value
    return changed


def _suggestions(message: str) -> list[tuple[str, int, int]]:
    tail = message.partition("; try ")[2]
    return [
        (m["joint"], int(m["value"]), int(m["now"]))
        for m in map(SUGGESTION.fullmatch, tail.split(" or "))
        if m
    ]


@pytest.mark.parametrize("case_file", FIGURE_CASES, ids=lambda p: p.stem)
def test_every_suggested_angle_lands_its_contact(case_file: Path, tmp_path: Path) -> None:
    for exercise_id, raw in _figures(case_file, tmp_path):
        figure = raw["figure"]
        for loc, member, message in _misses(figure):
            suggestions = _suggestions(message)
            assert suggestions, f"{exercise_id}: no angle suggested in {message!r}"
            for words, value, now in suggestions:
                assert value != now, f"{exercise_id}: {message!r} repeats the current value"
                pose = loc[1]
                raw_now = _current(figure["poses"][pose], words)
                assert round(raw_now) == now, f"{message!r}: 'now' is not the YAML's value"
                after = _misses(_set_angle(figure, pose, words, value))
                still = [m for where, who, m in after if where == loc and who == member]
                assert not still, f"{exercise_id}: {words} {value}° leaves {still}"


def _current(pose: dict[str, Any], words: str) -> float:
    if words == "trunk":
        return float(pose.get("trunk", 0))
    side, _, name = words.partition(" ")
    return float((pose.get(side) or {}).get(name.replace(" ", "_"), 0))


def test_the_golden_cases_include_misses_with_suggestions(tmp_path: Path) -> None:
    """The test above has something to check: misses in several cases, one blamed."""
    messages = [
        message
        for i, case_file in enumerate(FIGURE_CASES)
        for _, raw in _figures(case_file, tmp_path / str(i))
        for _, _, message in _misses(raw["figure"])
    ]
    assert len(messages) >= 4
    assert any(m.startswith("the wall moves") for m in messages)
    assert any("changed from" in m for m in messages)
    assert any("differ" in m for m in messages)


def test_a_miss_names_the_one_angle_changed_since_the_last_pose(tmp_path: Path) -> None:
    """The end pose is the start pose with the near knee bent less: the upper back's miss
    says so, and the first suggestion is that knee."""
    raw = dict(_figures(CASES / "figure-one-angle-changed.yml", tmp_path))["glute-bridge"]
    start, end = raw["figure"]["poses"]
    near_knee = (start["near"]["knee"], end["near"]["knee"])
    back = [m for _, who, m in _misses(raw["figure"]) if who == "upper back"]
    assert len(back) == 1
    assert f"near knee changed from {near_knee[0]}° in start to {near_knee[1]}°" in back[0]
    assert _suggestions(back[0])[0][0] == "near knee"


def test_the_search_for_a_landing_angle_is_cheap(tmp_path: Path) -> None:
    """The miss in the hip-thrust case is judged with a few hundred poses placed, not
    thousands (each pose placed costs about as much as drawing it)."""
    figures = dict(_figures(CASES / "figure-contact-off-its-surface.yml", tmp_path))
    raw = figures["hip-thrust"]
    figure = Figure.model_validate(raw["figure"])
    placed = 0
    place = geometry._place_root

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal placed
        placed += 1
        return place(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(geometry, "_place_root", counting)
        errors = figure_errors(figure)
    assert any("cm off" in m for _, m in errors)
    assert placed < 500
