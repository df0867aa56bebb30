"""How long a saved data file takes to show under `mkdocs serve` (the aim: within a second).

Copies the project into a temporary directory (docs, theme and code linked, data copied,
the preview images cached by an earlier build copied too, so the first build does not
redraw them), starts `mkdocs serve` as `make serve` does, and then, several times, changes
the summary of one exercise and polls that exercise's page over HTTP until the new text is
served. Prints each edit's seconds (from the file's save to the page served) and the
processor seconds the server spent meanwhile (the figure to compare on a busy machine), and
the medians of both.

    .venv/bin/python benchmarks/serve_edit.py [EDITS] [EXERCISE]     (default: 5 glute-bridge)
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_project(target: Path) -> Path:
    for name in ("docs", "overrides", "macros"):
        (target / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "data", target / "data")
    previews = ROOT / ".cache" / "previews"
    if previews.is_dir():
        shutil.copytree(previews, target / ".cache" / "previews")
    return target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def cpu_seconds(pid: int) -> float:
    """Processor seconds (user and system) a running process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def poll(url: str, text: str, seconds: float) -> float:
    """Seconds until ``text`` is in the page at ``url``; fails after ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.02)
    raise SystemExit(f"timed out after {seconds:.0f} s waiting for {text!r} at {url}")


def main(edits: int, exercise: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp))
        source = project / "data" / "exercises" / f"{exercise}.yml"
        original = source.read_text(encoding="utf-8")
        first_line = re.search(r"\nsummary: >-\n  (.*)\n", original)
        if first_line is None:
            raise SystemExit(f"{source.name}: expected a folded 'summary: >-' to edit")
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        env = {k: v for k, v in os.environ.items() if not k.startswith("LEGWORK_")}
        env["NO_MKDOCS_2_WARNING"] = "1"
        env["PYTHONPATH"] = str(project)  # this checkout's code, wherever the package points
        command = [str(Path(sys.executable).parent / "mkdocs"), "serve", "--dirty", "--livereload"]
        command += ["--dev-addr", f"127.0.0.1:{port}"]
        log = (project / "serve.log").open("w")
        server = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=log)
        try:
            page = f"{base}exercises/{exercise}/"
            first = poll(page, "</html>", 300)
            print(f"first build served after {first:.1f} s", flush=True)
            seconds, processor = [], []
            for edit in range(edits):
                marker = f"Edit marker {edit} {time.time_ns() % 10**6}."
                # The summary's first line made shorter, so it stays within its length limit.
                changed = original.replace(first_line.group(1), marker, 1)
                before = cpu_seconds(server.pid)
                source.write_text(changed, encoding="utf-8")
                seconds.append(poll(page, marker, 120))
                processor.append(cpu_seconds(server.pid) - before)
                print(
                    f"edit {edit + 1}: {seconds[-1]:.2f} s, {processor[-1]:.2f} s CPU", flush=True
                )
                time.sleep(1.0)  # let the server settle before the next save
            print(
                f"median of {edits} edits: {statistics.median(seconds):.2f} s, "
                f"{statistics.median(processor):.2f} s CPU"
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(
        int(arguments[0]) if arguments else 5,
        arguments[1] if len(arguments) > 1 else "glute-bridge",
    )
