"""The card builder at ``sessions/build/``: the library as data for the page's script.

A coach picks exercises, stages and sets in the browser; the page's script
(``docs/assets/builder.js``) draws the same card markup as the session pages from what this
module exports, measures it at the printed page's size, and writes a session file. Every
fact the card prints comes from the data through here: names, doses, rests, cues, load
lines, the figures, the warm-up, finish and notes items of the shipped sessions, and the
vocabularies' labels. No MkDocs import.
"""

from __future__ import annotations

import re
from typing import Any

from macros.data import card
from macros.data.library import Library
from macros.data.models import CARD_LINE, MAX_SESSION_BLOCKS, Dose, Exercise
from macros.data.timing import SIDE_CHANGE_SECONDS, midpoint
from macros.data.vocab import EQUIPMENT, LEVELS, PATTERNS, SEASON_PHASES
from macros.site import urls
from macros.site.render import short_authors
from macros.site.views import CARD_STYLE, entry_legs, filter_choices, thumbnail

BELOW_RULE = "Fewer sets than this stage's rule: add sets before moving up."
"""The card's reason when a coach lowers the sets under the stage's progress rule."""


def load_line(guidance: str) -> str:
    """A stage's load guidance cut to one card line: its first clause when that fits,
    else up to the last comma that fits, else whole words and an ellipsis."""
    first = re.split(r"(?<=[.;:])\s", guidance.strip())[0].rstrip(".;:")
    if len(first) < CARD_LINE:
        return first + "."
    head = first[: CARD_LINE - 1]
    if ", " in head:
        return head.rsplit(", ", 1)[0] + "."
    return head.rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _range(value: Any) -> dict[str, float]:
    return {"min": value.min, "max": value.max}


def _stage(exercise: Exercise, dose: Dose) -> dict[str, Any]:
    single = exercise.legs(dose) == "single"
    work = midpoint(dose.amount)
    if dose.kind != "hold":
        work *= exercise.tempo_of(dose).total
    if single:
        work = 2 * work + SIDE_CHANGE_SECONDS
    rule = dose.progress_when
    return {
        "stage": dose.stage,
        "measure": dose.measure,
        "single": single,
        "sets": _range(dose.sets),
        "amount": _range(dose.amount),
        "rest": _range(dose.rest_seconds),
        "load": load_line(dose.load.guidance),
        "set_seconds": work,
        # Fewer sets than this cannot meet the stage's rule: the card then says why.
        "rule_sets": rule.sets or 0,
        "rule_amount": rule.amount,
    }


def builder_data(library: Library, links: urls.Links) -> dict[str, Any]:
    """Everything the builder's script reads, as plain JSON-ready values."""
    exercises = []
    for exercise in library.exercises.values():
        first_source = exercise.sources[0].id if exercise.sources else None
        exercises.append(
            {
                "id": exercise.id,
                "name": exercise.name,
                "href": links.file(urls.path("exercise", exercise.id)),
                "pattern": exercise.pattern,
                "level": exercise.level,
                "laterality": exercise.laterality,
                "legs": list(entry_legs(exercise)),
                "kits": [list(kit) for kit in exercise.kits],
                "muscles": [*exercise.muscles.primary, *exercise.muscles.secondary],
                "primary": list(exercise.muscles.primary),
                "previous_ids": list(exercise.previous_ids),
                "cues": list(exercise.technique.cues),
                "source": first_source,
                "thumbnail": str(thumbnail(exercise)),
                "stages": [_stage(exercise, dose) for dose in exercise.dosage],
            }
        )
    sessions = list(library.sessions.values())

    def items(kind: str) -> list[dict[str, Any]]:
        return [
            {"key": f"{s.id}.{n}", "from": s.title, "text": item.text, "minutes": item.minutes}
            for s in sessions
            for n, item in enumerate(getattr(s, kind), start=1)
        ]

    cited = {e["source"] for e in exercises if e["source"]}
    return {
        "site_url": urls.base_url(links.site_url),
        "page": urls.path("builder"),
        "max_blocks": MAX_SESSION_BLOCKS,
        "card_style": CARD_STYLE,
        "card_line": CARD_LINE,
        "below_rule": BELOW_RULE,
        "paper": {
            # Printable width and height of each paper with the card's 10 mm margins.
            "A4": {"width": 190.0, "height": 277.0},
            "Letter": {"width": 195.9, "height": card.PAGE_HEIGHT},
        },
        "exercises": exercises,
        "warm_up": items("warm_up"),
        "finish": items("finish"),
        "notes": [
            {"key": f"{s.id}.{n}", "from": s.title, "text": note}
            for s in sessions
            for n, note in enumerate(s.notes, start=1)
        ],
        "plans": [
            {
                "key": s.id,
                "title": s.title,
                "week_placement": s.week_placement,
                "progression": s.progression,
                "phase": list(s.audience.phase),
                # The card's own lines for its blocks: the builder prints them when it holds
                # the same exercise at the same stage, so a shipped card rebuilt is the card.
                "blocks": [
                    {
                        "exercise": b.exercise,
                        "stage": b.stage,
                        "load": b.load,
                        "cue": b.cue,
                        "below_rule": b.below_rule,
                    }
                    for b in s.blocks
                ],
            }
            for s in sessions
        ],
        "defaults": {"plan": sessions[0].id if sessions else None},
        "taken_ids": sorted(
            {
                *library.sessions,
                *library.programmes,
                urls.path("builder").strip("/").rsplit("/", 1)[-1],
                *(old for s in sessions for old in s.previous_ids),
            }
        ),
        "sources": {
            source_id: {
                "short": short_authors(library.sources[source_id].authors),
                "year": library.sources[source_id].year,
            }
            for source_id in sorted(cited)
            if source_id in library.sources
        },
        "labels": {
            "equipment": EQUIPMENT.labels(),
            "always_at_hand": [t.id for t in EQUIPMENT if t.always_at_hand],
            "equipment_order": list(EQUIPMENT.ids),
            "pattern": PATTERNS.labels(),
            "level": LEVELS.labels(),
            "level_order": list(LEVELS.ids),
            "phase": SEASON_PHASES.labels(),
            "muscle": {m.id: m.name for m in library.muscles.values()},
        },
    }


def builder_context(library: Library, links: urls.Links) -> dict[str, object]:
    return {
        "builder_data": builder_data(library, links),
        "style_href": links.file(urls.BUILDER_STYLE),
        "qr_href": links.file(urls.QR_SCRIPT),
        "script_href": links.file(urls.BUILDER_SCRIPT),
        "session_script": links.file(urls.SESSION_SCRIPT),
        "sessions_href": links.href("sessions"),
        "choices": filter_choices(library),
        "max_blocks": MAX_SESSION_BLOCKS,
        "card_style": CARD_STYLE,
    }
