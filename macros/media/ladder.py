"""A ladder drawn left to right: where each rung sits, and the arrows between them.

The rungs are the exercises joined by ``harder`` steps; a rung's column is how many steps
it stands above the easiest rung, so a branch (one exercise with two harder ones) shows as
a fork. Rows follow the rungs they come from, so an arrow runs as straight as it can. The
page draws each rung as an HTML link placed on a grid, and the arrows as one decorative
SVG behind them, in the same units (tenths of a rem), so text stays text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

BOX_WIDTH = 82
BOX_HEIGHT = 46
COLUMN_GAP = 18
ROW_GAP = 8
"""Sizes in tenths of a rem: a rung is 8.2 rem wide and 4.6 rem tall, so three rungs fit
the content column beside Material's sidebars, and a phone scrolls sideways."""


@dataclass(frozen=True)
class Placed:
    id: str
    column: int
    row: int


@dataclass(frozen=True)
class LadderLayout:
    rungs: tuple[Placed, ...]
    columns: int
    rows: int
    arrows: str
    """The arrows as an inline, decorative ``<svg>``."""

    @property
    def width_rem(self) -> float:
        return (self.columns * BOX_WIDTH + (self.columns - 1) * COLUMN_GAP) / 10

    @property
    def grid_style(self) -> str:
        """The CSS that sizes the grid exactly as the arrows were drawn."""
        return (
            f"width: {self.width_rem:g}rem; height: {self.height_rem:g}rem; "
            f"grid-template-columns: repeat({self.columns}, {BOX_WIDTH / 10:g}rem); "
            f"grid-template-rows: repeat({self.rows}, {BOX_HEIGHT / 10:g}rem); "
            f"column-gap: {COLUMN_GAP / 10:g}rem; row-gap: {ROW_GAP / 10:g}rem;"
        )

    @property
    def height_rem(self) -> float:
        return (self.rows * BOX_HEIGHT + (self.rows - 1) * ROW_GAP) / 10


def layout(
    names: Mapping[str, str], depths: Mapping[str, int], steps: Sequence[tuple[str, str]]
) -> LadderLayout:
    """Place every rung (``names``: id → name; ``depths``: id → column) and draw every step
    (easier id, harder id)."""
    easier: dict[str, list[str]] = {rung: [] for rung in names}
    for low, high in steps:
        easier[high].append(low)
    rows: dict[str, int] = {}
    columns = max(depths.values()) + 1
    for column in range(columns):
        here = [rung for rung in names if depths[rung] == column]

        def wanted(rung: str) -> float:
            placed = [rows[low] for low in easier[rung] if low in rows]
            return sum(placed) / len(placed) if placed else 0.0

        here.sort(key=lambda rung: (wanted(rung), names[rung]))
        last = -1
        for rung in here:
            rows[rung] = max(round(wanted(rung)), last + 1)
            last = rows[rung]
    placed = tuple(Placed(rung, depths[rung], rows[rung]) for rung in names)
    total_rows = max(rows.values()) + 1
    return LadderLayout(placed, columns, total_rows, _arrows(placed, steps, columns, total_rows))


def _arrows(
    placed: Sequence[Placed], steps: Sequence[tuple[str, str]], columns: int, rows: int
) -> str:
    where = {rung.id: rung for rung in placed}
    width = columns * BOX_WIDTH + (columns - 1) * COLUMN_GAP
    height = rows * BOX_HEIGHT + (rows - 1) * ROW_GAP
    svg = ET.Element(
        "svg",
        {
            "class": "lw-ladder__arrows",
            "aria-hidden": "true",
            "focusable": "false",
            "viewBox": f"0 0 {width} {height}",
        },
    )
    for low, high in steps:
        start, end = where[low], where[high]
        x1 = start.column * (BOX_WIDTH + COLUMN_GAP) + BOX_WIDTH
        y1 = start.row * (BOX_HEIGHT + ROW_GAP) + BOX_HEIGHT / 2
        x2 = end.column * (BOX_WIDTH + COLUMN_GAP) - 4
        y2 = end.row * (BOX_HEIGHT + ROW_GAP) + BOX_HEIGHT / 2
        middle = (x1 + x2) / 2
        ET.SubElement(
            svg,
            "path",
            {
                "class": "lw-ladder__arrow",
                "d": f"M {x1:g} {y1:g} C {middle:g} {y1:g} {middle:g} {y2:g} {x2:g} {y2:g}",
            },
        )
        ET.SubElement(
            svg,
            "path",
            {
                "class": "lw-ladder__head",
                "d": f"M {x2 - 6:g} {y2 - 4:g} L {x2 + 1:g} {y2:g} L {x2 - 6:g} {y2 + 4:g} Z",
            },
        )
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)
