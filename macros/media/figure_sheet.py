"""A figure sheet for contributors: every pose of a technique figure side by side in a PNG.

``legwork figure <id>`` draws it in about a second, with no site build, from the geometry
the site uses (``geometry.solve`` places the poses, ``figures.pose_primitives`` gives what each
pose draws, ``figures.paint`` paints it as the link previews do). On top of the drawing, for
whoever is writing the angles: each pose's name, every joint angle written at its joint,
each surface's name and height, and each contact as a ring, green where it lands on its
surface and red, with how far off, where it misses. Every pose has a panel of the same size,
drawn at one scale, so the sheet's width follows from the number of poses.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from PIL import Image, ImageDraw

from macros.data.figures import geometry
from macros.data.figures.model import (
    CONTACT_TOLERANCE_CM,
    FREE_SURFACES,
    SURFACE_HEIGHTS_CM,
    Figure,
)
from macros.media import figures
from macros.media.figures import Colours, Marker, Primitive
from macros.media.previews import font, printable

Vec = tuple[float, float]

PANEL_WIDTH = 440
PANEL_HEIGHT = 520
"""Each pose's panel in pixels."""
MARGIN = 24
GAP = 24
HEADER = 88
"""The title band above the panels: the title, then the key."""
CAPTION = 34
"""The pose's name at the top of its panel."""
SUPERSAMPLE = 3

BACKGROUND = "#ffffff"
PANEL = "#f3f5f4"
INK = "#1f2a27"
LANDED = "#1e7a3c"
MISSED = "#c0221b"
COLOURS = Colours(
    near="#1d5c4d",
    far="#7fb0a2",
    tint="#a3431f",
    equipment="#5c6670",
    equipment_fill="#e4e8eb",
    surface="#6b6f76",
    halo=PANEL,
)
FAR_TEXT = "#4f7f72"
"""The far side's labels: darker than its limbs, to be read on the panel."""
LABEL_SIZE = 14
TITLE_SIZE = 24

SIDE_JOINTS = ("hip", "knee", "ankle", "shoulder", "elbow")
FRONT_JOINTS = {"hip_abduction": "hip", "ankle": "ankle", "shoulder_abduction": "shoulder"}
"""The angles written on a front-view figure, and the joint each is written at."""
FRONT_JOINTS_ELBOW = {"elbow": "elbow"}


def sheet_size(pose_count: int) -> tuple[int, int]:
    """The sheet's size in pixels for a figure of ``pose_count`` poses."""
    width = 2 * MARGIN + pose_count * PANEL_WIDTH + (pose_count - 1) * GAP
    return width, HEADER + PANEL_HEIGHT + MARGIN


def figure_sheet(figure: Figure, kit: Sequence[str], title: str, problems: int) -> bytes:
    """The sheet as PNG bytes; ``problems`` is how many errors validation found in the
    figure (the sheet draws, it does not judge)."""
    bodies = geometry.solve(figure)
    width, height = sheet_size(len(bodies))
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    panels = figures._panels(figure, bodies, kit, ())
    room = PANEL_HEIGHT - CAPTION
    k = min(PANEL_WIDTH / panels.panel, room / panels.height)
    inset = ((PANEL_WIDTH - panels.panel * k) / 2, CAPTION + (room - panels.height * k) / 2)

    def to_pixels(index: int) -> Callable[[Vec], Vec]:
        left = MARGIN + index * (PANEL_WIDTH + GAP) + inset[0]
        top = HEADER + inset[1]
        return lambda p: (left + (p[0] - panels.left) * k, top + (panels.top - p[1]) * k)

    for index in range(len(bodies)):
        left = MARGIN + index * (PANEL_WIDTH + GAP)
        draw.rectangle((left, HEADER, left + PANEL_WIDTH - 1, HEADER + PANEL_HEIGHT - 1), PANEL)
    _paint_bodies(image, figure, bodies, kit, panels, to_pixels, k)
    draw = ImageDraw.Draw(image)
    misses = 0
    for index, body in enumerate(bodies):
        pose = figure.poses[index]
        left = MARGIN + index * (PANEL_WIDTH + GAP)
        heading = pose.name + (f"  (flight, {pose.height:g} cm up)" if not pose.contacts else "")
        draw.text((left + 12, HEADER + 8), heading, font=font(18), fill=INK, anchor="la")
        px = to_pixels(index)
        _surface_labels(draw, body, px)
        _angle_labels(draw, figure, index, body, px)
        misses += _contact_rings(draw, body, px)
    verdict = "every contact lands, nothing to fix"
    if problems:
        verdict = f"{problems} problem{'s' if problems != 1 else ''} to fix"
        verdict += f", {misses} contact{'s' if misses != 1 else ''} off (red)" if misses else ""
    line = f"{title} · {figure.view} view · {len(bodies)} poses · {verdict}"
    colour = MISSED if problems else INK
    draw.text((MARGIN, 16), printable(line), font=font(TITLE_SIZE), fill=colour, anchor="la")
    first, second = geometry.sides(figure.view)
    key = (
        f"Angles in degrees: {first} side (dark) right of each joint, {second} side (light) "
        "left of it. Rings: contacts, green on the surface, red off it."
    )
    draw.text((MARGIN, 52), key, font=font(LABEL_SIZE + 1), fill=INK, anchor="la")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _paint_bodies(
    image: Image.Image,
    figure: Figure,
    bodies: Sequence[geometry.PosedBody],
    kit: Sequence[str],
    panels: figures._Panels,
    to_pixels: Callable[[int], Callable[[Vec], Vec]],
    k: float,
) -> None:
    """The bodies, surfaces and equipment, anti-aliased: drawn large, then reduced."""
    layer = Image.new("RGBA", (image.width * SUPERSAMPLE, image.height * SUPERSAMPLE))
    items: list[tuple[Primitive, Callable[[Vec], Vec]]] = []
    for index, body in enumerate(bodies):
        mapper = to_pixels(index)
        for item in figures.pose_primitives(figure, body, kit, (), panels.floor):
            if not isinstance(item, Marker):
                items.append((item, mapper))

    def px(mapper: Callable[[Vec], Vec], p: Vec) -> Vec:
        x, y = mapper(p)
        return (x * SUPERSAMPLE, y * SUPERSAMPLE)

    figures.paint(ImageDraw.Draw(layer), items, px, k * SUPERSAMPLE, COLOURS)
    small = layer.resize(image.size, Image.Resampling.LANCZOS)
    image.paste(small, (0, 0), small)


