"""Sections of the hand-written safety page that exercise pages point to, by movement pattern.

The safety page (``docs/safety.md``) is prose; this is the one place that says which of its
sections concern which kinds of exercise, so every exercise of a pattern, present or future,
links the section without a list of ids to keep up to date.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SafetySection:
    anchor: str
    """The section's id on the safety page (a test checks that the page has it)."""
    lead: str
    """The words before the link, on the exercise page."""
    title: str
    patterns: frozenset[str]


SECTIONS: tuple[SafetySection, ...] = (
    SafetySection(
        anchor="heel-pain",
        lead="Heel pain under the foot, worst on the first steps of the morning? Read",
        title="heel pain and its red flags",
        patterns=frozenset({"calf-raise", "plyometric", "foot"}),
    ),
)


def sections_for(pattern: str) -> tuple[SafetySection, ...]:
    """The safety-page sections an exercise of this movement pattern links to."""
    return tuple(section for section in SECTIONS if pattern in section.patterns)
