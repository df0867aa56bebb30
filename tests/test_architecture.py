"""The architecture holds: every room says what it owns, every page path is spelled in the
URL module alone, and the site moves to another generator without its plugin (the plan
written out by `legwork generate` builds to the same articles with plain MkDocs, and the
site builds under ProperDocs)."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import ROOT, build_site
from tests.gates.site import html_pages

MACROS = ROOT / "macros"
URL_MODULE = MACROS / "site" / "urls.py"

PAGE_PATH = re.compile(
    r"(?<![\w./-])(?:exercises|muscles|sessions|programmes|api/v1|assets/previews|schemas)/"
    r"|\]\([^)\s]*\.md\b"
    r"|(?<![\w-])(?:glossary|safety|share|open-data|tags|index)\.md\b(?!\.j2)"
    r"|\.pdf\b|sitemap\.xml|robots\.txt(?!\.j2)|href=\"\.\./"
)
"""How a page or file path looks when someone spells it by hand."""


def python_strings(path: Path) -> list[tuple[int, str]]:
    """Every string literal in a module except documentation (docstrings, and the string
    that documents an attribute below it), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def spelled_paths(files: list[Path], root: Path = ROOT) -> list[str]:
    """``path:line: 'text'`` for each page path spelled by hand in ``files`` (under ``root``)."""
    found = []
    for path in files:
        if path.suffix == ".py":
            lines = python_strings(path)
        else:
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"\{#-?.*?-?#\}", "", text, flags=re.DOTALL)  # template comments
            lines = list(enumerate(text.splitlines(), start=1))
        for number, line in lines:
            if match := PAGE_PATH.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {match.group()!r}")
    return found


def test_no_page_path_is_spelled_outside_the_url_module() -> None:
    files = [p for p in MACROS.rglob("*.py") if p != URL_MODULE]
    files += sorted((MACROS / "site" / "templates").glob("*"))
    files += sorted((ROOT / "docs").rglob("*.md"))
    files += sorted((ROOT / "overrides").rglob("*.html"))
    assert len(files) > 30
    assert spelled_paths(files) == []


