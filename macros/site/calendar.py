"""What a programme page's calendar needs: each week's sessions in order (a card done twice
is two sessions), with the card's title and page and the week's focus. The page makes the
RFC 5545 file itself, in the browser, from the runner's start date and training days.

Numbers and ids only: the titles and each week's focus reach the page as escaped attributes,
so no text from a data file sits in a script element."""

from __future__ import annotations

from typing import Any

from macros.data.library import Library
from macros.data.models import Programme
from macros.site import urls


def calendar_plan(library: Library, programme: Programme, links: urls.Links) -> dict[str, Any]:
    weeks = []
    for week in programme.weeks:
        sessions = [
            {
                "card": week_card.card,
                "href": links.file(urls.path("session", week_card.card)),
            }
            for week_card in week.cards
            for _ in range(week_card.times)
        ]
        weeks.append({"week": week.week, "sessions": sessions})
    return {
        "programme": programme.id,
        "weeks": weeks,
        "most": max(len(w["sessions"]) for w in weeks),
    }
