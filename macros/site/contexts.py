"""Each generated page's template context, built from the views: one function per kind of
entry page (:data:`ENTRY_CONTEXTS`, keyed by the registry's kind names) and one per page
that shows more than one entry (the calf complex, the booklet, the newsletter kit)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from macros.data import card, kinds, rules
from macros.data.library import Library
from macros.data.models import (
    Assessment,
    Exercise,
    Muscle,
    Programme,
    Session,
    Source,
)
from macros.data.rules import keeping, rule_words
from macros.data.timing import midpoint, session_minutes
from macros.data.vocab import (
    kit_words,
)
from macros.site import calendar, safety, training, urls
from macros.site.views import (
    CARD_STYLE,
    CardBlock,
    Snippets,
    exercise_roles,
    exercise_tags,
    ladder_view,
    muscle_map,
    plan_weeks,
    qr_svg,
    snippets,
    technique_figure,
    thumbnail,
)


def names(entries: Mapping[str, Exercise | Muscle], ids: Iterable[str]) -> dict[str, str]:
    """The names of the exercises or muscles a page links to, by id: what its template needs
    to write each link, and nothing more of the library."""
    return {i: entries[i].name for i in dict.fromkeys(ids)}


def titles(entries: Mapping[str, Session], ids: Iterable[str]) -> dict[str, str]:
    """The titles of the session cards a page links to, by id."""
    return {i: entries[i].title for i in dict.fromkeys(ids)}


def muscle_ids(entry: Exercise | Assessment) -> list[str]:
    """The muscles an exercise or assessment works, in its table's order."""
    return [i for ids in entry.muscles.by_role().values() for i in ids]


def cited(library: Library, ids: Iterable[str]) -> dict[str, Source]:
    """The sources a page cites, by id."""
    return {i: library.sources[i] for i in dict.fromkeys(ids)}


def calf_context(library: Library, links: urls.Links) -> dict[str, object]:
    """The calf complex page: the two calf muscles side by side, from the catalogue's
    facts and the exercises' calf data."""
    calves = [library.muscles[m] for m in ("soleus", "gastrocnemius") if m in library.muscles]
    raises = sorted(
        (e for e in library.exercises.values() if e.calf),
        key=lambda e: (e.calf.knee_angle_degrees if e.calf else 0, e.name),
    )
    cited = dict.fromkeys(source for muscle in calves for source in muscle.sources)
    return {
        "calves": calves,
        "maps": {
            muscle.id: muscle_map(
                library,
                links,
                {muscle.id: "focus"},
                id_prefix=f"lw-map-{muscle.id}",
                title=f"Where the {muscle.name.lower()} is",
            )
            for muscle in calves
        },
        "raises": raises,
        "calf_sources": [library.sources[source] for source in cited if source in library.sources],
        "fibre_sources": {
            m.id: library.sources[m.fibre_type.source] for m in calves if m.fibre_type
        },
        "trains": {muscle.id: library.exercises_for(muscle.id) for muscle in calves},
    }


def muscles_context(library: Library, links: urls.Links) -> dict[str, object]:
    """The muscle index: every muscle in the catalogue with the exercises that train it."""
    return {
        "muscles": list(library.muscles.values()),
        "trains": {m: library.exercises_for(m) for m in library.muscles},
        "muscle_map": muscle_map(library, links, {}, id_prefix="lw-map", title="The muscles"),
    }


def ladders_context(library: Library, links: urls.Links) -> dict[str, object]:
    """The ladders page: every ladder, drawn, and how many exercises they join."""
    return {
        "ladders": [(rungs, ladder_view(library, rungs, links)) for rungs in library.ladders()],
        "exercise_count": len(library.exercises),
    }


