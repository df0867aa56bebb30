"""The library as open data: a versioned JSON API, its JSON Schemas, and a free-exercise-db export.

Pure functions of a :class:`~macros.data.library.Library` and the site's absolute URL; no
MkDocs import. Items are the models' own ``model_dump(mode="json")`` and the schemas are
the models' own ``model_json_schema()``, each extended with a few derived fields, so the
data, the JSON and its schema cannot drift apart.

Two versions are published side by side. ``api/v2`` is the whole data model: kits, tempo,
dose kinds, legs per stage, progression rules, assessments. ``api/v1`` keeps its promise to
earlier users, who only ever see additions: every field it had keeps its type (the flat
``equipment`` list stays beside the new ``kits``; warm-up lines stay text), and it lists the
exercises and sessions that its shape can express (sets × reps), so an exercise counted in
seconds or ground contacts, and an assessment, are in v2 only.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, Field

from macros.data import kinds, models, rules
from macros.data.library import Library
from macros.data.models import (
    Assessment,
    Block,
    CardLine,
    Dose,
    Equipment,
    Exercise,
    FreeExerciseDbMuscle,
    GlossaryTerm,
    Muscle,
    Programme,
    Range,
    Session,
    Source,
    Timed,
)
from macros.data.timing import session_minutes
from macros.data.vocab import EQUIPMENT
from macros.site import urls
from macros.site.urls import absolute, api_document, api_schema, page_url

VERSIONS = (1, 2)
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = "Legwork contributors"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


# --- What version 1 promised: the same fields with the same types, plus additions. ------


class V1Dose(Dose):
    reps: Range = Field(description="Reps per set; per side for a single-leg stage.")
    reps_in_reserve: Range = Field(description="Stop each set with this many reps left.")


class V1Exercise(Exercise):
    dosage: tuple[V1Dose, ...] = Field(min_length=1, max_length=3)


class V1Block(Block):
    reps: Range = Field(description="Reps per set; per side for a single-leg stage.")


class V1Muscle(Muscle):
    side: Literal["front", "back", "side"] = Field(  # type: ignore[assignment]
        description="Where it sits: front, back or side of the body (inner-thigh muscles "
        "read side; version 2 tells the inner from the outer side)."
    )
    region: Literal["hip", "thigh", "lower-leg", "trunk"] = Field(  # type: ignore[assignment]
        description="The body region (foot muscles read lower-leg; version 2 has a foot region)."
    )


V1Muscle.model_rebuild(_types_namespace=vars(models))

V1_SIDES = {"inner": "side"}
"""Sides version 1 never had, and the one it reads instead."""
V1_REGIONS = {"foot": "lower-leg"}
"""Body regions version 1 never had, and the one it reads instead."""


class V1Session(Session):
    warm_up: tuple[CardLine, ...] = Field(min_length=1, max_length=3)  # type: ignore[valid-type]
    finish: tuple[CardLine, ...] = Field(default=(), max_length=2)  # type: ignore[valid-type]
    warm_up_timed: tuple[Timed, ...] = Field(description="The warm-up with minutes.")
    finish_timed: tuple[Timed, ...] = Field(description="The finish with minutes.")
    blocks: tuple[V1Block, ...] = Field(min_length=1, max_length=6)


COLLECTIONS: dict[int, dict[str, type[BaseModel]]] = {
    1: {
        "exercises": V1Exercise,
        "muscles": V1Muscle,
        "sessions": V1Session,
        "programmes": Programme,
        "sources": Source,
        "glossary": GlossaryTerm,
    },
    2: {
        **{kind.open_data: kind.model for kind in kinds.KINDS.values()},
        "sources": Source,
        "glossary": GlossaryTerm,
    },
}
"""Each version's documents and the model of their items, in publishing order: version 2
publishes one document per kind in the registry, then the sources and the glossary."""


def collections(version: int) -> dict[str, type[BaseModel]]:
    """A version's documents as :data:`COLLECTIONS` lists them, and in the newest version
    a document for each kind registered since (``macros.data.kinds``)."""
    named = dict(COLLECTIONS[version])
    if version == VERSIONS[-1]:
        for kind in kinds.KINDS.values():
            named.setdefault(kind.open_data, kind.model)
    return named


_URL_SCHEMA: dict[str, Any] = {"type": "string", "format": "uri", "pattern": "^https?://"}
_IDS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}


def _derived_fields(name: str) -> dict[str, dict[str, Any]]:
    """JSON Schemas of the fields each item carries beyond its model's own."""
    equipment = {
        "type": "array",
        "items": {"type": "string"},
        "description": "Every item of every kit, once: the flat list of version 1.",
    }
    derived: dict[str, dict[str, dict[str, Any]]] = {
        "exercises": {
            "url": {**_URL_SCHEMA, "description": "The exercise's page on the site."},
            "easier": {
                **_IDS,
                "description": "Ids of the easier steps: every exercise that lists this one "
                "as harder.",
            },
            "equipment": equipment,
        },
        "assessments": {
            "url": {**_URL_SCHEMA, "description": "The assessment's page on the site."},
            "equipment": equipment,
        },
        "muscles": {"url": {**_URL_SCHEMA, "description": "The muscle's page on the site."}},
        "sessions": {
            "url": {**_URL_SCHEMA, "description": "The session's page on the site."},
            "pdf": {**_URL_SCHEMA, "description": "The printable session card (PDF)."},
            "minutes": {
                "type": "integer",
                "description": "The session's time computed from the data (see the README).",
            },
            "kit": {**_IDS, "description": "The least equipment that covers every block."},
        },
        "programmes": {
            "url": {**_URL_SCHEMA, "description": "The programme's page on the site."},
            "pdf": {**_URL_SCHEMA, "description": "The printable booklet (PDF)."},
            "moves_up": {
                "type": "array",
                "description": "Each exercise a week moves up a stage: the week whose sets "
                "decide it (the last full week, never a deload), the rule its earlier stage had "
                "to meet, and what to do if it was not.",
                "items": {
                    "type": "object",
                    "properties": {
                        "week": {"type": "integer"},
                        "rule_week": {"type": "integer"},
                        "exercise": {"type": "string"},
                        "from_stage": {"type": "string"},
                        "to_stage": {"type": "string"},
                        "progress_when": {"type": "object"},
                        "if_rule_not_met": {"type": "string"},
                    },
                    "required": [
                        "week",
                        "rule_week",
                        "exercise",
                        "from_stage",
                        "to_stage",
                        "progress_when",
                        "if_rule_not_met",
                    ],
                },
            },
        },
    }
    if name in derived:
        return derived[name]
    has_pages = any(kind.open_data == name for kind in kinds.KINDS.values())
    return (
        {"url": {**_URL_SCHEMA, "description": "The entry's page on the site."}}
        if has_pages
        else {}
    )


