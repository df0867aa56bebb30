"""Link-preview images (Open Graph cards): a 1200×630 PNG for each card the plan asks for.

Pure Python and Pillow; no MkDocs import and no files beyond what Pillow ships: the mark is
drawn from shapes and the text is set in Pillow's bundled scalable font (Aileron Regular),
so every machine renders the same bytes without a system font. The site plan decides what
each card says and where it goes (:class:`PreviewSpec`); ``layout`` places every line (tests
check it stays on the canvas), and ``render_previews`` draws them, reusing earlier renders
from a content-keyed cache. An exercise's card shows its technique figure, start and end,
drawn by ``figures.draw_figure`` on the right, the text narrowed to the left of it.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import shutil
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont, features

from macros.data.figures.model import Figure
from macros.media.figures import Colours, draw_figure
from macros.media.icons import TILE, draw_mark

RENDERER_VERSION = 3
"""Bump on any change to how a card is drawn: it invalidates every cached render."""

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = "#1d5c4d"
TEXT = "#ffffff"
ACCENT = TILE
TAGLINE = "Legwork · leg strength for runners"
SEPARATOR = " · "

MARK_SIZE = 96
TAGLINE_SIZE = 34
TITLE_SIZES = tuple(range(88, 43, -4))  # largest first; 44 px is the floor
TITLE_MAX_LINES = 3
SUBTITLE_SIZES = (40, 36, 32, 28)
SUBTITLE_MAX_LINES = 2
LINE_PITCH = 1.12  # line spacing as a multiple of the font size
BLOCK_GAP = 28  # between the title and the subtitle
HEADER_GAP = 48  # between the header (mark and tagline) and the title block

SAFE_AREA = (MARGIN, MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN)
"""Left, top, right, bottom: every mark and glyph stays inside this box."""
FIGURE_BOX = (WIDTH - MARGIN - 368, MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN)
"""Where a card's technique figure is drawn, inside the safe area on the right."""
FIGURE_GAP = 40
"""Between the text and the figure."""

# The bundled font covers ASCII and a little punctuation (curly quotes, … and ·) but no
# accented letters or typographic dashes: those fold to the nearest text it can draw. The
# alt text keeps the original.
_FOLDS = {
    "–": "-",
    "—": "-",
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2212": "-",  # minus sign
    "×": "x",
    "æ": "ae",
    "Æ": "AE",
    "ø": "o",
    "Ø": "O",
    "ß": "ss",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "\u00a0": " ",
}
_MISSING = "?"


# --- What each card says. -----------------------------------------------------------


@dataclass(frozen=True)
class PreviewSpec:
    """One card: where it is written, the page it previews, and what it says."""

    path: str
    """Output path relative to the site directory, e.g. ``assets/previews/exercises/x.png``."""
    page: str
    """The previewed page as a site-relative URL, e.g. ``exercises/x/``; "" for the default."""
    title: str
    subtitle: str
    figure: PreviewFigure | None = None

    @property
    def alt(self) -> str:
        """The image's text as a plain sentence, for ``og:image:alt``."""
        spoken = self.subtitle.replace(SEPARATOR, ", ")
        drawn = f", beside a figure doing the {self.title}" if self.figure else ""
        return f"Legwork card with the title {self.title} and the line {spoken}{drawn}."

    def key(self) -> str:
        """A hash of everything that decides the pixels: same key, same PNG."""
        content = {
            "renderer": RENDERER_VERSION,
            "pillow": PIL.__version__,
            "freetype": features.version("freetype2"),
            "canvas": [WIDTH, HEIGHT, BACKGROUND, TEXT, ACCENT, TAGLINE],
            "title": self.title,
            "subtitle": self.subtitle,
            "figure": self.figure.content() if self.figure else None,
        }
        encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(encoded).hexdigest()


@dataclass(frozen=True)
class PreviewFigure:
    """The technique figure a card shows: the poses, the kit drawn and the tinted muscles."""

    figure: Figure
    kit: tuple[str, ...]
    tint: tuple[str, ...] = field(default=())

    def content(self) -> object:
        return {
            "figure": self.figure.model_dump(mode="json"),
            "kit": list(self.kit),
            "tint": list(self.tint),
        }


# --- Where every line goes. ---------------------------------------------------------


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    loaded = ImageFont.load_default(size=size)
    if not isinstance(loaded, ImageFont.FreeTypeFont):
        raise RuntimeError("Pillow's bundled scalable font needs Pillow >= 10.1 with FreeType")
    return loaded


