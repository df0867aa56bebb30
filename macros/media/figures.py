"""Technique figures drawn: the posed body as inline SVG that moves with CSS, and with Pillow.

The poses are data (``macros.data.figures.model``) and where they put the body is
``macros.data.figures.geometry``; this module only draws what geometry places, in one
friendly style: rounded limbs and a round head, the near (working) side solid and the far
side lighter behind it, a thin gap round the near limbs so they read in front, the primary
muscles tinted, the equipment of the exercise's first kit to scale, and the floor and any
bench, box, step, wall or support a contact rests on. It imports the figure's model and
geometry and never ``macros.data.figures.validation``: a picture does not judge, and
whoever wants the errors asks validation for them.

``technique_svg`` draws the page's figure: the poses side by side as static groups
(``<g data-pose="start">`` ... ``<g data-pose="end">``, absolute coordinates, 1 user unit =
1 cm, one ``<line data-segment>`` per limb, a ``<line data-surface>`` per surface top and a
zero-radius ``<circle data-contact>`` where each contact touches; coordinates to 0.1 cm,
which the measured angles need), and a motion group: the same skeleton as nested groups
that CSS keyframes turn about their joints at the tempo. Each joint's keyframes are as few
as draw the motion: a blend between two poses is two keyframes eased as the geometry eases
it, a pause one, and a state the way back passes through again is written once. Only
``@media screen and (prefers-reduced-motion: no-preference)`` shows the motion, so reduced
motion, print and renderers without CSS see the static poses. ``thumbnail_svg`` draws
start and end for a session card's slot, and ``draw_figure`` the same primitives with
Pillow for link previews. Everything is built with ElementTree, so every text and
attribute is escaped; colours come from the site's ``--lw-fig-*`` custom properties. The
page's figure names each paint by class alone and gives the light theme's colours once in
its own style, as the fallback; a thumbnail carries them as presentation attributes.
Knows no URL.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Literal

from PIL import Image, ImageDraw

from macros.data.figures.geometry import (
    BODY,
    JOINTS,
    Capsule,
    Frame,
    PosedBody,
    Rigid,
    SurfacePlacement,
    Vec,
    arm,
    core,
    front_angles,
    leg,
    merge_surfaces,
    motion_frames,
    phases,
    side_angles,
    solve,
    transforms,
    working_sides,
)
from macros.data.figures.model import Figure, Pose
from macros.data.models import Tempo
from macros.data.vocab import EQUIPMENT

Role = Literal["near", "far", "halo", "tint", "equipment", "equipment-line", "surface", "arrow"]
"""How a primitive is painted. ``halo`` is a slightly wider stroke in the page's colour
under a near limb, so an arm reads in front of the trunk and a leg in front of the other."""
HALO = 4.0
"""How much wider a halo is than its limb (cm)."""


@dataclass(frozen=True)
class Line:
    """A round-capped stroke."""

    start: Vec
    end: Vec
    width: float
    role: Role
    segment: str | None = None
    surface: str | None = None


@dataclass(frozen=True)
class Disc:
    """A filled circle; ``outline`` > 0 also strokes it (``equipment-line`` is unfilled)."""

    centre: Vec
    radius: float
    role: Role
    segment: str | None = None
    outline: float = 0.0


@dataclass(frozen=True)
class Shape:
    """A filled, outlined polygon (equipment)."""

    points: tuple[Vec, ...]
    role: Role
    outline: float = 1.5


@dataclass(frozen=True)
class Marker:
    """Where a contact touches its surface: not painted, carried for tests and tools."""

    point: Vec
    body: str
    surface: str


Primitive = Line | Disc | Shape | Marker


@dataclass(frozen=True)
class Drawn:
    """A primitive in the frame of one joint."""

    joint: str
    item: Line | Disc | Shape


def _map(item: Primitive, fn: Callable[[Vec], Vec]) -> Primitive:
    if isinstance(item, Line):
        return replace(item, start=fn(item.start), end=fn(item.end))
    if isinstance(item, Disc):
        return replace(item, centre=fn(item.centre))
    if isinstance(item, Shape):
        return replace(item, points=tuple(fn(p) for p in item.points))
    return replace(item, point=fn(item.point))


# --- The body and what it carries, on the skeleton. ---------------------------------

TINTS_SIDE: dict[str, tuple[str, Vec, Vec, float]] = {
    "quadriceps": ("hip", (3.0, -7.0), (3.2, -33.0), 7.0),
    "hamstrings": ("hip", (-3.0, -9.0), (-2.8, -35.0), 7.0),
    "gluteus-maximus": ("root", (-4.0, 2.0), (-4.5, -6.0), 7.0),
    "gluteus-medius": ("root", (-1.0, 7.0), (-4.0, 3.0), 5.0),
    "gastrocnemius": ("knee", (-2.0, -6.0), (-2.0, -21.0), 6.0),
    "soleus": ("knee", (-1.8, -19.0), (-1.5, -33.0), 5.0),
    "tibialis-anterior": ("knee", (2.0, -6.0), (1.8, -28.0), 4.0),
}
"""Primary muscles tinted in the side view: (joint of the working side, or the root; from;
to; width), in the joint's frame with +x to the front."""
TINTS_FRONT: dict[str, tuple[str, Vec, Vec, float]] = {
    "adductors": ("hip", (-3.0, -6.0), (-2.5, -30.0), 7.0),
    "gluteus-medius": ("root", (12.0, 8.0), (13.0, 1.0), 6.0),
    "quadriceps": ("hip", (0.0, -8.0), (0.0, -32.0), 7.0),
}
"""Primary muscles tinted in the front view, for a working left side (+x is to the
figure's left); mirrored for a working right side."""

