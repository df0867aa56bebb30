"""What session mode needs to judge a logged week: each block's stage rule from the data
(``progress_when``), the top of its range for the log's placeholder, and where to move next
(the next stage of the exercise, or the next rung of its ladder) with that dose in words.

Plain data for the page's JSON: numbers, ids and fixed words only, so no text from a data
file sits in a script element; names reach the page as escaped attributes
(:func:`next_names`). The judging itself is one function in ``session.js``."""

from __future__ import annotations

from typing import Any

from macros.data import card, rules, vocab
from macros.data.library import Library
from macros.data.models import STAGE_ORDER, Block, Dose, Exercise, Programme, Session
from macros.site import urls
from macros.site.render import amount, dose_amount, span

UNITS = {"reps": "reps", "seconds": "s", "contacts": "contacts"}


def dose_words(exercise: Exercise, dose: Dose) -> str:
    """A stage's dose in words: ``3 × 12–15 reps per side``."""
    return f"{span(dose.sets)} × {dose_amount(dose, exercise)}"


def next_step(library: Library, exercise: Exercise, stage: str, links: urls.Links) -> dict | None:
    """Where a block moves once its rule is met: the exercise's next stage, or else the first
    harder exercise on its ladder at its first stage; None at the top of the ladder."""
    later = STAGE_ORDER[STAGE_ORDER.index(stage) + 1 :]
    for name in later:
        dose = exercise.dose(name)
        if dose is not None:
            return {
                "kind": "stage",
                "exercise": exercise.id,
                "stage": name,
                "stage_label": vocab.STAGES.label(name),
                "dose": dose_words(exercise, dose),
                "href": links.file(urls.path("exercise", exercise.id)),
            }
    for harder_id in exercise.harder:
        harder = library.exercises.get(harder_id)
        if harder is None or not harder.dosage:
            continue
        dose = harder.dosage[0]
        return {
            "kind": "rung",
            "exercise": harder.id,
            "stage": dose.stage,
            "stage_label": vocab.STAGES.label(dose.stage),
            "dose": dose_words(harder, dose),
            "href": links.file(urls.path("exercise", harder.id)),
        }
    return None


def block_rule(library: Library, block: Block, links: urls.Links) -> dict[str, Any]:
    """One block's facts for the phone: what it counts, the top of its range, its stage's
    rule, and the next step."""
    exercise = library.exercises[block.exercise]
    dose = exercise.dose(block.stage)
    assert dose is not None  # the checks refuse a block whose stage the exercise lacks
    rule = dose.progress_when
    return {
        "exercise": exercise.id,
        "stage": block.stage,
        "measure": block.measure,
        "unit": UNITS[block.measure],
        "sets": block.sets,
        "top": block.amount.max,
        "single": card.single_leg(library, block),
        "rule": {"sets": rule.sets, "amount": rule.amount, "measure": rule.measure},
        "next": next_step(library, exercise, block.stage, links),
    }


def session_rules(library: Library, session: Session, links: urls.Links) -> dict[str, Any]:
    """Every block of a card, numbered as the page numbers them (``data-block``)."""
    return {
        "session": session.id,
        "blocks": {
            str(number): block_rule(library, block, links)
            for number, block in enumerate(session.blocks, start=1)
        },
    }


def next_names(library: Library, session: Session, links: urls.Links) -> dict[int, str]:
    """The name of the exercise each block moves up to, by block number (as text for an
    attribute, not for the JSON)."""
    names = {}
    for number, block in enumerate(session.blocks, start=1):
        step = next_step(library, library.exercises[block.exercise], block.stage, links)
        if step is not None:
            names[number] = library.exercises[step["exercise"]].name
    return names


def programme_moves(
    library: Library, programme: Programme, links: urls.Links
) -> dict[str, dict[str, Any]]:
    """Every move up a programme makes, keyed ``"<week>-<n>"`` (the n-th move of that week,
    in the order the page prints them), with what judges it: the week whose log decides
    (the last full week before it), the card that week prints and the block's number on that
    card (as session mode numbers it, so the stored log's keys match), and the block's facts
    in the shape :func:`block_rule` gives, its sets as that week prints them and its next
    step the stage and dose the moving week prints."""
    judged = rules.rule_weeks(programme)
    weeks = {week.week: week for week in programme.weeks}
    moves: dict[str, dict[str, Any]] = {}
    for number, moved in rules.moves_up(library, programme).items():
        rule_week = weeks[judged.get(number, number - 1)]
        for index, (exercise_id, before, to) in enumerate(moved, start=1):
            week_card = next(
                c
                for c in rule_week.cards
                if any(b.exercise == exercise_id for b in library.week_session(c).blocks)
            )
            block_number = next(
                n
                for n, b in enumerate(library.sessions[week_card.card].blocks, start=1)
                if b.exercise == exercise_id
            )
            block = next(
                b for b in library.week_session(week_card).blocks if b.exercise == exercise_id
            )
            facts = block_rule(library, block, links)
            moved_block = next(
                b
                for c in weeks[number].cards
                for b in library.week_session(c).blocks
                if b.exercise == exercise_id
            )
            facts["next"] = {
                "kind": "stage",
                "exercise": exercise_id,
                "stage": to,
                "stage_label": vocab.STAGES.label(to),
                "dose": block_words(library, moved_block),
                "href": links.file(urls.path("exercise", exercise_id)),
            }
            moves[f"{number}-{index}"] = {
                "week": number,
                "rule_week": rule_week.week,
                "stage_label": vocab.STAGES.label(before),
                "card": week_card.card,
                "block": str(block_number),
                "facts": facts,
            }
    return moves


def block_words(library: Library, block: Block) -> str:
    """A block's dose as a programme week prints it: ``3 × 8–10 reps``."""
    return f"{block.sets} × {amount(block.amount, block.measure, card.single_leg(library, block))}"
