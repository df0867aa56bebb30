"""Print built pages to PDF with the same headless Chromium the tests use.

The published session card is the browser's own print of the built page, so the file
people attach to a newsletter and what a coach prints from the browser are the same. The
caller names the pages and where each PDF goes; this module only prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from macros.media.chromium import executable, launch

PAPER_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class Job:
    """Print the built page served at ``page`` (such as ``sessions/x/``) to ``pdf`` (a path
    under the site such as ``sessions/x.pdf``) on ``paper``."""

    page: str
    pdf: str
    paper: str = "A4"


def browser_available() -> bool:
    """Debian's Chromium at ``LEGWORK_CHROMIUM``, or Playwright's own build if installed."""
    if executable():
        return True
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return Path(playwright.chromium.executable_path).exists()


def print_pages(site_dir: Path, jobs: Sequence[Job]) -> list[Path]:
    """Print each job's built page under ``site_dir`` to its PDF, in one browser.

    Runs in its own thread: Playwright's sync API refuses to start inside a thread that
    already has an event loop (a test's browser, or a server embedding the build).
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_print, site_dir, list(jobs)).result()


def page_file(site_dir: Path, served: str) -> Path:
    """The built HTML file of a page served at ``served`` (directory URLs)."""
    return (
        site_dir / served / "index.html"
        if served.endswith("/") or not served
        else site_dir / served
    )


def _print(site_dir: Path, jobs: list[Job]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            tab = browser.new_page()
            tab.emulate_media(media="print")
            loaded = None
            for job in jobs:
                if job.page != loaded:
                    tab.goto(page_file(site_dir, job.page).as_uri(), wait_until="load")
                    loaded = job.page
                target = site_dir / job.pdf
                target.parent.mkdir(parents=True, exist_ok=True)
                tab.pdf(path=str(target), format=job.paper, print_background=False)
                written.append(target)
        finally:
            browser.close()
    return written
