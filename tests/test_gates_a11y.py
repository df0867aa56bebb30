"""Accessibility gate: axe-core finds nothing on any page of the built site, in the light and
dark schemes, on a phone and on a desktop screen, no page scrolls sideways on a 360 px
phone, and both checks find the faults of a page that is broken on purpose."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from filelock import FileLock

from tests.conftest import shared_dir
from tests.gates import axe
from tests.gates.site import BROKEN, content_pages, serve, url_path

PARTS = 2
"""The pages are checked in two halves, one class each, so that pytest-xdist
(``--dist loadscope``) can run them side by side."""


def check_part(site: Path, server: str, part: int, shared: Path) -> None:
    paths = [url_path(site, page) for page in content_pages(site)][part::PARTS]
    report = axe.run(server, paths)
    left, used = axe.split(report.findings)
    assert not left, f"{len(left)} accessibility violations:\n" + "\n".join(map(str, left))
    assert report.overflow == {}, f"pages wider than a phone (px too wide): {report.overflow}"
    # An exclusion is stale when no part used it: the last part to finish checks.
    with FileLock(str(shared / "axe-used.lock")):
        (shared / f"axe-used-{part}.json").write_text(
            json.dumps([[vars(rule), count] for rule, count in used.items()]), encoding="utf-8"
        )
        reports = sorted(shared.glob("axe-used-*.json"))
        if len(reports) < PARTS:
            return
    total: dict[str, int] = {}
    for report in reports:
        for rule, count in json.loads(report.read_text(encoding="utf-8")):
            key = json.dumps(rule, sort_keys=True)
            total[key] = total.get(key, 0) + count
    stale = [json.loads(key) for key, count in total.items() if count == 0]
    assert not stale, f"tests/gates/axe.yml: exclusions that match nothing, delete them: {stale}"


class TestFirstHalfOfThePages:
    def test_every_page_passes_axe_in_both_schemes_on_phone_and_desktop(
        self, site: Path, server: str, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        check_part(site, server, 0, shared_dir(tmp_path_factory))


class TestSecondHalfOfThePages:
    def test_every_page_passes_axe_in_both_schemes_on_phone_and_desktop(
        self, site: Path, server: str, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        check_part(site, server, 1, shared_dir(tmp_path_factory))


def test_axe_fails_a_page_that_is_inaccessible_on_purpose() -> None:
    with serve(BROKEN / "a11y") as base:
        report = axe.run(base, [""], material=False)
    schemes, viewports = axe.settings()["schemes"], axe.settings()["viewports"]
    every_run = set(itertools.product(schemes, viewports))
    for rule in ("color-contrast", "link-in-text-block"):
        runs = {(f.scheme, f.viewport) for f in report.findings if f.rule == rule}
        assert runs == every_run, f"{rule} was not found in every scheme and screen size"
    # The rules that are not about colour: in the first scheme, at every screen size.
    for rule in ("image-alt", "aria-dialog-name"):
        runs = {(f.scheme, f.viewport) for f in report.findings if f.rule == rule}
        assert runs == {(schemes[0], size) for size in viewports}, rule
    assert report.overflow == {"": report.overflow.get("")} and report.overflow[""] > 100


def test_an_exclusion_covers_one_rule_on_one_element_of_matching_pages() -> None:
    exclusion = axe.Exclusion(
        rule="empty-table-header", pages="sessions/*/", selector="th:nth-child(1)", reason="x"
    )
    finding = axe.Finding(
        page="sessions/easy/",
        scheme="light",
        viewport="phone",
        rule="empty-table-header",
        target="th:nth-child(1)",
        html="<th></th>",
        summary="",
    )
    assert exclusion.matches(finding)
    assert not exclusion.matches(_replace(finding, rule="color-contrast"))
    assert not exclusion.matches(_replace(finding, target="th:nth-child(2)"))
    assert not exclusion.matches(_replace(finding, page="exercises/hip-thrust/"))


def _replace(finding: axe.Finding, **changes: str) -> axe.Finding:
    from dataclasses import replace

    return replace(finding, **changes)
