"""The library as open data: a versioned JSON API, its JSON Schemas, and a free-exercise-db export.

Pure functions of a :class:`~macros.models.Library` and the site's absolute URL; no MkDocs
import. Items are the models' own ``model_dump(mode="json")`` and the schemas are the models'
own ``model_json_schema()``, each extended with a few derived fields, so the data, the JSON
and its schema cannot drift apart. The MkDocs adapter writes what these functions return.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from macros.data.library import Library
from macros.data.models import (
    Equipment,
    Exercise,
    FreeExerciseDbMuscle,
    GlossaryTerm,
    Muscle,
    Session,
    Source,
)
from macros.site import urls
from macros.site.urls import absolute, api_document, api_schema, page_url

API_VERSION = 1
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = "Legwork contributors"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

COLLECTIONS: dict[str, type[BaseModel]] = {
    "exercises": Exercise,
    "muscles": Muscle,
    "sessions": Session,
    "sources": Source,
    "glossary": GlossaryTerm,
}
"""Each API document's name and the model of its items, in publishing order."""

_URL_SCHEMA: dict[str, Any] = {"type": "string", "format": "uri", "pattern": "^https?://"}


def _derived_fields() -> dict[str, dict[str, dict[str, Any]]]:
    """JSON Schemas of the fields each item carries beyond its model's own."""
    id_schema = Exercise.model_json_schema(mode="serialization")["properties"]["harder"]["items"]
    return {
        "exercises": {
            "url": {**_URL_SCHEMA, "description": "The exercise's page on the site."},
            "easier": {
                "type": "array",
                "items": id_schema,
                "description": "Ids of the easier steps: every exercise that lists this one "
                "as harder.",
            },
        },
        "muscles": {"url": {**_URL_SCHEMA, "description": "The muscle's page on the site."}},
        "sessions": {
            "url": {**_URL_SCHEMA, "description": "The session's page on the site."},
            "pdf": {**_URL_SCHEMA, "description": "The printable session card (PDF)."},
        },
        "sources": {},
        "glossary": {},
    }


# --- The API documents. -------------------------------------------------------------


def exercise_item(library: Library, exercise: Exercise, site_url: str) -> dict[str, Any]:
    return {
        **exercise.model_dump(mode="json"),
        "url": page_url(site_url, "exercise", exercise.id),
        "easier": list(library.easier(exercise.id)),
    }


def muscle_item(muscle: Muscle, site_url: str) -> dict[str, Any]:
    return {**muscle.model_dump(mode="json"), "url": page_url(site_url, "muscle", muscle.id)}


def session_item(session: Session, site_url: str) -> dict[str, Any]:
    return {
        **session.model_dump(mode="json"),
        "url": page_url(site_url, "session", session.id),
        "pdf": absolute(site_url, urls.session_pdf(session.id)),
    }


def api_documents(library: Library, site_url: str) -> dict[str, object]:
    """Every API document, keyed by its path under the site (``api/v1/exercises.json``)."""
    items: dict[str, list[dict[str, Any]]] = {
        "exercises": [exercise_item(library, e, site_url) for e in library.exercises.values()],
        "muscles": [muscle_item(m, site_url) for m in library.muscles.values()],
        "sessions": [session_item(s, site_url) for s in library.sessions.values()],
        "sources": [s.model_dump(mode="json") for s in library.sources.values()],
        "glossary": [t.model_dump(mode="json") for t in library.glossary],
    }
    return {
        api_document(name): {
            "version": API_VERSION,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "attribution": ATTRIBUTION,
            "schema": absolute(site_url, api_schema(name)),
            "items": items[name],
        }
        for name in COLLECTIONS
    }


# --- Their JSON Schemas. ------------------------------------------------------------


