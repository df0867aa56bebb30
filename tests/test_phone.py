"""Phone first, as a runner with a 360 px phone meets it: the exercise list filtered by what
they have (and by muscle, movement, level and legs) from the address, every dosage readable,
and glossary terms that open on a tap or a key. Expected results come from the raw YAML."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import DATA, data_ids, raw_yaml

RAW = {i: raw_yaml(DATA / "exercises" / f"{i}.yml") for i in data_ids("exercises")}
AT_HAND = {"bodyweight", "floor", "wall-or-support", "wall"}
"""Always at hand: the README and the vocabulary say so; an independent copy here."""


def legs(raw: dict) -> set[str]:
    default = "single" if raw["laterality"] == "single-leg" else "both"
    return {dose.get("legs", default) for dose in raw.get("dosage", [])} or {default}


def expected(query: str) -> set[str]:
    """The exercises a query should leave, computed from the YAML alone."""
    params = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
    chosen = {k: {x for x in v.split(",") if x} for k, v in params.items()}
    found = set()
    for exercise_id, raw in RAW.items():
        if "have" in chosen:
            have = chosen["have"] | AT_HAND
            if not any(set(kit) <= have for kit in raw["kits"]):
                continue
        muscles = set(raw["muscles"]["primary"]) | set(raw["muscles"].get("secondary", []))
        if chosen.get("muscle") and not chosen["muscle"] & muscles:
            continue
        if chosen.get("pattern") and raw["pattern"] not in chosen["pattern"]:
            continue
        if chosen.get("level") and raw["level"] not in chosen["level"]:
            continue
        if chosen.get("legs") and not chosen["legs"] & legs(raw):
            continue
        found.add(exercise_id)
    return found


QUERIES = [
    "",
    "have=",
    "have=kettlebell",
    "have=kettlebell,bench",
    "have=dumbbell,bench,box-or-step",
    "muscle=soleus",
    "muscle=soleus,hamstrings&level=beginner",
    "pattern=calf-raise&legs=single",
    "have=kettlebell,bench&muscle=soleus&pattern=calf-raise&level=beginner&legs=single",
    "legs=both&level=intermediate",
    "have=barbell,squat-rack,bench&pattern=split-squat",
    "have=seated-calf-machine&muscle=soleus",
    "pattern=hinge&level=advanced",
]


def phone_tab(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, has_touch=True, is_mobile=True
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    return context, tab


@pytest.fixture
def phone(browser):
    """A phone with nothing stored: for tests that tick, type or change the address."""
    context, tab = phone_tab(browser)
    yield tab
    context.close()


@pytest.fixture(scope="module")
def reading_phone(browser):
    """One phone for the tests that only open pages and read them."""
    context, tab = phone_tab(browser)
    yield tab
    context.close()


def shown(tab) -> set[str]:
    return set(
        tab.eval_on_selector_all(
            ".lw-results [data-exercise]:not([hidden])", "els => els.map(e => e.dataset.exercise)"
        )
    )


@pytest.mark.parametrize("query", QUERIES)
def test_filters_from_the_address_leave_exactly_the_right_exercises(phone, server, query) -> None:
    phone.goto(f"{server}exercises/?{query}")
    assert shown(phone) == expected(query)
    empty = phone.locator("[data-lw-empty]")
    if expected(query):
        expect(empty).to_be_hidden()
    else:
        expect(empty).to_be_visible()


def test_the_queries_include_an_empty_result_and_no_filter() -> None:
    assert any(not expected(q) for q in QUERIES)
    assert expected("") == set(RAW)


def test_ticking_what_you_have_updates_the_address_and_the_list(phone, server) -> None:
    phone.goto(server + "exercises/")
    phone.locator("details[data-filter=have] summary").tap()
    phone.get_by_label("Kettlebell", exact=True).check()
    phone.wait_for_function("location.search.includes('have=kettlebell')")
    assert shown(phone) == expected("have=kettlebell")
    query = urlsplit(phone.url).query
    phone.reload()  # the state lives in the address
    assert shown(phone) == expected(query)
    expect(phone.get_by_label("Kettlebell", exact=True)).to_be_checked()


def test_unticking_only_what_i_have_drops_the_equipment_filter(phone, server) -> None:
    phone.goto(server + "exercises/?have=dumbbell")
    limit = phone.get_by_label("Only what I can do with what I have")
    expect(limit).to_be_checked()
    limit.uncheck()
    expect(limit).not_to_be_checked()
    phone.wait_for_function("!location.search.includes('have=')")
    assert shown(phone) == set(RAW)
    expect(phone.get_by_label("Dumbbell", exact=True)).not_to_be_checked()


def test_an_empty_result_says_so_and_offers_to_clear(phone, server) -> None:
    phone.goto(server + "exercises/?pattern=hinge&level=advanced")
    assert shown(phone) == set()
    phone.get_by_role("button", name="Clear the filters").tap()
    assert shown(phone) == set(RAW)
    assert urlsplit(phone.url).query == ""


def test_without_javascript_the_list_is_complete(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + "exercises/?have=kettlebell")
    assert shown(tab) == set(RAW)
    expect(tab.locator("form[data-lw-filters]")).to_be_hidden()
    context.close()


NARROW_CELLS = """() => [...document.querySelectorAll("article td, article th")]
  .filter((cell) => cell.offsetParent !== null && cell.getBoundingClientRect().width < 64)
  .map((cell) => cell.textContent.trim().slice(0, 30))"""


@pytest.mark.parametrize("exercise_id", sorted(i for i, raw in RAW.items() if "dosage" in raw))
def test_dosage_is_readable_on_a_phone(reading_phone, server, exercise_id) -> None:
    phone = reading_phone
    phone.goto(f"{server}exercises/{exercise_id}/")
    assert phone.evaluate(NARROW_CELLS) == []
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    cards = phone.locator(".lw-dose")
    assert cards.count() == len(RAW[exercise_id]["dosage"])
    for index in range(cards.count()):
        box = cards.nth(index).bounding_box()
        assert box and box["width"] >= 250, "each stage is a full-width card on a phone"


def test_what_it_works_and_the_dose_are_in_the_first_screen(phone, server) -> None:
    for exercise_id in ("romanian-deadlift", "single-leg-calf-raise", "seated-calf-raise"):
        phone.goto(f"{server}exercises/{exercise_id}/")
        for selector in ("svg.lw-muscle-map", "#start"):
            box = phone.locator(selector).bounding_box()
            assert box and box["y"] + box["height"] <= 800, f"{exercise_id}: {selector}"
        start = phone.locator("#start").inner_text()
        first = RAW[exercise_id]["dosage"][0]
        assert f"{first['sets']['min']}–{first['sets']['max']}" in start


def definition_shown(tab) -> bool:
    return tab.evaluate(
        "() => [...document.querySelectorAll('.md-tooltip2--active')]"
        ".some(t => t.textContent.includes('hips back'))"
    )


def test_a_glossary_term_opens_on_tap_and_escape_closes_it(phone, server) -> None:
    phone.goto(server + "exercises/romanian-deadlift/")
    term = phone.locator("article abbr", has_text="hinge").first
    term.scroll_into_view_if_needed()
    term.tap()
    phone.wait_for_function(
        "() => [...document.querySelectorAll('.md-tooltip2--active')].length > 0"
    )
    assert definition_shown(phone)
    phone.keyboard.press("Escape")
    phone.wait_for_function("() => document.querySelectorAll('.md-tooltip2--active').length === 0")


def test_a_glossary_term_opens_on_keyboard_focus(browser, server) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(server + "exercises/romanian-deadlift/")
    term = tab.locator("article abbr", has_text="hinge").first
    assert term.get_attribute("tabindex") == "0"
    term.focus()
    tab.wait_for_function("() => document.querySelectorAll('.md-tooltip2--active').length > 0")
    assert definition_shown(tab)
    tab.keyboard.press("Escape")
    tab.wait_for_function("() => document.querySelectorAll('.md-tooltip2--active').length === 0")
    context.close()


def test_a_term_inside_a_link_has_one_underline(browser, server) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(server + "ladders/")
    underline = tab.evaluate(
        "() => { const a = [...document.querySelectorAll('article a abbr')][0];"
        " return a ? getComputedStyle(a).textDecorationLine : 'none'; }"
    )
    context.close()
    assert underline == "none"
