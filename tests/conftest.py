"""Shared fixtures: one in-process strict build of the real site, a local HTTP server
for it, and one headless Chromium for the browser tests."""

from __future__ import annotations

import copy
import functools
import os
import pickle
import re
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import settings

from tests.gates.site import serve  # one local HTTP server for every test

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# Hypothesis: the suite runs a fixed, derandomised set of examples, each under a real
# deadline, so a slow validator fails instead of hiding; `LEGWORK_HYPOTHESIS=deep` runs
# many more. The 10,000-case run is `benchmarks/fuzz_validator.py`.
settings.register_profile(
    "ci", max_examples=200, deadline=timedelta(seconds=1), derandomize=True, database=None
)
settings.register_profile("deep", max_examples=2_000, deadline=timedelta(seconds=2))
settings.load_profile(os.environ.get("LEGWORK_HYPOTHESIS", "ci"))


def build_site(config_file: Path, site_dir: Path, **overrides: object) -> Path:
    """A real, strict MkDocs build, in-process, into ``site_dir``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), **overrides)
    build(config)
    return site_dir


FIRST = (
    "test_gates_a11y",
    "test_figures",
    "test_builder",
    "test_phone",
    "test_cards",
    "test_architecture",
    "test_gates_links",
    "test_gates_data_safety",
    "test_serve",
    "test_pictures",
    "test_coaching",
)
"""The longest test files, longest first (``benchmarks/suite.py`` prints the times): the
workers take them in this order (``--no-loadscope-reorder`` in the Makefile), so the long
ones start early and the short ones fill in at the end."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.module.__name__.rsplit(".", 1)[-1]
        return FIRST.index(name) if name in FIRST else len(FIRST)

    items.sort(key=rank)  # stable: the order within a file is kept


def shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every worker of this run shares (under pytest-xdist, the run's base folder;
    without it, this process's own)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build) -> Path:
    """``build(folder)`` run by the first worker that asks; the others wait and reuse it."""
    from filelock import FileLock

    shared = shared_dir(tmp_path_factory)
    target, done = shared / name, shared / f"{name}.done"
    with FileLock(str(shared / f"{name}.lock")):
        if not done.exists():
            if target.exists():  # a build that failed half way
                shutil.rmtree(target)
            target.mkdir()
            build(target)
            done.touch()
    return target


RENAMED = ("hip-thrust", "bench-hip-thrust")
"""The exercise the variant build renames, declaring its old id in ``previous_ids``."""


def rename_exercise(root: Path, old: str = RENAMED[0], new: str = RENAMED[1]) -> None:
    """Rename an exercise in a copied project as a contributor would: the file, every use
    of the id in the data and the hand-written pages, and ``previous_ids``."""
    exercises = root / "data" / "exercises"
    (exercises / f"{old}.yml").rename(exercises / f"{new}.yml")
    whole_id = re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])")
    for path in [*(root / "data").rglob("*.yml"), *(root / "docs").rglob("*.md")]:
        if path.name != "published.yml":
            path.write_text(whole_id.sub(new, path.read_text("utf-8")), "utf-8")
    renamed = exercises / f"{new}.yml"
    renamed.write_text(
        renamed.read_text("utf-8").replace(f"id: {new}\n", f"id: {new}\nprevious_ids: [{old}]\n"),
        "utf-8",
    )


@pytest.fixture(scope="session")
def variant(tmp_path_factory: pytest.TempPathFactory):
    """The suite's one extra build: a copy of the project with hostile text in every text
    field (``tests/gates/hostile.py``) and one exercise renamed (``RENAMED``), built once
    per run without PDFs. Yields ``(site, project)``."""
    from tests.gates import hostile

    def build(folder: Path) -> None:
        project = hostile.make_project(folder / "project", prepare=rename_exercise)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("LEGWORK_PDFS", "false")  # the card is printed by the PDF test itself
            build_site(project.config, project.root / "site")
        (folder / "project.pickle").write_bytes(pickle.dumps(project))

    folder = built_once(tmp_path_factory, "variant", build)
    project = pickle.loads((folder / "project.pickle").read_bytes())
    return project.root / "site", project


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per run, with the PDFs as the environment asks."""
    return built_once(
        tmp_path_factory, "site", lambda folder: build_site(ROOT / "mkdocs.yml", folder)
    )


def page(site_dir: Path, url_path: str) -> BeautifulSoup:
    """The parsed HTML of a built page, by URL path such as ``exercises/hip-thrust/``.

    Parsed once per file version and shared: tests read the tree and never change it."""
    target = site_dir / url_path
    if url_path.endswith("/") or not url_path:
        target = target / "index.html"
    key = (str(target.resolve()), target.stat().st_mtime_ns)
    if key not in _PARSED:
        _PARSED[key] = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
    return _PARSED[key]


_PARSED: dict[tuple[str, int], BeautifulSoup] = {}


def data_ids(folder: str) -> list[str]:
    """Ids from globbing data/ directly, independent of the loader under test."""
    return sorted(path.stem for path in (DATA / folder).glob("*.yml"))


def exercise_ids(kind: str = "exercise") -> list[str]:
    """Ids of the files in data/exercises of one kind, exercise or assessment, read raw."""
    return [
        i
        for i in data_ids("exercises")
        if raw_yaml(DATA / "exercises" / f"{i}.yml").get("kind", "exercise") == kind
    ]


def raw_yaml(path: Path) -> dict:
    """A data file as plain YAML, read independently of the project's loader (libyaml's
    safe loader). Each version of a file is parsed once per worker; every caller gets its
    own copy, free to change."""
    stat = path.stat()
    return copy.deepcopy(_parsed(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=2048)
def _parsed(path: str, mtime_ns: int, size: int) -> object:
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


class _PlainDumper(yaml.SafeDumper):
    """Writes shared values out in full: data files may not hold anchors or aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def dump_yaml(data: object) -> str:
    return yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)