BACK_RACK_BAR = (-13.5, BODY.trunk + 1.0)
"""Where a barbell sits on the upper back, in the pelvis frame."""
BACK_RACK_ELBOW = (-21.0, BODY.trunk - 21.0)
"""Where the elbow shows when the hands hold a bar on the back: the arms reach round the
bar, out of the picture plane, so they are drawn foreshortened to this elbow and up to
the bar, and the figure's arm angles are not used."""
HELD_LOADS = ("barbell", "dumbbell", "kettlebell", "weight-plate", "backpack")
PLATE_RADIUS = 22.5
"""A full-size (45 cm) barbell plate."""


def _role(side: str | None, working: str) -> Role:
    return "near" if side in (None, working) else "far"


def _drawn(capsule: Capsule, role: Role) -> Drawn:
    if capsule.radius is not None:
        return Drawn(capsule.joint, Disc(capsule.start, capsule.radius, role, capsule.segment))
    return Drawn(
        capsule.joint, Line(capsule.start, capsule.end, capsule.width, role, capsule.segment)
    )


def _halos(items: Iterable[Drawn]) -> list[Drawn]:
    return [
        Drawn(d.joint, Line(d.item.start, d.item.end, d.item.width + HALO, "halo"))
        for d in items
        if isinstance(d.item, Line)
    ]


def body_drawables(figure: Figure, kit: Sequence[str], tint: Iterable[str]) -> list[Drawn]:
    """Everything drawn on the skeleton, in paint order: the far side first."""
    view = figure.view
    working, other = working_sides(figure)
    tints = set(tint)
    loads = _loads(figure, kit)
    back_rack = view == "side" and figure.load_at == "upper-back" and "barbell" in kit

    def limbs(capsules: Iterable[Capsule], side: str) -> list[Drawn]:
        return [_drawn(c, _role(side, working)) for c in capsules]

    def arm_of(side: str) -> list[Drawn]:
        role = _role(side, working)
        if back_rack:
            b = BODY
            drawn = [
                Drawn(
                    "root",
                    Line(
                        (0, b.trunk), BACK_RACK_ELBOW, b.upper_arm_width, role, f"{side}-upper-arm"
                    ),
                ),
                Drawn(
                    "root",
                    Line(BACK_RACK_ELBOW, BACK_RACK_BAR, b.forearm_width, role, f"{side}-forearm"),
                ),
            ]
        else:
            drawn = limbs(arm(side), side)
        if side == working:
            drawn = _halos(drawn) + drawn
        return drawn + loads.get(f"{side}-hand", [])

    out: list[Drawn] = []
    out += limbs(leg(view, other), other)
    out += arm_of(other)
    out += loads.get("behind", [])
    out += _halos(limbs(leg(view, working), working))
    out += [_drawn(c, "near") for c in core(view)]
    out += loads.get("on-back", [])
    out += limbs(leg(view, working), working)
    out += _tints(view, working, tints)
    out += loads.get("lap", [])
    out += arm_of(working)
    out += loads.get("front", [])
    return out


def _tints(view: str, side: str, tints: set[str]) -> list[Drawn]:
    table = TINTS_SIDE if view == "side" else TINTS_FRONT
    mirror = -1.0 if side == "right" else 1.0
    out = []
    for muscle, (kind, start, end, width) in table.items():
        if muscle in tints:
            joint = "root" if kind == "root" else f"{side}-{kind}"
            a, b = (mirror * start[0], start[1]), (mirror * end[0], end[1])
            out.append(Drawn(joint, Line(a, b, width, "tint")))
    return out


def _dumbbell() -> list[Line | Disc | Shape]:
    return [
        Line((-9.0, 0.0), (9.0, 0.0), 3.0, "equipment-line"),
        Line((-11.0, -4.0), (-11.0, 4.0), 8.0, "equipment-line"),
        Line((11.0, -4.0), (11.0, 4.0), 8.0, "equipment-line"),
    ]


def _kettlebell() -> list[Line | Disc | Shape]:
    return [
        Disc((0.0, -3.5), 5.0, "equipment-line", outline=2.5),
        Disc((0.0, -16.0), 10.0, "equipment", outline=1.5),
    ]


def _plate(centre: Vec, radius: float = PLATE_RADIUS) -> list[Line | Disc | Shape]:
    return [
        Disc(centre, radius, "equipment", outline=1.5),
        Disc(centre, 2.5, "equipment-line", outline=2.0),
    ]


def _loads(figure: Figure, kit: Sequence[str]) -> dict[str, list[Drawn]]:
    """Held and worn equipment by paint slot: a hand, behind the body, on the back, the lap
    and in front."""
    b = BODY
    slots: dict[str, list[Drawn]] = {}
    if figure.view != "side":
        return slots

    def put(slot: str, joint: str, items: Iterable[Line | Disc | Shape]) -> None:
        slots.setdefault(slot, []).extend(Drawn(joint, item) for item in items)

    if "dowel" in kit:
        top = b.trunk + b.head_centre + 18.0
        put("on-back", "root", [Line((-13.0, -14.0), (-13.0, top), 3.0, "equipment-line")])
    if "seated-calf-machine" in kit:
        # The thigh pad on the lower thighs, over the hands that hold it.
        low = -b.thigh
        put(
            "front",
            "near-hip",
            [Line((12.0, low - 2.0), (12.0, low + 14.0), 10.0, "equipment-line")],
        )
    load = next((item for item in kit if item in HELD_LOADS), None)
    if load is None:
        return slots
    at = figure.load_at
    hands = {"hands": ["near-hand", "far-hand"], "near-hand": ["near-hand"]}.get(at, [])
    hands = ["far-hand"] if at == "far-hand" else hands
    if load == "barbell":
        if at in ("hands", "near-hand", "far-hand"):
            put("behind", "near-hand", _plate((0.0, 0.0)))
        elif at == "upper-back":
            put("behind", "root", _plate(BACK_RACK_BAR))
        elif at == "hip-crease":
            items = _plate((14.0, 2.0))
            if "hip-thrust-pad" in kit:
                items.insert(1, Disc((14.0, 2.0), 6.0, "equipment", outline=1.5))
            put("behind", "root", items)
    elif load in ("dumbbell", "kettlebell"):
        shape = _dumbbell() if load == "dumbbell" else _kettlebell()
        for hand in hands:
            put(hand, hand, shape)
        if at == "near-foot":  # the handle hooked over the forefoot, the bell below it
            hung = [_map(item, lambda p: (p[0] + 0.7 * b.ball[0], p[1] + 1.0)) for item in shape]
            put("front", "near-ankle", hung)
        if at == "hip-crease":
            put("front", "root", [Line((12.0, 8.0), (12.0, -6.0), 6.0, "equipment-line")])
    elif load == "weight-plate":
        if at == "hip-crease":
            put("front", "root", _plate((13.0, 2.0), 17.0))
        for hand in hands:
            put(hand, hand, _plate((0, 0), 17.0))
    elif load == "backpack":
        if at == "lap":
            low = -b.thigh
            pack = ((7.5, low + 4.0), (7.5, low + 30.0), (27.0, low + 28.0), (27.0, low + 6.0))
            put("lap", "near-hip", [Shape(pack, "equipment")])
        else:
            top = b.trunk
            pack = (
                (-11.0, top - 2.0),
                (-11.0, top - 38.0),
                (-27.0, top - 36.0),
                (-27.0, top - 4.0),
            )
            put("behind", "root", [Shape(pack, "equipment")])
    return slots


