"""What the technique figures cost: checking and drawing every figure in data/.

For each exercise with a figure, times the physical checks (``figure_errors``) and the
page's SVG (``figures.technique_svg``), over several rounds, and prints the median per
figure, the slowest figure and the size of the SVG each page inlines, raw and gzipped.
Then the cost of a contact that misses (the search for the angle that would land it): each
golden figure case in ``tests/cases/`` checked, with the time and the number of poses
placed.

    .venv/bin/python benchmarks/figures.py [--rounds N]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from macros.data.figures import geometry
from macros.data.figures.model import Figure
from macros.data.figures.validation import figure_errors
from macros.data.loader import load_library
from macros.media import figures

ROOT = Path(__file__).resolve().parent.parent


def main(rounds: int) -> None:
    library = load_library(ROOT / "data")
    entries = [e for e in library.exercises.values() if e.figure is not None]
    check: dict[str, list[float]] = {e.id: [] for e in entries}
    draw: dict[str, list[float]] = {e.id: [] for e in entries}
    sizes: dict[str, int] = {}
    packed: dict[str, int] = {}
    for _ in range(rounds):
        for e in entries:
            start = time.perf_counter()
            figure_errors(e.figure)
            check[e.id].append(time.perf_counter() - start)
            start = time.perf_counter()
            svg = figures.technique_svg(
                e.figure, e.tempo, e.kits[0], title=e.name, desc="", id_prefix="f"
            )
            draw[e.id].append(time.perf_counter() - start)
            sizes[e.id] = len(svg.encode())
            packed[e.id] = len(gzip.compress(svg.encode(), 9))
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
        f" largest {max(sizes, key=sizes.get)} {max(sizes.values()) / 1000:.1f} kB;"
        f" gzip median {statistics.median(packed.values()) / 1000:.2f} kB,"
        f" largest {max(packed, key=packed.get)} {max(packed.values()) / 1000:.2f} kB,"
        f" all {sum(packed.values()) / 1000:.1f} kB"
    )


def misses(rounds: int) -> None:
    """Time the checks of each golden case whose figure has a contact that misses."""
    sys.path.insert(0, str(ROOT))
    from tests.golden import CASES, build_case, load_case

    for case_file in sorted(CASES.glob("figure-*.yml")):
        with tempfile.TemporaryDirectory() as scratch:
            data = build_case(load_case(case_file), Path(scratch))
            for path in sorted((data / "exercises").glob("*.yml")):
                raw = yaml.safe_load(path.read_text(encoding="utf-8"))
                try:
                    figure = Figure.model_validate(raw.get("figure"))
                except ValueError:
                    continue
                if not any("cm off" in m or "wall moves" in m for _, m in figure_errors(figure)):
                    continue
                placed = 0
                place = geometry._place_root

                def counting(*args, place=place, **kwargs):  # type: ignore[no-untyped-def]
                    nonlocal placed
                    placed += 1
                    return place(*args, **kwargs)

                geometry._place_root = counting
                try:
                    times = []
                    for _ in range(rounds):
                        start = time.perf_counter()
                        figure_errors(figure)
                        times.append(time.perf_counter() - start)
                finally:
                    geometry._place_root = place
                print(
                    f" miss: {case_file.stem} ({path.stem}): median"
                    f" {1000 * statistics.median(times):.0f} ms, {placed // rounds} poses placed"
                )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    main(rounds)
    misses(rounds)
