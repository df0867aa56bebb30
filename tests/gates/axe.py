"""axe-core in headless Chromium: every page, in each colour scheme and screen size.

The rules are every axe rule carrying one of the tags in ``axe.yml``; none is disabled. An
exclusion skips one rule on one element (the exact selector axe reports) on the pages that
match a glob, and must say why. Pages are checked a few at a time in separate tabs of one
browser, since each tab runs axe in its own renderer process.
"""

from __future__ import annotations

import fnmatch
from collections import deque
from dataclasses import dataclass
from functools import cache
from typing import Any

from tests.gates.site import AXE_JS, config, require, uncovered

SCHEMES = {"light": "default", "dark": "slate"}
"""``prefers-color-scheme`` as the browser reports it → the Material scheme it selects."""

TABS = 3
"""Tabs checked at once: on this two-core machine, a quarter faster than one at a time."""


@dataclass(frozen=True)
class Finding:
    """One element of one page that breaks one rule."""

    page: str
    scheme: str
    viewport: str
    rule: str
    target: str
    html: str
    summary: str

    def __str__(self) -> str:
        summary = " ".join(self.summary.split())
        return (
            f"{self.page or '/'} [{self.scheme}, {self.viewport}] {self.rule}: {self.target}\n"
            f"    {self.html[:200]}\n    {summary[:400]}"
        )


@dataclass(frozen=True)
class Exclusion:
    rule: str
    pages: str
    selector: str
    reason: str

    def matches(self, finding: Finding) -> bool:
        return (
            finding.rule == self.rule
            and finding.target == self.selector
            and fnmatch.fnmatchcase(finding.page, self.pages)
        )


@cache
def settings() -> dict[str, Any]:
    return config("axe.yml")


def exclusions() -> list[Exclusion]:
    entries = settings().get("exclusions") or []
    for entry in entries:
        missing = {"rule", "pages", "selector", "reason"} - set(entry)
        assert not missing, f"axe.yml: exclusion {entry} lacks {sorted(missing)}"
        assert str(entry["reason"]).strip(), f"axe.yml: exclusion {entry} needs a reason"
    return [Exclusion(**entry) for entry in entries]


def options() -> dict[str, Any]:
    return {"runOnly": {"type": "tag", "values": settings()["tags"]}, "resultTypes": ["violations"]}


@cache
def axe_script() -> str:
    return require(AXE_JS).read_text(encoding="utf-8")


def run(browser: Any, base_url: str, paths: list[str], *, material: bool = True) -> list[Finding]:
    """Every violation on ``paths`` (relative to ``base_url``) in every scheme and viewport.

    With ``material``, each page must also show the Material scheme that the browser's
    colour preference selects, so the dark run really checks the dark palette.
    """
    findings: list[Finding] = []
    for scheme in settings()["schemes"]:
        for viewport, (width, height) in settings()["viewports"].items():
            context = browser.new_context(
                color_scheme=scheme, viewport={"width": width, "height": height}
            )
            try:
                findings += _run_in(context, base_url, paths, scheme, viewport, material)
            finally:
                context.close()
    return findings


def _run_in(
    context: Any, base_url: str, paths: list[str], scheme: str, viewport: str, material: bool
) -> list[Finding]:
    free = [context.new_page() for _ in range(min(TABS, len(paths)))]
    running: deque[tuple[Any, str]] = deque()
    findings: list[Finding] = []

    def collect() -> None:
        tab, path = running.popleft()
        results = tab.evaluate("() => window.__legworkAxe")
        findings.extend(_findings(results, path, scheme, viewport))
        free.append(tab)

    for path in paths:
        if not free:
            collect()
        tab = free.pop()
        tab.goto(base_url + path)
        if material:
            shown = tab.evaluate("() => document.body.dataset.mdColorScheme")
            assert shown == SCHEMES[scheme], f"{path}: {scheme} preference showed {shown!r}"
        tab.evaluate(axe_script())
        tab.evaluate("options => { window.__legworkAxe = axe.run(document, options); }", options())
        running.append((tab, path))
    while running:
        collect()
    return findings


def _findings(results: dict, path: str, scheme: str, viewport: str) -> list[Finding]:
    return [
        Finding(
            page=path,
            scheme=scheme,
            viewport=viewport,
            rule=violation["id"],
            target=" ".join(map(str, node["target"])),
            html=node["html"],
            summary=node.get("failureSummary") or violation["help"],
        )
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def split(findings: list[Finding]) -> tuple[list[Finding], dict[Exclusion, int]]:
    """The findings no exclusion covers, and how many each exclusion covered."""
    return uncovered(findings, exclusions())
