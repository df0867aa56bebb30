"""The coaching rules the site states, as one validated model of ``data/coaching.yml``.

When to lift, how many changes a week, how jumps are counted and capped, what a deload and a
taper cut, how close to a race the last session may fall, and which calf exercises wait for
the heel-raise test: each is stated once here, with its sources or marked as coaching
practice. Pages render these rules through :class:`RuleText`; the checks hold the data to
them. Key names are read by checks outside the project: keep them.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from macros.data.models import ExerciseId, Model, SessionId, SourceRef, Stage, Text, plain_text

Hours = Annotated[int, Field(ge=0, le=168)]
Days = Annotated[int, Field(ge=0, le=21)]
Fraction = Annotated[float, Field(gt=0, le=1)]
Phrase = plain_text(120)


class Basis(Model):
    """What a rule rests on: its sources, or that it is coaching practice, or both."""

    sources: tuple[SourceRef, ...] = Field(
        default=(), description="Sources from data/sources.yml and what each supports."
    )
    coaching_practice: bool = Field(
        default=False, description="True where the rule (or part of it) is coaching practice."
    )

    @model_validator(mode="after")
    def _has_a_basis(self) -> Basis:
        if not self.sources and not self.coaching_practice:
            raise PydanticCustomError(
                "rule_basis",
                "a rule needs sources, or coaching_practice: true where it is coaching practice",
            )
        return self


class WhenToLift(Basis):
    days: Phrase = Field(
        description="Which days of the running week, e.g. 'a rest or easy-run day'."
    )
    hours_before_hard_session: Hours = Field(
        description="Least hours from a strength session to the next hard run (intervals, tempo)."
    )
    hours_before_long_run: Hours = Field(
        description="Least hours from a strength session to the next long run."
    )
    hours_between_sessions: Hours = Field(description="Least hours between two strength sessions.")
    order_on_shared_day: Literal["run-first", "lift-first"] = Field(
        description="Which comes first when a run and a strength session share a day."
    )


class Changes(Basis):
    per_week: Annotated[int, Field(ge=1, le=6)] = Field(
        description="How many exercises may move up a stage in one programme week."
    )
    what_counts: Phrase = Field(description="What counts as one change, in words.")
    if_rule_not_met: Phrase = Field(
        description="What to do in a week that moves an exercise up when its rule was not met."
    )
    when_a_move_waits: Phrase | None = Field(
        default=None,
        description="What a move put off does to the later moves of a programme, so that no "
        "week moves more exercises than per_week.",
    )
    after_a_wait: Phrase | None = Field(
        default=None,
        description="What a later week's move does when an earlier move waited (the "
        "counterpart of when_a_move_waits, printed on the later weeks).",
    )
    after_a_wait_last: Phrase | None = Field(
        default=None,
        description="What a programme's last move does when an earlier move waited, so that "
        "no move is left for a later week that moves nothing up (e.g. a retest week): "
        "'... and this one on the next card' (printed in place of after_a_wait).",
    )
    from_elsewhere: Phrase | None = Field(
        default=None,
        description="Where a runner who did not come from the card before starts each "
        "exercise of a card (the card's Before line lists only what that card's Next asks).",
    )
    from_elsewhere_in_season: Phrase | None = Field(
        default=None,
        description="What a runner new to an exercise on an in-season card does with it, "
        "printed instead of from_elsewhere on in-season cards and programmes (nothing new is "
        "learnt in the racing season).",
    )
    in_season: Phrase | None = Field(
        default=None,
        description="What a keeping (in-season) programme does about stages and loads, where "
        "the runner reached a different stage before the season than its card shows.",
    )
    in_season_entry: Phrase | None = Field(
        default=None,
        description="What a keeping (in-season) card's Before line asks of each stage it "
        "doses: the stage reached before the season, e.g. 'done for at least two weeks before "
        "the season' (a keeping card moves nothing up, so it never starts a stage).",
    )
    in_season_past_stage: Phrase | None = Field(
        default=None,
        description="What a runner past the stage a keeping card shows does, printed after "
        "in_season_entry.",
    )
    in_build: Phrase | None = Field(
        default=None,
        description="What the build phase (harder running) does about new exercises, printed "
        "by the season page and by every card tagged for build.",
    )
    to_a_new_card: Phrase | None = Field(
        default=None,
        description="How to move on to a new card, printed by every pointer to one (a card's "
        "Next, a programme's After the last week, the season page), so no move breaks per_week.",
    )


class Contacts(Basis):
    counting: Literal["total", "per-foot"] = Field(
        description="total: every landing counts once, on one foot or two; per-foot: each "
        "foot's landings are counted on their own."
    )
    cap_per_session: Annotated[int, Field(gt=0, le=500)] = Field(
        description="Most ground contacts in one session: the blocks and counted warm-up items."
    )
    how_it_may_rise: Text = Field(description="When and how fast a runner may go past the cap.")

    def per_set(self, contacts: int, per_side: bool) -> int:
        """Contacts one set counts against the cap: a per-side set twice when counted in total."""
        return contacts * 2 if per_side and self.counting == "total" else contacts


class Deload(Basis):
    sets_fraction: Fraction = Field(
        description="A deload week's total sets are at most this fraction of the week before, "
        "rounded up."
    )
    every_weeks: Annotated[tuple[int, int], Field(description="[fewest, most] weeks between.")]
    loads: Phrase = Field(description="What happens to the loads in a deload week.")
    after: Phrase | None = Field(
        default=None,
        description="What going back to the usual sets after a deload counts as, e.g. 'going "
        "back to the usual sets after it is not a change'.",
    )

    def most_sets(self, before: int) -> int:
        return math.ceil(self.sets_fraction * before - 1e-9)


Change = Literal["fewer-sets", "fewer-exercises", "fewer-reps"]


class Taper(Basis):
    weeks_out: Annotated[int, Field(ge=1, le=4)] = Field(
        description="How many weeks before the race the taper starts (the race week is the last)."
    )
    sets_fraction: Fraction = Field(
        description="A taper week's sets: about this fraction of the usual."
    )
    may_change: Annotated[tuple[Change, ...], Field(min_length=1)] = Field(
        description="What may change in a taper or race week; no stage, set or load goes up."
    )

    def most_sets(self, usual: int) -> int:
        return math.ceil(self.sets_fraction * usual - 1e-9)


class RaceWeek(Basis):
    days_from_last_session_to_race: Days = Field(
        description="Least whole days between the last strength session and the race."
    )
    most_exercises: Annotated[int, Field(ge=1, le=6)]
    sets_per_exercise: Annotated[int, Field(ge=1, le=4)]
    warm_up_sets: Phrase | None = Field(
        default=None,
        description="Whether the warm-up and its ramp-up sets count towards the race week's "
        "limit, e.g. 'warm-up and ramp-up sets do not count'.",
    )


class RaisesBySex(Model):
    men: Annotated[int, Field(gt=0, le=100)]
    women: Annotated[int, Field(gt=0, le=100)]


class HeelRaiseGate(Basis):
    test: ExerciseId = Field(description="The assessment whose score opens the gate.")
    exercises: tuple[ExerciseId, ...] = Field(
        description="The heavy calf exercises that wait for the gate."
    )
    raises_each_leg: RaisesBySex = Field(description="Raises to reach on each leg.")
    max_side_gap: Annotated[int, Field(ge=0, le=50)] = Field(
        description="Most raises between the two legs."
    )
    surface: Phrase = Field(description="Where the raises are counted, as in the test.")
    without_incline: Text | None = Field(
        default=None,
        description="What the gate asks of a runner who has only a step or the flat, where the "
        "published counts do not apply.",
    )
    from_stage: dict[ExerciseId, Stage] = Field(
        default_factory=dict,
        description="For a gated exercise whose first stages are light, the stage from which "
        "it waits for the gate; an exercise not named here waits as a whole.",
    )


class MeasureTest(Basis):
    """When to do a test that measures and does not tire the muscle (the knee-to-wall test),
    so it never borrows the heel-raise test's rest-day and fewer-sets rule."""

    when: Phrase = Field(
        description="When and how to place the test, e.g. 'before a session or on a rest day, "
        "the same way each time'."
    )


