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
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from macros.data.figures.model import Figure
from macros.data.vocab import (
    BODY_REGIONS,
    CALF_MUSCLES,
    DOSE_KINDS,
    EFFORTS,
    EQUIPMENT,
    FREE_EXERCISE_DB_MUSCLES,
    KNEE_POSITIONS,
    LATERALITY,
    LEGS,
    LEVELS,
    MUSCLE_ROLES,
    MUSCLE_SIDES,
    PATTERNS,
    SCORE_UNITS,
    SEASON_PHASES,
    SOURCE_KINDS,
    STAGES,
    WEEK_KINDS,
)

PatternId = PATTERNS.literal
Legs = LEGS.literal
DoseKind = DOSE_KINDS.literal
Effort = EFFORTS.literal
ScoreUnit = SCORE_UNITS.literal
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
WeekKind = WEEK_KINDS.literal
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
SessionId = ids_of("session")
Text = plain_text(MAX_TEXT)
ShortText = plain_text(80)
Paragraph = plain_text(1200)
Summary = plain_text(200, min_length=20)
Url = Annotated[
    str,
    StringConstraints(
        pattern=r"^https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~/%?=&#+:@,;!*-]*)?$", max_length=300
    ),
    Described(
        "an https:// URL (characters outside letters, digits and -._~/%?=&#+:@,;!* percent-encoded)"
    ),
]
Doi = Annotated[
    str,
    StringConstraints(
        pattern=r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]*[-._;(/:A-Za-z0-9]$", max_length=200
    ),
    Described(
        "a DOI such as 10.1000/xyz123 (letters, digits and -._;()/: only; no ')' at the end)"
    ),
]


class Model(BaseModel):
    """Base for every data model: immutable, unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _min_not_above_max(bounds: Any) -> Any:
    """A range's ends in order: min <= max."""
    if bounds.min > bounds.max:
        raise PydanticCustomError(
            "range_order",
            "min ({min}) is greater than max ({max}); expected min <= max",
            {"min": bounds.min, "max": bounds.max},
        )
    return bounds


class Range(Model):
    """An inclusive whole-number range such as a rep range; both ends positive."""

    min: Annotated[int, Field(gt=0, le=1000)]
    max: Annotated[int, Field(gt=0, le=1000)]

    _ordered = model_validator(mode="after")(_min_not_above_max)

    def contains(self, other: Range) -> bool:
        return self.min <= other.min and other.max <= self.max


KG_TO_LB = 2.20462
"""Pounds in a kilogram: a load in kilograms is also given in pounds, on pages and in prose."""


class Amount(Model):
    """An inclusive range of a measured amount (kilograms, multiples of body weight)."""

    min: Annotated[float, Field(gt=0, le=500)]
    max: Annotated[float, Field(gt=0, le=500)]

    _ordered = model_validator(mode="after")(_min_not_above_max)


# --- Muscles. -----------------------------------------------------------------------


class Muscle(Model):
    id: Id
    name: ShortText
    plain_name: ShortText = Field(description="What a runner would call it.")
    region: BodyRegion
    side: MuscleSide = Field(
        description="Where it sits: the front, back, outer side or inner side of the body."
    )
    role_in_running: Paragraph
    free_exercise_db: FreeExerciseDbMuscle | None = Field(
        description="The matching free-exercise-db muscle name, or null where none exists."
    )
    wger_id: Annotated[int, Field(gt=0)] | None = Field(
        description="The matching wger muscle id, or null where wger has none."
    )
    joints_crossed: tuple[Joint, ...] = Field(
        default=(), description="The joints the muscle spans (the calf muscles need this)."
    )
    fibre_type: FibreType | None = Field(
        default=None, description="Fibre make-up with its source (the calf muscles need this)."
    )
    sources: tuple[SourceId, ...] = Field(
        default=(), description="Sources of the muscle's facts and its vocabulary mappings."
    )
    role_sources: tuple[SourceId, ...] = Field(
        default=(),
        description="Sources of role_in_running; empty where it is a summary of general "
        "anatomy, which the page then says.",
    )
    previous_ids: tuple[Id, ...] = Field(
        default=(), description="Ids this muscle was published under before a rename."
    )