# --- The API documents. -------------------------------------------------------------


V1_PATTERNS = ("hinge", "split-squat", "hip-extension", "calf-raise")
V1_EQUIPMENT = {
    **{
        item: item
        for item in (
            "bodyweight",
            "kettlebell",
            "dumbbell",
            "barbell",
            "bench",
            "box-or-step",
            "wall-or-support",
            "seated-calf-machine",
            "leg-press",
            "dowel",
            "weight-plate",
            "hip-thrust-pad",
            "squat-rack",
        )
    },
    "floor": "bodyweight",  # version 1 wrote "bodyweight" for "nothing but the floor"
    "wall": "wall-or-support",
}
"""Version 1's closed equipment list, and what a newer item is called in it; an item with
no equivalent (a band, a partner) is left out of version 1's flat list."""


def v1_equipment(exercise: Exercise) -> list[str]:
    mapped = (V1_EQUIPMENT.get(item) for item in exercise.equipment)
    return list(dict.fromkeys(item for item in mapped if item))


def v1_expresses(entry: Exercise | Session, library: Library) -> bool:
    """Whether version 1's shape can hold an exercise (sets × reps, a version 1 pattern,
    equipment it can name) or a session (every block such an exercise in reps)."""
    if isinstance(entry, Session):
        return all(
            block.measure == "reps" and v1_expresses(library.exercises[block.exercise], library)
            for block in entry.blocks
        )
    return (
        all(dose.kind == "reps" for dose in entry.dosage)
        and entry.pattern in V1_PATTERNS
        and bool(v1_equipment(entry))
    )


