"""Link-preview images: one card per page that needs one, every card a 1200×630 PNG whose
text stays on the canvas, and a cache that re-renders only what changed."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pytest
from PIL import Image, ImageColor

from macros.data.loader import load_library
from macros.media import previews
from macros.media.previews import SAFE_AREA, PreviewSpec, layout
from macros.site.plan import preview_specs
from tests.conftest import DATA, data_ids, exercise_ids, raw_yaml

LONG_TITLES = [
    "Dumbbell rear-foot-elevated split squat with a long pause at the bottom of every rep",
    "A " * 120 + "title",
    "Supercalifragilisticexpialidocious" * 4,
    "Rear-foot-elevated-split-squat-with-a-tempo-lowering-and-a-pause-at-the-bottom",
    "Hébert–Losier × Ærø: soleus emphasis — 6–8 reps",
    "W" * 200,
]
LONG_SUBTITLE = "Split squat · " + ", ".join(["Abdominals and core"] * 12)


@pytest.fixture(scope="module")
def specs() -> list[PreviewSpec]:
    return preview_specs(load_library(DATA))


@pytest.fixture(scope="module")
def rendered(specs, tmp_path_factory) -> tuple[Path, Path, dict[str, int]]:
    """All cards rendered once into a fresh output and cache directory."""
    root = tmp_path_factory.mktemp("previews")
    counts = previews.render_previews(specs, root / "site", root / "cache")
    return root / "site", root / "cache", counts


def inside(box: tuple[int, int, int, int], area: tuple[int, int, int, int]) -> bool:
    return area[0] <= box[0] <= box[2] <= area[2] and area[1] <= box[1] <= box[3] <= area[3]


def overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- Which cards exist. -------------------------------------------------------------


def test_one_card_per_exercise_muscle_and_session_plus_a_default(specs) -> None:
    muscles = [m["id"] for m in raw_yaml(DATA / "muscles.yml")["muscles"]]
    expected = ["assets/previews/site.png"]
    expected += [f"assets/previews/exercises/{i}.png" for i in exercise_ids()]
    expected += [f"assets/previews/exercises/{i}.png" for i in exercise_ids("assessment")]
    expected += [f"assets/previews/muscles/{i}.png" for i in muscles]
    expected += [f"assets/previews/sessions/{i}.png" for i in data_ids("sessions")]
    expected += [f"assets/previews/programmes/{i}.png" for i in data_ids("programmes")]
    assert [spec.path for spec in specs] == expected
    for spec in specs[1:]:
        kind, page_id = re.fullmatch(r"assets/previews/(\w+)/(.+)\.png", spec.path).groups()
        assert spec.page == f"{kind}/{page_id}/"


def test_cards_say_what_the_page_is(specs) -> None:
    by_path = {spec.path: spec for spec in specs}
    calf = by_path["assets/previews/exercises/bent-knee-calf-raise.png"]
    assert (calf.title, calf.subtitle) == (
        "Bent-knee calf raise",
        "Calf raise · Soleus, Gastrocnemius",
    )
    soleus = by_path["assets/previews/muscles/soleus.png"]
    assert (soleus.title, soleus.subtitle) == ("Soleus", "Deep lower calf · Lower leg")
    session = by_path["assets/previews/sessions/beginner-foundations.png"]
    assert (session.title, session.subtitle) == ("Beginner foundations", "Beginner · 40 minutes")


def test_alt_text_is_a_plain_sentence(specs) -> None:
    for spec in specs:
        assert spec.title in spec.alt
        assert spec.alt.endswith(".") and "·" not in spec.alt


# --- Rendering and the cache. -------------------------------------------------------


def test_every_card_is_a_1200_by_630_png(specs, rendered) -> None:
    site, _, counts = rendered
    assert counts == {"rendered": len(specs), "reused": 0}
    for spec in specs:
        with Image.open(site / spec.path) as image:
            assert image.format == "PNG"
            assert image.size == (1200, 630)


def test_card_shows_the_title_and_nothing_outside_the_margins(specs, rendered) -> None:
    site = rendered[0]
    background = ImageColor.getrgb(previews.BACKGROUND)
    white = ImageColor.getrgb(previews.TEXT)
    for spec in specs:
        with Image.open(site / spec.path) as image:
            image = image.convert("RGB")
            title = layout(spec.title, spec.subtitle, figure=spec.figure is not None).lines[1]
            colours = {c for _, c in image.crop(title.bbox).getcolors(maxcolors=1 << 16)}
            assert white in colours, spec.path
            assert_margins_empty(image, background)


def assert_margins_empty(image: Image.Image, background: tuple[int, ...]) -> None:
    left, top, right, bottom = SAFE_AREA
    for strip in [
        (0, 0, image.width, top),
        (0, bottom, image.width, image.height),
        (0, 0, left, image.height),
        (right, 0, image.width, image.height),
    ]:
        assert image.crop(strip).getcolors() == [(_area(strip), background)], strip


def _area(box: tuple[int, int, int, int]) -> int:
    return (box[2] - box[0]) * (box[3] - box[1])


def test_second_render_reuses_every_card(specs, rendered) -> None:
    site, cache, _ = rendered
    before = {spec.path: (site / spec.path).read_bytes() for spec in specs}
    assert previews.render_previews(specs, site, cache) == {"rendered": 0, "reused": len(specs)}
    assert {spec.path: (site / spec.path).read_bytes() for spec in specs} == before


def test_changing_a_title_re_renders_only_that_card(specs, rendered) -> None:
    site, cache, _ = rendered
    changed = list(specs)
    changed[3] = dataclasses.replace(specs[3], title=specs[3].title + " (renamed)")
    assert changed[3].key() != specs[3].key()
    before = (site / specs[3].path).read_bytes()
    assert previews.render_previews(changed, site, cache) == {
        "rendered": 1,
        "reused": len(specs) - 1,
    }
    assert (site / specs[3].path).read_bytes() != before
    assert (cache / f"{changed[3].key()}.png").read_bytes() == (site / specs[3].path).read_bytes()


def test_key_depends_on_the_text_only() -> None:
    spec = PreviewSpec("a.png", "a/", "Split squat", "Split squat · Quadriceps")
    assert spec.key() == PreviewSpec("b.png", "b/", "Split squat", "Split squat · Quadriceps").key()
    assert spec.key() != dataclasses.replace(spec, subtitle="Split squat · Adductors").key()
    assert re.fullmatch(r"[0-9a-f]{64}", spec.key())


def test_equal_input_gives_equal_bytes() -> None:
    spec = PreviewSpec("a.png", "a/", "Romanian deadlift", "Hip hinge · Hamstrings")
    assert previews.render_png(spec) == previews.render_png(dataclasses.replace(spec))


def test_duplicate_output_paths_are_refused(specs, tmp_path) -> None:
    with pytest.raises(ValueError, match="more than one preview"):
        previews.render_previews([specs[0], specs[0]], tmp_path / "site", tmp_path / "cache")


# --- Layout: text wraps, shrinks, and never leaves the canvas. ----------------------


def assert_fits(title: str, subtitle: str, figure: bool = False) -> None:
    placed = layout(title, subtitle, figure)
    boxes = placed.boxes()
    for box in boxes:
        assert inside(box, SAFE_AREA), (title, box)
        if figure:
            assert not overlap(box, previews.FIGURE_BOX), (title, box)
    for index, box in enumerate(boxes):
        for other in boxes[index + 1 :]:
            assert not overlap(box, other), (title, box, other)


def test_real_cards_fit_without_losing_text(specs) -> None:
    for spec in specs:
        figure = spec.figure is not None
        assert_fits(spec.title, spec.subtitle, figure)
        lines = layout(spec.title, spec.subtitle, figure).lines[1:]
        shown = "".join(line.text for line in lines)
        assert re.sub(r"\s", "", shown) == re.sub(r"\s", "", spec.title + spec.subtitle)


@pytest.mark.parametrize("title", LONG_TITLES)
def test_long_titles_fit(title) -> None:
    assert_fits(title, "Split squat · Quadriceps")
    assert_fits(title, LONG_SUBTITLE)
    assert_fits(title, LONG_SUBTITLE, figure=True)


def test_long_titles_shrink_wrap_then_cut() -> None:
    short = layout("Split squat", "Split squat · Quadriceps").lines[1]
    long = layout(LONG_TITLES[0], "Split squat · Quadriceps").lines[1:]
    assert long[0].size < short.size
    assert len([line for line in long if line.size == long[0].size]) > 1  # wrapped
    cut = layout(LONG_TITLES[1], LONG_SUBTITLE).lines[1:]
    assert cut[previews.TITLE_MAX_LINES - 1].text.endswith("…")


@pytest.mark.parametrize("title", LONG_TITLES)
def test_long_title_renders_inside_the_margins(title) -> None:
    spec = PreviewSpec("a.png", "a/", title, LONG_SUBTITLE)
    with Image.open(io.BytesIO(previews.render_png(spec))) as image:
        assert image.size == (1200, 630)
        assert_margins_empty(image.convert("RGB"), ImageColor.getrgb(previews.BACKGROUND))


def test_every_drawn_character_is_in_the_font(specs) -> None:
    texts = [(spec.title, spec.subtitle) for spec in specs] + [(t, "x") for t in LONG_TITLES]
    for title, subtitle in texts:
        for line in layout(title, subtitle).lines:
            missing = [c for c in line.text if not previews.has_glyph(c)]
            assert not missing, (line.text, missing)


def test_characters_the_font_lacks_are_folded() -> None:
    assert previews.printable("Hébert–Losier × 6—8 Ærø") == "Hebert-Losier x 6-8 AEro"
    assert previews.printable("Run 漢") == "Run ?"
    assert not previews.has_glyph("é")  # if this fails, Pillow's font grew: drop the fold