Joint = Literal["hip", "knee", "ankle"]


class FibreType(Model):
    text: ShortText = Field(description="The muscle's fibre make-up, in plain words.")
    source: SourceId


class MuscleCatalogue(Model):
    muscles: Annotated[tuple[Muscle, ...], Field(min_length=1)]


# --- The body map: the geometry the muscle map is drawn from. ------------------------

SvgPath = Annotated[
    str,
    StringConstraints(
        pattern=r"^M(?: ?[MLCQZ]|[ ,]?-?\d+(?:\.\d)?)*$", min_length=4, max_length=8000
    ),
    Described("an SVG path of absolute M, L, C, Q and Z commands and plain numbers"),
]


class MapView(Model):
    id: Literal["front", "back"]
    title: ShortText
    outline: SvgPath = Field(description="The body's silhouette in this view.")
    details: tuple[SvgPath, ...] = Field(default=(), description="Thin lines drawn unfilled.")


class MapShape(Model):
    muscle: MuscleId
    view: Literal["front", "back"]
    mirror: bool = Field(default=False, description="Also drawn mirrored: x becomes width - x.")
    d: SvgPath


class BodyMap(Model):
    """The muscle map's geometry: each view a box of ``width`` by ``height``; shapes are
    drawn in file order, so a deeper muscle comes before the one over it."""

    width: Annotated[int, Field(gt=0, le=1000)]
    height: Annotated[int, Field(gt=0, le=2000)]
    views: Annotated[tuple[MapView, ...], Field(min_length=1, max_length=2)]
    shapes: Annotated[tuple[MapShape, ...], Field(min_length=1)]


# --- Sources and glossary. ----------------------------------------------------------


class Source(Model):
    id: Id
    kind: SourceKind
    authors: ShortText
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    title: Text
    published_in: Text
    doi: Doi | None = None
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
    programmes: tuple[Id, ...] = ()


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


Seconds = Annotated[float, Field(ge=0, le=10, multiple_of=0.5)]


class Tempo(Model):
    """Seconds per phase of one rep (or one ground contact), in half-second steps."""

    lower: Seconds = Field(description="Lowering, the eccentric part.")
    bottom: Seconds = Field(description="Pause at the bottom.")
    lift: Seconds = Field(description="Lifting, the concentric part.")
    top: Seconds = Field(description="Pause at the top.")

    @model_validator(mode="after")
    def _some_time(self) -> Tempo:
        if not 0 < self.total <= 20:
            raise PydanticCustomError(
                "tempo_total",
                "a rep takes {total:g} s here; expected more than 0 and at most 20 s",
                {"total": self.total},
            )
        return self

    @property
    def total(self) -> float:
        return self.lower + self.bottom + self.lift + self.top


MEASURE_FIELDS = ("reps", "seconds", "contacts")
"""The fields a per-set amount can be given in; a stage, block or rule gives exactly one."""

MEASURE_CHOICE = "reps, seconds or contacts"
ONE_MEASURE = f"give exactly one of {MEASURE_CHOICE}"


def given_measure(model: BaseModel, error_type: str, why: str = "") -> str:
    """The one measure ``model`` gives, or the validation error saying to give exactly one."""
    given = [name for name in MEASURE_FIELDS if getattr(model, name) is not None]
    if len(given) != 1:
        raise PydanticCustomError(
            error_type, f"{ONE_MEASURE}{why}; got {{given}}", {"given": ", ".join(given) or "none"}
        )
    return given[0]


