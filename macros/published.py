"""``python -m macros.published [--check]``: keep ``data/published.yml`` current.

Like a lock file, the list records every id the site has published, so validation can
stop a page's URL from silently disappearing. ``make validate`` adds new ids; ``--check``
(run by the tests) fails when the committed list is missing a live id.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.errors import DataErrors
from macros.loader import load_library
from macros.models import Library

HEADER = """\
# yaml-language-server: $schema=../docs/schemas/published.schema.json
# Every id the site has published. Keep it: an id may only leave by being listed in the
# renamed entry's previous_ids, and its old URL then redirects. `make validate` adds new ids.
"""


def live_ids(library: Library) -> dict[str, list[str]]:
    return {
        "exercises": sorted(library.exercises),
        "muscles": sorted(library.muscles),
        "sessions": sorted(library.sessions),
    }


def published_text(current: dict[str, list[str]], library: Library) -> str:
    merged = {
        kind: sorted(set(current.get(kind, [])) | set(ids))
        for kind, ids in live_ids(library).items()
    }
    body = "".join(
        f"{kind}:\n" + "".join(f"  - {item}\n" for item in ids) for kind, ids in merged.items()
    )
    return HEADER + body


def main(argv: list[str] | None = None) -> int:
    import yaml

    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    data_dir = Path(next((a for a in args if not a.startswith("-")), "data"))
    try:
        library = load_library(data_dir)
    except DataErrors as exc:
        print(exc, file=sys.stderr)
        return 1
    path = data_dir / "published.yml"
    current = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    text = published_text(current, library)
    if path.read_text(encoding="utf-8") == text:
        return 0
    if check:
        print(
            f"{path}: new ids are not recorded; run `make validate` and commit it", file=sys.stderr
        )
        return 1
    path.write_text(text, encoding="utf-8")
    print(f"{path}: recorded the new ids")
    return 0


if __name__ == "__main__":
    sys.exit(main())