def session_context(
    library: Library, session: Session, links: urls.Links, url: str | None = None
) -> dict[str, object]:
    """A session card: its blocks, log, QR code (to ``url``; by default the card's page)
    and the figures printed on it."""
    url = url or urls.page_url(links.site_url, "session", session.id)
    blocks = []
    for block in session.blocks:
        exercise = library.exercises[block.exercise]
        single = card.single_leg(library, block)
        rows = tuple(
            f"{n} {side}" if single else str(n)
            for n in range(1, block.sets + 1)
            for side in (("L", "R") if single else ("",))
        )
        blocks.append(
            CardBlock(
                block=block,
                exercise=exercise,
                href=links.file(urls.path("exercise", exercise.id)),
                single=single,
                rows=rows,
                rest=round(midpoint(block.rest_seconds)),
                thumbnail=thumbnail(exercise),
            )
        )
    view = {
        "session": session,
        "url": url,
        "qr_svg": qr_svg(url),
        "qr_caption": "Open this card online:",
        "blocks": blocks,
        "weeks": card.WEEKS,
        "log_heading": "Week",
        "progress": None,
        "progress_label": "Progress:",
        "week_line": None,
        "credit_kind": "Legwork session card",
        "credits": [library.sources[ref.id] for ref in session.sources],
        "reviewed": session.reviewed,
        "minutes": session_minutes(library, session),
        "warm_up_minutes": f"{sum(item.minutes for item in session.warm_up):g}",
        "kit": kit_words(library.session_kit(session)),
        "notes": card.card_notes(library, session),
    }
    view["next_names"] = training.next_names(library, session, links)
    rules = training.session_rules(library, session, links)
    return {
        **view,
        "card": view,
        "card_style": CARD_STYLE,
        "session_rules": rules,
        "session_titles": titles(library.sessions, session.next),
        "before_rules": [
            {
                "name": library.exercises[item.exercise].name,
                "href": links.href("exercise", item.exercise),
                "stage": item.stage,
                "rule": rule_words(library, item.exercise, item.stage),
                "reached": keeping(session),
            }
            for item in session.before
        ],
        "next_gates": next_gates(library, session, session.next, links),
        "swaps": [
            (
                library.exercises[block.exercise].name,
                swapped_name(library, block.replaces, bool(swap_gate(block.load))),
                swap_gate(block.load),
            )
            for block in session.blocks
            if block.replaces
        ],
        "came_from": [
            (other.title, links.href(kind, other_id))
            for kind, entries in (("programme", library.programmes), ("session", library.sessions))
            for other_id, other in entries.items()
            if session.id in other.next
        ],
        "came_from_needs": came_from_needs(library, session, links),
        "coaching": library.coaching,
        "session_script": links.file(urls.SESSION_SCRIPT),
    }


def swapped_name(library: Library, exercise_id: str, gated: bool) -> str:
    """The name of the exercise a block replaces; for a gated swap ("in place of any ... left")
    of a two-footed exercise, said so, as the new card may hold a one-leg exercise of the same
    name (two-footed pogo hops, not the single-leg pogo hops)."""
    exercise = library.exercises[exercise_id]
    if gated and exercise.laterality == "bilateral":
        return f"two-footed {exercise.name[0].lower()}{exercise.name[1:]}"
    return exercise.name


def swap_gate(load: str) -> str:
    """The gate of a block whose load line starts with "Once " (up to its first ";"), as the
    swap order prints it: that exercise comes in only once the gate is met. Empty otherwise."""
    if not load.startswith("Once "):
        return ""
    return "o" + load.split(";", 1)[0].rstrip(".")[1:]


def next_gates(
    library: Library, source: Session, next_ids: Iterable[str], links: urls.Links
) -> dict[str, dict[str, object]]:
    """For each next card, what its pointer asks to be met first (``rules.pointer_needs``):
    each exercise with its stage and rule, whether this card doses that stage (else the dose is
    on the exercise's page), and whether some exercise here is left behind. ``every``: the
    needs are simply every exercise here at the stage done here."""
    gates: dict[str, dict[str, object]] = {}
    dosed = {(block.exercise, block.stage) for block in source.blocks}
    for card_id in next_ids:
        needs = rules.pointer_needs(library, source, library.sessions[card_id])
        items = [
            {
                "name": library.exercises[exercise_id].name,
                "href": links.href("exercise", exercise_id),
                "stage": stage,
                "rule": rule_words(library, exercise_id, stage),
                "here": (exercise_id, stage) in dosed,
                "between": [
                    {"name": library.exercises[rung].name, "href": links.href("exercise", rung)}
                    for rung in rungs_between(library, exercise_id, library.sessions[card_id])
                ],
            }
            for exercise_id, stage in needs
        ]
        named = {exercise_id for exercise_id, _ in needs}
        leaves = any(block.exercise not in named for block in source.blocks)
        every = not items or (not leaves and all(item["here"] for item in items))
        gates[card_id] = {"needs": items, "every": every, "leaves": leaves}
    return gates


