"""What fits on one printed session card: a static model of the card's height.

Validation uses it (no browser at validation time) to refuse a session whose card would not
fit one page; the page's stylesheet is given the same sizes (``CARD_SIZES``), and the print
tests prove the model against every card, measured in Chromium. Sizes are millimetres on the
smaller printable page of A4 and US Letter with 10 mm margins: 190 mm wide (A4), 259.4 mm
tall (Letter). Text is wrapped word by word with the print font's own character widths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from macros.data import vocab
from macros.data.library import Library
from macros.data.models import STAGE_ORDER, Block, Programme, ProgrammeWeek, Session, WeekCard
from macros.data.rules import moves_up, pointer_needs, rule_weeks

PAGE_WIDTH = 190.0
PAGE_HEIGHT = 259.4
MARGIN = 2.0
"""Room the model keeps spare for what it cannot see (a browser's rounding, another font)."""
WEEKS = 5
"""Weeks in the paper log: five boxes of 16 mm fit under every block."""
COLUMNS = 2
"""Blocks stand two abreast, each half the page wide, so the logs use the whole page."""

CARD_SIZES: dict[str, float] = {
    "qr": 22.0,  # the QR code, top right
    "meta": 124.0,  # width of the title and the who, time and equipment lines beside it
    "line": 4.5,  # one line of a block's 11 pt text (line height 1.15)
    "paragraph-line": 4.7,  # one line of the card's 11 pt paragraphs (line height 1.2)
    "name-line": 5.1,  # one line of the exercise's 12 pt bold name
    "dose-line": 5.7,  # the first line of sets × reps in 14 pt bold (the next ones: "line")
    "title-line": 7.3,  # one line of the 18 pt title (line height 1.15)
    "half": 93.0,  # one block's width: half the page less the gap between
    "figure": 18.0,  # the thumbnail of the technique figure
    "text": 73.0,  # the dose, rest, cue and load beside the thumbnail
    "row": 8.3,  # one set of one side in the log: a box at least 8 mm tall inside its lines
    "log-head": 4.8,  # the weeks across the top of a block's log
    "week": 16.0,  # one week's column: a box at least 15 mm wide
    "set-label": 10.0,  # the "1 L" column of the log
    "gap": 3.0,  # between blocks, and under each part
    "credit": 4.5,  # the one-line 9 pt credit
    "notes": 10.0,  # the smallest notes box; it grows into whatever is left
    "inset": 0.6,  # the card's side margins, so borders across an edge stay on the page
}
PT = 25.4 / 72
"""Millimetres per point."""

# Advance widths of the card's print font, DejaVu Sans (in ems; bold is 13 % wider), for the
# characters data text uses; anything else counts as a wide letter. Measured from the font.
_WIDTHS = {
    **dict.fromkeys("il'", 0.278),
    **dict.fromkeys("IJ", 0.295),
    **dict.fromkeys(" .,·\u2019", 0.318),
    **dict.fromkeys(";:/|", 0.337),
    **dict.fromkeys("f", 0.352),
    **dict.fromkeys("-", 0.361),
    **dict.fromkeys("()[]", 0.39),
    **dict.fromkeys("t", 0.392),
    **dict.fromkeys("!", 0.401),
    **dict.fromkeys("r", 0.411),
    **dict.fromkeys('"', 0.46),
    **dict.fromkeys("–*_°", 0.5),
    **dict.fromkeys("s", 0.521),
    **dict.fromkeys("z", 0.525),
    **dict.fromkeys("?", 0.531),
    **dict.fromkeys("c", 0.55),
    **dict.fromkeys("L", 0.557),
    **dict.fromkeys("F", 0.575),
    **dict.fromkeys("k", 0.579),
    **dict.fromkeys("vxy", 0.592),
    **dict.fromkeys("PTY", 0.611),
    **dict.fromkeys("ao", 0.613),
    **dict.fromkeys("e", 0.615),
    **dict.fromkeys("E", 0.632),
    **dict.fromkeys("bdghnpqu", 0.635),
    **dict.fromkeys("S0123456789{}", 0.636),
    **dict.fromkeys("K", 0.656),
    **dict.fromkeys("ABVXZ", 0.686),
    **dict.fromkeys("R", 0.695),
    **dict.fromkeys("C", 0.698),
    **dict.fromkeys("U", 0.732),
    **dict.fromkeys("HN", 0.752),
    **dict.fromkeys("DGOQ", 0.787),
    **dict.fromkeys("&", 0.78),
    **dict.fromkeys("w", 0.818),
    **dict.fromkeys("×+<>=#", 0.838),
    **dict.fromkeys("M", 0.863),
    **dict.fromkeys("%", 0.95),
    **dict.fromkeys("m", 0.974),
    **dict.fromkeys("W—", 1.0),
}
_WIDE = 0.8
BOLD = 1.13


def text_width(text: str, size_pt: float, *, bold: bool = False) -> float:
    """How many millimetres ``text`` takes in the print font at ``size_pt``."""
    ems = sum(_WIDTHS.get(char, _WIDE) for char in text)
    return ems * size_pt * PT * (BOLD if bold else 1.0)


def wrapped(
    text: str, width_mm: float, size_pt: float = 11, *, bold: bool = False, label: str = ""
) -> int:
    """The lines ``label`` (set in bold) and ``text`` wrap to in a column ``width_mm`` wide,
    breaking where a browser may (after a space or a hyphen), as greedily as it does."""
    pieces = [(piece, True) for piece in re.split(r"(?<=[ -])", label) if piece]
    pieces += [(piece, bold) for piece in re.split(r"(?<=[ -])", text) if piece]
    count, line = 1, 0.0
    for piece, heavy in pieces:
        width = text_width(piece, size_pt, bold=heavy)
        ink = text_width(piece.rstrip(" "), size_pt, bold=heavy)
        if line and line + ink > width_mm:
            count, line = count + 1, 0.0
        line += width
    return count


@dataclass(frozen=True)
class CardHeight:
    parts: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.parts.values())

    @property
    def fits(self) -> bool:
        return self.total <= PAGE_HEIGHT - MARGIN


