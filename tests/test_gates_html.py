"""Valid-HTML gate: the W3C Nu Html Checker reports no error on any page of the built site,
and does on a page that is invalid on purpose."""

from __future__ import annotations

from pathlib import Path

from tests.gates import html_validator
from tests.gates.site import BROKEN, html_pages


def test_every_page_is_valid_html(site: Path) -> None:
    messages = html_validator.check(html_pages(site), site)
    left, used = html_validator.split(messages)
    assert not left, f"{len(left)} HTML errors:\n" + "\n".join(map(str, left))
    stale = [suppression for suppression, count in used.items() if count == 0]
    assert not stale, f"tests/gates/html-validator.yml: unused suppressions, delete them: {stale}"


def test_the_checker_fails_a_page_that_is_invalid_on_purpose() -> None:
    page = BROKEN / "html" / "index.html"
    left, used = html_validator.split(html_validator.check([page], BROKEN))
    found = "\n".join(map(str, left))
    assert "Duplicate ID “twice”" in found
    assert "No “p” element in scope but a “p” end tag seen" in found
    assert "Bad value “” for attribute “tabindex” on element “label”" in found
    # A suppression covers only Material's own toggle, not the same fault anywhere else.
    assert 'id="done" autocomplete="off"' in found
    assert 'id="__drawer"' not in found
    assert sum(used.values()) == 1


def test_every_suppression_names_its_reason() -> None:
    for suppression in html_validator.suppressions():
        assert len(suppression.reason.split()) >= 5, f"{suppression}: say why it is suppressed"
