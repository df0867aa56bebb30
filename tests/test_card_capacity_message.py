"""The card capacity error names the part of the card that takes the most room, and points
at the field that makes it tall, as the README promises. (Within the data's limits the
blocks are the tallest part of any card that overflows; the check still measures.)"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.data import card
from macros.data.errors import DataErrors
from macros.data.loader import load_library
from tests.conftest import DATA, computed_minutes, dump_yaml, raw_yaml

LONG_LINE = "Walk, then skip, then jog lightly, easing into the run that follows it"


def test_the_error_names_the_tallest_part_and_its_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    # One block and a long warm-up, on a card no programme uses (its weeks would dose the
    # other blocks); it points nowhere, so no card after it misses the blocks cut (a card that
    # points to it asks no more of a runner for having fewer blocks).
    used = {
        card["card"]
        for programme in (data_dir / "programmes").glob("*.yml")
        for week in raw_yaml(programme)["weeks"]
        for card in week["cards"]
    }
    path = next(p for p in sorted((data_dir / "sessions").glob("*.yml")) if p.stem not in used)
    session = raw_yaml(path)
    session["blocks"] = session["blocks"][:1]
    session.pop("next", None)
    session["warm_up"] = [{"text": LONG_LINE[:70], "minutes": 3}] * 3
    session["duration_minutes"] = computed_minutes(session, data_dir)
    path.write_text(dump_yaml(session), encoding="utf-8")
    library = load_library(data_dir)  # fits an A4 page: valid
    parts = card.card_height(library, library.sessions[path.stem]).parts
    grown = ("head", "warm-up", "blocks", "progress", "finish", "notes")
    tallest = max((p for p in grown if p in parts), key=parts.__getitem__)
    # A page smaller than the card: the same data no longer fits.
    monkeypatch.setattr(card, "PAGE_HEIGHT", card.MARGIN + sum(parts.values()) - 1)
    with pytest.raises(DataErrors) as caught:
        load_library(data_dir)
    field = {"head": "title", "warm-up": "warm_up", "progress": "progression"}.get(tallest, tallest)
    assert re.search(
        rf"{path.name}:\d+: {field}: the printed card would need \d+ mm but one page holds "
        rf"\d+ mm \({tallest} takes {parts[tallest]:.0f} mm\)",
        caught.value.report(),
    ), caught.value.report()
