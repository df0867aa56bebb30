"""Rules that need more than one data file.

Ids match file names and are unique; every reference (muscle, source, exercise, ladder
step, session stage) resolves; ladders only go up; session prescriptions stay inside the
dosage of the exercise stage they use. Each rule yields errors located in the file and on
the line that has to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from macros.data import card, kinds, rules, timing
from macros.data.errors import DataError, Document, Loc, did_you_mean
from macros.data.figures.validation import figure_errors
from macros.data.library import Library
from macros.data.models import (
    KG_TO_LB,
    MEASURE_CHOICE,
    MEASURE_FIELDS,
    STAGE_ORDER,
    Entry,
    Exercise,
    Programme,
    Session,
)
from macros.data.vocab import CALF_MUSCLES, MUSCLE_ROLES


def check(
    *,
    exercises: Mapping[str, Exercise],
    sessions: Mapping[str, Session],
    catalogues: Mapping[str, Any],
    documents: Mapping[str, Mapping[str, Document]],
    exercise_files: set[str],
    session_files: set[str],
    programmes: Mapping[str, Programme] | None = None,
    programme_files: set[str] | None = None,
    extra: Mapping[str, tuple[Mapping[str, Any], set[str]]] | None = None,
) -> list[DataError]:
    """Run every cross-file rule and return all the errors found.

    Ids that exist as files count as live even when their file has errors of its own, so
    one broken file is reported once, not again by every reference to it. ``extra`` holds
    the entries and file names of each folder of a kind added to the registry later.
    """
    muscle_ids = {m.id for m in catalogues["muscles.yml"].muscles}
    source_ids = {s.id for s in catalogues["sources.yml"].sources}
    catalogue_docs = documents["catalogues"]
    errors: list[DataError] = []
    errors += _unique(catalogue_docs["muscles.yml"], "muscles", "id")
    errors += _unique(catalogue_docs["sources.yml"], "sources", "id")
    errors += _unique(catalogue_docs["glossary.yml"], "terms", "term")
    for index, muscle in enumerate(catalogues["muscles.yml"].muscles):
        doc = catalogue_docs["muscles.yml"]
        errors += _refs(doc, ("muscles", index, "sources"), muscle.sources, source_ids, "source")
        errors += _refs(
            doc, ("muscles", index, "role_sources"), muscle.role_sources, source_ids, "source"
        )
        if muscle.fibre_type:
            errors += _refs(
                doc,
                ("muscles", index, "fibre_type", "source"),
                (muscle.fibre_type.source,),
                source_ids,
                "source",
            )
    errors += _body_map(catalogue_docs, catalogues, muscle_ids)
    errors += _calf_facts(catalogue_docs["muscles.yml"], catalogues["muscles.yml"])
    assessment_files = {
        stem
        for stem, doc in documents.get("exercises", {}).items()
        if isinstance(doc.data, dict) and doc.data.get("kind") == "assessment"
    }
    for stem, entry in exercises.items():
        doc = documents["exercises"][stem]
        errors += _id_matches_file(doc, stem, entry.id)
        errors += _exercise_refs(doc, entry, muscle_ids, source_ids, exercise_files)
        errors += _figure(doc, entry)
        if isinstance(entry, Exercise):
            errors += _ladder_refs(doc, entry, exercise_files, assessment_files)
    ladders = {stem: e for stem, e in exercises.items() if isinstance(e, Exercise)}
    errors += _ladder_cycles(ladders, documents.get("exercises", {}))
    entry_files = {
        "exercises": (exercises, exercise_files),
        "sessions": (sessions, session_files),
        "programmes": (programmes or {}, programme_files or set()),
        **(extra or {}),
    }
    errors += _renames_of_every_kind(entry_files, catalogues, documents)
    for folder, (entries, _) in (extra or {}).items():
        for stem, entry in entries.items():
            errors += _id_matches_file(documents[folder][stem], stem, entry.id)
    for group in ("exercises", "sessions", "programmes"):
        for doc in documents.get(group, {}).values():
            errors += _kilograms(doc)
    for stem, programme in programmes.items():
        doc = documents["programmes"][stem]
        errors += _id_matches_file(doc, stem, programme.id)
        errors += _programme_refs(
            doc, programme, session_files, exercise_files, assessment_files, source_ids
        )
    for stem, session in sessions.items():
        doc = documents["sessions"][stem]
        errors += _id_matches_file(doc, stem, session.id)
        if session.id in RESERVED_SESSION_IDS:
            errors.append(
                doc.error(
                    ("id",),
                    f"'{session.id}' is the card builder's page; choose another id",
                )
            )
        errors += _session_blocks(doc, session, ladders, exercise_files, assessment_files)
        for index, ref in enumerate(session.sources):
            errors += _refs(doc, ("sources", index, "id"), (ref.id,), source_ids, "source")
    return errors


def _body_map(
    docs: Mapping[str, Document], catalogues: Mapping[str, Any], muscle_ids: set[str]
) -> Iterator[DataError]:
    """Every catalogued muscle has a shape on the map, and every shape is a known muscle."""
    body_map, map_doc = catalogues["body-map.yml"], docs["body-map.yml"]
    drawn = {shape.muscle for shape in body_map.shapes}
    for index, shape in enumerate(body_map.shapes):
        yield from _refs(
            map_doc, ("shapes", index, "muscle"), (shape.muscle,), muscle_ids, "muscle"
        )
    for index, muscle in enumerate(catalogues["muscles.yml"].muscles):
        if muscle.id not in drawn:
            yield docs["muscles.yml"].error(
                ("muscles", index, "id"),
                f"'{muscle.id}' has no shape in the body map; draw it in data/body-map.yml",
            )
    views = [view.id for view in body_map.views]
    if len(set(views)) != len(views):
        yield map_doc.error(("views",), "each view may appear once")
    for index, shape in enumerate(body_map.shapes):
        if shape.view not in views:
            yield map_doc.error(
                ("shapes", index, "view"), f"'{shape.view}' is not a view of this map"
            )


def _calf_facts(doc: Document, catalogue: Any) -> Iterator[DataError]:
    """The calf complex page compares the calf muscles: each needs its joints and fibres."""
    for index, muscle in enumerate(catalogue.muscles):
        if muscle.id in CALF_MUSCLES:
            for key in ("joints_crossed", "fibre_type"):
                if not getattr(muscle, key):
                    yield doc.error(
                        ("muscles", index, "id"),
                        f"'{muscle.id}' is a calf muscle: give its {key}, which the calf "
                        "complex page compares",
                    )


def _unique(doc: Document, key: str, id_field: str) -> Iterator[DataError]:
    first: dict[str, int] = {}
    for index, entry in enumerate(doc.data.get(key) or []):
        value = entry.get(id_field) if isinstance(entry, dict) else None
        if not isinstance(value, str):
            continue
        line = doc.line((key, index, id_field))
        if value in first:
            yield doc.error(
                (key, index, id_field),
                f"duplicate {id_field} '{value}' (first used on line {first[value]}); "
                f"each {id_field} must be unique",
            )
        else:
            first[value] = line


RESERVED_SESSION_IDS = ("build",)
"""Session ids whose page address another page holds: the card builder's
(``urls.PAGES["builder"]``; a test keeps the two in step)."""


def _id_matches_file(doc: Document, stem: str, given: str) -> Iterator[DataError]:
    if given != stem:
        yield doc.error(("id",), f"'{given}' does not match the file name; expected '{stem}'")


def _refs(
    doc: Document, loc: Loc, values: tuple[str, ...], known: set[str], what: str
) -> Iterator[DataError]:
    for index, value in enumerate(values):
        item_loc = loc if loc[-1] == "id" else (*loc, index)
        if value not in known:
            yield doc.error(
                item_loc, f"'{value}' is not a known {what}{did_you_mean(value, known)}"
            )


def _exercise_refs(
    doc: Document,
    exercise: Entry,
    muscle_ids: set[str],
    source_ids: set[str],
    exercise_files: set[str],
) -> Iterator[DataError]:
    roles = exercise.muscles.by_role()
    seen: dict[str, str] = {}
    for role in MUSCLE_ROLES.ids:
        yield from _refs(doc, ("muscles", role), roles[role], muscle_ids, "muscle")
        for index, muscle in enumerate(roles[role]):
            if muscle in seen:
                yield doc.error(
                    ("muscles", role, index),
                    f"'{muscle}' is already listed as {seen[muscle]}; give each muscle one role",
                )
            seen.setdefault(muscle, role)
    calf = getattr(exercise, "calf", None)
    if calf and calf.emphasises not in exercise.muscles.primary:
        yield doc.error(
            ("calf", "emphasises"),
            f"'{calf.emphasises}' must also be listed in muscles.primary",
        )
    for index, ref in enumerate(exercise.sources):
        yield from _refs(doc, ("sources", index, "id"), (ref.id,), source_ids, "source")


# The geometry checks are slow and a figure is frozen data: `mkdocs serve` checks again only
# the figures that changed.
_figure_errors = lru_cache(maxsize=1024)(figure_errors)


def _figure(doc: Document, entry: Entry) -> Iterator[DataError]:
    """The technique figure is physically consistent: every key belongs to its view, every
    contact after the first lands on its surface, nothing passes through the floor or a
    bench, planted contacts stay put, and no pose would tip over."""
    figure = getattr(entry, "figure", None)
    if figure is None:
        return
    if getattr(entry, "tempo", None) is None:
        yield doc.error(("figure",), "a figure moves at the tempo: give tempo as well")
        return
    for loc, message in _figure_errors(figure):
        yield doc.error(("figure", *loc), message)


def _ladder_refs(
    doc: Document, exercise: Exercise, exercise_files: set[str], assessment_files: set[str]
) -> Iterator[DataError]:
    yield from _refs(doc, ("harder",), exercise.harder, exercise_files, "exercise")
    for index, step in enumerate(exercise.harder):
        if step in assessment_files:
            yield doc.error(
                ("harder", index),
                f"'{step}' is an assessment; a ladder holds exercises only (link the test "
                "from the text instead)",
            )


def _ladder_cycles(
    exercises: Mapping[str, Exercise], documents: Mapping[str, Document]
) -> Iterator[DataError]:
    """A ladder only goes up: report each cycle once, at the step that closes it.

    A depth-first walk with an explicit stack, so a ladder of any length is safe.
    """
    state: dict[str, str] = {}  # "visiting" or "done"
    for root in sorted(exercises):
        if root in state:
            continue
        path = [root]
        stack = [(root, 0)]
        state[root] = "visiting"
        while stack:
            exercise_id, index = stack[-1]
            harder = exercises[exercise_id].harder
            if index == len(harder):
                stack.pop()
                path.pop()
                state[exercise_id] = "done"
                continue
            stack[-1] = (exercise_id, index + 1)
            step = harder[index]
            if step not in exercises:
                continue
            if state.get(step) == "visiting":
                cycle = [*path[path.index(step) :], step]
                if len(cycle) > 8:  # name the ends; a long loop is the same mistake
                    cycle = [*cycle[:3], f"... ({len(cycle) - 6} more)", *cycle[-3:]]
                yield documents[exercise_id].error(
                    ("harder", index),
                    f"ladder cycle {' -> '.join(cycle)}; a ladder must only go up",
                )
            elif step not in state:
                state[step] = "visiting"
                path.append(step)
                stack.append((step, 0))


def _renames_of_every_kind(
    entry_files: Mapping[str, tuple[Mapping[str, Any], set[str]]],
    catalogues: Mapping[str, Any],
    documents: Mapping[str, Mapping[str, Document]],
) -> Iterator[DataError]:
    """Renames and published ids, for every kind in the registry, folder by folder: the
    kinds sharing a folder (exercises and assessments) share its URLs."""
    located: dict[str, dict[str, tuple[Any, Document, Loc]]] = {}
    live: dict[str, set[str]] = {}
    for kind in kinds.KINDS.values():
        if kind.listed_in is not None:
            name, key = kind.listed_in
            doc = documents["catalogues"][name]
            listed = getattr(catalogues[name], key)
            found = {e.id: (e, doc, (key, index)) for index, e in enumerate(listed)}
            files = set(found)
        else:
            models, files = entry_files.get(kind.folder, ({}, set()))
            found = {
                stem: (entry, documents[kind.folder][stem], ())
                for stem, entry in models.items()
                if isinstance(entry, kind.model)
            }
        located.setdefault(kind.folder, {}).update(found)
        live.setdefault(kind.folder, set()).update(files)
    for folder, entries in located.items():
        yield from _renames(entries, live[folder])
    published = catalogues["published.yml"]
    published_doc = documents["catalogues"]["published.yml"]
    for folder, entries in located.items():
        named = next(k.article for k in kinds.KINDS.values() if k.folder == folder)
        renamed = {old for entry, _, _ in entries.values() for old in entry.previous_ids}
        for index, old in enumerate(getattr(published, folder, ())):
            if old not in live[folder] and old not in renamed:
                yield published_doc.error(
                    (folder, index),
                    f"'{old}' was published but is no longer {named} id; restore it, or "
                    f"list it in the renamed entry's previous_ids so its old URL redirects",
                )


def _renames(
    entries: Mapping[str, tuple[Any, Document, Loc]], live_ids: set[str]
) -> Iterator[DataError]:
    """An old id redirects to exactly one page and never shadows a live one, whose page a
    redirect would otherwise overwrite."""
    claimed: dict[str, str] = {}
    for entry_id, (entry, document, at) in sorted(entries.items()):
        for index, old in enumerate(entry.previous_ids):
            loc = (*at, "previous_ids", index)
            if old in live_ids:
                yield document.error(
                    loc,
                    f"'{old}' is a live id; an old id may not collide with a live one",
                )
            elif old in claimed:
                yield document.error(
                    loc,
                    f"'{old}' is already claimed by '{claimed[old]}'; "
                    "an old id redirects to one page",
                )
            claimed.setdefault(old, entry_id)


def _session_blocks(
    doc: Document,
    session: Session,
    exercises: Mapping[str, Exercise],
    exercise_files: set[str],
    assessment_files: set[str],
) -> Iterator[DataError]:
    for index, block in enumerate(session.blocks):
        loc: Loc = ("blocks", index)
        exercise = exercises.get(block.exercise)
        if exercise is None:
            if block.exercise in assessment_files:
                yield doc.error(
                    (*loc, "exercise"),
                    f"'{block.exercise}' is an assessment; a session card prescribes exercises",
                )
            elif block.exercise not in exercise_files:
                hint = did_you_mean(block.exercise, exercise_files - assessment_files)
                yield doc.error(
                    (*loc, "exercise"), f"'{block.exercise}' is not a known exercise{hint}"
                )
            continue
        dose = exercise.dose(block.stage)
        if dose is None:
            stages = ", ".join(d.stage for d in exercise.dosage)
            yield doc.error(
                (*loc, "stage"),
                f"'{exercise.id}' has no '{block.stage}' stage; expected one of: {stages}",
            )
            continue
        where = f"the {block.stage} stage of '{exercise.id}'"
        if block.measure != dose.measure:
            yield doc.error(
                (*loc, block.measure),
                f"{where} counts {dose.measure}, not {block.measure}; give {dose.measure}",
            )
            continue
        if not dose.sets.min <= block.sets <= dose.sets.max:
            yield doc.error(
                (*loc, "sets"),
                f"{block.sets} sets is outside {where}; "
                f"expected {dose.sets.min} to {dose.sets.max}",
            )
        if not dose.amount.contains(block.amount):
            yield doc.error(
                (*loc, block.measure),
                f"{block.amount.min}-{block.amount.max} {block.measure} is outside {where}; "
                f"expected within {dose.amount.min}-{dose.amount.max}",
            )
        rule = dose.progress_when
        if block.below_rule is None and (
            (rule.sets or 0) > block.sets or rule.amount > block.amount.max
        ):
            target = (f"{rule.sets} sets of " if rule.sets else "") + f"{rule.amount}"
            yield doc.error(
                (*loc, "sets" if (rule.sets or 0) > block.sets else block.measure),
                f"{block.sets} sets of {block.amount.min}-{block.amount.max} can never meet "
                f"the {block.stage} stage's rule ({target} {rule.measure}); prescribe enough "
                "to meet it, or say why not in below_rule",
            )


KILOGRAMS = re.compile(r"(\d+(?:\.\d+)?)\s*kg\b(?:\s*\((\d+(?:\.\d+)?)\s*lb\))?")


def _kilograms(doc: Document) -> Iterator[DataError]:
    """A load in kilograms in prose also gives pounds, as ``2.5 kg (5.5 lb)``, within 10%
    of the conversion, so readers who train in pounds are not left to work it out."""
    stack: list[tuple[Loc, Any]] = [((), doc.data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, dict):
            stack += [((*loc, key), item) for key, item in value.items()]
        elif isinstance(value, list):
            stack += [((*loc, index), item) for index, item in enumerate(value)]
        elif isinstance(value, str):
            for match in KILOGRAMS.finditer(value):
                kg, lb = float(match.group(1)), match.group(2)
                wanted = kg * KG_TO_LB
                if lb is None:
                    yield doc.error(
                        loc,
                        f"'{match.group(0)}' gives kilograms only; write the pounds too, as "
                        f"'{match.group(1)} kg ({wanted:.3g} lb)'",
                    )
                elif abs(float(lb) - wanted) > 0.1 * wanted:
                    yield doc.error(
                        loc,
                        f"'{match.group(0)}': {match.group(1)} kg is about {wanted:.3g} lb, "
                        f"not {lb}",
                    )


def _programme_refs(
    doc: Document,
    programme: Programme,
    session_files: set[str],
    exercise_files: set[str],
    assessment_files: set[str],
    source_ids: set[str],
) -> Iterator[DataError]:
    """Weeks in order from 1, every card and test a real one, each card once a week."""
    if programme.id in session_files:
        yield doc.error(
            ("id",),
            f"'{programme.id}' is a session id too; a programme's booklet is published beside "
            "the cards, so the two need different ids",
        )
    for index, ref in enumerate(programme.sources):
        yield from _refs(doc, ("sources", index, "id"), (ref.id,), source_ids, "source")
    for index, week in enumerate(programme.weeks):
        loc: Loc = ("weeks", index)
        if week.week != index + 1:
            yield doc.error(
                (*loc, "week"),
                f"week {week.week} is listed as the programme's week {index + 1}; number the "
                "weeks in order from 1, with none missing",
            )
        if not week.cards and week.kind != "race":
            yield doc.error(
                (*loc, "cards"),
                f"a {week.kind} week needs at least one card; only a race week may have none",
            )
        seen: set[str] = set()
        for number, week_card in enumerate(week.cards):
            if week_card.card not in session_files:
                hint = did_you_mean(week_card.card, session_files)
                yield doc.error(
                    (*loc, "cards", number, "card"),
                    f"'{week_card.card}' is not a known session card{hint}",
                )
            elif week_card.card in seen:
                yield doc.error(
                    (*loc, "cards", number, "card"),
                    f"'{week_card.card}' is already in week {week.week}; say how often with times",
                )
            seen.add(week_card.card)
        if week.test is not None and week.test not in assessment_files:
            what = (
                "an exercise, not an assessment"
                if week.test in exercise_files
                else "not a known assessment"
            )
            hint = "" if week.test in exercise_files else did_you_mean(week.test, assessment_files)
            yield doc.error((*loc, "test"), f"'{week.test}' is {what}{hint}")
        if week.kind == "test" and week.test is None:
            yield doc.error((*loc, "test"), "a test week names its test: an assessment id")


# --- Rules that need the whole, checked library. -----------------------------------------

TIME_TOLERANCE = 0.2
"""How far a session's stated time may be from the time computed from its data."""


