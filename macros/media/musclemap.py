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
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from macros.data.models import BodyMap

GAP = 24
"""Space between the front and the back view, in map units."""
LABEL_BAND = 22
"""Room above the views for their titles."""

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
) -> str:
    """The map as an inline ``<svg class="lw-muscle-map">``; ``muscles`` are the catalogue,
    in any order (a muscle the body map does not draw is an error the data checks catch)."""
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
    offsets = {view.id: index * (body.width + GAP) for index, view in enumerate(body.views)}

    def placed(view: str) -> dict[str, str]:
        return {"transform": f"translate({offsets[view]} {LABEL_BAND})"}

    bodies = ET.SubElement(svg, "g", {"class": "lw-muscle-map__bodies", "aria-hidden": "true"})
    for view in body.views:
        label = ET.SubElement(
            bodies,
            "text",
            {
                "class": "lw-muscle-map__label",
                "x": str(offsets[view.id] + body.width / 2),
                "y": "15",
                "text-anchor": "middle",
            },
        )
        label.text = view.title
        ET.SubElement(
            bodies, "path", {"class": "lw-muscle-map__body", "d": view.outline, **placed(view.id)}
        )
        for detail in view.details:
            ET.SubElement(
                bodies, "path", {"class": "lw-muscle-map__detail", "d": detail, **placed(view.id)}
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
        paths = [
            (shape, d)
            for shape in body.shapes
            if shape.muscle == muscle_id
            for d in ((shape.d, mirrored(shape.d, body.width)) if shape.mirror else (shape.d,))
        ]
        role_class = f" lw-muscle-map__muscle--{muscle.role}" if muscle.role else ""
        for shape, d in paths:
            attributes = {
                "class": f"lw-muscle-map__muscle{role_class}",
                "d": d,
                "data-muscle": muscle_id,
                **placed(shape.view),
            }
            if muscle.role:
                attributes["data-role"] = muscle.role
            ET.SubElement(link, "path", attributes)
        if muscle.role == "secondary":
            for shape, d in paths:
                ET.SubElement(
                    link,
                    "path",
                    {
                        "class": "lw-muscle-map__hatch",
                        "d": d,
                        "fill": f"url(#{id_prefix}-hatch)",
                        **placed(shape.view),
                    },
                )
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)
