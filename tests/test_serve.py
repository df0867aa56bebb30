"""`mkdocs serve` as a contributor meets it, in one server that walks through a working
session in order: a first start with broken data still serves, with the located errors in
the terminal and in a banner on every page; fixing the file clears the banner; a broken
save never stops the server and the last good library stays on show; fixing it again
clears the banner; a change to the Python code is reported as needing a restart; and a
service worker that an earlier build left in the browser is retired. No PDFs are printed.
Plain `mkdocs serve`, with no environment variables: serve is detected through MkDocs.

The project is a scratch copy (its own `macros/` on `PYTHONPATH`, so touching the code never
touches the checkout) with the preview images cached by the shared build, so the server's
first build does not redraw them.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA, ROOT
from tests.test_offline import SESSION, ask, hosting, settle

BANNER = 'class="lw-data-errors"'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def project(root: Path, previews: Path | None = None) -> Path:
    """A scratch project: docs and theme overrides linked, code and data copied."""
    root.mkdir()
    for name in ("docs", "overrides"):
        (root / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(DATA, root / "data")
    shutil.copytree(ROOT / "macros", root / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    if previews is not None and previews.is_dir():
        shutil.copytree(previews, root / ".cache" / "previews")
    return root


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def wait_for(check: Callable[[], bool], what: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if check():
                return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class Server:
    def __init__(self, root: Path, port: int = 0) -> None:
        self.root = root
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = root / "serve.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("LEGWORK_")}
        env["NO_MKDOCS_2_WARNING"] = "1"
        env["PYTHONPATH"] = str(root)  # the scratch copy of the code, not the checkout's
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "mkdocs"),
                "serve",
                "--dirty",  # as `make serve` runs it
                "--dev-addr",
                f"127.0.0.1:{self.port}",
                "--livereload",
            ],
            cwd=root,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )

    def page(self, path: str = "") -> str:
        status, body = fetch(self.url + path)
        assert status == 200, (path, status)
        return body

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def alive(self) -> bool:
        return self.process.poll() is None


@contextlib.contextmanager
def serving(root: Path, port: int = 0) -> Iterator[Server]:
    server = Server(root, port)
    try:
        wait_for(lambda: fetch(server.url)[0] == 200, "the first build", seconds=180)
        yield server
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)


@dataclass
class Walk:
    server: Server
    tab: object
    """A browser tab that registered the published site's worker before the server started."""
    good: dict[str, str]
    """The scratch project's data files as they were, by path relative to the project."""

    def write(self, relative: str, text: str) -> None:
        (self.server.root / relative).write_text(text, encoding="utf-8")

    def restore(self, relative: str) -> None:
        self.write(relative, self.good[relative])


MUSCLES = "data/muscles.yml"
BRIDGE = "data/exercises/glute-bridge.yml"


@pytest.fixture(scope="module")
def walk(site: Path, browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walk]:
    """The published site's worker registered at an address, then `mkdocs serve` started at
    that address on a project whose muscle file is broken from the start."""
    root = project(tmp_path_factory.mktemp("serve") / "project", ROOT / ".cache" / "previews")
    good = {name: (root / name).read_text(encoding="utf-8") for name in (MUSCLES, BRIDGE)}
    context = browser.new_context(service_workers="allow")
    tab = context.new_page()
    with hosting(site) as (base, httpd):
        port = httpd.server_address[1]
        tab.goto(f"{base}sessions/{SESSION}/")
        tab.wait_for_selector("[data-lw-offline='ready']", timeout=30_000)
    registered = "navigator.serviceWorker.getRegistrations().then((r) => r.length)"
    assert tab.evaluate(registered) == 1
    (root / MUSCLES).write_text(good[MUSCLES] + "  - id: [\n", encoding="utf-8")
    with serving(root, port=port) as server:
        assert server.url == base
        yield Walk(server, tab, good)
        log = server.output()
    context.close()
    assert "Traceback" not in log
    assert "Printed" not in log, "serve must not print the session cards"


def test_1_a_first_start_with_broken_data_still_serves(walk: Walk) -> None:
    body = walk.server.page()
    assert BANNER in body and "data/muscles.yml:" in body and "YAML syntax error" in body
    assert "data/muscles.yml:" in walk.server.output()
    assert fetch(walk.server.url + f"sessions/{SESSION}.pdf")[0] == 404
    assert walk.server.alive()


def test_2_fixing_the_file_clears_the_banner(walk: Walk) -> None:
    walk.restore(MUSCLES)
    wait_for(lambda: BANNER not in walk.server.page(), "the banner to go")
    assert "Glute bridge" in walk.server.page("exercises/glute-bridge/")
    assert walk.server.alive()