def rungs_between(library: Library, exercise_id: str, target: Session) -> list[str]:
    """The rungs between an exercise and a harder rung the next card starts: harder rungs of
    this exercise that are easier rungs of that one. The exercise's page offers them as a
    route of its own (the eccentric heel drop before the single-leg calf raise), so a
    pointer that goes straight to the harder rung names them too."""
    found: list[str] = []
    harder = library.exercises[exercise_id].harder
    dosed = {block.exercise for block in target.blocks}
    for block in target.blocks:
        if block.exercise == exercise_id or exercise_id not in library.easier(block.exercise):
            continue
        found += [
            rung
            for rung in harder
            if rung not in dosed and rung in library.easier(block.exercise) and rung not in found
        ]
    return found


def came_from_needs(
    library: Library, session: Session, links: urls.Links
) -> list[dict[str, object]]:
    """For each card whose Next line points here, the rules that Next line asks beyond this
    card's own ``before`` items, from the same ``next_gates``, so the Before line here names
    every rule the card before it names."""
    own = {(item.exercise, item.stage) for item in session.before}
    own_names = {library.exercises[exercise_id].name for exercise_id, _ in own}
    found = []
    for other in library.sessions.values():
        if session.id not in other.next:
            continue
        gate = next_gates(library, other, [session.id], links)[session.id]
        extra = [item for item in gate["needs"] if item["name"] not in own_names]
        if extra:
            found.append({"title": other.title, "needs": extra})
    return found


def programme_gates(
    library: Library, programme: Programme, links: urls.Links
) -> dict[str, dict[str, object]]:
    """What a programme's pointer asks to be met first: the same as a card's pointer, from the
    last week's card as that week prescribes it."""
    last = [week for week in programme.weeks if week.cards]
    if not last or not programme.next:
        return {}
    gates = next_gates(library, library.week_session(last[-1].cards[0]), programme.next, links)
    card = library.sessions[last[-1].cards[0].card]
    for card_id, gate in gates.items():
        needs, unmoved = rules.programme_pointer_needs(
            library, programme, library.sessions[card_id]
        )
        if not unmoved:
            continue
        weeks = sorted({week for _, _, week in unmoved})
        gate["unmoved"] = [
            {
                "name": library.exercises[exercise_id].name,
                "stage": stage,
                "rule": rule_words(library, exercise_id, stage),
            }
            for exercise_id, stage, _ in unmoved
        ]
        gate["unmoved_weeks"] = (
            f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {weeks[0]}–{weeks[-1]}"
        )
        named = {exercise_id for exercise_id, _ in needs} | {e for e, _, _ in unmoved}
        gate["leaves"] = any(block.exercise not in named for block in card.blocks)
        gate["every"] = False
    return gates


def programme_before(library: Library, programme: Programme) -> list[dict[str, object]]:
    """The rules the programme's cards ask to be met before they start, each once."""
    seen: set[tuple[str, str]] = set()
    items = []
    for week in programme.weeks:
        for week_card in week.cards:
            for item in library.sessions[week_card.card].before:
                if (item.exercise, item.stage) not in seen:
                    seen.add((item.exercise, item.stage))
                    items.append(
                        {
                            "name": library.exercises[item.exercise].name,
                            "stage": item.stage,
                            "rule": rule_words(library, item.exercise, item.stage),
                            "reached": keeping(library.sessions[week_card.card]),
                        }
                    )
    return items


def programme_context(
    library: Library, programme: Programme, links: urls.Links
) -> dict[str, object]:
    sessions = sorted(
        {card.card for week in programme.weeks for card in week.cards},
        key=list(library.sessions).index,
    )
    judged = training.programme_moves(library, programme, links)
    return {
        "programme": programme,
        "weeks": plan_weeks(library, programme, links),
        "cards": [library.sessions[s] for s in sessions],
        "card_links": {s: links.file(urls.path("session", s)) for s in sessions},
        "booklet_href": links.file(urls.served(urls.booklet(programme.id))),
        "moves": rules.move_lines(library, programme),
        "judged_moves": judged,
        "session_titles": titles(
            library.sessions, (*programme.next, *(move["card"] for move in judged.values()))
        ),
        "exercise_names": names(
            library.exercises, (move["facts"]["exercise"] for move in judged.values())
        ),
        "next_gates": programme_gates(library, programme, links),
        "before_rules": programme_before(library, programme),
        "cited": cited(library, (ref.id for ref in programme.sources)),
        "coaching": library.coaching,
        "pdf_href": links.file(urls.booklet_pdfs(programme.id)[0]),
        "calendar": calendar.calendar_plan(library, programme, links),
        "session_script": links.file(urls.SESSION_SCRIPT),
    }


