"""A JSON Schema per data file type, from the same models that validate the data.

Editors with the YAML language server validate and complete while people type, from the
``# yaml-language-server: $schema=...`` comment at the top of each data file; the site
publishes the same schemas beside the open data. ``legwork schemas`` writes them to
``docs/schemas/``.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from pydantic import BaseModel, TypeAdapter

from macros.data.coaching import Coaching
from macros.data.models import (
    Assessment,
    BodyMap,
    Exercise,
    Glossary,
    MuscleCatalogue,
    Programme,
    PublishedIds,
    Session,
    SourceCatalogue,
    WarmUp,
)
from macros.data.watch import FitExercises

MODELS: dict[str, Any] = {
    "exercise": Exercise | Assessment,  # an exercise file holds either; `kind` says which
    "session": Session,
    "programme": Programme,
    "muscles": MuscleCatalogue,
    "sources": SourceCatalogue,
    "glossary": Glossary,
    "published": PublishedIds,
    "body-map": BodyMap,
    "fit-exercises": FitExercises,
    "warm-up": WarmUp,
    "coaching": Coaching,
}


@functools.cache  # the models do not change while a process runs (`mkdocs serve`)
def schema_text(kind: str) -> str:
    model = MODELS[kind]
    if isinstance(model, type) and issubclass(model, BaseModel):
        schema = model.model_json_schema(mode="validation")
    else:
        schema = TypeAdapter(model).json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
