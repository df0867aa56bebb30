"""The card builder at sessions/build/: the address holds the card, the card is the card
(printed on one page, its QR code leading back), the builder knows before it spills (its
answer checked against real PDFs), the downloaded file validates, and session mode runs it.
Expectations come from the raw data files, not from the builder's code."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from tests.conftest import DATA, ROOT, data_ids, exercise, exercise_ids, page, raw_yaml

SITE_URL = "http://127.0.0.1:8000/"
BUILDER = "sessions/build/"
PAPERS = ("A4", "Letter")


def stages(exercise_id: str) -> list[dict]:
    return exercise(exercise_id)["dosage"]


def builder_url(server: str, query: str) -> str:
    return f"{server}{BUILDER}{query}"


def card_names(tab) -> list[str]:
    return tab.locator("[data-lw-card] .lw-block__name a").all_inner_texts()


def open_builder(tab, url: str) -> None:
    tab.goto(url)
    tab.wait_for_selector("[data-lw-card]:not([hidden]) .lw-card__credit")


def pdf_pages(tab, paper: str, path: Path) -> int:
    tab.pdf(path=str(path), format=paper, prefer_css_page_size=True)
    return len(PdfReader(str(path)).pages)


def test_builder_page_carries_every_exercise_and_its_stages(site: Path) -> None:
    soup = page(site, BUILDER)
    data = json.loads(soup.find("script", id="lw-builder-data").string)
    shipped = {e["id"]: e for e in data["exercises"]}
    assert sorted(shipped) == sorted(exercise_ids("exercise"))
    for exercise_id, entry in shipped.items():
        raw = exercise(exercise_id)
        assert entry["name"] == raw["name"]
        assert [s["stage"] for s in entry["stages"]] == [d["stage"] for d in raw["dosage"]]
        assert entry["cues"] == raw["technique"]["cues"]
        assert entry["previous_ids"] == raw.get("previous_ids", [])
        for stage, dose in zip(entry["stages"], raw["dosage"], strict=True):
            assert stage["sets"] == dose["sets"] and stage["rest"] == dose["rest_seconds"]
            assert len(stage["load"]) <= 70
    warm = {item["text"] for item in data["warm_up"]}
    steps = {
        step["id"]: step["card"]
        for routine in raw_yaml(DATA / "warm-up.yml")["routines"]
        for step in routine["steps"]
    }
    for session_id in data_ids("sessions"):
        raw = raw_yaml(DATA / "sessions" / f"{session_id}.yml")
        lines = {item.get("text") or steps[item["step"]] for item in raw["warm_up"]}
        assert lines <= warm, session_id
    scripts = [s.get("src", "") for s in soup.find_all("script")]
    assert any(src.endswith("assets/builder.js") for src in scripts)
    assert (site / "assets" / "builder.js").is_file()


def test_vendored_qr_library_is_the_pinned_package() -> None:
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    assert "qrcode-generator" in pinned
    installed = ROOT / "node_modules" / "qrcode-generator"
    if not installed.exists():
        pytest.fail("run npm ci: node_modules/qrcode-generator is missing")
    version = json.loads((installed / "package.json").read_text())["version"]
    assert version == pinned["qrcode-generator"]
    vendored = ROOT / "docs" / "assets" / "vendor" / "qrcode.js"
    assert vendored.read_bytes() == (installed / "dist" / "qrcode.js").read_bytes()


def test_address_builds_the_card_and_drops_unknowns_with_a_message(server: str, tab) -> None:
    glute = stages("glute-bridge")[0]
    low_sets = glute["sets"]["min"]
    query = (
        "?title=Tuesday%20club&e=split-squat:learn,no-such-exercise:learn,"
        f"single-leg-calf-raise:no-such-stage,glute-bridge:{glute['stage']}:{low_sets}"
    )
    open_builder(tab, builder_url(server, query))
    assert card_names(tab) == [exercise("split-squat")["name"], exercise("glute-bridge")["name"]]
    assert tab.locator("[data-lw-card] h2").inner_text() == "Tuesday club"
    messages = tab.locator("[data-lw-messages]").inner_text()
    assert "no-such-exercise" in messages and "no-such-stage" in messages
    dose = tab.locator("[data-lw-card] .lw-block__dose strong").nth(1).inner_text()
    assert dose.startswith(f"{low_sets} × ")
    before = tab.locator("[data-lw-card]").inner_text()
    tab.reload()
    tab.wait_for_selector("[data-lw-card]:not([hidden]) .lw-card__credit")
    assert tab.locator("[data-lw-card]").inner_text() == before


def test_sets_are_never_raised_past_the_stage(server: str, tab) -> None:
    dose = stages("split-squat")[0]
    too_many = dose["sets"]["max"] + 3
    open_builder(tab, builder_url(server, f"?e=split-squat:{dose['stage']}:{too_many}"))
    text = tab.locator("[data-lw-card] .lw-block__dose strong").first.inner_text()
    assert text.startswith(f"{dose['sets']['max']} × ")
    options = tab.locator("[data-lw-chosen] select[data-sets] option").all_inner_texts()
    assert options[-1] == f"{dose['sets']['max']} sets"


def test_renamed_ids_follow_previous_ids(server: str, tab) -> None:
    """An exercise renamed later keeps old addresses working: the page's data is given an
    old id for one exercise, as a rename would, and the old id opens the new exercise."""

    def renamed(route) -> None:
        response = route.fetch()
        body, renames = re.subn(
            r'("id":\s*"split-squat",.*?"previous_ids":\s*)\[\]',
            r'\1["static-lunge"]',
            response.text(),
            count=1,
        )
        assert renames == 1
        route.fulfill(response=response, body=body)

    tab.route(re.compile(r".*/sessions/build/(\?.*)?$"), renamed)
    open_builder(tab, builder_url(server, "?e=static-lunge:learn"))
    assert card_names(tab) == [exercise("split-squat")["name"]]


def test_filters_add_reorder_remove_at_phone_width(server: str, tab) -> None:
    tab.set_viewport_size({"width": 360, "height": 740})
    open_builder(tab, builder_url(server, "?title=Club"))
    form = tab.locator("[data-lw-builder-filters]")
    form.locator("summary", has_text="Movement").click()
    form.locator("input[name=pattern][value=calf-raise]").check()
    expected = sorted(
        exercise(i)["name"]
        for i in exercise_ids("exercise")
        if exercise(i)["pattern"] == "calf-raise"
    )
    found = tab.locator("[data-lw-found-list] .lw-result__name").all_inner_texts()
    assert sorted(found) == expected
    first, second = found[0], found[1]
    tab.get_by_role("button", name=f"Add {first}").click()
    tab.get_by_role("button", name=f"Add {second}").click()
    assert card_names(tab) == [first, second]
    tab.get_by_role("button", name=f"Move {second} up").click()
    assert card_names(tab) == [second, first]
    assert "e=" in tab.url and tab.url.index(ids_of(second)) < tab.url.index(ids_of(first))
    tab.get_by_role("button", name=f"Remove {second}").click()
    assert card_names(tab) == [first]
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the builder scrolls sideways at 360 px ({width} px)"


def ids_of(name: str) -> str:
    return next(i for i in exercise_ids("exercise") if exercise(i)["name"] == name)


def random_query(rng: random.Random, count: int) -> str:
    chosen = rng.sample(exercise_ids("exercise"), count)
    parts = []
    for exercise_id in chosen:
        dose = rng.choice(stages(exercise_id))
        sets = rng.randint(dose["sets"]["min"], dose["sets"]["max"])
        parts.append(f"{exercise_id}:{dose['stage']}:{sets}")
    return "?title=" + quote(f"Random card {count}") + "&e=" + ",".join(parts)


SEEDS = range(14)


@pytest.fixture(scope="module")
def random_cards(server: str, browser, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Each seeded random card opened once in the builder and printed on each paper:
    seed → paper → (the builder's fit answer, the millimetres it counted, the PDF's pages)."""
    folder = tmp_path_factory.mktemp("random-cards")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    found: dict[int, dict[str, tuple]] = {}
    try:
        for seed in SEEDS:
            rng = random.Random(seed)
            open_builder(tab, builder_url(server, random_query(rng, rng.randint(3, 6))))
            card = tab.locator("[data-lw-card]")
            found[seed] = {
                paper: (
                    card.get_attribute(f"data-lw-fits-{paper.lower()}"),
                    card.get_attribute(f"data-lw-used-{paper.lower()}"),
                    pdf_pages(tab, paper, folder / f"{seed}-{paper}.pdf"),
                )
                for paper in PAPERS
            }
    finally:
        context.close()
    return found


