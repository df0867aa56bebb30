"""Where things live on the site: each page's source path and every absolute URL.

One place for addresses, so pages, link previews, QR codes, share snippets and the open
data can never disagree about a URL. No MkDocs import.
"""

from __future__ import annotations


def exercise_uri(exercise_id: str) -> str:
    return f"exercises/{exercise_id}.md"


def muscle_uri(muscle_id: str) -> str:
    return f"muscles/{muscle_id}.md"


def session_uri(session_id: str) -> str:
    return f"sessions/{session_id}.md"


def base_url(site_url: str) -> str:
    """``site_url`` with exactly one trailing slash; it must be absolute (http or https)."""
    if not site_url.startswith(("https://", "http://")):
        raise ValueError(f"site_url must be an absolute http(s) URL, got {site_url!r}")
    return site_url.rstrip("/") + "/"


def absolute(site_url: str, path: str) -> str:
    """A file's absolute URL: ``sessions/x.pdf`` → ``<site>/sessions/x.pdf``."""
    return base_url(site_url) + path


def page_url(site_url: str, src_uri: str) -> str:
    """A page's canonical URL: ``sessions/x.md`` → ``<site>/sessions/x/``."""
    path = src_uri.removesuffix(".md").removesuffix("index")
    return absolute(site_url, path + "/" if path and not path.endswith("/") else path)
