"""The muscle map: the body map's geometry drawn as one inline SVG, front and back.

Every muscle is one link (``<a>``) holding all its shapes, each shape marked with
``data-muscle`` and, where the page gives it one, ``data-role`` (``primary``,
``secondary``, ``stabiliser`` on an exercise page, ``focus`` on a muscle page). Roles differ
by more than colour: a solid fill, a hatched fill, a dashed outline (the stylesheet gives
the colours, for light, dark and print). The SVG is a ``role="group"`` named by its
``<title>`` and described by a ``<desc>`` that lists the muscles by role, so a screen
reader hears the same as a sighted reader sees, and every link keeps its own name. Ids
carry a prefix, so several maps or figures can share a page. Built with ElementTree, so
every text and attribute is escaped.

The geometry, the same on every map (the body outlines, their details and view titles, and
each muscle's shapes), is one shared file, :func:`shared_svg`, which the browser fetches once
and caches. A page's map holds only what differs: each muscle's link with one ``<use>``
pointing at its shapes in that file, carrying ``data-muscle``, ``data-role`` and the role's
class (and, for a secondary muscle, a second ``<use>`` with the hatch), and the title and
description. Colours reach the shared shapes through inheritance (a muscle takes its
``<use>`` element's fill and stroke) and custom properties (the outlines), so light, dark
and print themes apply as before.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from macros.data.models import BodyMap, MapShape

GAP = 24
"""Space between the front and the back view, in map units."""
LABEL_BAND = 22
"""Room above the views for their titles."""
BODIES_ID = "lw-bodies"
"""The id of the bodies (outlines, details, view titles) in the shared file."""
BODY_STYLE = "fill:var(--lw-map-body);stroke:var(--lw-map-body-line);stroke-width:1"
DETAIL_STYLE = "fill:none;stroke:var(--lw-map-body-line);stroke-width:0.6"
LABEL_STYLE = "fill:var(--md-default-fg-color);font-size:13px;font-weight:700"
"""The shared file's colours: custom properties, which the ``<use>`` element passes on from
the page (light, dark, print), as the stylesheet's rules cannot reach into the file."""

