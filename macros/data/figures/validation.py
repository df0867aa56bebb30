"""The technique figure judged: what validation says about a figure, each message located.

This module owns the checks on an exercise's ``figure:`` block that the data shape alone
cannot make (``model`` makes those): keys of the wrong view, a later contact that misses
its surface by more than 2 cm (with the one angle that would land it, found by searching
the angle's range), a limb through the floor, a bench or a wall, a planted contact that
slides between poses, a pose that would tip over. ``figure_errors`` gives each message with
its location in the figure (``("poses", 1, "contacts", 1)``), which the loader turns into
``path:line: field: message``; ``solve_angle`` is the same search as an authoring aid.

It reads positions from ``geometry`` and never places anything itself. Nothing imports it
but the checks and the contributor's tools: ``geometry`` and the drawing
(``macros.media``) must not. It imports nothing from ``macros.media``, the site or MkDocs.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from macros.data.figures.geometry import (
    ContactPoint,
    PosedBody,
    SurfacePlacement,
    Vec,
    add,
    dot,
    figure_anchor,
    front_angles,
    lerp,
    members,
    outline,
    probe,
    scale,
    side_angles,
    sides,
    solve,
    solve_pose,
    sub,
    support_span,
)
from macros.data.figures.model import (
    CONTACT_TOLERANCE_CM,
    FREE_SURFACES,
    FRONT_BODIES,
    SIDE_BODIES,
    Figure,
    FrontAngles,
    Pose,
    SideAngles,
)

Loc = tuple[str | int, ...]
"""Where in a figure a message belongs: ``("poses", 1, "contacts", 1)``."""


def view_errors(figure: Figure) -> list[tuple[Loc, str]]:
    """Keys that do not belong to the figure's view, each with its location in the figure
    (``("poses", 1, "left")``) and what to write instead."""
    side = figure.view == "side"
    own, other = (
        (("near", "far"), ("left", "right")) if side else (("left", "right"), ("near", "far"))
    )
    bodies = SIDE_BODIES if side else FRONT_BODIES
    errors: list[tuple[Loc, str]] = []
    for index, pose in enumerate(figure.poses):
        for key in other:
            if getattr(pose, key) is not None:
                errors.append(
                    (
                        ("poses", index, key),
                        f"the {figure.view} view gives {own[0]} and {own[1]}, not {key}",
                    )
                )
        if not side and "neck" in pose.model_fields_set:
            errors.append((("poses", index, "neck"), "neck is for the side view only"))
        for number, contact in enumerate(pose.contacts):
            if contact.body not in bodies:
                errors.append(
                    (
                        ("poses", index, "contacts", number, "body"),
                        f"'{contact.body}' is not a body part of the {figure.view} view; "
                        f"expected one of: {', '.join(bodies)}",
                    )
                )
    if side and "working" in figure.model_fields_set:
        errors.append((("working",), "working is for the front view; near is the working side"))
    return errors


_SOLID_DEPTH = {"bench": 7.0, "high-seat": 7.0, "machine-seat": 7.0}
"""Surfaces that are a pad on legs: only the pad is solid (a leg may pass under a bench)."""
ROLLING = frozenset({"seat", "upper-back"})
"""Body parts that roll on their surface (the back pivots on a bench edge): for these the
touching point must stay put; for every other part the part itself must."""
SLIDE_LIMIT = 3.0
ROLL_LIMIT = 8.0
"""How far a rolling contact may travel along a flat surface between poses (cm)."""
BALANCE_SLACK = 3.0


def _solids(surface: SurfacePlacement) -> list[tuple[Vec, ...]]:
    """The solid parts of a surface as convex polygons (the floor is handled apart)."""
    (x0, y0), (x1, y1) = surface.start, surface.end
    if surface.kind in ("wall", "anchor", "floor", "support"):
        return []
    if surface.kind == "slant-board":
        return [((x0, y0), (x1, y1), (x1, 0.0), (x0, 0.0))]
    depth = _SOLID_DEPTH.get(surface.kind, y0)
    return [((x0, y0), (x1, y1), (x1, y1 - depth), (x0, y0 - depth))]


def _polygon_distance(point: Vec, polygon: Sequence[Vec]) -> float:
    """Signed distance from a convex polygon (negative inside)."""
    n = len(polygon)
    inside = True
    best = math.inf
    worst_inside = -math.inf
    area = sum(
        polygon[i][0] * polygon[(i + 1) % n][1] - polygon[(i + 1) % n][0] * polygon[i][1]
        for i in range(n)
    )
    orient = 1.0 if area > 0 else -1.0
    for i in range(n):
        a, b = polygon[i], polygon[(i + 1) % n]
        edge = sub(b, a)
        length = math.hypot(*edge)
        outward = (orient * edge[1] / length, -orient * edge[0] / length)
        side = dot(sub(point, a), outward)
        if side > 0:
            inside = False
        worst_inside = max(worst_inside, side)
        t = max(0.0, min(1.0, dot(sub(point, a), edge) / (length * length)))
        best = min(best, math.hypot(*sub(point, add(a, scale(edge, t)))))
    return worst_inside if inside else best


def _penetrations(view: str, body: PosedBody) -> list[tuple[str, str, float]]:
    """(segment, surface, depth cm) for each segment more than 2 cm into a solid."""
    found: dict[tuple[str, str], float] = {}
    walls = [s for s in body.surfaces if s.kind == "wall"]

    def note(name: str, kind: str, depth: float) -> None:
        if depth > CONTACT_TOLERANCE_CM:
            found[(name, kind)] = max(found.get((name, kind), 0.0), depth)

    for capsule in outline(view):
        frame = body.frames[capsule.joint]
        a, b = frame.apply(capsule.start), frame.apply(capsule.end)
        radius = capsule.radius if capsule.radius is not None else capsule.width / 2
        steps = max(1, int(math.hypot(*sub(b, a)) / 2))
        for p in (lerp(a, b, i / steps) for i in range(steps + 1)):
            note(capsule.segment, "floor", radius - p[1])
            for wall in walls:
                note(capsule.segment, "wall", radius - wall.facing * (p[0] - wall.start[0]))
            if capsule.segment.endswith(("upper-arm", "forearm")):
                continue  # arms often reach round a bench, out of the picture plane
            for surface in body.surfaces:
                for polygon in _solids(surface):
                    note(capsule.segment, surface.kind, radius - _polygon_distance(p, polygon))
    return [(name, kind, depth) for (name, kind), depth in found.items()]


_PLURAL_SEGMENTS = frozenset({"near-toes", "far-toes", "shoulders"})


def _words(member: str) -> str:
    return member.replace("-", " ")


_CHAINS = {
    "foot": ("ankle", "knee", "hip"),
    "knee": ("hip", "knee"),
    "hand": ("shoulder", "elbow"),
    "forearm": ("shoulder", "elbow"),
    "hip": (),
}
_FRONT_NAMES = {"hip": "hip_abduction", "shoulder": "shoulder_abduction"}


def _limb_joints(figure: Figure, member: str) -> list[str]:
    """The angles (``"far.knee"``) of the limb that carries a sided body part."""
    side, _, part = member.partition("-")
    if side not in ("near", "far", "left", "right"):
        return []
    names = _CHAINS.get(part, ())
    if figure.view == "front":
        names = tuple(_FRONT_NAMES.get(n, n) for n in names if n not in ("knee", "ankle"))
    return [f"{side}.{name}" for name in names]


def _candidate_joints(figure: Figure, member: str) -> list[str]:
    """Angles that move ``member`` relative to the anchor: its own limb's, then the anchor
    limb's, then the trunk."""
    out = _limb_joints(figure, member)
    out += [j for j in _limb_joints(figure, figure_anchor(figure).member) if j not in out]
    return [*out, "trunk"]


