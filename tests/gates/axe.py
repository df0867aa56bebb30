"""axe-core in headless Chromium: every page, in each colour scheme and screen size.

The rules are every axe rule carrying one of the tags in ``axe.yml``; none is disabled. They
all run in the first scheme at every screen size; a colour scheme changes colours and
nothing else, so the other schemes run the rules about colour (``colour_rules``), again at
every size. On the phone, each page is also measured for sideways overflow. An
exclusion skips one rule on one element (the exact selector axe reports) on the pages that
match a glob, and must say why. Each page is loaded once and checked in every screen size
and scheme in turn; pages are checked ``TABS`` at a time in separate tabs of one browser,
each tab checking page after page in its own renderer process.
"""

from __future__ import annotations

import asyncio
import contextlib
import fnmatch
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from typing import Any

from tests.gates.site import AXE_JS, config, require, uncovered

SCHEMES = {"light": "default", "dark": "slate"}
"""``prefers-color-scheme`` as the browser reports it → the Material scheme it selects."""

TABS = 1
"""Tabs checked at once. Under ``make test`` the other workers keep both cores busy, and two
tabs here cost about an eighth more processor time than one (78 and 80 s against 68 and 73 s
for half of the pages, measured with nothing else running), so one tab checks page after page."""


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


def options(scheme: str | None = None) -> dict[str, Any]:
    """Every tagged rule in the first scheme; the colour rules in any other."""
    if scheme is None or scheme == settings()["schemes"][0]:
        only = {"type": "tag", "values": settings()["tags"]}
    else:
        only = {"type": "rule", "values": settings()["colour_rules"]}
    return {"runOnly": only, "resultTypes": ["violations"]}


OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
"""How many CSS pixels the page is wider than the screen (0 when it fits)."""


@dataclass
class Report:
    """What a run found: axe's findings, and each page too wide for the phone (px over)."""

    findings: list[Finding]
    overflow: dict[str, int]


@cache
def axe_script() -> str:
    return require(AXE_JS).read_text(encoding="utf-8")


def run(base_url: str, paths: list[str], *, material: bool = True) -> Report:
    """Every violation on ``paths`` (relative to ``base_url``) in every scheme and viewport.

    Each page is loaded once and checked in every screen size and colour scheme in turn:
    the viewport is resized and the colour preference changed in place, and each change is
    waited for before axe runs again. With ``material``, each run also checks that the
    page shows the Material scheme the preference selects, so the dark run really checks
    the dark palette. ``TABS`` pages are checked at once, each tab in its own renderer.

    It runs Playwright's async API on a thread of its own, beside any synchronous browser
    the caller holds.
    """
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, _run_all(base_url, paths, material)).result()


async def _run_all(base_url: str, paths: list[str], material: bool) -> Report:
    from playwright.async_api import async_playwright

    from macros.media.chromium import launch

    waiting = deque(paths)
    report = Report(findings=[], overflow={})
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:

            async def work() -> None:
                tab = _Tab(browser)
                try:
                    while waiting:
                        await _check_page(tab, base_url, waiting.popleft(), material, report)
                finally:
                    await tab.close()

            await asyncio.gather(*(work() for _ in range(min(TABS, len(paths)))))
        finally:
            await browser.close()
    return report


