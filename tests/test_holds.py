"""Holds count down and the screen stays awake, on the first real card that holds a timed
hold (read from the raw data), driven at 360 px with Playwright's clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA, PHONE, first_block_with, raw_yaml

HOLD_CARD, HOLD_BLOCK, HOLD = first_block_with("seconds")


@pytest.fixture(scope="module")
def hold_site(site: Path) -> Path:
    return site


@pytest.fixture(scope="module")
def hold_server(server: str) -> str:
    return server


def clock_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def test_a_hold_counts_down_from_get_ready_then_rests(
    phone, hold_server: str, buzzes: list[object]
) -> None:
    phone.clock.install()
    phone.goto(f"{hold_server}sessions/{HOLD_CARD}/")
    seconds = HOLD["seconds"]["max"]
    rest = round((HOLD["rest_seconds"]["min"] + HOLD["rest_seconds"]["max"]) / 2)
    block = phone.locator(f"section[data-block='{HOLD_BLOCK}']")
    assert block.locator("input[data-reps='1']").get_attribute("placeholder") == str(seconds)
    assert "Seconds" in block.locator(".lw-done").first.inner_text()
    panel = phone.locator("[data-lw-timer]")
    kind = phone.locator("[data-lw-timer-kind]")
    left = phone.locator("[data-lw-timer-left]")
    block.locator("[data-lw-hold='1']").click()
    assert panel.is_visible()
    assert kind.inner_text() == "Get ready" and left.inner_text() == "0:03"
    phone.clock.run_for(3_100)
    assert kind.inner_text() == "Hold"
    assert left.inner_text() in (clock_text(seconds), clock_text(seconds - 1))
    assert not block.locator("input[data-set='1']").is_checked()
    phone.clock.run_for(seconds * 1000)
    # The hold has ended with its cue: a buzz, the set ticked at its seconds, rest running.
    phone.wait_for_function("() => true")
    assert len(buzzes) >= 2, "a buzz when the hold starts and when it ends"
    assert block.locator("input[data-set='1']").is_checked()
    assert block.locator("input[data-reps='1']").input_value() == str(seconds)
    assert kind.inner_text() == "Rest"
    assert "Hold done" in phone.locator("[data-lw-timer-what]").inner_text()
    phone.clock.run_for(rest * 1000 + 500)
    assert "Rest over" in phone.locator("[data-lw-timer-done]").inner_text()
    stored = phone.evaluate(f"JSON.parse(localStorage.getItem('legwork:session:{HOLD_CARD}'))")
    assert stored["weeks"]["1"]["reps"] == {f"{HOLD_BLOCK}-1": seconds}


def test_a_typed_hold_time_is_the_one_counted(phone, hold_server: str) -> None:
    phone.clock.install()
    phone.goto(f"{hold_server}sessions/{HOLD_CARD}/")
    block = phone.locator(f"section[data-block='{HOLD_BLOCK}']")
    block.locator("input[data-reps='2']").fill("12")
    block.locator("[data-lw-hold='2']").click()
    phone.clock.run_for(3_100)
    assert phone.locator("[data-lw-timer-left]").inner_text() in ("0:12", "0:11")
    phone.clock.run_for(12_000)
    assert block.locator("input[data-set='2']").is_checked()


def test_the_screen_stays_awake_where_the_browser_can(browser, hold_server: str) -> None:
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.add_init_script(
        "window.lockRequests = [];"
        "Object.defineProperty(navigator, 'wakeLock', {configurable: true, value: {"
        " request: async (type) => { window.lockRequests.push(type);"
        " return new EventTarget(); } }});"
    )
    tab.goto(f"{hold_server}sessions/{HOLD_CARD}/")
    tab.wait_for_selector("[data-lw-session][data-lw-awake='on']")
    assert tab.evaluate("window.lockRequests") == ["screen"]
    context.close()


def test_without_wake_lock_nothing_breaks(browser, hold_server: str) -> None:
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.add_init_script(
        "Object.defineProperty(navigator, 'wakeLock', {configurable: true, value: undefined});"
    )
    tab.goto(f"{hold_server}sessions/{HOLD_CARD}/")
    tab.locator(f"section[data-block='{HOLD_BLOCK}'] input[data-set='1']").check()
    assert tab.locator("[data-lw-timer]").is_visible()
    assert tab.locator("[data-lw-session]").get_attribute("data-lw-awake") is None
    assert errors == []
    context.close()


def test_a_hold_is_a_timed_step_on_the_watch(hold_site: Path) -> None:
    from tests.test_watch_workouts import check_workout

    card = raw_yaml(DATA / "sessions" / f"{HOLD_CARD}.yml")
    check_workout(hold_site / "sessions" / f"{HOLD_CARD}.fit", card["title"], card["blocks"])