CARD_PART_FIELDS: dict[str, str] = {
    "head": "title",
    "warm-up": "warm_up",
    "blocks": "blocks",
    "progress": "progression",
    "finish": "finish",
    "notes": "notes",
}
"""The parts of a printed card that a session's data makes taller, and the field that does:
the capacity error names the tallest and points at its field."""

CARD_PART_ADVICE: dict[str, str] = {
    "head": "shorten the title",
    "warm-up": "shorten or drop a warm-up item",
    "blocks": "drop a block or a set, or shorten the load and cue lines",
    "progress": "shorten the progression",
    "finish": "shorten or drop a finish item",
    "notes": "shorten or drop a note",
}


def library_checks(
    library: Library, documents: Mapping[str, Mapping[str, Document]]
) -> Iterator[DataError]:
    """The session card's time and its one printed page, from the data of every block."""
    for session_id, session in library.sessions.items():
        doc = documents["sessions"][session_id]
        computed = timing.session_minutes(library, session)
        if abs(session.duration_minutes - computed) > TIME_TOLERANCE * computed:
            yield doc.error(
                ("duration_minutes",),
                f"{session.duration_minutes} minutes is more than 20% away from the "
                f"{computed} minutes its warm-up, sets, tempo, rests and finish add up to; "
                f"state about {computed}",
            )
        height = card.card_height(library, session)
        if not height.fits:
            grown = {part: mm for part, mm in height.parts.items() if part in CARD_PART_FIELDS}
            biggest = max(grown, key=grown.__getitem__)
            room = card.PAGE_HEIGHT - card.MARGIN
            yield doc.error(
                (CARD_PART_FIELDS[biggest],),
                f"the printed card would need {height.total:.0f} mm but one page holds "
                f"{room:.0f} mm ({biggest} takes {height.parts[biggest]:.0f} mm); "
                f"{CARD_PART_ADVICE[biggest]}",
            )
    for programme_id, programme in library.programmes.items():
        yield from _programme_doses(library, programme, documents["programmes"][programme_id])


