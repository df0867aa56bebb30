"""The FIT mapping says why wherever it settles for the nearest exercise: every ``nearest``
entry of ``data/fit-exercises.yml`` carries a note, names a real exercise of fit_tool's FIT
profile, and a nearest entry with no note is refused."""

from __future__ import annotations

import pytest
from fit_tool.profile import profile_type
from pydantic import ValidationError

from macros.data.watch import FitExercises
from tests.conftest import DATA, raw_yaml

MAPPING = raw_yaml(DATA / "fit-exercises.yml")["exercises"]
NEAREST = {key: entry for key, entry in MAPPING.items() if entry.get("nearest")}


def profile_names(category: str) -> set[str]:
    camel = "".join(part.title() for part in category.split("_"))
    names = getattr(profile_type, f"{camel}ExerciseName")
    return {member.name.lower() for member in names}


@pytest.mark.parametrize("exercise_id", sorted(NEAREST))
def test_each_nearest_entry_says_why(exercise_id: str) -> None:
    entry = NEAREST[exercise_id]
    assert len(entry.get("note", "").split()) >= 8, f"{exercise_id}: say why in its note"
    assert entry["name"] in profile_names(entry["category"])


def test_a_nearest_entry_without_a_note_is_refused() -> None:
    bare = {
        "exercises": {"pogo-hops": {"category": "cardio", "name": "jump_rope", "nearest": True}}
    }
    with pytest.raises(ValidationError, match="needs a note"):
        FitExercises.model_validate(bare)
    FitExercises.model_validate(
        {"exercises": {"pogo-hops": {**bare["exercises"]["pogo-hops"], "note": "why"}}}
    )