def booklet_context(library: Library, programme: Programme, links: urls.Links) -> dict[str, object]:
    """The booklet: a cover with the plan, then one card page per card per week, each with
    that week's dose and a log column for each time it is done that week."""
    url = urls.page_url(links.site_url, "programme", programme.id)
    weeks = plan_weeks(library, programme, links)
    moves = rules.move_lines(library, programme)
    pages = []
    for plan_week in weeks:
        for number, plan_card in enumerate(plan_week.cards):
            view = session_context(library, plan_card.session, links, url=url)["card"]
            week = plan_week.week
            test = plan_week.test.name if plan_week.test else None
            said = moves.get(week.week, ())
            if library.coaching is not None:
                if test and plan_week.test.id == library.coaching.heel_raise_gate.test:
                    test = f"{test}, {library.coaching.text.test_when}"
                if week.kind == "race":
                    said = (*said, f"{library.coaching.text.race_week}.")
            week_line, progress = card.week_lines(programme, week, plan_card.times, test, said)
            pages.append(
                {
                    **view,
                    "week_line": week_line,
                    "notes": card.card_notes(library, plan_card.session, week.kind),
                    "progress_label": "This week:",
                    "progress": progress,
                    "weeks": plan_card.times,
                    "log_heading": "Session",
                    "credit_kind": f"Legwork programme: {programme.title}",
                    "qr_caption": "The plan online:",
                    "label": f"Week {week.week} of {len(programme.weeks)}",
                    "ids": f"w{plan_week.week.week}-{number + 1}-",
                }
            )
    return {
        "programme": programme,
        "weeks": weeks,
        "pages": pages,
        "url": url,
        "qr_svg": qr_svg(url),
        "card_style": CARD_STYLE,
        "moves": moves,
        "credits": [library.sources[ref.id] for ref in programme.sources],
        "session_titles": titles(library.sessions, programme.next),
        "next_gates": programme_gates(library, programme, links),
        "before_rules": programme_before(library, programme),
        "coaching": library.coaching,
    }


def share_context(library: Library, site_url: str) -> dict[str, object]:
    """What the newsletter kit offers: each session, programme and exercise with its
    canonical URL and snippets."""

    def shared(kind: str, entry: Any, title: str) -> tuple[Any, Snippets]:
        return entry, snippets(title, entry.summary, urls.page_url(site_url, kind, entry.id))

    return {
        "shared_sessions": [shared("session", s, s.title) for s in library.sessions.values()],
        "shared_exercises": [shared("exercise", e, e.name) for e in library.exercises.values()],
        "shared_programmes": [shared("programme", p, p.title) for p in library.programmes.values()],
    }


EntryContext = Callable[[Library, Any, urls.Links], dict[str, object]]


def default_context(library: Library, entry: Any, links: urls.Links) -> dict[str, object]:
    """What an entry's page template gets unless its kind asks for more: the entry, by the
    kind's name."""
    kind = next(k for k in kinds.KINDS.values() if isinstance(entry, k.model))
    return {kind.name: entry}


def exercise_context(library: Library, exercise: Exercise, links: urls.Links) -> dict[str, object]:
    return {
        "exercise": exercise,
        "safety_links": safety.sections_for(exercise.pattern),
        "tags": exercise_tags(library, exercise),
        "technique": technique_figure(exercise),
        "muscle_map": muscle_map(
            library,
            links,
            exercise_roles(exercise),
            id_prefix="lw-map",
            title=f"Muscles the {exercise.name} works",
        ),
        "ladder": ladder_view(library, library.ladder(exercise.id), links, exercise.id),
        "easier": library.easier(exercise.id),
        "alongside": alongside_lines(library, exercise, links),
        "capped": capped_on_cards(library, exercise, links),
        "tests": library.tests_for(exercise.id),
        "sessions": library.sessions_using(exercise.id),
        "exercise_names": names(
            library.exercises, (*library.easier(exercise.id), *exercise.harder)
        ),
        "muscle_names": names(library.muscles, muscle_ids(exercise)),
        "cited": cited(library, (ref.id for ref in exercise.sources)),
        "coaching": library.coaching,
    }