def _programme_doses(library: Library, programme: Programme, doc: Document) -> Iterator[DataError]:
    """Each week's doses stay inside the stages of the exercises on its cards, stages move
    up one at a time, and each week's card still prints on one page."""
    moved = rules.move_lines(library, programme)
    last: dict[str, tuple[int, int]] = {}  # exercise -> (stage index, week) it was last done
    for index, week in enumerate(programme.weeks):
        stages: dict[str, tuple[int, Loc]] = {}
        for number, week_card in enumerate(week.cards):
            loc: Loc = ("weeks", index, "cards", number)
            on_card = {block.exercise: block for block in library.sessions[week_card.card].blocks}
            problems = list(_week_card_doses(library, week_card, on_card, loc, doc))
            yield from problems
            if problems:
                continue
            session = card.week_session(library, programme, week, week_card)
            doses = {dose.exercise: k for k, dose in enumerate(week_card.doses)}
            for block in session.blocks:
                at = (
                    (*loc, "doses", doses[block.exercise], "stage")
                    if block.exercise in doses
                    else loc
                )
                stages[block.exercise] = (STAGE_ORDER.index(block.stage), at)
            test = library.entry(week.test).name if week.test else None
            if test and library.coaching and week.test == library.coaching.heel_raise_gate.test:
                test = f"{test}, {library.coaching.text.test_when}"  # as the booklet prints it
            lines = card.week_lines(
                programme, week, week_card.times, test, moved.get(week.week, ())
            )
            height = card.card_height(library, session, lines)
            if not height.fits:
                room = card.PAGE_HEIGHT - card.MARGIN
                yield doc.error(
                    loc,
                    f"week {week.week}'s '{week_card.card}' card would need "
                    f"{height.total:.0f} mm but one page holds {room:.0f} mm; prescribe fewer "
                    "sets or leave an exercise out",
                )
        for exercise_id, (stage, at) in stages.items():
            before = last.get(exercise_id)
            if before is not None and stage > before[0] + 1:
                yield doc.error(
                    at,
                    f"'{exercise_id}' goes from the {STAGE_ORDER[before[0]]} stage (week "
                    f"{before[1]}) to the {STAGE_ORDER[stage]} stage in week {week.week}; a "
                    "programme moves up one stage at a time",
                )
            last[exercise_id] = (stage, week.week)


