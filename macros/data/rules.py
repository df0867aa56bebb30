"""The coaching rules (``data/coaching.yml``) held against the cards, programmes and ladders.

Each rule yields errors in the file and on the line that has to change: jumping volume within
the contact cap, one change a week, nothing rising in a taper or race week, a deload that
cuts the sets, heavy calf work behind the heel-raise gate, "next" pointers that skip no rung
or stage, and ladders whose harder rungs are never at a lower level.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from macros.data.coaching import Coaching
from macros.data.errors import DataError, Document, Loc
from macros.data.library import Library
from macros.data.models import (
    STAGE_ORDER,
    Assessment,
    Exercise,
    Programme,
    ProgrammeWeek,
    RuleMet,
    Session,
)
from macros.data.vocab import LEVELS

LOAD_ITEMS = frozenset(
    {
        "kettlebell",
        "dumbbell",
        "barbell",
        "seated-calf-machine",
        "leg-press",
        "weight-plate",
        "backpack",
        "partner",
    }
)
"""Kit that loads a calf raise beyond body weight (a partner sitting on the knees counts)."""

PLACEMENT_RESTATED = re.compile(
    r"\b\d+\s*(?:hours?|h|days?)\b|\bhours?\b|\bdays? (?:or more )?before\b|\bday after\b"
    r"|\b(?:once|twice|one|two|three|\d+)(?: or \w+)?(?: strength)? (?:sessions? )?"
    r"(?:a|per) week\b",
    re.IGNORECASE,
)
"""A placement line that names hours or days restates the when-to-lift rule by hand, and one
that names sessions a week restates the sessions-per-week rule."""


def check(library: Library, documents: Mapping[str, Mapping[str, Document]]) -> list[DataError]:
    rules = library.coaching
    if rules is None:
        return []
    doc = documents["catalogues"]["coaching.yml"]
    errors = list(_references(library, rules, doc))
    errors += _ladder_levels(library, documents["exercises"])
    errors += _heavy_calf_gate(library, rules, doc)
    errors += _heel_pain_warning(library, rules, doc)
    errors += _contact_stages(library, rules, documents["exercises"])
    errors += _in_a_row(library, rules, documents["exercises"])
    errors += _pain_advice(library, rules, documents["exercises"])
    for session_id, session in library.sessions.items():
        session_doc = documents["sessions"][session_id]
        errors += _block_kits(library, session, session_doc)
        errors += _session_contacts(library, rules, session, session_doc, ("blocks",), "")
        errors += _opening_contacts(library, rules, session, session_doc)
        errors += _placement(session_doc, ("week_placement",), session.week_placement)
        errors += _soreness_restated(session, session_doc)
    for programme_id, programme in library.programmes.items():
        programme_doc = documents["programmes"][programme_id]
        errors += _placement(programme_doc, ("running_week",), programme.running_week)
        errors += _programme(library, rules, programme, programme_doc)
    errors += _routes(library, documents)
    errors += _together(library, documents)
    errors += _pointer_contacts(library, rules, documents["sessions"])
    errors += _swaps(library, rules, documents["sessions"])
    errors += _pointer_line(library, rules, doc)
    return errors


def _pointer_line(library: Library, rules: Coaching, doc: Document) -> Iterator[DataError]:
    """Every pointer to a next card prints changes.to_a_new_card, so a runner moving on to a
    card takes its changes one at a time: the line must be there and say the weekly limit."""
    pointers = [entry.id for entry in library.sessions.values() if entry.next]
    pointers += [entry.id for entry in library.programmes.values() if entry.next]
    if not pointers:
        return
    limit = rules.text.changes_a_week
    line = rules.changes.to_a_new_card
    if line is None:
        yield doc.error(
            ("changes",),
            f"'{pointers[0]}' points to a next card, so changes.to_a_new_card must say how to "
            f"move to it ({limit}, as changes.per_week allows)",
        )
    elif limit not in line.lower():
        yield doc.error(
            ("changes", "to_a_new_card"),
            f"the line every next-card pointer prints must say '{limit}' "
            f"(changes.per_week {rules.changes.per_week})",
        )


# --- The coaching file's own references. -----------------------------------------------------


def _references(library: Library, rules: Coaching, doc: Document) -> Iterator[DataError]:
    for section in type(rules).model_fields:
        rule = getattr(rules, section)
        for index, ref in enumerate(rule.sources if rule is not None else ()):
            if ref.id not in library.sources:
                yield doc.error(
                    (section, "sources", index, "id"), f"'{ref.id}' is not a known source"
                )
    gate = rules.heel_raise_gate
    if gate.exercises and gate.test not in library.assessments:
        yield doc.error(("heel_raise_gate", "test"), f"'{gate.test}' is not a known assessment")
    for exercise_id, stage in gate.from_stage.items():
        exercise = library.exercises.get(exercise_id)
        if exercise_id not in gate.exercises:
            yield doc.error(
                ("heel_raise_gate", "from_stage", exercise_id),
                f"'{exercise_id}' is not listed under heel_raise_gate.exercises",
            )
        elif exercise is not None and exercise.dose(stage) is None:
            stages = ", ".join(dose.stage for dose in exercise.dosage)
            yield doc.error(
                ("heel_raise_gate", "from_stage", exercise_id),
                f"'{exercise_id}' has no {stage} stage (it has {stages})",
            )
    for index, exercise_id in enumerate(gate.exercises):
        exercise = library.exercises.get(exercise_id)
        if exercise is None or exercise.pattern != "calf-raise":
            yield doc.error(
                ("heel_raise_gate", "exercises", index),
                f"'{exercise_id}' is not a calf-raise exercise; the gate holds back calf work",
            )
    for index, entry_id in enumerate(rules.plantar_heel_pain.exercises):
        if entry_id not in library.exercises and entry_id not in library.assessments:
            yield doc.error(
                ("plantar_heel_pain", "exercises", index),
                f"'{entry_id}' is not a known exercise or assessment",
            )


def _block_kits(library: Library, session: Session, doc: Document) -> Iterator[DataError]:
    """A block's kit is one of its exercise's kits."""
    for index, block in enumerate(session.blocks):
        exercise = library.exercises.get(block.exercise)
        if block.kit is None or exercise is None:
            continue
        if frozenset(block.kit) not in {frozenset(kit) for kit in exercise.kits}:
            kits = "; ".join(", ".join(kit) for kit in exercise.kits)
            yield doc.error(
                ("blocks", index, "kit"),
                f"is not one of the kits of '{block.exercise}' ({kits})",
            )


def _placement(doc: Document, loc: Loc, text: str | None) -> Iterator[DataError]:
    if text and PLACEMENT_RESTATED.search(text):
        yield doc.error(
            loc,
            "names hours, days or sessions a week: the when-to-lift and sessions-per-week rules "
            "are printed from data/coaching.yml; say only what the rules do not",
        )


SORENESS_RESTATED = re.compile(r"\bsore(?:ness)?\b", re.IGNORECASE)


def _soreness_restated(session: Session, doc: Document) -> Iterator[DataError]:
    """A card never states the soreness rule in its own words: data/coaching.yml's soreness
    rule prints it on the cards it names, so every page gives one answer."""
    for field, items in (("notes", session.notes), ("finish", session.finish)):
        for index, item in enumerate(items):
            text = item if isinstance(item, str) else item.text
            if text and SORENESS_RESTATED.search(text):
                yield doc.error(
                    (field, index),
                    "speaks of soreness: list the card under soreness.cards in data/coaching.yml, "
                    "which prints the one soreness rule on it",
                )


# --- Ladders and the heel-raise gate. ---------------------------------------------------------


def _ladder_levels(library: Library, documents: Mapping[str, Document]) -> Iterator[DataError]:
    """A harder rung is never at a lower level than the easier one; harder_from names one of
    the exercise's own stages, on an exercise with a harder rung."""
    for exercise in library.exercises.values():
        if exercise.harder_from is not None and exercise.dose(exercise.harder_from) is None:
            stages = ", ".join(dose.stage for dose in exercise.dosage)
            yield documents[exercise.id].error(
                ("harder_from",),
                f"'{exercise.harder_from}' is not one of this exercise's stages ({stages})",
            )
        elif exercise.harder_from is not None and not exercise.harder:
            yield documents[exercise.id].error(
                ("harder_from",), "this exercise has no harder rung to start alongside it"
            )
        for index, harder_id in enumerate(exercise.harder):
            harder = library.exercises.get(harder_id)
            if harder and LEVELS.ids.index(harder.level) < LEVELS.ids.index(exercise.level):
                yield documents[exercise.id].error(
                    ("harder", index),
                    f"'{harder_id}' is {harder.level} but sits above this {exercise.level} "
                    "exercise; a harder rung is never at a lower level",
                )