def exercise_item(
    library: Library, exercise: Exercise, site_url: str, version: int = 2
) -> dict[str, Any]:
    equipment = v1_equipment(exercise) if version == 1 else list(exercise.equipment)
    return {
        **exercise.model_dump(mode="json"),
        "url": page_url(site_url, "exercise", exercise.id),
        "easier": list(library.easier(exercise.id)),
        "equipment": equipment,
    }


def assessment_item(assessment: Assessment, site_url: str) -> dict[str, Any]:
    return {
        **assessment.model_dump(mode="json"),
        "url": page_url(site_url, "assessment", assessment.id),
        "equipment": list(assessment.equipment),
    }


def muscle_item(muscle: Muscle, site_url: str, version: int = 2) -> dict[str, Any]:
    item = {**muscle.model_dump(mode="json"), "url": page_url(site_url, "muscle", muscle.id)}
    if version == 1:
        item["side"] = V1_SIDES.get(item["side"], item["side"])
        item["region"] = V1_REGIONS.get(item["region"], item["region"])
    return item


def session_item(library: Library, session: Session, site_url: str) -> dict[str, Any]:
    return {
        **session.model_dump(mode="json"),
        "url": page_url(site_url, "session", session.id),
        "pdf": absolute(site_url, urls.session_pdf(session.id)),
        "minutes": session_minutes(library, session),
        "kit": list(library.session_kit(session)),
    }


def v1_session_item(library: Library, session: Session, site_url: str) -> dict[str, Any]:
    item = session_item(library, session, site_url)
    item["warm_up_timed"], item["finish_timed"] = item["warm_up"], item["finish"]
    item["warm_up"] = [step["text"] for step in item["warm_up_timed"]]
    item["finish"] = [step["text"] for step in item["finish_timed"]]
    # v1 promised a placement on every card; a card that has none of its own follows the
    # site's rule, so v1 gets the rule's days as written in data/coaching.yml.
    if item["week_placement"] is None and library.coaching is not None:
        item["week_placement"] = library.coaching.when_to_lift.days
    return item


def programme_item(
    programme: Programme, site_url: str, library: Library | None = None
) -> dict[str, Any]:
    return {
        **programme.model_dump(mode="json"),
        "moves_up": rules.move_records(library, programme) if library else [],
        "url": page_url(site_url, "programme", programme.id),
        "pdf": absolute(site_url, urls.booklet_pdfs(programme.id)[0]),
    }


def api_documents(library: Library, site_url: str) -> dict[str, object]:
    """Every API document of both versions, keyed by its path (``api/v1/exercises.json``)."""
    exercises = list(library.exercises.values())
    sessions = list(library.sessions.values())
    items: dict[int, dict[str, list[dict[str, Any]]]] = {
        2: {
            "exercises": [exercise_item(library, e, site_url) for e in exercises],
            "assessments": [assessment_item(a, site_url) for a in library.assessments.values()],
            "sessions": [session_item(library, s, site_url) for s in sessions],
        },
        1: {
            "exercises": [
                exercise_item(library, e, site_url, 1)
                for e in exercises
                if v1_expresses(e, library)
            ],
            "sessions": [
                v1_session_item(library, s, site_url) for s in sessions if v1_expresses(s, library)
            ],
        },
    }
    for version in VERSIONS:
        # Programmes came after version 1 froze: an addition, the same in both versions.
        items[version]["programmes"] = [
            programme_item(p, site_url, library) for p in library.programmes.values()
        ]
        items[version]["muscles"] = [
            muscle_item(m, site_url, version) for m in library.muscles.values()
        ]
        items[version]["sources"] = [s.model_dump(mode="json") for s in library.sources.values()]
        items[version]["glossary"] = [t.model_dump(mode="json") for t in library.glossary]
    newest = items[VERSIONS[-1]]
    for kind in kinds.KINDS.values():  # a kind added later: its entries and their pages
        if kind.open_data not in newest:
            newest[kind.open_data] = [
                {**entry.model_dump(mode="json"), "url": page_url(site_url, kind.name, entry.id)}
                for entry in kind.of(library).values()
            ]
    return {
        api_document(name, version): {
            "version": version,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "attribution": ATTRIBUTION,
            "schema": absolute(site_url, api_schema(name, version)),
            "items": items[version][name],
        }
        for version in VERSIONS
        for name in collections(version)
    }


