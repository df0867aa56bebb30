"""The whole validated library, and what follows from it: ladders, rungs, who uses what.

:class:`Library` holds every entry keyed by id, once the loader and the checks have passed
it. Ladders are derived here from each exercise's ``harder`` list, iteratively (no recursion,
so a ladder of any length is safe); the checks have already refused cycles.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from macros.data.coaching import Coaching
from macros.data.models import (
    MEASURE_FIELDS,
    Assessment,
    BodyMap,
    Entry,
    Exercise,
    GlossaryTerm,
    Muscle,
    Programme,
    Session,
    Source,
    WarmUp,
    WeekCard,
)
from macros.data.vocab import EQUIPMENT, MUSCLE_ROLES
from macros.data.watch import FitExercise


@dataclass(frozen=True, repr=False)
class Library:
    """Everything in ``data/``, validated and cross-checked, keyed by id."""

    exercises: Mapping[str, Exercise] = field(default_factory=dict)
    muscles: Mapping[str, Muscle] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    glossary: tuple[GlossaryTerm, ...] = ()
    sessions: Mapping[str, Session] = field(default_factory=dict)
    assessments: Mapping[str, Assessment] = field(default_factory=dict)
    body_map: BodyMap | None = None
    programmes: Mapping[str, Programme] = field(default_factory=dict)
    extra: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Entries of kinds registered after the five built-in ones, by kind, then id
    (``macros.data.kinds``)."""
    fit_exercises: Mapping[str, FitExercise] = field(default_factory=dict)
    """The FIT exercise each exercise is written as in a watch workout."""
    warm_up: WarmUp | None = None
    coaching: Coaching | None = None
    """The coaching rules (data/coaching.yml) every page states and the checks enforce."""

    def __repr__(self) -> str:
        """Counts, not contents: tools that log their variables (mkdocs-macros does, on
        every build) would otherwise write out the whole library."""
        counts = ", ".join(
            f"{len(value)} {name}"
            for name, value in vars(self).items()
            if isinstance(value, Mapping) and value and not name.startswith("_")
        )
        return f"Library({counts})"

    def entry(self, entry_id: str) -> Entry:
        """An exercise or an assessment: both live in ``exercises/`` and share its URLs."""
        return self.exercises.get(entry_id) or self.assessments[entry_id]

    @property
    def entries(self) -> dict[str, Entry]:
        """Exercises and assessments together, by id."""
        return dict(sorted({**self.exercises, **self.assessments}.items()))

    @cached_property
    def _easier(self) -> dict[str, tuple[str, ...]]:
        easier: dict[str, list[str]] = {exercise_id: [] for exercise_id in self.exercises}
        for exercise in self.exercises.values():
            for harder_id in exercise.harder:
                easier.setdefault(harder_id, []).append(exercise.id)
        return {key: tuple(value) for key, value in easier.items()}

    def easier(self, exercise_id: str) -> tuple[str, ...]:
        """The easier steps, derived from every other exercise's ``harder`` list."""
        return self._easier.get(exercise_id, ())

    @cached_property
    def _depths(self) -> dict[str, int]:
        """Each exercise's longest climb from a first rung, in topological order."""
        waiting = {exercise_id: len(self.easier(exercise_id)) for exercise_id in self.exercises}
        depths = dict.fromkeys(self.exercises, 0)
        ready = deque(exercise_id for exercise_id, count in waiting.items() if count == 0)
        while ready:
            current = ready.popleft()
            for harder_id in self.exercises[current].harder:
                depths[harder_id] = max(depths[harder_id], depths[current] + 1)
                waiting[harder_id] -= 1
                if waiting[harder_id] == 0:
                    ready.append(harder_id)
        return depths

    def rung(self, exercise_id: str) -> int:
        """Steps above the easiest rung of its ladder (0 for a ladder's first rung)."""
        return self._depths[exercise_id]

    def ladder(self, exercise_id: str) -> tuple[Exercise, ...]:
        """Every exercise joined to this one by ladder steps, easiest first."""
        seen: set[str] = set()
        todo = [exercise_id]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.exercises[current].harder)
                todo.extend(self.easier(current))
        ordered = sorted(seen, key=lambda i: (self.rung(i), self.exercises[i].name))
        return tuple(self.exercises[i] for i in ordered)

    def ladders(self) -> tuple[tuple[Exercise, ...], ...]:
        """Every ladder (the exercises joined by ``harder`` steps), easiest rungs first,
        in the order of their first rung's pattern and name."""
        seen: set[str] = set()
        found = []
        for exercise_id in self.exercises:
            if exercise_id not in seen:
                rungs = self.ladder(exercise_id)
                seen.update(rung.id for rung in rungs)
                found.append(rungs)
        return tuple(found)

    def steps(self, rungs: tuple[Exercise, ...]) -> tuple[tuple[str, str], ...]:
        """Every ``harder`` step between the given rungs, as (easier id, harder id)."""
        ids = {rung.id for rung in rungs}
        return tuple((rung.id, up) for rung in rungs for up in rung.harder if up in ids)

    def tests_for(self, exercise_id: str) -> tuple[Assessment, ...]:
        """The assessments an exercise's page links: those of its pattern, and those that
        name its pattern in ``also_for``."""
        pattern = self.entry(exercise_id).pattern
        return tuple(
            a
            for a in self.assessments.values()
            if a.id != exercise_id and (a.pattern == pattern or pattern in a.also_for)
        )

    def sessions_warming_up_with(self, routine_id: str) -> tuple[Session, ...]:
        """The session cards whose warm-up takes a step of this warm-up routine."""
        if self.warm_up is None:
            return ()
        routine = next((r for r in self.warm_up.routines if r.id == routine_id), None)
        steps = {step.id for step in routine.steps} if routine else set()
        return tuple(
            s
            for s in self.sessions.values()
            if any(item.step in steps for item in (*s.warm_up, *s.finish))
        )

    def sessions_with_own_warm_up(self) -> tuple[Session, ...]:
        """The session cards whose warm-up takes no step of any warm-up routine."""
        return tuple(
            s
            for s in self.sessions.values()
            if not any(item.step for item in (*s.warm_up, *s.finish))
        )

    def exercises_for(self, muscle_id: str) -> dict[str, tuple[Exercise, ...]]:
        """Exercises that train a muscle, grouped by the role it plays in each."""
        by_name = sorted(self.exercises.values(), key=lambda e: e.name)
        return {
            role: tuple(e for e in by_name if muscle_id in e.muscles.by_role()[role])
            for role in MUSCLE_ROLES.ids
        }

    def session_kit(self, session: Session) -> tuple[str, ...]:
        """The least equipment that covers every block: one kit per exercise, chosen so
        that the fewest items not already at hand are needed (ties go to the kits the
        exercises list first); in vocabulary order."""
        unions: dict[frozenset[str], int] = {frozenset(): 0}  # union -> sum of kit positions
        chosen = {block.exercise: block.kit for block in session.blocks if block.kit is not None}
        for exercise_id in dict.fromkeys(block.exercise for block in session.blocks):
            grown: dict[frozenset[str], int] = {}
            kits = self.exercises[exercise_id].kits
            if exercise_id in chosen:
                kits = (chosen[exercise_id],)
            for union, rank in unions.items():
                for position, kit in enumerate(kits):
                    key = union | frozenset(kit)
                    grown[key] = min(grown.get(key, rank + position), rank + position)
            fewest = min(map(_shopping, grown))
            unions = {u: r for u, r in grown.items() if _shopping(u) <= fewest + 1}
        best = min(unions, key=lambda union: (_shopping(union), unions[union], len(union)))
        return tuple(item for item in EQUIPMENT.ids if item in best)

    def week_session(self, week_card: WeekCard) -> Session:
        """A card as one programme week prescribes it: the exercises left out dropped, and
        each dose the week gives (stage, sets, amount, load) in place of the card's. A new
        stage brings that stage's rest; the card's cue stays. The checks have made sure
        every dose names an exercise on the card and a stage it has."""
        session = self.sessions[week_card.card]
        doses = {dose.exercise: dose for dose in week_card.doses}
        blocks = []
        for block in session.blocks:
            if block.exercise in week_card.leave_out:
                continue
            dose = doses.get(block.exercise)
            if dose is None:
                blocks.append(block)
                continue
            stage = dose.stage or block.stage
            update: dict[str, object] = {"stage": stage, "sets": dose.sets}
            if dose.measure is not None:
                update = {
                    **update,
                    **dict.fromkeys(MEASURE_FIELDS),
                    dose.measure: getattr(dose, dose.measure),
                }
            if dose.load is not None:
                update["load"] = dose.load
            if stage != block.stage:
                stage_dose = self.exercises[block.exercise].dose(stage)
                if stage_dose is not None:
                    update["rest_seconds"] = stage_dose.rest_seconds
            blocks.append(block.model_copy(update=update))
        return session.model_copy(update={"blocks": tuple(blocks)})

    def sessions_using(self, exercise_id: str) -> tuple[Session, ...]:
        return tuple(
            session
            for session in self.sessions.values()
            if any(block.exercise == exercise_id for block in session.blocks)
        )


def _shopping(items: frozenset[str]) -> int:
    """How many of the items are not always at hand."""
    return sum(not EQUIPMENT[item].always_at_hand for item in items)
