"""Typed, frozen models of Legwork's data.

This module owns the *shape* of every data file: which keys exist, their types and the
rules that concern one file alone. The allowed values come from ``vocab``; rules that need
more than one file (references, ladders, sessions against dosage) live in ``checks``, and
the whole validated library in ``library``. Text is stored exactly as written: making it
safe on a page is the renderer's job, so no character a coach might type is refused here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from macros.data.vocab import (
    BODY_REGIONS,
    CALF_MUSCLES,
    EQUIPMENT,
    FREE_EXERCISE_DB_MUSCLES,
    KNEE_POSITIONS,
    LATERALITY,
    LEVELS,
    MUSCLE_ROLES,
    MUSCLE_SIDES,
    PATTERNS,
    SEASON_PHASES,
    SOURCE_KINDS,
    STAGES,
)

PatternId = PATTERNS.literal
Laterality = LATERALITY.literal
Level = LEVELS.literal
Equipment = EQUIPMENT.literal
BodyRegion = BODY_REGIONS.literal
MuscleSide = MUSCLE_SIDES.literal
Stage = STAGES.literal
STAGE_ORDER: tuple[str, ...] = STAGES.ids
KneePosition = KNEE_POSITIONS.literal
CalfMuscle = CALF_MUSCLES.literal
SourceKind = SOURCE_KINDS.literal
SeasonPhase = SEASON_PHASES.literal
FreeExerciseDbMuscle = FREE_EXERCISE_DB_MUSCLES.literal

MAX_SESSION_BLOCKS = 6
"""The most exercises a session card holds; the print tests prove this many fit one page."""

MAX_TEXT = 400
"""Longest free-text field on exercise pages."""

CARD_LINE = 70
"""Longest line of text on a session card (load, cue, warm-up, notes). The print tests
prove that a card with every field at its maximum still prints on one page."""

# --- Scalar types. -----------------------------------------------------------------


@dataclass(frozen=True)
class Described:
    """``Annotated`` metadata: how an error message names what a field expects."""

    expected: str


_ID_RE = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def plain_text(max_length: int, min_length: int = 1) -> Any:
    """A text field of bounded length, kept exactly as written (surrounding space aside)."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
        Described("text"),
    ]


def ids_of(what: str) -> Any:
    """An id that refers to another entry, named in error messages (``a muscle id``)."""
    return Annotated[
        str, StringConstraints(pattern=_ID_RE, max_length=60), Described(f"a {what} id")
    ]


Id = Annotated[
    str,
    StringConstraints(pattern=_ID_RE, max_length=60),
    Described("an id of lowercase words joined by hyphens"),
]
MuscleId = ids_of("muscle")
SourceId = ids_of("source")
ExerciseId = ids_of("exercise")
Text = plain_text(MAX_TEXT)
ShortText = plain_text(80)
Paragraph = plain_text(1200)
Summary = plain_text(200, min_length=20)
Url = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"']+$", max_length=300)]


