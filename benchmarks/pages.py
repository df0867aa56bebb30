"""What a runner's phone downloads: page weight and Lighthouse scores for one page of every kind.

Serves a built site the way a static host does (gzip with ``Content-Encoding``, an ETag and
cache headers: HTML revalidated on every visit, fingerprinted theme files kept for a year,
the rest for ten minutes), then

1. opens each page in headless Chromium with an empty cache and adds up the gzip bytes the
   network events report, split into HTML, Legwork's own CSS and JS, the theme's CSS and
   JS, images, search (Material's worker and index, fetched after the page is up) and
   other files, and counts requests to any other host (there must be none);
2. runs Lighthouse (mobile, simulated slow 4G, the npm version pinned in
   ``benchmarks/package-lock.json``) three times per page against Debian's Chromium and
   prints the median of each category, with the audits that cost points.

    .venv/bin/python benchmarks/pages.py [--site DIR] [--runs 3] [--no-lighthouse]

Without ``--site`` it builds the site into a temporary directory first (no PDFs). ``make
bench-pages`` installs Lighthouse (``npm ci --prefix benchmarks``) and runs this. The
figures go to stdout as Markdown tables (``docs/performance.md`` shows the latest)
and to ``benchmarks/out/pages.json``. Exit status 1 when a page asks another host for
anything.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import gzip
import hashlib
import http.server
import json
import mimetypes
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from macros.media.chromium import CHROMIUM_ARGS  # the flags the build and the tests use

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("LEGWORK_LIGHTHOUSE_CHROMIUM", "/usr/bin/chromium")
"""Debian's full browser, as a reader has it (the tests' headless shell is not what is measured)."""
CHROME_FLAGS = tuple(CHROMIUM_ARGS)
PAGES = (
    ("home", ""),
    ("exercise", "exercises/romanian-deadlift/"),
    ("assessment", "exercises/knee-to-wall-test/"),
    ("muscle", "muscles/soleus/"),
    ("session", "sessions/beginner-foundations/"),
    ("programme", "programmes/base-eight-weeks/"),
    ("planning", "planning/running-week/"),
    ("exercise list, filtered", "exercises/?have=bodyweight&muscle=soleus"),
    ("builder", "sessions/build/"),
)
PARTS = ("html", "own css", "own js", "theme css", "theme js", "images", "search", "other")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
GZIP_SUFFIXES = (".webmanifest", ".xml", ".fit.json")
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)$")
"""Material's own files carry a content hash in their names: safe to keep for a year."""

mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")


# --- A static host: gzip, ETag, cache headers. -----------------------------------------


@cache
def _encoded(path: Path, compress: bool) -> tuple[bytes, str]:
    raw = path.read_bytes()
    body = gzip.compress(raw, compresslevel=6, mtime=0) if compress else raw
    return body, '"' + hashlib.sha1(raw).hexdigest()[:16] + '"'


def cache_control(site_path: str) -> str:
    if site_path.endswith(".html") or site_path.endswith("sw.js"):
        return "no-cache"
    if FINGERPRINTED.search(site_path):
        return "public, max-age=31536000, immutable"
    return "public, max-age=600"


class StaticHost(http.server.BaseHTTPRequestHandler):
    site: Path
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def handle(self) -> None:
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            super().handle()

    def _resolve(self) -> tuple[Path, int]:
        relative = unquote(urlsplit(self.path).path).lstrip("/")
        target = (self.site / relative).resolve()
        if self.site not in (target, *target.parents):
            return self.site / "404.html", 404
        if target.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return target, 301
            target = target / "index.html"
        if target.is_file():
            return target, 200
        return self.site / "404.html", 404

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, *, head: bool) -> None:
        target, status = self._resolve()
        if status == 301:
            self.send_response(301)
            path, _, query = self.path.partition("?")
            self.send_header("Location", path + "/" + ("?" + query if query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        compress = "gzip" in self.headers.get("Accept-Encoding", "") and (
            kind.startswith(GZIP_TYPES) or target.name.endswith(GZIP_SUFFIXES)
        )
        body, etag = _encoded(target, compress)
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if "text" in kind else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache_control(target.name))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(usegmt=True))
        self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if not head:
            self.wfile.write(body)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = type("Host", (StaticHost,), {"site": site.resolve()})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- Bytes on the wire, from Chromium's network events. --------------------------------