class HeelRaiseTest(Basis):
    """When to do the heel-raise test, so that every page that places it says the same."""

    days: Phrase = Field(
        description="Which days, and where it sits against a run that day, e.g. 'a rest day, "
        "or before any run that day'."
    )
    in_session: Phrase = Field(
        description="Where in a strength session the test goes, e.g. 'before any calf work'."
    )
    that_session: Phrase | None = Field(
        default=None,
        description="What the session holding the test leaves out, so the test (a set to "
        "fatigue on each leg) does not add to a full calf session, printed after in_session.",
    )


class SessionsPerWeek(Basis):
    to_build: Annotated[int, Field(ge=1, le=6)] = Field(
        description="Strength sessions a week while building strength (off-season, base, build)."
    )
    to_keep: Annotated[int, Field(ge=1, le=6)] = Field(
        description="Strength sessions a week to keep strength in the racing season."
    )
    in_a_row: Annotated[int, Field(ge=1, le=6)] = Field(
        description="Sessions in a row that must meet a stage's rule before moving up."
    )


class AfterRace(Basis):
    stages_back: Annotated[int, Field(ge=0, le=2)] = Field(
        description="How many stages below the pre-taper stage the first session after a race "
        "starts."
    )
    first: Phrase = Field(description="What comes first after a race, before any lifting.")
    first_stage: Phrase | None = Field(
        default=None,
        description="What the first session back does with an exercise that has no easier "
        "stage to go back to, e.g. 'on a first stage, a lighter load or one set fewer'.",
    )
    then: Phrase | None = Field(
        default=None,
        description="What the sessions after the first one back do, so a race never drops a "
        "runner for good, e.g. 'then back to your pre-taper stage and load'.",
    )
    not_a_change: Phrase | None = Field(
        default=None,
        description="What going back to the pre-taper stage counts as, printed after then, "
        "e.g. 'which is not moving up'.",
    )


