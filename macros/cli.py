"""``legwork``: the command line (also ``python -m macros.cli``).

    legwork validate [DATA_DIR]        check every data file; errors as path:line: field: message
    legwork ids [--check] [DATA_DIR]   record new ids in data/published.yml (or check it is current)
    legwork schemas [--check]          write the editors' JSON Schemas to docs/schemas/
    legwork theme                      rewrite overrides/partials/ from Material plus our edits
    legwork icons [--check]            write the Legwork mark's icon set to docs/assets/icons/
    legwork generate OUT [--config mkdocs.yml]
                                       write the whole site plan as plain files that MkDocs
                                       and Material build without the Legwork plugin
    legwork figure ID [--out FILE] [--data DATA_DIR]
                                       draw an exercise's figure, every pose side by side,
                                       angles and contacts marked, to a PNG (no site build)
    legwork new ID --like EXISTING [--data DATA_DIR]
                                       start a new exercise from one of the same kind and
                                       dose, the fields to rewrite marked

Exit 0 on success, 1 on data errors (each on its own line, then the count), 2 on misuse.
Never a traceback for bad data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from macros.data import published, schemas
from macros.data.errors import DataErrors
from macros.data.loader import load_library

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "docs" / "schemas"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="legwork", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every data file")
    validate.add_argument("data_dir", nargs="?", default="data")
    ids = commands.add_parser("ids", help="record new ids in published.yml")
    ids.add_argument("data_dir", nargs="?", default="data")
    ids.add_argument("--check", action="store_true", help="fail if published.yml is not current")
    schema = commands.add_parser("schemas", help="write the JSON Schemas for editors")
    schema.add_argument("--check", action="store_true", help="fail if any is out of date")
    commands.add_parser("theme", help="rewrite the patched Material partials")
    icons = commands.add_parser("icons", help="write the icon set")
    icons.add_argument("--check", action="store_true", help="fail if any icon is out of date")
    generate = commands.add_parser("generate", help="write the site plan as plain files")
    generate.add_argument("out", type=Path)
    generate.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    figure = commands.add_parser("figure", help="draw an exercise's figure to a PNG")
    figure.add_argument("id")
    figure.add_argument("--out", type=Path, help="the PNG to write (default .cache/figures/ID.png)")
    figure.add_argument("--data", dest="data_dir", default="data")
    new = commands.add_parser("new", help="start a new exercise from an existing one")
    new.add_argument("id")
    new.add_argument("--like", required=True, help="the exercise to start from")
    new.add_argument("--data", dest="data_dir", default="data")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if args.command == "figure":
            from macros.contribute import draw_figure_file

            return draw_figure_file(Path(args.data_dir), args.id, args.out)
        if args.command == "new":
            from macros.contribute import new_entry

            return new_entry(Path(args.data_dir), args.id, args.like)
        if args.command == "validate":
            return _validate(Path(args.data_dir))
        if args.command == "ids":
            return _ids(Path(args.data_dir), check=args.check)
        if args.command == "schemas":
            return _schemas(check=args.check)
        if args.command == "icons":
            return _icons(check=args.check)
        if args.command == "theme":
            from macros import theme

            for path in theme.write_all():
                print(f"wrote {path.relative_to(ROOT)}")
            return 0
        return _generate(args.out, args.config)
    except DataErrors as exc:
        print(exc.report() + f" in {getattr(args, 'data_dir', 'data')}/", file=sys.stderr)
        return 1


def _validate(data_dir: Path) -> int:
    library = load_library(data_dir)
    print(
        f"{data_dir}/ is valid: {len(library.exercises)} exercises, "
        f"{len(library.muscles)} muscles, {len(library.sessions)} sessions, "
        f"{len(library.programmes)} programmes, "
        f"{len(library.sources)} sources, {len(library.glossary)} glossary terms"
    )
    return 0


def _ids(data_dir: Path, *, check: bool) -> int:
    library = load_library(data_dir)
    path = data_dir / "published.yml"
    text = path.read_text(encoding="utf-8")
    wanted = published.published_text(yaml.safe_load(text) or {}, library)
    if text == wanted:
        return 0
    if check:
        print(
            f"{path}: new ids are not recorded; run `make validate` and commit it", file=sys.stderr
        )
        return 1
    path.write_text(wanted, encoding="utf-8")
    print(f"{path}: recorded the new ids")
    return 0


def _schemas(*, check: bool) -> int:
    stale = []
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for kind in schemas.MODELS:
        path = SCHEMA_DIR / f"{kind}.schema.json"
        text = schemas.schema_text(kind)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not check:
            path.write_text(text, encoding="utf-8")
    if check and stale:
        names = ", ".join(str(p.relative_to(ROOT)) for p in stale)
        print(f"out of date: {names}; run `legwork schemas`", file=sys.stderr)
        return 1
    print(f"{len(schemas.MODELS)} schemas {'checked' if check else 'written'} in docs/schemas/")
    return 0


def _icons(*, check: bool) -> int:
    from macros.media.icons import icon_files
    from macros.site import urls

    icon_dir = ROOT / "docs" / urls.ICON_DIR
    stale = []
    icon_dir.mkdir(parents=True, exist_ok=True)
    for name, content in icon_files().items():
        path = icon_dir / name
        if path.exists() and path.read_bytes() == content:
            continue
        stale.append(name)
        if not check:
            path.write_bytes(content)
    if check and stale:
        print(f"out of date: {', '.join(stale)}; run `legwork icons`", file=sys.stderr)
        return 1
    print(f"icons {'checked' if check else 'written'} in {icon_dir.relative_to(ROOT)}/")
    return 0


# --- generate: the plan as plain files. ----------------------------------------------


def _generate(out: Path, config_file: Path) -> int:
    from macros import assembly

    try:
        assembly.generate(out, config_file)
    except assembly.SettingError as exc:
        print(f"legwork generate: {exc}", file=sys.stderr)
        return 2
    print(f"wrote the site plan to {out}/ (build it with: mkdocs build -f {out}/mkdocs.yml)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