@cache
def has_glyph(char: str) -> bool:
    """Whether the bundled font draws ``char`` itself rather than its missing-glyph box."""
    probe = font(32)
    return char.isspace() or bytes(probe.getmask(char)) != bytes(probe.getmask("\uffff"))


def printable(text: str) -> str:
    """``text`` with every character the bundled font lacks folded to one it has."""
    out = []
    for char in text:
        if has_glyph(char):
            out.append(char)
            continue
        folded = _FOLDS.get(char)
        if folded is None:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            folded = base if base and all(has_glyph(c) for c in base) else _MISSING
        out.append(folded)
    return "".join(out)


def text_width(text: str, size: int) -> int:
    """Pixels a line needs: its advance or its ink, whichever reaches further, plus any ink
    left of the pen position (which :func:`layout` shifts back inside the margin)."""
    face = font(size)
    left, _, right, _ = face.getbbox(text, anchor="la")
    return max(right, math.ceil(face.getlength(text))) - min(0, left)


@cache
def wrap(text: str, size: int, width: int) -> tuple[str, ...]:
    """Greedy word wrap to ``width`` pixels; a word too long for a line breaks after its
    hyphens, then anywhere."""

    def fits(line: str) -> bool:
        return text_width(line, size) <= width

    pieces: list[tuple[str, str]] = []  # (glue before, text)
    for word in text.split():
        if fits(word):
            pieces.append((" ", word))
            continue
        glue = " "
        for part in _hyphen_parts(word):
            while part:
                low, high = 1, len(part)  # the longest prefix that fits, at least one char
                while low < high:
                    middle = (low + high + 1) // 2
                    low, high = (middle, high) if fits(part[:middle]) else (low, middle - 1)
                pieces.append((glue, part[:low]))
                part, glue = part[low:], ""
    lines: list[str] = []
    for glue, piece in pieces:
        if lines and fits(lines[-1] + glue + piece):
            lines[-1] += glue + piece
        else:
            lines.append(piece)
    return tuple(lines)


def _hyphen_parts(word: str) -> list[str]:
    parts = word.split("-")
    return [part + "-" for part in parts[:-1]] + [parts[-1]] if len(parts) > 1 else [word]


def _truncate(lines: tuple[str, ...], count: int, size: int, width: int) -> tuple[str, ...]:
    """The first ``count`` lines, the last ending in an ellipsis when text was cut."""
    if len(lines) <= count:
        return lines
    kept, last = lines[: count - 1], lines[count - 1]
    while last and text_width(last.rstrip() + "…", size) > width:
        last = last[:-1]
    return (*kept, last.rstrip() + "…")


@dataclass(frozen=True)
class TextLine:
    text: str
    size: int
    fill: str
    xy: tuple[int, int]
    """Where the line is drawn, anchored at its left and ascender line ("la")."""
    bbox: tuple[int, int, int, int]
    """The ink box on the canvas: left, top, right, bottom."""


@dataclass(frozen=True)
class Layout:
    mark: tuple[int, int, int, int]
    lines: tuple[TextLine, ...]

    def boxes(self) -> list[tuple[int, int, int, int]]:
        return [self.mark, *(line.bbox for line in self.lines)]


def _line(text: str, size: int, fill: str, x: int, y: int) -> TextLine:
    left, top, right, bottom = font(size).getbbox(text, anchor="la")
    x -= min(0, left)  # a glyph that overhangs its pen position to the left starts inside
    return TextLine(text, size, fill, (x, y), (x + left, y + top, x + right, y + bottom))


def _block_height(count: int, size: int) -> int:
    if count == 0:
        return 0
    ascent, descent = font(size).getmetrics()
    return round((count - 1) * size * LINE_PITCH) + ascent + descent


@dataclass(frozen=True)
class _Fit:
    title: tuple[str, ...]
    title_size: int
    subtitle: tuple[str, ...]
    subtitle_size: int

    @property
    def height(self) -> int:
        return (
            _block_height(len(self.title), self.title_size)
            + BLOCK_GAP
            + _block_height(len(self.subtitle), self.subtitle_size)
        )


