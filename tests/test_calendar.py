"""The plan in a calendar: a programme page takes a start date and training days and
downloads an RFC 5545 file, made in the browser with no network, holding one event per
session per week on the chosen days. Parsed with icalendar; expectations from the raw YAML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.conftest import DATA, data_ids, raw_yaml

PHONE = {"width": 360, "height": 740}
START = dt.date(2027, 1, 4)  # a Monday
DAYS = {"Tue": 1, "Fri": 4, "Sun": 6}  # name → weekday(), Monday 0


def calendar_from_page(browser, server: str, programme_id: str, days: list[str], tmp_path: Path):
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.goto(f"{server}programmes/{programme_id}/")
    context.set_offline(True)  # made on the phone, from the page alone
    form = tab.locator("form[data-lw-calendar]")
    form.locator("input[type=date]").fill(START.isoformat())
    for day in days:
        form.get_by_label(day, exact=True).check()
    with tab.expect_download() as info:
        form.locator("[data-lw-ics]").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    status = form.locator("[data-lw-calendar-status]").inner_text()
    context.close()
    return Calendar.from_ical(path.read_bytes()), path.read_bytes(), status


@pytest.mark.parametrize("programme_id", data_ids("programmes"))
def test_one_event_per_session_per_week_on_the_chosen_days(
    browser, server: str, programme_id: str, tmp_path: Path
) -> None:
    programme = raw_yaml(DATA / "programmes" / f"{programme_id}.yml")
    most = max(sum(c.get("times", 1) for c in w.get("cards", [])) for w in programme["weeks"])
    chosen = list(DAYS)[: max(most, 2)]
    calendar, raw, status = calendar_from_page(browser, server, programme_id, chosen, tmp_path)
    assert b"\r\n" in raw and raw.startswith(b"BEGIN:VCALENDAR")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines folded at 75 octets"
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    expected = []
    for week in programme["weeks"]:
        first = START + dt.timedelta(weeks=week["week"] - 1)
        window = [first + dt.timedelta(days=n) for n in range(7)]
        training = [d for d in window if d.weekday() in {DAYS[n] for n in chosen}]
        sessions = [c["card"] for c in week.get("cards", []) for _ in range(c.get("times", 1))]
        for card, day in zip(sessions, training, strict=False):
            expected.append((day, card, week["week"]))
        assert len(sessions) <= len(training)
    assert len(events) == len(expected), "one event per session per week"
    assert f"{len(expected)} sessions" in status
    uids = set()
    for event, (day, card, week) in zip(events, sorted(expected), strict=True):
        assert event.decoded("DTSTART") == day
        title = raw_yaml(DATA / "sessions" / f"{card}.yml")["title"]
        summary = str(event["SUMMARY"])
        assert title in summary and f"week {week} of {len(programme['weeks'])}" in summary
        assert str(event["URL"]).endswith(f"/sessions/{card}/")
        uids.add(str(event["UID"]))
    assert len(uids) == len(events)


def test_too_few_training_days_are_refused_with_a_reason(browser, server: str) -> None:
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    tab = context.new_page()
    tab.goto(f"{server}programmes/base-eight-weeks/")
    form = tab.locator("form[data-lw-calendar]")
    form.locator("input[type=date]").fill(START.isoformat())
    form.get_by_label("Tue", exact=True).check()
    downloads: list[object] = []
    tab.on("download", lambda download: downloads.append(download))
    form.locator("[data-lw-ics]").click()
    assert "Pick at least 2 training days" in form.locator("[data-lw-calendar-status]").inner_text()
    assert downloads == []
    context.close()