def item_schema(name: str) -> dict[str, Any]:
    """The model's JSON Schema plus the derived fields; every key is required.

    ``model_dump`` writes every field, defaults and nulls included, so consumers may rely
    on every key being present: the schema says so for the item and each nested object.
    """
    model = COLLECTIONS[name]
    schema = copy.deepcopy(model.model_json_schema(mode="serialization"))
    derived = _derived_fields()[name]
    clashes = sorted(set(derived) & set(schema["properties"]))
    if clashes:
        raise ValueError(f"{model.__name__} already has fields named {', '.join(clashes)}")
    schema["properties"].update(derived)
    for part in (schema, *schema.get("$defs", {}).values()):
        if "properties" in part:
            part["required"] = list(part["properties"])
    return schema


def document_schema(name: str, site_url: str) -> dict[str, Any]:
    """The JSON Schema of one API document: the envelope, closed, around its items."""
    model_name = COLLECTIONS[name].__name__
    items = item_schema(name)
    defs = items.pop("$defs", {})
    defs[model_name] = items
    properties: dict[str, Any] = {
        "version": {"const": API_VERSION, "description": "Bumped on any breaking change."},
        "licence": {"const": LICENCE},
        "licence_url": {"const": LICENCE_URL},
        "attribution": {"const": ATTRIBUTION, "description": "Credit this when you reuse it."},
        "schema": {
            "const": absolute(site_url, api_schema(name)),
            "description": "This schema's URL.",
        },
        "items": {"type": "array", "items": {"$ref": f"#/$defs/{model_name}"}},
    }
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": absolute(site_url, api_schema(name)),
        "title": f"Legwork {name}",
        "description": f"Legwork's {name} as open data, version {API_VERSION}; {LICENCE}.",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "$defs": defs,
    }


def api_schemas(site_url: str) -> dict[str, object]:
    """Every API document's JSON Schema, keyed by path (``api/v1/exercises.schema.json``)."""
    return {api_schema(name): document_schema(name, site_url) for name in COLLECTIONS}


def documents(library: Library, site_url: str) -> dict[str, object]:
    """Everything the open data publishes, keyed by its path on the site."""
    published = {**api_documents(library, site_url), **api_schemas(site_url)}
    published[urls.FREE_EXERCISE_DB_EXPORT] = free_exercise_db(library)
    return published


def json_text(value: object) -> str:
    """The bytes to publish for a document or schema: stable, readable, UTF-8, one newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


# --- free-exercise-db export. -------------------------------------------------------
# The format of https://github.com/yuhonas/free-exercise-db (schema.json): one flat object
# per exercise with fixed vocabularies. Legwork holds more than that format can say; what is
# lost or approximated is listed in LOSSY_MAPPINGS, which the Open data page prints.

FREE_EXERCISE_DB_LEVEL: dict[str, str] = {
    "beginner": "beginner",
    "intermediate": "intermediate",
    "advanced": "expert",
}
FREE_EXERCISE_DB_FORCE: dict[str, str] = {
    "hinge": "pull",  # the hands pull the load up from the floor, as in its Romanian deadlift
    "hip-extension": "push",  # the hips push the load up, as in its barbell hip thrust
    "split-squat": "push",
    "calf-raise": "push",
}
FREE_EXERCISE_DB_MECHANIC: dict[str, str] = {
    "hinge": "compound",
    "hip-extension": "compound",
    "split-squat": "compound",
    "calf-raise": "isolation",  # one joint, the ankle
}
FREE_EXERCISE_DB_EQUIPMENT: dict[str, str] = {
    "barbell": "barbell",
    "seated-calf-machine": "machine",
    "leg-press": "machine",
    "bodyweight": "body only",
    "dumbbell": "dumbbell",
    "kettlebell": "kettlebells",
    "weight-plate": "other",
    "bench": "other",
    "box-or-step": "other",
    "wall-or-support": "other",
    "dowel": "other",
    "hip-thrust-pad": "other",
    "squat-rack": "other",
}
EQUIPMENT_PRIORITY: tuple[frozenset[str], ...] = (
    frozenset({"barbell", "seated-calf-machine", "leg-press"}),
    frozenset({"bodyweight"}),
    frozenset({"dumbbell", "kettlebell", "weight-plate"}),
)
"""Which listed item becomes free-exercise-db's one equipment value, highest tier first.

