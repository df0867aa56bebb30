"""Legwork: leg-strength exercises for runners, from YAML data to a static site.

The package is four rooms and two doors, and data flows one way through them:

- ``macros.data``: models, vocabularies, parsing, loading and checks (pydantic and PyYAML
  only). Knows nothing of the site.
- ``macros.media``: pictures and paper (link-preview images, PDF printing, the browser).
  Draws what it is handed; knows no URL.
- ``macros.site``: URLs (the only place paths are spelled), the page plan, rendering,
  templates, open data. Writes nothing to disk.
- ``macros.plugin``: the one MkDocs adapter. ``macros.cli``: the command line.

This module is the mkdocs-macros entry point (``module_name: macros``): it gives the
hand-written pages in ``docs/`` the data and the ``link`` macro, and nothing else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def define_env(env: Any) -> None:
    """Share the Legwork plugin's library with the hand-written pages.

    Under MkDocs or ProperDocs the plugin has loaded the data already (it runs first); a
    generator without the plugin gets the library loaded here.
    """
    from macros.site import prose

    plugin = env.conf["plugins"].get("legwork")
    if plugin is not None:
        library, lenient = plugin.library, plugin.serving
        # A mistake in a page should not stop `mkdocs serve`; the build still fails on it.
        env.config["on_error_fail"] = not plugin.serving
    else:
        from macros.data.loader import load_library

        library = load_library(Path(env.conf["config_file_path"]).parent / "data")
        lenient = False
    env.variables.update(prose.variables(library, lambda: env.page.file.src_uri, lenient=lenient))


def on_pre_page_macros(env: Any) -> None:
    """Print every value through the same escaping rule and filters as the generated pages
    (mkdocs-macros builds its own environment: it gets the project's policy here)."""
    from jinja2 import ChainableUndefined, StrictUndefined

    from macros.site.render import FILTERS, markdown_text

    env.env.finalize = markdown_text
    env.env.autoescape = True
    env.env.filters.update(FILTERS)
    # Under `mkdocs serve` with data that has never loaded, the library is empty: a page that
    # states a rule from it shows a gap (the banner says why) instead of stopping the server.
    plugin = env.conf["plugins"].get("legwork")
    broken = plugin is not None and plugin.serving and bool(plugin.errors)
    env.env.undefined = ChainableUndefined if broken else StrictUndefined