@pytest.mark.parametrize("seed", SEEDS)
def test_builder_knows_before_it_spills(random_cards: dict, seed: int) -> None:
    """Random cards (seeded): the builder's fit answer for each paper is the page count of
    the PDF Chromium prints from the builder on that paper."""
    for paper, (fits, used, pages) in random_cards[seed].items():
        assert fits in ("yes", "no"), f"{paper}: no fit answer ({fits!r})"
        assert (fits == "yes") == (pages == 1), (
            f"{paper}: builder {fits} ({used} mm), {pages} pages"
        )


def test_the_random_cards_meet_both_answers(random_cards: dict) -> None:
    """The seeded cards above are worth printing: some fit, some do not, and at least one
    fits A4 but not the shorter Letter page."""
    answers = {tuple(random_cards[seed][p][0] for p in PAPERS) for seed in SEEDS}
    assert {("yes", "yes"), ("no", "no"), ("yes", "no")} <= answers, answers


def test_adding_until_full_is_refused_naming_what_takes_the_room(server: str, tab) -> None:
    """Single-leg exercises at their most sets fill the card; the one that would spill is
    refused with the room it needs and the part that takes it."""
    heavy = sorted(
        (i for i in exercise_ids("exercise") if exercise(i)["laterality"] == "single-leg"),
        key=lambda i: -stages(i)[0]["sets"]["max"],
    )
    open_builder(tab, builder_url(server, "?title=Full"))
    added = 0
    for exercise_id in heavy[:7]:
        tab.get_by_role("button", name=f"Add {exercise(exercise_id)['name']}").click()
        if tab.locator(".lw-builder__message--refused").count():
            break
        added += 1
    else:
        pytest.fail("seven heavy single-leg exercises were all taken: no refusal")
    shown = tab.locator(".lw-builder__message--refused").all_inner_texts()
    assert len(shown) == 2 and shown[0] == shown[1], "said at the top and beside the list"
    message = shown[0]
    assert "past one page" in message and "mm" in message
    assert "exercises" in message
    assert len(card_names(tab)) == added
    assert tab.locator("[data-lw-card]").get_attribute("data-lw-fits") == "yes"