def _angle_range(figure: Figure, joint: str) -> tuple[float, float]:
    if joint == "trunk":
        info = Pose.model_fields["trunk"]
    else:
        limb = SideAngles if figure.view == "side" else FrontAngles
        info = limb.model_fields[joint.split(".")[1]]
    low = next(m.ge for m in info.metadata if hasattr(m, "ge"))
    high = next(m.le for m in info.metadata if hasattr(m, "le"))
    return float(low), float(high)


def _get_angle(figure: Figure, pose: Pose, joint: str) -> float:
    if joint == "trunk":
        return pose.trunk
    side, name = joint.split(".")
    limb = side_angles(pose, side) if figure.view == "side" else front_angles(pose, side)
    return float(getattr(limb, name))


def _with_angle(figure: Figure, pose: Pose, joint: str, value: float) -> Pose:
    if joint == "trunk":
        return pose.model_copy(update={"trunk": value})
    side, name = joint.split(".")
    limb = side_angles(pose, side) if figure.view == "side" else front_angles(pose, side)
    return pose.model_copy(update={side: limb.model_copy(update={name: value})})


def _pose_index(figure: Figure, pose: int | str) -> int:
    if isinstance(pose, int):
        return pose
    return next(i for i, p in enumerate(figure.poses) if p.name == pose)


