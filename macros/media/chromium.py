"""Launching the headless Chromium that the tests and the PDF printer share.

``LEGWORK_CHROMIUM`` names the binary. Unset, it is Debian's headless build of Chromium
(``chromium-headless-shell``) where installed, else Debian's ``chromium``, else Playwright's
own build, installed by ``make browser``. The headless shell is the same Blink and V8 as the
browser, without the windowing a person needs, and costs the tests about a quarter less
processor time; either passes the whole suite.
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


DEBIAN = (Path("/usr/bin/chromium-headless-shell"), Path("/usr/bin/chromium"))
"""Debian's two builds, in the order they are looked for when ``LEGWORK_CHROMIUM`` is unset."""


def executable() -> Path | None:
    """The Chromium to launch, or None for Playwright's own build."""
    named = os.environ.get("LEGWORK_CHROMIUM")
    candidates = (Path(named),) if named else DEBIAN
    return next((path for path in candidates if path.exists()), None)


def launch(playwright: Any) -> Any:
    """Launch headless Chromium from a started ``sync_playwright()``."""
    path = executable()
    options: dict[str, Any] = {"args": CHROMIUM_ARGS, "headless": True}
    if path:
        options["executable_path"] = str(path)
    return playwright.chromium.launch(**options)
