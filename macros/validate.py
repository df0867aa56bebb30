"""``python -m macros.validate [DATA_DIR]``: check every data file and report every error.

Exit 0 with a one-line summary when the data is valid; exit 1 with one
``path:line: field: message`` line per error otherwise. Never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.errors import DataErrors
from macros.loader import load_library


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: python -m macros.validate [DATA_DIR]", file=sys.stderr)
        return 2
    data_dir = Path(args[0] if args else "data")
    try:
        library = load_library(data_dir)
    except DataErrors as exc:
        return _report(exc, data_dir)
    except Exception as exc:
        print(f"{data_dir}/: internal error while validating: {exc!r}", file=sys.stderr)
        return 2
    print(
        f"{data_dir}/ is valid: {len(library.exercises)} exercises, "
        f"{len(library.muscles)} muscles, {len(library.sessions)} sessions, "
        f"{len(library.sources)} sources, {len(library.glossary)} glossary terms"
    )
    return 0


def _report(exc: DataErrors, data_dir: Path) -> int:
    for error in exc.errors:
        print(error, file=sys.stderr)
    count = len(exc.errors)
    print(f"{count} error{'s' if count != 1 else ''} in {data_dir}/", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
