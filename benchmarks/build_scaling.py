"""How build time grows with the number of exercises (the nav must keep it linear).

Copies the real project into a temporary directory, multiplies the exercises into N
synthetic ones (spread over the four patterns, so the navigation stays sectioned and
pruned), runs a real strict build, and prints seconds per build and per page, as the wall
clock and as processor time (the figure to compare on a busy machine).

    .venv/bin/python benchmarks/build_scaling.py [N ...]      (default: 20 200 800)
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def make_project(target: Path, count: int) -> Path:
    for name in ("mkdocs.yml", "docs", "overrides", "macros"):
        (target / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "data", target / "data")
    originals = [  # tests are on no ladder, so only exercises are multiplied
        path
        for path in sorted((ROOT / "data" / "exercises").glob("*.yml"))
        if yaml.safe_load(path.read_text(encoding="utf-8")).get("kind", "exercise") == "exercise"
    ]
    copies: dict[str, list[str]] = {}
    for index in range(max(0, count - len(originals))):
        source = yaml.safe_load(originals[index % len(originals)].read_text(encoding="utf-8"))
        exercise_id = f"synthetic-{index}"
        copies.setdefault(source["id"], []).append(exercise_id)
        source.update(id=exercise_id, name=f"Synthetic exercise {index}", harder=[])
        source.pop("harder_from", None)  # a copy has no harder rung to start alongside
        (target / "data" / "exercises" / f"{exercise_id}.yml").write_text(
            yaml.safe_dump(source, sort_keys=False), encoding="utf-8"
        )
    coaching = target / "data" / "coaching.yml"
    rules = yaml.safe_load(coaching.read_text(encoding="utf-8"))
    coaching.write_text(yaml.safe_dump(with_copies(rules, copies), sort_keys=False), "utf-8")
    return target


def with_copies(value: Any, copies: dict[str, list[str]]) -> Any:
    """The coaching rules with each copy listed wherever its original is (the heel-raise
    gate, the plantar heel pain warning), so the copies pass the same cross-data checks."""
    if isinstance(value, dict):
        return {key: with_copies(item, copies) for key, item in value.items()}
    if isinstance(value, list):
        listed = [with_copies(item, copies) for item in value]
        return listed + [c for item in value if isinstance(item, str) for c in copies.get(item, [])]
    return value


def build_seconds(project: Path) -> tuple[float, float, int, int]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = project / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    start, processor = time.perf_counter(), time.process_time()
    build(config)
    seconds, processor = time.perf_counter() - start, time.process_time() - processor
    pages = sum(1 for _ in site.rglob("index.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return seconds, processor, pages, size


def main(counts: list[int]) -> None:
    os.environ.setdefault("LEGWORK_PDFS", "false")
    print(
        f"{'exercises':>10} {'pages':>6} {'build s':>8} {'ms/page':>8} "
        f"{'CPU s':>8} {'CPU ms/page':>12} {'site MB':>8}"
    )
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_project(Path(tmp), count)
            seconds, processor, pages, size = build_seconds(project)
        print(
            f"{count:>10} {pages:>6} {seconds:>8.1f} {1000 * seconds / pages:>8.1f} "
            f"{processor:>8.1f} {1000 * processor / pages:>12.1f} {size / 1e6:>8.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [20, 200, 800])