class ProgressRule(Model):
    """What to reach before moving on: ``{sets: 3, reps: 15}``, ``{seconds: 45}``."""

    sets: Annotated[int, Field(gt=0, le=10)] | None = Field(
        default=None, description="On this many sets; unset: on every set."
    )
    reps: Annotated[int, Field(gt=0, le=100)] | None = None
    seconds: Annotated[int, Field(gt=0, le=600)] | None = None
    contacts: Annotated[int, Field(gt=0, le=500)] | None = None
    condition: plain_text(60) | None = Field(  # type: ignore[valid-type]
        default=None,
        description="What else must hold, in the progression's own words (e.g. 'without "
        "holding on'), printed wherever the rule is, such as a programme week that moves it up.",
    )

    @model_validator(mode="after")
    def _one_measure(self) -> ProgressRule:
        given_measure(self, "rule_measure")
        return self

    @property
    def measure(self) -> str:
        return next(name for name in MEASURE_FIELDS if getattr(self, name) is not None)

    @property
    def amount(self) -> int:
        return getattr(self, self.measure)


MEASURES: dict[str, str] = {"reps": "reps", "hold": "seconds", "contacts": "contacts"}
"""Each dose kind and the field that holds its per-set amount."""


def _dose_error(
    field: str, message: str, context: dict[str, Any] | None = None, *, kind: str = "dose_kind"
) -> PydanticCustomError:
    """An error located at one field of a dose."""
    return PydanticCustomError(kind, message, {**(context or {}), "field": field})


class Dose(Model):
    """One stage of an exercise's dosage: sets of reps, of seconds held, or of ground
    contacts, each with its own effort measure, and what to reach before moving on."""

    stage: Stage
    kind: DoseKind = "reps"
    legs: Legs | None = Field(
        default=None, description="both or single; unset: from the exercise's laterality."
    )
    sets: Range
    reps: Range | None = Field(default=None, description="Reps per set (kind reps).")
    seconds: Range | None = Field(default=None, description="Seconds per set (kind hold).")
    contacts: Range | None = Field(
        default=None, description="Ground contacts per set (kind contacts)."
    )
    load: Load
    reps_in_reserve: Range | None = Field(
        default=None, description="Kind reps: stop each set with this many reps left."
    )
    effort: Effort | None = Field(default=None, description="Kinds hold and contacts.")
    tempo: Tempo | None = Field(default=None, description="Overrides the exercise's tempo.")
    rest_seconds: Range
    progress_when: ProgressRule
    progression: Text = Field(description="Why, and what to do next: the rule in words.")

    @model_validator(mode="after")
    def _fields_match_the_kind(self) -> Dose:
        measure = MEASURES[self.kind]
        context = {"kind": self.kind, "measure": measure}
        for other in MEASURES.values():
            given = getattr(self, other) is not None
            if other == measure and not given:
                raise _dose_error(other, "a {kind} dose needs {field}", context)
            if other != measure and given:
                raise _dose_error(
                    other, "a {kind} dose counts {measure}, not {field}; remove {field}", context
                )
        if self.kind == "reps":
            if self.reps_in_reserve is None:
                raise _dose_error("reps_in_reserve", "a reps dose needs {field}", context)
            if self.effort is not None:
                raise _dose_error(
                    "effort", "a reps dose gives its effort as reps_in_reserve; remove {field}"
                )
        else:
            if self.reps_in_reserve is not None:
                raise _dose_error(
                    "reps_in_reserve",
                    "a {kind} dose has no reps to keep in reserve; give effort "
                    "(easy, moderate or hard) instead",
                    context,
                )
            if self.effort is None:
                raise _dose_error(
                    "effort", "a {kind} dose needs {field} (easy, moderate or hard)", context
                )
        rule = self.progress_when
        if rule.measure != measure:
            raise _dose_error(
                "progress_when",
                "a {kind} dose progresses on {measure}, not {given}",
                {**context, "given": rule.measure},
            )
        amount = getattr(self, measure)
        if (rule.sets or 0) > self.sets.max or rule.amount > amount.max:
            sets = f"{rule.sets} sets of " if rule.sets else ""
            raise _dose_error(
                "progress_when",
                "{rule} can never be reached in this stage, which prescribes "
                "{sets_min}-{sets_max} sets of {low}-{high} {measure}; lower the rule or "
                "widen the stage",
                {
                    **context,
                    "rule": f"{sets}{rule.amount} {measure}",
                    "sets_min": self.sets.min,
                    "sets_max": self.sets.max,
                    "low": amount.min,
                    "high": amount.max,
                },
                kind="rule_unreachable",
            )
        return self

    @property
    def amount(self) -> Range:
        """The per-set amount, whatever the kind: reps, seconds or contacts."""
        return getattr(self, MEASURES[self.kind])

    @property
    def measure(self) -> str:
        return MEASURES[self.kind]


