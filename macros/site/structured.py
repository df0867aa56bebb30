"""schema.org structured data (JSON-LD) for search engines and link previews, as plain data.

Every generated page carries a ``BreadcrumbList`` (home, its section, the page) and, where
it has a link-preview image, an ``ImageObject`` with the image's licence and creator; the
open-data page carries the ``Dataset`` with its licence and every downloadable document.
Python builds dictionaries; the theme prints them with Jinja's ``tojson``, which escapes
``<``, ``>``, ``&`` and ``'``, so no data text can close the script it sits in.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from macros.data.library import Library
from macros.media.previews import PreviewSpec
from macros.site import opendata, urls

CONTEXT = "https://schema.org"
CREATOR = {"@type": "Organization", "name": "Legwork contributors"}
PREVIEW_SIZE = (1200, 630)
"""The link-preview card's size in pixels, as the theme's ``og:image`` tags state it."""

Crumb = tuple[str, str]
"""A page's name (plain text) and its path on the site."""


def plain(name: str) -> str:
    """A page title as plain text: titles are kept HTML-escaped for Material."""
    return html.unescape(name)


def breadcrumbs(site_url: str, trail: Sequence[Crumb]) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": plain(name),
                "item": urls.absolute(site_url, path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def image_object(site_url: str, spec: PreviewSpec) -> dict[str, Any]:
    """A page's link-preview image, with its licence and creator."""
    width, height = PREVIEW_SIZE
    return {
        "@context": CONTEXT,
        "@type": "ImageObject",
        "contentUrl": urls.absolute(site_url, spec.path),
        "caption": spec.alt,
        "width": width,
        "height": height,
        "encodingFormat": "image/png",
        "license": opendata.LICENCE_URL,
        "acquireLicensePage": urls.page_url(site_url, "open-data"),
        "creator": CREATOR,
        "creditText": opendata.ATTRIBUTION,
    }


def page_data(site_url: str, trail: Sequence[Crumb], preview: PreviewSpec | None) -> list:
    """What one generated page declares: its breadcrumbs, and its preview image."""
    found: list[dict[str, Any]] = [breadcrumbs(site_url, trail)]
    if preview is not None:
        found.append(image_object(site_url, preview))
    return found


def dataset(library: Library, site_url: str) -> dict[str, Any]:
    """The open data as a ``Dataset``: licence, creator and every document to download."""
    return {
        "@context": CONTEXT,
        "@type": "Dataset",
        "name": "Legwork open data",
        "description": (
            f"{len(library.exercises)} leg-strength exercises for runners, with "
            f"{len(library.assessments)} assessments, {len(library.muscles)} muscles, "
            f"{len(library.sessions)} session cards and {len(library.programmes)} "
            "programmes, as JSON with JSON Schemas."
        ),
        "url": urls.page_url(site_url, "open-data"),
        "license": opendata.LICENCE_URL,
        "creator": CREATOR,
        "isAccessibleForFree": True,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": f"{name}, version {version}",
                "encodingFormat": "application/json",
                "contentUrl": urls.absolute(site_url, urls.api_document(name, version)),
            }
            for version in opendata.VERSIONS
            for name in opendata.collections(version)
        ],
    }