def heavy_calf(exercise: Exercise) -> bool:
    """A calf raise that cannot be done without added load: every kit carries some."""
    return exercise.pattern == "calf-raise" and all(LOAD_ITEMS & set(kit) for kit in exercise.kits)


def _heavy_calf_gate(library: Library, rules: Coaching, doc: Document) -> Iterator[DataError]:
    gated = set(rules.heel_raise_gate.exercises)
    for exercise in library.exercises.values():
        if heavy_calf(exercise) and exercise.id not in gated:
            yield doc.error(
                ("heel_raise_gate", "exercises"),
                f"'{exercise.id}' is heavy calf work (every kit adds load); list it under the "
                "heel-raise gate",
            )


HEEL_LOADING_KIT = frozenset({"box-or-step", "slant-board"})


def loads_the_heel(entry: Exercise | Assessment) -> bool:
    """Jumps, and calf work off a step or an incline: where plantar heel pain shows first."""
    if entry.pattern == "plyometric":
        return True
    return entry.pattern == "calf-raise" and any(HEEL_LOADING_KIT & set(kit) for kit in entry.kits)


def _heel_pain_warning(library: Library, rules: Coaching, doc: Document) -> Iterator[DataError]:
    warned = set(rules.plantar_heel_pain.exercises)
    for entry in library.entries.values():
        if loads_the_heel(entry) and entry.id not in warned:  # type: ignore[arg-type]
            yield doc.error(
                ("plantar_heel_pain", "exercises"),
                f"'{entry.id}' jumps or works the calf off a step or incline; list it here so "
                "its page warns about plantar heel pain",
            )


IN_A_ROW = re.compile(r"\b(\w+) sessions in a row\b", re.IGNORECASE)


def _in_a_row(
    library: Library, rules: Coaching, documents: Mapping[str, Document]
) -> Iterator[DataError]:
    """A stage's progression that says how many sessions in a row says the rule's number."""
    said = rules.text.in_a_row
    for exercise in library.exercises.values():
        for index, dose in enumerate(exercise.dosage):
            for found in IN_A_ROW.finditer(dose.progression or ""):
                if found.group(0).lower() != said:
                    yield documents[exercise.id].error(
                        ("dosage", index, "progression"),
                        f"says '{found.group(0)}' but sessions_per_week.in_a_row in "
                        f"data/coaching.yml says '{said}'",
                    )


PAIN_WHERE = re.compile(
    r"\b(achilles|knees?|hips?|joints?|tendons?|back|neck|shoulders?|groin|shins?)\b", re.I
)
PAIN = re.compile(r"\b(pain|aches?|hurts?)\b(?!-free)", re.I)
NO_PAIN = re.compile(r"\bno (?:\w+ )?pain\b", re.I)
"""'with no groin pain': a condition to meet, not advice about pain."""
ASSESSED = re.compile(r"\b(assess(?:ed|ment)?|physiotherapist|doctor|clinician)\b", re.I)
LOOSER = re.compile(
    r"\bif (?:it|the pain) (?:continues|lingers|lasts|persists)\b|\bnext time\b"
    r"|\bseek advice\b|\bcarry(?:ing)? on\b",
    re.I,
)


