"""What the pages show, as objects for the templates: groups and filters of the exercise
index, tags, the muscle map, technique figures, ladders, card blocks and plan weeks, and the
newsletter snippets. Pure functions of the library; pictures are asked of ``macros.media``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import groupby
from typing import Any

import segno
from markupsafe import Markup

from macros.data import card
from macros.data.figures.model import Figure
from macros.data.library import Library
from macros.data.models import (
    Block,
    BodyMap,
    Entry,
    Exercise,
    Programme,
    ProgrammeWeek,
    Session,
    Tempo,
)
from macros.data.timing import session_minutes
from macros.data.vocab import (
    EQUIPMENT,
    LEVELS,
    MUSCLE_ROLES,
    PATTERNS,
)
from macros.media import figures, ladder, musclemap
from macros.site import urls
from macros.site.render import html_text, span

# --- What the pages group and show. ---------------------------------------------------


def by_pattern(library: Library, entries: bool = False) -> list[tuple[str, list[Any]]]:
    """Exercises (with ``entries``, assessments too) grouped by movement pattern, each group
    in ladder order, an assessment after the exercises of its pattern."""
    order = list(PATTERNS.ids)
    chosen = library.entries if entries else library.exercises
    ordered = sorted(
        chosen.values(),
        key=lambda e: (
            order.index(e.pattern),
            library.rung(e.id) if e.id in library.exercises else 99,
            e.name,
        ),
    )
    return [(pattern, list(group)) for pattern, group in groupby(ordered, lambda e: e.pattern)]


@dataclass(frozen=True)
class FilterChoices:
    """What the exercise index lets a runner filter by, each choice with its label."""

    have: tuple[tuple[str, str], ...]
    muscle: tuple[tuple[str, str], ...]
    pattern: tuple[tuple[str, str], ...]
    level: tuple[tuple[str, str], ...]
    legs: tuple[tuple[str, str], ...]
    at_hand: tuple[str, ...]


def filter_choices(library: Library) -> FilterChoices:
    entries = list(library.entries.values())
    used = {item for entry in entries for item in entry.equipment}
    worked = {m for e in entries for m in (*e.muscles.primary, *e.muscles.secondary)}
    return FilterChoices(
        have=tuple((t.id, t.label) for t in EQUIPMENT if t.id in used and not t.always_at_hand),
        muscle=tuple((m.id, m.name) for m in library.muscles.values() if m.id in worked),
        pattern=tuple((t.id, t.label) for t in PATTERNS if any(e.pattern == t.id for e in entries)),
        level=tuple((t.id, t.label) for t in LEVELS),
        legs=(("single", "One leg at a time"), ("both", "Both legs")),
        at_hand=tuple(t.id for t in EQUIPMENT if t.always_at_hand),
    )


def entry_legs(entry: Any) -> tuple[str, ...]:
    """``single`` and/or ``both``: how the entry's stages work the legs."""
    if isinstance(entry, Exercise):
        return tuple(dict.fromkeys(entry.legs(dose) for dose in entry.dosage))
    return ("single",) if entry.per_side else ("both",)


def exercise_tags(library: Library, exercise: Exercise) -> list[str]:
    """Tags for Material's tags plugin, grouped by kind: the equipment in any kit, the
    primary muscles, and the movement pattern, as ``Kind/Name``.

    Material prints tag names as HTML, so they are escaped here like every page title; a
    slash in a name is written as its character reference, so that it reads as a slash but
    never splits the name into another level of the tag hierarchy.
    """
    names = [("Equipment", EQUIPMENT.label(item)) for item in exercise.equipment]
    names += [("Muscle", library.muscles[muscle].name) for muscle in exercise.muscles.primary]
    names.append(("Movement", PATTERNS.label(exercise.pattern)))
    return [f"{kind}/{str(html_text(name)).replace('/', '&#47;')}" for kind, name in names]


@cache
def qr_svg(url: str) -> Markup:
    """A QR code for ``url`` as inline SVG, drawn by segno (sized by CSS)."""
    code = segno.make_qr(url, error="m")
    svg = code.svg_inline(
        scale=1, border=2, omitsize=True, svgclass="lw-qr", title=f"QR code: {url}"
    )
    return Markup(svg)


# --- Pictures: the muscle map and the ladder. -------------------------------------