def capped_on_cards(
    library: Library, exercise: Exercise, links: urls.Links
) -> list[dict[str, object]]:
    """The cards whose doses already reach the contact cap and dose this exercise below its
    last stage: there the cap, not the exercise's move-on rule, says when its dose stops."""
    if library.coaching is None:
        return []
    stages = [dose.stage for dose in exercise.dosage]
    found = []
    cap = library.coaching.contacts.cap_per_session
    for session in library.sessions.values():
        below_last = [
            block.stage
            for block in session.blocks
            if block.exercise == exercise.id and block.stage != stages[-1]
        ]
        if not below_last or rules.session_contacts(library, library.coaching, session) < cap:
            continue
        href = links.page("session", session.id)
        found += [{"card": session.title, "card_href": href, "stage": s} for s in below_last]
    return found


def alongside_lines(
    library: Library, exercise: Exercise, links: urls.Links
) -> dict[str, list[dict[str, object]]]:
    """The start-alongside exceptions an exercise page states, from each ``starts_alongside``:
    under Easier, the easier rung this one may start alongside; under Harder, each harder rung
    that may start alongside this one. One record, printed on both pages."""

    def line(harder: Exercise) -> dict[str, object]:
        rule = harder.starts_alongside
        assert rule is not None
        card = library.sessions[rule.card]
        return {
            "harder": harder.name,
            "harder_href": links.page("exercise", harder.id),
            "first_stage": harder.dosage[0].stage,
            "easier": library.exercises[rule.exercise].name,
            "easier_href": links.page("exercise", rule.exercise),
            "stage": rule.stage,
            "once": rule.once,
            "card": card.title,
            "card_href": links.page("session", rule.card),
        }

    own = [line(exercise)] if exercise.starts_alongside else []
    harder = []
    for harder_id in exercise.harder:
        other = library.exercises.get(harder_id)
        if other and other.starts_alongside and other.starts_alongside.exercise == exercise.id:
            harder.append(line(other))
    return {"easier": own, "harder": harder}


def assessment_context(
    library: Library, assessment: Assessment, links: urls.Links
) -> dict[str, object]:
    return {
        "assessment": assessment,
        "technique": technique_figure(assessment) if assessment.figure else None,
        "tested_in": [
            p
            for p in library.programmes.values()
            if any(week.test == assessment.id for week in p.weeks)
        ],
        "muscle_map": muscle_map(
            library,
            links,
            exercise_roles(assessment),
            id_prefix="lw-map",
            title=f"Muscles the {assessment.name} tests",
        ),
        "exercise_names": names(library.exercises, gated_by(library, assessment)),
        "muscle_names": names(library.muscles, muscle_ids(assessment)),
        "cited": cited(library, (ref.id for ref in assessment.sources)),
        "coaching": library.coaching,
    }


def gated_by(library: Library, assessment: Assessment) -> tuple[str, ...]:
    """The exercises the heel-raise gate holds back, if this assessment is its test."""
    gate = library.coaching.heel_raise_gate if library.coaching else None
    return gate.exercises if gate and gate.test == assessment.id else ()


def muscle_context(library: Library, muscle: Muscle, links: urls.Links) -> dict[str, object]:
    return {
        "muscle": muscle,
        "muscle_map": muscle_map(
            library,
            links,
            {muscle.id: "focus"},
            id_prefix="lw-map",
            title=f"Where the {muscle.name.lower()} is",
        ),
        "grouped": library.exercises_for(muscle.id),
        "cited": cited(library, muscle.role_sources),
    }


ENTRY_CONTEXTS: dict[str, EntryContext] = {
    "exercise": exercise_context,
    "assessment": assessment_context,
    "muscle": muscle_context,
    "session": session_context,
    "programme": programme_context,
}
"""The kinds whose page shows more than the entry itself (pictures, related entries)."""
