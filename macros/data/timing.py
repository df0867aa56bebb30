"""How long a session takes, computed from the data alone.

The formula (the README gives it too): the warm-up's minutes; for every set, the midpoint of
its reps (or contacts) times the stage's tempo, or the midpoint of its seconds for a hold,
doubled for a single-leg stage plus 10 s to change sides; the midpoint of the rest after
every set except the session's very last; and the finish's minutes.
"""

from __future__ import annotations

from macros.data.library import Library
from macros.data.models import Block, Range, Session

SIDE_CHANGE_SECONDS = 10


def midpoint(value: Range) -> float:
    return (value.min + value.max) / 2


def set_seconds(library: Library, block: Block) -> float:
    """Seconds of work in one set of a block, both sides included."""
    exercise = library.exercises[block.exercise]
    dose = exercise.dose(block.stage)
    assert dose is not None  # the checks have refused a block without its stage
    per_side = midpoint(block.amount)
    if dose.kind != "hold":
        per_side *= exercise.tempo_of(dose).total
    if exercise.legs(dose) == "single":
        return 2 * per_side + SIDE_CHANGE_SECONDS
    return per_side


def session_seconds(library: Library, session: Session) -> float:
    """The whole session, warm-up to finish, in seconds."""
    total = 60 * sum(item.minutes for item in (*session.warm_up, *session.finish))
    sets = sum(block.sets for block in session.blocks)
    for block in session.blocks:
        total += block.sets * (set_seconds(library, block) + midpoint(block.rest_seconds))
    last = session.blocks[-1]
    return total - midpoint(last.rest_seconds) if sets else total


def session_minutes(library: Library, session: Session) -> int:
    """The session's time, rounded to the nearest minute."""
    return round(session_seconds(library, session) / 60)
