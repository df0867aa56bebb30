"""The session page on a phone, in the gym: it leads with the exercises, each set is a tick
box with a load field, ticks and loads survive a reload and stay per session and week, a
new week starts clean (showing last week's loads), and ticking a set starts a rest timer
with that block's rest that ends with a message and a buzz. Playwright's clock drives the
timer; the page has no test-only shortcut."""

from __future__ import annotations

import re

from tests.conftest import DATA, PHONE, raw_yaml


def session(session_id: str) -> dict:
    return raw_yaml(DATA / "sessions" / f"{session_id}.yml")


def rest_seconds(block: dict) -> int:
    """The timer's rest: the middle of the block's rest range, from the raw file."""
    return round((block["rest_seconds"]["min"] + block["rest_seconds"]["max"]) / 2)


def clock_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def test_the_phone_sees_the_exercises_first_and_no_paper_parts(phone, server: str) -> None:
    phone.goto(f"{server}sessions/posterior-chain/")
    first = phone.locator(".lw-block").first
    assert first.bounding_box()["y"] < PHONE["height"], (
        "the first exercise is below the first screen"
    )
    assert not phone.locator(".lw-card__qr").is_visible()
    assert phone.locator(".lw-card__qr svg").count() == 1  # it is there for print
    assert not phone.locator("table.lw-log").first.is_visible()
    names = phone.locator(".lw-block__name a:not(.headerlink)").all_inner_texts()
    expected = [
        raw_yaml(DATA / "exercises" / f"{b['exercise']}.yml")["name"]
        for b in session("posterior-chain")["blocks"]
    ]
    assert names == expected


def test_every_set_is_a_tick_box_with_a_load_field(phone, server: str) -> None:
    phone.goto(f"{server}sessions/single-leg-strength/")
    for index, block in enumerate(session("single-leg-strength")["blocks"], start=1):
        section = phone.locator(f"section[data-block='{index}']")
        boxes = section.locator("input[type=checkbox][data-set]")
        assert boxes.count() == block["sets"]
        assert section.locator("input[data-load]").count() == block["sets"]
        assert int(section.get_attribute("data-rest")) == rest_seconds(block)
        box = boxes.first.bounding_box()
        assert box["width"] >= 20 and box["height"] >= 20, "tick boxes big enough for a thumb"


def test_ticks_and_loads_survive_a_reload_and_stay_with_their_session(phone, server: str) -> None:
    phone.goto(f"{server}sessions/posterior-chain/")
    phone.locator("section[data-block='1'] input[data-set='2']").check()
    phone.locator("section[data-block='1'] input[data-load='2']").fill("40 kg")
    phone.reload()
    assert phone.locator("section[data-block='1'] input[data-set='2']").is_checked()
    assert not phone.locator("section[data-block='1'] input[data-set='1']").is_checked()
    assert phone.locator("section[data-block='1'] input[data-load='2']").input_value() == "40 kg"
    assert phone.locator("[data-lw-week-number]").inner_text() == "1"
    # Another session keeps its own record.
    phone.goto(f"{server}sessions/beginner-foundations/")
    assert phone.locator("input[type=checkbox][data-set]:checked").count() == 0


def test_a_new_week_starts_clean_and_shows_last_weeks_load(phone, server: str) -> None:
    phone.goto(f"{server}sessions/posterior-chain/")
    phone.locator("section[data-block='2'] input[data-set='1']").check()
    phone.locator("section[data-block='2'] input[data-load='1']").fill("60")
    phone.locator("[data-lw-new-week]").click()
    assert phone.locator("[data-lw-week-number]").inner_text() == "2"
    assert not phone.locator("section[data-block='2'] input[data-set='1']").is_checked()
    load = phone.locator("section[data-block='2'] input[data-load='1']")
    assert load.input_value() == ""
    assert load.get_attribute("placeholder") == "last: 60"
    phone.reload()
    assert phone.locator("[data-lw-week-number]").inner_text() == "2"
    assert phone.locator("input[type=checkbox][data-set]:checked").count() == 0


def test_ticking_a_set_runs_the_rest_timer_to_its_end(
    phone, server: str, buzzes: list[object]
) -> None:
    phone.clock.install()
    phone.goto(f"{server}sessions/posterior-chain/")
    block = session("posterior-chain")["blocks"][2]
    rest = rest_seconds(block)
    timer = phone.locator("[data-lw-timer]")
    assert not timer.is_visible()
    phone.locator("section[data-block='3'] input[data-set='1']").check()
    assert timer.is_visible()
    left = phone.locator("[data-lw-timer-left]")
    assert left.inner_text() == clock_text(rest)
    phone.clock.run_for(30_000)
    assert left.inner_text() == clock_text(rest - 30)
    assert phone.locator("[data-lw-timer-done]").inner_text() == ""
    phone.clock.run_for((rest - 30) * 1000 + 500)
    assert left.inner_text() == "0:00"
    assert re.search(r"Rest over", phone.locator("[data-lw-timer-done]").inner_text())
    phone.wait_for_function("() => true")
    assert buzzes, "the phone buzzes where it can"
    phone.locator("[data-lw-timer-stop]").click()
    assert not timer.is_visible()


def test_unticking_does_not_start_a_rest(phone, server: str) -> None:
    phone.clock.install()
    phone.goto(f"{server}sessions/posterior-chain/")
    box = phone.locator("section[data-block='1'] input[data-set='1']")
    box.check()
    phone.locator("[data-lw-timer-stop]").click()
    box.uncheck()
    assert not phone.locator("[data-lw-timer]").is_visible()


def test_an_empty_week_cannot_be_skipped_past_and_last_loads_survive_a_quiet_week(
    phone, server: str
) -> None:
    phone.goto(f"{server}sessions/posterior-chain/")
    phone.locator("[data-lw-new-week]").click()
    assert phone.locator("[data-lw-week-number]").inner_text() == "1"
    assert "Nothing logged" in phone.locator("[data-lw-week-status]").inner_text()
    phone.locator("section[data-block='1'] input[data-load='1']").fill("50")
    phone.locator("[data-lw-new-week]").click()
    # Week 2: ticked, but no loads written; the hints must still come from week 1.
    phone.locator("section[data-block='1'] input[data-set='1']").check()
    phone.locator("[data-lw-timer-stop]").click()
    phone.locator("[data-lw-new-week]").click()
    assert phone.locator("[data-lw-week-number]").inner_text() == "3"
    load = phone.locator("section[data-block='1'] input[data-load='1']")
    assert load.get_attribute("placeholder") == "last: 50"


def test_a_running_rest_timer_survives_a_reload(phone, server: str) -> None:
    phone.clock.install()
    phone.goto(f"{server}sessions/posterior-chain/")
    rest = rest_seconds(session("posterior-chain")["blocks"][0])
    phone.locator("section[data-block='1'] input[data-set='1']").check()
    phone.clock.run_for(20_000)
    phone.reload()
    assert phone.locator("[data-lw-timer]").is_visible()
    # The installed clock also runs on its own, so a slow reload may take a second off.
    left = phone.locator("[data-lw-timer-left]").inner_text()
    assert left in {clock_text(rest - 20), clock_text(rest - 21)}, left
    assert "Romanian deadlift, set 1" in phone.locator("[data-lw-timer-what]").inner_text()
    phone.clock.run_for((rest - 20) * 1000 + 500)
    timer = phone.locator("[data-lw-timer]")
    assert "lw-timer--done" in (timer.get_attribute("class") or "")