@dataclass
class Weight:
    parts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))
    requests: int = 0
    third_party: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.parts.values())

    @property
    def page_code(self) -> int:
        """HTML, CSS and JavaScript the page itself loads (search comes after, in a worker)."""
        return sum(self.parts[p] for p in ("html", "own css", "own js", "theme css", "theme js"))


def part_of(path: str, resource_type: str) -> str:
    if resource_type == "document":
        return "html"
    if path.startswith("search/") or "/workers/search" in path or "/lunr/" in path:
        return "search"
    if resource_type == "image" or path.endswith((".svg", ".png", ".webp", ".jpg", ".ico")):
        return "images"
    theme = path.startswith(("assets/stylesheets/", "assets/javascripts/")) and bool(
        FINGERPRINTED.search(path)
    )
    if path.endswith(".css"):
        return "theme css" if theme else "own css"
    if path.endswith(".js"):
        return "theme js" if theme else "own js"
    return "other"


def served_size(site: Path, site_path: str) -> int:
    """The gzip bytes the host sends for a file (for requests Chromium does not report)."""
    target = site / site_path
    kind = mimetypes.guess_type(target.name)[0] or ""
    return len(_encoded(target, kind.startswith(GZIP_TYPES))[0])


def weigh_page(browser, base: str, site: Path, path: str) -> Weight:
    """One page opened with an empty cache, no service worker, until the network is idle."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    page = context.new_page()
    finished, workers = [], []
    context.on("requestfinished", lambda request: finished.append(request))
    page.on("worker", lambda worker: workers.append(worker))
    page.goto(base + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    origin = urlsplit(base).netloc
    weight = Weight()
    for request in finished:
        url = urlsplit(request.url)
        if url.scheme in ("data", "blob"):
            continue
        weight.requests += 1
        if url.netloc != origin:
            weight.third_party.append(request.url)
            continue
        size = request.sizes()["responseBodySize"]
        weight.parts[part_of(url.path.lstrip("/"), request.resource_type)] += size
    for worker in workers:  # a worker's own script is not among the page's requests
        weight.requests += 1
        weight.parts["search"] += served_size(site, urlsplit(worker.url).path.lstrip("/"))
    context.close()
    return weight


def weigh(base: str, site: Path, paths: list[str]) -> dict[str, Weight]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROME_FLAGS))
        found = {path: weigh_page(browser, base, site, path) for path in paths}
        browser.close()
    return found


# --- Lighthouse. ------------------------------------------------------------------------


@dataclass
class Scores:
    median: dict[str, int]
    runs: list[dict[str, int]]
    losing: dict[str, list[str]]
    """For each category under 100: the audits that cost it points, in the median run."""
    benchmark_index: float
    """Lighthouse's measure of the machine's speed (median of the runs): under about 1000,
    or on a busy machine, total blocking time and the performance score suffer."""


def lighthouse_once(url: str, output: Path) -> dict:
    flags = " ".join((*CHROME_FLAGS, "--headless=new"))
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--form-factor=mobile",
        f"--chrome-flags={flags}",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return json.loads(output.read_text(encoding="utf-8"))


def losing_audits(report: dict, category: str) -> list[str]:
    audits = report["audits"]
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        score = audit.get("score")
        if (
            score is None
            or score >= 1
            or audit.get("scoreDisplayMode") in ("manual", "notApplicable")
        ):
            continue
        if ref.get("weight", 0) == 0 and category != "performance":
            continue
        shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
        weight = "" if ref.get("weight", 0) else ", unweighted"
        lines.append(f"{ref['id']}: {audit['title']}{shown} [score {score:.2f}{weight}]")
    return lines


def lighthouse(url: str, runs: int) -> Scores:
    reports = []
    with tempfile.TemporaryDirectory(prefix="legwork-lighthouse-") as tmp:
        for run in range(runs):
            reports.append(lighthouse_once(url, Path(tmp) / f"run-{run}.json"))
    scored = [
        {c: round(100 * (r["categories"][c]["score"] or 0)) for c in CATEGORIES} for r in reports
    ]
    median = {c: int(statistics.median(s[c] for s in scored)) for c in CATEGORIES}
    by_performance = sorted(range(runs), key=lambda i: scored[i]["performance"])
    middle = reports[by_performance[runs // 2]]
    losing = {c: losing_audits(middle, c) for c in CATEGORIES if median[c] < 100}
    speed = statistics.median(r["environment"]["benchmarkIndex"] for r in reports)
    return Scores(median, scored, losing, speed)


# --- Putting it together. ---------------------------------------------------------------


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def weight_table(weights: dict[str, Weight]) -> list[str]:
    head = ["page", *PARTS, "total", "HTML+CSS+JS", "requests", "third-party"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, path in PAGES:
        w = weights[path]
        cells = [name, *(kb(w.parts[p]) for p in PARTS), kb(w.total), kb(w.page_code)]
        cells += [str(w.requests), str(len(w.third_party))]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def score_table(scores: dict[str, Scores]) -> list[str]:
    head = ["page", *CATEGORIES, "machine speed"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, path in PAGES:
        s = scores[path]
        cells = [name, *(str(s.median[c]) for c in CATEGORIES), f"{s.benchmark_index:.0f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def build(target: Path) -> Path:
    env = {**os.environ, "LEGWORK_PDFS": os.environ.get("LEGWORK_PDFS", "false")}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    command = [str(mkdocs), "build", "--strict", "--clean", "--quiet", "--site-dir", str(target)]
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--no-lighthouse", action="store_true", help="page weight only")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        site = args.site
        if site is None:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="legwork-pages-")))
            print("building the site (no PDFs) ...", file=sys.stderr)
            site = build(tmp / "site")
        if not (site / "index.html").is_file():
            print(f"{site}: no index.html; give a built site with --site", file=sys.stderr)
            return 2
        if not args.no_lighthouse and not LIGHTHOUSE.exists():
            print(f"{LIGHTHOUSE} is missing: run `npm ci --prefix benchmarks`", file=sys.stderr)
            return 2
        base = stack.enter_context(serve(site))
        weights = weigh(base, site, [path for _, path in PAGES])
        print("Gzip KB transferred, empty cache, 360 px wide (Chromium's network events):\n")
        print("\n".join(weight_table(weights)))
        scores: dict[str, Scores] = {}
        if not args.no_lighthouse:
            for name, path in PAGES:
                print(f"lighthouse: {name} ...", file=sys.stderr)
                scores[path] = lighthouse(base + path, args.runs)
            load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
            print(f"\nLighthouse mobile, median of {args.runs} (load average now {load}):\n")
            print("\n".join(score_table(scores)))
            for name, path in PAGES:
                for category, lines in scores[path].losing.items():
                    print(f"\n{name}, {category} {scores[path].median[category]}:")
                    print("\n".join(f"  - {line}" for line in lines) or "  (no single audit)")
    OUT.mkdir(parents=True, exist_ok=True)
    record = {
        path: {
            "name": name,
            "bytes": weights[path].parts,
            "total": weights[path].total,
            "html_css_js": weights[path].page_code,
            "third_party": weights[path].third_party,
            **(
                {
                    "lighthouse": scores[path].median,
                    "runs": scores[path].runs,
                    "losing": scores[path].losing,
                }
                if path in scores
                else {}
            ),
        }
        for name, path in PAGES
    }
    (OUT / "pages.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    strangers = sum(len(w.third_party) for w in weights.values())
    if strangers:
        print(f"\n{strangers} request(s) to other hosts: the site must load nothing from them")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