COARSE_STEP = 5.0
"""The miss search samples each angle's range this many degrees apart, then bisects."""
LANDED_CM = 0.5
"""A bisected root counts only if the contact is this close: a jump (a foot rocking from its
heel to its ball) changes sign without landing anything."""


class _MissSearch:
    """The search for angles that land a contact, for one figure: every pose it places is
    kept, so the contacts of one pose share the work. Coarse to fine: each angle's range is
    sampled every ``COARSE_STEP`` degrees, and each change of sign is bisected."""

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self._placed: dict[tuple[int, str, float], tuple[ContactPoint, ...]] = {}
        self._walls: dict[tuple[int, int], float] = {}
        """Where a wall contact must land (x, cm): the wall of the pose before."""

    def miss(self, index: int, joint: str, value: float, contact: int, member: str | None) -> float:
        """How far the contact is off its surface with ``joint`` at ``value`` (a wall
        contact: how far from the wall it must reach)."""
        key = (index, joint, value)
        if key not in self._placed:
            pose = _with_angle(self.figure, self.figure.poses[index], joint, value)
            self._placed[key] = solve_pose(self.figure, pose).contacts
        points = [c for c in self._placed[key] if c.index == contact]
        if member is not None:
            points = [c for c in points if c.member == member] or points
        wall = self._walls.get((index, contact))
        if wall is not None:
            return max((c.point[0] - wall for c in points), key=abs)
        return max((c.miss for c in points), key=abs)

    def wall_hint(self, index: int, contact: int, member: str, wall: float) -> str:
        """What to change so a wall contact reaches the wall at ``wall`` (x, cm)."""
        self._walls[(index, contact)] = wall
        try:
            return self.hint(index, contact, member)
        finally:
            del self._walls[(index, contact)]

    def lands(self, index: int, joint: str, value: float, contact: int, member: str | None) -> bool:
        return abs(self.miss(index, joint, value, contact, member)) <= CONTACT_TOLERANCE_CM

    def roots(self, index: int, joint: str, contact: int, member: str | None) -> list[float]:
        """Every value of ``joint`` in its range that lands the contact, to 0.01 degrees."""
        low, high = _angle_range(self.figure, joint)
        steps = max(1, math.ceil((high - low) / COARSE_STEP))
        values = [low + (high - low) * i / steps for i in range(steps + 1)]
        misses = [self.miss(index, joint, v, contact, member) for v in values]
        found: list[float] = []
        for (a, f_a), (b, f_b) in itertools.pairwise(zip(values, misses, strict=True)):
            if f_a == 0:
                found.append(a)
                continue
            if f_a * f_b > 0:
                continue
            lo, hi, f_hi = a, b, f_b
            while hi - lo > 0.01:
                mid = (lo + hi) / 2
                f_mid = self.miss(index, joint, mid, contact, member)
                if f_a * f_mid <= 0:
                    hi, f_hi = mid, f_mid
                else:
                    lo, f_a = mid, f_mid
            root, f_root = (lo, f_a) if abs(f_a) < abs(f_hi) else (hi, f_hi)
            if abs(f_root) <= LANDED_CM:
                found.append(root)
        return found

    def landing(self, index: int, joint: str, contact: int, member: str | None) -> float | None:
        """The whole-degree value of ``joint`` nearest the pose's own that lands the contact
        and differs from it; None if there is none."""
        current = _get_angle(self.figure, self.figure.poses[index], joint)
        low, high = _angle_range(self.figure, joint)
        options = []
        for root in self.roots(index, joint, contact, member):
            for value in (round(root), math.floor(root), math.ceil(root)):
                if (
                    low <= value <= high
                    and value != round(current)
                    and self.lands(index, joint, float(value), contact, member)
                ):
                    options.append(float(value))
                    break
        return min(options, key=lambda v: abs(v - current)) if options else None

    def culprit(self, index: int, contact: int, member: str) -> tuple[str, str] | None:
        """The one angle whose change made the contact miss, when the figure shows it:
        (the angle, why). Two body parts of one contact (both feet) on one surface whose
        limbs differ in a single angle; or, since the last pose where this contact landed,
        a single changed angle that, put back, lands it again."""
        figure = self.figure
        pose = figure.poses[index]
        joints = _candidate_joints(figure, member)
        first, second = sides(figure.view)
        pair = pose.contacts[contact].body in ("both-feet", "both-knees", "hands")
        if pair:
            differing = [
                j
                for j in joints
                if j != "trunk"
                and _get_angle(figure, pose, j) != _get_angle(figure, pose, _other_side(j))
            ]
            names = {j.split(".")[1] for j in differing}
            if len(names) == 1:
                name = names.pop()
                near, far = f"{first}.{name}", f"{second}.{name}"
                return (
                    near if member.startswith(second) else far,
                    f"the {_angle_words(near)} ({_get_angle(figure, pose, near):.0f}°) and "
                    f"{_angle_words(far)} ({_get_angle(figure, pose, far):.0f}°) differ, so "
                    f"the two cannot both rest on the {_words(pose.contacts[contact].surface)}",
                )
        surface = pose.contacts[contact].surface
        for earlier in range(index - 1, -1, -1):
            before = figure.poses[earlier]
            if not any(
                c.surface == surface and member in members(figure.view, c.body)
                for c in before.contacts
            ):
                continue
            changed = [
                j for j in joints if _get_angle(figure, pose, j) != _get_angle(figure, before, j)
            ]
            back = [
                j
                for j in changed
                if self.lands(index, j, _get_angle(figure, before, j), contact, member)
            ]
            if len(back) == 1:
                j = back[0]
                return (
                    j,
                    f"the {_angle_words(j)} changed from {_get_angle(figure, before, j):.0f}° "
                    f"in {before.name} to {_get_angle(figure, pose, j):.0f}°",
                )
            return None
        return None

    def hint(self, index: int, contact: int, member: str) -> str:
        """What to change: the culprit first, when known, then up to two angles that land
        the contact, each different from the pose's own value."""
        figure = self.figure
        pose = figure.poses[index]
        culprit = self.culprit(index, contact, member)
        order = _candidate_joints(figure, member)
        if culprit is not None:
            order = [culprit[0], *(j for j in order if j != culprit[0])]
            if culprit[0] in order[1:]:
                order.remove(culprit[0])
        options = []
        for rank, joint in enumerate(order):
            value = self.landing(index, joint, contact, member)
            if value is not None:
                first = culprit is not None and rank == 0
                change = abs(value - _get_angle(figure, pose, joint))
                options.append((not first, change, joint, value))
        options.sort()
        tries = (
            "try "
            + " or ".join(
                f"{_angle_words(joint)} {value:.0f}° (now {_get_angle(figure, pose, joint):.0f}°)"
                for *_, joint, value in options[:2]
            )
            if options
            else "no single angle lands it; move the limb or the trunk"
        )
        return f"{culprit[1]}; {tries}" if culprit else tries