@pytest.mark.parametrize("paper", PAPERS)
def test_printed_card_is_one_page_with_a_qr_code_to_its_address(
    server: str, tab, paper: str, tmp_path: Path
) -> None:
    # The five exercises of the shipped beginner card, at its sets: known to fit.
    blocks = raw_yaml(DATA / "sessions" / "beginner-foundations.yml")["blocks"]
    query = "?title=Five%20for%20Tuesday&e=" + ",".join(
        f"{b['exercise']}:{b['stage']}:{b['sets']}" for b in blocks
    )
    open_builder(tab, builder_url(server, query))
    assert tab.locator("[data-lw-card]").get_attribute("data-lw-fits") == "yes"
    path = tmp_path / "card.pdf"
    assert pdf_pages(tab, paper, path) == 1
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", str(path), str(tmp_path / "card")],
        check=True,
    )
    codes = [r.text for r in zxingcpp.read_barcodes(Image.open(tmp_path / "card.png"))]

    def canonical(b: dict) -> str:  # sets are written only when lowered below the stage's most
        most = next(d for d in stages(b["exercise"]) if d["stage"] == b["stage"])["sets"]["max"]
        return f"{b['exercise']}:{b['stage']}" + (f":{b['sets']}" if b["sets"] != most else "")

    address = "?title=Five%20for%20Tuesday&e=" + ",".join(canonical(b) for b in blocks)
    assert codes == [f"{SITE_URL}{BUILDER}{address}"]
    text = PdfReader(str(path)).pages[0].extract_text()
    for b in blocks:
        assert exercise(b["exercise"])["name"] in text
    assert "Week 5" in text and "Make your own card" not in text