# --- Their JSON Schemas. ------------------------------------------------------------


def item_schema(name: str, version: int = 1) -> dict[str, Any]:
    """The model's JSON Schema plus the derived fields; every key is required.

    ``model_dump`` writes every field, defaults and nulls included, so consumers may rely
    on every key being present: the schema says so for the item and each nested object.
    """
    model = collections(version)[name]
    schema = copy.deepcopy(_serialization_schema(model))
    derived = _derived_fields(name)
    clashes = sorted(set(derived) & set(schema["properties"]))
    if clashes:
        raise ValueError(f"{model.__name__} already has fields named {', '.join(clashes)}")
    schema["properties"].update(derived)
    for part in (schema, *schema.get("$defs", {}).values()):
        if "properties" in part:
            part["required"] = list(part["properties"])
    return schema


@cache  # a model's schema never changes while the code runs; drawing it up is slow
def _serialization_schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema(mode="serialization")


def document_schema(name: str, site_url: str, version: int = 1) -> dict[str, Any]:
    """The JSON Schema of one API document: the envelope, closed, around its items."""
    model_name = collections(version)[name].__name__
    items = item_schema(name, version)
    defs = items.pop("$defs", {})
    defs[model_name] = items
    properties: dict[str, Any] = {
        "version": {"const": version, "description": "Bumped on any breaking change."},
        "licence": {"const": LICENCE},
        "licence_url": {"const": LICENCE_URL},
        "attribution": {"const": ATTRIBUTION, "description": "Credit this when you reuse it."},
        "schema": {
            "const": absolute(site_url, api_schema(name, version)),
            "description": "This schema's URL.",
        },
        "items": {"type": "array", "items": {"$ref": f"#/$defs/{model_name}"}},
    }
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": absolute(site_url, api_schema(name, version)),
        "title": f"Legwork {name}",
        "description": f"Legwork's {name} as open data, version {version}; {LICENCE}.",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "$defs": defs,
    }


def api_schemas(site_url: str) -> dict[str, object]:
    """Every API document's JSON Schema, keyed by path (``api/v1/exercises.schema.json``)."""
    return {
        api_schema(name, version): document_schema(name, site_url, version)
        for version in VERSIONS
        for name in collections(version)
    }


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
    "split-squat": "push",
    "squat": "push",
    "step": "push",
    "hip-extension": "push",  # the hips push the load up, as in its barbell hip thrust
    "knee-flexion": "pull",  # as its leg curls
    "hip-abduction": "push",  # as its thigh abductor
    "hip-adduction": "pull",  # as its thigh adductor
    "calf-raise": "push",
    "ankle-dorsiflexion": "pull",
    "plyometric": "push",
    "hip-flexion": "pull",  # the thigh is drawn up, as in its leg raises
    "foot": "pull",  # the toes and arch draw in
    "trunk": "static",  # holds
}
FREE_EXERCISE_DB_MECHANIC: dict[str, str] = {
    "hinge": "compound",
    "split-squat": "compound",
    "squat": "compound",
    "step": "compound",
    "hip-extension": "compound",
    "knee-flexion": "isolation",  # one joint, the knee
    "hip-abduction": "isolation",
    "hip-adduction": "isolation",
    "calf-raise": "isolation",  # one joint, the ankle
    "ankle-dorsiflexion": "isolation",
    "plyometric": "compound",
    "hip-flexion": "isolation",  # one joint, the hip
    "foot": "isolation",
    "trunk": "isolation",  # as its plank
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
    "wall": "body only",
    "dowel": "other",
    "hip-thrust-pad": "other",
    "squat-rack": "other",
    "floor": "body only",
    "resistance-band": "bands",
    "backpack": "other",
    "slant-board": "other",
    "partner": "other",
    "nordic-anchor": "other",
    "towel": "other",
    "tape-measure": "other",
}
EQUIPMENT_PRIORITY: tuple[frozenset[str], ...] = (
    frozenset({"barbell", "seated-calf-machine", "leg-press"}),
    frozenset({"dumbbell", "kettlebell", "weight-plate", "resistance-band"}),
)
"""Which item of the first kit becomes free-exercise-db's one equipment value, highest tier
first: a barbell or machine (the exercise is built around it), then the first free weight
or band. Ties within a tier go to the item listed first. A kit of nothing but what is
always at hand (body weight, the floor, a wall) is "body only"; anything else is "other"."""