# --- Surfaces and fixed equipment. --------------------------------------------------


def _surface_primitives(s: SurfacePlacement) -> list[Primitive]:
    k = s.kind
    (x0, y0), (x1, y1) = s.start, s.end
    top = Line(s.start, s.end, 1.5, "surface", surface=k)
    if k in ("bench", "high-seat", "machine-seat"):
        pad = Shape(((x0, y0), (x1, y1), (x1, y1 - 7), (x0, y0 - 7)), "equipment")
        if k in ("bench", "high-seat"):
            legs = [
                Line((x0 + 5, y0 - 7), (x0 + 5, 0), 3.0, "equipment-line"),
                Line((x1 - 5, y0 - 7), (x1 - 5, 0), 3.0, "equipment-line"),
            ]
        else:
            mid = (x0 + x1) / 2
            legs = [
                Line((mid, y0 - 7), (mid, 1.5), 5.0, "equipment-line"),
                Line((mid - 16, 1.5), (mid + 16, 1.5), 3.0, "equipment-line"),
            ]
        return [*legs, pad, top]
    if k in ("box-or-step", "box", "machine-platform", "slant-board"):
        return [Shape(((x0, y0), (x1, y1), (x1, 0), (x0, 0)), "equipment"), top]
    if k == "support":
        mid = (x0 + x1) / 2
        return [
            Line((mid, 0), (mid, y0 - 2), 4.0, "equipment-line"),
            Shape(((x0, y0), (x1, y1), (x1, y1 - 4), (x0, y0 - 4)), "equipment"),
            top,
        ]
    if k == "wall":
        back = x0 - 8 * s.facing
        return [Shape(((x0, 0), (x0, y1), (back, y1), (back, 0)), "equipment", outline=0.0), top]
    if k == "anchor":
        mid = (x0 + x1) / 2
        return [
            Line((mid - 4, y0 + 5), (mid - 22, 1.5), 3.0, "equipment-line"),
            Disc((mid, y0 + 5), 5.0, "equipment", outline=1.5),
            top,
        ]
    return [top]


def _scene(
    surfaces: Sequence[SurfacePlacement], floor: tuple[float, float] | None = None
) -> tuple[list[Primitive], list[Primitive]]:
    """The surfaces and fixed equipment: (drawn under the figure, drawn over it). The lines
    a body rests on go over it, so a limb's halo never cuts the floor."""
    out: list[Primitive] = []
    for s in surfaces:
        out += _surface_primitives(s)
    seat = next((s for s in surfaces if s.kind == "machine-seat"), None)
    plate = next((s for s in surfaces if s.kind == "machine-platform"), None)
    if seat and plate:
        mid = (seat.start[0] + seat.end[0]) / 2
        out.insert(0, Line((mid, 1.5), (plate.start[0], 1.5), 3.0, "equipment-line"))
    # The lines a body rests on go over it (a limb's halo never cuts the floor); a rail
    # beside the figure stays behind it.
    resting = [
        item
        for item in out
        if isinstance(item, Line) and item.surface and item.surface != "support"
    ]
    under = [item for item in out if item not in resting]
    over = resting
    if floor is not None:
        over.insert(0, Line((floor[0], 0.0), (floor[1], 0.0), 1.5, "surface", surface="floor"))
    return under, over


def _world(drawables: Sequence[Drawn], frames: Mapping[str, Rigid]) -> list[Primitive]:
    return [_map(d.item, frames[d.joint].apply) for d in drawables]


def pose_primitives(
    figure: Figure,
    body: PosedBody,
    kit: Sequence[str],
    tint: Iterable[str] = (),
    floor: tuple[float, float] | None = None,
) -> list[Primitive]:
    """Everything one static pose draws, in world cm and paint order; ``floor`` is the
    x-range of the floor line (none without it)."""
    under, over = _scene(body.surfaces, floor)
    markers = [Marker(c.point, c.member, c.surface) for c in body.contacts]
    return under + _world(body_drawables(figure, kit, tint), body.frames) + over + markers


def _bounds(items: Iterable[Primitive]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for item in items:
        if isinstance(item, Line):
            r = item.width / 2
            for p in (item.start, item.end):
                xs += [p[0] - r, p[0] + r]
                ys += [p[1] - r, p[1] + r]
        elif isinstance(item, Disc):
            xs += [item.centre[0] - item.radius, item.centre[0] + item.radius]
            ys += [item.centre[1] - item.radius, item.centre[1] + item.radius]
        elif isinstance(item, Shape):
            xs += [p[0] for p in item.points]
            ys += [p[1] for p in item.points]
    return min(xs), min(ys), max(xs), max(ys)


# --- SVG. ---------------------------------------------------------------------------

LIGHT = {
    "near": "#1d5c4d",
    "far": "#5a9484",
    "tint": "#a3431f",
    "equipment": "#5c6670",
    "equipment-fill": "#e4e8eb",
    "surface": "#6b6f76",
    "halo": "#ffffff",
}
"""The light theme's colours, written as presentation attributes: what a renderer without
the site's stylesheet shows. The stylesheet sets both themes and print."""
CLASSES = {
    "near": "lw-fig__near",
    "far": "lw-fig__far",
    "tint": "lw-fig__tint",
    "equipment": "lw-fig__equipment",
    "equipment-line": "lw-fig__equipment-line",
    "surface": "lw-fig__surface",
    "arrow": "lw-fig__arrow",
    "halo": "lw-fig__halo",
}
MARGIN = 10.0
GAP = 30.0
"""Between static poses, where the arrow goes (cm)."""
WIDE = 0.8
"""A moving figure at least this wide for its height (a split squat, a leg reaching back,
lying down) takes a phone's whole width; a narrower one stands beside the muscle map."""
PHONE_EM = 44.9375
"""The theme's phone breakpoint (the page's stylesheet uses the same)."""
_PREFIX_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _paint(role: Role, fill: bool = False) -> dict[str, str]:
    """Class and fallback colours for a role; ``fill``: a body disc, filled not stroked."""
    if fill:
        return {"class": CLASSES[role] + "-fill", "fill": LIGHT[role], "stroke": "none"}
    if role in ("near", "far", "tint", "halo"):
        return {"class": CLASSES[role], "stroke": LIGHT[role], "fill": "none"}
    if role == "equipment":
        return {
            "class": CLASSES[role],
            "stroke": LIGHT["equipment"],
            "fill": LIGHT["equipment-fill"],
        }
    colour = LIGHT["equipment" if role == "equipment-line" else "surface"]
    return {"class": CLASSES[role], "stroke": colour, "fill": "none"}


def _painted(role: Role, inline: bool, fill: bool = False) -> dict[str, str]:
    """A primitive's paint: its class, and with ``inline`` its light colours as
    presentation attributes too (otherwise the figure's own style gives them once)."""
    paint = _paint(role, fill)
    return paint if inline else {"class": paint["class"]}


PAINTS = {
    paint["class"]: paint
    for paint in [
        *(_paint(role) for role in CLASSES),
        *(_paint(role, fill=True) for role in ("near", "far", "tint")),
    ]
}
"""Every class a primitive is painted with, and its light colours."""


def _fallback_css(svg: ET.Element) -> str:
    """The light colours of every paint class the figure uses, once each: what a renderer
    without the site's stylesheet shows. A single class is the weakest selector, so the
    site's stylesheet (both schemes and print) wins wherever it is loaded. A line has no
    inside to fill and nothing here inherits a stroke, so those go unsaid."""
    tags: dict[str, set[str]] = {}
    for element in svg.iter():
        name = element.get("class")
        if name in PAINTS:
            tags.setdefault(name, set()).add(element.tag)
    rules = []
    for name, used in tags.items():
        paint = {k: v for k, v in PAINTS[name].items() if k != "class" and v != "none"}
        if used == {"line"}:
            paint.pop("fill", None)
        elif PAINTS[name].get("fill") == "none":
            paint["fill"] = "none"
        rules.append(f".{name}{{{';'.join(f'{k}:{v}' for k, v in paint.items())}}}")
    return "".join(rules)


def _element(
    parent: ET.Element, item: Primitive, to_svg: Callable[[Vec], Vec], inline: bool = True
) -> None:
    """Append one primitive, its world points mapped by ``to_svg``; ``inline``: with its
    colours as presentation attributes."""
    if isinstance(item, Marker):
        x, y = to_svg(item.point)
        ET.SubElement(
            parent,
            "circle",
            {
                "data-contact": item.body,
                "data-contact-surface": item.surface,
                "cx": _num(x),
                "cy": _num(y),
                "r": "0",
            },
        )
        return
    if isinstance(item, Line):
        (x1, y1), (x2, y2) = to_svg(item.start), to_svg(item.end)
        attrs = _painted(item.role, inline) | {
            "x1": _num(x1),
            "y1": _num(y1),
            "x2": _num(x2),
            "y2": _num(y2),
            "stroke-width": _num(item.width),
        }
        if item.segment:
            attrs["data-segment"] = item.segment
        if item.surface:
            attrs["data-surface"] = item.surface
        ET.SubElement(parent, "line", attrs)
    elif isinstance(item, Disc):
        x, y = to_svg(item.centre)
        body = item.role in ("near", "far", "tint")
        attrs = _painted(item.role, inline, fill=body) | {
            "cx": _num(x),
            "cy": _num(y),
            "r": _num(item.radius),
        }
        if not body:
            attrs["stroke-width"] = _num(item.outline)
        if item.segment:
            attrs["data-segment"] = item.segment
        ET.SubElement(parent, "circle", attrs)
    else:
        attrs = _painted(item.role, inline) | {
            "points": _points(*map(to_svg, item.points)),
            "stroke-width": _num(item.outline),
        }
        if item.outline == 0 and inline:
            attrs["stroke"] = "none"
        ET.SubElement(parent, "polygon", attrs)


def _points(*points: Vec) -> str:
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in points)


@dataclass(frozen=True)
class _Panels:
    """Where the static poses go: one panel per pose, in a row (or a column), each
    ``panel`` × ``height`` cm; ``left`` and ``top`` are the world x and y at a panel's
    top-left corner."""

    panel: float
    height: float
    left: float
    top: float
    count: int
    column: bool = False

    @property
    def width(self) -> float:
        return self.panel if self.column else self.count * self.panel + (self.count - 1) * GAP

    @property
    def total_height(self) -> float:
        return self.count * self.height + (self.count - 1) * GAP if self.column else self.height

    @property
    def floor(self) -> tuple[float, float]:
        return (self.left, self.left + self.panel)

    def origin(self, index: int) -> Vec:
        """The top-left corner of panel ``index`` in SVG units."""
        step = index * ((self.height if self.column else self.panel) + GAP)
        return (0.0, step) if self.column else (step, 0.0)

    def mapper(self, origin: Vec) -> Callable[[Vec], Vec]:
        def to_svg(p: Vec) -> Vec:
            return (origin[0] + p[0] - self.left, origin[1] + self.top - p[1])

        return to_svg


def _panels(
    figure: Figure,
    bodies: Sequence[PosedBody],
    kit: Sequence[str],
    tint: Iterable[str],
    frames: Sequence[Frame] = (),
    column: bool = False,
) -> _Panels:
    items: list[Primitive] = []
    drawables = body_drawables(figure, kit, tint)
    for body in bodies:
        items += pose_primitives(figure, body, kit, tint)
    for frame in frames:
        items += _world(drawables, transforms(figure.view, frame.angles, frame.root))
    x0, y0, x1, y1 = _bounds(items)
    y0 = min(y0, 0.0)
    return _Panels(
        panel=x1 - x0 + 2 * MARGIN,
        height=y1 - y0 + 2 * MARGIN,
        left=x0 - MARGIN,
        top=y1 + MARGIN,
        count=len(bodies),
        column=column,
    )


ARROW_WIDTH = 2.5


def _arrow_paths(x: float, y: float, down: bool = False) -> tuple[tuple[Vec, ...], ...]:
    """A plain arrow centred on (x, y), pointing right or down: its shaft and its head."""
    if down:
        return ((x, y - 9), (x, y + 9)), ((x - 6, y + 3), (x, y + 9), (x + 6, y + 3))
    return ((x - 9, y), (x + 9, y)), ((x + 3, y - 6), (x + 9, y), (x + 3, y + 6))


def _arrow(parent: ET.Element, x: float, y: float, down: bool = False, inline: bool = True) -> None:
    """A plain arrow from one static pose to the next (right, or down)."""
    attrs = _painted("arrow", inline) | {"stroke-width": f"{ARROW_WIDTH:g}"}
    for path in _arrow_paths(x, y, down):
        ET.SubElement(parent, "polyline", attrs | {"points": _points(*path)})


def _end_panels(
    figure: Figure, kit: Sequence[str], tint: tuple[str, ...], width: float, height: float
) -> tuple[list[PosedBody], _Panels]:
    """The start and end poses and their panels, side by side or one above the other,
    whichever draws them larger in a ``width`` by ``height`` box."""
    bodies = solve(figure)
    ends = [bodies[0], bodies[-1]]
    row = _panels(figure, ends, kit, tint)
    column = replace(row, column=True)
    panels = max(row, column, key=lambda p: min(width / p.width, height / p.total_height))
    return ends, panels


def _static_poses(
    parent: ET.Element,
    figure: Figure,
    bodies: Sequence[PosedBody],
    panels: _Panels,
    kit: Sequence[str],
    tint: Iterable[str],
    inline: bool = True,
) -> None:
    for index, body in enumerate(bodies):
        group = ET.SubElement(parent, "g", {"data-pose": body.name})
        origin = panels.origin(index)
        for item in pose_primitives(figure, body, kit, tint, panels.floor):
            _element(group, item, panels.mapper(origin), inline)
        if index:
            if panels.column:
                _arrow(parent, panels.panel / 2, origin[1] - GAP / 2, True, inline)
            else:
                _arrow(parent, origin[0] - GAP / 2, panels.height / 2, False, inline)


SMOOTHSTEP = "cubic-bezier(.3333,0,.6667,1)"
"""The motion's easing between two poses (3u² - 2u³, as ``geometry.motion_frames`` blends
them) written as a CSS timing function: with control points at a third and two thirds of
the way, a cubic Bézier's x is linear in its parameter and its y is exactly that curve."""
KEYFRAME_SLACK = 0.1
"""How far (degrees, or cm for the root's place) a frame left out may be from where the
keyframes kept put it: under the rounding of what is written."""


def _keyframes(
    times: Sequence[float], states: Sequence[tuple[float, ...]]
) -> list[tuple[int, bool]]:
    """The frames a joint's keyframes need: (frame index, eased to the next), leaving out
    every frame that the interpolation between its neighbours kept puts within
    ``KEYFRAME_SLACK`` of where it is, linearly or along ``SMOOTHSTEP``. A blend between two
    poses is two keyframes, a pause one."""

    def fits(i: int, j: int, eased: bool) -> bool:
        span = times[j] - times[i]
        for m in range(i + 1, j):
            u = (times[m] - times[i]) / span
            u = u * u * (3 - 2 * u) if eased else u
            for a, b, value in zip(states[i], states[j], states[m], strict=True):
                if abs(a + (b - a) * u - value) > KEYFRAME_SLACK:
                    return False
        return True

    kept: list[tuple[int, bool]] = []
    i, last = 0, len(states) - 1
    while i < last:
        for j in range(last, i, -1):
            eased = not fits(i, j, False)
            if not eased or fits(i, j, True):
                break
        kept.append((i, eased and j > i + 1))
        i = j
    return [*kept, (last, False)]


PLACE = "place"
"""The motion's track of where the pelvis is (the joints' tracks are how each turns)."""


def _keyframe_rules(
    times: Sequence[float], states: Sequence[tuple[float, ...]], place: bool
) -> list[str]:
    """A track's keyframes as CSS rules: a place is ``(x, y)`` in the SVG's units, a turn
    ``(degrees,)`` counter-clockwise. The same rule at several times (the way back passes
    through the way out) is written once, with every time it holds."""
    rules: dict[str, list[str]] = {}
    for index, eased in _keyframes(times, states):
        state = states[index]
        if place:
            value = f"translate({_num(state[0])}px,{_num(state[1])}px)"
        else:
            value = f"rotate({_num(-state[0])}deg)"
        ease = f";animation-timing-function:{SMOOTHSTEP}" if eased else ""
        rules.setdefault(f"transform:{value}{ease}", []).append(f"{_num(times[index] * 100)}%")
    return [f"{','.join(at)}{{{body}}}" for body, at in rules.items()]


def _motion(
    parent: ET.Element,
    figure: Figure,
    prefix: str,
    frames: Sequence[Frame],
    drawables: Sequence[Drawn],
    to_svg: Callable[[Vec], Vec],
) -> dict[str, list[str]]:
    """Append the skeleton as nested groups, each turned about its joint, and return the
    keyframes of every joint that moves."""
    view = figure.view
    joints = JOINTS[view]
    per_frame = [transforms(view, f.angles, f.root) for f in frames]
    first = per_frame[0]

    def local(key: str, world: Mapping[str, Rigid]) -> float:
        parent_key = joints[key].parent
        return world[key].angle - (world[parent_key].angle if parent_key else 0.0)

    animated: dict[str, list[str]] = {}
    times = [f.at for f in frames]
    for key in joints:
        tracks = {key: [(local(key, f),) for f in per_frame]}
        if key == "root":  # the pelvis moves too: its place is a track of its own
            tracks[PLACE] = [to_svg((f["root"].x, f["root"].y)) for f in per_frame]
        for name, states in tracks.items():
            if any(abs(a - b) > 0.05 for s in states for a, b in zip(s, states[0], strict=True)):
                animated[name] = _keyframe_rules(times, states, name == PLACE)

    def chain(key: str) -> list[str]:
        path: list[str] = []
        current: str | None = key
        while current is not None:
            path.append(current)
            current = joints[current].parent
        return path[::-1]

    open_path: list[str] = []
    stack: list[ET.Element] = [parent]
    for drawn in drawables:
        path = chain(drawn.joint)
        common = 0
        while common < min(len(path), len(open_path)) and path[common] == open_path[common]:
            common += 1
        del open_path[common:]
        del stack[common + 1 :]
        for key in path[common:]:
            joint = joints[key]
            turn = _num(-local(key, first))
            turn = f"rotate({turn})" if turn != "0" else ""
            holder = stack[-1]
            if joint.parent is None:
                x, y = to_svg((first["root"].x, first["root"].y))
                place = {"transform": f"translate({_num(x)},{_num(y)})"}
                if PLACE in animated:
                    place["class"] = f"{prefix}-j-{PLACE}"
                holder = ET.SubElement(holder, "g", place)
                at = ""
            else:
                at = f"translate({_num(joint.offset[0])},{_num(-joint.offset[1])})"
                at = "" if at == "translate(0,0)" else at
                if key in animated and at:
                    # The keyframes set the joint's transform, so its place is a group apart.
                    holder = ET.SubElement(holder, "g", {"transform": at})
                    at = ""
            attrs = {"transform": f"{at} {turn}".strip()} if at or turn else {}
            if key in animated:
                attrs["class"] = f"{prefix}-j-{key}"
            elif not attrs:
                stack.append(holder)  # a joint that never turns needs no group of its own
                open_path.append(key)
                continue
            group = ET.SubElement(holder, "g", attrs)
            stack.append(group)
            open_path.append(key)
        _element(stack[-1], drawn.item, lambda p: (p[0], -p[1]), inline=False)
    return animated


def _css(prefix: str, tempo: Tempo, animated: Mapping[str, list[str]], panels: _Panels) -> str:
    """The figure's own stylesheet. Its proportions go to the page's stylesheet as
    ``--lw-fig-ratio`` (width over height), which sizes it. Only on a screen whose reader
    has not asked for reduced motion does the motion show instead of the static poses: the
    picture narrows to one panel (the SVG slices its view box to the middle one) and the
    joints turn, one rep per ``tempo``."""
    p = prefix
    animation = "".join(
        f".{p}-j-{key}{{animation:{p}-k-{key} {tempo.total:g}s linear infinite}}"
        for key in animated
    )
    rules = [
        f".{p}{{--lw-fig-ratio:{panels.width / panels.height:.3f}}}",
        f".{p}-motion g{{transform-box:view-box;transform-origin:0 0}}",
        "@media screen and (prefers-reduced-motion:no-preference){"
        f".{p}{{--lw-fig-ratio:{panels.panel / panels.height:.3f};"
        f"aspect-ratio:{_num(panels.panel)}/{_num(panels.height)}}}"
        f".{p}-motion{{display:inline}}.{p}-poses{{display:none}}{animation}}}",
    ]
    if panels.panel > WIDE * panels.height:
        # A wide figure (lying down, a leg reaching back) takes a phone's whole width.
        rules.append(
            f"@media screen and (max-width:{PHONE_EM}em) and (prefers-reduced-motion:"
            f"no-preference){{figure.lw-technique:has(>.{p}){{flex-basis:100%}}}}"
        )
    rules += [f"@keyframes {p}-k-{key}{{{''.join(steps)}}}" for key, steps in animated.items()]
    return "".join(rules)


def technique_svg(
    figure: Figure,
    tempo: Tempo,
    kit: Sequence[str],
    *,
    title: str,
    desc: str,
    id_prefix: str,
    tint: Iterable[str] = (),
) -> str:
    """The page's figure as an inline ``<svg>`` (text): the static poses side by side and
    the motion, named by ``<title>`` and described by ``<desc>``. ``id_prefix`` prefixes
    every id, class and keyframe of its own, so figures never clash; ``kit`` is the
    equipment drawn (the first kit); ``tint`` the muscles coloured."""
    if not _PREFIX_RE.match(id_prefix):
        raise ValueError(f"id_prefix {id_prefix!r} must be a CSS identifier")
    tint = tuple(tint)
    bodies = solve(figure)
    frames = motion_frames(figure, tempo)
    panels = _panels(figure, bodies, kit, tint, frames)
    p = id_prefix
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": f"lw-fig {p}",
            "viewBox": f"0 0 {_num(panels.width)} {_num(panels.height)}",
            "preserveAspectRatio": "xMidYMid slice",
            "role": "img",
            "aria-labelledby": f"{p}-title {p}-desc",
            "data-view": figure.view,
        },
    )
    ET.SubElement(svg, "title", {"id": f"{p}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{p}-desc"}).text = desc
    style = ET.SubElement(svg, "style")
    poses = ET.SubElement(
        svg,
        "g",
        {"class": f"{p}-poses", "stroke-linecap": "round", "stroke-linejoin": "round"},
    )
    _static_poses(poses, figure, bodies, panels, kit, tint, inline=False)
    motion = ET.SubElement(
        svg,
        "g",
        {
            "class": f"{p}-motion",
            "data-pose": "motion",
            "display": "none",
            "stroke-linecap": "round",
            "stroke-linejoin": "round",
        },
    )
    to_svg = panels.mapper(((panels.width - panels.panel) / 2, 0.0))
    under, over = _scene(merge_surfaces(s for b in bodies for s in b.surfaces), panels.floor)
    for item in under:
        _element(motion, item, to_svg, inline=False)
    animated = _motion(motion, figure, p, frames, body_drawables(figure, kit, tint), to_svg)
    for item in over:
        _element(motion, item, to_svg, inline=False)
    style.text = _fallback_css(svg) + _css(p, tempo, animated, panels)
    return ET.tostring(svg, encoding="unicode")


def thumbnail_svg(figure: Figure, kit: Sequence[str], tint: Iterable[str] = ()) -> str:
    """The start and end poses, still, for a session card's square slot: side by side, or
    one above the other when that draws them larger. Decorative (the card names the
    exercise beside it), so it has no ids, title or description."""
    tint = tuple(tint)
    ends, panels = _end_panels(figure, kit, tint, 1.0, 1.0)
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "lw-fig lw-fig--thumbnail",
            "viewBox": f"0 0 {_num(panels.width)} {_num(panels.total_height)}",
            "focusable": "false",
            "aria-hidden": "true",
            "stroke-linecap": "round",
            "stroke-linejoin": "round",
        },
    )
    _static_poses(svg, figure, ends, panels, kit, tint)
    return ET.tostring(svg, encoding="unicode")


# --- The movement in words. ---------------------------------------------------------

_PHASE_WORDS = {
    "lower": "lowering",
    "bottom": "a pause at the bottom",
    "lift": "lifting",
    "top": "a pause at the top",
}


def describe(figure: Figure, tempo: Tempo, kit: Sequence[str], name: str) -> str:
    """What the figure shows, in words, from the data: for the SVG's ``<desc>``."""
    view = "from the side" if figure.view == "side" else "from the front"
    parts = [f"A figure doing the {name}, seen {view}."]
    for pose in figure.poses:
        parts.append(f"{pose.name.replace('-', ' ').capitalize()}: {_pose_words(figure, pose)}.")
    timed = [f"{_PHASE_WORDS[n]} {_num(s)} s" for n, s in phases(figure, tempo) if s > 0]
    parts.append(
        f"It moves from start to end and back, one rep in {_num(tempo.total)} s: "
        + ", ".join(timed)
        + "."
    )
    drawn = [EQUIPMENT.label(item).lower() for item in kit if not EQUIPMENT[item].always_at_hand]
    if drawn:
        parts.append("Equipment shown: " + ", ".join(drawn) + ".")
    return " ".join(parts)


def _signed_words(value: float, positive: str, negative: str, level: str) -> str:
    """Words for an angle: ``positive`` or ``negative`` (``{}`` takes its size), or ``level``
    within 5 degrees of zero."""
    if abs(value) <= 5:
        return level
    return (positive if value > 0 else negative).format(f"{abs(value):.0f}")


def _joint_words(hip: float, knee: float, ankle: float) -> str:
    hip_words = _signed_words(hip, "hip bent {}°", "thigh {}° behind the trunk", "hip straight")
    knee_words = f"knee bent {knee:.0f}°" if knee > 5 else "knee straight"
    ankle_words = _signed_words(
        ankle, "shin {}° forward over the foot", "ankle pointed {}°", "ankle at right angles"
    )
    return f"{hip_words}, {knee_words}, {ankle_words}"


def _pose_words(figure: Figure, pose: Pose) -> str:
    bits = []
    t = pose.trunk
    if figure.view == "side":
        if t < -100:
            bits.append("lying back with the shoulders below the hips")
        elif t <= -80:
            bits.append("lying back, trunk level")
        elif t < -5:
            bits.append(f"trunk leaning back {abs(t):.0f}°")
        elif t > 85:
            bits.append("trunk level, face down")
        elif t > 5:
            bits.append(f"trunk leaning forward {t:.0f}° from upright")
        else:
            bits.append("trunk upright")
        near, far = side_angles(pose, "near"), side_angles(pose, "far")
        if near == far:
            bits.append("both legs: " + _joint_words(near.hip, near.knee, near.ankle))
        else:
            bits.append("working leg: " + _joint_words(near.hip, near.knee, near.ankle))
            bits.append("other leg: " + _joint_words(far.hip, far.knee, far.ankle))
    else:
        if abs(t) <= 5:
            bits.append("trunk upright")
        elif abs(t) >= 60:
            bits.append(f"lying on the {'left' if t > 0 else 'right'} side")
        else:
            bits.append(f"trunk tilted {abs(t):.0f}° to the {'left' if t > 0 else 'right'}")
        for side in ("left", "right"):
            lift = front_angles(pose, side).hip_abduction
            if lift > 5:
                bits.append(f"{side} leg raised {lift:.0f}° out to the side")
            elif lift < -5:
                bits.append(f"{side} leg {abs(lift):.0f}° across the midline")
    if pose.contacts:
        bits.append(
            "resting on "
            + " and ".join(
                f"{_body_words(c.body)} on the {c.surface.replace('-', ' ')}" for c in pose.contacts
            )
        )
    else:
        bits.append(f"in the air, {pose.height:.0f} cm off the floor")
    return "; ".join(bits)