class SourceRef(Model):
    id: SourceId
    supports: Text = Field(description="What this source supports in the entry.")


ExerciseName = plain_text(50)
Kit = Annotated[
    tuple[Equipment, ...],
    Field(min_length=1, max_length=6),
    Described("a kit: a list of equipment ids needed together"),
]


class Entry(Model):
    """What exercises and assessments share: a page in the library with its muscles."""

    id: Id
    name: ExerciseName
    aliases: tuple[ShortText, ...] = ()
    summary: Summary = Field(description="One sentence, used in lists and link previews.")
    why_for_runners: Paragraph
    pattern: PatternId
    laterality: Laterality
    level: Level
    kits: Annotated[tuple[Kit, ...], Field(min_length=1, max_length=8)] = Field(
        description="Alternatives: each kit is the equipment needed together."
    )
    body_region: BodyRegion
    muscles: MusclesByRole
    previous_ids: tuple[Id, ...] = Field(
        default=(), description="Ids this entry was published under before a rename."
    )
    differs_from_source: tuple[Text, ...] = Field(
        default=(), description="Where this entry departs from a cited source, and why."
    )
    sources: tuple[SourceRef, ...] = Field(
        default=(), description="Published sources, each with what it supports in the entry."
    )
    practice: tuple[Text, ...] = Field(
        default=(),
        description="Points that rest on coaching practice, with no published source: each "
        "is shown as such on the page. An entry gives at least one source or one such point.",
    )
    reviewed: dt.date

    @model_validator(mode="after")
    def _sourced(self) -> Entry:
        if not self.sources and not self.practice:
            raise PydanticCustomError(
                "unsourced",
                "sources: give at least one source, or say under practice: what rests on "
                "coaching practice with no published source",
            )
        return self

    @model_validator(mode="after")
    def _kits(self) -> Entry:
        for index, kit in enumerate(self.kits):
            if len(set(kit)) != len(kit):
                raise PydanticCustomError(
                    "kit_repeats", "kits[{index}]: an item is listed twice", {"index": index}
                )
        if len(set(map(frozenset, self.kits))) != len(self.kits):
            raise PydanticCustomError("kit_repeats", "kits: the same kit is listed twice")
        return self

    @property
    def per_side(self) -> bool:
        return self.laterality == "single-leg"

    @property
    def equipment(self) -> tuple[str, ...]:
        """Every item of every kit, once, in the order first listed."""
        return tuple(dict.fromkeys(item for kit in self.kits for item in kit))


class StartsAlongside(Model):
    """An easier rung this exercise's first stage may start alongside, before that rung is
    finished, as a card does (coaching practice): its page says so, and the validator lets a
    card dose the two together only where this says it may."""

    exercise: ExerciseId = Field(description="The easier rung, on this exercise's ladder.")
    stage: Stage = Field(
        description="The easier rung's stage from which this exercise's first stage may start."
    )
    once: ShortText | None = Field(
        default=None,
        description="What must look right first, in words, e.g. 'a set of 8 dowel hinges looks "
        "the same each rep'.",
    )
    card: SessionId = Field(description="The card that starts them together.")


