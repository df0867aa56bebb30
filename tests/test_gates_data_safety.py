"""Data safety on the built page: text fields carrying ``{{ … }}``, ``<script>``,
``javascript:`` links and event attributes are built into a site, and every page shows
that text inert: no script element, no live link or handler, no template evaluated.

The validator rejects such text (``_UNSAFE_TEXT`` in ``macros/models.py``). To prove the
renderer's escaping holds on its own, these tests switch off only that one check, for an
in-process build of a copy of the project whose data carries the payloads.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import build_site
from tests.gates import hostile
from tests.gates.site import BROKEN, html_pages, serve


@pytest.fixture(scope="module")
def hostile_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, hostile.HostileProject]]:
    project = hostile.make_project(tmp_path_factory.mktemp("hostile") / "project")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("macros.models._UNSAFE_TEXT", ())
        patch.setenv("LEGWORK_PDFS", "false")  # the cards' PDFs add nothing here
        site = build_site(project.config, project.root / "site")
    yield site, project


def test_the_validator_would_have_rejected_the_payloads() -> None:
    from macros.models import _plain_text

    for payload in hostile.PAYLOADS.values():
        with pytest.raises(ValueError, match="plain text"):
            _plain_text(payload)


def test_the_hostile_exercise_page_shows_every_payload_as_written(hostile_site) -> None:
    site, project = hostile_site
    page = site / "exercises" / project.exercise / "index.html"
    text = hostile.visible_text(page.read_text(encoding="utf-8"))
    missing = [name for name, payload in hostile.PAYLOADS.items() if payload not in text]
    assert missing == [], f"payloads not shown as written: {missing}"


def test_no_page_of_the_hostile_site_runs_or_evaluates_a_payload(hostile_site) -> None:
    site, _ = hostile_site
    live = {
        str(page.relative_to(site)): found
        for page in html_pages(site)
        if (found := hostile.live_payloads(page.read_text(encoding="utf-8")))
    }
    assert live == {}, "data text became live markup:\n" + "\n".join(
        f"{page}: {finding}" for page, findings in live.items() for finding in findings
    )


def test_in_the_browser_no_payload_runs_on_the_pages_that_show_them(hostile_site, tab) -> None:
    site, project = hostile_site
    pages = [
        f"exercises/{project.exercise}/",
        f"sessions/{project.session}/",
        f"muscles/{project.muscle}/",
        "tags/",
        "glossary/",
    ]
    with serve(site) as base:
        ran = {}
        for path in pages:
            tab.goto(base + path)
            # Fire the events a reader's pointer and keyboard would, on every element.
            tab.evaluate(
                "() => document.querySelectorAll('*').forEach(el => ['mouseover', 'focus']"
                ".forEach(type => el.dispatchEvent(new Event(type, {bubbles: true}))))"
            )
            if (value := tab.evaluate(f"() => window.{hostile.PWNED}")) is not None:
                ran[path] = value
            links = tab.evaluate(
                "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"
                ".filter(href => /^(javascript|vbscript|data):/i.test(href))"
            )
            assert links == [], f"{path}: live script links {links}"
        assert ran == {}, f"payloads ran: {ran}"


def test_the_inertness_check_catches_payloads_that_went_live() -> None:
    page = (BROKEN / "unsafe" / "index.html").read_text(encoding="utf-8")
    found = "\n".join(hostile.live_payloads(page))
    for kind in (
        "live script",
        "live event handler",
        "live script URL",
        "injected element",
        "template evaluated: expression",
        "template evaluated: statement",
    ):
        assert kind in found, f"{kind!r} not caught in {found}"
