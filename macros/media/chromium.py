"""Launching the headless Chromium that the tests and the PDF printer share.

Debian's ``chromium`` is used where ``LEGWORK_CHROMIUM`` (default ``/usr/bin/chromium``)
points at one; otherwise Playwright's own build, installed by ``make browser``.
The flags keep Chromium off the network: this machine allows no outside connections.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def executable() -> Path | None:
    path = Path(os.environ.get("LEGWORK_CHROMIUM", "/usr/bin/chromium"))
    return path if path.exists() else None


def launch(playwright: Any) -> Any:
    """Launch headless Chromium from a started ``sync_playwright()``."""
    path = executable()
    options: dict[str, Any] = {"args": CHROMIUM_ARGS, "headless": True}
    if path:
        options["executable_path"] = str(path)
    return playwright.chromium.launch(**options)
