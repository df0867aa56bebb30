"""Templates get the context they need, not the library: each page template is handed a
context built for it (the names it links to, the sources it cites, the coaching rules it
states), and no template reaches into the whole library."""

from __future__ import annotations

from typing import Any

import pytest
from jinja2 import meta

from macros.data.library import Library
from macros.data.loader import load_library
from macros.site import plan, prose
from macros.site.render import environment, prose_environment
from tests.conftest import DATA, ROOT

WHOLE_DATA = "library"
"""The name the whole library went by in templates."""

ALLOWANCES: dict[str, str] = {
    # A page template that still names the library, with the reason. Empty: every
    # template in macros/site/templates gets its own context. Add an entry here only with
    # an issue that says when it goes.
}


def names_used(source: str) -> set[str]:
    """The variables a template reads from its context (not the ones it sets itself)."""
    env = environment()
    return meta.find_undeclared_variables(env.parse(source))


def template_names() -> list[str]:
    return sorted(environment().list_templates())


def test_every_template_is_checked() -> None:
    pages = [name for name in template_names() if name.endswith(".md.j2")]
    assert len(pages) >= 15, pages  # exercise, assessment, muscle, session, programme, ...
    assert set(ALLOWANCES) <= set(template_names()), "an allowance names no template"


@pytest.mark.parametrize("name", template_names())
def test_no_template_reaches_into_the_library(name: str) -> None:
    env = environment()
    assert env.loader is not None
    source = env.loader.get_source(env, name)[0]
    if name in ALLOWANCES:
        pytest.xfail(ALLOWANCES[name])
    assert WHOLE_DATA not in names_used(source), (
        f"{name} reads `{WHOLE_DATA}`: give it what it shows in its context "
        "(macros/site/contexts.py) instead"
    )


@pytest.mark.parametrize(
    "source",
    [
        "{{ library.exercises | length }}",
        '{% for id in ids %}{{ library.muscles[id].name | md_link("x") }}{% endfor %}',
        "{% set rules = library.coaching %}{{ rules.text.gate }}",
    ],
)
def test_the_check_finds_a_template_that_names_the_library(source: str) -> None:
    assert WHOLE_DATA in names_used(source)


def test_the_check_ignores_a_name_the_template_sets_itself() -> None:
    assert WHOLE_DATA not in names_used("{% set library = 1 %}{{ library }} the library")


@pytest.fixture(scope="module")
def contexts(monkeypatch_module: pytest.MonkeyPatch) -> dict[str, dict[str, Any]]:
    """Every context the site plan hands a template, by the page's source path."""
    handed: list[tuple[str, dict[str, Any]]] = []
    real = plan.render

    def spy(template: str, **context: Any) -> str:
        handed.append((template, context))
        return real(template, **context)

    monkeypatch_module.setattr(plan, "render", spy)
    library = load_library(DATA)
    settings = plan.Settings(site_url="https://example.org/legwork/", repo_url="", pdfs=False)
    plan.generated_pages(library, settings)
    plan.abbreviations(library)
    return {f"{template} #{n}": context for n, (template, context) in enumerate(handed)}


@pytest.fixture(scope="module")
def monkeypatch_module() -> Any:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_the_plan_hands_no_template_the_library(contexts: dict[str, dict[str, Any]]) -> None:
    templates = {key.split(" #")[0] for key in contexts}
    for kind in ("exercise", "assessment", "muscle", "session", "programme", "booklet"):
        assert f"{kind}.md.j2" in templates
    handed_library = [
        f"{key}: {name}"
        for key, context in contexts.items()
        for name, value in context.items()
        if name == WHOLE_DATA or isinstance(value, Library)
    ]
    assert handed_library == []


def test_an_exercise_page_gets_the_names_it_links_to(
    contexts: dict[str, dict[str, Any]],
) -> None:
    """Expectations from the raw data: the exercise's harder rungs, the rungs that name it
    as harder, and the muscles it lists, each by the name its own file gives it."""
    from tests.conftest import exercise, exercise_ids, raw_yaml

    ids = exercise_ids()
    names = {i: exercise(i)["name"] for i in ids}
    muscles = {m["id"]: m["name"] for m in raw_yaml(DATA / "muscles.yml")["muscles"]}
    pages = {c["exercise"].id: c for k, c in contexts.items() if k.startswith("exercise.md.j2")}
    assert set(pages) == set(ids)
    for exercise_id in ids:
        raw = exercise(exercise_id)
        linked = set(raw.get("harder", [])) | {
            i for i in ids if exercise_id in exercise(i).get("harder", [])
        }
        assert pages[exercise_id]["exercise_names"] == {i: names[i] for i in linked}
        worked = {m for ids_ in raw["muscles"].values() for m in ids_}
        assert pages[exercise_id]["muscle_names"] == {m: muscles[m] for m in worked}
        assert set(pages[exercise_id]["cited"]) == {ref["id"] for ref in raw.get("sources", [])}


# --- The hand-written pages (mkdocs-macros). ---------------------------------------------

HANDWRITTEN_LIBRARY_USERS: dict[str, str] = {
    # Hand-written pages still read the library by the name the README documents for
    # contributors (``{{ library.exercises | length }}``): counts, lists and the warm-up
    # routines. The coaching rules they state come from ``coaching`` instead.
    "index.md": "the number of exercises",
    "open-data.md": "the number of each kind of entry and the muscle list",
    "planning/progress.md": "the heel-raise test's retest interval, from its own entry",
    "planning/season.md": "the list of session cards",
    "planning/warm-up.md": "the warm-up routines and the cards that use each",
}


def handwritten_pages() -> dict[str, set[str]]:
    """Each hand-written page in docs/ that uses a macro, with the names it reads."""
    env = prose_environment()
    docs = ROOT / "docs"
    used = {
        page.relative_to(docs).as_posix(): meta.find_undeclared_variables(
            env.parse(page.read_text(encoding="utf-8"))
        )
        for page in sorted(docs.rglob("*.md"))
    }
    return {page: names for page, names in used.items() if names}


def test_handwritten_pages_read_only_what_the_macros_offer() -> None:
    library = load_library(DATA)
    offered = prose.variables(library, lambda: "index.md", lenient=False)
    assert offered["coaching"] is library.coaching
    pages = handwritten_pages()
    assert any("coaching" in names for names in pages.values())
    unknown = {page: names - set(offered) for page, names in pages.items() if names - set(offered)}
    assert unknown == {}


def test_handwritten_pages_state_the_coaching_rules_from_coaching() -> None:
    readers = {page for page, names in handwritten_pages().items() if WHOLE_DATA in names}
    assert readers == set(HANDWRITTEN_LIBRARY_USERS), (
        "a hand-written page started or stopped reading `library`: update the list"
    )
    for page in readers:
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert "library.coaching" not in text, f"{page}: state a rule with `coaching.`"
