"""Technique figures as a runner meets them: every exercise page opens with a figure drawn
from its data, whose drawn joints bend exactly as the data says and whose contacts sit on
their surfaces; it moves at the exercise's tempo, and stands still, poses side by side, for
a reader who asks for reduced motion and on paper; every printed session card shows each
exercise's start and end. The geometry is read from the SVG the site emits and the angles
from the raw YAML, never from the code under test."""

from __future__ import annotations

import dataclasses
import gzip
import io
import itertools
import math
import re
from pathlib import Path

import pdfplumber
import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageColor

from tests.conftest import DATA, ROOT, data_ids, page, raw_yaml

ARTIFACTS = ROOT / "test-artifacts"
RAW = {i: raw_yaml(DATA / "exercises" / f"{i}.yml") for i in data_ids("exercises")}
EXERCISES = [i for i, raw in RAW.items() if raw.get("kind", "exercise") == "exercise"]
FIGURED = [i for i in EXERCISES if RAW[i].get("figure")]
"""Every exercise (an assessment may have a figure too, on its own page)."""
SESSIONS = data_ids("sessions")
DEGREES = 1.0
"""How far a drawn angle may be from the data's."""
CM = 2.0
"""How far a contact may be from its surface line (the SVG's user unit is 1 cm)."""
SURFACE_HEIGHTS = {
    "floor": 0,
    "bench": 45,
    "box-or-step": 20,
    "box": 40,
    "machine-seat": 45,
    "machine-platform": 20,
    "support": 80,
}
"""The documented height of each level surface's top (README, "Technique figures")."""
PAIRS = {"both-feet": "foot", "both-knees": "knee", "hands": "hand"}

Segment = tuple[float, float, float, float]


def figure_svg(site: Path, exercise_id: str):
    soup = page(site, f"exercises/{exercise_id}/")
    figures = soup.select("figure.lw-technique")
    assert len(figures) == 1, f"{exercise_id}: expected one technique figure"
    svgs = figures[0].find_all("svg", recursive=False)
    assert len(svgs) == 1
    return svgs[0]


def pose_group(svg, name: str):
    groups = svg.find_all("g", attrs={"data-pose": name})
    assert len(groups) == 1, f"expected one <g data-pose={name!r}>, found {len(groups)}"
    return groups[0]


def segment(group, name: str) -> Segment:
    lines = group.find_all("line", attrs={"data-segment": name})
    assert len(lines) == 1, f"expected one line data-segment={name!r}"
    return tuple(float(lines[0][k]) for k in ("x1", "y1", "x2", "y2"))  # type: ignore[return-value]


def world(line: Segment) -> tuple[float, float]:
    """A drawn line's direction with y up (SVG's y runs down)."""
    return (line[2] - line[0], line[1] - line[3])


