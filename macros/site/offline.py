"""Offline use: the web app manifest and the service worker, written from the built site.

The worker precaches the site shell (the home page, the two indexes, the 404 page, the
theme's styles and scripts, the search index and the icons) and, when a session page asks
it to, that page, its exercises and its PDF. Its cache is named after a hash of every
file in the build, so a new deploy replaces every old file. All its paths are relative to
its own address, so the site works under a sub-path. Under ``mkdocs serve`` the site
publishes a worker that removes itself and its caches instead.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from macros.media import icons
from macros.site import urls
from macros.site.render import render

CACHE_PREFIX = "legwork-"
SHELL_PAGES = ("home", "exercises", "sessions", "builder")
SHELL_SUFFIXES = (".css", ".js", ".png", ".svg")
"""Theme and Legwork assets the shell keeps (source maps and fonts are left out)."""
SHELL_SKIP = (f"{urls.PREVIEW_DIR}/", "assets/javascripts/lunr/")
"""Link-preview images (only other sites load them) and search languages the site does not use."""


def manifest(site_name: str, description: str) -> str:
    """The web app manifest: name, colours and the icon set, addresses relative to itself."""
    document = {
        "name": site_name,
        "short_name": site_name,
        "description": description,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": icons.INK,
        "icons": [
            {
                "src": urls.icon(icon.name),
                "sizes": f"{icon.size}x{icon.size}",
                "type": "image/png",
                "purpose": "maskable" if icon.maskable else "any",
            }
            for icon in icons.PNG_ICONS
            if icon.size >= 192
        ],
    }
    return json.dumps(document, indent=2) + "\n"


def built_files(site_dir: Path) -> list[str]:
    """Every file of the build as a site path, sorted, the worker itself left out."""
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file() and path.name != urls.SERVICE_WORKER
    )


def cache_name(site_dir: Path, files: Iterable[str]) -> str:
    """``legwork-`` and a hash of every file's path and bytes: a new build, a new cache."""
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256((site_dir / name).read_bytes()).digest())
    return CACHE_PREFIX + digest.hexdigest()[:16]


def shell(files: Iterable[str]) -> list[str]:
    """The addresses the worker caches when it installs, relative to the site root."""
    pages = [urls.path(kind) for kind in SHELL_PAGES]
    assets = [
        name
        for name in files
        if name.startswith("assets/")
        and name.endswith(SHELL_SUFFIXES)
        and not name.startswith(SHELL_SKIP)
    ]
    present = set(files)
    extras = [name for name in ("404.html", urls.MANIFEST, urls.SEARCH_INDEX) if name in present]
    return [page or "./" for page in pages] + extras + assets


def service_worker(site_dir: Path) -> str:
    """The worker for a published build of the site in ``site_dir``."""
    files = built_files(site_dir)
    return render(
        "sw.js.j2",
        cache=cache_name(site_dir, files),
        prefix=CACHE_PREFIX,
        shell=shell(files),
    )


def retiring_worker() -> str:
    """The worker ``mkdocs serve`` publishes: it clears Legwork's caches and unregisters, so
    a worker left by an earlier build never serves stale pages."""
    return render("sw-retire.js.j2", prefix=CACHE_PREFIX)
