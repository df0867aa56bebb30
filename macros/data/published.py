"""``data/published.yml``: every id the site has ever published, kept like a lock file.

Validation stops a page's URL from silently disappearing (``checks``); this module computes
what the file should hold once the live ids are recorded. The command line writes it
(``legwork ids``) or checks it is current (``legwork ids --check``).
"""

from __future__ import annotations

from macros.data import kinds
from macros.data.library import Library

HEADER = """\
# yaml-language-server: $schema=../docs/schemas/published.schema.json
# Every id the site has published. Keep it: an id may only leave by being listed in the
# renamed entry's previous_ids, and its old URL then redirects. `make validate` adds new ids.
"""


def live_ids(library: Library) -> dict[str, list[str]]:
    """Every id with a page, by the folder its kind's pages live in (the registry's): a
    test's page sits among the exercises, so it is listed there."""
    ids: dict[str, set[str]] = {folder: set() for folder in kinds.folders()}
    for kind, entry in kinds.entries_of(library):
        ids[kind.folder].add(entry.id)
    return {folder: sorted(found) for folder, found in ids.items()}


def published_text(current: dict[str, list[str]], library: Library) -> str:
    """The file's text with every live id recorded and every earlier one kept."""
    merged = {
        kind: sorted(set(current.get(kind) or []) | set(ids))
        for kind, ids in live_ids(library).items()
    }
    body = "".join(
        f"{kind}:\n" + "".join(f"  - {item}\n" for item in ids) for kind, ids in merged.items()
    )
    return HEADER + body