def _fit(title: str, subtitle: str, width: int, height: int) -> _Fit:
    """The largest sizes at which both texts wrap within their line limits and ``height``;
    failing that, the smallest sizes with the text cut to the limits."""
    for title_size in TITLE_SIZES:
        title_lines = wrap(title, title_size, width)
        if len(title_lines) > TITLE_MAX_LINES:
            continue
        for subtitle_size in SUBTITLE_SIZES:
            fit = _Fit(title_lines, title_size, wrap(subtitle, subtitle_size, width), subtitle_size)
            if len(fit.subtitle) <= SUBTITLE_MAX_LINES and fit.height <= height:
                return fit
    title_size, subtitle_size = TITLE_SIZES[-1], SUBTITLE_SIZES[-1]
    return _Fit(
        _truncate(wrap(title, title_size, width), TITLE_MAX_LINES, title_size, width),
        title_size,
        _truncate(wrap(subtitle, subtitle_size, width), SUBTITLE_MAX_LINES, subtitle_size, width),
        subtitle_size,
    )


def layout(title: str, subtitle: str, figure: bool = False) -> Layout:
    """Place the mark, tagline, title and subtitle; long text wraps, then shrinks, then is
    cut with an ellipsis, so nothing leaves :data:`SAFE_AREA` (nor, with ``figure``, runs
    into :data:`FIGURE_BOX`)."""
    left, top, right, bottom = SAFE_AREA
    if figure:
        right = FIGURE_BOX[0] - FIGURE_GAP
    mark = (left, top, left + MARK_SIZE, top + MARK_SIZE)
    tagline_y = top + (MARK_SIZE - sum(font(TAGLINE_SIZE).getmetrics())) // 2
    lines = [_line(TAGLINE, TAGLINE_SIZE, TEXT, left + MARK_SIZE + 28, tagline_y)]

    band_top = top + MARK_SIZE + HEADER_GAP
    fit = _fit(printable(title), printable(subtitle), right - left, bottom - band_top)
    y = band_top + max(0, (bottom - band_top - fit.height) // 2)  # centred below the header
    for index, text in enumerate(fit.title):
        pitch = round(index * fit.title_size * LINE_PITCH)
        lines.append(_line(text, fit.title_size, TEXT, left, y + pitch))
    y += _block_height(len(fit.title), fit.title_size) + BLOCK_GAP
    for index, text in enumerate(fit.subtitle):
        pitch = round(index * fit.subtitle_size * LINE_PITCH)
        lines.append(_line(text, fit.subtitle_size, ACCENT, left, y + pitch))
    return Layout(mark, tuple(lines))


# --- Drawing. -----------------------------------------------------------------------


def render_png(spec: PreviewSpec) -> bytes:
    """One card as PNG bytes; equal specs give equal bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    placed = layout(spec.title, spec.subtitle, figure=spec.figure is not None)
    draw_mark(draw, placed.mark)
    for line in placed.lines:
        draw.text(line.xy, line.text, font=font(line.size), fill=line.fill, anchor="la")
    if spec.figure is not None:
        drawn = spec.figure
        draw_figure(
            image,
            FIGURE_BOX,
            drawn.figure,
            drawn.kit,
            colours=Colours(halo=BACKGROUND),
            tint=drawn.tint,
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def render_previews(specs: list[PreviewSpec], out_dir: Path, cache_dir: Path) -> dict[str, int]:
    """Write every card under ``out_dir``; copy it from ``cache_dir`` when an earlier render
    of the same content is there, otherwise render it and keep a copy in the cache."""
    paths = [spec.path for spec in specs]
    duplicates = sorted({path for path in paths if paths.count(path) > 1})
    if duplicates:
        raise ValueError(f"more than one preview for {', '.join(duplicates)}")
    cache_dir.mkdir(parents=True, exist_ok=True)
    counts = {"rendered": 0, "reused": 0}
    for spec in specs:
        cached = cache_dir / f"{spec.key()}.png"
        if cached.is_file():
            counts["reused"] += 1
        else:
            partial = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
            partial.write_bytes(render_png(spec))
            partial.replace(cached)  # atomic: a cache file is always a whole PNG
            counts["rendered"] += 1
        target = out_dir / spec.path
        if _same_file(cached, target):  # `mkdocs serve --dirty` keeps the last rebuild's
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(cached, target)  # with the cache file's time, for _same_file
    return counts


def _same_file(cached: Path, target: Path) -> bool:
    """Whether ``target`` is already a copy of ``cached`` (same size and time)."""
    try:
        a, b = cached.stat(), target.stat()
    except FileNotFoundError:
        return False
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns
