"""The technique figure's geometry: one body model, its skeleton, and where every pose puts it.

This module owns turning a figure's joint angles into positions. The body model (``BODY``)
gives segment lengths and widths in cm for an adult of about 175 cm; the skeleton is a tree
of joints with the pelvis at its root, and a pose turns its angles into one rotation per
joint (forward kinematics, ``transforms``). ``solve`` places every pose from its first
contact: that body part is set on its surface at x = 0 and every other surface is put where
its contact lands (heights are fixed), with where each contact touches and the centre of
mass. ``motion_frames`` gives the keyframes of one rep at the tempo, turning the limbs so
that planted contacts stay on their path.

It judges nothing and words nothing: ``validation`` says what is wrong with a figure, and
``macros.media.figures`` draws what this module places. It imports only the figure's
``model`` and the tempo's model: nothing from ``validation``, from ``macros.media``, the
site or MkDocs. Standard library only.

World coordinates are cm, x to the right (the way a side-view figure faces), y up, the
floor at y = 0. Rotations are counter-clockwise degrees; a segment hangs along its joint's
local -y, so a joint's world rotation is its segment's angle from straight down.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from macros.data.figures.model import (
    FREE_SURFACES,
    SLANT_BOARD_DEGREES,
    SURFACE_HEIGHTS_CM,
    Figure,
    FrontAngles,
    Pose,
    SideAngles,
)
from macros.data.models import Tempo

Vec = tuple[float, float]

# --- The body model. ----------------------------------------------------------------


@dataclass(frozen=True)
class BodyModel:
    """Segment lengths and widths in cm for an adult of about 175 cm (Drillis and Contini's
    proportions of height). Lengths are joint to joint: the shin from knee to ankle, the
    thigh from hip to knee, the trunk from the hip joints to the shoulder joints, the forearm
    from the elbow to the middle of the grip. Widths are the drawn strokes, which are also
    the outline that touches: a kneeling knee rests 7 cm below its joint."""

    shin: float = 43.0
    thigh: float = 43.0
    trunk: float = 50.0
    neck: float = 12.0
    head_radius: float = 11.0
    head_centre: float = 21.0
    """The head's centre above the shoulder joints."""
    upper_arm: float = 31.0
    forearm: float = 33.0
    hip_half_width: float = 9.0
    """A hip joint's distance from the midline (front view)."""
    shoulder_half_width: float = 17.0
    heel: Vec = (-3.5, -4.5)
    ball: Vec = (12.0, -4.5)
    """The centres of the heel and of the ball of the foot from the ankle, foot flat: with
    the foot's width the sole is 7 cm below the ankle."""
    toes: float = 4.5
    """The toes beyond the ball; they bend to lie level when the heel lifts."""
    max_toe_bend: float = 60.0
    max_toe_curl: float = 40.0
    front_foot: tuple[Vec, Vec] = ((-3.0, -4.0), (3.0, -4.0))
    """The foot seen end-on, from the front."""
    trunk_width_side: float = 22.0
    trunk_width_front: float = 32.0
    thigh_width: float = 14.0
    shin_width: float = 10.0
    foot_width: float = 5.0
    front_foot_width: float = 6.0
    upper_arm_width: float = 8.0
    forearm_width: float = 7.0
    neck_width: float = 9.0
    shoulder_width: float = 14.0
    """The shoulder girdle's thickness in the front view."""


BODY = BodyModel()

SEGMENT_MASS = {
    "head": 0.081,
    "trunk": 0.497,
    "upper-arm": 0.028,
    "forearm": 0.022,
    "thigh": 0.100,
    "shin": 0.0465,
    "foot": 0.0145,
}
"""Each segment's share of body mass (Dempster, via Winter); the forearm includes the hand."""


# --- Rigid transforms and small vector helpers. -------------------------------------


@dataclass(frozen=True)
class Rigid:
    """A rotation (degrees, counter-clockwise) followed by a translation."""

    angle: float = 0.0
    x: float = 0.0
    y: float = 0.0

    def apply(self, point: Vec) -> Vec:
        radians = math.radians(self.angle)
        c, s = math.cos(radians), math.sin(radians)
        return (self.x + c * point[0] - s * point[1], self.y + s * point[0] + c * point[1])

    def child(self, offset: Vec, angle: float) -> Rigid:
        """The frame of a child joint at ``offset`` in this frame, turned by ``angle``."""
        x, y = self.apply(offset)
        return Rigid(self.angle + angle, x, y)


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k)


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1]


def lerp(a: Vec, b: Vec, t: float) -> Vec:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def unit(degrees: float) -> Vec:
    return (math.cos(math.radians(degrees)), math.sin(math.radians(degrees)))


# --- The skeleton. ------------------------------------------------------------------


@dataclass(frozen=True)
class Joint:
    key: str
    parent: str | None
    offset: Vec
    """Where the joint sits in its parent's frame."""


def sides(view: str) -> tuple[str, str]:
    """The two sides' names in the view: (near, far) or (left, right)."""
    return ("near", "far") if view == "side" else ("left", "right")


def working_sides(figure: Figure) -> tuple[str, str]:
    """(the working side, the other side): the working side is drawn solid and tinted."""
    if figure.view == "front" and figure.working == "right":
        return ("right", "left")
    return sides(figure.view)


def _skeleton(view: str) -> tuple[Joint, ...]:
    b = BODY
    joints = [Joint("root", None, (0.0, 0.0)), Joint("neck", "root", (0.0, b.trunk))]
    for side in sides(view):
        lateral = 0.0 if view == "side" else (1.0 if side == "left" else -1.0)
        joints += [
            Joint(f"{side}-hip", "root", (lateral * b.hip_half_width, 0.0)),
            Joint(f"{side}-knee", f"{side}-hip", (0.0, -b.thigh)),
            Joint(f"{side}-ankle", f"{side}-knee", (0.0, -b.shin)),
            *([Joint(f"{side}-toes", f"{side}-ankle", b.ball)] if view == "side" else []),
            Joint(f"{side}-shoulder", "root", (lateral * b.shoulder_half_width, b.trunk)),
            Joint(f"{side}-elbow", f"{side}-shoulder", (0.0, -b.upper_arm)),
            Joint(f"{side}-hand", f"{side}-elbow", (0.0, -b.forearm)),
        ]
    return tuple(joints)


SKELETONS: dict[str, tuple[Joint, ...]] = {view: _skeleton(view) for view in ("side", "front")}
JOINTS: dict[str, dict[str, Joint]] = {
    view: {joint.key: joint for joint in joints} for view, joints in SKELETONS.items()
}

Angles = dict[str, float]
"""The local rotation of every joint (degrees, counter-clockwise), hands and toes excepted:
a hand frame stays upright, so held weights hang, and the toes bend to lie level."""


def side_angles(pose: Pose, side: str) -> SideAngles:
    return getattr(pose, side) or SideAngles()


def front_angles(pose: Pose, side: str) -> FrontAngles:
    return getattr(pose, side) or FrontAngles()


def pose_angles(view: str, pose: Pose) -> Angles:
    """A pose's anatomical angles as one local rotation per joint."""
    angles: Angles = {"root": -pose.trunk, "neck": -pose.neck if view == "side" else 0.0}
    if view == "side":
        for side in ("near", "far"):
            a = side_angles(pose, side)
            angles |= {
                f"{side}-hip": a.hip,
                f"{side}-knee": -a.knee,
                f"{side}-ankle": a.ankle,
                f"{side}-shoulder": a.shoulder,
                f"{side}-elbow": a.elbow,
            }
    else:
        for side, sign in (("left", 1.0), ("right", -1.0)):
            f = front_angles(pose, side)
            angles |= {
                f"{side}-hip": sign * f.hip_abduction,
                f"{side}-knee": 0.0,
                f"{side}-ankle": -sign * f.ankle,
                f"{side}-shoulder": sign * f.shoulder_abduction,
                f"{side}-elbow": sign * f.elbow,
            }
    return angles


def _toe_bend(foot_angle: float) -> float:
    """How far the toes bend at the ball to lie level when the foot points down: up on the
    toes (the foot pointing down and forward), or curled with the foot laces-down on a bench
    (pointing down and back)."""
    pointing = (foot_angle + 180.0) % 360.0 - 180.0
    if -90.0 < pointing < 0.0:
        return min(-pointing, BODY.max_toe_bend)
    if -180.0 < pointing <= -90.0:
        return max(-180.0 - pointing, -BODY.max_toe_curl)
    return 0.0


def transforms(view: str, angles: Mapping[str, float], root: Rigid) -> dict[str, Rigid]:
    """The world frame of every joint, given the root's position (its angle is replaced)."""
    frames: dict[str, Rigid] = {"root": Rigid(angles["root"], root.x, root.y)}
    for joint in SKELETONS[view][1:]:
        parent = frames[joint.parent or "root"]
        if joint.key.endswith("-hand"):
            frames[joint.key] = parent.child(joint.offset, -parent.angle)
        elif joint.key.endswith("-toes"):
            frames[joint.key] = parent.child(joint.offset, _toe_bend(parent.angle))
        else:
            frames[joint.key] = parent.child(joint.offset, angles[joint.key])
    return frames


# --- The body's outline: capsules on the skeleton. ----------------------------------


@dataclass(frozen=True)
class Capsule:
    """A body segment in the frame of its joint: a round-capped stroke from ``start`` to
    ``end`` of ``width`` (a disc when ``radius`` is set). ``side`` is None for the trunk,
    neck and head. The same outline is drawn and is what touches surfaces."""

    segment: str
    joint: str
    start: Vec
    end: Vec
    width: float
    side: str | None = None
    radius: float | None = None


def leg(view: str, side: str) -> tuple[Capsule, ...]:
    b = BODY
    heel, ball = (b.heel, b.ball) if view == "side" else b.front_foot
    foot = b.foot_width if view == "side" else b.front_foot_width
    out = [
        Capsule(f"{side}-thigh", f"{side}-hip", (0, 0), (0, -b.thigh), b.thigh_width, side),
        Capsule(f"{side}-shin", f"{side}-knee", (0, 0), (0, -b.shin), b.shin_width, side),
        Capsule(f"{side}-foot", f"{side}-ankle", heel, ball, foot, side),
    ]
    if view == "side":
        out.append(Capsule(f"{side}-toes", f"{side}-toes", (0, 0), (b.toes, 0), foot * 0.9, side))
    return tuple(out)


def arm(side: str) -> tuple[Capsule, ...]:
    b = BODY
    return (
        Capsule(
            f"{side}-upper-arm",
            f"{side}-shoulder",
            (0, 0),
            (0, -b.upper_arm),
            b.upper_arm_width,
            side,
        ),
        Capsule(f"{side}-forearm", f"{side}-elbow", (0, 0), (0, -b.forearm), b.forearm_width, side),
    )


def core(view: str) -> tuple[Capsule, ...]:
    """The neck, the trunk (the shoulder girdle too, in the front view) and the head."""
    b = BODY
    trunk = b.trunk_width_side if view == "side" else b.trunk_width_front
    out = [
        Capsule("neck", "neck", (0, 0), (0, b.neck), b.neck_width),
        Capsule("trunk", "root", (0, 0), (0, b.trunk), trunk),
    ]
    if view == "front":
        half = b.shoulder_half_width
        out.append(
            Capsule("shoulders", "root", (-half, b.trunk), (half, b.trunk), b.shoulder_width)
        )
    head = (0.0, b.head_centre)
    out.append(Capsule("head", "neck", head, head, 0.0, radius=b.head_radius))
    return tuple(out)


def outline(view: str) -> tuple[Capsule, ...]:
    """Every segment of the body in the view."""
    out = list(core(view))
    for side in sides(view):
        out += [*leg(view, side), *arm(side)]
    return tuple(out)


# --- Contacts: which part of the outline touches. -----------------------------------


@dataclass(frozen=True)
class Probe:
    """The outline of a body part that can touch: a capsule (a circle when a == b)."""

    joint: str
    a: Vec
    b: Vec
    radius: float


def members(view: str, body: str) -> tuple[str, ...]:
    """The body parts of a contact: ``both-feet`` is two feet, ``seat`` is one part."""
    near, far = sides(view)
    pairs = {"both-feet": "foot", "both-knees": "knee", "hands": "hand"}
    if body in pairs:
        return (f"{near}-{pairs[body]}", f"{far}-{pairs[body]}")
    return (body,)


def probe(view: str, member: str, point: str | None) -> Probe:
    b = BODY
    if member == "seat":
        radius = (b.trunk_width_side if view == "side" else b.trunk_width_front) / 2
        return Probe("root", (0, 0), (0, 0), radius)
    if member == "upper-back":
        return Probe("root", (0, 0.55 * b.trunk), (0, 0.95 * b.trunk), b.trunk_width_side / 2)
    side, part = member.split("-", 1)
    if part == "foot":
        heel, toe = (b.heel, b.ball) if view == "side" else b.front_foot
        radius = (b.foot_width if view == "side" else b.front_foot_width) / 2
        if point == "ball":
            return Probe(f"{side}-ankle", toe, toe, radius)
        if point == "heel":
            return Probe(f"{side}-ankle", heel, heel, radius)
        return Probe(f"{side}-ankle", heel, toe, radius)
    if part == "knee":
        return Probe(f"{side}-knee", (0, 0), (0, 0), b.thigh_width / 2)
    if part == "hand":
        return Probe(f"{side}-hand", (0, 0), (0, 0), b.forearm_width / 2)
    if part == "forearm":
        return Probe(f"{side}-elbow", (0, 0), (0, -b.forearm), b.forearm_width / 2)
    if part == "hip":
        lateral = (1.0 if side == "left" else -1.0) * b.hip_half_width
        return Probe("root", (lateral, 0), (lateral, 0), b.thigh_width / 2)
    raise ValueError(f"unknown body part {member}")


def _support(probe_: Probe, frames: Mapping[str, Rigid], direction: Vec) -> Vec:
    """The point of the probe's outline furthest along ``direction`` (a unit vector)."""
    frame = frames[probe_.joint]
    a, b = frame.apply(probe_.a), frame.apply(probe_.b)
    da, db = dot(a, direction), dot(b, direction)
    nearest = a if da > db else b
    centre = lerp(a, b, 0.5) if abs(da - db) < 0.3 else nearest
    return add(centre, scale(direction, probe_.radius))


def _into(surface: str) -> Vec:
    """The direction from a body resting on ``surface`` into it (walls aside)."""
    if surface == "slant-board":
        return unit(SLANT_BOARD_DEGREES - 90.0)
    if surface == "anchor":
        return (0.0, 1.0)
    return (0.0, -1.0)


# --- Placing the poses. -------------------------------------------------------------


@dataclass(frozen=True)
class ContactPoint:
    """Where one body part of a contact touches: ``miss`` is its distance above (+) or below
    (-) its surface's height; 0 for the first contact and for walls and anchors."""

    index: int
    member: str
    surface: str
    point: Vec
    miss: float


@dataclass(frozen=True)
class SurfacePlacement:
    """A surface's top in world cm, ``start`` to ``end``, back to front (a wall: bottom to
    top). ``facing`` is +1 when the body is on the wall's +x side."""

    kind: str
    start: Vec
    end: Vec
    facing: float = 1.0


@dataclass(frozen=True)
class PosedBody:
    """One pose, placed: every joint's frame, the contacts and the surfaces, in world cm."""

    name: str
    view: str
    frames: Mapping[str, Rigid]
    contacts: tuple[ContactPoint, ...]
    surfaces: tuple[SurfacePlacement, ...]
    centre_of_mass: Vec

    def joint(self, key: str) -> Vec:
        frame = self.frames[key]
        return (frame.x, frame.y)


@dataclass(frozen=True)
class Anchor:
    """How a figure is placed: the first contact's body part, surface and foot pivot."""

    member: str
    surface: str
    point: str | None


_ANCHORS: dict[int, tuple[Figure, Anchor]] = {}
"""The anchor of each figure recently placed (by identity; the figure is kept so its id
cannot be reused): finding the foot's pivot places every pose, so once per figure."""


def figure_anchor(figure: Figure) -> Anchor:
    cached = _ANCHORS.get(id(figure))
    if cached is not None and cached[0] is figure:
        return cached[1]
    if len(_ANCHORS) > 256:
        _ANCHORS.clear()
    anchor = _find_anchor(figure)
    _ANCHORS[id(figure)] = (figure, anchor)
    return anchor


def _find_anchor(figure: Figure) -> Anchor:
    first = figure.anchor()
    member = members(figure.view, first.body)[0]
    point = first.point
    if member.endswith("-foot") and point in (None, "sole"):
        point = _foot_pivot(figure, member, first.surface)
    return Anchor(member, first.surface, point)


def _foot_pivot(figure: Figure, member: str, surface: str) -> str | None:
    """The end of the first-contact foot that stays down in every pose (the ball, else the
    heel), so the figure rocks about it instead of jumping; None if the foot rolls."""
    direction = _into(surface)
    side = member.split("-")[0]
    lowest = {"ball": 0, "heel": 0}
    grounded = [p for p in figure.poses if p.contacts]
    for pose in grounded:
        frames = transforms(figure.view, pose_angles(figure.view, pose), Rigid())
        ankle = frames[f"{side}-ankle"]
        heel = dot(ankle.apply(probe(figure.view, member, "heel").a), direction)
        ball = dot(ankle.apply(probe(figure.view, member, "ball").a), direction)
        if ball >= heel - 0.5:
            lowest["ball"] += 1
        if heel >= ball - 0.5:
            lowest["heel"] += 1
    for end in ("ball", "heel"):
        if lowest[end] == len(grounded):
            return end
    return None


def _place_root(figure: Figure, angles: Angles, anchor: Anchor, height: float | None) -> Rigid:
    """The root frame that sets the anchor on its surface at x = 0 (for a flight: the anchor
    at x = 0 and the body's lowest point at ``height``)."""
    frames = transforms(figure.view, angles, Rigid())
    touch = _support(probe(figure.view, anchor.member, anchor.point), frames, _into(anchor.surface))
    if height is None:
        return Rigid(angles["root"], -touch[0], SURFACE_HEIGHTS_CM[anchor.surface] - touch[1])
    lowest = min(y for _, y in _outline_points(figure.view, frames))
    return Rigid(angles["root"], -touch[0], height - lowest)


def _outline_points(view: str, frames: Mapping[str, Rigid]) -> list[Vec]:
    """Lowest-point candidates: each segment's end caps pushed down by its radius."""
    points = []
    for capsule in outline(view):
        frame = frames[capsule.joint]
        radius = capsule.radius if capsule.radius is not None else capsule.width / 2
        for end in (capsule.start, capsule.end):
            x, y = frame.apply(end)
            points.append((x, y - radius))
    return points


def _centre_of_mass(view: str, frames: Mapping[str, Rigid]) -> Vec:
    b = BODY
    parts: list[tuple[float, Vec]] = [
        (SEGMENT_MASS["head"], frames["neck"].apply((0, b.head_centre))),
        (SEGMENT_MASS["trunk"], frames["root"].apply((0, 0.5 * b.trunk))),
    ]
    heel, toe = (b.heel, b.ball) if view == "side" else b.front_foot
    for side in sides(view):
        parts += [
            (SEGMENT_MASS["thigh"], frames[f"{side}-hip"].apply((0, -0.433 * b.thigh))),
            (SEGMENT_MASS["shin"], frames[f"{side}-knee"].apply((0, -0.433 * b.shin))),
            (SEGMENT_MASS["foot"], frames[f"{side}-ankle"].apply(lerp(heel, toe, 0.5))),
            (
                SEGMENT_MASS["upper-arm"],
                frames[f"{side}-shoulder"].apply((0, -0.436 * b.upper_arm)),
            ),
            (SEGMENT_MASS["forearm"], frames[f"{side}-elbow"].apply((0, -0.6 * b.forearm))),
        ]
    total = sum(m for m, _ in parts)
    return (sum(m * p[0] for m, p in parts) / total, sum(m * p[1] for m, p in parts) / total)


SURFACE_WIDTHS = {
    "bench": 40.0,
    "high-seat": 40.0,
    "box-or-step": 40.0,
    "box": 45.0,
    "machine-seat": 34.0,
    "machine-platform": 24.0,
    "slant-board": 45.0,
    "support": 16.0,
    "anchor": 10.0,
}
FRONT_BENCH_WIDTH = 30.0
"""A bench seen end-on (the front view)."""
EDGE_INSET = 3.0
"""A foot on an edge sits this far in from it (other parts rest right on the edge)."""
WALL_HEIGHT = 200.0


def _edge_touch(probe_: Probe, frames: Mapping[str, Rigid], height: float, lowest: Vec) -> Vec:
    """Where a capsule rests on a surface's edge: the point of its underside at the edge's
    height (the back pivoting on a bench edge), or its lowest point if none is."""
    frame = frames[probe_.joint]
    a, b = frame.apply(probe_.a), frame.apply(probe_.b)
    axis = sub(b, a)
    length = math.hypot(*axis)
    normal = (axis[1] / length, -axis[0] / length)
    if normal[1] > 0:
        normal = (-normal[0], -normal[1])
    a, b = add(a, scale(normal, probe_.radius)), add(b, scale(normal, probe_.radius))
    if (a[1] - height) * (b[1] - height) > 0 or a[1] == b[1]:
        return lowest
    return lerp(a, b, (height - a[1]) / (b[1] - a[1]))


def _surface_for(
    view: str, kind: str, edge: str, touch: Vec, facing: float, inset: float
) -> SurfacePlacement:
    """The surface a contact rests on, placed where it lands."""
    if kind == "wall":
        return SurfacePlacement(kind, (touch[0], 0.0), (touch[0], WALL_HEIGHT), facing)
    width = FRONT_BENCH_WIDTH if kind == "bench" and view == "front" else SURFACE_WIDTHS[kind]
    if edge == "front":
        back, front = width - inset, inset
    elif edge == "back":
        back, front = inset, width - inset
    elif kind == "slant-board":
        back, front = 0.7 * width, 0.3 * width
    else:
        back, front = width / 2, width / 2
    along = unit(SLANT_BOARD_DEGREES) if kind == "slant-board" else (1.0, 0.0)
    return SurfacePlacement(kind, sub(touch, scale(along, back)), add(touch, scale(along, front)))


def merge_surfaces(surfaces: Iterable[SurfacePlacement]) -> tuple[SurfacePlacement, ...]:
    """Surfaces of one kind that overlap (both feet on one box) joined into one."""
    merged: list[SurfacePlacement] = []
    for s in surfaces:
        for i, m in enumerate(merged):
            if m.kind != s.kind or m.kind == "floor":
                continue
            if s.kind == "wall":
                if abs(m.start[0] - s.start[0]) < 1.0 and m.facing == s.facing:
                    break
                continue
            same_line = abs(m.start[1] - s.start[1]) < 1.0 or s.kind == "slant-board"
            if same_line and s.start[0] <= m.end[0] + 1.0 and m.start[0] <= s.end[0] + 1.0:
                if s.kind != "slant-board":
                    merged[i] = replace(m, start=min(m.start, s.start), end=max(m.end, s.end))
                break
        else:
            merged.append(s)
    return tuple(merged)


def _pose_geometry(
    figure: Figure, pose: Pose, frames: Mapping[str, Rigid]
) -> tuple[tuple[ContactPoint, ...], tuple[SurfacePlacement, ...]]:
    view = figure.view
    com = _centre_of_mass(view, frames)
    anchor = figure_anchor(figure)
    points: list[ContactPoint] = []
    surfaces: list[SurfacePlacement] = []
    for index, contact in enumerate(pose.contacts):
        for member in members(view, contact.body):
            point = anchor.point if index == 0 and member == anchor.member else contact.point
            part = probe(view, member, point)
            facing = 1.0
            if contact.surface == "wall":
                centre = frames[part.joint].apply(lerp(part.a, part.b, 0.5))
                facing = 1.0 if com[0] >= centre[0] else -1.0
                direction = (-facing, 0.0)
            else:
                direction = _into(contact.surface)
            touch = _support(part, frames, direction)
            if contact.edge != "none" and member == "upper-back":
                touch = _edge_touch(part, frames, SURFACE_HEIGHTS_CM[contact.surface], touch)
            miss = (
                0.0
                if contact.surface in FREE_SURFACES
                else touch[1] - SURFACE_HEIGHTS_CM[contact.surface]
            )
            points.append(ContactPoint(index, member, contact.surface, touch, miss))
            if contact.surface != "floor":
                inset = EDGE_INSET if member.endswith("-foot") else 0.0
                surfaces.append(
                    _surface_for(view, contact.surface, contact.edge, touch, facing, inset)
                )
    return tuple(points), merge_surfaces(surfaces)


def _posed(figure: Figure, pose: Pose, angles: Angles, root: Rigid) -> PosedBody:
    frames = transforms(figure.view, angles, root)
    contacts, surfaces = _pose_geometry(figure, pose, frames)
    return PosedBody(
        name=pose.name,
        view=figure.view,
        frames=frames,
        contacts=contacts,
        surfaces=surfaces,
        centre_of_mass=_centre_of_mass(figure.view, frames),
    )


def solve_pose(figure: Figure, pose: Pose) -> PosedBody:
    angles = pose_angles(figure.view, pose)
    root = _place_root(figure, angles, figure_anchor(figure), pose.height)
    return _posed(figure, pose, angles, root)


def solve(figure: Figure) -> list[PosedBody]:
    """Every pose placed from its first contact, in world cm. A support (a rail or a wall
    beside the figure, which a hand may slide along) is one rail in every pose, long enough
    for wherever the hand rests in any of them."""
    bodies = [solve_pose(figure, pose) for pose in figure.poses]
    rails = [s for body in bodies for s in body.surfaces if s.kind == "support"]
    if not rails:
        return bodies
    low, high = min(s.start[0] for s in rails), max(s.end[0] for s in rails)
    height = rails[0].start[1]
    rail = SurfacePlacement("support", (low, height), (high, height))
    return [
        replace(
            body,
            surfaces=merge_surfaces(rail if s.kind == "support" else s for s in body.surfaces),
        )
        for body in bodies
    ]


def support_span(body: PosedBody) -> tuple[float, float] | None:
    """The x-range of what the body stands, sits or lies on: the parts of each resting body
    part that are down on their surface (a heel hanging off a step does not count)."""
    xs: list[float] = []
    for c in body.contacts:
        if c.surface in FREE_SURFACES:
            continue
        part = probe(body.view, c.member, None)
        frame = body.frames[part.joint]
        a, b = frame.apply(part.a), frame.apply(part.b)
        under = [s for s in body.surfaces if s.kind == c.surface]
        for i in range(11):
            x, y = lerp(a, b, i / 10)
            on_top = y - part.radius <= c.point[1] + 1.5
            over = c.surface == "floor" or any(s.start[0] <= x <= s.end[0] for s in under)
            if on_top and over:
                xs.append(x)
        xs.append(c.point[0])
    return (min(xs), max(xs)) if xs else None


# --- Motion. ------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """One keyframe of the motion: its time as a share of the rep, angles, root frame."""

    at: float
    angles: Angles
    root: Rigid


def phases(figure: Figure, tempo: Tempo) -> list[tuple[str, float]]:
    """(phase, seconds) in the order a rep runs from the start pose."""
    if figure.rep_starts == "top":
        return [
            ("lower", tempo.lower),
            ("bottom", tempo.bottom),
            ("lift", tempo.lift),
            ("top", tempo.top),
        ]
    return [
        ("lift", tempo.lift),
        ("top", tempo.top),
        ("lower", tempo.lower),
        ("bottom", tempo.bottom),
    ]


_HOLDING_JOINTS = {
    "foot": ("hip", "knee"),
    "knee": ("hip",),
    "hand": ("shoulder", "elbow"),
    "forearm": ("shoulder", "elbow"),
}
"""The joints turned, between poses, to keep a later contact on its path."""


def _least_squares(columns: Sequence[Vec], rhs: Vec) -> list[float]:
    """Solve J d = rhs for one or two unknowns (J given by its columns), damped."""
    damping = 1e-3
    if len(columns) == 1:
        ((a, b),) = columns
        return [(a * rhs[0] + b * rhs[1]) / (a * a + b * b + damping)]
    (a, c), (b, d) = columns
    m00, m01, m11 = a * a + c * c + damping, a * b + c * d, b * b + d * d + damping
    r0, r1 = a * rhs[0] + c * rhs[1], b * rhs[0] + d * rhs[1]
    det = m00 * m11 - m01 * m01
    return [(m11 * r0 - m01 * r1) / det, (m00 * r1 - m01 * r0) / det]


def _hold_contacts(
    figure: Figure, pose: Pose, angles: Angles, before: PosedBody, after: PosedBody, t: float
) -> Angles:
    """Nudge an in-between frame's limb angles so the contacts after the first stay on their
    path while the angles blend (a planted rear foot stays on the bench)."""
    anchor = figure_anchor(figure)
    ahead = {(c.member, c.surface): c.point for c in after.contacts}
    targets: dict[tuple[str, str], Vec] = {}
    for c in before.contacts:
        key = (c.member, c.surface)
        if c.index == 0 or c.member == anchor.member or key not in ahead or c.surface == "anchor":
            continue
        if c.member.partition("-")[2] in _HOLDING_JOINTS:
            targets[key] = lerp(c.point, ahead[key], t)
    if not targets:
        return angles
    angles = dict(angles)
    for (member, surface), target in targets.items():
        side, _, part = member.partition("-")
        keys = [f"{side}-{j}" for j in _HOLDING_JOINTS[part]]
        if figure.view == "front":
            keys = [k for k in keys if not k.endswith("-knee")]

        def error(
            trial: Angles, member: str = member, surface: str = surface, target: Vec = target
        ) -> Vec:
            root = _place_root(figure, trial, anchor, None)
            points, _ = _pose_geometry(figure, pose, transforms(figure.view, trial, root))
            point = next(c.point for c in points if c.member == member and c.surface == surface)
            return sub(point, target)

        for _ in range(4):
            e0 = error(angles)
            if math.hypot(*e0) < 0.2:
                break
            columns = []
            for key in keys:
                bumped = dict(angles)
                bumped[key] += 0.5
                e1 = error(bumped)
                columns.append(((e1[0] - e0[0]) / 0.5, (e1[1] - e0[1]) / 0.5))
            for key, step in zip(keys, _least_squares(columns, (-e0[0], -e0[1])), strict=True):
                angles[key] += max(-10.0, min(10.0, step))
                if figure.view == "side" and key.endswith("-knee"):
                    angles[key] = min(angles[key], 0.0)
    return angles


def _smooth(t: float) -> float:
    return t * t * (3 - 2 * t)


def motion_frames(figure: Figure, tempo: Tempo, per_phase: int = 10) -> list[Frame]:
    """Keyframes of one rep: from start to end through the poses, a pause, back, a pause,
    timed by the tempo. Each frame is placed by the same first contact, so planted contacts
    stay put."""
    view = figure.view
    anchor = figure_anchor(figure)
    poses = list(figure.poses)
    angles = [pose_angles(view, p) for p in poses]
    roots = [_place_root(figure, a, anchor, p.height) for a, p in zip(angles, poses, strict=True)]
    bodies = solve(figure)

    def state(u: float, forward: bool) -> tuple[Angles, Rigid]:
        u = u if forward else 1 - u
        span = len(poses) - 1
        i = min(int(u * span), span - 1)
        t = u * span - i
        mixed = {k: angles[i][k] + (angles[i + 1][k] - angles[i][k]) * t for k in angles[i]}
        if poses[i].contacts and poses[i + 1].contacts:
            if 0 < t < 1:
                mixed = _hold_contacts(figure, poses[i], mixed, bodies[i], bodies[i + 1], t)
            return mixed, _place_root(figure, mixed, anchor, None)
        r0, r1 = roots[i], roots[i + 1]
        return mixed, Rigid(mixed["root"], r0.x + (r1.x - r0.x) * t, r0.y + (r1.y - r0.y) * t)

    total = tempo.total
    frames: list[Frame] = []
    clock = 0.0
    for (_, seconds), forward in zip(phases(figure, tempo), (True, None, False, None), strict=True):
        if seconds <= 0:
            continue
        if forward is None:
            held = frames[-1] if frames else Frame(0.0, angles[0], roots[0])
            frames.append(Frame((clock + seconds) / total, held.angles, held.root))
        else:
            for i in range(per_phase + 1):
                if i == 0 and frames:
                    continue
                mixed, root = state(_smooth(i / per_phase), forward)
                frames.append(Frame((clock + seconds * i / per_phase) / total, mixed, root))
        clock += seconds
    if frames[0].at > 0:
        frames.insert(0, Frame(0.0, frames[-1].angles, frames[-1].root))
    return frames