def shipped_query(session: dict) -> str:
    sid = session["id"]
    parts = [f"{b['exercise']}:{b['stage']}:{b['sets']}" for b in session["blocks"]]
    query = "?title=" + quote(session["title"]) + "&e=" + ",".join(parts)
    for kind, key in (("warm", "warm_up"), ("finish", "finish"), ("notes", "notes")):
        keys = [f"{sid}.{n}" for n in range(1, len(session.get(key, [])) + 1)]
        query += f"&{kind}=" + ",".join(keys)
    return query + f"&plan={sid}"


@pytest.mark.parametrize("session_id", data_ids("sessions"))
def test_builder_and_validator_agree_on_every_shipped_card(
    server: str, tab, session_id: str
) -> None:
    """Every shipped card passes the validator's capacity model (or it would not build): the
    builder, given the same exercises, stages, sets and lines, says it fits too."""
    from macros.data import card
    from macros.data.loader import load_library

    library = load_library(DATA)
    assert card.card_height(library, library.sessions[session_id]).fits
    session = raw_yaml(DATA / "sessions" / f"{session_id}.yml")
    open_builder(tab, builder_url(server, shipped_query(session)))
    assert tab.locator("[data-lw-card]").get_attribute("data-lw-fits") == "yes"
    names = [exercise(b["exercise"])["name"] for b in session["blocks"]]
    assert card_names(tab) == names


def test_downloaded_yaml_validates_unchanged(server: str, tab, tmp_path: Path) -> None:
    query = (
        "?title=Tuesday%20club&e=split-squat:learn:2,glute-bridge:learn,single-leg-calf-raise:learn"
    )
    open_builder(tab, builder_url(server, query))
    with tab.expect_download() as caught:
        tab.get_by_role("button", name="Download as YAML").click()
    download = caught.value
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    target = data / "sessions" / download.suggested_filename
    assert download.suggested_filename == "tuesday-club.yml"
    download.save_as(str(target))
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli", "validate", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    written = raw_yaml(target)
    assert [b["exercise"] for b in written["blocks"]] == [
        "split-squat",
        "glute-bridge",
        "single-leg-calf-raise",
    ]
    assert written["blocks"][0]["sets"] == 2
    shown = tab.locator("[data-lw-card] .lw-card__meta").inner_text()
    assert f"about {written['duration_minutes']} minutes" in shown


def test_start_this_session_runs_session_mode_keyed_by_the_address(server: str, tab) -> None:
    query = "?title=Gym&e=split-squat:learn,glute-bridge:learn"
    open_builder(tab, builder_url(server, query))
    tab.get_by_role("button", name="Start this session").click()
    tab.wait_for_url(re.compile(r"mode=session"))
    tab.wait_for_selector("[data-lw-session] input[data-set]")
    tab.locator("[data-lw-session] input[data-set]").first.check()
    assert tab.locator("[data-lw-timer]").is_visible()
    tab.locator("[data-lw-session] input[data-load]").first.fill("12 kg")
    stored = tab.evaluate(
        "Object.keys(localStorage).filter((k) => k.startsWith('legwork:session:'))"
    )
    assert stored == [f"legwork:session:build{query}"]
    tab.reload()
    tab.wait_for_selector("[data-lw-session] input[data-set]")
    assert tab.locator("[data-lw-session] input[data-set]").first.is_checked()
    saved = tab.evaluate("localStorage.getItem('legwork:builder:saved')")
    assert "Gym" in saved


def test_a_built_card_runs_in_session_mode_with_no_network(browser, site: Path, tmp_path: Path):
    """Under a sub-path, the builder opened once in session mode, then no network at all:
    the same address still opens the card, ticks and all (the worker keeps the page)."""
    from tests.test_offline import SUB_PATH, hosting

    root = tmp_path / "www"
    shutil.copytree(site, root / SUB_PATH.strip("/"))
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, service_workers="allow"
    )
    tab = context.new_page()
    query = "?title=Basement&e=split-squat:learn,glute-bridge:learn&mode=session"
    with hosting(root) as (base, _):
        tab.goto(f"{base}{SUB_PATH}{BUILDER}{query}")
        tab.wait_for_selector("[data-lw-session][data-lw-offline='ready']", timeout=30_000)
    context.set_offline(True)
    tab.goto(f"{base}{SUB_PATH}{BUILDER}{query}")
    tab.wait_for_selector("[data-lw-session] input[data-set]")
    assert card_names(tab) == [exercise("split-squat")["name"], exercise("glute-bridge")["name"]]
    tab.locator("[data-lw-session] input[data-set]").first.tap()
    assert tab.locator("[data-lw-timer]").is_visible()
    context.close()


