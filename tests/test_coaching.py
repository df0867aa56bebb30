"""The coaching rules live once, in data/coaching.yml: its contract keys, and one build of a
project copy with changed numbers in which every page that states a rule shows the new
number and no page shows the old one."""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.data.coaching import Coaching
from macros.data.errors import DataErrors
from macros.data.loader import load_library
from tests.conftest import ROOT, build_site, exercise, exercise_ids, is_single

DATA = ROOT / "data"
PLANNING = ("running-week", "season", "race-week", "progress")


def raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_contract_keys_are_there_with_their_kinds() -> None:
    rules = raw(DATA / "coaching.yml")
    assert isinstance(rules["changes"]["per_week"], int)
    assert rules["contacts"]["counting"] in ("total", "per-foot")
    assert isinstance(rules["contacts"]["cap_per_session"], int)
    assert 0 < rules["deload"]["sets_fraction"] <= 1
    Coaching.model_validate(rules)


def test_every_rule_has_a_source_or_says_it_is_coaching_practice() -> None:
    rules = raw(DATA / "coaching.yml")
    for name, rule in rules.items():
        assert rule.get("sources") or rule.get("coaching_practice") is True, name


# --- One build with changed numbers. -------------------------------------------------------

CHANGES = {
    ("when_to_lift", "hours_before_hard_session"): 36,
    ("when_to_lift", "hours_before_long_run"): 36,
    ("when_to_lift", "hours_between_sessions"): 36,
    ("contacts", "cap_per_session"): 70,
    ("deload", "sets_fraction"): 0.6,
    ("race_week", "days_from_last_session_to_race"): 5,
    ("changes", "per_week"): 2,
    ("heel_raise_gate", "raises_each_leg"): {"men": 26, "women": 23},
    ("sessions_per_week", "to_build"): 3,
    ("sessions_per_week", "to_keep"): 2,
    ("after_race", "stages_back"): 2,
    ("changes", "to_a_new_card"): "Take it up two exercises a week; hold the rest where they are",
    ("heel_raise_test", "in_session"): "first thing in a session, before any calf work",
    ("soreness", "fades_within_days"): 4,
    ("soreness", "still_marked"): "take an easier week",
}


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real project with the numbers above changed in a copy of data/coaching.yml."""
    project = tmp_path_factory.mktemp("coaching")
    for name in ("mkdocs.yml", "overrides", "macros"):
        (project / name).symlink_to(ROOT / name)
    shutil.copytree(DATA, project / "data")
    shutil.copytree(ROOT / "docs", project / "docs")
    if (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", project / ".cache")
    path = project / "data" / "coaching.yml"
    rules = raw(path)
    for (section, key), value in CHANGES.items():
        assert rules[section][key] != value, "a change must change something"
        rules[section][key] = value
    path.write_text(yaml.safe_dump(rules, sort_keys=False), encoding="utf-8")
    load_library(project / "data")  # the changed rules still pass the checks
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LEGWORK_PDFS", "false")
        yield build_site(project / "mkdocs.yml", tmp_path_factory.mktemp("coaching-site"))


def text_of(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())


@functools.cache
def site_pages(site: Path) -> dict[str, str]:
    """The text of every page of a built site, read once per site and shared by the tests."""
    return {str(page.relative_to(site)): text_of(page) for page in site.rglob("*.html")}


def stems(folder: str) -> list[str]:
    return sorted(path.stem for path in (DATA / folder).glob("*.yml"))


def timed_entries() -> list[str]:
    """Every exercise page, and of the tests only the heel-raise test: a test that measures
    (the knee-to-wall test) has its own when-to-test line, with no hours in it."""
    gate_test = raw(DATA / "coaching.yml")["heel_raise_gate"]["test"]
    return sorted([*exercise_ids("exercise"), gate_test])


def programmes_with(kind: str) -> list[str]:
    return [
        stem
        for stem in stems("programmes")
        if any(week["kind"] == kind for week in raw(DATA / "programmes" / f"{stem}.yml")["weeks"])
    ]


def jumping_exercises() -> list[str]:
    return [
        stem
        for stem in stems("exercises")
        if any(
            dose.get("kind") == "contacts"
            for dose in raw(DATA / "exercises" / f"{stem}.yml").get("dosage", [])
        )
    ]


def pages(kind: str, ids: list[str]) -> list[str]:
    return [f"{kind}/{entry_id}/index.html" for entry_id in ids]


def hand_written(*names: str) -> list[str]:
    return [
        f"{name}/index.html" if name == "safety" else f"planning/{name}/index.html"
        for name in names
    ]


# Each rule: the words that state it (with the new and the old number) and the pages that do,
# named from the raw data, never from the code under test.
STATED = {
    "hours": (
        r"\b{} hours or more\b",
        36,
        48,
        lambda: [
            *pages("sessions", stems("sessions")),
            *pages("programmes", stems("programmes")),
            *pages("exercises", timed_entries()),
            *hand_written("safety", "running-week", "season", "race-week"),
        ],
    ),
    "contact cap": (
        r"\bAt most {} ground contacts\b",
        70,
        60,
        lambda: pages("exercises", jumping_exercises()),
    ),
    "deload": (
        r"\bat most {} per cent of the previous week's sets\b",
        60,
        50,
        lambda: [*pages("programmes", programmes_with("deload")), *hand_written("progress")],
    ),
    "last session before a race": (
        r"\b{} days or more before the race\b",
        5,
        4,
        lambda: [
            *pages("programmes", programmes_with("race")),
            *hand_written("safety", "race-week"),
        ],
    ),
    "heel-raise gate": (
        r"\babout {} raises on each leg\b",
        26,
        24,
        lambda: [
            *pages("exercises", raw(DATA / "coaching.yml")["heel_raise_gate"]["exercises"]),
            *pages("exercises", [raw(DATA / "coaching.yml")["heel_raise_gate"]["test"]]),
            *hand_written("progress"),
        ],
    ),
    "changes a week": (
        r"\bat most {} exercises? moves? up a stage\b",
        "two",
        "one",
        lambda: [
            *pages("programmes", building_programmes()),
            *hand_written("safety", "progress"),
        ],
    ),
    "moving to a new card": (
        r"(?i)\b{} \w+ exercises? a week\b",
        "take it up",
        "move to it",
        lambda: [
            *pages("sessions", [s for s in stems("sessions") if pointer("sessions", s)]),
            *pages("programmes", [p for p in stems("programmes") if pointer("programmes", p)]),
            *[
                f"programmes/{p}/booklet/index.html"
                for p in stems("programmes")
                if pointer("programmes", p)
            ],
            *hand_written("season"),
        ],
    ),
}


def pointer(folder: str, stem: str) -> list[str]:
    """The cards an entry points to next, from the raw data."""
    return raw(DATA / folder / f"{stem}.yml").get("next", [])


def programmes_testing(test: str) -> list[str]:
    """The programmes with a week that does this test, from the raw data."""
    return [
        stem
        for stem in stems("programmes")
        if any(
            week.get("test") == test for week in raw(DATA / "programmes" / f"{stem}.yml")["weeks"]
        )
    ]


def heel_raise_test() -> str:
    return raw(DATA / "coaching.yml")["heel_raise_gate"]["test"]


STATED |= {
    "when to do the heel-raise test": (
        r"\b{}, before any calf work\b",
        "first thing in a session",
        "at the start of a session",
        lambda: [
            *pages("exercises", [heel_raise_test()]),
            *pages("programmes", programmes_testing(heel_raise_test())),
            *[f"programmes/{p}/booklet/index.html" for p in programmes_testing(heel_raise_test())],
        ],
    ),
    "sessions to build": (
        r"(?i)(?<!about )\b{} strength sessions a week\b",
        "three",
        "two",
        lambda: [
            *pages("sessions", building_cards()),
            *pages("programmes", building_programmes()),
            *hand_written("safety", "running-week", "season"),
        ],
    ),
    "sessions to keep": (
        r"(?i)\babout {} strength sessions? a week\b",
        "two",
        "one",
        lambda: [
            *pages("sessions", in_season_cards()),
            *pages(
                "programmes", [p for p in stems("programmes") if p not in building_programmes()]
            ),
            *hand_written("safety", "running-week", "season"),
        ],
    ),
    "after a race": (
        r"\bthe first session back is {} stages? easier than before the taper\b",
        "two",
        "one",
        lambda: [
            *pages("sessions", in_season_cards()),
            *pages("programmes", programmes_with("race")),
            *hand_written("safety", "race-week"),
        ],
    ),
}


def soreness_cards() -> list[str]:
    return raw(DATA / "coaching.yml")["soreness"]["cards"]


STATED |= {
    "how long soreness may last": (
        r"\bwithin about {} days\b",
        4,
        3,
        lambda: hand_written("safety", "running-week", "progress"),
    ),
    "when soreness means going lighter": (
        r"(?i)\bstill (?:sore|marked) on day {}\b",
        4,
        3,
        lambda: [
            *pages("sessions", soreness_cards()),
            *hand_written("safety", "running-week", "progress"),
        ],
    ),
}


STATED |= {
    "what soreness still marked calls for": (
        r"(?i)\bworse (?:from )?week to week[:,] {}",
        "take an easier week",
        "take a lighter week",
        lambda: [
            *pages("sessions", stems("sessions")),
            *hand_written("safety", "running-week", "progress"),
        ],
    ),
}


def test_every_card_prints_the_soreness_rule() -> None:
    """The safety page says every card carries the soreness and pain rule: so every card is
    listed under soreness.cards in data/coaching.yml, which prints it."""
    assert sorted(soreness_cards()) == stems("sessions")


def phases(folder: str, stem: str) -> list[str]:
    return raw(DATA / folder / f"{stem}.yml")["audience"]["phase"]


def building_cards() -> list[str]:
    return [stem for stem in stems("sessions") if phases("sessions", stem) != ["in-season"]]


def in_season_cards() -> list[str]:
    return [stem for stem in stems("sessions") if "in-season" in phases("sessions", stem)]


def building_programmes() -> list[str]:
    return [stem for stem in stems("programmes") if phases("programmes", stem) != ["in-season"]]


@pytest.mark.parametrize("rule", STATED)
def test_a_changed_rule_is_changed_on_every_page_that_states_it(changed_site, rule) -> None:
    pattern, new, old, expected = STATED[rule]
    texts = site_pages(changed_site)
    missing = [
        page for page in expected() if not re.search(pattern.format(new), texts.get(page, ""))
    ]
    assert not missing, f"{rule}: the new number is missing from {missing}"
    stale = [page for page, text in texts.items() if re.search(pattern.format(old), text)]
    assert not stale, f"{rule}: the old number is still on {stale}"


def test_the_changed_rules_also_bind_the_checks(tmp_path: Path) -> None:
    """A rule is not only words: under a lower contact cap every jumping exercise fails."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    rules = raw(data / "coaching.yml")
    rules["contacts"]["cap_per_session"] = 20
    (data / "coaching.yml").write_text(yaml.safe_dump(rules, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_library(data)
    failing = {error.path.rsplit("/", 1)[-1] for error in caught.value.errors}
    assert {f"{stem}.yml" for stem in jumping_exercises()} <= failing


def test_sessions_in_a_row_binds_every_progression_that_says_it(tmp_path: Path) -> None:
    """The exercise pages' progressions say how many sessions in a row in their own words; a
    changed rule fails every one that says the old number."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    rules = raw(data / "coaching.yml")
    rules["sessions_per_week"]["in_a_row"] = 3
    (data / "coaching.yml").write_text(yaml.safe_dump(rules, sort_keys=False), encoding="utf-8")
    saying = {
        path.name
        for path in (DATA / "exercises").glob("*.yml")
        if re.search(r"\btwo sessions in a row\b", path.read_text(encoding="utf-8"), re.I)
    }
    assert saying
    with pytest.raises(DataErrors) as caught:
        load_library(data)
    failing = {error.path.rsplit("/", 1)[-1] for error in caught.value.errors}
    assert saying <= failing


@pytest.mark.parametrize(
    "programme_id", [p for p in stems("programmes") if pointer("programmes", p)]
)
def test_a_programme_that_ends_with_a_deload_due_starts_what_follows_with_one(
    site, programme_id
) -> None:
    """The deload rule counts on past a programme's last week: when the week after it is the
    latest a deload may fall, the pointer to the next card says to take one first."""
    programme = raw(DATA / "programmes" / f"{programme_id}.yml")
    weeks = programme["weeks"]
    last_deload = max((w["week"] for w in weeks if w["kind"] == "deload"), default=0)
    most_weeks_between = raw(DATA / "coaching.yml")["deload"]["every_weeks"][1]
    due = len(weeks) + 1 - last_deload >= most_weeks_between
    for path in (
        f"programmes/{programme_id}/index.html",
        f"programmes/{programme_id}/booklet/index.html",
    ):
        text = text_of(site / path)
        after = text[text.index("After the last week:") :][:200]
        assert ("deload week first" in after) is due, (path, after)


def line_of(site: Path, card_id: str, line_id: str) -> str:
    soup = BeautifulSoup(
        (site / "sessions" / card_id / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    line = soup.find(id=line_id)
    return " ".join(line.get_text(" ").split()) if line else ""


@pytest.mark.parametrize(
    ("card_id", "next_id"),
    [(card, other) for card in stems("sessions") for other in pointer("sessions", card)],
)
def test_a_next_line_asks_what_the_next_card_asks_and_no_more(site, card_id, next_id) -> None:
    """A card's Next line names each rule its next card asks to be met before it starts, with
    the same numbers that card's own Before line prints, and names no exercise of this card
    that the next card neither carries on nor climbs from, so the two pages ask the same."""
    exercises = {stem: raw(DATA / "exercises" / f"{stem}.yml") for stem in stems("exercises")}
    card = raw(DATA / "sessions" / f"{card_id}.yml")
    assert next_id in card["next"]
    target = raw(DATA / "sessions" / f"{next_id}.yml")
    said = line_of(site, card_id, "next").split(". Or ")[card["next"].index(next_id)]
    before_line = line_of(site, next_id, "before")
    for item in target.get("before", []):
        exercise = exercises[item["exercise"]]
        rule = next(d for d in exercise["dosage"] if d["stage"] == item["stage"])["progress_when"]
        amount = next(rule[key] for key in ("reps", "seconds", "contacts") if key in rule)
        words = (
            f"{exercise['name']} meets its {item['stage']} stage's rule ({rule['sets']} × {amount}"
        )
        assert words in said, (card_id, words, said)
        assert f"({rule['sets']} × {amount}" in before_line, (next_id, before_line)
    asked = {block["exercise"] for block in target["blocks"]}
    asked |= {item["exercise"] for item in target.get("before", [])}
    climbed = {i for i, e in exercises.items() if asked & set(e.get("harder", []))}
    for block in card["blocks"]:
        if block["exercise"] not in asked | climbed and target.get("before"):
            assert exercises[block["exercise"]]["name"] + " meets" not in said, (card_id, said)


@pytest.mark.parametrize(
    ("card_id", "next_id"),
    [(card, other) for card in stems("sessions") for other in pointer("sessions", card)],
)
def test_a_next_line_can_be_met_by_doing_the_card(site, card_id, next_id) -> None:
    """Each exercise the next card asks to be met before it starts is dosed on this card, or
    this card's notes say to keep it going at that stage."""
    exercises = {stem: raw(DATA / "exercises" / f"{stem}.yml") for stem in stems("exercises")}
    card = raw(DATA / "sessions" / f"{card_id}.yml")
    target = raw(DATA / "sessions" / f"{next_id}.yml")
    dosed = {block["exercise"] for block in card["blocks"]}
    notes = line_of(site, card_id, "notes")
    for item in target.get("before", []):
        if item["exercise"] in dosed:
            continue
        name = exercises[item["exercise"]]["name"]
        assert f"{name}: keep its {item['stage']} dose" in notes, (card_id, name, notes)


@pytest.mark.parametrize(
    "programme_id", [p for p in stems("programmes") if pointer("programmes", p)]
)
def test_a_programme_asks_after_its_last_week_what_its_card_asks(site, programme_id) -> None:
    """Every exercise the last week's card names in its Next line is named after the
    programme's last week too (the booklet may say it in short: any exercise that missed its
    move), so the two cannot disagree."""
    programme = raw(DATA / "programmes" / f"{programme_id}.yml")
    card_id = [w for w in programme["weeks"] if w.get("cards")][-1]["cards"][0]["card"]
    card = raw(DATA / "sessions" / f"{card_id}.yml")
    names = [raw(DATA / "exercises" / f"{b['exercise']}.yml")["name"] for b in card["blocks"]]
    for next_id in programme["next"]:
        if next_id not in card.get("next", []):
            continue
        said = line_of(site, card_id, "next").split(". Or ")[card["next"].index(next_id)]
        asked = [name for name in names if f"{name} meets" in said]
        assert asked, (card_id, said)
        for path in (
            f"programmes/{programme_id}/index.html",
            f"programmes/{programme_id}/booklet/index.html",
        ):
            text = text_of(site / path)
            after = text[text.index("After the last week:") :][:900]
            missing = [name for name in asked if name not in after]
            if "booklet" in path and missing:
                # The booklet's cover has room only for the short form of the same gate.
                assert re.search(r"any exercise that missed its move in weeks? \d", after), after
                continue
            assert not missing, (path, missing, after)


@pytest.mark.parametrize("card_id", stems("sessions"))
def test_an_in_season_card_tells_a_runner_new_to_an_exercise_to_leave_it_out(site, card_id) -> None:
    """Nothing new is learnt in the racing season: an in-season card prints the in-season rule
    for a runner new to an exercise, never the rule that starts it at its first stage."""
    changes = raw(DATA / "coaching.yml")["changes"]
    before = line_of(site, card_id, "before").lower()
    if not before:
        return
    in_season, elsewhere = changes["from_elsewhere_in_season"], changes["from_elsewhere"]
    if "in-season" in phases("sessions", card_id):
        assert in_season in before and elsewhere not in before, (card_id, before)
    else:
        assert in_season not in before, (card_id, before)


def test_cards_that_dose_a_stage_ask_the_same_rule_before_it() -> None:
    """Two cards that dose an exercise at the same stage ask the same rule to be met before
    it, so one card cannot start a stage that another holds back."""
    asked: dict[tuple[str, str], dict[str, set[str]]] = {}
    cards = {stem: raw(DATA / "sessions" / f"{stem}.yml") for stem in stems("sessions")}
    for stem, card in cards.items():
        if card["audience"]["phase"] == ["in-season"]:
            continue  # a keeping card starts nothing: it asks for the stage it doses, reached
        befores = {item["exercise"]: item["stage"] for item in card.get("before", [])}
        for block in card["blocks"]:
            key = (block["exercise"], block["stage"])
            asked.setdefault(key, {})[stem] = (
                {befores[block["exercise"]]} if block["exercise"] in befores else set()
            )
    for key, by_card in asked.items():
        if any(by_card.values()):
            assert len({frozenset(v) for v in by_card.values()}) == 1, (key, by_card)


def test_pain_worse_the_next_morning_gets_one_instruction(site) -> None:
    """The progress and safety pages send Achilles and shin pain that is worse the next
    morning to the same instruction, from one rule, and the safety page's next-morning guide
    speaks of tendons and joints, not muscle soreness."""
    rule = raw(DATA / "coaching.yml")["soreness"]
    said = f"{rule['worse_next_morning']}: {rule['worse_next_morning_action']}"
    texts = {name: text_of(site / hand_written(name)[0]) for name in ("safety", "progress")}
    for name, text in texts.items():
        assert said in text, name
    assert "Pain that is worse the next morning means" not in texts["safety"]
    # No page lets joint or tendon discomfort carry on while the cards say stop.
    assert "usually acceptable" not in texts["safety"]
    assert "joint" in rule["worse_next_morning"] and "tendon" in rule["worse_next_morning"]


def rules_named(line: str) -> set[tuple[str, str]]:
    """The (exercise, stage) pairs a Next or Before line asks to be met, from its words."""
    return set(
        re.findall(r"([A-Z][\w ,'-]*?) (?:meets|at) its (\w+) stage(?:'s rule| until)", line)
    )


@pytest.mark.parametrize(
    ("card_id", "next_id"),
    [(card, other) for card in stems("sessions") for other in pointer("sessions", card)],
)
def test_a_next_line_and_the_next_cards_before_line_name_the_same_rules(
    site, card_id, next_id
) -> None:
    """A runner reading either page sees the same gate: each rule this card's Next line names
    for the next card is named on that card's Before line, and the reverse."""
    card = raw(DATA / "sessions" / f"{card_id}.yml")
    said = line_of(site, card_id, "next").split(". Or ")[card["next"].index(next_id)]
    said = said.split(", once ", 1)[1]
    before = line_of(site, next_id, "before").split("Not coming from")[0]
    assert rules_named(said), said
    assert rules_named(said) == rules_named(before), (said, before)


JOINT_OR_TENDON = re.compile(r"\b(achilles|knees?|joints?|tendons?|back|neck|shins?)\b", re.I)
PAIN = re.compile(r"\b(pain|aches?|hurts?)\b(?!-free)", re.I)


def technique_texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        yield " ".join(str(item) for item in value.values())
    elif isinstance(value, list):
        for item in value:
            yield from technique_texts(item)


@pytest.mark.parametrize("stem", stems("exercises"))
def test_joint_or_tendon_pain_on_an_exercise_page_means_stop(stem: str) -> None:
    """The site rule (soreness in coaching.yml, printed on the cards and the safety page): pain
    in a joint or a tendon means stop that exercise and get it assessed. An exercise's faults
    and safety lines must not offer to carry on with less range or load for such pain, nor get
    it assessed only if it lingers."""
    technique = raw(DATA / "exercises" / f"{stem}.yml").get("technique", {})
    for text in technique_texts([technique.get("faults"), technique.get("safety")]):
        for sentence in re.split(r"(?<=\.)\s+", text):
            if JOINT_OR_TENDON.search(sentence) and PAIN.search(sentence):
                assert re.search(r"\b(assessed|physiotherapist|doctor|clinician)\b", sentence), (
                    stem,
                    sentence,
                )
                assert not re.search(r"\bif it (lingers|lasts|continues)\b|\bnext time\b", sentence)


def gated_swaps() -> list[tuple[str, str, str]]:
    """(card, exercise name, gate) for each block that replaces an exercise of the card before
    and whose load line starts with its gate ("Once ...;")."""
    found = []
    for card_id in stems("sessions"):
        for block in raw(DATA / "sessions" / f"{card_id}.yml")["blocks"]:
            if block.get("replaces") and block["load"].startswith("Once "):
                name = raw(DATA / "exercises" / f"{block['exercise']}.yml")["name"]
                found.append((card_id, name, block["load"].split(";")[0]))
    return found


@pytest.mark.parametrize(("card_id", "name", "gate"), gated_swaps())
def test_a_gated_swap_names_its_gate(site, card_id, name, gate) -> None:
    """The swap order from the card before brings an exercise in only once its load line's
    gate is met, never simply in place of an exercise the runner may have left out already."""
    before = line_of(site, card_id, "before")
    assert f"{name}, {gate[0].lower()}{gate[1:]}, in place of any " in before, (card_id, before)
    assert f"{name} in place of" not in before, (card_id, before)


def test_a_heel_raise_test_week_takes_a_calf_set_out_of_its_session(site) -> None:
    """The heel-raise test is a set to fatigue on each leg: the programme page and the booklet
    of every week that holds it say what its session leaves out, from one rule."""
    rules = raw(DATA / "coaching.yml")
    fewer = rules["heel_raise_test"]["that_session"]
    test = rules["heel_raise_gate"]["test"]
    found = 0
    for stem in stems("programmes"):
        weeks = [w for w in raw(DATA / "programmes" / f"{stem}.yml")["weeks"] if w.get("test")]
        if not any(week["test"] == test for week in weeks):
            continue
        for page in (f"programmes/{stem}/index.html", f"programmes/{stem}/booklet/index.html"):
            text = text_of(site / page)
            assert text.count(fewer) >= sum(w["test"] == test for w in weeks), (page, fewer)
            found += 1
    assert found


@pytest.mark.parametrize("card_id", stems("sessions"))
def test_a_card_with_only_bent_knee_calf_raises_keeps_a_straight_knee_one(site, card_id) -> None:
    """The calf pages say to keep straight-knee raises as well as bent-knee ones: a card whose
    calf raises are all bent-knee says so on the card, from one rule; no other card does."""
    note = raw(DATA / "coaching.yml")["straight_knee"]["card_note"]
    knees = set()
    for block in raw(DATA / "sessions" / f"{card_id}.yml")["blocks"]:
        calf = raw(DATA / "exercises" / f"{block['exercise']}.yml").get("calf")
        if calf:
            knees.add(calf["knee"])
    text = text_of(site / "sessions" / card_id / "index.html")
    assert (note in text) == (knees == {"bent"}), (card_id, knees)


@pytest.mark.parametrize(
    "card_id", [stem for stem in stems("sessions") if phases("sessions", stem) == ["in-season"]]
)
def test_an_in_season_card_asks_for_the_stage_it_doses_reached(site, card_id) -> None:
    """An in-season card moves nothing up: its Before line asks for each stage it doses as
    reached before the season (changes.in_season_entry), never for the rule of a lower stage
    that the card would then move up from, and says what a runner past that stage does."""
    changes = raw(DATA / "coaching.yml")["changes"]
    card = raw(DATA / "sessions" / f"{card_id}.yml")
    dosed = {block["exercise"]: block["stage"] for block in card["blocks"]}
    before = line_of(site, card_id, "before")
    assert card.get("before"), card_id
    for item in card["before"]:
        assert item["stage"] == dosed.get(item["exercise"], item["stage"]), item
        name = raw(DATA / "exercises" / f"{item['exercise']}.yml")["name"]
        assert f"{name} at its {item['stage']} stage, {changes['in_season_entry']}" in before
    assert "until its rule is met" not in before.split("Not coming from")[0], before
    past = changes["in_season_past_stage"]
    assert past[0].upper() + past[1:] in before, before


@pytest.mark.parametrize("stem", stems("programmes"))
def test_a_taper_or_race_week_page_asks_for_no_straight_knee_raise(site, stem) -> None:
    """A taper or race week adds nothing new, so its booklet page never tells the runner to
    keep a straight-knee raise in the week (it may add no exercise)."""
    note = raw(DATA / "coaching.yml")["straight_knee"]["card_note"]
    kinds = {
        week["week"]: week["kind"] for week in raw(DATA / "programmes" / f"{stem}.yml")["weeks"]
    }
    soup = BeautifulSoup(
        (site / "programmes" / stem / "booklet" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    pages = soup.select("section.lw-booklet__page")
    assert pages, stem
    for page in pages:
        week = int(re.match(r"Week (\d+) of", page["data-week"]).group(1))
        if kinds[week] in ("taper", "race"):
            assert note not in " ".join(page.get_text(" ").split()), (stem, week)


def rungs_skipped() -> list[tuple[str, str, str]]:
    """(card, exercise name, rung name) for each "next" pointer that starts a harder rung H
    of an exercise X on the card while X's page lists a rung M between them (M harder than X,
    H harder than M) that the next card does not dose, read from the raw data."""
    harder = {
        stem: raw(DATA / "exercises" / f"{stem}.yml").get("harder", [])
        for stem in stems("exercises")
    }
    found = []
    for card_id in stems("sessions"):
        card = raw(DATA / "sessions" / f"{card_id}.yml")
        for target_id in card.get("next", []):
            target = {b["exercise"] for b in raw(DATA / "sessions" / f"{target_id}.yml")["blocks"]}
            for block in card["blocks"]:
                x = block["exercise"]
                for h in target:
                    if h not in harder.get(x, []):
                        continue
                    for m in harder[x]:
                        if m not in target and h in harder.get(m, []):
                            name = raw(DATA / "exercises" / f"{m}.yml")["name"]
                            found.append((card_id, x, name))
    return sorted(set(found))


@pytest.mark.parametrize(("card_id", "exercise", "rung"), rungs_skipped())
def test_a_next_line_names_the_rung_between(site, card_id, exercise, rung) -> None:
    """A pointer that goes straight to a harder rung still names the rung between that the
    exercise's own page offers (the eccentric heel drop before the single-leg calf raise)."""
    assert f"its page also offers {rung} first" in line_of(site, card_id, "next"), (card_id, rung)


STAGES = ("learn", "build", "strength", "power")


def week_moves(stem: str) -> list[tuple[int, str, int]]:
    """(week, exercise name, rule week) for each exercise a programme week moves up a stage,
    from the raw data: its stage against the last week that did it; the rule week is the last
    week before it that is not a deload."""
    programme = raw(DATA / "programmes" / f"{stem}.yml")
    last: dict[str, str] = {}
    full = None
    found = []
    for week in programme["weeks"]:
        for entry in week.get("cards", []):
            card = raw(DATA / "sessions" / f"{entry['card']}.yml")
            doses = {dose["exercise"]: dose for dose in entry.get("doses", [])}
            for block in card["blocks"]:
                exercise = block["exercise"]
                if exercise in entry.get("leave_out", []):
                    continue
                stage = doses.get(exercise, {}).get("stage") or block["stage"]
                if exercise in last and STAGES.index(stage) > STAGES.index(last[exercise]):
                    name = raw(DATA / "exercises" / f"{exercise}.yml")["name"]
                    found.append((week["week"], name, full))
                last[exercise] = stage
        if week["kind"] != "deload" and week.get("cards"):
            full = week["week"]
    return found


@pytest.mark.parametrize("stem", [s for s in stems("programmes") if week_moves(s)])
def test_a_booklet_block_that_moves_up_says_what_to_do_if_not(site, stem) -> None:
    """A booklet page prints the moved-up dose of the exercise its week moves up; that block
    says which week's dose to keep if the rule was not met, so card and week line agree."""
    soup = BeautifulSoup(
        (site / "programmes" / stem / "booklet" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    pages = {
        int(re.match(r"Week (\d+) of", page["data-week"]).group(1)): page
        for page in soup.select("section.lw-booklet__page")
    }
    for week, name, rule_week in week_moves(stem):
        text = " ".join(pages[week].get_text(" ").split())
        block = text.split(name, 1)[1]
        assert f"Rule not met? Week {rule_week}'s dose." in block.split("Log for")[0], (week, name)


def test_only_the_heel_raise_test_takes_a_calf_set_out_or_waits_for_a_rest_day(site) -> None:
    """The heel-raise test tires the calf, so its page says what its session leaves out; a
    test that measures (the knee-to-wall test) gives its own when-to-test line instead."""
    rules = raw(DATA / "coaching.yml")
    gate_test = rules["heel_raise_gate"]["test"]
    measured = [stem for stem in exercise_ids("assessment") if stem != gate_test]
    assert measured
    gate_text = text_of(site / f"exercises/{gate_test}/index.html")
    assert rules["heel_raise_test"]["that_session"] in gate_text
    for stem in measured:
        text = text_of(site / f"exercises/{stem}/index.html")
        assert rules["heel_raise_test"]["that_session"] not in text, stem
        assert rules["heel_raise_test"]["days"] not in text, stem
        assert " ".join(rules["measure_test"]["when"].split()) in text, stem


def contacts_asked(card_id: str) -> int:
    """A card's ground contacts at the top of its doses, from the raw files: each counted
    warm-up item, and each jumping block's sets times its most contacts, twice for a
    single-leg stage when the cap counts both legs (``contacts.counting: total``)."""
    rules = raw(DATA / "coaching.yml")["contacts"]
    card = raw(DATA / "sessions" / f"{card_id}.yml")
    total = sum(item.get("contacts", 0) for item in card["warm_up"])
    for block in card["blocks"]:
        if "contacts" in block:
            both = is_single(block) and rules["counting"] == "total"
            total += block["sets"] * block["contacts"]["max"] * (2 if both else 1)
    return total


def test_a_jumping_page_names_each_card_whose_cap_holds_its_dose(site) -> None:
    """On a card whose top doses reach the contact cap, a jumping exercise below its last
    stage stays at the card's dose: its page names exactly those cards, and no other."""
    cap = raw(DATA / "coaching.yml")["contacts"]["cap_per_session"]
    expected: dict[str, set[str]] = {}
    jumping: set[str] = set()
    for card_id in stems("sessions"):
        card = raw(DATA / "sessions" / f"{card_id}.yml")
        at_cap = contacts_asked(card_id) >= cap
        for block in card["blocks"]:
            if "contacts" not in block:
                continue
            jumping.add(block["exercise"])
            stages = [d["stage"] for d in exercise(block["exercise"])["dosage"]]
            if at_cap and block["stage"] != stages[-1]:
                expected.setdefault(block["exercise"], set()).add(card["title"])
    assert expected, "no card reaches the cap: the sentence is never tested"
    said = re.compile(r"On ([^.,;]+?) ?, whose top doses reach the cap, this stays at its")
    for exercise_id in sorted(jumping):
        text = text_of(site / "exercises" / exercise_id / "index.html")
        found = set(said.findall(text))
        assert found == expected.get(exercise_id, set()), exercise_id
