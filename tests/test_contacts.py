"""Contact drills count contacts: the first real card with a block of contacts (read from the
raw data) gets a "get ready" countdown, then a counter to tap, driven at 360 px with
Playwright's clock, as holds are in ``test_holds``."""

from __future__ import annotations

from tests.conftest import first_block_with

CARD, BLOCK, DRILL = first_block_with("contacts")
TARGET = DRILL["contacts"]["max"]


def stored(phone) -> dict:
    return phone.evaluate(f"JSON.parse(localStorage.getItem('legwork:session:{CARD}'))")


def start(phone, server: str, set_number: int):
    phone.clock.install()
    phone.goto(f"{server}sessions/{CARD}/")
    # Time stands still but for run_for, so a slow machine reads the same countdown.
    phone.clock.pause_at(phone.evaluate("Date.now()") + 1_000)
    block = phone.locator(f"section[data-block='{BLOCK}']")
    assert "Contacts" in block.locator(".lw-done").first.inner_text()
    assert block.locator("[data-lw-count]").count() == DRILL["sets"]
    block.locator(f"[data-lw-count='{set_number}']").click()
    assert phone.locator("[data-lw-timer-kind]").inner_text() == "Get ready"
    assert phone.locator("[data-lw-timer-left]").inner_text() == "0:03"
    assert phone.locator("[data-lw-timer-tap]").is_hidden()
    phone.clock.run_for(3_100)
    assert phone.locator("[data-lw-timer-kind]").inner_text() == "Contacts"
    assert phone.locator("[data-lw-timer-left]").inner_text() == f"0 of {TARGET}"
    return block


def test_tapping_every_contact_ends_the_set_with_its_cue(
    phone, server: str, buzzes: list[object]
) -> None:
    block = start(phone, server, 1)
    tap = phone.locator("[data-lw-timer-tap]")
    for count in range(1, TARGET):
        tap.click()
        assert phone.locator("[data-lw-timer-left]").inner_text() == f"{count} of {TARGET}"
    assert not block.locator("input[data-set='1']").is_checked()
    tap.click()
    phone.wait_for_function("() => true")
    assert len(buzzes) >= 2, "a buzz when counting starts and when the target is reached"
    assert block.locator("input[data-set='1']").is_checked()
    assert block.locator("input[data-reps='1']").input_value() == str(TARGET)
    assert phone.locator("[data-lw-timer-kind]").inner_text() == "Rest"
    assert tap.is_hidden()
    assert stored(phone)["weeks"]["1"]["reps"] == {f"{BLOCK}-1": TARGET}


def test_set_done_logs_the_contacts_tapped(phone, server: str) -> None:
    block = start(phone, server, 2)
    phone.locator("[data-lw-timer-tap]").click()
    phone.locator("[data-lw-timer-tap]").click()
    phone.locator("[data-lw-timer-finish]").click()
    assert block.locator("input[data-set='2']").is_checked()
    assert block.locator("input[data-reps='2']").input_value() == "2"
    assert stored(phone)["weeks"]["1"]["reps"] == {f"{BLOCK}-2": 2}
    assert phone.locator("[data-lw-timer-finish]").is_hidden()


def test_set_done_with_nothing_tapped_logs_the_target(phone, server: str) -> None:
    block = start(phone, server, 1)
    phone.locator("[data-lw-timer-finish]").click()
    assert block.locator("input[data-reps='1']").input_value() == str(TARGET)
    assert stored(phone)["weeks"]["1"]["reps"] == {f"{BLOCK}-1": TARGET}


def test_stop_puts_the_counter_away_and_logs_nothing(phone, server: str) -> None:
    block = start(phone, server, 1)
    phone.locator("[data-lw-timer-tap]").click()
    phone.locator("[data-lw-timer-stop]").click()
    assert phone.locator("[data-lw-timer]").is_hidden()
    assert not block.locator("input[data-set='1']").is_checked()
    assert block.locator("input[data-reps='1']").input_value() == ""
