"""The FIT exercise each Legwork exercise is written as in the watch workouts
(``data/fit-exercises.yml``): the FIT profile's ``exercise_category`` and ``exercise_name``,
in lower case, and ``nearest`` where FIT has no exact exercise. The media room checks the
names against the FIT profile when it writes the files."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from macros.data.errors import DataError, Document, did_you_mean
from macros.data.models import Described, Id, Model, Text

FitName = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:_[a-z0-9]+)*$", max_length=80),
    Described("a FIT profile name in lower case with underscores, e.g. calf_raise"),
]


class FitExercise(Model):
    """One exercise as FIT names it."""

    category: FitName = Field(description="FIT exercise_category, e.g. calf_raise.")
    name: FitName = Field(description="FIT exercise_name within the category.")
    nearest: bool = Field(
        default=False, description="True where FIT has no exact exercise: the closest one."
    )
    note: Text | None = Field(
        default=None,
        description="Why this FIT exercise: what it shares with ours and how it differs. "
        "Required where nearest is true.",
    )

    @model_validator(mode="after")
    def _nearest_says_why(self) -> FitExercise:
        if self.nearest and not self.note:
            raise ValueError("a nearest FIT exercise needs a note saying why it was chosen")
        return self


class FitExercises(Model):
    """Every exercise of the library, keyed by id, as FIT names it."""

    exercises: dict[Id, FitExercise]


def check_mapping(
    mapping: FitExercises, exercise_ids: set[str], document: Document
) -> Iterator[DataError]:
    """Every entry names an exercise. An exercise with no entry yet is written to the watch
    without a FIT exercise (the tests ask for every one of the library's)."""
    for unknown in sorted(set(mapping.exercises) - exercise_ids):
        yield document.error(
            ("exercises", unknown),
            f"'{unknown}' is not a known exercise{did_you_mean(unknown, exercise_ids)}",
        )