def _other_side(joint: str) -> str:
    side, name = joint.split(".")
    return f"{dict(near='far', far='near', left='right', right='left')[side]}.{name}"


def _angle_words(joint: str) -> str:
    return joint.replace(".", " ").replace("_", " ")


def solve_angle(
    figure: Figure, pose: int | str, joint: str, *, contact: int | None = None
) -> float | None:
    """The whole-degree value of one angle (``"trunk"``, ``"far.knee"``,
    ``"left.hip_abduction"``) that lands a contact of a pose on its surface, nearest the
    pose's value and different from it; None if no value in the anatomical range does.
    ``contact`` defaults to the contact that misses by most. An authoring aid: the data stays
    the source, so copy the answer into the pose."""
    index = _pose_index(figure, pose)
    target = figure.poses[index]
    body = solve_pose(figure, target)
    if contact is None:
        later = [c for c in body.contacts if c.index > 0 and c.surface not in FREE_SURFACES]
        if not later:
            return None
        contact = max(later, key=lambda c: abs(c.miss)).index
    side = joint.split(".")[0] if "." in joint else None
    candidates = [c.member for c in body.contacts if c.index == contact]
    member = next((m for m in candidates if side and m.startswith(side)), None)
    return _MissSearch(figure).landing(index, joint, contact, member)