def _pain_advice(
    library: Library, rules: Coaching, documents: Mapping[str, Document]
) -> Iterator[DataError]:
    """An exercise's safety and fault lines never give looser pain advice than the stop rule
    every card and the safety page print (soreness.stop_pain in data/coaching.yml): a sentence
    about pain in a joint, a tendon or the back says to get it assessed, at once, not only if
    it lasts, and never offers to carry on or come back to it next time instead."""
    for exercise in library.exercises.values():
        technique = exercise.technique
        lines = [(("technique", "safety", i), text) for i, text in enumerate(technique.safety)]
        lines += [
            (("technique", "faults", i, "fix"), fault.fix)
            for i, fault in enumerate(technique.faults)
        ]
        for loc, text in lines:
            for sentence in re.split(r"(?<=\.)\s+", text):
                sentence = NO_PAIN.sub("", sentence)
                if not (PAIN_WHERE.search(sentence) and PAIN.search(sentence)):
                    continue
                looser = LOOSER.search(sentence)
                if looser or not ASSESSED.search(sentence):
                    said = (
                        f"says '{looser.group(0)}'" if looser else "never says to get it assessed"
                    )
                    yield documents[exercise.id].error(
                        loc,
                        f"speaks of pain but {said}; the stop rule (soreness.stop_pain in "
                        f"data/coaching.yml) says: {rules.soreness.stop_action}",
                    )


# --- Jumping volume. -------------------------------------------------------------------------


def _contact_stages(
    library: Library, rules: Coaching, documents: Mapping[str, Document]
) -> Iterator[DataError]:
    """A contacts stage whose top dose is over the cap could never be put on a card."""
    cap = rules.contacts.cap_per_session
    for exercise in library.exercises.values():
        for index, dose in enumerate(exercise.dosage):
            if dose.kind != "contacts" or dose.contacts is None:
                continue
            per_side = exercise.legs(dose) == "single"
            most = dose.sets.max * rules.contacts.per_set(dose.contacts.max, per_side)
            if most > cap:
                yield documents[exercise.id].error(
                    ("dosage", index, "contacts"),
                    f"the {dose.stage} stage's top dose is {most} contacts ({_counted(rules)}); "
                    f"the cap is {cap} a session (data/coaching.yml)",
                )


def _counted(rules: Coaching) -> str:
    return "each landing counted" if rules.contacts.counting == "total" else "counted per foot"


def session_contacts(library: Library, rules: Coaching, session: Session) -> int:
    """Contacts a session asks for at most: its blocks and its counted warm-up items."""
    total = sum(item.contacts or 0 for item in session.warm_up)
    for block in session.blocks:
        exercise = library.exercises.get(block.exercise)
        if block.contacts is not None and exercise is not None:
            per_side = exercise.per_side
            dose = exercise.dose(block.stage)
            if dose is not None:
                per_side = exercise.legs(dose) == "single"
            total += block.sets * rules.contacts.per_set(block.contacts.max, per_side)
    return total


def _session_contacts(
    library: Library, rules: Coaching, session: Session, doc: Document, loc: Loc, where: str
) -> Iterator[DataError]:
    total = session_contacts(library, rules, session)
    cap = rules.contacts.cap_per_session
    if total > cap:
        yield doc.error(
            loc,
            f"{where}the card asks for up to {total} ground contacts (blocks and counted warm-up, "
            f"{_counted(rules)}); the cap is {cap} a session (data/coaching.yml)",
        )


def _opening_contacts(
    library: Library, rules: Coaching, session: Session, doc: Document
) -> Iterator[DataError]:
    """The card's own steps stay within the contact cap too: a jumping block that starts once
    its easier rung on the card meets its ``harder_from`` rule starts in a week when that rung
    is at the rule's dose (e.g. 3 × 10), not the card's. If that week would pass the cap, the
    block's load (or why) line must send the easier rung back to the card's dose ('back to
    2 × 10')."""
    cap = rules.contacts.cap_per_session
    blocks = {block.exercise: block for block in session.blocks}
    for index, block in enumerate(session.blocks):
        for rung in library.easier(block.exercise):
            easier, before = library.exercises.get(rung), blocks.get(rung)
            if easier is None or before is None or easier.harder_from is None:
                continue
            dose = easier.dose(easier.harder_from)
            if (
                before.stage != easier.harder_from
                or dose is None
                or dose.kind != "contacts"
                or before.contacts is None
            ):
                continue
            rule = dose.progress_when
            per_side = easier.legs(dose) == "single"
            at_rule = (rule.sets or before.sets) * rules.contacts.per_set(rule.amount, per_side)
            total = session_contacts(library, rules, session)
            total += at_rule - _block_contacts(library, rules, before)
            back = f"back to {before.sets} × {before.contacts.max}"
            if total > cap and back not in f"{block.load} {block.below_rule or ''}":
                yield doc.error(
                    ("blocks", index, "load"),
                    f"the week '{block.exercise}' starts, '{rung}' is at its rule's "
                    f"{rule.sets} × {rule.amount}: {total} ground contacts ({_counted(rules)}); "
                    f"the cap is {cap} a session (data/coaching.yml): send '{rung}' {back} in "
                    "this block's load or below_rule line",
                )


# --- Programmes. ------------------------------------------------------------------------------


def _week_doses(library: Library, week: ProgrammeWeek) -> dict[str, tuple[int, int, str]]:
    """Each exercise of a week: (stage index, sets, load line), the highest where repeated."""
    doses: dict[str, tuple[int, int, str]] = {}
    for week_card in week.cards:
        for block in library.week_session(week_card).blocks:
            now = (STAGE_ORDER.index(block.stage), block.sets, block.load)
            doses[block.exercise] = max(doses.get(block.exercise, now), now)
    return doses