1. A barbell or machine: the exercise is built around it.
2. Body weight: the exercise can be done with nothing else; added weights are progressions.
3. The first free weight listed.
Ties within a tier go to the item listed first; with none of these the value is "other".
"""

LOSSY_MAPPINGS: tuple[str, ...] = (
    'The soleus and the gastrocnemius both become "calves", so the export cannot tell a '
    "bent-knee calf raise (soleus emphasis) from a straight-knee one (gastrocnemius emphasis).",
    'The gluteus medius becomes "abductors", the nearest of free-exercise-db\'s muscle names.',
    "The tibialis anterior has no match among free-exercise-db's muscle names and is dropped.",
    "Stabilising muscles are listed as secondary muscles, and a muscle that is primary is not "
    "listed again as secondary.",
    'The level "advanced" becomes "expert".',
    "Equipment becomes one value: a barbell or machine if the exercise uses one, otherwise "
    '"body only" if it can be done with body weight alone, otherwise the first dumbbell or '
    "kettlebell listed. Benches, boxes, supports, dowels, pads, racks and weight plates "
    'become "other", or are left out when a more important item is listed.',
    'Force follows the movement pattern: hinges are "pull"; split squats, bridges, hip thrusts '
    'and calf raises are "push".',
    'Mechanic is "isolation" for calf raises and "compound" for everything else, and the '
    'category is always "strength".',
    "The instructions are the setup steps followed by the execution steps. Cues, common "
    "faults and safety notes have no field and are dropped.",
    "Dosage, the ladder of easier and harder steps, aliases, the summary, why the exercise "
    "matters for runners, whether it is single-leg, the knee angle of calf raises, sources "
    "and the review date have no field and are dropped.",
    "Ids are Legwork's own (such as romanian-deadlift, not Romanian_Deadlift), so an exercise "
    "held by both databases appears under two ids, and the images list is empty.",
)


def free_exercise_db_equipment(equipment: Sequence[Equipment]) -> str:
    """The one free-exercise-db equipment value for a list of Legwork equipment."""
    for tier in EQUIPMENT_PRIORITY:
        chosen = next((item for item in equipment if item in tier), None)
        if chosen is not None:
            return FREE_EXERCISE_DB_EQUIPMENT[chosen]
    return "other"


def free_exercise_db_muscles(
    library: Library, exercise: Exercise
) -> tuple[list[FreeExerciseDbMuscle], list[FreeExerciseDbMuscle]]:
    """Primary and secondary muscle names: unmatched muscles dropped, each name once."""

    def mapped(ids: Sequence[str]) -> list[FreeExerciseDbMuscle]:
        names = (library.muscles[muscle_id].free_exercise_db for muscle_id in ids)
        return list(dict.fromkeys(name for name in names if name is not None))

    primary = mapped(exercise.muscles.primary)
    secondary = mapped(exercise.muscles.secondary + exercise.muscles.stabiliser)
    return primary, [name for name in secondary if name not in primary]


def free_exercise_db_entry(library: Library, exercise: Exercise) -> dict[str, Any]:
    primary, secondary = free_exercise_db_muscles(library, exercise)
    return {
        "id": exercise.id,
        "name": exercise.name,
        "force": FREE_EXERCISE_DB_FORCE[exercise.pattern],
        "level": FREE_EXERCISE_DB_LEVEL[exercise.level],
        "mechanic": FREE_EXERCISE_DB_MECHANIC[exercise.pattern],
        "equipment": free_exercise_db_equipment(exercise.equipment),
        "primaryMuscles": primary,
        "secondaryMuscles": secondary,
        "instructions": [*exercise.technique.setup, *exercise.technique.execution],
        "category": "strength",
        "images": [],
    }


def free_exercise_db(library: Library) -> list[dict[str, Any]]:
    """Every exercise in free-exercise-db's format, as its ``dist/exercises.json`` lists them."""
    return [free_exercise_db_entry(library, e) for e in library.exercises.values()]
