"""Muscle maps and ladders as a runner meets them: every map marks exactly the muscles the
data names, in their roles, each shape a link to its muscle; role colours stand out from the
page in light, dark and print; every ladder holds exactly the exercises joined by `harder`
steps, the current one marked. (That no page scrolls sideways on a phone is checked with
axe, on the same page load: tests/test_gates_a11y.py.) Expectations come from the raw YAML,
not from the code under test."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from tests.conftest import DATA, ROOT, data_ids, page, raw_yaml
from tests.gates.site import content_pages

ARTIFACTS = ROOT / "test-artifacts"
RAW = {i: raw_yaml(DATA / "exercises" / f"{i}.yml") for i in data_ids("exercises")}
EXERCISES = [i for i, raw in RAW.items() if raw.get("kind", "exercise") == "exercise"]
MUSCLES = [m["id"] for m in raw_yaml(DATA / "muscles.yml")["muscles"]]
ROLES = ("primary", "secondary", "stabiliser")


def the_map(soup: BeautifulSoup):
    maps = soup.select("svg.lw-muscle-map")
    assert len(maps) == 1, f"expected one muscle map, found {len(maps)}"
    return maps[0]


def shapes_by_role(svg) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for shape in svg.select("[data-muscle]"):
        if shape.get("data-role"):
            found.setdefault(shape["data-role"], set()).add(shape["data-muscle"])
    return found


def component(exercise_id: str) -> set[str]:
    """The exercises joined to this one by harder steps, either way, from the raw YAML."""
    edges = [(a, b) for a, raw in RAW.items() for b in raw.get("harder", [])]
    seen, todo = set(), [exercise_id]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo += [b for a, b in edges if a == current] + [a for a, b in edges if b == current]
    return seen


# --- The markup contract, read from the built pages. ---------------------------------


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_exercise_map_marks_the_muscles_by_role_as_the_data_says(site: Path, exercise_id) -> None:
    svg = the_map(page(site, f"exercises/{exercise_id}/"))
    muscles = RAW[exercise_id]["muscles"]
    expected = {role: set(muscles[role]) for role in ROLES if muscles.get(role)}
    assert shapes_by_role(svg) == expected
    assert svg["role"] == "group"
    title = svg.find("title")
    desc = svg.find("desc")
    assert svg["aria-labelledby"] == title["id"] and desc is not None
    names = {m["id"]: m["name"] for m in raw_yaml(DATA / "muscles.yml")["muscles"]}
    for role, ids in expected.items():
        listed = re.search(rf"{role.capitalize()}: ([^.]*)\.", desc.get_text())
        assert listed, f"{exercise_id}: the description does not list the {role} muscles"
        assert set(listed.group(1).split(", ")) == {names[i] for i in ids}


@pytest.mark.parametrize("muscle_id", MUSCLES)
def test_muscle_page_highlights_exactly_its_muscle(site: Path, muscle_id) -> None:
    svg = the_map(page(site, f"muscles/{muscle_id}/"))
    assert shapes_by_role(svg) == {"focus": {muscle_id}}
    theirs = svg.select(f'[data-muscle="{muscle_id}"]')
    assert theirs and all(shape.get("data-role") == "focus" for shape in theirs)


@pytest.mark.parametrize("where", ["muscles/", "exercises/romanian-deadlift/", "calf-complex/"])
def test_every_muscle_is_one_link_to_its_page(site: Path, where: str) -> None:
    soup = page(site, where)
    for svg in soup.select("svg.lw-muscle-map"):
        linked = {}
        for link in svg.find_all("a"):
            ids = {shape["data-muscle"] for shape in link.select("[data-muscle]")}
            assert len(ids) == 1, f"{where}: a link holds shapes of {ids}"
            muscle = ids.pop()
            assert urljoin(f"/{where}", link["href"]) == f"/muscles/{muscle}/", link["href"]
            assert link.get("aria-label", "").strip(), f"{where}: {muscle} link has no name"
            linked[muscle] = link
        assert set(linked) == set(MUSCLES), f"{where}: not every muscle is on the map"


def test_ids_inside_pictures_are_unique_on_every_page(site: Path) -> None:
    for path in content_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        ids = [tag["id"] for tag in soup.select("svg [id]")]
        assert len(ids) == len(set(ids)), f"{path}: repeated ids {ids}"


def test_the_soleus_is_its_own_shape_under_the_gastrocnemius(site: Path) -> None:
    svg = the_map(page(site, "muscles/soleus/"))
    order = [shape["data-muscle"] for shape in svg.select("[data-muscle]")]
    assert "soleus" in order and "gastrocnemius" in order
    assert order.index("soleus") < order.index("gastrocnemius"), "soleus must be drawn first"


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_ladder_holds_exactly_the_connected_exercises(site: Path, exercise_id) -> None:
    soup = page(site, f"exercises/{exercise_id}/")
    ladders = soup.select("nav.lw-ladder")
    assert len(ladders) == 1 and ladders[0].get("aria-label")
    rungs = ladders[0].select("[data-exercise]")
    assert {rung["data-exercise"] for rung in rungs} == component(exercise_id)
    assert all(rung.name == "a" and rung.get("href") for rung in rungs)
    current = [rung["data-exercise"] for rung in rungs if rung.get("aria-current") == "page"]
    assert current == [exercise_id]


def linked_exercises(exercise_id: str, line: object) -> set[str]:
    """The exercises a line of an exercise page links to (a line may also name a card)."""
    here = f"/exercises/{exercise_id}/"
    targets = (urljoin(here, a["href"]) for a in line.find_all("a"))
    return {t.strip("/").split("/")[-1] for t in targets if t.startswith("/exercises/")}


def test_easier_and_harder_name_the_direct_neighbours(site: Path) -> None:
    for exercise_id in EXERCISES:
        soup = page(site, f"exercises/{exercise_id}/")
        lines = {
            li.get_text(" ").split(":")[0].strip(): li
            for li in soup.select("#progressions + ul li")
        }
        harder = linked_exercises(exercise_id, lines["Harder"])
        assert harder == set(RAW[exercise_id].get("harder", []))
        easier = linked_exercises(exercise_id, lines["Easier"])
        assert easier == {i for i, raw in RAW.items() if exercise_id in raw.get("harder", [])}
        says_top = "top rung" in lines["Harder"].get_text()
        assert says_top == (not RAW[exercise_id].get("harder")), exercise_id


def test_the_ladders_page_shows_every_ladder_once(site: Path) -> None:
    soup = page(site, "ladders/")
    ladders = soup.select("nav.lw-ladder")
    labels = [nav["aria-label"] for nav in ladders]
    assert len(labels) == len(set(labels))
    seen = [rung["data-exercise"] for nav in ladders for rung in nav.select("[data-exercise]")]
    assert sorted(seen) == sorted(EXERCISES)
    for nav in ladders:
        members = {rung["data-exercise"] for rung in nav.select("[data-exercise]")}
        assert members == component(next(iter(members)))


def test_each_rung_names_the_rungs_it_comes_after_for_text_readers(site: Path) -> None:
    """A ladder's text, read without its grid (a screen reader, a copy without styles), names
    for every rung the easier rungs that lead to it, so a branch reads as a branch."""
    names = {i: raw["name"] for i, raw in RAW.items()}
    soup = page(site, "ladders/")
    for rung in soup.select("nav.lw-ladder [data-exercise]"):
        easier = sorted(
            names[i] for i, raw in RAW.items() if rung["data-exercise"] in raw.get("harder", [])
        )
        hidden = rung.select_one(".lw-visually-hidden")
        if not easier:
            assert hidden is None, rung["data-exercise"]
            continue
        said = hidden.get_text().removeprefix(", after ")
        assert sorted(said.split(" or ")) == easier, rung["data-exercise"]


def test_the_calf_complex_page_compares_the_two_calf_muscles(site: Path) -> None:
    soup = page(site, "calf-complex/")
    text = " ".join(soup.get_text(" ").split())
    muscles = {m["id"]: m for m in raw_yaml(DATA / "muscles.yml")["muscles"]}
    for calf in ("soleus", "gastrocnemius"):
        assert muscles[calf]["fibre_type"]["text"] in text
        assert " and ".join(muscles[calf]["joints_crossed"]).capitalize() in text
    maps = soup.select("svg.lw-muscle-map")
    assert [shapes_by_role(svg) for svg in maps] == [
        {"focus": {"soleus"}},
        {"focus": {"gastrocnemius"}},
    ]
    for raise_id, raw in RAW.items():
        if raw.get("calf"):
            assert soup.select_one(f'a[href$="exercises/{raise_id}/"]'), raise_id
    assert "percentage points" in text and "isolates" in text


# --- In the browser: colours, overflow, and what a runner sees. ----------------------

CONTRAST = """() => {
  const rgb = (text) => text.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const page = rgb(getComputedStyle(document.body).backgroundColor);
  const out = {};
  for (const shape of document.querySelectorAll("svg.lw-muscle-map [data-role]")) {
    out[shape.dataset.role] = ratio(rgb(getComputedStyle(shape).fill), page);
  }
  return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_role_fills_stand_out_from_the_page(browser, server: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    seen = {}
    for path in ("exercises/romanian-deadlift/", "exercises/rear-foot-elevated-split-squat/"):
        tab.goto(server + path)
        seen.update(tab.evaluate(CONTRAST))
    tab.goto(server + "muscles/soleus/")
    seen.update(tab.evaluate(CONTRAST))
    tab.emulate_media(media="print")
    tab.goto(server + "exercises/rear-foot-elevated-split-squat/")
    printed = tab.evaluate(CONTRAST)
    context.close()
    assert set(seen) == {"primary", "secondary", "stabiliser", "focus"}
    low = {role: round(ratio, 2) for role, ratio in {**seen, **printed}.items() if ratio < 3}
    assert low == {}, f"role fills under 3:1 against the page ({scheme}): {low}"


@pytest.mark.parametrize(
    ("width", "scheme"), [(360, "light"), (360, "dark"), (1280, "light"), (1280, "dark")]
)
def test_screenshots_of_an_exercise_page(browser, server: str, width: int, scheme: str) -> None:
    """For a person to look at: written to the git-ignored test-artifacts/ folder."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(server + "exercises/rear-foot-elevated-split-squat/")
    target = ARTIFACTS / f"rear-foot-elevated-split-squat-{width}-{scheme}.png"
    tab.screenshot(path=str(target), full_page=True)
    context.close()
    assert target.stat().st_size > 10_000