def week_sets(library: Library, week: ProgrammeWeek) -> int:
    """Every set of the week: each card's sets times how often it is done."""
    return sum(
        week_card.times * sum(block.sets for block in library.week_session(week_card).blocks)
        for week_card in week.cards
    )


def moves_up(library: Library, programme: Programme) -> dict[int, list[tuple[str, str, str]]]:
    """Per week number, each exercise that moves up a stage: (exercise, from, to)."""
    last: dict[str, int] = {}
    moved: dict[int, list[tuple[str, str, str]]] = {}
    for week in programme.weeks:
        for exercise_id, (stage, _, _) in _week_doses(library, week).items():
            before = last.get(exercise_id)
            if before is not None and stage > before:
                moved.setdefault(week.week, []).append(
                    (exercise_id, STAGE_ORDER[before], STAGE_ORDER[stage])
                )
            last[exercise_id] = stage
    return moved


def _programme(
    library: Library, rules: Coaching, programme: Programme, doc: Document
) -> Iterator[DataError]:
    moved = moves_up(library, programme)
    race_weeks = [week.week for week in programme.weeks if week.kind == "race"]
    previous: dict[str, tuple[int, int, str]] | None = None
    previous_sets = 0
    previous_kind = ""
    for index, week in enumerate(programme.weeks):
        loc: Loc = ("weeks", index)
        for number, week_card in enumerate(week.cards):
            session = library.week_session(week_card)
            yield from _session_contacts(
                library, rules, session, doc, (*loc, "cards", number), f"in week {week.week}, "
            )
        ups = moved.get(week.week, [])
        if len(ups) > rules.changes.per_week:
            names = ", ".join(f"'{exercise_id}'" for exercise_id, _, _ in ups)
            yield doc.error(
                (*loc, "cards"),
                f"week {week.week} moves {len(ups)} exercises up a stage ({names}); "
                f"changes.per_week allows {rules.changes.per_week}",
            )
        doses = _week_doses(library, week)
        sets = week_sets(library, week)
        if week.kind in ("taper", "race") and previous is not None:
            yield from _no_rise(week, loc, doses, previous, doc)
        if week.kind == "race":
            yield from _race_week(rules, week, loc, doses, doc)
        if week.kind == "taper" and previous is not None and previous_kind != "taper":
            most = rules.taper.most_sets(previous_sets)
            if sets > most:
                yield doc.error(
                    (*loc, "cards"),
                    f"taper week {week.week} has {sets} sets against {previous_sets} the week "
                    f"before; taper.sets_fraction {rules.taper.sets_fraction:g} allows {most}",
                )
        if week.kind == "taper" and race_weeks:
            weeks_before = min(race for race in race_weeks if race > week.week) - week.week
            if weeks_before >= rules.taper.weeks_out:
                yield doc.error(
                    (*loc, "kind"),
                    f"a taper week {weeks_before} weeks before the race; the taper starts "
                    f"{rules.taper.weeks_out} weeks out (data/coaching.yml)",
                )
        if week.kind == "deload" and previous is not None:
            most = rules.deload.most_sets(previous_sets)
            if sets > most:
                yield doc.error(
                    (*loc, "cards"),
                    f"deload week {week.week} has {sets} sets against {previous_sets} the week "
                    f"before; deload.sets_fraction {rules.deload.sets_fraction:g} allows {most}",
                )
        if week.cards:
            previous, previous_sets, previous_kind = doses, sets, week.kind
    yield from ()


def _race_week(
    rules: Coaching,
    week: ProgrammeWeek,
    loc: Loc,
    doses: Mapping[str, tuple[int, int, str]],
    doc: Document,
) -> Iterator[DataError]:
    race = rules.race_week
    if len(doses) > race.most_exercises:
        yield doc.error(
            (*loc, "cards"),
            f"race week {week.week} has {len(doses)} exercises; race_week.most_exercises "
            f"allows {race.most_exercises}",
        )
    for exercise_id, (_, sets, _) in doses.items():
        if sets > race.sets_per_exercise:
            yield doc.error(
                (*loc, "cards"),
                f"in race week {week.week}, '{exercise_id}' has {sets} sets; "
                f"race_week.sets_per_exercise allows {race.sets_per_exercise}",
            )


def _no_rise(
    week: ProgrammeWeek,
    loc: Loc,
    doses: Mapping[str, tuple[int, int, str]],
    previous: Mapping[str, tuple[int, int, str]],
    doc: Document,
) -> Iterator[DataError]:
    for exercise_id, (stage, sets, load) in doses.items():
        before = previous.get(exercise_id)
        what = f"in {week.kind} week {week.week}, '{exercise_id}'"
        if before is None:
            yield doc.error((*loc, "cards"), f"{what} is new; a {week.kind} week adds nothing new")
            continue
        if stage > before[0]:
            yield doc.error(
                (*loc, "cards"),
                f"{what} moves up from the {STAGE_ORDER[before[0]]} to the {STAGE_ORDER[stage]} "
                "stage; no stage rises in a taper or race week",
            )
        if sets > before[1]:
            yield doc.error(
                (*loc, "cards"),
                f"{what} rises from {before[1]} to {sets} sets; no set count rises in a taper or "
                "race week",
            )
        if stage == before[0] and load != before[2]:
            yield doc.error(
                (*loc, "cards"),
                f"{what} changes its load line; keep the loads of the week before in a taper or "
                "race week",
            )


# --- "Next" pointers. --------------------------------------------------------------------------


def _done_on_card(library: Library, session: Session) -> dict[str, int]:
    return {block.exercise: STAGE_ORDER.index(block.stage) for block in session.blocks}


def _met_before(session: Session) -> dict[str, int]:
    """The stages whose rule a card asks to be met before it starts."""
    return {item.exercise: STAGE_ORDER.index(item.stage) for item in session.before}


