"""What session mode needs to judge a logged week: each block's stage rule from the data
(``progress_when``), the top of its range for the log's placeholder, and where to move next
(the next stage of the exercise, or the next rung of its ladder) with that dose in words.

Plain data for the page's JSON: numbers, ids and fixed words only, so no text from a data
file sits in a script element; names reach the page as escaped attributes
(:func:`next_names`). The judging itself is one function in ``session.js``."""

from __future__ import annotations

from typing import Any

from macros.data import card, vocab
from macros.data.library import Library
from macros.data.models import STAGE_ORDER, Block, Dose, Exercise, Session
from macros.site import urls
from macros.site.render import dose_amount, span

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