def _week_card_doses(
    library: Library,
    week_card: Any,
    on_card: Mapping[str, Any],
    loc: Loc,
    doc: Document,
) -> Iterator[DataError]:
    where_card = f"the '{week_card.card}' card"
    for k, gone in enumerate(week_card.leave_out):
        if gone not in on_card:
            yield doc.error((*loc, "leave_out", k), f"'{gone}' is not on {where_card}")
    if set(week_card.leave_out) >= set(on_card):
        yield doc.error((*loc, "leave_out"), f"this leaves out every exercise on {where_card}")
    for k, dose in enumerate(week_card.doses):
        at: Loc = (*loc, "doses", k)
        block = on_card.get(dose.exercise)
        if block is None:
            yield doc.error((*at, "exercise"), f"'{dose.exercise}' is not on {where_card}")
            continue
        if dose.exercise in week_card.leave_out:
            yield doc.error(
                (*at, "exercise"), f"'{dose.exercise}' is left out this week; give it no dose"
            )
            continue
        given = [name for name in MEASURE_FIELDS if getattr(dose, name) is not None]
        if len(given) > 1:  # none keeps the card's amount
            yield doc.error((*at, given[1]), f"give one of {MEASURE_CHOICE}")
            continue
        stage = dose.stage or block.stage
        stage_dose = library.exercises[dose.exercise].dose(stage)
        if stage_dose is None:
            stages = ", ".join(d.stage for d in library.exercises[dose.exercise].dosage)
            yield doc.error(
                (*at, "stage"),
                f"'{dose.exercise}' has no '{stage}' stage; expected one of: {stages}",
            )
            continue
        where = f"the {stage} stage of '{dose.exercise}'"
        measure = dose.measure or block.measure
        if measure != stage_dose.measure:
            yield doc.error(
                (*at, dose.measure or "stage"),
                f"{where} counts {stage_dose.measure}, not {measure}; give {stage_dose.measure}",
            )
            continue
        if not stage_dose.sets.min <= dose.sets <= stage_dose.sets.max:
            yield doc.error(
                (*at, "sets"),
                f"{dose.sets} sets is outside {where}; "
                f"expected {stage_dose.sets.min} to {stage_dose.sets.max}",
            )
        amount = getattr(dose, measure) if dose.measure else block.amount
        if not stage_dose.amount.contains(amount):
            yield doc.error(
                (*at, dose.measure or "stage"),
                f"{amount.min}-{amount.max} {measure} is outside {where}; expected within "
                f"{stage_dose.amount.min}-{stage_dose.amount.max}",
            )
