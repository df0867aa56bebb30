"""The site plan: which pages and files the library produces, what each says, the navigation.

Pure functions of a :class:`~macros.data.library.Library` and the :class:`Settings`; nothing
is written to disk and MkDocs is not imported, so any generator can build the same plan:
the MkDocs adapter (``macros.plugin``) hands it to MkDocs, ``legwork generate`` writes it out
as plain files. Pictures are asked of ``macros.media``, which draws what the plan names.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import groupby
from typing import Any

import segno
from markupsafe import Markup

from macros.data import card
from macros.data.library import Library
from macros.data.models import (
    Assessment,
    Block,
    Entry,
    Exercise,
    Programme,
    ProgrammeWeek,
    Session,
)
from macros.data.timing import midpoint, session_minutes
from macros.data.vocab import (
    BODY_REGIONS,
    EQUIPMENT,
    LEVELS,
    MUSCLE_ROLES,
    PATTERNS,
    kit_words,
)
from macros.media import figures, ladder, musclemap
from macros.media.previews import PreviewFigure, PreviewSpec
from macros.site import offline, opendata, urls
from macros.site.contribute import contribute_context
from macros.site.render import html_text, render, span

NavItem = str | dict[str, Any]


@dataclass(frozen=True)
class Settings:
    """What the plan needs to know beyond the data."""

    site_url: str
    repo_url: str
    pdfs: bool
    """Whether the session cards are printed to PDF, so their pages offer the download."""
    site_name: str = "Legwork"
    description: str = ""
    """The site's name and one-line description, for the web app manifest."""


@dataclass(frozen=True)
class Page:
    src_uri: str
    markdown: str
    in_nav: bool = True
    """False for a page reached only by link (a programme's booklet, made for printing)."""


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
    svg = musclemap.muscle_map_svg(
        library.body_map, muscles, id_prefix=id_prefix, title=title, description=description
    )
    return MuscleMap(Markup(svg), legend)


def technique_figure(entry: Entry) -> Markup:
    """The entry's technique figure (an exercise's, or an assessment's where it has one),
    moving at its tempo, with its first kit drawn and its primary muscles tinted."""
    figure, tempo = getattr(entry, "figure", None), getattr(entry, "tempo", None)
    if figure is None or tempo is None:  # validation requires both together
        raise ValueError(f"{entry.id} has no figure and tempo to draw")
    kit = entry.kits[0]
    return Markup(
        figures.technique_svg(
            figure,
            tempo,
            kit,
            title=f"How the {entry.name} moves",
            desc=figures.describe(figure, tempo, kit, entry.name),
            id_prefix=f"lw-fig-{entry.id}",
            tint=entry.muscles.primary,
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


@dataclass(frozen=True)
class LadderView:
    label: str
    rungs: tuple[Rung, ...]
    layout: ladder.LadderLayout


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
            )
            for p in shape.rungs
        ),
        layout=shape,
    )


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
    }


# --- Link previews. -----------------------------------------------------------------------


def preview_specs(library: Library) -> list[PreviewSpec]:
    """Every link-preview card the site needs, in a stable order, the site default first."""
    counts = [
        f"{len(library.exercises)} exercises",
        f"{len(library.muscles)} muscles",
        f"{len(library.sessions)} sessions",
    ]
    specs = [PreviewSpec(urls.preview_image(), "", "Legwork", " · ".join(counts))]

    def primary(entry: Exercise | Assessment) -> str:
        return ", ".join(library.muscles[m].name for m in entry.muscles.primary)

    def spec(
        kind: str, entry_id: str, title: str, subtitle: str, figure: PreviewFigure | None = None
    ) -> PreviewSpec:
        path = urls.preview_image(kind, entry_id)
        return PreviewSpec(path, urls.path(kind, entry_id), title, subtitle, figure)

    specs += [
        spec(
            "exercise",
            e.id,
            e.name,
            f"{PATTERNS.label(e.pattern)} · {primary(e)}",
            figure=PreviewFigure(e.figure, e.kits[0], e.muscles.primary),
        )
        for e in library.exercises.values()
    ]
    specs += [
        spec("assessment", a.id, a.name, f"Test · {primary(a)}")
        for a in library.assessments.values()
    ]
    specs += [
        spec("muscle", m.id, m.name, f"{m.plain_name} · {BODY_REGIONS.label(m.region)}")
        for m in library.muscles.values()
    ]
    specs += [
        spec(
            "session",
            s.id,
            s.title,
            f"{LEVELS.label(s.audience.level)} · {s.duration_minutes} minutes",
        )
        for s in library.sessions.values()
    ]
    specs += [
        spec("programme", p.id, p.title, f"{LEVELS.label(p.audience.level)} · {len(p.weeks)} weeks")
        for p in library.programmes.values()
    ]
    return specs