def signed_angle(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Degrees from ``a`` to ``b``, counter-clockwise positive."""
    cross = a[0] * b[1] - a[1] * b[0]
    return math.degrees(math.atan2(cross, a[0] * b[0] + a[1] * b[1]))


def distance_to(point: tuple[float, float], line: Segment) -> float:
    x1, y1, x2, y2 = line
    dx, dy = x2 - x1, y2 - y1
    length = dx * dx + dy * dy
    t = 0.0 if not length else ((point[0] - x1) * dx + (point[1] - y1) * dy) / length
    t = max(0.0, min(1.0, t))
    return math.hypot(point[0] - (x1 + t * dx), point[1] - (y1 + t * dy))


def touches(group, body: str, point: tuple[float, float]) -> bool:
    """Whether a contact's point lies on the outline of the body part that rests there: on
    the edge of one of its drawn segments (a stroke's half width away), within 1 cm."""
    side, _, part = body.partition("-")
    names = {
        "foot": [f"{side}-foot", f"{side}-toes"],
        "knee": [f"{side}-thigh", f"{side}-shin"],
        "hand": [f"{side}-forearm"],
        "forearm": [f"{side}-forearm"],
        "hip": ["trunk", f"{side}-thigh"],
        "back": ["trunk"],
    }.get(part, ["trunk"])
    for line in group.find_all("line", attrs={"data-segment": names}):
        ends = tuple(float(line[k]) for k in ("x1", "y1", "x2", "y2"))
        if abs(distance_to(point, ends) - float(line["stroke-width"]) / 2) <= 1.0:
            return True
    return False


def sides(figure: dict) -> tuple[str, str]:
    return ("near", "far") if figure["view"] == "side" else ("left", "right")


def angle_problems(svg, figure: dict) -> list[str]:
    """Every drawn angle that is not the data's: knee flexion (the angle between thigh and
    shin) in every pose, and in the side view the trunk's lean and the hip's flexion."""
    found = []
    for pose in figure["poses"]:
        group = pose_group(svg, pose["name"])
        trunk = world(segment(group, "trunk"))
        lean = math.degrees(math.atan2(trunk[0], trunk[1]))
        if abs(lean - pose.get("trunk", 0)) > DEGREES:
            found.append(f"{pose['name']}: trunk {lean:.1f}, data {pose.get('trunk', 0)}")
        for side in sides(figure):
            angles = pose.get(side) or {}
            thigh = world(segment(group, f"{side}-thigh"))
            shin = world(segment(group, f"{side}-shin"))
            knee = -signed_angle(thigh, shin)
            if abs(knee - angles.get("knee", 0)) > DEGREES:
                found.append(
                    f"{pose['name']}: {side} knee {knee:.1f}, data {angles.get('knee', 0)}"
                )
            if figure["view"] == "side":
                hip = signed_angle((-trunk[0], -trunk[1]), thigh)
                if abs(hip - angles.get("hip", 0)) > DEGREES:
                    found.append(
                        f"{pose['name']}: {side} hip {hip:.1f}, data {angles.get('hip', 0)}"
                    )
    return found


def contact_problems(svg, figure: dict) -> list[str]:
    """Every contact that is not drawn on its surface: each pose marks exactly the contacts
    the data lists, each on the outline of its body part and within 2 cm of a surface line
    of its kind, and every level surface stands at its documented height above the pose's
    floor."""
    found = []
    for pose in figure["poses"]:
        group = pose_group(svg, pose["name"])
        floors = group.find_all("line", attrs={"data-surface": "floor"})
        assert len(floors) == 1, f"{pose['name']}: expected one floor line"
        floor_y = float(floors[0]["y1"])
        expected = sorted(
            (body, contact["surface"])
            for contact in pose.get("contacts", [])
            for body in (
                [f"{s}-{PAIRS[contact['body']]}" for s in sides(figure)]
                if contact["body"] in PAIRS
                else [contact["body"]]
            )
        )
        markers = group.find_all("circle", attrs={"data-contact": True})
        drawn = sorted((m["data-contact"], m["data-contact-surface"]) for m in markers)
        if drawn != expected:
            found.append(f"{pose['name']}: contacts drawn {drawn}, data {expected}")
        for marker in markers:
            kind = marker["data-contact-surface"]
            lines = [
                tuple(float(line[k]) for k in ("x1", "y1", "x2", "y2"))
                for line in group.find_all("line", attrs={"data-surface": kind})
            ]
            point = (float(marker["cx"]), float(marker["cy"]))
            gap = min((distance_to(point, line) for line in lines), default=math.inf)
            if gap > CM:
                found.append(
                    f"{pose['name']}: {marker['data-contact']} {gap:.1f} cm off the {kind}"
                )
            if not touches(group, marker["data-contact"], point):
                found.append(f"{pose['name']}: {marker['data-contact']} is not on the body")
            for line in lines:
                if kind in SURFACE_HEIGHTS and line[1] == line[3]:
                    height = floor_y - line[1]
                    if abs(height - SURFACE_HEIGHTS[kind]) > 0.5:
                        found.append(f"{pose['name']}: the {kind} is {height:.1f} cm high")
    return found


# --- The figure on every exercise page, read from the built site. --------------------


def test_every_exercise_has_a_figure() -> None:
    assert len(EXERCISES) >= 15
    assert FIGURED == EXERCISES


@pytest.mark.parametrize("exercise_id", FIGURED)
def test_the_page_opens_with_the_figure_and_its_poses(site: Path, exercise_id: str) -> None:
    soup = page(site, f"exercises/{exercise_id}/")
    heading = soup.select_one("article h1")
    pictures = heading.find_next_sibling()
    assert pictures is not None and "lw-pictures" in pictures.get("class", [])
    first, second = pictures.find_all("figure", recursive=False)[:2]
    assert first["class"] == ["lw-technique"] and second["class"] == ["lw-map"]
    svg = figure_svg(site, exercise_id)
    assert svg["role"] == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert svg["aria-labelledby"] == f"{title['id']} {desc['id']}"
    assert RAW[exercise_id]["name"] in title.get_text()
    figure = RAW[exercise_id]["figure"]
    names = [g["data-pose"] for g in svg.find_all("g", attrs={"data-pose": True})]
    assert names == [pose["name"] for pose in figure["poses"]] + ["motion"]
    assert names[0] == "start" and names[-2] == "end"
    text = desc.get_text()
    for pose in figure["poses"]:
        assert pose["name"].capitalize() in text
    tempo = RAW[exercise_id]["tempo"]
    total = sum(tempo[k] for k in ("lower", "bottom", "lift", "top"))
    assert f"one rep in {total:g} s" in text
    assert svg.find("animate") is None and svg.find("script") is None


@pytest.mark.parametrize("exercise_id", FIGURED)
def test_drawn_joints_bend_as_the_data_says(site: Path, exercise_id: str) -> None:
    svg = figure_svg(site, exercise_id)
    assert angle_problems(svg, RAW[exercise_id]["figure"]) == []


@pytest.mark.parametrize("exercise_id", FIGURED)
def test_every_contact_sits_on_its_surface(site: Path, exercise_id: str) -> None:
    svg = figure_svg(site, exercise_id)
    assert contact_problems(svg, RAW[exercise_id]["figure"]) == []


def test_the_geometry_checks_can_fail(site: Path) -> None:
    exercise_id = "rear-foot-elevated-split-squat"
    figure = RAW[exercise_id]["figure"]
    svg = BeautifulSoup(str(figure_svg(site, exercise_id)), "html.parser").svg
    shin = pose_group(svg, "end").find("line", attrs={"data-segment": "near-shin"})
    shin["x2"] = str(float(shin["x2"]) + 5)
    assert any("near knee" in problem for problem in angle_problems(svg, figure))
    rear = pose_group(svg, "end").find("circle", attrs={"data-contact": "far-foot"})
    rear["cy"] = str(float(rear["cy"]) - 10)
    problems = contact_problems(svg, figure)
    assert any("far-foot 10.0 cm off the bench" in problem for problem in problems)
    assert any("far-foot is not on the body" in problem for problem in problems)


def test_the_emitted_figures_are_measured_within_a_degree(site: Path) -> None:
    """The largest gap between a drawn knee angle and the data, over every pose."""
    worst = 0.0
    for exercise_id in FIGURED:
        svg = figure_svg(site, exercise_id)
        figure = RAW[exercise_id]["figure"]
        for pose in figure["poses"]:
            group = pose_group(svg, pose["name"])
            for side in sides(figure):
                thigh = world(segment(group, f"{side}-thigh"))
                shin = world(segment(group, f"{side}-shin"))
                data = (pose.get(side) or {}).get("knee", 0)
                worst = max(worst, abs(-signed_angle(thigh, shin) - data))
    assert worst <= DEGREES, f"a drawn knee is {worst:.2f}° from its data"


# --- The motion as written: few keyframes, each pose reached. ------------------------

FIGURE_GZIP_BUDGET = 3300
"""Bytes, gzipped, of the largest figure an exercise page inlines (3.5 kB before its
keyframes and paints were thinned; 3.1 kB after)."""
RULE = re.compile(
    r"([\d.%,]+)\{transform:rotate\((-?[\d.]+)deg\)(?:;animation-timing-function:([^}]+))?\}"
)


def keyframes(svg, joint: str) -> dict[float, tuple[float, str | None]]:
    """A joint's keyframes in the figure's own style: {percent: (degrees, timing)}."""
    prefix = svg["aria-labelledby"].split()[0].removesuffix("-title")
    css = str(svg.find("style").string)
    found = re.search(rf"@keyframes {re.escape(prefix)}-k-{joint}\{{(.*?\}})\}}", css)
    if found is None:
        return {}
    frames = {}
    for at, degrees, timing in RULE.findall(found.group(1)):
        for percent in at.split(","):
            frames[float(percent.rstrip("%"))] = (float(degrees), timing or None)
    return frames


def motion_problems(svg, raw: dict) -> list[str]:
    """Where the moving knee does not reach a pose's knee flexion from the data at the time
    the tempo says (a side view of two poses: start at 0 %, end after the first phase)."""
    figure, tempo = raw["figure"], raw["tempo"]
    first = tempo["lift"] if figure["rep_starts"] == "bottom" else tempo["lower"]
    end_at = 100 * first / sum(tempo[k] for k in ("lower", "bottom", "lift", "top"))
    found = []
    for side in ("near", "far"):
        frames = keyframes(svg, f"{side}-knee")
        start, end = ((p.get(side) or {}).get("knee", 0) for p in figure["poses"])
        if not frames:
            if start != end:
                found.append(f"{side} knee: {start}° to {end}° but no keyframes")
            continue
        for percent, knee in ((0.0, start), (end_at, end)):
            at = min(frames, key=lambda p: abs(p - percent))
            if abs(at - percent) > 0.05 or abs(frames[at][0] - knee) > 0.1:
                found.append(f"{side} knee at {percent:.1f} %: {frames[at]} at {at}, data {knee}")
    return found


LEG_CONTACTS = {"near-foot", "far-foot", "both-feet", "near-knee", "far-knee", "both-knees"}
SIDE_PAIRS = [
    i for i in FIGURED if RAW[i]["figure"]["view"] == "side" and len(RAW[i]["figure"]["poses"]) == 2
]


@pytest.mark.parametrize("exercise_id", SIDE_PAIRS)
def test_the_moving_figure_reaches_each_pose_in_few_keyframes(site: Path, exercise_id: str) -> None:
    svg = figure_svg(site, exercise_id)
    assert motion_problems(svg, RAW[exercise_id]) == []
    for side in ("near", "far"):
        frames = keyframes(svg, f"{side}-knee")
        # A knee that no later contact holds on its path (a rear foot on a bench is held)
        # blends once each way and pauses: a keyframe per phase and the loop's end.
        held = any(
            c["body"] in LEG_CONTACTS
            for p in RAW[exercise_id]["figure"]["poses"]
            for c in p.get("contacts", [])[1:]
        )
        if frames and not held:
            assert len(frames) <= 5, f"{side} knee: {sorted(frames)}"


def test_the_motion_checks_can_fail(site: Path) -> None:
    raw = RAW["hip-thrust"]
    svg = BeautifulSoup(str(figure_svg(site, "hip-thrust")), "html.parser").svg
    style = svg.find("style")
    knee = (raw["figure"]["poses"][0]["near"] or {})["knee"]
    style.string = str(style.string).replace(f"rotate({knee:g}deg)", f"rotate({knee + 5:g}deg)")
    assert any("near knee at 0.0 %" in problem for problem in motion_problems(svg, raw))


def test_the_eased_blend_is_the_smoothstep_of_the_poses(site: Path) -> None:
    """Every easing the figures write is 3u² - 2u³, the blend between poses, so that joints
    written as two keyframes and the pelvis written frame by frame stay in step."""
    timings = {
        timing
        for exercise_id in FIGURED
        for joint in ("near-knee", "far-knee", "near-hip", "neck")
        for _, timing in keyframes(figure_svg(site, exercise_id), joint).values()
        if timing
    }
    assert timings, "no eased keyframes"
    for timing in timings:
        x1, y1, x2, y2 = map(float, re.fullmatch(r"cubic-bezier\((.*)\)", timing)[1].split(","))
        for step in range(1, 20):
            s = step / 20
            x = 3 * (1 - s) ** 2 * s * x1 + 3 * (1 - s) * s * s * x2 + s**3
            y = 3 * (1 - s) ** 2 * s * y1 + 3 * (1 - s) * s * s * y2 + s**3
            assert abs(y - (3 * x * x - 2 * x**3)) < 1e-3, timing


def test_every_figure_fits_its_byte_budget(site: Path) -> None:
    sizes = {i: len(gzip.compress(str(figure_svg(site, i)).encode(), 9)) for i in FIGURED}
    largest = max(sizes, key=sizes.get)
    assert sizes[largest] <= FIGURE_GZIP_BUDGET, f"{largest}: {sizes[largest]} bytes gzipped"


# --- In the browser: moving, still, and on paper. ------------------------------------

FIGURE_ANIMATIONS = """() => document.getAnimations()
  .filter(a => a.effect && a.effect.target && a.effect.target.closest('figure.lw-technique'))
  .map(a => ({state: a.playState, ms: a.effect.getComputedTiming().duration}))"""
SHOWN = """name => {
  const g = document.querySelector(`figure.lw-technique g[data-pose="${name}"]`);
  const box = g.getBoundingClientRect();
  return getComputedStyle(g).display !== 'none' && box.width > 0 && box.height > 0;
}"""


STILL = ("reduced-motion", "print")


@pytest.fixture(scope="module")
def walked(browser, server: str) -> dict[str, dict[str, dict]]:
    """Each exercise page opened once and read three ways: as loaded on a phone (moving),
    then, switched in place, for a reader who asks for reduced motion and on paper, at a
    desktop width. Media features apply live, so one load answers all three."""
    context = browser.new_context()
    tab = context.new_page()
    seen: dict[str, dict[str, dict]] = {}
    for exercise_id in FIGURED:
        tab.set_viewport_size({"width": 390, "height": 844})
        tab.emulate_media(media="screen", reduced_motion="no-preference")
        tab.goto(f"{server}exercises/{exercise_id}/")
        views = {
            "moving": {
                "animations": tab.evaluate(FIGURE_ANIMATIONS),
                "motion": tab.evaluate(SHOWN, "motion"),
                "start": tab.evaluate(SHOWN, "start"),
            }
        }
        tab.set_viewport_size({"width": 1280, "height": 900})
        for media in STILL:
            if media == "print":
                tab.emulate_media(media="print", reduced_motion="no-preference")
            else:
                tab.emulate_media(media="screen", reduced_motion="reduce")
            views[media] = {
                "animations": tab.evaluate(FIGURE_ANIMATIONS),
                "motion": tab.evaluate(SHOWN, "motion"),
                "boxes": [
                    tab.locator(f'figure.lw-technique g[data-pose="{pose["name"]}"]').bounding_box()
                    for pose in RAW[exercise_id]["figure"]["poses"]
                ],
            }
        seen[exercise_id] = views
    context.close()
    return seen


def test_the_figure_moves_at_the_tempo(walked: dict[str, dict[str, dict]]) -> None:
    for exercise_id in FIGURED:
        moving = walked[exercise_id]["moving"]
        running = moving["animations"]
        tempo = RAW[exercise_id]["tempo"]
        total = 1000 * sum(tempo[k] for k in ("lower", "bottom", "lift", "top"))
        assert running, f"{exercise_id}: the figure does not move"
        assert {a["state"] for a in running} == {"running"}, exercise_id
        assert {a["ms"] for a in running} == {total}, exercise_id
        assert moving["motion"] and not moving["start"], exercise_id


@pytest.mark.parametrize("media", STILL)
def test_the_figure_stands_still_for_reduced_motion_and_on_paper(
    walked: dict[str, dict[str, dict]], media: str
) -> None:
    for exercise_id in FIGURED:
        still = walked[exercise_id][media]
        assert still["animations"] == [], exercise_id
        assert not still["motion"], exercise_id
        boxes = still["boxes"]
        assert all(box and box["width"] > 20 and box["height"] > 20 for box in boxes)
        for before, after in itertools.pairwise(boxes):
            assert before["x"] + before["width"] <= after["x"] + 1, f"{exercise_id}: overlap"


SLOTS = """() => [...document.querySelectorAll('.lw-block__figure')].map(slot => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return [r.left + scrollX, r.top + scrollY, r.width, r.height]; };
  return {slot: box(slot), start: box(slot.querySelector('[data-pose="start"]')),
          end: box(slot.querySelector('[data-pose="end"]'))};
})"""
PAPER_MM = (210.0, 297.0)
MARGIN_MM = 10.0
PT_PER_PX = 0.75


def test_the_printed_card_shows_start_and_end_in_the_slot(browser, server: str) -> None:
    """Printed as the session-card tests print it: in each block's slot the start and the
    end pose stand apart, each inked in the PDF, and the slot keeps its 18 mm."""
    context = browser.new_context()
    tab = context.new_page()
    tab.emulate_media(media="print")
    width_px = round((PAPER_MM[0] - 2 * MARGIN_MM) / 25.4 * 96)
    tab.set_viewport_size({"width": width_px, "height": 900})
    for session_id in SESSIONS:
        tab.goto(f"{server}sessions/{session_id}/")
        blocks = raw_yaml(DATA / "sessions" / f"{session_id}.yml")["blocks"]
        slots = tab.evaluate(SLOTS)
        assert len(slots) == len(blocks)
        sheet = pdfplumber.open(io.BytesIO(tab.pdf(format="A4"))).pages[0]
        ink = sheet.curves + sheet.lines + sheet.rects
        for block, found in zip(blocks, slots, strict=True):
            slot, start, end = found["slot"], found["start"], found["end"]
            assert abs(slot[2] / 96 * 25.4 - 18) < 0.3 and abs(slot[3] / 96 * 25.4 - 18) < 0.3
            for pose in (start, end):
                assert pose[2] > 5 and pose[3] > 5, block["exercise"]
                assert slot[0] - 1 <= pose[0] and pose[0] + pose[2] <= slot[0] + slot[2] + 1
                assert slot[1] - 1 <= pose[1] and pose[1] + pose[3] <= slot[1] + slot[3] + 1
                left = MARGIN_MM / 25.4 * 72 + pose[0] * PT_PER_PX
                top = MARGIN_MM / 25.4 * 72 + pose[1] * PT_PER_PX
                right, bottom = left + pose[2] * PT_PER_PX, top + pose[3] * PT_PER_PX
                inked = [
                    shape
                    for shape in ink
                    if left - 2 <= shape["x0"]
                    and shape["x1"] <= right + 2
                    and top - 2 <= shape["top"]
                    and shape["bottom"] <= bottom + 2
                ]
                assert len(inked) >= 5, f"{session_id}: {block['exercise']} pose not printed"
            apart = start[0] + start[2] <= end[0] + 0.5 or start[1] + start[3] <= end[1] + 0.5
            assert apart, f"{session_id}: {block['exercise']} start and end overlap"
    context.close()


# --- For a person to look at. -------------------------------------------------------

SHOWCASE = ("romanian-deadlift", "rear-foot-elevated-split-squat", "hip-thrust")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_three_figures(browser, server: str, scheme: str) -> None:
    """Written to the git-ignored test-artifacts/ folder: the still poses and the motion
    half way through a rep."""
    ARTIFACTS.mkdir(exist_ok=True)
    for motion in ("reduce", "no-preference"):
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, color_scheme=scheme, reduced_motion=motion
        )
        tab = context.new_page()
        for exercise_id in SHOWCASE:
            tab.goto(f"{server}exercises/{exercise_id}/")
            tab.evaluate("""() => document.getAnimations().forEach(a => {
              a.pause(); a.currentTime = a.effect.getComputedTiming().duration / 2; })""")
            still = "poses" if motion == "reduce" else "moving"
            target = ARTIFACTS / f"figure-{exercise_id}-{still}-{scheme}.png"
            tab.locator("figure.lw-technique").screenshot(path=str(target))
            with Image.open(target) as image:
                assert len(image.getcolors(1 << 16) or []) > 8, target
        context.close()


# --- Link previews. -----------------------------------------------------------------


def test_the_exercise_preview_shows_the_figure_beside_the_text() -> None:
    from macros.data.loader import load_library
    from macros.media import previews
    from macros.site.plan import preview_specs

    specs = {spec.path: spec for spec in preview_specs(load_library(DATA))}
    for exercise_id in EXERCISES:
        spec = specs[f"assets/previews/exercises/{exercise_id}.png"]
        assert spec.figure is not None and "figure" in spec.alt
        placed = previews.layout(spec.title, spec.subtitle, figure=True)
        assert all(box[2] <= previews.FIGURE_BOX[0] for box in placed.boxes())
    spec = specs["assets/previews/exercises/romanian-deadlift.png"]
    with Image.open(io.BytesIO(previews.render_png(spec))) as image:
        area = image.convert("RGB").crop(previews.FIGURE_BOX)
        colours = {colour for _, colour in area.getcolors(1 << 20)}
    assert ImageColor.getrgb("#ffffff") in colours  # the near side
    assert ImageColor.getrgb("#f0a07f") in colours  # the tinted hamstrings
    assert specs["assets/previews/muscles/soleus.png"].figure is None
    end = spec.figure.figure.poses[-1]
    moved = spec.figure.figure.model_copy(
        update={"poses": (*spec.figure.figure.poses[:-1], end.model_copy(update={"trunk": 70}))}
    )
    redrawn = dataclasses.replace(spec, figure=dataclasses.replace(spec.figure, figure=moved))
    assert redrawn.key() != spec.key()  # a changed pose is drawn again, not read from the cache