# --- Sessions read straight from the raw files, independent of the loader under test. ---


def exercise(exercise_id: str, data_dir: Path = DATA) -> dict:
    return raw_yaml(data_dir / "exercises" / f"{exercise_id}.yml")


def is_single(block: dict, data_dir: Path = DATA) -> bool:
    """One leg at a time at this block's stage."""
    data = exercise(block["exercise"], data_dir)
    dose = next(d for d in data["dosage"] if d["stage"] == block["stage"])
    return dose.get("legs", "single" if data["laterality"] == "single-leg" else "both") == "single"


def timed_minutes(item: dict, data_dir: Path = DATA) -> float:
    """A warm-up or finish item's minutes: its own, or those of the warm-up step it names."""
    if "step" not in item:
        return item["minutes"]
    routines = raw_yaml(data_dir / "warm-up.yml")["routines"]
    return next(s["minutes"] for r in routines for s in r["steps"] if s["id"] == item["step"])


def computed_minutes(session: dict, data_dir: Path = DATA) -> int:
    """A session's time by the README's formula: warm-up and finish minutes; per set, the
    middle of its reps (or contacts) times the tempo, or the middle of its seconds, twice
    plus 10 s for a single-leg stage; the middle rest after every set but the last."""

    def mid(span: dict) -> float:
        return (span["min"] + span["max"]) / 2

    total = 60 * sum(
        timed_minutes(item, data_dir) for item in session["warm_up"] + session.get("finish", [])
    )
    for block in session["blocks"]:
        data = exercise(block["exercise"], data_dir)
        dose = next(d for d in data["dosage"] if d["stage"] == block["stage"])
        if "seconds" in block:
            work = mid(block["seconds"])
        else:
            tempo = dose.get("tempo") or data["tempo"]
            beats = sum(tempo[k] for k in ("lower", "bottom", "lift", "top"))
            work = mid(block.get("reps") or block["contacts"]) * beats
        if is_single(block, data_dir):
            work = 2 * work + 10
        total += block["sets"] * (work + mid(block["rest_seconds"]))
    total -= mid(session["blocks"][-1]["rest_seconds"])
    return round(total / 60)


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The real site over HTTP, its search index sent without documents (``serve``): the
    browser tests never search, but for ``full_server``'s."""
    with serve(site, search_documents=False) as url:
        yield url


@pytest.fixture(scope="session")
def full_server(site: Path) -> Iterator[str]:
    """The real site over HTTP exactly as built, search index and all."""
    with serve(site) as url:
        yield url


class Chromium:
    """The suite's browser: Playwright's, except that a new context blocks service workers
    unless it asks for them (``service_workers="allow"``, or the ``service_worker`` mark for
    the ``tab`` and ``phone`` fixtures). The site's worker fetches its whole shell on a
    context's first visit and then answers every request; only the tests of offline use
    are about it, and elsewhere it is work in the background of every test."""

    def __init__(self, browser: object) -> None:
        self._browser = browser

    def new_context(self, **options: object) -> object:
        options.setdefault("service_workers", "block")
        return self._browser.new_context(**options)

    def __getattr__(self, name: str) -> object:
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser() -> Iterator[Chromium]:
    from playwright.sync_api import sync_playwright

    from macros.media.chromium import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield Chromium(chromium)
        chromium.close()


def workers(request: pytest.FixtureRequest) -> str:
    """``allow`` for a test marked ``service_worker``, else ``block``."""
    return "allow" if request.node.get_closest_marker("service_worker") else "block"


@pytest.fixture
def tab(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page in a phone-sized viewport that fails the test on any outside request."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, service_workers=workers(request)
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    outside: list[str] = []
    tab.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "file://", "data:", "blob:"))
            else None
        ),
    )
    yield tab
    context.close()
    assert outside == [], f"requests left this machine: {outside}"


PHONE = {"width": 360, "height": 740}
"""The phone the session-mode tests hold: a small screen (``test_phone`` has its own)."""


@pytest.fixture
def phone(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh phone-sized tab with nothing stored."""
    context = browser.new_context(viewport=PHONE, service_workers=workers(request))
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def first_block_with(measure: str) -> tuple[str, int, dict]:
    """The first card (by file name) with a block measured in ``measure`` (``seconds``,
    ``contacts``): the card's id, the block's number (counted from 1, as the page numbers
    blocks) and the block, from the raw YAML."""
    for path in sorted((DATA / "sessions").glob("*.yml")):
        for number, block in enumerate(raw_yaml(path)["blocks"], start=1):
            if measure in block:
                return path.stem, number, block
    raise AssertionError(f"no card in data/sessions has a block of {measure}")


@pytest.fixture
def buzzes(phone) -> list[object]:
    """Every vibration pattern the page asks the phone for, in order (the phone's own
    ``navigator.vibrate`` is replaced before the page loads)."""
    patterns: list[object] = []
    phone.expose_function("recordBuzz", lambda pattern: patterns.append(pattern))
    phone.add_init_script(
        "Object.defineProperty(navigator, 'vibrate', {configurable: true,"
        " value: (pattern) => { window.recordBuzz(pattern); return true; }});"
    )
    return patterns