def _before_items(
    library: Library, documents: Mapping[str, Mapping[str, Document]]
) -> Iterator[DataError]:
    """A card's ``before`` names a known exercise at one of its stages, and no exercise the
    card itself doses at that stage or lower (the card would then be doing it, not after it).
    A keeping (in-season) card moves nothing up, so it asks instead for the very stage it
    doses, reached before the season: never a lower one, which the card would move up."""
    for session_id, session in library.sessions.items():
        doc = documents["sessions"][session_id]
        dosed = _done_on_card(library, session)
        for index, item in enumerate(session.before):
            exercise = library.exercises.get(item.exercise)
            if exercise is None:
                yield doc.error(
                    ("before", index, "exercise"), f"'{item.exercise}' is not a known exercise"
                )
            elif exercise.dose(item.stage) is None:
                stages = ", ".join(dose.stage for dose in exercise.dosage)
                yield doc.error(
                    ("before", index, "stage"),
                    f"'{item.exercise}' has no {item.stage} stage (it has {stages})",
                )
            elif keeping(session):
                yield from _keeping_before(doc, index, item, dosed)
            elif dosed.get(item.exercise, len(STAGE_ORDER)) <= STAGE_ORDER.index(item.stage):
                yield doc.error(
                    ("before", index),
                    f"the card doses '{item.exercise}' at or below its {item.stage} stage, so "
                    "that stage's rule cannot be met before the card starts",
                )


def keeping(session: Session) -> bool:
    """A card only for the racing season: it keeps the stages reached and moves nothing up."""
    return set(session.audience.phase) == {"in-season"}


def _keeping_before(
    doc: Document, index: int, item: RuleMet, dosed: Mapping[str, int]
) -> Iterator[DataError]:
    stage = dosed.get(item.exercise)
    if stage is not None and STAGE_ORDER.index(item.stage) != stage:
        yield doc.error(
            ("before", index, "stage"),
            "an in-season card moves nothing up, so its entry gate asks for the stage it doses: "
            f"'{item.exercise}' at '{STAGE_ORDER[stage]}', reached before the season, "
            f"not '{item.stage}'",
        )


def _together(
    library: Library, documents: Mapping[str, Mapping[str, Document]]
) -> Iterator[DataError]:
    """A card starts a rung before its easier rung is finished only where the data says it
    may, so the ladders page's "only where that rung's page says so" holds for every card: an
    easier rung dosed on the same card must be at or past its ``harder_from`` stage (and the
    block's load line then says from when), or the rung's ``starts_alongside`` names it at or
    below the stage the card doses, or the card's ``before`` asks for the rung's last stage
    (finished). A card that doses the rung at its last stage is still doing it, not past it.
    Each ``starts_alongside`` names an easier rung and a card that doses the exercise."""
    for exercise_id, exercise in library.exercises.items():
        alongside = exercise.starts_alongside
        if alongside is None:
            continue
        doc = documents["exercises"][exercise_id]
        if alongside.exercise not in library.easier(exercise_id):
            yield doc.error(
                ("starts_alongside", "exercise"),
                f"'{alongside.exercise}' is not an easier rung of this exercise "
                f"(its easier rungs: {', '.join(library.easier(exercise_id)) or 'none'})",
            )
        card = library.sessions.get(alongside.card)
        if card is None or exercise_id not in _done_on_card(library, card):
            yield doc.error(
                ("starts_alongside", "card"),
                f"'{alongside.card}' is not a session card that doses this exercise",
            )
    for session_id, session in library.sessions.items():
        doc = documents["sessions"][session_id]
        dosed = _done_on_card(library, session)
        asked = _met_before(session)
        for index, block in enumerate(session.blocks):
            exercise = library.exercises.get(block.exercise)
            easier = library.easier(block.exercise)
            if exercise is None or not easier:
                continue
            together = [rung for rung in easier if rung in dosed and rung not in asked]
            if any(_may_start_after(library, exercise, rung, asked, dosed) for rung in easier):
                together = []
            for rung in together:
                yield doc.error(
                    ("blocks", index, "exercise"),
                    f"'{block.exercise}' starts on this card alongside its easier rung "
                    f"'{rung}' before that rung is finished; say it may in "
                    f"'{block.exercise}' (starts_alongside), so its page says so, or ask for "
                    f"'{rung}' at its last stage under the card's before",
                )
            yield from _opened_on_card(library, doc, index, block, asked, dosed)


def _may_start_after(
    library: Library,
    exercise: Exercise,
    rung: str,
    asked: Mapping[str, int],
    dosed: Mapping[str, int],
) -> bool:
    """Whether ``exercise`` may start alongside its easier ``rung``: that rung finished (its
    last stage's rule met, as the card's ``before`` asks; a card that doses the last stage is
    still doing it, not past it), opened (its ``harder_from`` stage reached, asked or dosed),
    or named by the exercise's ``starts_alongside`` at or below the stage it is at."""
    if rung not in library.exercises:
        return False
    reached = _merge(asked, dosed)
    if rung not in reached:
        return False
    stage = reached[rung]
    opened = library.exercises[rung].harder_from
    alongside = exercise.starts_alongside
    return (
        (opened is not None and stage >= STAGE_ORDER.index(opened))
        or asked.get(rung, -1) == _stages(library.exercises[rung])[-1]
        or (
            alongside is not None
            and alongside.exercise == rung
            and stage >= STAGE_ORDER.index(alongside.stage)
        )
    )


def _opened_on_card(
    library: Library,
    doc: Document,
    index: int,
    block: object,
    asked: Mapping[str, int],
    dosed: Mapping[str, int],
) -> Iterator[DataError]:
    """A block that starts only once its easier rung on the same card meets the rule of that
    rung's ``harder_from`` stage waits for that rule, so its load line says so: 'Once ...'
    with the rule's sets and amount (e.g. 'Once side plank holds 3 × 45 s')."""
    exercise_id = block.exercise  # type: ignore[attr-defined]
    exercise = library.exercises[exercise_id]
    for rung in library.easier(exercise_id):
        easier = library.exercises.get(rung)
        if easier is None or easier.harder_from is None or rung in asked or rung not in dosed:
            continue
        alongside = exercise.starts_alongside
        if alongside is not None and alongside.exercise == rung:
            continue
        opened = STAGE_ORDER.index(easier.harder_from)
        if dosed[rung] != opened:
            continue
        rule = easier.dose(easier.harder_from).progress_when  # type: ignore[union-attr]
        said = f"{rule.sets} × {rule.amount}" if rule.sets else f"{rule.amount}"
        load = block.load.lower()  # type: ignore[attr-defined]
        if "once" not in load or said not in load:
            yield doc.error(
                ("blocks", index, "load"),
                f"'{exercise_id}' may start only once '{rung}' meets its {easier.harder_from} "
                f"stage's rule ({said}): say so in the load line ('Once ... {said}')",
            )


