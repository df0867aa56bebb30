"""A runner's journeys through the site, in headless Chromium on a phone-sized screen."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_climb_the_hinge_ladder_up_and_back_down(tab, server: str) -> None:
    tab.goto(server + "exercises/hip-hinge-drill/")
    expect(tab.locator("h1")).to_have_text(re.compile("Hip hinge drill"))
    for name in ("Kettlebell Romanian deadlift", "Romanian deadlift"):
        # The first link to it: the line may name it again where it says it can start early.
        tab.locator("#progressions + ul li", has_text="Harder").get_by_role(
            "link", name=name, exact=True
        ).first.click()
        expect(tab.locator("h1")).to_have_text(re.compile(f"^{name}"))
    assert tab.url.endswith("/exercises/romanian-deadlift/")
    tab.locator("#progressions + ul li", has_text="Easier").get_by_role(
        "link", name="Kettlebell Romanian deadlift"
    ).click()
    expect(tab.locator("h1")).to_have_text(re.compile("^Kettlebell Romanian deadlift"))
    # The ladder diagram shows every rung, this one marked, the easiest first.
    rungs = tab.locator("nav.lw-ladder [data-exercise]")
    assert rungs.first.get_attribute("data-exercise") == "hip-hinge-drill"
    current = tab.locator("nav.lw-ladder [aria-current=page]")
    expect(current).to_have_attribute("data-exercise", "kettlebell-romanian-deadlift")
    current.scroll_into_view_if_needed()
    expect(current).to_be_visible()


def test_the_search_index_waits_for_the_page_to_load(tab, server: str) -> None:
    """The index is the largest file the site sends: on a slow connection it must not share
    the wire with the first screen. It is asked for once the page has loaded."""
    tab.goto(server + "exercises/romanian-deadlift/", wait_until="load")
    index = "search/search_index.json"
    tab.wait_for_function(
        "(name) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(name))",
        arg=index,
    )
    started, loaded = tab.evaluate(
        """(name) => [
          performance.getEntriesByType('resource').find((e) => e.name.endsWith(name)).startTime,
          performance.getEntriesByType('navigation')[0].loadEventStart,
        ]""",
        index,
    )
    assert started >= loaded > 0, (
        f"index asked for at {started:.0f} ms, page loaded at {loaded:.0f} ms"
    )


def test_search_finds_an_exercise_by_alias(tab, full_server: str) -> None:
    tab.goto(full_server)
    tab.locator("label[for=__search]").first.click()
    search = tab.locator("input[name=query]")
    # Type as a person does: Material ignores a query sent before its search index is ready.
    search.press_sequentially("Bulgarian", delay=80)
    title = tab.locator("h1", has_text=re.compile(r"^\s*Rear-foot-elevated split squat\s*$"))
    result = tab.locator(".md-search-result__item > a").filter(has=title).first
    expect(result).to_be_visible()
    result.click()
    expect(tab.locator("h1")).to_have_text(re.compile("^Rear-foot-elevated split squat"))
    expect(tab.locator("article")).to_contain_text("Bulgarian split squat")


TAP_POINT = """(shape) => {
  const box = shape.getBoundingClientRect();
  const link = shape.closest("a");
  for (let i = 1; i < 12; i += 1) {
    for (let j = 1; j < 12; j += 1) {
      const x = box.left + (box.width * j) / 12, y = box.top + (box.height * i) / 12;
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.closest("a") === link) return [x, y];
    }
  }
  throw new Error("no point of the shape can be tapped");
}"""


def test_open_a_muscle_page_from_an_exercise(tab, server: str) -> None:
    tab.goto(server + "exercises/seated-calf-raise/")
    muscles_table = tab.locator("article table", has_text="Primary").first
    expect(muscles_table).to_contain_text("Primary")
    muscles_table.get_by_role("link", name="Soleus").click()
    expect(tab.locator("h1")).to_have_text(re.compile("^Soleus"))
    tab.go_back()
    # The same page is one tap away on the map.
    link = tab.locator("svg.lw-muscle-map").get_by_role("link", name="Soleus, primary")
    shape = link.locator("[data-muscle=soleus]").first
    shape.scroll_into_view_if_needed()
    # Tap where the muscle is drawn (a calf is a narrow shape on each leg, so the middle of
    # its box may fall between the legs).
    x, y = shape.evaluate(TAP_POINT)
    tab.mouse.click(x, y)
    expect(tab.locator("h1")).to_have_text(re.compile("^Soleus"))
    primary = tab.locator("#primary + ul")
    expect(primary.get_by_role("link", name="Seated calf raise")).to_be_visible()


def test_home_page_points_a_runner_to_the_first_rungs(tab, server: str) -> None:
    tab.goto(server)
    tab.get_by_role("link", name="hip hinge drill").click()
    expect(tab.locator("h1")).to_have_text(re.compile("^Hip hinge drill"))
