"""Export a JSON Schema per data file type, from the same models that validate the data.

``python -m macros.schema`` writes ``docs/schemas/<kind>.schema.json``: the YAML files name
them in a ``# yaml-language-server: $schema=...`` comment so editors validate and complete
while people type, and the site publishes them beside the open data.
``python -m macros.schema --check`` fails when the committed files are out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from macros.models import (
    Exercise,
    Glossary,
    MuscleCatalogue,
    PublishedIds,
    Session,
    SourceCatalogue,
)

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "docs" / "schemas"
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
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"schemas/{kind}.schema.json",
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (sys.argv[1:] if argv is None else argv)
    stale = []
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for kind in MODELS:
        path = SCHEMA_DIR / f"{kind}.schema.json"
        text = schema_text(kind)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not check:
            path.write_text(text, encoding="utf-8")
    if check and stale:
        names = ", ".join(str(p.relative_to(SCHEMA_DIR.parent.parent)) for p in stale)
        print(f"out of date: {names}; run python -m macros.schema", file=sys.stderr)
        return 1
    print(f"{len(MODELS)} schemas {'checked' if check else 'written'} in docs/schemas/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