def _done_in_programme(library: Library, programme: Programme) -> dict[str, int]:
    done: dict[str, int] = {}
    for week in programme.weeks:
        for exercise_id, (stage, _, _) in _week_doses(library, week).items():
            done[exercise_id] = max(done.get(exercise_id, stage), stage)
    return done


def _merge(*dones: Mapping[str, int]) -> dict[str, int]:
    merged: dict[str, int] = {}
    for done in dones:
        for exercise_id, stage in done.items():
            merged[exercise_id] = max(merged.get(exercise_id, stage), stage)
    return merged


def entry_cards(library: Library) -> tuple[str, ...]:
    """The cards no programme or card points at: where a route of "next" pointers starts."""
    pointed = {card_id for entry in library.sessions.values() for card_id in entry.next}
    pointed |= {card_id for programme in library.programmes.values() for card_id in programme.next}
    return tuple(card_id for card_id in library.sessions if card_id not in pointed)


def _routes(
    library: Library, documents: Mapping[str, Mapping[str, Document]]
) -> Iterator[DataError]:
    """Every "next" pointer, checked on every route that reaches it: from each programme and
    each card nothing points at, along the pointers. A card reached by two routes must suit
    the runner of each, so what one route did never stands in for the other."""
    yield from _before_items(library, documents)
    for programme_id, programme in library.programmes.items():
        done = _done_in_programme(library, programme)
        yield from _walk(
            library, documents, "programmes", programme_id, programme.next, done, (), set(done)
        )
    for card_id in entry_cards(library):
        session = library.sessions[card_id]
        done = _merge(_met_before(session), _done_on_card(library, session))
        yield from _walk(library, documents, "sessions", card_id, session.next, done, (), set(done))


def _walk(
    library: Library,
    documents: Mapping[str, Mapping[str, Document]],
    kind: str,
    source_id: str,
    next_ids: tuple[str, ...],
    done: Mapping[str, int],
    before: tuple[str, ...],
    own: set[str],
) -> Iterator[DataError]:
    """``own``: the exercises the source itself doses (or asks to be met before it), whose
    rules its pointer's "once every exercise here meets its rule" covers."""
    route = (*before, source_id)
    doc = documents[kind][source_id]
    yield from _next(library, doc, next_ids, done, route, own)
    for card_id in next_ids:
        card = library.sessions.get(card_id)
        if card is not None and card_id not in route:
            here = _merge(_met_before(card), _done_on_card(library, card))
            after = _merge(done, here)
            yield from _walk(
                library, documents, "sessions", card_id, card.next, after, route, set(here)
            )


def _stages(exercise: Exercise) -> list[int]:
    return [STAGE_ORDER.index(dose.stage) for dose in exercise.dosage]


def _opened(library: Library, done: Mapping[str, int]) -> set[str]:
    """The rungs whose harder rungs may start alongside them: done at or past the stage their
    ``harder_from`` names (that stage's rule met), before they are finished."""
    opened = set()
    for exercise_id, stage in done.items():
        exercise = library.exercises.get(exercise_id)
        if exercise and exercise.harder_from and stage >= STAGE_ORDER.index(exercise.harder_from):
            opened.add(exercise_id)
    return opened


def _finished(library: Library, done: Mapping[str, int]) -> set[str]:
    """The rungs a runner has finished: done at their last stage, or climbed past on the way
    to a harder rung that was done."""
    finished = {
        exercise_id
        for exercise_id, stage in done.items()
        if exercise_id in library.exercises and stage >= _stages(library.exercises[exercise_id])[-1]
    }
    todo = list(done)
    climbed: set[str] = set()
    while todo:
        harder = library.exercises.get(todo.pop())
        if harder is None:
            continue
        for easier in library.easier(harder.id):
            # A rung started alongside its easier rung (``starts_alongside``) does not finish
            # that rung: the easier rung's rule was never asked for.
            alongside = harder.starts_alongside
            if alongside is not None and alongside.exercise == easier:
                continue
            if easier not in climbed:
                climbed.add(easier)
                todo.append(easier)
    return finished | climbed


def _next(
    library: Library,
    doc: Document,
    next_ids: tuple[str, ...],
    done: Mapping[str, int],
    route: tuple[str, ...],
    own: set[str],
) -> Iterator[DataError]:
    """A "next" card asks only for the step after one the runner has done: the next stage of
    an exercise done, or the first stage of a rung whose easier rung was finished (done at its
    last stage, or climbed past) or opened (done at its ``harder_from`` stage, on the route or
    earlier on the card). Its ``before`` stages are held to the same rule, then count as done.
    The next stage of an exercise the source does not dose itself needs a ``before`` line: the
    source's pointer only asks for the rules of what it doses."""
    via = f" (on the route {' → '.join(route)})" if len(route) > 1 else ""
    for index, card_id in enumerate(next_ids):
        card = library.sessions.get(card_id)
        if card is None:
            yield doc.error(("next", index), f"'{card_id}' is not a known session card")
            continue
        asked = [(item.exercise, item.stage, ", before it starts,") for item in card.before]
        asked += [(block.exercise, block.stage, "") for block in card.blocks]
        met = _met_before(card)
        here: dict[str, int] = {}
        for exercise_id, stage_name, when in asked:
            exercise = library.exercises.get(exercise_id)
            if exercise is None:
                continue
            stage = STAGE_ORDER.index(stage_name)
            prior = done if when else _merge(done, met)
            yield from _step(
                library, doc, index, f"'{card_id}'", when, exercise, stage, prior, here, via
            )
            if (
                not when
                and exercise_id in done
                and exercise_id not in own
                and exercise_id not in met
                and stage > done[exercise_id]
            ):
                yield doc.error(
                    ("next", index),
                    f"'{card_id}' asks for the {stage_name} stage of '{exercise_id}', whose "
                    f"{STAGE_ORDER[done[exercise_id]]} stage's rule '{route[-1]}' does not ask "
                    f"for; name that stage under the card's before{via}",
                )
            here[exercise_id] = max(here.get(exercise_id, stage), stage)