def contact_errors(figure: Figure) -> list[tuple[int, int, str]]:
    """(pose index, contact index, message) for every contact after the first that misses
    its surface by more than 2 cm, and for anything else physically inconsistent; the
    contact index is -1 for a problem of the whole pose (a limb through the floor, a pose
    that would tip over). Each message says what to change."""
    errors: list[tuple[int, int, str]] = []
    bodies = solve(figure)
    view = figure.view
    search = _MissSearch(figure)
    for index, body in enumerate(bodies):
        for c in body.contacts:
            if abs(c.miss) > CONTACT_TOLERANCE_CM:
                where = "above" if c.miss > 0 else "below the top of"
                errors.append(
                    (
                        index,
                        c.index,
                        f"{_words(c.member)} is {abs(c.miss):.0f} cm {where} the "
                        f"{_words(c.surface)}, more than {CONTACT_TOLERANCE_CM:g} cm off; "
                        f"{search.hint(index, c.index, c.member)}",
                    )
                )
        for name, kind, depth in _penetrations(view, body):
            errors.append(
                (
                    index,
                    -1,
                    f"{_words(name)} {'go' if name in _PLURAL_SEGMENTS else 'goes'} "
                    f"{depth:.0f} cm into the {_words(kind)}; move it clear",
                )
            )
        grounded = [c for c in body.contacts if c.surface not in FREE_SURFACES]
        held = any(c.surface in FREE_SURFACES for c in body.contacts)
        if grounded and not held and not figure.dynamic:
            span = support_span(body)
            x = body.centre_of_mass[0]
            if span and not span[0] - BALANCE_SLACK <= x <= span[1] + BALANCE_SLACK:
                ahead = x > span[1]
                gap = x - span[1] if ahead else span[0] - x
                if view == "side":
                    where = "in front of" if ahead else "behind"
                    hint = (
                        "push the hips back or lean the trunk less"
                        if ahead
                        else "bring the hips over the feet or lean the trunk forward"
                    )
                else:
                    where = "to the right of" if ahead else "to the left of"
                    hint = "move the hips over the support"
                errors.append(
                    (
                        index,
                        -1,
                        f"the centre of mass is {gap:.0f} cm {where} what the figure rests "
                        f"on, so it would tip over; {hint}",
                    )
                )
    return errors + _slides(figure, bodies, search)


def _slides(
    figure: Figure, bodies: Sequence[PosedBody], search: _MissSearch
) -> list[tuple[int, int, str]]:
    """Contacts that slide (or a wall that moves) between consecutive poses."""
    errors = []
    for i in range(1, len(bodies)):
        before = {(c.member, c.surface): c for c in bodies[i - 1].contacts}
        for c in bodies[i].contacts:
            old = before.get((c.member, c.surface))
            if old is None or c.surface in ("anchor", "support"):
                continue  # a hand may slide along a rail; an anchor pad rolls on the heels
            dx, dy = _landmark_shift(figure.view, c, bodies[i - 1], bodies[i])
            edge = figure.poses[i].contacts[c.index].edge
            names = (figure.poses[i - 1].name, figure.poses[i].name)
            if c.surface == "wall":
                if abs(dx) > CONTACT_TOLERANCE_CM:
                    errors.append(
                        (
                            i,
                            c.index,
                            f"the wall moves {abs(dx):.0f} cm between {names[0]} and "
                            f"{names[1]}: the {_words(c.member)} must reach the same wall; "
                            + search.wall_hint(i, c.index, c.member, old.point[0]),
                        )
                    )
                continue
            if c.member in ROLLING:
                moved = abs(c.point[0] - old.point[0])
                limit = SLIDE_LIMIT if edge != "none" else ROLL_LIMIT
            elif c.surface == "slant-board":
                moved, limit = math.hypot(dx, dy), SLIDE_LIMIT
            else:
                moved, limit = abs(dx), SLIDE_LIMIT
            if moved > limit:
                errors.append(
                    (
                        i,
                        c.index,
                        f"{_words(c.member)} slides {moved:.0f} cm along the "
                        f"{_words(c.surface)} between {names[0]} and {names[1]}; a planted "
                        f"contact stays put, so change the angles in {names[1]} until it "
                        "lands where it was",
                    )
                )
    return errors


def _landmark_shift(view: str, contact: ContactPoint, before: PosedBody, after: PosedBody) -> Vec:
    """How far a contact's body part moved between two poses: the smaller move of its two
    ends, so a foot rising onto its toes (the ball stays) does not count as sliding."""
    part = probe(view, contact.member, None)
    shifts = [
        sub(after.frames[part.joint].apply(end), before.frames[part.joint].apply(end))
        for end in (part.a, part.b)
    ]
    return min(shifts, key=lambda s: math.hypot(*s))


def figure_errors(figure: Figure) -> list[tuple[Loc, str]]:
    """Everything validation says about a figure, each with its location in the figure
    (``("poses", 1, "contacts", 1)``): keys of the wrong view first; then, if there are
    none, the geometry of ``contact_errors``."""
    wrong_view = view_errors(figure)
    if wrong_view:
        return wrong_view
    located: list[tuple[Loc, str]] = []
    for pose, contact, message in contact_errors(figure):
        loc: Loc = ("poses", pose, "contacts", contact) if contact >= 0 else ("poses", pose)
        located.append((loc, message))
    return located
