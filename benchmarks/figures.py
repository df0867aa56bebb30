"""What the technique figures cost: checking and drawing every figure in data/.

For each exercise with a figure, times the physical checks (``posing.figure_errors``) and
the page's SVG (``figures.technique_svg``), over several rounds, and prints the median per
figure, the slowest figure and the size of the SVG each page inlines.

    .venv/bin/python benchmarks/figures.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from macros.data import posing
from macros.data.loader import load_library
from macros.media import figures

ROOT = Path(__file__).resolve().parent.parent


def main(rounds: int) -> None:
    library = load_library(ROOT / "data")
    entries = [e for e in library.exercises.values() if e.figure is not None]
    check: dict[str, list[float]] = {e.id: [] for e in entries}
    draw: dict[str, list[float]] = {e.id: [] for e in entries}
    sizes: dict[str, int] = {}
    for _ in range(rounds):
        for e in entries:
            start = time.perf_counter()
            posing.figure_errors(e.figure)
            check[e.id].append(time.perf_counter() - start)
            start = time.perf_counter()
            svg = figures.technique_svg(
                e.figure, e.tempo, e.kits[0], title=e.name, desc="", id_prefix="f"
            )
            draw[e.id].append(time.perf_counter() - start)
            sizes[e.id] = len(svg.encode())
    for name, table in (("check", check), ("draw", draw)):
        medians = {i: statistics.median(t) for i, t in table.items()}
        slowest = max(medians, key=medians.get)
        typical = 1000 * statistics.median(medians.values())
        print(
            f"{name:>5}: {len(medians)} figures, median {typical:.1f} ms"
            f" per figure, slowest {slowest} {1000 * medians[slowest]:.1f} ms,"
            f" all {1000 * sum(medians.values()):.0f} ms"
        )
    print(
        f"  svg: median {statistics.median(sizes.values()) / 1000:.1f} kB,"
        f" largest {max(sizes, key=sizes.get)} {max(sizes.values()) / 1000:.1f} kB"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    main(parser.parse_args().rounds)