def single_leg(library: Library, block: Block) -> bool:
    """Whether a block's stage works one leg at a time (per side, and a left/right log)."""
    exercise = library.exercises[block.exercise]
    dose = exercise.dose(block.stage)
    return dose is not None and exercise.legs(dose) == "single"


def week_lines(
    programme: Programme,
    week: ProgrammeWeek,
    times: int,
    test_name: str | None,
    moves: tuple[str, ...] = (),
) -> tuple[str, str]:
    """The two lines a booklet page adds to its card: which week it is (with its kind and
    how often the card is done), and what the week is for, with the rule each exercise that
    moves up had to meet and what to do if it was not."""
    said = "once" if times == 1 else f"{times} times"
    kind = vocab.WEEK_KINDS.label(week.kind)
    head = f"Week {week.week} of {len(programme.weeks)} · {kind} · {said} this week"
    test = f" Test: {test_name}." if test_name else ""
    return head, " ".join((week.focus + test, *moves))


def week_session(
    library: Library, programme: Programme, week: ProgrammeWeek, week_card: WeekCard
) -> Session:
    """A programme week's card as its pages print it: ``Library.week_session``, and for each
    exercise the week moves up a stage a Why line with the dose to stay at if its rule was not
    met (that exercise in the week whose sets decide the move), so the printed dose and the
    week's "only if ...; if not, stay" line agree."""
    session = library.week_session(week_card)
    moved = {exercise_id for exercise_id, _, _ in moves_up(library, programme).get(week.week, [])}
    judged = rule_weeks(programme).get(week.week)
    earlier = [w for w in programme.weeks if w.week == judged]
    if not moved or not earlier:
        return session
    stayed = {
        block.exercise: block
        for other in earlier[0].cards
        for block in library.week_session(other).blocks
        if block.exercise in moved
    }
    blocks = []
    for block in session.blocks:
        stay = stayed.get(block.exercise)
        if stay is not None:
            line = f"Rule not met? Week {judged}'s dose."
            if block.below_rule:
                line = f"{block.below_rule} {line}"
            block = block.model_copy(update={"below_rule": line})
        blocks.append(block)
    return session.model_copy(update={"blocks": tuple(blocks)})


def card_notes(library: Library, session: Session, week_kind: str | None = None) -> tuple[str, ...]:
    """The card's notes: the heel-raise gate for each block whose stage waits for it (from
    data/coaching.yml), then the soreness rule where data/coaching.yml names the card, then
    the card's own. A block at a stage before the gate needs no
    note: the exercise's page shows the stage that waits. A programme's taper or race week
    (``week_kind``) adds nothing new, so its card leaves out the advice to keep a
    straight-knee raise in the week."""
    rules = library.coaching
    if rules is None:
        return session.notes
    gated = [
        rules.text.gate_note(library.exercises[block.exercise].name, block.exercise)
        for block in session.blocks
        if block.exercise in rules.heel_raise_gate.exercises
        and STAGE_ORDER.index(block.stage)
        >= STAGE_ORDER.index(rules.text.gate_stage(block.exercise) or STAGE_ORDER[0])
    ]
    sore = rules.text.soreness_card if session.id in rules.soreness.cards else ()
    knees = {
        calf.knee
        for block in session.blocks
        if (calf := library.exercises[block.exercise].calf) is not None
    }
    straight = (
        (rules.straight_knee.card_note,)
        if rules.straight_knee and knees == {"bent"} and week_kind not in ("taper", "race")
        else ()
    )
    return (*gated, *kept_from_before(library, session), *straight, *sore, *session.notes)


