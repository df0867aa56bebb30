"""The real site, built strict and in-process: every data file has its page, and pages
show what the data holds. (Links and anchors: strict mode and the LinkChecker gate.)"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import DATA, exercise_ids, page, raw_yaml

EXERCISES = exercise_ids()
ASSESSMENTS = exercise_ids("assessment")
MUSCLES = [m["id"] for m in raw_yaml(DATA / "muscles.yml")["muscles"]]
SECTION_ANCHORS = [
    "why",
    "muscles",
    "technique",
    "setup",
    "execution",
    "cues",
    "faults",
    "safety",
    "dosage",
    "progression",
    "progressions",
    "ladder",
    "sources",
]


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def text_of(site: Path, url_path: str) -> str:
    """Visible text of a page without whitespace (tags such as abbr split the text)."""
    return folded(page(site, url_path).get_text(""))


def folded(text: str) -> str:
    return re.sub(r"\s+", "", str(text))


def test_there_are_at_least_15_exercises() -> None:
    assert len(EXERCISES) >= 15


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_exercise_has_its_page_with_stable_anchors(site: Path, exercise_id: str) -> None:
    soup = page(site, f"exercises/{exercise_id}/")
    data = raw_yaml(DATA / "exercises" / f"{exercise_id}.yml")
    assert " ".join(soup.h1.get_text().rstrip("¶").split()) == data["name"]
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    missing = [anchor for anchor in SECTION_ANCHORS if anchor not in ids]
    assert missing == [], f"{exercise_id}: sections without their anchor: {missing}"


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_exercise_page_shows_everything_the_data_holds(site: Path, exercise_id: str) -> None:
    data = raw_yaml(DATA / "exercises" / f"{exercise_id}.yml")
    text = text_of(site, f"exercises/{exercise_id}/")
    technique = data["technique"]
    expected = [data["summary"], data["why_for_runners"], *data.get("aliases", [])]
    expected += technique["setup"] + technique["execution"] + technique["cues"]
    expected += technique["safety"] + data.get("differs_from_source", [])
    expected += [f["fault"] for f in technique["faults"]] + [f["fix"] for f in technique["faults"]]
    for dose in data["dosage"]:
        expected += [dose["progression"], dose["load"]["guidance"]]
    expected += [ref["supports"] for ref in data["sources"]]
    missing = [snippet for snippet in map(folded, expected) if snippet not in text]
    assert missing == []
    assert folded(f"Last reviewed {data['reviewed']}") in text


@pytest.mark.parametrize("assessment_id", ASSESSMENTS)
def test_a_test_page_shows_its_protocol_scoring_and_meaning(site: Path, assessment_id: str) -> None:
    data = raw_yaml(DATA / "exercises" / f"{assessment_id}.yml")
    soup = page(site, f"exercises/{assessment_id}/")
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    for anchor in ("protocol", "setup", "steps", "safety", "scoring", "interpretation", "sources"):
        assert anchor in ids, f"{assessment_id}: no #{anchor}"
    text = text_of(site, f"exercises/{assessment_id}/")
    protocol = data["protocol"]
    expected = [data["summary"], data["why_for_runners"], data["scoring"]["how"]]
    expected += protocol["setup"] + protocol["steps"] + protocol["safety"]
    expected += data["interpretation"] + [ref["supports"] for ref in data["sources"]]
    missing = [snippet for snippet in map(folded, expected) if snippet not in text]
    assert missing == []
    weeks = data["retest_weeks"]
    assert folded(f"retest every {weeks['min']}–{weeks['max']} weeks") in text
    assert not soup.select(".lw-dose, #ladder"), "a test has no dose and is on no ladder"


@pytest.mark.parametrize("muscle_id", MUSCLES)
def test_muscle_page_lists_exactly_the_exercises_that_name_it(site: Path, muscle_id: str) -> None:
    soup = page(site, f"muscles/{muscle_id}/")
    for role in ("primary", "secondary", "stabiliser"):
        expected = {
            exercise_id
            for exercise_id in EXERCISES
            if muscle_id
            in raw_yaml(DATA / "exercises" / f"{exercise_id}.yml")["muscles"].get(role, [])
        }
        heading = soup.find(id=role)
        assert heading is not None, f"{muscle_id}: no #{role} section"
        listing = heading.find_next_sibling("ul")
        linked = {a["href"].strip("/").split("/")[-1] for a in listing.find_all("a", href=True)}
        assert linked == expected, f"{muscle_id} as {role}"


@pytest.mark.parametrize(
    ("muscle_id", "at_least"), [("gluteus-medius", 2), ("tibialis-anterior", 1)]
)
def test_hip_and_shin_muscles_have_exercises_that_work_them(
    site: Path, muscle_id: str, at_least: int
) -> None:
    """The gluteus medius holds the pelvis level on every step and the tibialis anterior
    lifts the foot: each has exercises that work it, not only ones it steadies."""
    working = set()
    for exercise_id in EXERCISES:
        data = raw_yaml(DATA / "exercises" / f"{exercise_id}.yml")
        roles = data["muscles"]
        if data.get("kind", "exercise") == "exercise" and muscle_id in [
            *roles.get("primary", []),
            *roles.get("secondary", []),
        ]:
            working.add(exercise_id)
    assert len(working) >= at_least, f"{muscle_id}: only {sorted(working)}"
    soup = page(site, f"muscles/{muscle_id}/")
    linked = set()
    for role in ("primary", "secondary"):
        listing = soup.find(id=role).find_next_sibling("ul")
        linked |= {a["href"].strip("/").split("/")[-1] for a in listing.find_all("a", href=True)}
    assert working <= linked


def test_exercise_index_groups_every_exercise_by_pattern(site: Path) -> None:
    soup = page(site, "exercises/")
    linked = {a["href"].strip("/").split("/")[-1] for a in soup.select(".lw-results a[href]")}
    assert linked == set(EXERCISES + ASSESSMENTS)
    for pattern in {raw_yaml(DATA / "exercises" / f"{e}.yml")["pattern"] for e in EXERCISES}:
        assert soup.find(id=pattern), f"no section for pattern {pattern}"


def test_no_page_shows_a_template_or_macro_error(site: Path) -> None:
    offenders = []
    for path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        body = text.split("<article", 1)[-1]
        if re.search(r"Macro Rendering Error|\{\{|\{%|\{: |jinja2\.exceptions|Traceback", body):
            offenders.append(str(path.relative_to(site)))
    assert offenders == []


def test_no_page_shows_a_markdown_escape(site: Path) -> None:
    """Text escaped for Markdown but placed inside raw HTML keeps its backslashes: "Set 1
    \\(both sides\\)". No reader should ever see one."""
    offenders = []
    for path in html_pages(site):
        soup = page(site, str(path.relative_to(site)))
        article = soup.find("article")
        text = article.get_text(" ") if article else ""
        offenders += [
            f"{path.relative_to(site)}: {m}" for m in re.findall(r".{0,20}\\[^\s\\].{0,10}", text)
        ]
    assert offenders == []