def card_facts(root) -> list[str]:
    """What a card says, part by part, as text with its spaces squeezed."""
    selectors = (
        ".lw-card__meta li",
        "#warm-up",
        ".lw-block__name a",
        ".lw-block__dose",
        ".lw-block__cue",
        ".lw-block__load",
        ".lw-block__why",
        "#progression",
        "#finish",
        "#notes",
        ".lw-log tbody th",
        ".lw-card__credit",
    )
    return [" ".join(node.get_text(" ").split()) for s in selectors for node in root.select(s)]


def test_downloaded_yaml_builds_a_card_equal_in_content(server: str, tab, tmp_path: Path):
    """The session file the builder writes, rendered by the site's own plan, says what the
    builder's card says: every line, dose, cue, load and log row."""
    from bs4 import BeautifulSoup

    from macros.data.loader import load_library
    from macros.site import contexts, urls
    from macros.site.render import render

    query = (
        "?title=Hill%20legs&e=single-leg-calf-raise:learn:2,romanian-deadlift:learn,"
        "step-up:learn&warm=posterior-chain.1,posterior-chain.2&plan=single-leg-strength"
    )
    open_builder(tab, builder_url(server, query))
    with tab.expect_download() as caught:
        tab.get_by_role("button", name="Download as YAML").click()
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    caught.value.save_as(str(data / "sessions" / caught.value.suggested_filename))
    library = load_library(data)
    session = library.sessions[caught.value.suggested_filename.removesuffix(".yml")]
    links = urls.Links(urls.src("session", session.id), SITE_URL)
    context = contexts.session_context(library, session, links)
    html = render(
        "session.md.j2",
        preview=SimpleNamespace(path="", alt=""),
        repo_url="",
        pdf=False,
        links=links,
        **context,
    )
    shipped = BeautifulSoup(html, "html.parser")
    built = BeautifulSoup(tab.locator("[data-lw-card]").inner_html(), "html.parser")
    facts = card_facts(shipped)
    assert len(facts) > 15 and any("Based on" in fact for fact in facts)
    assert card_facts(built) == facts
    assert built.find("h2").get_text() == session.title == "Hill legs"


def test_the_share_control_shares_the_cards_address(browser, server: str) -> None:
    context = browser.new_context()
    context.add_init_script("navigator.share = async (data) => { window.__lwShared = data; };")
    tab = context.new_page()
    query = "?title=Share%20me&e=split-squat:learn"
    open_builder(tab, builder_url(server, query))
    tab.get_by_role("button", name="Share").click()
    tab.wait_for_function("window.__lwShared")
    assert tab.evaluate("window.__lwShared.url") == f"{SITE_URL}{BUILDER}{query}"
    context.close()


def test_a_session_may_not_take_the_builders_address(tmp_path: Path) -> None:
    from macros.data.checks import RESERVED_SESSION_IDS
    from macros.site import urls

    assert [urls.path("builder")] == [f"sessions/{i}/" for i in RESERVED_SESSION_IDS]
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    source = data / "sessions" / "posterior-chain.yml"
    text = source.read_text(encoding="utf-8").replace("id: posterior-chain", "id: build", 1)
    (data / "sessions" / "build.yml").write_text(text, encoding="utf-8")
    source.unlink()
    for programme in (data / "programmes").glob("*.yml"):
        programme.write_text(
            programme.read_text(encoding="utf-8").replace("posterior-chain", "build"),
            encoding="utf-8",
        )
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli", "validate", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "build.yml:2: id: 'build' is the card builder's page; choose another id" in (
        result.stdout + result.stderr
    )
    assert "Traceback" not in result.stderr