def _label(draw: ImageDraw.ImageDraw, at: Vec, text: str, fill: str, anchor: str = "lm") -> None:
    """A label with a halo in the panel's colour, moved inside its panel if it would cross
    the panel's edge."""
    text = printable(text)
    width = draw.textlength(text, font=font(LABEL_SIZE))
    panel = max(0, int((at[0] - MARGIN) // (PANEL_WIDTH + GAP)))
    left = MARGIN + panel * (PANEL_WIDTH + GAP) + 4
    right = left + PANEL_WIDTH - 8
    start = at[0] - (width if anchor[0] == "r" else width / 2 if anchor[0] == "m" else 0)
    shift = max(0.0, left - start) - max(0.0, start + width - right)
    draw.text(
        (at[0] + shift, at[1]),
        text,
        font=font(LABEL_SIZE),
        fill=fill,
        anchor=anchor,
        stroke_width=3,
        stroke_fill=PANEL,
    )


def _angle_labels(
    draw: ImageDraw.ImageDraw,
    figure: Figure,
    index: int,
    body: geometry.PosedBody,
    px: Callable[[Vec], Vec],
) -> None:
    """Each angle at its joint: the working side's to the right, the other's to the left,
    the trunk's beside the middle of the trunk."""
    pose = figure.poses[index]
    first, second = geometry.sides(figure.view)
    mid = geometry.lerp(body.joint("root"), body.joint("neck"), 0.5)
    x, y = px(mid)
    _label(draw, (x + 14, y), f"trunk {pose.trunk:g}°", INK)

    def angles_of(side: str) -> dict[str, tuple[float, Vec]]:
        if figure.view == "side":
            angles: object = geometry.side_angles(pose, side)
            names = {name: name for name in SIDE_JOINTS}
        else:
            angles = geometry.front_angles(pose, side)
            names = FRONT_JOINTS | FRONT_JOINTS_ELBOW
        return {
            name: (float(getattr(angles, name)), body.joint(f"{side}-{joint}"))
            for name, joint in names.items()
        }

    theirs = angles_of(second)
    for name, (value, at) in angles_of(first).items():
        other, there = theirs[name]
        gap = geometry.sub(at, there)
        same = other == value and geometry.dot(gap, gap) < 16.0
        words = name.replace("_", " ")
        x, y = px(at)
        _label(draw, (x + 10, y), f"{words} {value:g}°" + (" both" if same else ""), COLOURS.near)
        if not same:
            x, y = px(there)
            _label(draw, (x - 10, y), f"{words} {other:g}°", FAR_TEXT, "rm")


def _surface_labels(
    draw: ImageDraw.ImageDraw, body: geometry.PosedBody, px: Callable[[Vec], Vec]
) -> None:
    """Each surface's name, and its height where it has one."""
    for surface in body.surfaces:
        words = surface.kind.replace("-", " ")
        height = SURFACE_HEIGHTS_CM.get(surface.kind)
        if height is not None:
            words += f" {height:g} cm"
        x, y = px(surface.end)
        _label(draw, (x + 6, y - 8), words, COLOURS.surface, "lb")
    x, y = px((0.0, 0.0))
    _label(draw, (x, y + 14), "floor 0 cm", COLOURS.surface, "mm")


def _contact_rings(
    draw: ImageDraw.ImageDraw, body: geometry.PosedBody, px: Callable[[Vec], Vec]
) -> int:
    """A ring on every contact, green if it lands, red with its distance if not; returns
    how many miss."""
    misses = 0
    for contact in body.contacts:
        x, y = px(contact.point)
        off = abs(contact.miss) > CONTACT_TOLERANCE_CM and contact.surface not in FREE_SURFACES
        colour = MISSED if off else LANDED
        draw.ellipse((x - 7, y - 7, x + 7, y + 7), outline=colour, width=3)
        if off:
            misses += 1
            where = "above" if contact.miss > 0 else "below"
            _label(draw, (x, y + 18), f"{abs(contact.miss):.0f} cm {where}", MISSED, "mm")
    return misses
