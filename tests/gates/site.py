"""What every gate shares: the pages of a built site, a local HTTP server for it, and
the checkers' files (configs, the npm-installed axe-core and Nu Html Checker)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

import yaml

ROOT = Path(__file__).resolve().parents[2]
GATES = Path(__file__).resolve().parent
BROKEN = GATES / "broken"
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_pages(site: Path) -> list[Path]:
    """Every HTML page in a built site, 404 page included: the gates cover them all."""
    return sorted(site.rglob("*.html"))


def is_redirect_stub(page: Path) -> bool:
    """A stub the Legwork plugin writes at a renamed entry's old address (``plan.redirect_page``):
    it only forwards to the new one."""
    head = page.read_text(encoding="utf-8").split("</head>", 1)[0].lower()
    return 'http-equiv="refresh"' in head


def content_pages(site: Path) -> list[Path]:
    """The pages a person reads: every page but the redirect stubs, which send the browser
    on before anything shows (their links and markup are still checked)."""
    return [page for page in html_pages(site) if not is_redirect_stub(page)]


def url_path(site: Path, page: Path) -> str:
    """``exercises/hip-thrust/index.html`` → ``exercises/hip-thrust/``, as a link has it."""
    relative = page.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


def config(name: str) -> dict:
    """A gate's YAML config from ``tests/gates/``."""
    return yaml.safe_load((GATES / name).read_text(encoding="utf-8"))


def require(path: Path) -> Path:
    """A checker's file, or a failure that says how to install it (never a skip)."""
    assert path.exists(), f"{path} is missing: run `make setup` (it runs `npm ci`)"
    return path


def java() -> str:
    found = shutil.which("java")
    assert found, "the Nu Html Checker needs Java: apt-get install default-jre-headless"
    return found


SEARCH_INDEX = "search/search_index.json"


@functools.cache
def _index_without_documents(path: Path, mtime_ns: int) -> bytes:
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = []
    return json.dumps(index).encode("utf-8")


class _Handler(http.server.SimpleHTTPRequestHandler):
    search_documents = True

    def do_GET(self) -> None:
        """The files as built; without ``search_documents``, the search index without its
        documents (see :func:`serve`)."""
        if self.search_documents or self.path.split("?", 1)[0] != f"/{SEARCH_INDEX}":
            return super().do_GET()
        path = Path(self.directory) / SEARCH_INDEX
        body = _index_without_documents(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def end_headers(self) -> None:
        # LinkChecker throttles every host to ~10 requests a second unless the server
        # answers with this header (its documented opt-in for local servers).
        self.send_header("LinkChecker", "local")
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass

    def handle(self) -> None:
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):  # a checker hung up early
            super().handle()


@contextlib.contextmanager
def serve(directory: Path, *, search_documents: bool = True) -> Iterator[str]:
    """``directory`` over HTTP on a free loopback port; yields its base URL.

    With ``search_documents=False`` the search index is sent without its documents: the
    search box and its worker start as on the site, but a page load no longer indexes every
    page of the site in the browser, which costs each load about a third of a second of
    processor time. For the tests that never search."""
    handler_class = type("Handler", (_Handler,), {"search_documents": search_documents})
    handler = functools.partial(handler_class, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


class Rule(Protocol):
    def matches(self, finding: object, /) -> bool: ...


F = TypeVar("F")
R = TypeVar("R", bound=Rule)


def uncovered(findings: Sequence[F], rules: Sequence[R]) -> tuple[list[F], dict[R, int]]:
    """The findings no rule (exclusion, suppression) covers, and how many each rule covered:
    a rule that covers nothing is stale, and the gates fail on it."""
    used = dict.fromkeys(rules, 0)
    left = []
    for finding in findings:
        covering = [rule for rule in rules if rule.matches(finding)]
        for rule in covering:
            used[rule] += 1
        if not covering:
            left.append(finding)
    return left, used