@dataclass(frozen=True)
class MuscleMap:
    svg: Markup
    legend: tuple[tuple[str, tuple[str, ...]], ...]
    """Each role shown, with the names of its muscles."""


def muscle_map(
    library: Library,
    links: urls.Links,
    roles: dict[str, str],
    *,
    id_prefix: str,
    title: str,
) -> MuscleMap:
    """The body map with ``roles`` (muscle id → role) marked, every muscle a link."""
    legend = tuple(
        (role, tuple(library.muscles[m].name for m in roles if roles[m] == role))
        for role in (*MUSCLE_ROLES.ids, "focus")
        if role in roles.values()
    )
    if legend:
        description = " ".join(
            f"{'Highlighted' if role == 'focus' else MUSCLE_ROLES.label(role)}: {', '.join(names)}."
            for role, names in legend
        )
    else:
        description = "Every muscle in the library, front and back; each links to its page."
    muscles = [
        musclemap.MapMuscle(m.id, m.name, links.file(urls.path("muscle", m.id)), roles.get(m.id))
        for m in library.muscles.values()
    ]
    if library.body_map is None:  # serve mode before any data has loaded: nothing to draw
        return MuscleMap(Markup(""), legend)
    svg = _muscle_map_svg(
        library.body_map,
        tuple(muscles),
        id_prefix,
        title,
        description,
        links.file(urls.MUSCLE_MAP),
    )
    return MuscleMap(svg, legend)


# Drawings are pure functions of frozen, hashable data, so a drawing is kept by what it is
# drawn from: a page that shows the same picture twice, and every rebuild of `mkdocs serve`
# after a data file is saved, reuse it instead of drawing every figure and map again.
DRAWINGS_KEPT = 1024


@lru_cache(maxsize=DRAWINGS_KEPT)
def _muscle_map_svg(
    body: BodyMap,
    muscles: tuple[musclemap.MapMuscle, ...],
    id_prefix: str,
    title: str,
    description: str,
    shared_href: str,
) -> Markup:
    svg = musclemap.muscle_map_svg(
        body,
        muscles,
        id_prefix=id_prefix,
        title=title,
        description=description,
        shared_href=shared_href,
    )
    return Markup(svg)


def technique_figure(entry: Entry) -> Markup:
    """The entry's technique figure (an exercise's, or an assessment's where it has one),
    moving at its tempo, with its first kit drawn and its primary muscles tinted."""
    figure, tempo = getattr(entry, "figure", None), getattr(entry, "tempo", None)
    if figure is None or tempo is None:  # validation requires both together
        raise ValueError(f"{entry.id} has no figure and tempo to draw")
    return _technique_svg(
        figure, tempo, tuple(entry.kits[0]), entry.name, entry.id, entry.muscles.primary
    )


@lru_cache(maxsize=DRAWINGS_KEPT)
def _technique_svg(
    figure: Figure,
    tempo: Tempo,
    kit: tuple[str, ...],
    name: str,
    entry_id: str,
    tint: tuple[str, ...],
) -> Markup:
    return Markup(
        figures.technique_svg(
            figure,
            tempo,
            kit,
            title=f"How the {name} moves",
            desc=figures.describe(figure, tempo, kit, name),
            id_prefix=f"lw-fig-{entry_id}",
            tint=tint,
        )
    )


def exercise_roles(exercise: Exercise) -> dict[str, str]:
    return {m: role for role, ids in exercise.muscles.by_role().items() for m in ids}


@dataclass(frozen=True)
class Rung:
    exercise: Exercise
    column: int
    row: int
    href: str
    current: bool
    after: tuple[str, ...] = ()
    """The easier rungs on this ladder that lead here, named for readers of the text alone
    (a screen reader, a copy without styles), where the grid's arrows do not show."""


@dataclass(frozen=True)
class LadderView:
    label: str
    rungs: tuple[Rung, ...]
    layout: ladder.LadderLayout
    arrows: Markup
    """The layout's arrows, drawn as SVG by ``macros.media.ladder``."""


