"""Which watch workouts the site publishes and what each holds: one FIT file per session
card (``sessions/<id>.fit``) and one per programme week (``programmes/<id>/week-<n>.fit``),
each set group at the top of its range (reps or contacts, or seconds for a hold), the
middle of its rest, its sets as repeats, and the FIT exercise from
``data/fit-exercises.yml``. The bytes are written by :mod:`macros.media.workouts`."""

from __future__ import annotations

from functools import lru_cache

from macros.data import card
from macros.data.library import Library
from macros.data.models import Block, Session
from macros.data.timing import midpoint
from macros.media import workouts
from macros.site import urls
from macros.site.render import amount


def set_group(library: Library, block: Block) -> workouts.SetGroup:
    exercise = library.exercises[block.exercise]
    fit = library.fit_exercises.get(block.exercise)
    single = card.single_leg(library, block)
    top = int(block.amount.max)
    notes = f"{amount(block.amount, block.measure, single)}. Cue: {block.cue}"
    if fit is not None and fit.nearest:
        notes += f" (FIT has no {exercise.name}: shown as the nearest FIT exercise.)"
    return workouts.SetGroup(
        exercise_id=exercise.id,
        name=exercise.name,
        notes=notes,
        sets=block.sets,
        reps=None if block.measure == "seconds" else top,
        seconds=top if block.measure == "seconds" else None,
        rest_seconds=round(midpoint(block.rest_seconds)),
        category=fit.category if fit else None,
        exercise_name=fit.name if fit else None,
    )


def session_workout(
    library: Library, sessions: list[Session], title: str, created
) -> workouts.Workout:
    groups = tuple(set_group(library, block) for s in sessions for block in s.blocks)
    return workouts.Workout(title=title, groups=groups, created=created)


def fit_workouts(library: Library) -> dict[str, workouts.Workout]:
    """Every watch workout the site publishes, by path."""
    found: dict[str, workouts.Workout] = {}
    for session in library.sessions.values():
        found[urls.session_fit(session.id)] = session_workout(
            library, [session], session.title, session.reviewed
        )
    for programme in library.programmes.values():
        for week in programme.weeks:
            if not week.cards:
                continue
            sessions = [library.week_session(week_card) for week_card in week.cards]
            titles = " + ".join(dict.fromkeys(s.title for s in sessions))
            found[urls.week_fit(programme.id, week.week)] = session_workout(
                library, sessions, f"{titles}, week {week.week}", programme.reviewed
            )
    return found


# A workout is frozen data and its file is bytes: `mkdocs serve` encodes again only the
# workouts a saved file changed.
_workout_fit = lru_cache(maxsize=1024)(workouts.workout_fit)


def fit_files(library: Library) -> dict[str, bytes]:
    return {path: _workout_fit(w) for path, w in fit_workouts(library).items()}