class Soreness(Basis):
    fades_within_days: Annotated[int, Field(ge=2, le=7)] = Field(
        description="Muscle soreness that fades within about this many days is normal; still "
        "marked on that day, or worse from week to week, means still_marked."
    )
    still_marked: Phrase = Field(
        default="take a lighter week",
        description="What soreness still marked on day fades_within_days, or worse from week "
        "to week, calls for: one action, printed on the cards, the safety, running-week and "
        "progress pages (the progress page lists it among the deload week's triggers).",
    )
    cards: tuple[SessionId, ...] = Field(
        default=(), description="The cards that print the soreness rule in their notes."
    )
    worse_next_morning: Phrase | None = Field(
        default=None,
        description="Pain that is not soreness and is worse the next morning, printed by the "
        "progress and safety pages with worse_next_morning_action.",
    )
    worse_next_morning_action: Phrase | None = Field(
        default=None,
        description="What to do about the pain worse_next_morning names.",
    )
    stop_pain: Phrase = Field(
        default="pain in a joint, a tendon, one spot or the lower back, or sharp pain",
        description="Pain that is not soreness and stops the exercise, printed by the safety "
        "page, the cards and every exercise page (the stop signs).",
    )
    stop_pain_card: Phrase = Field(
        default="joint, tendon, one-spot or sharp pain",
        description="stop_pain in the few words a printed card's note has room for.",
    )
    stop_action: Phrase = Field(
        default="stop that exercise and get it assessed",
        description="What stop_pain calls for, on every page that prints it.",
    )


class StraightKnee(Basis):
    """Cards whose only calf raises are bent-knee print card_note, so the calf pages' advice to
    keep a straight-knee raise as well reaches the runner on the card."""

    card_note: Phrase = Field(
        description="The note a card prints when every calf raise on it is a bent-knee one."
    )


class Warning(Basis):
    exercises: tuple[ExerciseId, ...] = Field(
        description="The exercise pages that print this warning."
    )
    text: Text


class Coaching(Model):
    """Every rule that more than one page states, once."""

    when_to_lift: WhenToLift
    changes: Changes
    contacts: Contacts
    deload: Deload
    taper: Taper
    race_week: RaceWeek
    heel_raise_gate: HeelRaiseGate
    plantar_heel_pain: Warning
    sessions_per_week: SessionsPerWeek
    after_race: AfterRace
    heel_raise_test: HeelRaiseTest | None = Field(
        default=None, description="When to do the heel-raise test (an addition: may be absent)."
    )
    measure_test: MeasureTest | None = Field(
        default=None,
        description="When to do a test that measures (a distance or an angle) rather than "
        "tires the muscle, such as the knee-to-wall test (an addition: may be absent).",
    )
    straight_knee: StraightKnee | None = Field(
        default=None,
        description="What a card with only bent-knee calf raises says about straight-knee "
        "raises (an addition: may be absent).",
    )
    soreness: Soreness = Field(
        default_factory=lambda: Soreness(fades_within_days=3, coaching_practice=True),
        description="When soreness after a session is normal, when to ease off and when to "
        "stop (an addition: may be absent).",
    )

    @property
    def text(self) -> RuleText:
        return RuleText(self)


