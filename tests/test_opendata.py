"""The open data: the JSON API matches its schemas and the YAML it came from, and the
free-exercise-db export speaks only that format's vocabulary."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
from jsonschema import Draft202012Validator

from macros.data.loader import load_library
from macros.data.models import Equipment, Exercise, FreeExerciseDbMuscle, Muscle, Session
from macros.site import opendata, urls
from tests.conftest import DATA, data_ids, raw_yaml

SITE = "https://example.org/legwork"  # no trailing slash on purpose: base_url adds it
BASE = SITE + "/"
EXERCISES = data_ids("exercises")
SESSIONS = data_ids("sessions")
RAW_EXERCISES = {i: raw_yaml(DATA / "exercises" / f"{i}.yml") for i in EXERCISES}
RAW_SESSIONS = {i: raw_yaml(DATA / "sessions" / f"{i}.yml") for i in SESSIONS}
RAW_MUSCLES = {m["id"]: m for m in raw_yaml(DATA / "muscles.yml")["muscles"]}
DERIVED = {
    "exercises": {"url", "easier", "equipment"},
    "muscles": {"url"},
    "sessions": {"url", "pdf", "minutes", "kit"},
}
V1_ONLY = {"sessions": {"warm_up_timed", "finish_timed"}}
MODELS = {"exercises": Exercise, "muscles": Muscle, "sessions": Session}
FROZEN_V1 = Path(__file__).parent / "opendata" / "v1"
"""The v1 schemas as they were published before the data model grew (kits, tempo, dose
kinds): what earlier users of the API were promised."""


@pytest.fixture(scope="module")
def library():
    return load_library(DATA)


@pytest.fixture(scope="module")
def published(library) -> dict[str, Any]:
    """The documents as a consumer reads them: serialised, then parsed back."""
    documents = opendata.api_documents(library, SITE)
    return {path: json.loads(opendata.json_text(doc)) for path, doc in documents.items()}


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    return {
        path: json.loads(opendata.json_text(s)) for path, s in opendata.api_schemas(SITE).items()
    }


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def items_by_id(
    published: dict[str, Any], name: str, version: int = 2
) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in published[f"api/v{version}/{name}.json"]["items"]}


# --- Documents and schemas. ---------------------------------------------------------


def test_one_document_and_one_schema_per_collection(published, schemas) -> None:
    shared = {*DERIVED, "sources", "glossary", "programmes"}
    names = {1: set(shared), 2: set(shared)}
    names[2].add("assessments")
    paths = {f"api/v{v}/{n}" for v, group in names.items() for n in group}
    assert set(published) == {f"{path}.json" for path in paths}
    assert set(schemas) == {f"{path}.schema.json" for path in paths}


VERSIONED = [(version, name) for version in (1, 2) for name in sorted(DERIVED)]


@pytest.mark.parametrize(("version", "name"), VERSIONED)
def test_document_validates_against_its_schema(published, schemas, version, name) -> None:
    schema = schemas[f"api/v{version}/{name}.schema.json"]
    document = published[f"api/v{version}/{name}.json"]
    Draft202012Validator.check_schema(schema)
    validator(schema).validate(document)
    assert document["schema"] == schema["$id"] == f"{BASE}api/v{version}/{name}.schema.json"


def allowing_additions(schema: Any) -> Any:
    """A schema that still demands every field it names, with its type, but lets objects
    carry new fields: what "consumers see only additions" means."""
    if isinstance(schema, dict):
        return {
            key: True if key == "additionalProperties" else allowing_additions(value)
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [allowing_additions(value) for value in schema]
    return schema


@pytest.mark.parametrize("name", ["exercises", "muscles", "sessions"])
def test_v1_users_see_only_additions(published, name) -> None:
    frozen = json.loads((FROZEN_V1 / f"{name}.schema.json").read_text(encoding="utf-8"))
    document = published[f"api/v1/{name}.json"]
    assert document["items"], "v1 must still publish entries"
    validator(allowing_additions(frozen)).validate(document)
    with pytest.raises(jsonschema.ValidationError):  # and the check can fail
        broken = copy.deepcopy(document)
        broken["items"][0]["id"] = 7
        validator(allowing_additions(frozen)).validate(broken)


def test_v1_keeps_the_flat_equipment_list_beside_the_kits(published) -> None:
    frozen = json.loads((FROZEN_V1 / "exercises.schema.json").read_text(encoding="utf-8"))
    v1_items = set(frozen["$defs"]["Exercise"]["properties"]["equipment"]["items"]["enum"])
    for item in published["api/v1/exercises.json"]["items"]:
        raw = RAW_EXERCISES[item["id"]]
        union = [i for kit in raw["kits"] for i in kit]
        named = ["bodyweight" if i == "floor" else i for i in union]
        expected = list(dict.fromkeys(i for i in named if i in v1_items))
        assert item["equipment"] == expected and item["kits"] == raw["kits"]


@pytest.mark.parametrize(("version", "name"), VERSIONED)
def test_envelope_carries_version_and_licence(published, version, name) -> None:
    document = published[f"api/v{version}/{name}.json"]
    assert set(document) == {"version", "licence", "licence_url", "attribution", "schema", "items"}
    assert document["version"] == version
    assert document["licence"] == "CC BY 4.0"
    assert document["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert document["attribution"] == "Legwork contributors"


@pytest.mark.parametrize(("version", "name"), VERSIONED)
def test_item_schema_is_the_model_plus_derived_fields(schemas, version, name) -> None:
    schema = schemas[f"api/v{version}/{name}.schema.json"]
    model = opendata.COLLECTIONS[version][name]
    item = schema["$defs"][model.__name__]
    extra = V1_ONLY.get(name, set()) if version == 1 else set()
    assert set(item["properties"]) == set(MODELS[name].model_fields) | DERIVED[name] | extra
    assert item["additionalProperties"] is False
    assert schema["additionalProperties"] is False


def _broken(document: dict[str, Any], name: str, how: str) -> dict[str, Any]:
    document = copy.deepcopy(document)
    item = document["items"][0]
    if how == "unknown top-level key":
        document["extra"] = 1
    elif how == "unknown item key":
        item["colour"] = "red"
    elif how == "derived field missing":
        del item["url"]
    elif how == "default field missing":
        del item[{"exercises": "aliases", "muscles": "sources", "sessions": "finish"}[name]]
    elif how == "wrong version":
        document["version"] += 1
    elif how == "other schema":
        document["schema"] = "https://example.org/elsewhere.schema.json"
    elif how == "bad id":
        item["id"] = "Not An Id"
    return document


@pytest.mark.parametrize(("version", "name"), VERSIONED)
@pytest.mark.parametrize(
    "how",
    [
        "unknown top-level key",
        "unknown item key",
        "derived field missing",
        "default field missing",
        "wrong version",
        "other schema",
        "bad id",
    ],
)
def test_schema_rejects_what_the_api_never_publishes(
    published, schemas, version, name, how
) -> None:
    schema = schemas[f"api/v{version}/{name}.schema.json"]
    document = _broken(published[f"api/v{version}/{name}.json"], name, how)
    with pytest.raises(jsonschema.ValidationError):
        validator(schema).validate(document)


def test_exercise_schema_checks_nested_vocabulary(published, schemas) -> None:
    document = copy.deepcopy(published["api/v1/exercises.json"])
    document["items"][-1]["dosage"][0]["stage"] = "peak"
    with pytest.raises(jsonschema.ValidationError, match="peak"):
        validator(schemas["api/v1/exercises.schema.json"]).validate(document)


def test_site_url_must_be_absolute(library) -> None:
    with pytest.raises(ValueError, match="absolute"):
        opendata.api_documents(library, "/legwork/")
    assert urls.base_url("https://x.org") == urls.base_url("https://x.org///")


# --- Round trip with the YAML. ------------------------------------------------------


def assert_yaml_in_json(raw: Any, published: Any, where: str) -> None:
    """Every key and value of the YAML is in the JSON; dates as ISO strings."""
    if isinstance(raw, dict):
        assert isinstance(published, dict), where
        for key, value in raw.items():
            assert key in published, f"{where}.{key} missing from the JSON"
            assert_yaml_in_json(value, published[key], f"{where}.{key}")
    elif isinstance(raw, list):
        assert isinstance(published, list) and len(published) == len(raw), where
        for index, (a, b) in enumerate(zip(raw, published, strict=True)):
            assert_yaml_in_json(a, b, f"{where}[{index}]")
    elif isinstance(raw, dt.date):
        assert published == raw.isoformat(), where
    elif isinstance(raw, bool) or raw is None:
        assert published is raw, where
    elif isinstance(raw, int | float):
        assert isinstance(published, int | float) and published == raw, where
    else:
        assert published == raw, where


ASSESSMENTS = [i for i, raw in RAW_EXERCISES.items() if raw.get("kind") == "assessment"]
ONLY_EXERCISES = [i for i in EXERCISES if i not in ASSESSMENTS]


def test_every_exercise_and_assessment_is_published(published) -> None:
    assert list(items_by_id(published, "exercises")) == ONLY_EXERCISES
    assert list(items_by_id(published, "assessments")) == ASSESSMENTS
    # Version 1 holds what its frozen schema can say: sets of reps, one of its patterns and
    # at least one piece of its equipment (the floor was "bodyweight" there).
    frozen = json.loads((FROZEN_V1 / "exercises.schema.json").read_text())["$defs"]["Exercise"]
    patterns = frozen["properties"]["pattern"]["enum"]
    equipment = {*frozen["properties"]["equipment"]["items"]["enum"], "floor"}
    in_v1 = [
        i
        for i in ONLY_EXERCISES
        if all(d.get("kind", "reps") == "reps" for d in RAW_EXERCISES[i]["dosage"])
        and RAW_EXERCISES[i]["pattern"] in patterns
        and equipment & {item for kit in RAW_EXERCISES[i]["kits"] for item in kit}
    ]
    assert list(items_by_id(published, "exercises", 1)) == in_v1


@pytest.mark.parametrize("exercise_id", ONLY_EXERCISES)
def test_exercise_round_trips_with_its_yaml(published, exercise_id) -> None:
    item = items_by_id(published, "exercises")[exercise_id]
    assert_yaml_in_json(RAW_EXERCISES[exercise_id], item, exercise_id)
    assert item["url"] == f"{BASE}exercises/{exercise_id}/"
    easier = {i for i, raw in RAW_EXERCISES.items() if exercise_id in raw.get("harder", [])}
    assert set(item["easier"]) == easier
    assert len(item["easier"]) == len(easier)


@pytest.mark.parametrize("session_id", SESSIONS)
def test_session_round_trips_with_its_yaml(published, session_id) -> None:
    item = items_by_id(published, "sessions")[session_id]
    assert_yaml_in_json(RAW_SESSIONS[session_id], item, session_id)
    assert item["url"] == f"{BASE}sessions/{session_id}/"
    assert item["pdf"] == f"{BASE}sessions/{session_id}.pdf"


def test_muscles_round_trip_with_the_catalogue(published) -> None:
    items = items_by_id(published, "muscles")
    assert list(items) == list(RAW_MUSCLES)
    for muscle_id, raw in RAW_MUSCLES.items():
        assert_yaml_in_json(raw, items[muscle_id], muscle_id)
        assert items[muscle_id]["url"] == f"{BASE}muscles/{muscle_id}/"


def test_round_trip_check_can_fail() -> None:
    with pytest.raises(AssertionError):
        assert_yaml_in_json({"reviewed": dt.date(2026, 1, 2)}, {"reviewed": "2026-01-03"}, "x")
    with pytest.raises(AssertionError):
        assert_yaml_in_json({"sets": {"min": 2, "max": 3}}, {"sets": {"min": 2}}, "x")


# --- free-exercise-db. --------------------------------------------------------------
# The vocabularies of free-exercise-db's schema.json
# (https://github.com/yuhonas/free-exercise-db/blob/main/schema.json), written out here
# because nothing is fetched. Unlike that schema, this one checks every list item (it uses
# tuple-form "items", which checks only the first) and rejects unknown keys.

FED_MUSCLES = [
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
]
FED_EQUIPMENT = [
    "medicine ball",
    "dumbbell",
    "body only",
    "bands",
    "kettlebells",
    "foam roll",
    "cable",
    "machine",
    "barbell",
    "exercise ball",
    "e-z curl bar",
    "other",
]
FED_FIELDS = {
    "id",
    "name",
    "force",
    "level",
    "mechanic",
    "equipment",
    "primaryMuscles",
    "secondaryMuscles",
    "instructions",
    "category",
    "images",
}
_strings = {"type": "array", "items": {"type": "string", "minLength": 1}}
_muscles = {"type": "array", "items": {"enum": FED_MUSCLES}, "uniqueItems": True}
FED_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "id": {"type": "string", "pattern": "^[0-9a-zA-Z_-]+$"},
        "name": {"type": "string"},
        "force": {"enum": [None, "static", "pull", "push"]},
        "level": {"enum": ["beginner", "intermediate", "expert"]},
        "mechanic": {"enum": ["isolation", "compound", None]},
        "equipment": {"enum": [None, *FED_EQUIPMENT]},
        "primaryMuscles": _muscles,
        "secondaryMuscles": _muscles,
        "instructions": _strings,
        "category": {
            "enum": [
                "powerlifting",
                "strength",
                "stretching",
                "cardio",
                "olympic weightlifting",
                "strongman",
                "plyometrics",
            ]
        },
        "images": {"type": "array", "items": {"type": "string"}},
    },
    "required": sorted(FED_FIELDS),
    "additionalProperties": False,
}


@pytest.fixture(scope="module")
def exported(library) -> dict[str, dict[str, Any]]:
    entries = json.loads(opendata.json_text(opendata.free_exercise_db(library)))
    return {entry["id"]: entry for entry in entries}


def test_free_exercise_db_holds_every_exercise(exported) -> None:
    assert sorted(exported) == ONLY_EXERCISES


@pytest.mark.parametrize("exercise_id", ONLY_EXERCISES)
def test_free_exercise_db_entry_uses_only_that_format(exported, exercise_id) -> None:
    entry = exported[exercise_id]
    assert set(entry) == FED_FIELDS
    Draft202012Validator(FED_SCHEMA).validate(entry)


def test_free_exercise_db_schema_can_fail(exported) -> None:
    entry = copy.deepcopy(exported[EXERCISES[0]])
    entry["secondaryMuscles"] = ["glutes", "soleus"]  # a Legwork id, not a free-exercise-db name
    with pytest.raises(jsonschema.ValidationError):
        Draft202012Validator(FED_SCHEMA).validate(entry)


def test_models_know_the_same_17_muscle_names() -> None:
    assert sorted(get_args(FreeExerciseDbMuscle)) == FED_MUSCLES


def _mapped(ids: list[str]) -> list[str]:
    names = [RAW_MUSCLES[i]["free_exercise_db"] for i in ids]
    return list(dict.fromkeys(n for n in names if n is not None))


@pytest.mark.parametrize("exercise_id", ONLY_EXERCISES)
def test_free_exercise_db_entry_follows_the_mappings(exported, exercise_id) -> None:
    raw, entry = RAW_EXERCISES[exercise_id], exported[exercise_id]
    muscles = raw["muscles"]
    primary = _mapped(muscles["primary"])
    secondary = _mapped(muscles.get("secondary", []) + muscles.get("stabiliser", []))
    assert entry["primaryMuscles"] == primary
    assert entry["secondaryMuscles"] == [m for m in secondary if m not in primary]
    assert not set(entry["primaryMuscles"]) & set(entry["secondaryMuscles"])
    assert entry["name"] == raw["name"]
    assert entry["level"] == {"advanced": "expert"}.get(raw["level"], raw["level"])
    pulls = {"hinge", "knee-flexion", "hip-adduction", "ankle-dorsiflexion", "hip-flexion"}
    pulls.add("foot")
    one_joint = {"calf-raise", "knee-flexion", "hip-abduction", "hip-adduction"}
    one_joint |= {"ankle-dorsiflexion", "hip-flexion", "foot", "trunk"}
    holds_only = raw["pattern"] == "trunk" or all(d.get("kind") == "hold" for d in raw["dosage"])
    force = "static" if holds_only else "pull" if raw["pattern"] in pulls else "push"
    assert entry["force"] == force
    assert entry["mechanic"] == ("isolation" if raw["pattern"] in one_joint else "compound")
    plyometric = raw["pattern"] == "plyometric"
    assert entry["category"] == ("plyometrics" if plyometric else "strength")
    assert entry["instructions"] == raw["technique"]["setup"] + raw["technique"]["execution"]
    assert entry["images"] == []


@pytest.mark.parametrize(
    "exercise_id",
    [
        i
        for i, raw in RAW_EXERCISES.items()
        if (raw.get("calf") or {}).get("emphasises") == "soleus"
    ],
)
def test_soleus_emphasis_keeps_calves_primary(exported, exercise_id) -> None:
    assert "calves" in exported[exercise_id]["primaryMuscles"]


def test_there_are_soleus_emphasis_exercises() -> None:
    assert any(
        (raw.get("calf") or {}).get("emphasises") == "soleus" for raw in RAW_EXERCISES.values()
    )


@pytest.mark.parametrize(
    ("equipment", "expected"),
    [
        (("barbell", "squat-rack", "bench"), "barbell"),
        (("bench", "barbell", "hip-thrust-pad"), "barbell"),
        (("seated-calf-machine",), "machine"),
        (("leg-press", "bodyweight"), "machine"),
        (("bench", "dumbbell"), "dumbbell"),
        (("bodyweight", "wall-or-support"), "body only"),
        (("floor",), "body only"),
        (("dowel",), "other"),
        (("kettlebell", "bench"), "kettlebells"),
        (("weight-plate", "bench"), "other"),
        (("resistance-band",), "bands"),
        (("bench", "box-or-step", "wall-or-support"), "other"),
    ],
)
def test_equipment_from_the_first_kit(equipment, expected) -> None:
    assert opendata.free_exercise_db_equipment(equipment) == expected


def test_every_legwork_value_has_a_free_exercise_db_mapping() -> None:
    fields = Exercise.model_fields
    assert set(opendata.FREE_EXERCISE_DB_EQUIPMENT) == set(get_args(Equipment))
    assert set(opendata.FREE_EXERCISE_DB_EQUIPMENT.values()) <= set(FED_EQUIPMENT)
    assert set(opendata.FREE_EXERCISE_DB_LEVEL) == set(get_args(fields["level"].annotation))
    assert set(opendata.FREE_EXERCISE_DB_FORCE) == set(get_args(fields["pattern"].annotation))
    assert set(opendata.FREE_EXERCISE_DB_MECHANIC) == set(get_args(fields["pattern"].annotation))
    for equipment in get_args(Equipment):
        assert opendata.free_exercise_db_equipment([equipment]) in FED_EQUIPMENT


def test_lossy_mappings_are_plain_sentences() -> None:
    assert len(opendata.LOSSY_MAPPINGS) >= 5
    for sentence in opendata.LOSSY_MAPPINGS:
        assert sentence[0].isupper() and sentence.endswith("."), sentence
        assert not set(sentence) & set("<>{}*[]|`#"), sentence


def test_lossy_mappings_name_every_dropped_and_merged_muscle() -> None:
    """The page must not understate the loss: keep LOSSY_MAPPINGS in step with muscles.yml."""
    text = " ".join(opendata.LOSSY_MAPPINGS).lower()
    by_name: dict[str | None, list[str]] = {}
    for muscle in RAW_MUSCLES.values():
        by_name.setdefault(muscle["free_exercise_db"], []).append(muscle["name"].lower())
    for name, muscles in by_name.items():
        if name is None or len(muscles) > 1:
            missing = [m for m in muscles if m not in text]
            assert not missing, f"LOSSY_MAPPINGS does not mention {missing}"
        if name is not None and len(muscles) > 1:
            assert f'"{name}"' in text