class Model(BaseModel):
    """Base for every data model: immutable, unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Range(Model):
    """An inclusive whole-number range such as a rep range; both ends positive."""

    min: Annotated[int, Field(gt=0, le=1000)]
    max: Annotated[int, Field(gt=0, le=1000)]

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise PydanticCustomError(
                "range_order",
                "min ({min}) is greater than max ({max}); expected min <= max",
                {"min": self.min, "max": self.max},
            )
        return self

    def contains(self, other: Range) -> bool:
        return self.min <= other.min and other.max <= self.max


class Amount(Model):
    """An inclusive range of a measured amount (kilograms, multiples of body weight)."""

    min: Annotated[float, Field(gt=0, le=500)]
    max: Annotated[float, Field(gt=0, le=500)]

    @model_validator(mode="after")
    def _ordered(self) -> Amount:
        if self.min > self.max:
            raise PydanticCustomError(
                "range_order",
                "min ({min}) is greater than max ({max}); expected min <= max",
                {"min": self.min, "max": self.max},
            )
        return self


# --- Muscles. -----------------------------------------------------------------------


class Muscle(Model):
    id: Id
    name: ShortText
    plain_name: ShortText = Field(description="What a runner would call it.")
    region: BodyRegion
    side: MuscleSide = Field(description="Where it sits: front, back or side of the body.")
    role_in_running: Paragraph
    free_exercise_db: FreeExerciseDbMuscle | None = Field(
        description="The matching free-exercise-db muscle name, or null where none exists."
    )
    wger_id: Annotated[int, Field(gt=0)] | None = Field(
        description="The matching wger muscle id, or null where wger has none."
    )
    sources: tuple[SourceId, ...] = ()
    previous_ids: tuple[Id, ...] = Field(
        default=(), description="Ids this muscle was published under before a rename."
    )


class MuscleCatalogue(Model):
    muscles: Annotated[tuple[Muscle, ...], Field(min_length=1)]


# --- Sources and glossary. ----------------------------------------------------------


class Source(Model):
    id: Id
    kind: SourceKind
    authors: ShortText
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    title: Text
    published_in: Text
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    url: Url | None = None
    note: Text | None = None


class SourceCatalogue(Model):
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]


class GlossaryTerm(Model):
    term: Annotated[
        str,
        StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9' -]{0,39}$"),
        Described("a word or short phrase (letters, digits, spaces, hyphens, apostrophes)"),
    ] = Field(
        description="The word as it appears in text; it becomes a tooltip wherever it appears."
    )
    expansion: ShortText | None = Field(
        default=None, description="What an abbreviation stands for, e.g. RIR."
    )
    definition: Text
    tooltip: bool = Field(
        default=True,
        description="False for everyday words (such as 'set') that would underline every use.",
    )


class Glossary(Model):
    terms: Annotated[tuple[GlossaryTerm, ...], Field(min_length=1)]


class PublishedIds(Model):
    """Every id ever published, by kind: an id may leave only by being declared renamed."""

    exercises: tuple[Id, ...] = ()
    muscles: tuple[Id, ...] = ()
    sessions: tuple[Id, ...] = ()


# --- Exercises. ---------------------------------------------------------------------


class MusclesByRole(Model):
    primary: Annotated[tuple[MuscleId, ...], Field(min_length=1)]
    secondary: tuple[MuscleId, ...] = ()
    stabiliser: tuple[MuscleId, ...] = ()

    def by_role(self) -> dict[str, tuple[str, ...]]:
        return {role: getattr(self, role) for role in MUSCLE_ROLES.ids}


class CalfEmphasis(Model):
    """Calf raises only: the knee angle decides which calf muscle the raise emphasises."""

    knee: KneePosition
    knee_angle_degrees: Annotated[int, Field(ge=0, le=120)]
    emphasises: CalfMuscle
    explanation: Paragraph

    @model_validator(mode="after")
    def _consistent(self) -> CalfEmphasis:
        expected = "gastrocnemius" if self.knee == "straight" else "soleus"
        if self.emphasises != expected:
            raise PydanticCustomError(
                "calf_emphasis",
                "a {knee}-knee raise emphasises the {expected}, not the {given}",
                {"knee": self.knee, "expected": expected, "given": self.emphasises},
            )
        return self


class Fault(Model):
    fault: Text
    fix: Text


class Technique(Model):
    setup: Annotated[tuple[Text, ...], Field(min_length=1)]
    execution: Annotated[tuple[Text, ...], Field(min_length=2)]
    cues: Annotated[tuple[ShortText, ...], Field(min_length=1)]
    faults: Annotated[tuple[Fault, ...], Field(min_length=1)]
    safety: Annotated[tuple[Text, ...], Field(min_length=1)]


class Load(Model):
    guidance: Text
    kg: Amount | None = Field(default=None, description="A kilogram range, shown also in lb.")
    kg_is_typical: bool = Field(
        default=False,
        description="True where the kg range is what people typically lift, not a prescription.",
    )
    bodyweight_multiple: Amount | None = None


class Dose(Model):
    stage: Stage
    sets: Range
    reps: Range = Field(description="Reps per set; per side for single-leg exercises.")
    load: Load
    reps_in_reserve: Range = Field(description="Stop each set with this many reps left.")
    rest_seconds: Range
    progression: Text = Field(description="When to add load or move up the ladder.")


class SourceRef(Model):
    id: SourceId
    supports: Text = Field(description="What this source supports in the entry.")


ExerciseName = plain_text(50)


class Exercise(Model):
    id: Id
    name: ExerciseName
    aliases: tuple[ShortText, ...] = ()
    summary: Summary = Field(description="One sentence, used in lists and link previews.")
    why_for_runners: Paragraph
    pattern: PatternId
    laterality: Laterality
    level: Level
    equipment: Annotated[tuple[Equipment, ...], Field(min_length=1)]
    body_region: BodyRegion
    muscles: MusclesByRole
    calf: CalfEmphasis | None = None
    technique: Technique
    dosage: Annotated[tuple[Dose, ...], Field(min_length=1, max_length=len(STAGE_ORDER))]
    harder: tuple[ExerciseId, ...] = Field(
        default=(), description="The next harder step(s); the easier direction is derived."
    )
    previous_ids: tuple[Id, ...] = Field(
        default=(), description="Ids this exercise was published under before a rename."
    )
    differs_from_source: tuple[Text, ...] = Field(
        default=(), description="Where this entry departs from a cited source, and why."
    )
    sources: Annotated[tuple[SourceRef, ...], Field(min_length=1)]
    reviewed: dt.date

    @model_validator(mode="after")
    def _calf_block(self) -> Exercise:
        if self.pattern == "calf-raise" and self.calf is None:
            raise PydanticCustomError(
                "calf_missing",
                "calf: a calf-raise exercise needs a 'calf' block (knee, knee_angle_degrees, "
                "emphasises, explanation)",
            )
        if self.pattern != "calf-raise" and self.calf is not None:
            raise PydanticCustomError(
                "calf_unexpected", "calf: only calf-raise exercises have a 'calf' block"
            )
        return self

    @model_validator(mode="after")
    def _stages_in_order(self) -> Exercise:
        stages = [dose.stage for dose in self.dosage]
        expected = [stage for stage in STAGE_ORDER if stage in stages]
        if stages != expected:
            raise PydanticCustomError(
                "stage_order",
                "dosage: stages must be unique and in the order {order}; got {stages}",
                {"order": ", ".join(STAGE_ORDER), "stages": ", ".join(stages)},
            )
        return self

    @property
    def per_side(self) -> bool:
        return self.laterality == "single-leg"

    def dose(self, stage: str) -> Dose | None:
        return next((dose for dose in self.dosage if dose.stage == stage), None)


# --- Sessions. ----------------------------------------------------------------------


CardLine = plain_text(CARD_LINE)
CardText = plain_text(2 * CARD_LINE)


class Audience(Model):
    level: Level
    phase: Annotated[tuple[SeasonPhase, ...], Field(min_length=1)]


class Block(Model):
    """One exercise on a session card, prescribed from one stage of its dosage."""

    exercise: ExerciseId
    stage: Stage
    sets: Annotated[int, Field(gt=0, le=10)]
    reps: Range = Field(description="Reps per set; per side for single-leg exercises.")
    load: CardLine
    rest_seconds: Range
    cue: CardLine


class Session(Model):
    id: Id
    title: plain_text(60)  # type: ignore[valid-type]
    summary: Summary
    audience: Audience
    duration_minutes: Annotated[int, Field(gt=0, le=120)]
    week_placement: CardText = Field(description="Where it sits in the running week.")
    warm_up: Annotated[tuple[CardLine, ...], Field(min_length=1, max_length=3)]
    blocks: Annotated[tuple[Block, ...], Field(min_length=1, max_length=MAX_SESSION_BLOCKS)]
    progression: CardText = Field(description="The progression rule, printed as one line.")
    finish: Annotated[tuple[CardLine, ...], Field(max_length=2)] = ()
    previous_ids: tuple[Id, ...] = Field(
        default=(), description="Ids this session was published under before a rename."
    )
    sources: Annotated[tuple[SourceRef, ...], Field(min_length=1)]
    reviewed: dt.date