_TOKEN = re.compile(r"[MLCQZ]|-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class MapMuscle:
    id: str
    name: str
    href: str
    role: str | None = None
    """``primary``, ``secondary``, ``stabiliser``, ``focus``, or None (drawn plain)."""


def mirrored(path: str, width: float) -> str:
    """The path reflected across the view's centre line: every x becomes ``width - x``."""
    out: list[str] = []
    coordinate = 0
    for token in _TOKEN.findall(path):
        if token.isalpha():
            out.append(token)
            coordinate = 0
            continue
        value = float(token)
        if coordinate % 2 == 0:
            value = width - value
        coordinate += 1
        out.append(f"{value:g}")
    return " ".join(out)


def placement(body: BodyMap, view: str) -> dict[str, str]:
    """Where a view's shapes go: side by side, under the band of view titles."""
    offsets = {v.id: index * (body.width + GAP) for index, v in enumerate(body.views)}
    return {"transform": f"translate({offsets[view]} {LABEL_BAND})"}


def muscle_ref(muscle_id: str) -> str:
    """The id of a muscle's plain drawing in the shared file."""
    return f"lw-m-{muscle_id}"


def muscle_paths(body: BodyMap, muscle_id: str) -> list[tuple[MapShape, str]]:
    """Every shape of a muscle with its path, a mirrored shape twice (left and right)."""
    return [
        (shape, d)
        for shape in body.shapes
        if shape.muscle == muscle_id
        for d in ((shape.d, mirrored(shape.d, body.width)) if shape.mirror else (shape.d,))
    ]


def shared_svg(body: BodyMap) -> str:
    """The parts every map draws the same, as one standalone SVG file: the bodies (view
    titles, outlines and their details, coloured through custom properties the page's
    stylesheet sets), and each muscle drawn plain as a group with an id, without colours of
    its own, so it takes the fill and stroke of the ``<use>`` that shows it."""
    width, height = viewbox(body)
    svg = ET.Element(
        "svg",
        {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {width} {height}"},
    )
    bodies = ET.SubElement(svg, "g", {"id": BODIES_ID})
    for index, view in enumerate(body.views):
        label = ET.SubElement(
            bodies,
            "text",
            {
                "x": f"{index * (body.width + GAP) + body.width / 2:g}",
                "y": "15",
                "text-anchor": "middle",
                "style": LABEL_STYLE,
            },
        )
        label.text = view.title
        where = placement(body, view.id)
        ET.SubElement(bodies, "path", {"d": view.outline, "style": BODY_STYLE, **where})
        for detail in view.details:
            ET.SubElement(bodies, "path", {"d": detail, "style": DETAIL_STYLE, **where})
    for muscle_id in dict.fromkeys(shape.muscle for shape in body.shapes):
        group = ET.SubElement(svg, "g", {"id": muscle_ref(muscle_id)})
        for shape, d in muscle_paths(body, muscle_id):
            ET.SubElement(group, "path", {"d": d, **placement(body, shape.view)})
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True) + "\n"


def viewbox(body: BodyMap) -> tuple[int, int]:
    count = len(body.views)
    return count * body.width + (count - 1) * GAP, body.height + LABEL_BAND


def muscle_map_svg(
    body: BodyMap,
    muscles: Sequence[MapMuscle],
    *,
    id_prefix: str,
    title: str,
    description: str,
    shared_href: str,
) -> str:
    """The map as an inline ``<svg class="lw-muscle-map">``; ``muscles`` are the catalogue,
    in any order (a muscle the body map does not draw is an error the data checks catch).
    ``shared_href`` is the address of :func:`shared_svg`'s file from the page."""
    width, height = viewbox(body)
    svg = ET.Element(
        "svg",
        {
            "class": "lw-muscle-map",
            "role": "group",
            "aria-labelledby": f"{id_prefix}-title",
            "aria-describedby": f"{id_prefix}-desc",
            "viewBox": f"0 0 {width} {height}",
        },
    )
    ET.SubElement(svg, "title", {"id": f"{id_prefix}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{id_prefix}-desc"}).text = description
    pattern = ET.SubElement(
        ET.SubElement(svg, "defs"),
        "pattern",
        {
            "id": f"{id_prefix}-hatch",
            "width": "5",
            "height": "5",
            "patternUnits": "userSpaceOnUse",
            "patternTransform": "rotate(45)",
        },
    )
    ET.SubElement(
        pattern,
        "line",
        {"class": "lw-muscle-map__hatch-line", "x1": "0", "y1": "0", "x2": "0", "y2": "5"},
    )

    ET.SubElement(
        svg,
        "use",
        {
            "class": "lw-muscle-map__bodies",
            "href": f"{shared_href}#{BODIES_ID}",
            "aria-hidden": "true",
        },
    )

    by_id = {muscle.id: muscle for muscle in muscles}
    order = list(dict.fromkeys(shape.muscle for shape in body.shapes))
    for muscle_id in order:
        muscle = by_id.get(muscle_id)
        if muscle is None:
            continue
        role_words = f", {muscle.role}" if muscle.role and muscle.role != "focus" else ""
        link = ET.SubElement(
            svg,
            "a",
            {
                "href": muscle.href,
                "class": "lw-muscle-map__link",
                "aria-label": f"{muscle.name}{role_words}",
            },
        )
        shared = f"{shared_href}#{muscle_ref(muscle_id)}"
        role_class = f" lw-muscle-map__muscle--{muscle.role}" if muscle.role else ""
        shape = {"class": f"lw-muscle-map__muscle{role_class}", "href": shared}
        shape["data-muscle"] = muscle_id
        if muscle.role:
            shape["data-role"] = muscle.role
        ET.SubElement(link, "use", shape)
        if muscle.role == "secondary":
            hatch = {"class": "lw-muscle-map__hatch", "href": shared}
            ET.SubElement(link, "use", {**hatch, "fill": f"url(#{id_prefix}-hatch)"})
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)
