"""Legwork's data layer and site generation.

``define_env`` is the mkdocs-macros entry point for hand-written pages: it loads the
library once and exposes it. Data code (models, loader, checks) imports nothing from MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def define_env(env: Any) -> None:
    from macros.errors import DataErrors
    from macros.loader import load_cached

    config_dir = Path(env.conf["config_file_path"]).parent
    try:
        library = load_cached(config_dir / env.conf["extra"].get("data_dir", "data"))
    except DataErrors as exc:
        raise exc.exit() from None
    from macros.opendata import LOSSY_MAPPINGS

    env.variables["library"] = library
    env.variables["lossy_mappings"] = LOSSY_MAPPINGS
