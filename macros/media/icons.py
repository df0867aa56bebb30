"""The Legwork mark, and the icon set made from it: one drawing, as SVG and as PNG.

The mark is an "L" drawn as a leg and foot on an accent tile. Its geometry is defined once
here (in units of the tile's side) and drawn twice: as an SVG for the header logo and modern
browsers' favicon, and with Pillow for the PNG sizes phones and home screens use (the link
previews draw the same mark). ``legwork icons`` writes the set to ``docs/assets/icons/``;
a test keeps the committed files equal to what this module draws.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from PIL import Image, ImageDraw

TILE = "#f0a07f"
INK = "#1d5c4d"
JOINTS = ((0.38, 0.2), (0.38, 0.74), (0.76, 0.74))
"""Hip, heel and toe of the leg-and-foot "L", as fractions of the tile's side."""
STROKE = 0.17
CORNER = 0.2
SUPERSAMPLE = 4


@dataclass(frozen=True)
class Icon:
    name: str
    size: int
    maskable: bool = False
    """Drawn inside the central safe zone on a full-bleed tile, for Android's masks."""


PNG_ICONS = (
    Icon("favicon-16.png", 16),
    Icon("favicon-32.png", 32),
    Icon("apple-touch-icon.png", 180),
    Icon("icon-192.png", 192),
    Icon("icon-512.png", 512),
    Icon("icon-maskable-512.png", 512, maskable=True),
)
SVG_NAME = "legwork.svg"


def mark_svg() -> str:
    """The mark as a standalone SVG document, 100 units square."""
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": "0 0 100 100",
            "role": "img",
            "aria-label": "Legwork",
        },
    )
    ET.SubElement(
        svg,
        "rect",
        {"width": "100", "height": "100", "rx": f"{CORNER * 100:g}", "fill": TILE},
    )
    points = " ".join(f"{x * 100:g},{y * 100:g}" for x, y in JOINTS)
    ET.SubElement(
        svg,
        "polyline",
        {
            "points": points,
            "fill": "none",
            "stroke": INK,
            "stroke-width": f"{STROKE * 100:g}",
            "stroke-linecap": "round",
            "stroke-linejoin": "round",
        },
    )
    return ET.tostring(svg, encoding="unicode") + "\n"


def draw_mark(
    draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], *, tile: bool = True
) -> None:
    """The mark drawn into ``box`` (left, top, right, bottom) on a Pillow canvas."""
    left, top, right, _ = box
    size = right - left
    if tile:
        draw.rounded_rectangle(box, radius=round(size * CORNER), fill=TILE)
    points = [(left + round(x * size), top + round(y * size)) for x, y in JOINTS]
    width = max(2, round(size * STROKE))
    draw.line(points, fill=INK, width=width, joint="curve")
    radius = width // 2
    for x, y in (points[0], points[-1]):  # round caps
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=INK)


def icon_png(icon: Icon) -> bytes:
    """One PNG of the set, drawn large and scaled down so its edges are smooth."""
    side = icon.size * SUPERSAMPLE
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if icon.maskable:
        draw.rectangle((0, 0, side, side), fill=TILE)
        inset = round(side * 0.1)  # the mark within the central 80 % safe zone
        draw_mark(draw, (inset, inset, side - inset, side - inset), tile=False)
    else:
        draw_mark(draw, (0, 0, side, side))
    image = image.resize((icon.size, icon.size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def icon_files() -> dict[str, bytes]:
    """Every file of the icon set, by file name."""
    files = {SVG_NAME: mark_svg().encode()}
    files.update({icon.name: icon_png(icon) for icon in PNG_ICONS})
    return files
