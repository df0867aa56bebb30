"""The warm-up routines (``data/warm-up.yml``) and the card lines drawn from them.

A session's warm-up or finish item either says its own text and minutes, or names a
``step`` of a routine and takes that step's card line and minutes. Resolving the steps here,
before the cross-file checks, means the card's time, its capacity and the printed line all
see the same words as the warm-up page: the routine is written once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from macros.data.errors import DataError, Document, did_you_mean
from macros.data.models import Session, Timed, WarmUp


def _resolved(item: Timed, warm_up: WarmUp) -> Timed:
    step = warm_up.step(item.step) if item.step else None
    if step is None:
        return item
    return item.model_copy(update={"text": step.card, "minutes": step.minutes})


def resolve_sessions(
    sessions: Mapping[str, Session],
    warm_up: WarmUp | None,
    documents: Mapping[str, Document],
) -> tuple[dict[str, Session], list[DataError]]:
    """Every session with its ``step`` items filled in from the routines, and an error for
    each step that no routine has."""
    known = (
        {step.id for routine in warm_up.routines for step in routine.steps} if warm_up else set()
    )
    errors: list[DataError] = []
    out: dict[str, Session] = {}
    for key, session in sessions.items():
        doc = documents.get(key)
        for part in ("warm_up", "finish"):
            for index, item in enumerate(getattr(session, part)):
                if item.step is not None and item.step not in known and doc is not None:
                    errors.append(
                        doc.error(
                            (part, index, "step"),
                            f"'{item.step}' is not a step of the warm-up routines in "
                            f"warm-up.yml{did_you_mean(item.step, known)}",
                        )
                    )
        if warm_up is None or errors:
            out[key] = session
            continue
        out[key] = session.model_copy(
            update={
                "warm_up": tuple(_resolved(item, warm_up) for item in session.warm_up),
                "finish": tuple(_resolved(item, warm_up) for item in session.finish),
            }
        )
    return out, errors


def check_warm_up(
    warm_up: WarmUp, doc: Document, exercise_files: set[str], source_ids: set[str]
) -> Iterator[DataError]:
    """Step ids are unique across the routines; exercises and sources exist."""
    seen: set[str] = set()
    for r, routine in enumerate(warm_up.routines):
        for s, step in enumerate(routine.steps):
            if step.id in seen:
                yield doc.error(
                    ("routines", r, "steps", s, "id"),
                    f"'{step.id}' is used twice; each step id must be unique",
                )
            seen.add(step.id)
            if step.exercise is not None and step.exercise not in exercise_files:
                yield doc.error(
                    ("routines", r, "steps", s, "exercise"),
                    f"'{step.exercise}' is not a known exercise"
                    f"{did_you_mean(step.exercise, exercise_files)}",
                )
    for index, ref in enumerate(warm_up.sources):
        if ref.id not in source_ids:
            yield doc.error(
                ("sources", index, "id"),
                f"'{ref.id}' is not a known source{did_you_mean(ref.id, source_ids)}",
            )
