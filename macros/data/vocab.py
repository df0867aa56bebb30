"""Vocabularies: every closed list of values the data may use, each with its display label.

One place for the ids a data file may write (``kettlebell``, ``split-squat``) and the words
a page shows for them ("Kettlebell", "Split squat"), so no template or image humanises an id
on its own. The models build their ``Literal`` types from these lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    always_at_hand: bool = False
    """Equipment only: always at hand, so never needed on a list (body weight, floor, wall)."""


class Vocabulary:
    """An ordered, closed list of terms: the order is the order pages list them in."""

    def __init__(self, name: str, *terms: Term) -> None:
        self.name = name
        self._terms = {term.id: term for term in terms}

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._terms)

    @property
    def literal(self) -> Any:
        """The ``Literal`` type of the ids, for a model field."""
        return Literal[self.ids]  # type: ignore[valid-type]

    def label(self, term_id: str) -> str:
        return self._terms[term_id].label

    def labels(self) -> dict[str, str]:
        return {term.id: term.label for term in self._terms.values()}

    def __getitem__(self, term_id: str) -> Term:
        return self._terms[term_id]

    def __contains__(self, term_id: object) -> bool:
        return term_id in self._terms

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms.values())

    def __len__(self) -> int:
        return len(self._terms)


PATTERNS = Vocabulary(
    "pattern",
    Term("hinge", "Hip hinge"),
    Term("split-squat", "Split squat"),
    Term("squat", "Squat"),
    Term("step", "Step-up and step-down"),
    Term("hip-extension", "Bridge and hip thrust"),
    Term("knee-flexion", "Hamstring curl"),
    Term("hip-abduction", "Side hip"),
    Term("hip-adduction", "Inner thigh"),
    Term("hip-flexion", "Hip flexion"),
    Term("squat", "Squat"),
    Term("calf-raise", "Calf raise"),
    Term("ankle-dorsiflexion", "Shin raise"),
    Term("plyometric", "Hops, skips and bounds"),
    Term("foot", "Foot strength"),
    Term("trunk", "Trunk hold"),
)
LATERALITY = Vocabulary(
    "laterality",
    Term("bilateral", "Both legs"),
    Term("single-leg", "Single-leg"),
)
LEVELS = Vocabulary(
    "level",
    Term("beginner", "Beginner"),
    Term("intermediate", "Intermediate"),
    Term("advanced", "Advanced"),
)
EQUIPMENT = Vocabulary(
    "equipment",
    Term("bodyweight", "Body weight", always_at_hand=True),
    Term("floor", "Floor space", always_at_hand=True),
    Term("wall-or-support", "Wall or sturdy support", always_at_hand=True),
    Term("wall", "Wall", always_at_hand=True),
    Term("kettlebell", "Kettlebell"),
    Term("dumbbell", "Dumbbell"),
    Term("barbell", "Barbell"),
    Term("bench", "Bench"),
    Term("box-or-step", "Box or step"),
    Term("seated-calf-machine", "Seated calf machine"),
    Term("leg-press", "Leg press"),
    Term("dowel", "Dowel or broomstick"),
    Term("weight-plate", "Weight plate"),
    Term("hip-thrust-pad", "Hip-thrust pad"),
    Term("squat-rack", "Squat rack"),
    Term("resistance-band", "Resistance band"),
    Term("backpack", "Loaded backpack"),
    Term("slant-board", "Slant board"),
    Term("partner", "Training partner"),
    Term("nordic-anchor", "Something to hold the ankles down (a partner or a heavy anchor)"),
    Term("towel", "Small towel"),
    Term("tape-measure", "Tape measure"),
)
BODY_REGIONS = Vocabulary(
    "body region",
    Term("hip", "Hip"),
    Term("thigh", "Thigh"),
    Term("lower-leg", "Lower leg"),
    Term("foot", "Foot"),
    Term("trunk", "Trunk"),
)
MUSCLE_SIDES = Vocabulary(
    "side of the body",
    Term("front", "front"),
    Term("back", "back"),
    Term("side", "outer side"),
    Term("inner", "inner side"),
)
MUSCLE_ROLES = Vocabulary(
    "muscle role",
    Term("primary", "Primary"),
    Term("secondary", "Secondary"),
    Term("stabiliser", "Stabiliser"),
)
STAGES = Vocabulary(
    "stage",
    Term("learn", "Learn"),
    Term("build", "Build"),
    Term("strength", "Strength"),
)
LEGS = Vocabulary(
    "legs",
    Term("both", "Both legs"),
    Term("single", "One leg at a time"),
)
DOSE_KINDS = Vocabulary(
    "dose kind",
    Term("reps", "Sets × reps"),
    Term("hold", "Sets × seconds held"),
    Term("contacts", "Sets × ground contacts"),
)
EFFORTS = Vocabulary(
    "effort",
    Term("easy", "Easy: could go on for much longer"),
    Term("moderate", "Moderate: hard work, but crisp to the end"),
    Term("hard", "Hard: the last seconds or contacts are a real effort"),
)
SCORE_UNITS = Vocabulary(
    "score unit", Term("reps", "reps"), Term("seconds", "seconds"), Term("cm", "cm")
)
KNEE_POSITIONS = Vocabulary("knee position", Term("straight", "straight"), Term("bent", "bent"))
CALF_MUSCLES = Vocabulary(
    "calf muscle", Term("soleus", "soleus"), Term("gastrocnemius", "gastrocnemius")
)
SOURCE_KINDS = Vocabulary(
    "source kind",
    Term("article", "Article"),
    Term("journal-article", "Journal article"),
    Term("database", "Database"),
)
SEASON_PHASES = Vocabulary(
    "season phase",
    Term("off-season", "off-season"),
    Term("base", "base"),
    Term("build", "build"),
    Term("in-season", "in-season"),
    Term("any", "any time of year"),
)
WEEK_KINDS = Vocabulary(
    "week kind",
    Term("build", "build"),
    Term("hold", "hold"),
    Term("test", "test"),
    Term("deload", "deload"),
    Term("taper", "taper"),
    Term("race", "race"),
)
# free-exercise-db's 17 muscle names (its schema.json), for the interoperability mapping.
FREE_EXERCISE_DB_MUSCLES = Vocabulary(
    "free-exercise-db muscle",
    *(
        Term(name, name)
        for name in (
            "abdominals",
            "abductors",
            "adductors",
            "biceps",
            "calves",
            "chest",
            "forearms",
            "glutes",
            "hamstrings",
            "lats",
            "lower back",
            "middle back",
            "neck",
            "quadriceps",
            "shoulders",
            "traps",
            "triceps",
        )
    ),
)

VOCABULARIES: tuple[Vocabulary, ...] = (
    PATTERNS,
    LATERALITY,
    LEVELS,
    EQUIPMENT,
    BODY_REGIONS,
    MUSCLE_SIDES,
    MUSCLE_ROLES,
    STAGES,
    LEGS,
    DOSE_KINDS,
    EFFORTS,
    SCORE_UNITS,
    KNEE_POSITIONS,
    CALF_MUSCLES,
    SOURCE_KINDS,
    SEASON_PHASES,
    WEEK_KINDS,
    FREE_EXERCISE_DB_MUSCLES,
)


def kit_words(kit: tuple[str, ...]) -> str:
    """A session's kit in words: what to bring, or that nothing is needed."""
    needed = [EQUIPMENT.label(item) for item in kit if not EQUIPMENT[item].always_at_hand]
    if not needed:
        return "nothing beyond body weight, a wall and floor space"
    words = [needed[0]] + [name[:1].lower() + name[1:] for name in needed[1:]]
    return ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1]