def test_the_path_check_finds_paths_spelled_by_hand(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("See [it](exercises/hip-thrust.md) and [the card](../x.pdf).\n")
    module = tmp_path / "bad.py"
    module.write_text('"""Docstrings may say exercises/x.md."""\nPATH = "sessions/x/"\n')
    found = spelled_paths([bad, module], root=tmp_path)
    assert len(found) == 2, found
    assert "'sessions/'" in found[1]


def test_every_room_says_what_it_owns() -> None:
    for package in sorted(p for p in MACROS.rglob("__init__.py")):
        doc = ast.get_docstring(ast.parse(package.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 20, f"{package}: say what this room owns"
    for module in sorted(MACROS.rglob("*.py")):
        assert ast.get_docstring(ast.parse(module.read_text(encoding="utf-8"))), module


def test_rooms_import_only_downwards() -> None:
    """data ← media ← site ← adapter and command line: nothing imports a room above it."""
    below = {"data": set(), "media": {"data"}, "site": {"data", "media"}}
    for room, allowed in below.items():
        for module in (MACROS / room).rglob("*.py"):
            tree = ast.parse(module.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                for name in names:
                    parts = name.split(".")
                    if parts[0] == "macros" and len(parts) > 1:
                        assert parts[1] in allowed | {room}, f"{module}: imports {name}"


FIGURES = MACROS / "data" / "figures"
FIGURE_VALIDATION = "macros.data.figures.validation"
FIGURE_ROOMS: dict[str, tuple[list[Path], set[str]]] = {
    "model": (
        [FIGURES / "model.py"],
        {"macros.data.figures.geometry", FIGURE_VALIDATION, "macros.media"},
    ),
    "geometry": ([FIGURES / "geometry.py"], {FIGURE_VALIDATION, "macros.media"}),
    "validation": ([FIGURES / "validation.py"], {"macros.media"}),
    "drawing": (sorted((MACROS / "media").rglob("*.py")), {FIGURE_VALIDATION}),
}
"""The figure feature's rooms: (their modules, what they must not import). Geometry
imports nothing from validation or drawing; drawing (the whole media room) imports no
validation."""


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports; ``from a import b`` counts as ``a`` and ``a.b``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def forbidden_imports(files: list[Path], forbidden: set[str]) -> list[str]:
    """``file: module`` for each import of a forbidden module or of one inside it."""
    return [
        f"{path.name}: {name}"
        for path in files
        for name in sorted(imported_modules(path))
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    ]


def test_the_figure_feature_keeps_geometry_validation_and_drawing_apart() -> None:
    assert sorted(p.name for p in FIGURES.glob("*.py")) == [
        "__init__.py",
        "geometry.py",
        "model.py",
        "validation.py",
    ]
    for room, (files, forbidden) in FIGURE_ROOMS.items():
        assert files and all(path.is_file() for path in files), room
        assert forbidden_imports(files, forbidden) == [], room
    # The rooms are joined the way the rule expects: drawing consumes geometry, the
    # validation reads it, and the package itself loads nothing.
    assert "macros.data.figures.geometry" in imported_modules(MACROS / "media" / "figures.py")
    assert "macros.data.figures.geometry" in imported_modules(FIGURES / "validation.py")
    assert not any(n.startswith("macros") for n in imported_modules(FIGURES / "__init__.py"))


@pytest.mark.parametrize(
    "line",
    [
        "from macros.data.figures import validation",
        "import macros.data.figures.validation as checks",
        "from macros.data.figures.validation import figure_errors",
    ],
)
def test_the_figure_import_check_finds_a_forbidden_import(tmp_path: Path, line: str) -> None:
    module = tmp_path / "drawing.py"
    module.write_text(f"{line}\nfrom macros.data.figures.geometry import solve\n")
    found = forbidden_imports([module], {FIGURE_VALIDATION})
    assert found, line
    assert all(f.startswith("drawing.py: macros.data.figures.validation") for f in found), found


# --- Moving to another generator. ----------------------------------------------------


def article(page: Path) -> str:
    """The page's article, with each run of white space that holds a line break read as one
    line break (the plugin takes the templates' indentation out; a browser shows both the
    same)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = soup.find("article")
    return re.sub(r"[ \t]*\n\s*", "\n", str(found)) if found else ""


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # PDFs as the site fixture has them
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli", "generate", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in config.get("plugins", [])]
    assert "legwork" not in plugins and "macros" not in plugins, plugins
    return build_site(out / "mkdocs.yml", out / "site")


def test_the_generated_plan_builds_to_the_same_articles_without_the_plugin(
    site: Path, generated_site: Path, monkeypatch
) -> None:
    ours = {p.relative_to(site): p for p in html_pages(site)}
    theirs = {p.relative_to(generated_site): p for p in html_pages(generated_site)}
    assert set(theirs) == set(ours)
    differing = [str(path) for path in sorted(ours) if article(ours[path]) != article(theirs[path])]
    assert differing == []
    for name in ("api/v1/exercises.json", "robots.txt"):
        assert (generated_site / name).read_bytes() == (site / name).read_bytes()


def test_the_site_builds_under_properdocs_to_the_same_pages(tmp_path: Path, site: Path) -> None:
    out = tmp_path / "properdocs-site"
    env = {**os.environ, "LEGWORK_PDFS": "false", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "properdocs"),
            "build",
            "--strict",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    ours = {str(p.relative_to(site)) for p in html_pages(site)}
    theirs = {str(p.relative_to(out)) for p in html_pages(out)}
    assert theirs == ours
    page = "exercises/romanian-deadlift/index.html"
    assert article(out / page) == article(site / page)