def ladder_view(
    library: Library, rungs: tuple[Exercise, ...], links: urls.Links, current: str | None = None
) -> LadderView:
    """One ladder as the page draws it; ``current`` is the exercise whose page this is."""
    shape = ladder.layout(
        {rung.id: rung.name for rung in rungs},
        {rung.id: library.rung(rung.id) for rung in rungs},
        library.steps(rungs),
    )
    by_id = {rung.id: rung for rung in rungs}
    first = [rung.name for rung in rungs if library.rung(rung.id) == 0]
    return LadderView(
        label=f"Ladder from {' and '.join(first)}",
        rungs=tuple(
            Rung(
                by_id[p.id],
                p.column,
                p.row,
                links.file(urls.path("exercise", p.id)),
                p.id == current,
                tuple(by_id[easier].name for easier in library.easier(p.id) if easier in by_id),
            )
            for p in shape.rungs
        ),
        layout=shape,
        arrows=Markup(shape.arrows),
    )


@dataclass(frozen=True)
class CardBlock:
    """One block as the session page draws it."""

    block: Block
    exercise: Exercise
    href: str
    single: bool
    rows: tuple[str, ...]
    """The paper log's rows: ``1``, ``2``; or ``1 L``, ``1 R`` for a single-leg stage."""
    rest: int
    """Seconds the phone's rest timer counts down: the middle of the block's rest."""
    thumbnail: Markup | None = None


@lru_cache(maxsize=256)
def thumbnail(exercise: Exercise) -> Markup:
    """The exercise's start and end poses for a card's thumbnail slot, drawn once for every
    card and booklet page that prints it."""
    return Markup(
        figures.thumbnail_svg(exercise.figure, exercise.kits[0], exercise.muscles.primary)
    )


CARD_STYLE = "; ".join(
    f"--lw-{name}: {value:g}mm"
    for name, value in {**card.CARD_SIZES, "page-height": card.PAGE_HEIGHT}.items()
)
"""The card's sizes from its capacity model, as custom properties for its stylesheet."""


@dataclass(frozen=True)
class PlanCard:
    """One card of a programme week: the card as that week prescribes it."""

    session: Session
    """The week's version of the card (doses applied, exercises left out)."""
    times: int
    minutes: int
    href: str
    doses: tuple[str, ...]
    """Each exercise's dose this week, in words: ``Romanian deadlift 3 × 6–8 reps``."""
    left_out: tuple[str, ...]


@dataclass(frozen=True)
class PlanWeek:
    week: ProgrammeWeek
    cards: tuple[PlanCard, ...]
    test: Entry | None
    test_href: str | None


def dose_words(library: Library, block: Block) -> str:
    """A block's dose in words, as the plan table and the booklet's cover print it."""
    amount = block.amount
    unit = {"reps": "reps", "seconds": "s", "contacts": "contacts"}[block.measure]
    side = " per side" if card.single_leg(library, block) else ""
    return f"{library.exercises[block.exercise].name} {block.sets} × {span(amount, unit)}{side}"


def plan_weeks(library: Library, programme: Programme, links: urls.Links) -> list[PlanWeek]:
    """Every week of a programme with its cards as the week prescribes them."""
    weeks = []
    for week in programme.weeks:
        cards = []
        for week_card in week.cards:
            session = card.week_session(library, programme, week, week_card)
            cards.append(
                PlanCard(
                    session=session,
                    times=week_card.times,
                    minutes=session_minutes(library, session),
                    href=links.file(urls.path("session", week_card.card)),
                    doses=tuple(dose_words(library, block) for block in session.blocks),
                    left_out=tuple(library.exercises[e].name for e in week_card.leave_out),
                )
            )
        test = library.entry(week.test) if week.test else None
        test_href = links.file(urls.path("assessment", week.test)) if week.test else None
        weeks.append(PlanWeek(week, tuple(cards), test, test_href))
    return weeks


@dataclass(frozen=True)
class Snippets:
    """One entry's newsletter snippets, each the text a reader copies (shown escaped)."""

    url: str
    plain: str
    markdown: str
    email: str


def snippets(title: str, summary: str, url: str) -> Snippets:
    """The copy-ready texts: plain and Markdown hold the words as written; the email HTML
    is built by escaping what it inserts."""
    email = Markup('<p><a href="{0}">{1}</a>: {2}</p>').format(url, title, summary)
    return Snippets(
        url=url,
        plain=f"{title}: {summary}\n{url}",
        markdown=f"[{title}]({url}): {summary}",
        email=str(email),
    )