def _body_words(body: str) -> str:
    words = {
        "near-foot": "the working foot",
        "far-foot": "the other foot",
        "both-feet": "both feet",
        "near-knee": "the working knee",
        "far-knee": "the other knee",
        "both-knees": "both knees",
        "seat": "the seat",
        "upper-back": "the upper back",
        "near-hand": "the near hand",
        "far-hand": "the far hand",
        "hands": "the hands",
        "near-forearm": "the near forearm",
        "far-forearm": "the far forearm",
    }
    return words.get(body, "the " + body.replace("-", " "))


# --- Pillow. ------------------------------------------------------------------------


@dataclass(frozen=True)
class Colours:
    """Colours for ``draw_figure`` (RGB hex): light on a dark background by default."""

    near: str = "#ffffff"
    far: str = "#9fd0c3"
    tint: str = "#f0a07f"
    equipment: str = "#d9e6e2"
    equipment_fill: str = "#2f6f60"
    surface: str = "#c8ddd7"
    halo: str = "#1d5c4d"
    """The background the figure is drawn on."""


SUPERSAMPLE = 4


def draw_figure(
    image: Image.Image,
    box: tuple[int, int, int, int],
    figure: Figure,
    kit: Sequence[str],
    *,
    colours: Colours = Colours(),
    tint: Iterable[str] = (),
) -> None:
    """Draw the start and end poses (with the arrow between them) into ``box`` (left, top,
    right, bottom) of ``image``, as large as fits, side by side or one above the other,
    anti-aliased: the same primitives as the SVG's static poses."""
    tint = tuple(tint)
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    ends, panels = _end_panels(figure, kit, tint, width, height)
    scale_ = min(width / panels.width, height / panels.total_height)
    k = scale_ * SUPERSAMPLE
    dx = (width * SUPERSAMPLE - panels.width * k) / 2
    dy = (height * SUPERSAMPLE - panels.total_height * k) / 2
    items: list[tuple[Primitive, Callable[[Vec], Vec]]] = []
    for index, body in enumerate(ends):
        to_svg = panels.mapper(panels.origin(index))
        for item in pose_primitives(figure, body, kit, tint, panels.floor):
            if not isinstance(item, Marker):
                items.append((item, to_svg))
    layer = Image.new("RGBA", (width * SUPERSAMPLE, height * SUPERSAMPLE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)

    def px(to_svg: Callable[[Vec], Vec], p: Vec) -> Vec:
        x, y = to_svg(p)
        return (dx + x * k, dy + y * k)

    paint(draw, items, px, k, colours)
    # The arrow between the poses, as the SVG's static poses draw it.
    if panels.column:
        arrow = _arrow_paths(panels.panel / 2, panels.height + GAP / 2, down=True)
    else:
        arrow = _arrow_paths(panels.panel + GAP / 2, panels.height / 2)
    for path in arrow:
        for a, b in pairwise(path):
            _pil_line(
                draw,
                (dx + a[0] * k, dy + a[1] * k),
                (dx + b[0] * k, dy + b[1] * k),
                ARROW_WIDTH * k,
                colours.surface,
            )
    small = layer.resize((width, height), Image.Resampling.LANCZOS)
    image.paste(small, (left, top), small)


def paint(
    draw: ImageDraw.ImageDraw,
    items: Sequence[tuple[Primitive, Callable[[Vec], Vec]]],
    px: Callable[[Callable[[Vec], Vec], Vec], Vec],
    k: float,
    colours: Colours,
) -> None:
    """Paint primitives with Pillow: each with its own map to SVG units, ``px`` from those
    to pixels, ``k`` pixels per cm (markers are not painted)."""
    fills = {
        "near": colours.near,
        "far": colours.far,
        "tint": colours.tint,
        "halo": colours.halo,
        "equipment": colours.equipment_fill,
        "equipment-line": colours.equipment,
        "surface": colours.surface,
        "arrow": colours.surface,
    }
    strokes = fills | {"equipment": colours.equipment}
    for item, to_svg in items:
        if isinstance(item, Line):
            _pil_line(
                draw,
                px(to_svg, item.start),
                px(to_svg, item.end),
                item.width * k,
                strokes[item.role],
            )
        elif isinstance(item, Disc):
            cx, cy = px(to_svg, item.centre)
            r = item.radius * k
            fill = None if item.role == "equipment-line" else fills[item.role]
            outline = strokes[item.role] if item.outline else None
            draw.ellipse(
                (cx - r, cy - r, cx + r, cy + r),
                fill=fill,
                outline=outline,
                width=max(1, round(item.outline * k)),
            )
        elif isinstance(item, Shape):
            points = [px(to_svg, p) for p in item.points]
            draw.polygon(points, fill=fills[item.role])
            if item.outline:
                for a, b in zip(points, points[1:] + points[:1], strict=True):
                    _pil_line(draw, a, b, item.outline * k, strokes[item.role])


def _pil_line(draw: ImageDraw.ImageDraw, a: Vec, b: Vec, width: float, colour: str) -> None:
    draw.line((a, b), fill=colour, width=max(1, round(width)))
    r = width / 2
    for x, y in (a, b):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
