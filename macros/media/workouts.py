"""Watch workouts: a session card as a FIT workout file, written with ``fit-tool``.

Each set group becomes three steps: the exercise (so many reps, or so many seconds for a
hold), a rest, and a step that repeats the two for the number of sets. The exercise is
named in the FIT profile's own terms (``exercise_category``, ``exercise_name``) so a watch
can show and count it. Draws what it is handed; knows no URL and no data file layout."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile import profile_type
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
from fit_tool.profile.profile_type import (
    ExerciseCategory,
    FileType,
    Intensity,
    Manufacturer,
    Sport,
    SubSport,
    WorkoutStepDuration,
    WorkoutStepTarget,
)

STEPS_PER_GROUP = 3
"""The exercise, its rest and the repeat."""

NOTES_BYTES = 200
"""Room for a step's notes: FIT strings are at most 255 bytes; keep well inside."""


class FitNameError(ValueError):
    """A FIT exercise named in the data that the FIT profile does not have."""


@dataclass(frozen=True)
class SetGroup:
    """One block of a card as the watch counts it."""

    exercise_id: str
    name: str
    notes: str
    sets: int
    reps: int | None
    """Reps (or ground contacts) per set: the top of the card's range; None for a hold."""
    seconds: int | None
    """Seconds per set for a hold; None otherwise."""
    rest_seconds: int
    category: str | None
    exercise_name: str | None
    """The FIT exercise; None where the data names none yet (the step has only its name)."""


@dataclass(frozen=True)
class Workout:
    title: str
    groups: tuple[SetGroup, ...]
    created: dt.date
    """Stamped in the file, so the same data writes the same bytes."""


def fit_exercise(group: SetGroup) -> tuple[int, int] | None:
    """The FIT profile's numbers for a group's category and exercise name."""
    if group.category is None or group.exercise_name is None:
        return None
    try:
        category = ExerciseCategory[group.category.upper()]
    except KeyError:
        raise FitNameError(
            f"exercises.{group.exercise_id}.category: '{group.category}' is not a FIT "
            "exercise category"
        ) from None
    names = getattr(profile_type, _camel(group.category) + "ExerciseName", None)
    member = getattr(names, group.exercise_name.upper(), None) if names else None
    if member is None:
        raise FitNameError(
            f"exercises.{group.exercise_id}.name: '{group.exercise_name}' is not a FIT "
            f"{group.category} exercise"
        )
    return category.value, member.value


def _camel(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def _fit_text(text: str, limit: int) -> str:
    """Text cut to ``limit`` UTF-8 bytes without splitting a character."""
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def workout_steps(workout: Workout) -> list[WorkoutStepMessage]:
    steps: list[WorkoutStepMessage] = []
    for group in workout.groups:
        exercise = fit_exercise(group)
        first = len(steps)
        work = WorkoutStepMessage()
        work.message_index = first
        work.workout_step_name = _fit_text(group.name, 60)
        work.intensity = Intensity.ACTIVE
        if group.seconds is not None:
            work.duration_type = WorkoutStepDuration.TIME
            work.duration_time = float(group.seconds)
        else:
            work.duration_type = WorkoutStepDuration.REPS
            work.duration_reps = group.reps
        work.target_type = WorkoutStepTarget.OPEN
        work.notes = _fit_text(group.notes, NOTES_BYTES)
        if exercise is not None:
            work.exercise_category, work.exercise_name = exercise
        rest = WorkoutStepMessage()
        rest.message_index = first + 1
        rest.workout_step_name = "Rest"
        rest.intensity = Intensity.REST
        rest.duration_type = WorkoutStepDuration.TIME
        rest.duration_time = float(group.rest_seconds)
        rest.target_type = WorkoutStepTarget.OPEN
        repeat = WorkoutStepMessage()
        repeat.message_index = first + 2
        repeat.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
        repeat.duration_step = first
        repeat.target_type = WorkoutStepTarget.OPEN
        repeat.target_repeat_steps = group.sets
        steps += [work, rest, repeat]
    return steps


def workout_fit(workout: Workout) -> bytes:
    """The FIT file of one workout: file_id (type workout), workout, its steps."""
    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 1
    created = dt.datetime.combine(workout.created, dt.time(), tzinfo=dt.UTC)
    file_id.time_created = round(created.timestamp() * 1000)
    steps = workout_steps(workout)
    message = WorkoutMessage()
    message.workout_name = _fit_text(workout.title, 60)
    message.sport = Sport.TRAINING
    message.sub_sport = SubSport.STRENGTH_TRAINING
    message.num_valid_steps = len(steps)
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    builder.add(file_id)
    builder.add(message)
    builder.add_all(steps)
    return builder.build().to_bytes()
