"""A JSON Schema per data file type, from the same models that validate the data.

Editors with the YAML language server validate and complete while people type, from the
``# yaml-language-server: $schema=...`` comment at the top of each data file; the site
publishes the same schemas beside the open data. ``legwork schemas`` writes them to
``docs/schemas/``.
"""

from __future__ import annotations

import json

from pydantic import BaseModel

from macros.data.models import (
    Exercise,
    Glossary,
    MuscleCatalogue,
    PublishedIds,
    Session,
    SourceCatalogue,
)

MODELS: dict[str, type[BaseModel]] = {
    "exercise": Exercise,
    "session": Session,
    "muscles": MuscleCatalogue,
    "sources": SourceCatalogue,
    "glossary": Glossary,
    "published": PublishedIds,
}


def schema_text(kind: str) -> str:
    schema = MODELS[kind].model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