# --- The pages. -----------------------------------------------------------------------------


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
    }
    return {**view, "card": view, "card_style": CARD_STYLE}


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
            session = library.week_session(week_card)
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


def programme_context(
    library: Library, programme: Programme, links: urls.Links
) -> dict[str, object]:
    sessions = sorted(
        {card.card for week in programme.weeks for card in week.cards},
        key=list(library.sessions).index,
    )
    return {
        "programme": programme,
        "weeks": plan_weeks(library, programme, links),
        "cards": [library.sessions[s] for s in sessions],
        "card_links": {s: links.file(urls.path("session", s)) for s in sessions},
        "booklet_href": links.file(urls.served(urls.booklet(programme.id))),
        "pdf_href": links.file(urls.booklet_pdfs(programme.id)[0]),
    }


def booklet_context(library: Library, programme: Programme, links: urls.Links) -> dict[str, object]:
    """The booklet: a cover with the plan, then one card page per card per week, each with
    that week's dose and a log column for each time it is done that week."""
    url = urls.page_url(links.site_url, "programme", programme.id)
    weeks = plan_weeks(library, programme, links)
    pages = []
    for plan_week in weeks:
        for number, plan_card in enumerate(plan_week.cards):
            view = session_context(library, plan_card.session, links, url=url)["card"]
            week = plan_week.week
            test = plan_week.test.name if plan_week.test else None
            week_line, progress = card.week_lines(programme, week, plan_card.times, test)
            pages.append(
                {
                    **view,
                    "week_line": week_line,
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
        "credits": [library.sources[ref.id] for ref in programme.sources],
    }


def share_context(library: Library, site_url: str) -> dict[str, object]:
    """What the newsletter kit offers: each session, programme and exercise with its
    canonical URL."""
    return {
        "shared_sessions": [
            (s, urls.page_url(site_url, "session", s.id)) for s in library.sessions.values()
        ],
        "shared_exercises": [
            (e, urls.page_url(site_url, "exercise", e.id)) for e in library.exercises.values()
        ],
        "shared_programmes": [
            (p, urls.page_url(site_url, "programme", p.id)) for p in library.programmes.values()
        ],
    }


def generated_pages(library: Library, settings: Settings) -> list[Page]:
    """Every page the data produces, in a stable order."""
    images = {spec.page: spec for spec in preview_specs(library)}

    def page(src_uri: str, template: str, **context: object) -> Page:
        served = urls.served(src_uri)
        preview = images.get(served, images[""])
        markdown = render(
            template,
            preview=preview,
            library=library,
            repo_url=settings.repo_url,
            pdf=settings.pdfs,
            links=urls.Links(src_uri, settings.site_url),
            urls=urls,
            **context,
        )
        return Page(src_uri, markdown)

    def links(kind: str, entry_id: str | None = None) -> urls.Links:
        return urls.Links(urls.src(kind, entry_id), settings.site_url)

    pages = [
        page(
            urls.src("exercise", exercise.id),
            "exercise.md.j2",
            exercise=exercise,
            tags=exercise_tags(library, exercise),
            technique=technique_figure(exercise),
            muscle_map=muscle_map(
                library,
                links("exercise", exercise.id),
                exercise_roles(exercise),
                id_prefix="lw-map",
                title=f"Muscles the {exercise.name} works",
            ),
            ladder=ladder_view(
                library, library.ladder(exercise.id), links("exercise", exercise.id), exercise.id
            ),
        )
        for exercise in library.exercises.values()
    ]
    pages += [
        page(
            urls.src("assessment", assessment.id),
            "assessment.md.j2",
            assessment=assessment,
            technique=technique_figure(assessment) if assessment.figure else None,
            tested_in=[
                p
                for p in library.programmes.values()
                if any(week.test == assessment.id for week in p.weeks)
            ],
            muscle_map=muscle_map(
                library,
                links("assessment", assessment.id),
                exercise_roles(assessment),
                id_prefix="lw-map",
                title=f"Muscles the {assessment.name} tests",
            ),
        )
        for assessment in library.assessments.values()
    ]
    pages += [
        page(
            urls.src("muscle", muscle.id),
            "muscle.md.j2",
            muscle=muscle,
            muscle_map=muscle_map(
                library,
                links("muscle", muscle.id),
                {muscle.id: "focus"},
                id_prefix="lw-map",
                title=f"Where the {muscle.name.lower()} is",
            ),
        )
        for muscle in library.muscles.values()
    ]
    pages += [
        page(
            urls.src("session", session.id),
            "session.md.j2",
            **session_context(library, session, links("session", session.id)),
        )
        for session in library.sessions.values()
    ]
    for programme in library.programmes.values():
        pages.append(
            page(
                urls.src("programme", programme.id),
                "programme.md.j2",
                **programme_context(library, programme, links("programme", programme.id)),
            )
        )
        booklet = urls.booklet(programme.id)
        context = booklet_context(library, programme, urls.Links(booklet, settings.site_url))
        pages.append(replace(page(booklet, "booklet.md.j2", **context), in_nav=False))
    pages.append(page(urls.src("programmes"), "programmes.md.j2"))
    pages.append(
        page(
            urls.src("sessions"),
            "sessions.md.j2",
            minutes=lambda session: session_minutes(library, session),
            kit_text=lambda session: kit_words(library.session_kit(session)),
        )
    )
    from macros.site.builder import builder_context  # the builder reads the plan's helpers

    pages.append(
        page(urls.src("builder"), "builder.md.j2", **builder_context(library, links("builder")))
    )
    pages.append(
        page(
            urls.src("exercises"),
            "exercises.md.j2",
            groups=by_pattern(library, entries=True),
            choices=filter_choices(library),
            entry_legs=entry_legs,
        )
    )
    pages.append(
        page(
            urls.src("muscles"),
            "muscles.md.j2",
            muscle_map=muscle_map(
                library, links("muscles"), {}, id_prefix="lw-map", title="The muscles"
            ),
        )
    )
    pages.append(
        page(
            urls.src("ladders"),
            "ladders.md.j2",
            ladders=[
                (rungs, ladder_view(library, rungs, links("ladders")))
                for rungs in library.ladders()
            ],
        )
    )
    pages.append(
        page(
            urls.src("calf-complex"),
            "calf-complex.md.j2",
            **calf_context(library, links("calf-complex")),
        )
    )
    pages.append(page(urls.src("glossary"), "glossary.md.j2"))
    pages.append(page(urls.src("contribute"), "contribute.md.j2", **contribute_context(library)))
    pages.append(
        page(urls.src("share"), "share.md.j2", **share_context(library, settings.site_url))
    )
    return pages


def abbreviations(library: Library) -> str:
    """Markdown ``abbr`` definitions for every glossary term, appended to each page."""
    return render("abbreviations.md.j2", library=library)


# --- Files that are not pages. ----------------------------------------------------------------


def static_files(library: Library, settings: Settings) -> dict[str, str]:
    """Every generated file that is not a page, keyed by its path on the site: the open data,
    its schemas, robots.txt, the web app manifest and the redirect stubs for renamed ids."""
    files = {
        path: opendata.json_text(document)
        for path, document in opendata.documents(library, settings.site_url).items()
    }
    files[urls.ROBOTS] = render(
        "robots.txt.j2", sitemap=urls.absolute(settings.site_url, urls.SITEMAP)
    )
    files[urls.MANIFEST] = offline.manifest(settings.site_name, settings.description)
    for old, new in redirects(library).items():
        files[redirect_file(old)] = redirect_page(old, new, settings.site_url)
    return files


def redirects(library: Library) -> dict[str, str]:
    """Old page path → new page path for every declared rename."""
    renamed = {
        "exercise": library.exercises.values(),
        "muscle": library.muscles.values(),
        "session": library.sessions.values(),
    }
    return {
        urls.path(kind, old): urls.path(kind, entry.id)
        for kind, entries in renamed.items()
        for entry in entries
        for old in entry.previous_ids
    }


def redirect_file(old_path: str) -> str:
    """Where the stub for an old page path is written: ``exercises/x/`` → its ``index.html``."""
    return old_path + "index.html"


def redirect_page(old_path: str, new_path: str, site_url: str) -> str:
    """A stub at an old address that sends the browser on, keeping any #section."""
    return render(
        "redirect.html.j2",
        target=urls.relative_url(old_path, new_path),
        canonical=urls.absolute(site_url, new_path),
    )


# --- Navigation. -------------------------------------------------------------------------------

NAV_SECTION_SIZE = 25
"""Material renders the open nav section into every page: bounding a section's size keeps
the build linear in the number of exercises (benchmarks/build_scaling.py measures it)."""


def chunked(uris: list[str]) -> list[NavItem]:
    """A section's pages, split into numbered sub-sections once it outgrows one screen."""
    if len(uris) <= NAV_SECTION_SIZE:
        return list(uris)
    return [
        {
            f"{start + 1}–{min(start + NAV_SECTION_SIZE, len(uris))}": uris[
                start : start + NAV_SECTION_SIZE
            ]
        }
        for start in range(0, len(uris), NAV_SECTION_SIZE)
    ]


def navigation(library: Library) -> list[NavItem]:
    """The site navigation: generated pages grouped in sections so the build stays linear."""
    exercises: list[NavItem] = [urls.src("exercises"), {"Ladders": urls.src("ladders")}]
    for pattern, group in by_pattern(library):
        uris = [urls.src("exercise", e.id) for e in group]
        exercises.append({PATTERNS.label(pattern): chunked(uris)})
    if library.assessments:
        exercises.append({"Tests": [urls.src("assessment", a) for a in library.assessments]})
    sessions: list[NavItem] = [urls.src("sessions"), urls.src("builder")]
    sessions += [urls.src("session", s) for s in library.sessions]
    programmes: list[NavItem] = [urls.src("programmes")]
    programmes += [urls.src("programme", p) for p in library.programmes]
    planning: list[NavItem] = [
        urls.src(page) for page in ("planning", "running-week", "season", "race-week", "progress")
    ]
    muscles: list[NavItem] = [urls.src("muscles"), {"The calf complex": urls.src("calf-complex")}]
    muscles += [urls.src("muscle", m) for m in library.muscles]
    return [
        {"Home": urls.src("home")},
        {"Exercises": exercises},
        {"Sessions": sessions},
        {"Programmes": programmes},
        {"Planning": planning},
        {"Muscles": muscles},
        {"Safety": urls.src("safety")},
        {"Glossary": urls.src("glossary")},
        {"Share": urls.src("share")},
        {"Open data": urls.src("open-data")},
        {"Contribute": urls.src("contribute")},
        {"Tags": urls.src("tags")},
    ]


def theme_links(site_url: str, *, offline: bool = True) -> dict[str, str]:
    """What the theme overrides link to: absolute URLs for the 404 page and the default link
    preview, site paths (for the theme's ``url`` filter) for the icons and the manifest, and
    whether pages register the offline worker (``"on"``; never under ``mkdocs serve``)."""
    return {
        "manifest": urls.MANIFEST,
        "offline": "on" if offline else "off",
        "exercises": urls.page_url(site_url, "exercises"),
        "sessions": urls.page_url(site_url, "sessions"),
        "muscles": urls.page_url(site_url, "muscles"),
        "default_preview": urls.absolute(site_url, urls.preview_image()),
        "icon_svg": urls.icon("legwork.svg"),
        "apple_touch_icon": urls.icon("apple-touch-icon.png"),
    }
