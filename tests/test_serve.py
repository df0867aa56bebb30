"""`mkdocs serve` as a contributor meets it: saving a broken data file never stops the
server; the located errors show in the terminal and in a banner on every page until the
file is fixed; a first start with broken data still serves; no PDFs are printed; and a
change to the Python code is reported as needing a restart. Plain `mkdocs serve`, with no
environment variables: serve is detected through MkDocs itself."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

BANNER = 'class="lw-data-errors"'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def project(root: Path) -> Path:
    root.mkdir()
    for name in ("docs", "overrides", "macros"):
        (root / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(DATA, root / "data")
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
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


class Server:
    def __init__(self, root: Path, port: int = 0) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = root / "serve.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("LEGWORK_")}
        env["NO_MKDOCS_2_WARNING"] = "1"
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "mkdocs"),
                "serve",
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
        wait_for(lambda: fetch(server.url)[0] == 200, "the first build")
        yield server
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)


def test_a_broken_save_shows_its_errors_and_the_server_keeps_running(tmp_path: Path) -> None:
    root = project(tmp_path / "project")
    target = root / "data" / "exercises" / "glute-bridge.yml"
    good = target.read_text(encoding="utf-8")
    with serving(root) as server:
        assert BANNER not in server.page("exercises/glute-bridge/")
        target.write_text(good.replace("level: beginner", "level: expert"), encoding="utf-8")
        wait_for(lambda: BANNER in server.page(), "the error banner")
        assert server.alive()
        for path in ("", "exercises/glute-bridge/", "muscles/soleus/", "safety/"):
            body = server.page(path)
            assert BANNER in body and "data/exercises/glute-bridge.yml:" in body, path
            assert "level: &#39;expert&#39; is not one of" in body or "expert" in body
        # The last good library is still served: the page exists with its content.
        assert "Glute bridge" in server.page("exercises/glute-bridge/")
        target.write_text(good, encoding="utf-8")
        wait_for(lambda: BANNER not in server.page(), "the banner to go")
        assert server.alive()
        log = server.output()
    assert "data/exercises/glute-bridge.yml:" in log and "'expert' is not one of" in log
    assert "Traceback" not in log
    assert "Printed" not in log, "serve must not print the session cards"


def test_a_first_start_with_broken_data_still_serves(tmp_path: Path) -> None:
    root = project(tmp_path / "project")
    broken = root / "data" / "muscles.yml"
    broken.write_text(broken.read_text(encoding="utf-8") + "  - id: [\n", encoding="utf-8")
    with serving(root) as server:
        body = server.page()
        assert BANNER in body and "data/muscles.yml:" in body and "YAML syntax error" in body
        assert fetch(server.url + "sessions/posterior-chain.pdf")[0] == 404
        assert server.alive()


def test_a_python_change_says_a_restart_is_needed(tmp_path: Path) -> None:
    root = project(tmp_path / "project")
    code = ROOT / "macros" / "site" / "urls.py"
    stamp = code.stat()
    with serving(root) as server:
        try:
            os.utime(code, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
            # Any watched change triggers a rebuild; a data file is the usual one.
            (root / "data" / "glossary.yml").touch()
            wait_for(lambda: "start it again" in server.output(), "the restart notice")
        finally:
            os.utime(code, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        assert "macros/site/urls.py" in server.output()
        assert server.alive()


@pytest.mark.parametrize("command", [["validate", "data"], ["ids", "--check", "data"]])
def test_the_command_line_still_fails_on_bad_data(tmp_path: Path, command: list[str]) -> None:
    root = project(tmp_path / "project")
    target = root / "data" / "exercises" / "glute-bridge.yml"
    target.write_text(target.read_text().replace("level: beginner", "level: expert"))
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli", *command],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("data/exercises/glute-bridge.yml:")
    assert "Traceback" not in result.stderr