class Exercise(Entry):
    kind: Literal["exercise"] = "exercise"
    calf: CalfEmphasis | None = None
    tempo: Tempo = Field(description="Seconds per phase of one rep; a stage may override it.")
    figure: Figure = Field(
        description="The technique figure, drawn from data: a view and the poses (joint "
        "angles, contacts) it moves through at the tempo; the equipment drawn is the first kit."
    )
    technique: Technique
    dosage: Annotated[tuple[Dose, ...], Field(min_length=1, max_length=len(STAGE_ORDER))]
    harder: tuple[ExerciseId, ...] = Field(
        default=(), description="The next harder step(s); the easier direction is derived."
    )
    harder_from: Stage | None = Field(
        default=None,
        description="The stage whose rule, once met, lets the harder rungs start alongside this "
        "one before it is finished (its page says so); unset: only once it is finished.",
    )
    starts_alongside: StartsAlongside | None = Field(
        default=None,
        description="An easier rung whose given stage this exercise's first stage may start "
        "alongside, before that rung is finished, as a named card does (coaching practice).",
    )

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

    def dose(self, stage: str) -> Dose | None:
        return next((dose for dose in self.dosage if dose.stage == stage), None)

    def legs(self, dose: Dose) -> str:
        """``both`` or ``single`` for one stage: its own, or the exercise's laterality."""
        return dose.legs or ("single" if self.per_side else "both")

    def tempo_of(self, dose: Dose) -> Tempo:
        return dose.tempo or self.tempo


class Protocol(Model):
    setup: Annotated[tuple[Text, ...], Field(min_length=1)]
    steps: Annotated[tuple[Text, ...], Field(min_length=2)]
    safety: Annotated[tuple[Text, ...], Field(min_length=1)]


class Scoring(Model):
    unit: ScoreUnit
    by_side: bool = Field(description="True when each leg is scored on its own.")
    how: Text = Field(description="What counts, when the test stops, what to write down.")


class Assessment(Entry):
    """A test with a score: a protocol, how to score it and what the score means. An
    assessment has no dosage and is never on a ladder."""

    kind: Literal["assessment"]
    tempo: Tempo | None = Field(default=None, description="The pace, where the test sets one.")
    figure: Figure | None = Field(
        default=None, description="A technique figure, where one helps (see exercises)."
    )
    tells: ShortText = Field(
        description="What the test tells you, as it finishes the line 'Test: <name> ...' on "
        "the pages of the exercises it serves."
    )
    also_for: tuple[PatternId, ...] = Field(
        default=(),
        description="Other movement patterns whose exercise pages link this test (the "
        "test's own pattern always does).",
    )
    protocol: Protocol
    scoring: Scoring
    interpretation: Annotated[tuple[Text, ...], Field(min_length=1)] = Field(
        description="What the score means: norms, noise, side-to-side gaps, when to act."
    )
    retest_weeks: Range


# --- Sessions. ----------------------------------------------------------------------


CardLine = plain_text(CARD_LINE)
CardText = plain_text(2 * CARD_LINE)


class Audience(Model):
    level: Level
    phase: Annotated[tuple[SeasonPhase, ...], Field(min_length=1)]


Minutes = Annotated[float, Field(gt=0, le=30, multiple_of=0.5)]


class Timed(Model):
    """A warm-up or finishing item: what to do, and for how long; or a ``step`` of a warm-up
    routine in ``data/warm-up.yml``, whose card line and minutes it takes (the loader fills
    them in, so the card and the warm-up page say the same thing)."""

    text: CardLine | None = None
    minutes: Minutes | None = None
    contacts: Annotated[int, Field(gt=0, le=500)] | None = Field(
        default=None,
        description="Ground contacts in this item (skips, hops), counted against the session's "
        "cap in data/coaching.yml.",
    )
    step: Id | None = Field(
        default=None,
        description="A step of a routine in data/warm-up.yml; its card line and minutes "
        "are used, so give no text or minutes with it.",
    )

    @model_validator(mode="after")
    def _text_or_step(self) -> Timed:
        own = [name for name in ("text", "minutes") if getattr(self, name) is not None]
        if self.step is not None and own:
            raise PydanticCustomError(
                "timed_step",
                "a step brings its own card line and minutes; give only step, not {own}",
                {"own": " and ".join(own)},
            )
        if self.step is None and len(own) < 2:
            raise PydanticCustomError(
                "timed_text",
                "give text and minutes, or a step of the warm-up routines (data/warm-up.yml)",
            )
        return self