LOSSY_MAPPINGS: tuple[str, ...] = (
    'The soleus and the gastrocnemius both become "calves", so the export cannot tell a '
    "bent-knee calf raise (soleus emphasis) from a straight-knee one (gastrocnemius emphasis).",
    'The gluteus medius becomes "abductors", the nearest of free-exercise-db\'s muscle names.',
    "The tibialis anterior, the hip flexors (iliopsoas) and the intrinsic foot muscles have "
    "no match among free-exercise-db's muscle names and are dropped.",
    "Stabilising muscles are listed as secondary muscles, and a muscle that is primary is not "
    "listed again as secondary.",
    'The level "advanced" becomes "expert".',
    "Equipment becomes one value, read from the exercise's first kit only (the other kits "
    "are alternatives the format cannot hold): a barbell or machine if the kit has one, "
    "otherwise its first dumbbell, kettlebell, weight plate or band, otherwise "
    '"body only" when everything in it is always at hand (body weight, the floor, a wall), '
    'otherwise "other". Benches, boxes, dowels, pads, racks and partners are not named.',
    'Force follows the movement pattern ("pull" for hinges, hamstring curls, inner-thigh '
    'work, shin raises, hip flexion and foot work; "static" for trunk holds; "push" for the '
    'rest), except that an exercise done only as holds is "static".',
    'Mechanic is "isolation" for one-joint patterns (calf raises, hamstring curls, side-hip '
    "and inner-thigh work, shin raises, hip flexion, foot work) and for trunk holds, and "
    '"compound" for the rest. The category is '
    '"plyometrics" for hops, skips and bounds and "strength" for everything else.',
    "The instructions are the setup steps followed by the execution steps. Cues, common "
    "faults and safety notes have no field and are dropped.",
    "Dosage (sets, reps, holds, ground contacts, tempo and progression rules), the ladder of "
    "easier and harder steps, aliases, the summary, why the exercise matters for runners, "
    "whether it is single-leg, the knee angle of calf raises, sources and the review date "
    "have no field and are dropped. Assessments such as the heel-raise test are not "
    "exercises in that format and are left out.",
    "Ids are Legwork's own (such as romanian-deadlift, not Romanian_Deadlift), so an exercise "
    "held by both databases appears under two ids, and the images list is empty.",
)


def free_exercise_db_equipment(kit: Sequence[Equipment]) -> str:
    """The one free-exercise-db equipment value for a kit of Legwork equipment."""
    for tier in EQUIPMENT_PRIORITY:
        chosen = next((item for item in kit if item in tier), None)
        if chosen is not None:
            return FREE_EXERCISE_DB_EQUIPMENT[chosen]
    if all(EQUIPMENT[item].always_at_hand for item in kit):
        return "body only"
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
        "force": "static"
        if all(dose.kind == "hold" for dose in exercise.dosage)
        else FREE_EXERCISE_DB_FORCE[exercise.pattern],
        "level": FREE_EXERCISE_DB_LEVEL[exercise.level],
        "mechanic": FREE_EXERCISE_DB_MECHANIC[exercise.pattern],
        "equipment": free_exercise_db_equipment(exercise.kits[0]),
        "primaryMuscles": primary,
        "secondaryMuscles": secondary,
        "instructions": [*exercise.technique.setup, *exercise.technique.execution],
        "category": "plyometrics" if exercise.pattern == "plyometric" else "strength",
        "images": [],
    }


def free_exercise_db(library: Library) -> list[dict[str, Any]]:
    """Every exercise in free-exercise-db's format, as its ``dist/exercises.json`` lists them."""
    return [free_exercise_db_entry(library, e) for e in library.exercises.values()]
