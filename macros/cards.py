"""Print session cards to PDF with the same headless Chromium the tests use.

The published ``sessions/<id>.pdf`` is the browser's own print of the built page, so the
file people attach to a newsletter and what a coach prints from the browser are the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from macros.chromium import executable, launch

PAPER_SIZES = ("A4", "Letter")


def browser_available() -> bool:
    """Debian's Chromium at ``LEGWORK_CHROMIUM``, or Playwright's own build if installed."""
    if executable():
        return True
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return Path(playwright.chromium.executable_path).exists()


def card_html(site_dir: Path, session_id: str) -> Path:
    return site_dir / "sessions" / session_id / "index.html"


def print_cards(
    site_dir: Path, session_ids: Iterable[str], *, paper: str = "A4", out_dir: Path | None = None
) -> list[Path]:
    """Print each built session page to ``<out_dir or site_dir/sessions>/<id>.pdf``.

    Runs in its own thread: Playwright's sync API refuses to start inside a thread that
    already has an event loop (a test's browser, or a server embedding the build).
    """
    ids = list(session_ids)
    out = out_dir or site_dir / "sessions"
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_print, site_dir, ids, paper, out).result()


def _print(site_dir: Path, session_ids: list[str], paper: str, out_dir: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            tab = browser.new_page()
            tab.emulate_media(media="print")
            for session_id in session_ids:
                tab.goto(card_html(site_dir, session_id).as_uri(), wait_until="load")
                target = out_dir / f"{session_id}.pdf"
                tab.pdf(path=str(target), format=paper, print_background=False)
                written.append(target)
        finally:
            browser.close()
    return written