class Block(Model):
    """One exercise on a session card, prescribed from one stage of its dosage."""

    exercise: ExerciseId
    stage: Stage
    sets: Annotated[int, Field(gt=0, le=10)]
    reps: Range | None = Field(default=None, description="Per set, for a reps stage.")
    seconds: Range | None = Field(default=None, description="Per set, for a hold stage.")
    contacts: Range | None = Field(default=None, description="Per set, for a contacts stage.")
    load: CardLine
    rest_seconds: Range
    cue: CardLine
    below_rule: CardLine | None = Field(
        default=None,
        description="Why this block's dose cannot meet its stage's progress_when rule.",
    )
    replaces: ExerciseId | None = Field(
        default=None,
        description="For a runner coming from a card that points here: the exercise of that "
        "card whose place this block takes, one exercise a week, so a mixed week stays within "
        "the contact cap.",
    )
    kit: Kit | None = Field(
        default=None,
        description="The kit this block uses, one of its exercise's kits, where its stage needs "
        "more than the lightest (a load in the hand); unset: the card's kit is worked out.",
    )

    @model_validator(mode="after")
    def _one_amount(self) -> Block:
        given_measure(self, "block_measure", " (as the stage counts)")
        return self

    @property
    def measure(self) -> str:
        return next(name for name in MEASURES.values() if getattr(self, name) is not None)

    @property
    def amount(self) -> Range:
        return getattr(self, self.measure)


class RuleMet(Model):
    """One stage of an exercise whose progression rule a runner meets before starting a card."""

    exercise: ExerciseId
    stage: Stage


class Session(Model):
    id: Id
    title: plain_text(60)  # type: ignore[valid-type]
    summary: Summary
    audience: Audience
    duration_minutes: Annotated[int, Field(gt=0, le=120)] = Field(
        description="The time stated on the card; it must agree with the time computed."
    )
    week_placement: CardText | None = Field(
        default=None,
        description="Anything to add to where it sits in the running week; the rule itself "
        "(days, hours, order) is printed from data/coaching.yml, so state no hours or days here.",
    )
    warm_up: Annotated[tuple[Timed, ...], Field(min_length=1, max_length=3)]
    blocks: Annotated[tuple[Block, ...], Field(min_length=1, max_length=MAX_SESSION_BLOCKS)]
    progression: CardText = Field(description="The progression rule, printed as one line.")
    finish: Annotated[tuple[Timed, ...], Field(max_length=2)] = ()
    notes: Annotated[tuple[CardLine, ...], Field(max_length=2)] = Field(
        default=(), description="Advice printed at the foot of the card (soreness, pain)."
    )
    next: tuple[SessionId, ...] = Field(
        default=(),
        description="The cards to move on to once this card's rules are met; each must ask for "
        "no rung or stage this card has not done.",
    )
    before: Annotated[tuple[RuleMet, ...], Field(max_length=3)] = Field(
        default=(),
        description="Stages whose progression rule a runner meets before starting this card, "
        "where the card asks for the stage after one, or a rung after one, that it does not dose.",
    )
    previous_ids: tuple[Id, ...] = Field(
        default=(), description="Ids this session was published under before a rename."
    )
    sources: Annotated[tuple[SourceRef, ...], Field(min_length=1)]
    reviewed: dt.date


# --- Programmes. --------------------------------------------------------------------