def _step(
    library: Library,
    doc: Document,
    index: int,
    card: str,
    when: str,
    exercise: Exercise,
    stage: int,
    done: Mapping[str, int],
    here: Mapping[str, int],
    via: str,
) -> Iterator[DataError]:
    """One stage a next card asks for, held to what the runner has done; ``when`` says that
    it is asked before the card starts. ``here``: what the card asks before this block; a
    rung done there may open a harder one (its load line says from when), never finish it."""
    what = f"{card} asks{when} for"
    stages = _stages(exercise)
    name = STAGE_ORDER[stage]
    if exercise.id in done:
        reached = done[exercise.id]
        higher = [own for own in stages if own > reached]
        if stage > (higher[0] if higher else reached):
            yield doc.error(
                ("next", index),
                f"{what} the {name} stage of '{exercise.id}', but only the "
                f"{STAGE_ORDER[reached]} stage was done{via}",
            )
        return
    if stage > stages[0]:
        yield doc.error(
            ("next", index),
            f"{card} {'starts' if not when else what.removeprefix(card + ' ')} "
            f"'{exercise.id}' at the {name} stage, skipping its "
            f"{STAGE_ORDER[stages[0]]} stage{via}",
        )
    easier = library.easier(exercise.id)
    if not easier or (_finished(library, done) | _opened(library, _merge(done, here))) & set(
        easier
    ):
        return
    if _started_alongside(library, exercise, _merge(done, here)):
        return
    started = [rung for rung in easier if rung in done]
    if started:
        rung = started[0]
        last = STAGE_ORDER[_stages(library.exercises[rung])[-1]]
        yield doc.error(
            ("next", index),
            f"{what} '{exercise.id}' before its easier rung '{rung}' was finished: only its "
            f"{STAGE_ORDER[done[rung]]} stage was done, not its {last} stage{via}",
        )
    else:
        yield doc.error(
            ("next", index),
            f"{what} '{exercise.id}' before an easier rung ({', '.join(easier)}) was done{via}",
        )


def _started_alongside(library: Library, exercise: Exercise, done: Mapping[str, int]) -> bool:
    """Whether ``exercise`` may start because its ``starts_alongside`` names an easier rung
    the runner is on: done at or past the named stage, or climbed on the way to a harder rung
    that was done (its page then says from when)."""
    alongside = exercise.starts_alongside
    if alongside is None:
        return False
    if done.get(alongside.exercise, -1) >= STAGE_ORDER.index(alongside.stage):
        return True
    return any(alongside.exercise in library.easier(other) for other in done)


def pointer_needs(library: Library, source: Session, target: Session) -> list[tuple[str, str]]:
    """What a card's "next" pointer asks to be met first, as (exercise, stage): the next
    card's own ``before`` items, then each exercise of this card that the next card carries on
    (at a higher stage) or climbs from (a harder rung), at the stage this card doses. An
    exercise of this card that the next card leaves behind need not meet its rule."""
    needs = [(item.exercise, item.stage) for item in target.before]
    named = {exercise_id for exercise_id, _ in needs}
    asked = {block.exercise: STAGE_ORDER.index(block.stage) for block in target.blocks}
    climbed = {easier for exercise_id in asked for easier in library.easier(exercise_id)}
    for block in source.blocks:
        if block.exercise in named:
            continue
        higher = asked.get(block.exercise, -1) > STAGE_ORDER.index(block.stage)
        if higher or block.exercise in climbed:
            needs.append((block.exercise, block.stage))
            named.add(block.exercise)
    return needs


def programme_pointer_needs(
    library: Library, programme: Programme, target: Session
) -> tuple[list[tuple[str, str]], list[tuple[str, str, int]]]:
    """What a programme's pointer asks to be met first: ``pointer_needs`` from its last week's
    card as that week prescribes it, and, for each exercise that the card's own pointer asks
    for and that the programme moves up only if its rule was met, that exercise at the card's
    stage (with the week of the move) in case it did not move up. So the programme asks what
    the card's pointer asks."""
    last = [week for week in programme.weeks if week.cards]
    if not last:
        return [], []
    week_card = last[-1].cards[0]
    as_done = pointer_needs(library, library.week_session(week_card), target)
    as_printed = pointer_needs(library, library.sessions[week_card.card], target)
    named = {exercise_id for exercise_id, _ in as_done}
    moved = {
        exercise_id: week
        for week, moves in moves_up(library, programme).items()
        for exercise_id, _, _ in moves
    }
    unmoved = [
        (exercise_id, stage, moved[exercise_id])
        for exercise_id, stage in as_printed
        if exercise_id not in named and exercise_id in moved
    ]
    return as_done, unmoved


def _block_contacts(library: Library, rules: Coaching, block: object) -> int:
    exercise = library.exercises.get(block.exercise)  # type: ignore[attr-defined]
    if block.contacts is None or exercise is None:  # type: ignore[attr-defined]
        return 0
    dose = exercise.dose(block.stage)  # type: ignore[attr-defined]
    per_side = exercise.legs(dose) == "single" if dose is not None else exercise.per_side
    return block.sets * rules.contacts.per_set(block.contacts.max, per_side)  # type: ignore[attr-defined]


