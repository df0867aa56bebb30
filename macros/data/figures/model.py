"""The technique figure as data: an exercise's poses, as joint angles and contacts.

This module owns the *shape* of an exercise's ``figure:`` block and the rules that need no
geometry: the anatomical range of every angle, the vocabularies of views, surfaces and body
parts, the heights of the surfaces, and which fields go together (a pose rests on contacts
or is a flight with a height; the first pose is ``start``, the last ``end``; every pose
that rests on something lists the same first contact, which places the figure). Angles are
degrees with 0 meaning standing upright in the anatomical position. Whether a contact
really lands on its surface is geometry (``geometry`` places it, ``validation`` judges
it). Imports only pydantic: nothing from the rest of the figure package, the site or
MkDocs.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

View = Literal["side", "front"]
RepStarts = Literal["top", "bottom"]
Surface = Literal[
    "floor",
    "bench",
    "high-seat",
    "box-or-step",
    "box",
    "machine-seat",
    "machine-platform",
    "slant-board",
    "support",
    "wall",
    "anchor",
]
SIDE_BODIES: tuple[str, ...] = (
    "near-foot",
    "far-foot",
    "both-feet",
    "near-knee",
    "far-knee",
    "both-knees",
    "seat",
    "upper-back",
    "near-hand",
    "far-hand",
    "hands",
    "near-forearm",
    "far-forearm",
)
"""Body parts that can touch a surface in the side view. ``seat``: the buttocks, or the back
of the pelvis lying down; ``upper-back``: just below the shoulder blades."""
FRONT_BODIES: tuple[str, ...] = (
    "left-foot",
    "right-foot",
    "both-feet",
    "left-knee",
    "right-knee",
    "left-hip",
    "right-hip",
    "left-hand",
    "right-hand",
    "hands",
    "left-forearm",
    "right-forearm",
)
"""Body parts that can touch a surface in the front view (``left-hip``: the outside of the
left hip, lying on that side)."""
Body = Literal[tuple(dict.fromkeys(SIDE_BODIES + FRONT_BODIES))]  # type: ignore[misc]
"""Every body part of either view (validation says which belong to the figure's view)."""
FootPoint = Literal["sole", "ball", "heel"]
Edge = Literal["none", "front", "back"]
LoadAt = Literal["hands", "near-hand", "far-hand", "upper-back", "hip-crease", "lap", "near-foot"]
FrontSide = Literal["left", "right"]
_POSE_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

SURFACE_HEIGHTS_CM: dict[str, float] = {
    "floor": 0.0,
    "bench": 45.0,
    "high-seat": 70.0,
    "box-or-step": 20.0,
    "box": 40.0,
    "machine-seat": 45.0,
    "machine-platform": 20.0,
    "slant-board": 6.0,
    "support": 80.0,
}
"""The height of each horizontal surface's top, in cm. ``box-or-step`` is a step or low box
(calf raises), ``box`` a knee-high box (step-ups), ``high-seat`` a table or high box to sit on
with the feet hanging clear of the floor; ``slant-board`` is the board's height where
the contact sits (it rises 10 degrees to the front). A ``wall`` and an ``anchor`` (a Nordic
anchor pad, holding from above) have no fixed height: they are placed where touched."""
SLANT_BOARD_DEGREES = 10.0
CONTACT_TOLERANCE_CM = 2.0
"""Every contact after the first must land within this distance of its surface."""
FOOT_BODIES = frozenset({"near-foot", "far-foot", "both-feet", "left-foot", "right-foot"})
FREE_SURFACES = frozenset({"wall", "anchor"})
"""Surfaces placed wherever their contact lands, so they can never be missed."""


class Model(BaseModel):
    """Immutable, unknown keys are errors (the same rules as every data model)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _degrees(low: float, high: float, description: str) -> Any:
    return Field(default=0.0, ge=low, le=high, description=description)


class SideAngles(Model):
    """One side's joint angles in the side view, in degrees (0 = anatomical position)."""

    hip: float = _degrees(
        -30, 140, "Hip flexion: + thigh forward of the trunk, - behind it (extension)."
    )
    knee: float = _degrees(0, 150, "Knee flexion: 0 straight, + bent.")
    ankle: float = _degrees(
        -55, 40, "Ankle dorsiflexion: + shin forward over the foot, - up on the toes."
    )
    shoulder: float = _degrees(
        -60, 180, "Shoulder flexion: 0 arm hanging along the trunk, + forward, - behind."
    )
    elbow: float = _degrees(0, 150, "Elbow flexion: 0 straight, + bent.")


class FrontAngles(Model):
    """One side's joint angles in the front view, in degrees (0 = anatomical position)."""

    hip_abduction: float = _degrees(
        -30, 60, "Hip abduction: + thigh out to its own side, - across the midline."
    )
    knee: float = Field(
        default=0.0,
        ge=0,
        le=0,
        description="Always 0 in the front view: a bent knee would point out of the picture "
        "(use the side view for bent-knee work).",
    )
    ankle: float = _degrees(
        -20, 30, "Ankle inversion: + sole turned towards the midline, - away (eversion)."
    )
    shoulder_abduction: float = _degrees(
        0, 180, "Shoulder abduction: 0 arm hanging, 90 out to the side, 180 overhead."
    )
    elbow: float = _degrees(
        0, 150, "Elbow flexion in the picture plane, bending the way abduction moves the arm."
    )

    @field_validator("knee", mode="before")
    @classmethod
    def _straight_knee(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool) and value != 0:
            raise PydanticCustomError(
                "figure_rule",
                "the front view draws the knee straight (0): a bent knee would point out of "
                "the picture; use the side view for bent-knee work",
            )
        return value


class Contact(Model):
    """A body part resting on a surface."""

    body: Body = Field(
        description="What touches: in the side view near-/far- foot, knee, hand, forearm, "
        "both-feet, both-knees, hands, seat, upper-back; in the front view left-/right- "
        "foot, knee, hip, hand, forearm, both-feet, hands."
    )
    surface: Surface = Field(
        description="What it rests on; heights in cm: floor 0, bench 45, high-seat 70 (feet "
        "hang clear), box-or-step 20 (a step), box 40 (a knee-high box), machine-seat 45, "
        "machine-platform 20, slant-board "
        "(a 10 degree wedge), support 80 (a rail beside the figure), wall (vertical), anchor "
        "(holds the heels from above)."
    )
    point: FootPoint | None = Field(
        default=None,
        description="Feet only: sole (default, whichever part is lowest), ball (on a step "
        "edge, heel free) or heel.",
    )
    edge: Edge = Field(
        default="none",
        description="none: the surface is centred on the contact; front: the contact is on "
        "the surface's front edge, the surface reaching back (upper back on a bench, a rear "
        "foot on a bench); back: on its back edge, the surface reaching forward (the ball "
        "of the foot on a step).",
    )

    @model_validator(mode="after")
    def _point_for_feet(self) -> Contact:
        if self.point is not None and self.body not in FOOT_BODIES:
            raise PydanticCustomError(
                "figure_rule",
                "point is for feet only ({body} touches in one place); remove point",
                {"body": self.body, "field": "point"},
            )
        return self


class Pose(Model):
    """One pose: joint angles in degrees, 0 = standing upright in the anatomical position
    (an angle left out is 0), and what the body rests on. Side view: the figure faces
    right, and ``near`` (the working side, drawn solid) and ``far`` give the hip, knee,
    ankle, shoulder and elbow. Front view: the figure faces the reader, its left on the
    reader's right, and ``left`` and ``right`` give hip and shoulder abduction, the ankle
    and the elbow, the knees straight."""

    name: str = Field(
        max_length=30,
        description="start, end, or a name for a pose in between (lowercase words joined "
        "by hyphens).",
    )
    trunk: float = Field(
        default=0.0,
        ge=-135,
        le=135,
        description="Side view: trunk lean from vertical, + forward, - backward (-90 lying "
        "on the back, below -90 shoulders lower than the hips, as at the top of a glute "
        "bridge). Front view: sideways tilt, + towards the figure's left (the reader's "
        "right), -90 lying on the right side.",
    )
    neck: float = Field(
        default=0.0,
        ge=-30,
        le=60,
        description="Side view only: neck flexion, + chin towards the chest, - head back.",
    )
    near: SideAngles | None = Field(
        default=None, description="Side view: the working (near) side's angles."
    )
    far: SideAngles | None = Field(default=None, description="Side view: the far side's angles.")
    left: FrontAngles | None = Field(default=None, description="Front view: the left side.")
    right: FrontAngles | None = Field(default=None, description="Front view: the right side.")
    contacts: tuple[Contact, ...] = Field(
        default=(),
        description="What rests on what, the first contact first: it places the figure, and "
        "every later contact must land on its surface within 2 cm.",
    )
    height: float | None = Field(
        default=None,
        gt=0,
        le=150,
        description="A flight (no contacts) only: cm from the floor to the lowest point.",
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _POSE_NAME.match(value):
            raise PydanticCustomError(
                "figure_rule", "expected a pose name of lowercase words joined by hyphens"
            )
        return value

    @model_validator(mode="after")
    def _support(self) -> Pose:
        if not self.contacts and self.height is None:
            raise PydanticCustomError(
                "figure_rule",
                "pose {name} has no contacts: list what it rests on, or give the height (cm) "
                "of its lowest point for a flight",
                {"name": self.name, "field": "contacts"},
            )
        if self.contacts and self.height is not None:
            raise PydanticCustomError(
                "figure_rule",
                "pose {name} rests on contacts, so it takes no height; height is for a "
                "flight with no contacts",
                {"name": self.name, "field": "height"},
            )
        seen: set[tuple[str, str]] = set()
        for contact in self.contacts:
            key = (contact.body, contact.surface)
            if key in seen:
                raise PydanticCustomError(
                    "figure_rule",
                    "pose {name} lists {body} on the {surface} twice",
                    {"name": self.name, "body": key[0], "surface": key[1], "field": "contacts"},
                )
            seen.add(key)
        if self.contacts and self.contacts[0].surface in FREE_SURFACES:
            raise PydanticCustomError(
                "figure_rule",
                "the first contact places the figure, so it must rest on a surface with a "
                "height, not on a {surface}; list it later",
                {"surface": self.contacts[0].surface, "field": "contacts"},
            )
        return self


class Figure(Model):
    """How the exercise moves, drawn from data: a view and at least a start and an end
    pose, moved through at the exercise's tempo. The equipment drawn is the exercise's
    first kit. The first contact of every pose places the figure; every later contact
    must land on its surface within 2 cm."""

    view: View = Field(
        description="side (facing right), or front for side-to-side work such as side-lying "
        "hip abduction and the Copenhagen plank."
    )
    rep_starts: RepStarts = Field(
        description="Which end of the rep the start pose is: top (a squat or hinge starts "
        "standing: lower, pause, lift, pause) or bottom (a hip thrust or calf raise: lift, "
        "pause, lower, pause)."
    )
    load_at: LoadAt = Field(
        default="hands",
        description="Where a carried load of the first kit sits (barbell, dumbbell, "
        "kettlebell, weight plate, backpack): hands, near-hand, far-hand, upper-back (a "
        "barbell on the back), hip-crease, lap or near-foot (a kettlebell hooked over the "
        "working foot).",
    )
    dynamic: bool = Field(
        default=False,
        description="True for hops, skips and bounds: the poses are moments of a movement, "
        "so they are not checked for balance.",
    )
    working: FrontSide = Field(
        default="left", description="Front view: the side drawn solid and tinted."
    )
    poses: Annotated[tuple[Pose, ...], Field(min_length=2, max_length=6)] = Field(
        description="start, any poses passed through, end; the figure moves through them "
        "in order at the exercise's tempo."
    )

    @model_validator(mode="after")
    def _poses(self) -> Figure:
        names = [pose.name for pose in self.poses]
        if names[0] != "start" or names[-1] != "end":
            raise PydanticCustomError(
                "figure_rule",
                "the first pose must be named start and the last end (got {first} ... {last})",
                {"first": names[0], "last": names[-1], "field": "poses"},
            )
        if len(set(names)) != len(names):
            raise PydanticCustomError(
                "figure_rule",
                "pose names must differ: {names}",
                {"names": ", ".join(names), "field": "poses"},
            )
        anchors = {
            (p.contacts[0].body, p.contacts[0].surface, p.contacts[0].point)
            for p in self.poses
            if p.contacts
        }
        if not anchors:
            raise PydanticCustomError(
                "figure_rule",
                "at least one pose must rest on something; every pose is a flight",
                {"field": "poses"},
            )
        if len(anchors) > 1:
            found = "; ".join(f"{b} on the {s}" for b, s, _ in sorted(anchors, key=str))
            raise PydanticCustomError(
                "figure_rule",
                "every pose that rests on something must list the same contact first (it "
                "places the figure, which must not jump between poses); found {found}",
                {"found": found, "field": "poses"},
            )
        return self

    def anchor(self) -> Contact:
        """The first contact of the first pose that has one: it places the figure."""
        return next(pose.contacts[0] for pose in self.poses if pose.contacts)