class WeekDose(Model):
    """One exercise of a card as a programme week prescribes it: the stage, sets and amount
    (reps, seconds or contacts, as the stage counts) and, if it changes, the load line."""

    exercise: ExerciseId
    stage: Stage | None = Field(default=None, description="Unset: the card block's stage.")
    sets: Annotated[int, Field(gt=0, le=10)]
    reps: Range | None = None
    seconds: Range | None = None
    contacts: Range | None = None
    load: CardLine | None = Field(default=None, description="Unset: the card's load line.")

    @property
    def measure(self) -> str | None:
        given = [name for name in MEASURES.values() if getattr(self, name) is not None]
        return given[0] if len(given) == 1 else None


class WeekCard(Model):
    """A session card in a programme week: how often, and what changes from the card."""

    card: SessionId
    times: Annotated[int, Field(ge=1, le=3)] = Field(
        default=1, description="How many times this week."
    )
    doses: tuple[WeekDose, ...] = Field(
        default=(), description="This week's dose for some of the card's exercises."
    )
    leave_out: tuple[ExerciseId, ...] = Field(
        default=(), description="Exercises of the card not done this week (a taper, a deload)."
    )


class ProgrammeWeek(Model):
    """One week of a programme: its kind, what it is for, its cards and any test."""

    week: Annotated[int, Field(ge=1, le=26)]
    kind: WeekKind
    focus: CardLine = Field(description="What this week is for, in one line.")
    cards: Annotated[tuple[WeekCard, ...], Field(max_length=3)] = ()
    test: ExerciseId | None = Field(default=None, description="An assessment done this week.")
    note: CardLine | None = None


class Programme(Model):
    """Weeks of session cards in order: which card in which week, how the dose moves, and
    the test, deload, taper and race weeks."""

    id: Id
    title: plain_text(60)  # type: ignore[valid-type]
    summary: Summary
    audience: Audience
    running_week: CardText = Field(description="Where the sessions sit in the running week.")
    weeks: Annotated[tuple[ProgrammeWeek, ...], Field(min_length=2, max_length=26)]
    how_to_progress: Paragraph = Field(
        description="How the dose moves, and what decides it (tests, soreness, the rules)."
    )
    next: tuple[SessionId, ...] = Field(
        default=(),
        description="The cards to move on to after the last week; each must ask for no rung or "
        "stage the programme has not done.",
    )
    previous_ids: tuple[Id, ...] = Field(
        default=(), description="Ids this programme was published under before a rename."
    )
    sources: Annotated[tuple[SourceRef, ...], Field(min_length=1)]
    reviewed: dt.date


# --- Warm-up routines. --------------------------------------------------------------


class WarmUpStep(Model):
    """One step of a warm-up routine: the line a card prints, and how to do it."""

    id: Id
    card: CardLine = Field(description="The line a session card prints for this step.")
    minutes: Minutes
    how: Text = Field(description="How to do it, for the warm-up page.")
    exercise: ExerciseId | None = Field(
        default=None, description="The exercise page that teaches this step, if one does."
    )


class WarmUpRoutine(Model):
    """A warm-up for one kind of session, in the order it is done."""

    id: Id
    title: ShortText
    when: Text = Field(description="Before what, and how long it takes.")
    basis: Text = Field(
        description="What the routine rests on: coaching practice, research, or both, said plainly."
    )
    steps: Annotated[tuple[WarmUpStep, ...], Field(min_length=1)]


class WarmUp(Model):
    """``data/warm-up.yml``: the warm-up routines the cards take their warm-up lines from,
    and what the research says about warming up."""

    summary: Summary
    routines: Annotated[tuple[WarmUpRoutine, ...], Field(min_length=1)]
    evidence: Annotated[tuple[Text, ...], Field(min_length=1)] = Field(
        description="What the studies found, each paragraph naming its studies."
    )
    sources: Annotated[tuple[SourceRef, ...], Field(min_length=1)]

    def step(self, step_id: str) -> WarmUpStep | None:
        return next(
            (step for routine in self.routines for step in routine.steps if step.id == step_id),
            None,
        )
