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
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from macros.data import published, schemas
from macros.data.errors import DataErrors
from macros.data.library import Library
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


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs would for the values the plan needs (``!ENV`` included)."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = (
        loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else [loader.construct_scalar(node)]
    )
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[v] for v in variables if v in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)


def _plugin_options(config: dict[str, Any], name: str) -> dict[str, Any]:
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
        if entry == name:
            return {}
    return {}


def _generate(out: Path, config_file: Path) -> int:
    from macros.media.pdf import browser_available
    from macros.site import plan, prose

    config_file = config_file.resolve()
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    options = _plugin_options(config, "legwork")
    root = config_file.parent
    library: Library = load_library(root / options.get("data_dir", "data"))
    pdfs = options.get("pdfs") or os.environ.get("LEGWORK_PDFS", "auto")
    settings = plan.Settings(
        site_url=config["site_url"],
        repo_url=options.get("repo_url", "https://github.com/legwork-runners/legwork"),
        pdfs=pdfs == "true" or (pdfs == "auto" and browser_available()),
        site_name=config.get("site_name", "Legwork"),
        description=" ".join(config.get("site_description", "").split()),
    )
    abbreviations = plan.abbreviations(library)
    docs_in = root / config.get("docs_dir", "docs")
    docs_out = out.resolve() / "docs"
    if docs_out.exists():
        shutil.rmtree(docs_out)
    shutil.copytree(docs_in, docs_out)
    for source in sorted(docs_in.rglob("*.md")):
        src_uri = source.relative_to(docs_in).as_posix()
        front, body = _split_front_matter(source.read_text(encoding="utf-8"))
        rendered = prose.render_page(body, library, src_uri)
        (docs_out / src_uri).write_text(front + rendered + abbreviations, encoding="utf-8")
    pages = plan.generated_pages(library, settings)
    for page in pages:
        _write(docs_out / page.src_uri, page.markdown + abbreviations)
    for path, content in plan.static_files(library, settings).items():
        _write(docs_out / path, content)
    child = {
        "INHERIT": os.path.relpath(config_file, out.resolve()),
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"custom_dir": str(root / config["theme"]["custom_dir"])},
        "plugins": [
            entry
            for entry in config.get("plugins", [])
            if (entry if isinstance(entry, str) else next(iter(entry))) not in ("legwork", "macros")
        ],
        "watch": [],
        "not_in_nav": "\n".join(f"/{page.src_uri}" for page in pages if not page.in_nav),
        "nav": plan.navigation(library),
        "extra": {"legwork": plan.theme_links(settings.site_url)},
    }
    _write(out / "mkdocs.yml", yaml.safe_dump(child, sort_keys=False, allow_unicode=True))
    print(f"wrote the site plan to {out}/ (build it with: mkdocs build -f {out}/mkdocs.yml)")
    return 0


def _split_front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[: end + 5], text[end + 5 :]
    return "", text


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