def kept_from_before(library: Library, session: Session) -> tuple[str, ...]:
    """A line for each exercise that a next card's pointer asks for at a stage that a card
    pointing here doses but this card does not: the runner keeps that dose going, or nobody
    could meet the pointer by doing this card."""
    dosed = {block.exercise for block in session.blocks}
    earlier = [other for other in library.sessions.values() if session.id in other.next]
    lines: list[str] = []
    for target_id in session.next:
        for exercise_id, stage in pointer_needs(library, session, library.sessions[target_id]):
            if exercise_id in dosed:
                continue
            for other in earlier:
                kept = [b for b in other.blocks if b.exercise == exercise_id and b.stage == stage]
                if kept:
                    name = library.exercises[exercise_id].name
                    dose = f"{kept[0].sets} × {kept[0].amount.min}–{kept[0].amount.max}"
                    dose += f" {kept[0].measure}"
                    line = (
                        f"{name}: keep its {stage} dose ({dose}) as an extra until its rule is met."
                    )
                    if line not in lines:
                        lines.append(line)
                    break
    return tuple(lines)


def log_rows(library: Library, block: Block) -> int:
    """Rows of the block's paper log: one per set, two (left, right) for a single-leg stage."""
    return block.sets * (2 if single_leg(library, block) else 1)


def block_height(library: Library, block: Block) -> float:
    """One block: its name, then the thumbnail beside the dose and rest, the cue and the
    load, then its log (a row per set, per side for a single-leg stage; a column per week)."""
    size = CARD_SIZES
    exercise = library.exercises[block.exercise]
    sets = f"{block.sets} × {block.amount.min}–{block.amount.max} {block.measure}"
    sets += " per side" if single_leg(library, block) else ""
    rest = f" · rest {block.rest_seconds.min}–{block.rest_seconds.max} s"
    width = size["text"]
    dose_mm = text_width(sets, 14, bold=True) + text_width(rest, 11)
    text = size["dose-line"] + (-(-dose_mm // width) - 1) * size["line"]
    paragraphs = [("Cue: ", block.cue), ("Load: ", block.load)]
    if block.below_rule:
        paragraphs.append(("Why: ", block.below_rule))
    text += sum(wrapped(words, width, label=label) for label, words in paragraphs) * size["line"]
    name = wrapped(f"1. {exercise.name}", size["half"], 12, bold=True) * size["name-line"]
    top = max(size["figure"], text) + 1.5  # its margins
    rows = size["log-head"] + log_rows(library, block) * size["row"] + 0.5  # the borders
    return name + top + rows + size["gap"]


def balanced(heights: list[float]) -> float:
    """The height of blocks flowed in order into two balanced columns (as the page's CSS
    columns do): the best split of the list into a first and a second column."""
    if len(heights) <= 1:
        return sum(heights)
    return min(
        max(sum(heights[:split]), sum(heights[split:])) for split in range(1, len(heights) + 1)
    )


def card_height(
    library: Library, session: Session, week: tuple[str, str] | None = None
) -> CardHeight:
    """The printed card's height, part by part. A programme booklet's card gives ``week``:
    which week (in place of the "For" line) and what it is for (in place of "Progress")."""
    size = CARD_SIZES
    half_gap = size["gap"] / 2

    inner = PAGE_WIDTH - 2 * size["inset"]

    def paragraph(label: str, text: str, width: float = inner) -> float:
        return wrapped(text, width, label=label) * size["paragraph-line"] + half_gap

    meta = [
        f"For: {session.audience.level} runners; " + ", ".join(session.audience.phase),
        "Time: about 100 minutes",
        "Equipment: " + vocab.kit_words(library.session_kit(session)),
    ]
    if week is not None:
        meta[0] = week[0]
    intro = wrapped(session.title, size["meta"], 18, bold=True) * size["title-line"]
    intro += sum(wrapped(line, size["meta"]) for line in meta) * size["paragraph-line"]
    parts = {
        "head": max(size["qr"], intro) + half_gap,
        "warm-up": paragraph(
            "Warm-up (10 min): ", " · ".join(item.text for item in session.warm_up)
        ),
        # The blocks, then the gap under the two columns.
        "blocks": balanced([block_height(library, block) for block in session.blocks])
        + size["gap"],
        # The progress line is set in from its rule at the left.
        "progress": (
            paragraph("Progress: ", session.progression, inner - 4)
            if week is None
            else paragraph("This week: ", week[1], inner - 4)
        ),
    }
    if session.finish:
        parts["finish"] = paragraph(
            "Finish: ", " · ".join(f"{i.text} ({i.minutes:g} min)" for i in session.finish)
        )
    notes = card_notes(library, session)
    if notes:
        parts["notes"] = paragraph("Notes: ", " · ".join(notes))
    parts["notes box"] = size["notes"] + half_gap
    parts["credit"] = size["credit"]
    return CardHeight(parts)
