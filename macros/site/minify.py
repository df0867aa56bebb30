"""Pages, stylesheets and scripts as a phone downloads them: the templates' indentation taken
out of each page, comments and layout whitespace out of Legwork's own stylesheets and
scripts (rCSSmin and rJSmin), the files in ``docs/assets/`` left readable.

The MkDocs adapter minifies the built copies after each build (:func:`minify_tree`), and
``legwork generate`` the copies it writes, so a site built by either path sends the same
bytes. Only the files named in :data:`OWN` are touched: the theme's are minified already and
the vendored QR encoder keeps its licence header."""

from __future__ import annotations

import re
from pathlib import Path

import rcssmin
import rjsmin

from macros.site import urls

OWN = (
    urls.STYLESHEET,
    urls.CARD_STYLES,
    urls.BUILDER_STYLE,
    urls.SCRIPT,
    urls.SESSION_SCRIPT,
    urls.BUILDER_SCRIPT,
)
"""The site paths of Legwork's own stylesheets and scripts."""


_NESTED_TEMPLATE = re.compile(r"\$\{[^}`]*`")
"""A template literal inside another's ``${...}``: rJSmin handles only unnested ones."""

_RAW_TEXT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"(<[^>]*>)")
_VERBATIM = re.compile(r"<(/?)(pre|textarea|code)\b", re.IGNORECASE)
_INDENT = re.compile(r"[ \t]*\n\s*")


def page(html: str) -> str:
    """A built page without the templates' indentation: in the text between tags, a run of
    white space that holds a line break becomes that one line break, which a browser shows
    exactly as it showed the run. Tags, attribute values and entities are kept byte for
    byte (the templates write every ``>`` in an attribute as ``&gt;``), and nothing inside
    ``script``, ``style``, ``pre``, ``textarea`` or ``code`` is touched."""
    out, last = [], 0
    for raw in _RAW_TEXT.finditer(html):
        out += [_squeeze(html[last : raw.start()]), raw.group(0)]
        last = raw.end()
    out.append(_squeeze(html[last:]))
    return "".join(out)


def _squeeze(html: str) -> str:
    pieces = _TAG.split(html)
    inside = ""  # the verbatim element the text is in, until its closing tag
    for at in range(0, len(pieces), 2):
        if not inside:
            pieces[at] = _INDENT.sub("\n", pieces[at])
        tag = _VERBATIM.match(pieces[at + 1]) if at + 1 < len(pieces) else None
        if tag is None:
            continue
        name = tag.group(2).lower()
        if not inside and not tag.group(1):
            inside = name
        elif inside == name and tag.group(1):
            inside = ""
    return "".join(pieces)


def minified(path: str, text: str) -> str:
    """``text`` minified as the kind of file ``path`` names (``.css`` or ``.js``)."""
    if path.endswith(".css"):
        return rcssmin.cssmin(text) + "\n"
    if path.endswith(".js"):
        nested = _NESTED_TEMPLATE.search(text)
        if nested:
            line = text.count("\n", 0, nested.start()) + 1
            raise ValueError(
                f"{path}, line {line}: a template literal inside another's ${{...}}; the "
                "minifier would change its text, so build the inner string first"
            )
        return rjsmin.jsmin(text) + "\n"
    raise ValueError(f"{path}: only .css and .js files are minified")


def minify_tree(root: Path) -> list[str]:
    """Minify, in place, each of :data:`OWN` found under ``root`` (a built site, or the docs
    folder of a generated plan); return the paths it minified."""
    done = []
    for path in OWN:
        file = root / path
        if file.is_file():
            file.write_text(minified(path, file.read_text(encoding="utf-8")), encoding="utf-8")
            done.append(path)
    return done
