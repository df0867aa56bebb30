"""Print built pages to PDF with the same headless Chromium the tests use.

The published session card is the browser's own print of the built page, so the file
people attach to a newsletter and what a coach prints from the browser are the same. The
caller names the pages and where each PDF goes; this module only prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from macros.media.chromium import executable, launch

PAPER_SIZES = ("A4", "Letter")


def browser_available() -> bool:
    """Debian's Chromium at ``LEGWORK_CHROMIUM``, or Playwright's own build if installed."""
    if executable():
        return True
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return Path(playwright.chromium.executable_path).exists()


def print_pages(site_dir: Path, jobs: Mapping[str, str], *, paper: str = "A4") -> list[Path]:
    """Print each built page (a path under ``site_dir`` such as ``sessions/x/``) to its PDF
    (a path under ``site_dir`` such as ``sessions/x.pdf``).

    Runs in its own thread: Playwright's sync API refuses to start inside a thread that
    already has an event loop (a test's browser, or a server embedding the build).
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_print, site_dir, dict(jobs), paper).result()


def page_file(site_dir: Path, served: str) -> Path:
    """The built HTML file of a page served at ``served`` (directory URLs)."""
    return (
        site_dir / served / "index.html"
        if served.endswith("/") or not served
        else site_dir / served
    )


def _print(site_dir: Path, jobs: dict[str, str], paper: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            tab = browser.new_page()
            tab.emulate_media(media="print")
            for served, pdf in jobs.items():
                tab.goto(page_file(site_dir, served).as_uri(), wait_until="load")
                target = site_dir / pdf
                target.parent.mkdir(parents=True, exist_ok=True)
                tab.pdf(path=str(target), format=paper, print_background=False)
                written.append(target)
        finally:
            browser.close()
    return written