def test_glossary_terms_show_as_tooltips(site: Path) -> None:
    soup = page(site, "exercises/romanian-deadlift/")
    titles = {abbr.get_text(): abbr["title"] for abbr in soup.select("article abbr[title]")}
    assert "RDL" in titles and titles["RDL"].startswith("Romanian deadlift")


def test_no_third_party_assets(site: Path) -> None:
    """Nothing a browser fetches (scripts, styles, images, fonts, icons) leaves the site."""
    offenders = []
    for path in site.rglob("*.html"):
        soup = page(site, str(path.relative_to(site)))
        for tag in soup.find_all(["script", "img", "iframe", "source", "link"]):
            if tag.name == "link" and not {"stylesheet", "icon", "preload", "manifest"} & set(
                tag.get("rel", [])
            ):
                continue
            url = tag.get("src") or tag.get("href") or ""
            if urlsplit(url).netloc:
                offenders.append(f"{path.relative_to(site)}: {url}")
    for css in site.rglob("*.css"):
        offenders += [
            f"{css.name}: {u}"
            for u in re.findall(
                r"url\((?:['\"])?(?:https?:)?//[^)]+", css.read_text(encoding="utf-8")
            )
        ]
    assert offenders == []


def test_exercises_of_a_tested_pattern_link_to_the_test(site: Path) -> None:
    """A runner on a calf raise finds the tests of its pattern, and those that name it."""
    tests = {a: raw_yaml(DATA / "exercises" / f"{a}.yml") for a in ASSESSMENTS}
    linked_somewhere = set()
    for exercise_id in EXERCISES:
        pattern = raw_yaml(DATA / "exercises" / f"{exercise_id}.yml")["pattern"]
        item = page(site, f"exercises/{exercise_id}/").find(id="test")
        expected = {
            a
            for a, raw in tests.items()
            if raw["pattern"] == pattern or pattern in raw.get("also_for", [])
        }
        linked = (
            {a["href"].strip("/").split("/")[-1] for a in item.find_all("a", href=True)}
            if item
            else set()
        )
        assert linked == expected, exercise_id
        linked_somewhere |= linked
    assert linked_somewhere == set(tests)