class _Tab:
    """One tab that checks page after page: a page opened in the tab that checked the page
    before it reuses that tab's renderer and cache (a fresh context per page costs a new
    renderer process each time). Service workers are blocked, so the offline cache never
    serves a page in place of the built file, and local and session storage are cleared
    between pages, since Material keeps the chosen palette in local storage."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.context: Any = None
        self.page: Any = None

    async def open(self) -> Any:
        if self.page is None:
            self.context = await self.browser.new_context(service_workers="block")
            self.page = await self.context.new_page()
        return self.page

    async def forget(self) -> None:
        """What the last page stored, gone before the next page loads."""
        if self.page is not None and self.page.url.startswith("http"):
            await self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")

    async def close(self) -> None:
        if self.context is not None:
            await self.context.close()
        self.context = self.page = None


PAGE_SECONDS = 120
"""How long one page's runs may take before the page is tried again in a fresh tab: a
page that never settles fails with its name instead of hanging the suite."""


async def _check_page(tab: _Tab, base_url: str, path: str, material: bool, report: Report) -> None:
    for _ in range(2):
        found = Report(findings=[], overflow={})
        try:
            page = await tab.open()
            await asyncio.wait_for(_check(page, base_url, path, material, found), PAGE_SECONDS)
            await tab.forget()
        except TimeoutError:
            await tab.close()  # the next try starts in a fresh tab
            continue
        report.findings += found.findings
        report.overflow.update(found.overflow)
        return
    raise AssertionError(f"{path or '/'}: axe did not finish within {PAGE_SECONDS} s, twice")


FOLLOW_PREFERENCE = """() => {
  const inputs = [...document.querySelectorAll("input[data-md-color-media]")];
  const wanted = inputs.find((input) => matchMedia(input.dataset.mdColorMedia).matches);
  if (wanted && !wanted.checked) wanted.click();
}"""
"""What Material does on load, done in place: pick the palette whose media query the
browser's colour preference now matches, through Material's own palette control."""


NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"
"""Added to each page once it has loaded: a change of palette or size then shows its end
state at once instead of easing towards it frame by frame (each frame a repaint of the
whole page, about a fifth of a second of processor time per page over its runs). axe reads
the colours of the end state either way."""


SETTLED = """async () => {
  const atMost = (ms, promise) =>
    Promise.race([promise, new Promise((done) => setTimeout(done, ms))]);
  const twoFrames = new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await atMost(1000, twoFrames);
  const moving = document.getAnimations().filter((a) => a instanceof CSSTransition);
  await atMost(3000, Promise.all(moving.map((a) => a.finished.catch(() => null))));
}"""
"""Two frames, so the new size and palette are laid out, then every colour transition the
change started has ended (each wait bounded, so a page that never paints cannot hang the
run): axe reads the colours a reader sees, not ones half way."""


def _runs() -> list[tuple[str, str]]:
    """Every (viewport, scheme), ordered so each change is one step and the last run is in
    the first scheme, the one the next page loads in."""
    schemes = list(settings()["schemes"])
    runs = []
    for index, viewport in enumerate(settings()["viewports"]):
        order = schemes if index % 2 == 0 else schemes[::-1]
        runs += [(viewport, scheme) for scheme in order]
    if runs[-1][1] != schemes[0]:
        runs.append(runs.pop(-2))
    return runs


async def _check(tab: Any, base_url: str, path: str, material: bool, report: Report) -> None:
    loaded = False
    for viewport, scheme in _runs():
        width, height = settings()["viewports"][viewport]
        await tab.set_viewport_size({"width": width, "height": height})
        await tab.emulate_media(color_scheme=scheme)
        if not loaded:
            await tab.goto(base_url + path)
            await tab.evaluate(axe_script())
            await tab.add_style_tag(content=NO_TRANSITIONS)
            loaded = True
        if material:
            await tab.evaluate(FOLLOW_PREFERENCE)
            # A time-out is not the failure: the assertion below says what the page showed.
            with contextlib.suppress(Exception):
                await tab.wait_for_function(
                    "(scheme) => document.body.dataset.mdColorScheme === scheme",
                    arg=SCHEMES[scheme],
                    timeout=5_000,
                )
            shown = await tab.evaluate("() => document.body.dataset.mdColorScheme")
            assert shown == SCHEMES[scheme], f"{path}: {scheme} preference showed {shown!r}"
        await tab.evaluate(SETTLED)
        first = viewport == "phone" and scheme == settings()["schemes"][0]
        if first and (extra := await tab.evaluate(OVERFLOW)) > 0:
            report.overflow[path] = extra
        results = await tab.evaluate("(options) => axe.run(document, options)", options(scheme))
        report.findings += _findings(results, path, scheme, viewport)


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