def _swaps(
    library: Library, rules: Coaching, documents: Mapping[str, Document]
) -> Iterator[DataError]:
    """A runner coming from a card moves to the next one an exercise a week: each of the next
    card's blocks, in order, takes the place of the exercise it ``replaces`` on the card before
    (or is added), and every such mixed week stays within the contact cap."""
    cap = rules.contacts.cap_per_session
    for target_id, target in library.sessions.items():
        doc = documents[target_id]
        sources = [s for s in library.sessions.values() if target_id in s.next]
        for index, block in enumerate(target.blocks):
            if (
                block.replaces
                and sources
                and not any(b.exercise == block.replaces for s in sources for b in s.blocks)
            ):
                yield doc.error(
                    ("blocks", index, "replaces"),
                    f"'{block.replaces}' is on no card that points to this one",
                )
        for source in sources:
            week = {b.exercise: _block_contacts(library, rules, b) for b in source.blocks}
            for index, block in enumerate(target.blocks):
                week.pop(block.replaces or "", None)
                week[block.exercise] = _block_contacts(library, rules, block)
                total = sum(week.values())
                if total > cap:
                    yield doc.error(
                        ("blocks", index),
                        f"coming from '{source.id}' one exercise a week, the week this block "
                        f"starts asks for {total} ground contacts; the cap is {cap} a session "
                        f"(data/coaching.yml): name the exercise of '{source.id}' it replaces",
                    )


def _pointer_contacts(
    library: Library, rules: Coaching, documents: Mapping[str, Document]
) -> Iterator[DataError]:
    """The rules a "next" pointer asks this card to meet must fit together within the contact
    cap: each jumping exercise at its rule's sets and contacts, in one session."""
    cap = rules.contacts.cap_per_session
    for session_id, session in library.sessions.items():
        doses = {block.exercise: block.stage for block in session.blocks}
        for index, card_id in enumerate(session.next):
            target = library.sessions.get(card_id)
            if target is None:
                continue
            total, parts = 0, []
            for exercise_id, stage in pointer_needs(library, session, target):
                exercise = library.exercises.get(exercise_id)
                dose = exercise.dose(stage) if exercise else None
                if exercise_id not in doses or dose is None or dose.kind != "contacts":
                    continue
                rule = dose.progress_when
                per_side = exercise.legs(dose) == "single"  # type: ignore[union-attr]
                total += (rule.sets or dose.sets.max) * rules.contacts.per_set(
                    rule.amount, per_side
                )
                parts.append(exercise_id)
            if total > cap:
                yield documents[session_id].error(
                    ("next", index),
                    f"'{card_id}' asks this card to meet the rules of {', '.join(parts)}, "
                    f"{total} ground contacts together ({_counted(rules)}); the cap is {cap} a "
                    "session (data/coaching.yml), so they cannot all be met here: let the next "
                    "card carry on fewer of them",
                )


# --- Moving up by ability: what a page says about a week that moves an exercise up. ----------


def rule_words(library: Library, exercise_id: str, stage: str) -> str:
    """The rule of one stage in words: ``3 × 10 reps``."""
    rule = library.exercises[exercise_id].dose(stage).progress_when  # type: ignore[union-attr]
    amount = f"{rule.amount} {rule.measure}"
    words = f"{rule.sets} × {amount}" if rule.sets else f"{amount} every set"
    return f"{words} {rule.condition}" if rule.condition else words


def rule_weeks(programme: Programme) -> dict[int, int]:
    """Per week, the week whose sets decide a move: the last full week before it, so a move
    after a deload is judged on the week before the deload, never on the deload's fewer sets."""
    weeks: dict[int, int] = {}
    full: int | None = None
    for week in programme.weeks:
        if full is not None:
            weeks[week.week] = full
        if week.kind != "deload" and week.cards:
            full = week.week
    return weeks


def move_lines(library: Library, programme: Programme) -> dict[int, tuple[str, ...]]:
    """Per week, one sentence for each exercise it moves up: the rule that had to be met in
    the last full week, what to do if it was not, and, where later weeks move something too,
    that they wait with it (from data/coaching.yml)."""
    changes = library.coaching.changes if library.coaching else None
    otherwise = changes.if_rule_not_met if changes else ""
    waits = changes.when_a_move_waits if changes else None
    after = changes.after_a_wait if changes else None
    moved = moves_up(library, programme)
    judged = rule_weeks(programme)
    lines: dict[int, tuple[str, ...]] = {}
    for week, ups in moved.items():
        when = judged.get(week, week - 1)
        said = "last week" if when == week - 1 else f"week {when}"
        later = waits if waits and any(other > week for other in moved) else None
        # The last move has no later week to wait into: it goes to the next card.
        last = changes.after_a_wait_last if changes and week == max(moved) else None
        earlier = (last or after) if any(other < week for other in moved) else None
        lines[week] = tuple(
            f"{library.exercises[exercise_id].name} moves up to {to} only if {said} reached "
            f"{rule_words(library, exercise_id, before)}; if not, {otherwise}"
            + (f"; {later}" if later else "")
            + (f"; {earlier}" if earlier else "")
            + "."
            for exercise_id, before, to in ups
        )
    return lines


def move_records(library: Library, programme: Programme) -> list[dict[str, object]]:
    """The same, as open data: one record per exercise a week moves up."""
    otherwise = library.coaching.changes.if_rule_not_met if library.coaching else ""
    judged = rule_weeks(programme)
    return [
        {
            "week": week,
            "rule_week": judged.get(week, week - 1),
            "exercise": exercise_id,
            "from_stage": before,
            "to_stage": to,
            "progress_when": library.exercises[exercise_id]
            .dose(before)
            .progress_when.model_dump(mode="json", exclude_none=True),  # type: ignore[union-attr]
            "if_rule_not_met": otherwise,
        }
        for week, moved in moves_up(library, programme).items()
        for exercise_id, before, to in moved
    ]