def test_3_a_broken_save_shows_its_errors_and_the_server_keeps_running(walk: Walk) -> None:
    walk.restore(MUSCLES)
    wait_for(lambda: BANNER not in walk.server.page(), "a clean start")
    walk.write(BRIDGE, walk.good[BRIDGE].replace("level: beginner", "level: expert"))
    wait_for(lambda: BANNER in walk.server.page(), "the error banner")
    assert walk.server.alive()
    for path in ("", "exercises/glute-bridge/", "muscles/soleus/", "safety/"):
        body = walk.server.page(path)
        assert BANNER in body and "data/exercises/glute-bridge.yml:" in body, path
        assert "expert" in body, path
    # The last good library is still served: the page exists with its content.
    assert "Glute bridge" in walk.server.page("exercises/glute-bridge/")
    log = walk.server.output()
    assert "data/exercises/glute-bridge.yml:" in log and "'expert' is not one of" in log


def test_4_fixing_it_again_clears_the_banner(walk: Walk) -> None:
    walk.restore(BRIDGE)
    wait_for(lambda: BANNER not in walk.server.page(), "the banner to go")
    assert BANNER not in walk.server.page("exercises/glute-bridge/")
    assert walk.server.alive()


def test_4b_a_saved_edit_converts_again_only_the_pages_it_changes(walk: Walk) -> None:
    """A rebuild reuses the conversion of every page whose Markdown is unchanged: the pages
    that show the edit show it, and the others are served exactly as before."""
    unchanged = ("safety/", "muscles/soleus/", "exercises/back-squat/")

    def served(path: str) -> str:  # without the reload script's build number, new each build
        return re.sub(r"livereload\(\d+, \d+\)", "livereload()", walk.server.page(path))

    before = {path: served(path) for path in unchanged}
    index_before = json.loads(walk.server.page("search/search_index.json"))["docs"]
    summary = yaml.safe_load(walk.good[BRIDGE])["summary"]
    first_line = walk.good[BRIDGE].split("summary: >-\n  ", 1)[1].split("\n", 1)[0]
    assert summary.startswith(first_line) and first_line in walk.good[BRIDGE]
    marker = "Edited bridge summary"
    walk.write(BRIDGE, walk.good[BRIDGE].replace(first_line, marker, 1))
    wait_for(lambda: marker in walk.server.page("exercises/glute-bridge/"), "the edit")
    assert marker in walk.server.page("exercises/"), "the exercise list shows summaries"
    for path, body in before.items():
        assert served(path) == body, path
    counts = re.findall(
        r"(\d+) pages converted, (\d+) unchanged pages reused", walk.server.output()
    )
    converted, reused = map(int, counts[-1])
    assert 2 <= converted < reused, counts[-1]
    # Only the changed pages were written again, yet search still finds every page, each
    # once, and the edited summary.
    index_after = json.loads(walk.server.page("search/search_index.json"))["docs"]
    locations = [entry["location"] for entry in index_after]
    assert sorted(locations) == sorted(entry["location"] for entry in index_before)
    assert len(set(locations)) == len(locations)
    bridge = next(e for e in index_after if e["location"] == "exercises/glute-bridge/")
    assert marker in bridge["text"]
    walk.restore(BRIDGE)
    wait_for(lambda: marker not in walk.server.page("exercises/"), "the edit undone")
    for path, body in before.items():
        assert served(path) == body, path


def test_5_a_python_change_says_a_restart_is_needed(walk: Walk) -> None:
    code = walk.server.root / "macros" / "site" / "urls.py"
    stamp = code.stat()
    os.utime(code, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
    # Any watched change triggers a rebuild; a data file is the usual one.
    (walk.server.root / "data" / "glossary.yml").touch()
    wait_for(lambda: "start it again" in walk.server.output(), "the restart notice")
    assert "macros/site/urls.py" in walk.server.output()
    assert walk.server.alive()


def test_6_the_worker_an_earlier_build_left_is_retired(walk: Walk) -> None:
    tab = walk.tab
    body = walk.server.page("sw.js")
    assert "unregister" in body and "addAll" not in body
    tab.goto(f"{walk.server.url}sessions/{SESSION}/")
    assert tab.locator("meta[name=legwork-offline]").get_attribute("content") == "off"
    settle(
        tab,
        """() => navigator.serviceWorker.getRegistrations().then(async (regs) =>
             regs.length === 0
             && (await caches.keys()).every((name) => !name.startsWith("legwork-")))""",
    )
    tab.reload()
    assert ask(tab, "navigator.serviceWorker.controller") is None


@pytest.mark.parametrize("command", [["validate", "data"], ["ids", "--check", "data"]])
def test_the_command_line_still_fails_on_bad_data(tmp_path: Path, command: list[str]) -> None:
    root = tmp_path / "project"
    shutil.copytree(DATA, root / "data")
    target = root / "data" / "exercises" / "glute-bridge.yml"
    target.write_text(target.read_text().replace("level: beginner", "level: expert"))
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli", *command],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("data/exercises/glute-bridge.yml:")
    assert "Traceback" not in result.stderr