_CHANGES = {
    "fewer-sets": "fewer sets",
    "fewer-exercises": "fewer exercises",
    "fewer-reps": "fewer reps",
}
_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def _hours(hours: int) -> str:
    return f"{hours} hours"


class RuleText:
    """Each rule as one plain sentence, for pages and cards (escaped by the templates)."""

    def __init__(self, rules: Coaching) -> None:
        self.rules = rules

    @property
    def before_key_runs(self) -> str:
        """``48 hours or more before a hard run or long run``."""
        lift = self.rules.when_to_lift
        hard, long = _hours(lift.hours_before_hard_session), _hours(lift.hours_before_long_run)
        if hard == long:
            return f"{hard} or more before a hard run or long run"
        return f"{hard} or more before a hard run and {long} or more before a long run"

    @property
    def hours_before_hard_session(self) -> str:
        """``48 hours``: a race counts as a hard session."""
        return _hours(self.rules.when_to_lift.hours_before_hard_session)

    @property
    def when_to_lift_clause(self) -> str:
        """The rule inside a sentence: ``on a rest or easy-run day (...), 48 hours ...``."""
        lift = self.rules.when_to_lift
        order = "run first, then lift" if lift.order_on_shared_day == "run-first" else "lift first"
        return f"on {lift.days} ({order}), {self.before_key_runs}"

    @property
    def when_to_lift(self) -> str:
        clause = self.when_to_lift_clause
        return clause[0].upper() + clause[1:]

    @property
    def shared_day(self) -> str:
        if self.rules.when_to_lift.order_on_shared_day == "run-first":
            return "When a run and a strength session share a day, run first, then lift"
        return "When a run and a strength session share a day, lift first, then run"

    @property
    def between_sessions(self) -> str:
        hours = _hours(self.rules.when_to_lift.hours_between_sessions)
        return f"{hours} or more between two strength sessions"

    @property
    def changes(self) -> str:
        per_week = self.rules.changes.per_week
        count = _WORDS.get(per_week, str(per_week))
        noun = "exercise moves" if per_week == 1 else "exercises move"
        return f"One change at a time: at most {count} {noun} up a stage in any week"

    @property
    def if_rule_not_met(self) -> str:
        return self.rules.changes.if_rule_not_met

    @property
    def when_a_move_waits(self) -> str:
        return self.rules.changes.when_a_move_waits or ""

    @property
    def changes_a_week(self) -> str:
        """``one exercise a week``: the limit changes.per_week sets, in words."""
        per_week = self.rules.changes.per_week
        noun = "exercise" if per_week == 1 else "exercises"
        return f"{_WORDS.get(per_week, str(per_week))} {noun} a week"

    @property
    def to_a_new_card(self) -> str:
        """``Move to it one exercise a week; keep the others at the stage you reached``."""
        return self.rules.changes.to_a_new_card or ""

    def new_in_season(self, reached: bool) -> str:
        """What a programme's Before week 1 tells a runner new to an exercise in season:
        ``If not, leave it out ...`` after a line asking for the stages reached before the
        season (``reached``), else ``New to an exercise here? Leave it out ...``; nothing
        where the data has no such rule."""
        changes = self.rules.changes
        elsewhere = changes.from_elsewhere_in_season
        if not elsewhere:
            return ""
        if reached and changes.in_season_entry:
            return f"If not, {elsewhere}."
        return f"New to an exercise here? {elsewhere[0].upper()}{elsewhere[1:]}."

    @property
    def past_stage(self) -> str:
        """``In season, keep ...``: what a runner past a card's stages does, as a sentence;
        nothing where the data has no such rule."""
        phrase = self.rules.changes.in_season_past_stage
        return f"{phrase[0].upper()}{phrase[1:]}." if phrase else ""

    @property
    def contacts(self) -> str:
        contacts = self.rules.contacts
        counted = (
            "every landing counts as one contact, on one foot or two, so a set per foot counts "
            "both feet"
            if contacts.counting == "total"
            else "each foot's landings are counted on their own"
        )
        return (
            f"At most {contacts.cap_per_session} ground contacts in a session, warm-up hops and "
            f"skips included; {counted}"
        )

    @property
    def deload(self) -> str:
        low, high = self.rules.deload.every_weeks
        return f"A lighter (deload) week every {low} to {high} weeks: {self.deload_short}"

    def deload_due_after(self, kinds: tuple[str, ...] | list[str]) -> bool:
        """Whether the week after a programme of these week kinds must be a deload: it would
        fall the most weeks allowed after the last deload (or the start)."""
        last = max((week for week, kind in enumerate(kinds, 1) if kind == "deload"), default=0)
        return len(kinds) + 1 - last >= self.rules.deload.every_weeks[1]

    def lighter_week_first(self, kinds: tuple[str, ...] | list[str]) -> str:
        """What a programme's pointer to the next card says first when a deload falls due in
        the week after its last week, else nothing."""
        if not self.deload_due_after(kinds):
            return ""
        return "A deload week first, as one is due; then "

    @property
    def taper(self) -> str:
        taper = self.rules.taper
        percent = round(taper.sets_fraction * 100)
        weeks = "week" if taper.weeks_out == 1 else "weeks"
        changes = " and ".join(_CHANGES[change] for change in taper.may_change)
        return (
            f"From {taper.weeks_out} {weeks} before the race: about {percent} per cent of the "
            f"usual sets; the only changes are {changes}, and no stage, set or load goes up"
        )

    @property
    def race_week(self) -> str:
        race = self.rules.race_week
        return (
            f"Race week: one short session, {race.days_from_last_session_to_race} days or more "
            f"before the race, of at most {race.most_exercises} exercises at "
            f"{race.sets_per_exercise} sets each, or none"
            + (f" ({race.warm_up_sets})" if race.warm_up_sets else "")
        )

    @property
    def last_session(self) -> str:
        days = self.rules.race_week.days_from_last_session_to_race
        return f"the last strength session {days} days or more before the race"

    @property
    def gate(self) -> str:
        gate = self.rules.heel_raise_gate
        return (
            f"reach about {gate.raises_each_leg.men} raises on each leg for men "
            f"or {gate.raises_each_leg.women} for women on the single-leg heel-raise test, counted "
            f"on {gate.surface}, with the two legs within {gate.max_side_gap} raises"
            + (f"; {gate.without_incline}" if gate.without_incline else "")
        )

    def gate_stage(self, exercise_id: str) -> str | None:
        """The stage from which an exercise waits for the heel-raise gate, ``None`` when the
        whole exercise waits (or it is not gated)."""
        return self.rules.heel_raise_gate.from_stage.get(exercise_id)

    def gate_waits(self, exercise_id: str) -> str:
        """What the gate holds back on an exercise's own page."""
        stage = self.gate_stage(exercise_id)
        if stage is None:
            return "Until then, stay with the easier rungs of this ladder"
        return (
            f"Here the {stage} stage and any after it wait for the test; the earlier stages do not"
        )

    def gate_note(self, name: str, exercise_id: str) -> str:
        """A card's note for a block whose stage waits for the gate."""
        return f"{name}: only after the heel-raise test gate (see its page)"

    @property
    def gate_without_incline(self) -> str:
        return self.rules.heel_raise_gate.without_incline or ""

    def _sessions(self, count: int) -> str:
        word = _WORDS.get(count, str(count))
        return f"{word} strength session{'' if count == 1 else 's'} a week"

    @property
    def sessions_to_build(self) -> str:
        """``two strength sessions a week``."""
        return self._sessions(self.rules.sessions_per_week.to_build)

    @property
    def sessions_to_keep(self) -> str:
        """``one strength session a week``."""
        return self._sessions(self.rules.sessions_per_week.to_keep)

    @property
    def sessions_per_week(self) -> str:
        return (
            f"To build strength, {self.sessions_to_build}; to keep it in the racing season, "
            f"about {self.sessions_to_keep}"
        )

    def sessions_for(self, phases: tuple[str, ...] | list[str]) -> str:
        """The rule for a card or programme by its phases: keeping in season, else building."""
        if set(phases) == {"in-season"}:
            text = f"About {self.sessions_to_keep}, to keep your strength in the racing season"
        else:
            text = f"{self.sessions_to_build} to build strength".capitalize()
            if "in-season" in phases:
                text += f"; about {self.sessions_to_keep} in the racing season"
        return text

    def programme_rules(
        self, phases: tuple[str, ...] | list[str], kinds: tuple[str, ...] | list[str], running: str
    ) -> list[tuple[str, str]]:
        """The rules a programme states, as (label, sentence) pairs, so its page and its
        booklet's cover print the same block; an empty label prints the sentence on its own."""
        keeping = set(phases) == {"in-season"}
        holding = self.rules.changes.in_season or "hold the stages and loads you reached"
        moving = (
            f"not in this block: {holding}"
            if keeping
            else f"{self.changes}, and only once its rule is met for {self.in_a_row}"
        )
        items = [
            (
                "In your running week",
                f"{self.sessions_for(phases)}. {running} {self.when_to_lift}; "
                f"{self.between_sessions}.",
            ),
            ("Moving up", f"{moving}."),
        ]
        if "deload" in kinds:
            items.append(("Deload weeks", f"{self.deload}."))
        if "taper" in kinds:
            items.append(("Taper", f"{self.taper}."))
        if "race" in kinds:
            items += [("", f"{self.race_week}."), ("", f"{self.after_race}.")]
        return items

    @property
    def in_a_row(self) -> str:
        """``two sessions in a row``."""
        count = self.rules.sessions_per_week.in_a_row
        if count == 1:
            return "one session"
        return f"{_WORDS.get(count, str(count))} sessions in a row"

    @property
    def after_race(self) -> str:
        after = self.rules.after_race
        back = after.stages_back
        if back == 0:
            return (
                f"After the race: {after.first}; then the first session back is at the stage "
                "and load you had before the taper"
            )
        stages = (
            f"{_WORDS.get(back, str(back))} stage{'' if back == 1 else 's'} easier than "
            "before the taper"
        )
        text = f"After the race: {after.first}; the first session back is {stages}"
        if after.first_stage:
            text += f" ({after.first_stage})"
        if after.then:
            text += f", {after.then}"
            if after.not_a_change:
                text += f", {after.not_a_change}"
        return text

    @property
    def test_when(self) -> str:
        """When to do the heel-raise test: ``on a rest day, or before any run that day, 48 hours
        or more before a hard run or long run; at the start of a session, before calf work``."""
        test = self.rules.heel_raise_test
        if test is None:
            return f"{self.when_to_lift_clause}, as for a strength session"
        after = f", {test.that_session}" if test.that_session else ""
        return f"on {test.days}, {self.before_key_runs}; and {test.in_session}{after}"

    @property
    def measure_test_when(self) -> str:
        """When to do a test that measures rather than tires (the knee-to-wall test)."""
        test = self.rules.measure_test
        if test is None:
            return "the same way each time, before calf work or a run"
        return test.when

    @property
    def plantar_heel_pain(self) -> str:
        return self.rules.plantar_heel_pain.text

    @property
    def soreness_normal(self) -> str:
        """Muscle soreness that fades within about N days is normal (one sentence)."""
        days = self.rules.soreness.fades_within_days
        return (
            "Muscle soreness that peaks a day or two after a session and fades within about "
            f"{days} days is normal"
        )

    @property
    def soreness_lighter(self) -> str:
        """What soreness still marked on day N calls for, with the deload rule it means."""
        days = self.rules.soreness.fades_within_days
        return (
            f"if it is still marked on day {days}, or gets worse from week to week, "
            f"{self.rules.soreness.still_marked} ({self.deload_short})"
        )

    @property
    def deload_short(self) -> str:
        """``at most 50 per cent of the previous week's sets, rounded up, at loads you know``."""
        deload = self.rules.deload
        percent = round(deload.sets_fraction * 100)
        return f"at most {percent} per cent of the previous week's sets, rounded up, {deload.loads}"

    @property
    def soreness_stop(self) -> str:
        """Pain that is not soreness."""
        sore = self.rules.soreness
        return (
            f"{sore.stop_pain[:1].upper()}{sore.stop_pain[1:]}, is not soreness: {sore.stop_action}"
        )

    @property
    def soreness(self) -> str:
        """The whole rule, for the pages."""
        return f"{self.soreness_normal}; {self.soreness_lighter}. {self.soreness_stop}."

    @property
    def soreness_card(self) -> tuple[str, ...]:
        """The rule as a card's one-line note: what to do (the safety page says what is normal)."""
        days = self.rules.soreness.fades_within_days
        return (
            f"Still sore on day {days}, or worse week to week: "
            f"{self.rules.soreness.still_marked}; {self.rules.soreness.stop_pain_card}: stop, "
            "get assessed.",
        )
