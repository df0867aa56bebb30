"""Your log, out and back: the session page exports every stored week as CSV (one row per
set) and as JSON, and a fresh browser profile imports the JSON with nothing lost, merging
and never silently overwriting a week. Names come from the raw YAML."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import DATA, exercise, raw_yaml

PHONE = {"width": 360, "height": 740}
LEGWORK_KEYS = "Object.keys(localStorage).filter((k) => k.startsWith('legwork:'))"
COLUMNS = [
    "date",
    "session",
    "week",
    "exercise_id",
    "exercise_name",
    "set",
    "reps",
    "seconds",
    "contacts",
    "load",
    "unit",
]


def fresh(browser):
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    return context, tab


def blocks(session_id: str) -> list[dict]:
    return raw_yaml(DATA / "sessions" / f"{session_id}.yml")["blocks"]


def open_log_data(tab) -> None:
    if not tab.locator("[data-lw-log-data]").evaluate("(details) => details.open"):
        tab.locator("[data-lw-log-data] summary").click()


def export(tab, kind: str, tmp_path: Path) -> str:
    open_log_data(tab)
    with tab.expect_download() as info:
        tab.locator(f"[data-lw-export='{kind}']").click()
    download = info.value
    assert download.suggested_filename.endswith(f".{kind}")
    target = tmp_path / f"{kind}-{len(list(tmp_path.iterdir()))}.{kind}"
    download.save_as(target)
    return target.read_text(encoding="utf-8")


def import_file(tab, path: Path) -> str:
    open_log_data(tab)
    tab.locator("input[data-lw-import]").set_input_files(str(path))
    status = tab.locator("[data-lw-log-status]")
    status.filter(has_text=".").wait_for()
    return status.inner_text()


def log_two_sessions(tab, server: str) -> None:
    tab.goto(f"{server}sessions/posterior-chain/")
    tab.locator("[data-block='1'] input[data-set='1']").check()
    tab.locator("[data-block='1'] input[data-load='1']").fill("60 kg")
    tab.locator("[data-block='1'] input[data-reps='2']").fill("7")
    tab.locator("[data-block='1'] input[data-set='2']").check()
    tab.locator("[data-block='3'] input[data-load='1']").fill('bodyweight, "slow"')
    tab.locator("[data-block='3'] input[data-set='1']").check()
    tab.locator("[data-lw-timer-stop]").click()
    tab.locator("[data-lw-new-week]").click()
    tab.locator("[data-block='2'] input[data-load='1']").fill("80")
    tab.locator("[data-block='2'] input[data-set='1']").check()
    tab.locator("[data-lw-timer-stop]").click()
    tab.goto(f"{server}sessions/beginner-foundations/")
    tab.locator("[data-block='1'] input[data-set='1']").check()
    tab.locator("[data-lw-timer-stop]").click()


def test_csv_and_json_round_trip_through_a_fresh_profile(browser, server: str, tmp_path) -> None:
    first, tab = fresh(browser)
    log_two_sessions(tab, server)
    exported = export(tab, "json", tmp_path)
    table = export(tab, "csv", tmp_path)
    first.close()

    rows = list(csv.DictReader(io.StringIO(table)))
    assert list(rows[0].keys()) == COLUMNS
    posterior = blocks("posterior-chain")
    beginner = blocks("beginner-foundations")

    def row(session: str, week: str, exercise_id: str, set_: str) -> dict:
        return next(
            r
            for r in rows
            if (r["session"], r["week"], r["exercise_id"], r["set"])
            == (session, week, exercise_id, set_)
        )

    rdl = posterior[0]["exercise"]
    first_set = row("posterior-chain", "1", rdl, "1")
    assert first_set["exercise_name"] == exercise(rdl)["name"]
    assert first_set["reps"] == str(posterior[0]["reps"]["max"])  # ticked empty: the top
    assert (first_set["load"], first_set["unit"]) == ("60", "kg")
    assert len(first_set["date"]) == 10 and first_set["date"][4] == "-"
    assert row("posterior-chain", "1", rdl, "2")["reps"] == "7"
    calf = row("posterior-chain", "1", posterior[2]["exercise"], "1")
    assert (calf["load"], calf["unit"]) == ('bodyweight, "slow"', "")
    thrust = row("posterior-chain", "2", posterior[1]["exercise"], "1")
    assert (thrust["load"], thrust["unit"]) == ("80", "")
    assert row("beginner-foundations", "1", beginner[0]["exercise"], "1")["reps"] == str(
        beginner[0].get("reps", {}).get("max", "")
    )
    assert len(rows) == 5, "one row per logged set"

    document = json.loads(exported)
    assert document["format"] == "legwork-session-log"
    assert set(document["sessions"]) == {"posterior-chain", "beginner-foundations"}

    # A fresh profile: nothing stored, then the JSON brought across.
    second, other = fresh(browser)
    other.goto(f"{server}sessions/single-leg-strength/")
    assert other.evaluate(LEGWORK_KEYS) == []
    saved = tmp_path / "log.json"
    saved.write_text(exported, encoding="utf-8")
    message = import_file(other, saved)
    assert "Imported 3 weeks" in message, message
    again = json.loads(export(other, "json", tmp_path))
    assert again["sessions"] == document["sessions"], "nothing lost on the way"
    assert export(other, "csv", tmp_path) == table
    other.goto(f"{server}sessions/posterior-chain/")
    assert other.locator("[data-lw-week-number]").inner_text() == "2"
    assert other.locator("[data-block='2'] input[data-load='1']").input_value() == "80"
    second.close()


def test_importing_never_silently_overwrites_a_week(browser, server: str, tmp_path) -> None:
    context, tab = fresh(browser)
    tab.goto(f"{server}sessions/posterior-chain/")
    tab.locator("[data-block='1'] input[data-load='1']").fill("50")
    incoming = {
        "format": "legwork-session-log",
        "version": 2,
        "sessions": {
            "posterior-chain": {
                "week": 2,
                "weeks": {
                    "1": {"ticks": {"1-1": True}, "loads": {"1-1": "90"}, "reps": {"1-1": 8}},
                    "2": {"ticks": {"2-1": True}, "loads": {}, "reps": {"2-1": 12}},
                },
            }
        },
    }
    path = tmp_path / "other-phone.json"
    path.write_text(json.dumps(incoming), encoding="utf-8")
    message = import_file(tab, path)
    assert "Imported 1 week" in message
    assert "posterior-chain week 1" in message, message
    stored = tab.evaluate("JSON.parse(localStorage.getItem('legwork:session:posterior-chain'))")
    assert stored["weeks"]["1"]["loads"] == {"1-1": "50"}, "this phone's week 1 kept"
    assert stored["weeks"]["2"]["reps"] == {"2-1": 12}
    assert tab.locator("[data-lw-week-number]").inner_text() == "2"
    context.close()


def test_a_file_that_is_not_a_legwork_log_is_refused_clearly(
    browser, server: str, tmp_path
) -> None:
    context, tab = fresh(browser)
    tab.goto(f"{server}sessions/posterior-chain/")
    for name, text in (("list.json", '[{"reps": 10}]'), ("notes.json", "reps: 10")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        message = import_file(tab, path)
        assert message.startswith("This file is not a Legwork log"), message
        tab.locator("[data-lw-log-status]").evaluate("(e) => { e.textContent = ''; }")
    assert tab.evaluate(LEGWORK_KEYS) == []
    context.close()


def test_the_open_data_page_documents_every_csv_column(site: Path) -> None:
    from tests.conftest import page

    heading = page(site, "open-data/").find(id="training-log")
    table = heading.find_next("table")
    documented = [row.find("td").get_text(strip=True) for row in table.find_all("tr")[1:]]
    assert documented == COLUMNS


def test_the_session_page_says_what_is_stored_and_how_to_get_it_out(site: Path) -> None:
    from tests.conftest import page

    text = page(site, "sessions/posterior-chain/").find(attrs={"data-lw-log-data": True})
    words = text.get_text(" ", strip=True)
    assert "local storage" in words and "CSV" in words and "JSON" in words
    assert text.find(attrs={"data-lw-export": "csv"}) and text.find("input", type="file")
