"""Where the learner is in the plan: each day done, due or upcoming, missed days, streak.

Rules (also printed by `interview-prep plan`):

- One plan day is due per study day. Day 1 is due on the start date.
- A plan day stays due until it is complete (see `plan.model`); it is then done on the
  study day its last goal was met, and the next plan day is due on the following study day.
  Finishing early is fine: work of later days counts as soon as it is done (katas), and a
  day completed ahead is simply done sooner.
- Rescheduling: a study day on which the due plan day was not completed does not pile
  work up. The unfinished day stays due and every later day moves back one day, so there
  is never more than one day of plan work due at once. Such a day is "missed" when the
  learner did not study at all, "unfinished" when they studied but did not complete it.
- Quiz answers count toward the plan day that is due when they are given (only its topics);
  a finished mock interview counts toward a due day that asks for one; a kata counts once it
  has passed, whenever that was.
- A study day is a local calendar day that starts at the quiz's rollover hour (4 AM by
  default, so a late session counts for the evening before; see `progress.days`). The streak counts consecutive
  study days with any quiz review, kata attempt or finished mock interview; it is still
  alive today until the day ends without study.

Everything here is pure: callers pass the activity, the start date and `now`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from interview_prep.plan.model import Plan, PlanDay
from interview_prep.progress.days import DEFAULT_ROLLOVER_HOUR, study_date
from interview_prep.progress.plan import Activity


class DayStatus(StrEnum):
    DONE = "done"
    DUE = "due"
    UPCOMING = "upcoming"


@dataclass
class DayProgress:
    """One plan day: its status, its date (done on, due on or planned for) and its goals."""

    day: PlanDay
    status: DayStatus = DayStatus.UPCOMING
    date: date | None = None
    katas_passed: list[str] = field(default_factory=list)
    quiz_answered: int = 0
    mock_done: bool = False
    #: study days on which this day was due but not completed (it moved to the next day)
    slipped: list[date] = field(default_factory=list)

    @property
    def quiz_goal(self) -> int:
        return self.day.quiz.questions

    @property
    def katas_left(self) -> list[str]:
        return [k for k in self.day.katas if k not in self.katas_passed]

    @property
    def complete(self) -> bool:
        return (
            not self.katas_left
            and self.quiz_answered >= self.quiz_goal
            and (self.mock_done or not self.day.mock)
        )


@dataclass(frozen=True)
class Slip:
    """A study day on which the due plan day was not completed."""

    on: date
    day: int
    studied: bool

    @property
    def kind(self) -> str:
        return "unfinished" if self.studied else "missed"


@dataclass(frozen=True)
class Streak:
    """Consecutive study days up to today (today counts once studied) and the longest run."""

    current: int
    longest: int
    studied_today: bool


@dataclass
class WeekStatus:
    """The whole plan as of `today`."""

    start: date
    today: date
    days: list[DayProgress]
    slips: list[Slip]
    streak: Streak
    rollover_hour: int = DEFAULT_ROLLOVER_HOUR

    @property
    def due(self) -> DayProgress | None:
        """The plan day due today (None when today's day is done or the plan is complete)."""
        return next((d for d in self.days if d.status is DayStatus.DUE), None)

    @property
    def next_day(self) -> DayProgress | None:
        """The first plan day not done yet."""
        return next((d for d in self.days if d.status is not DayStatus.DONE), None)

    @property
    def complete(self) -> bool:
        return all(d.status is DayStatus.DONE for d in self.days)

    @property
    def missed(self) -> list[Slip]:
        return [s for s in self.slips if not s.studied]

    @property
    def finish_date(self) -> date:
        """When the last day was or will be done, if every remaining day is done on its date."""
        return self.days[-1].date or self.today


def _study_days(activity: Activity, tz: tzinfo | None, rollover: int) -> set[date]:
    moments = [t for t, _ in activity.reviews] + [t for t, _, _ in activity.attempts] + list(activity.mocks)
    return {study_date(t, tz, rollover) for t in moments}


def streak(days_studied: set[date], today: date) -> Streak:
    """Current and longest run of consecutive study days."""
    longest = run = 0
    previous = None
    for day in sorted(days_studied):
        if day > today:
            break
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    cursor = today if today in days_studied else today - timedelta(days=1)
    while cursor in days_studied:
        current += 1
        cursor -= timedelta(days=1)
    return Streak(current, longest, today in days_studied)


def week_status(
    plan: Plan,
    activity: Activity,
    start: date,
    now: datetime,
    tz: tzinfo | None = None,
    rollover_hour: int = DEFAULT_ROLLOVER_HOUR,
) -> WeekStatus:
    """Replay the activity day by day from `start` to the study day of `now` (see module rules)."""
    today = study_date(now, tz, rollover_hour)
    days = [DayProgress(day) for day in plan.days]
    studied = _study_days(activity, tz, rollover_hour)
    events: dict[date, list[tuple[datetime, str, str]]] = defaultdict(list)
    passed: set[str] = set()
    for moment, kata, status in activity.attempts:
        if status == "pass":
            when = study_date(moment, tz, rollover_hour)
            if when < start:
                passed.add(kata)
            else:
                events[when].append((moment, "kata", kata))
    for moment, topic in activity.reviews:
        events[study_date(moment, tz, rollover_hour)].append((moment, "review", topic))
    for moment in activity.mocks:
        events[study_date(moment, tz, rollover_hour)].append((moment, "mock", ""))

    current = 0
    slips: list[Slip] = []

    def settle(on: date) -> None:
        nonlocal current
        while current < len(days):
            progress = days[current]
            progress.katas_passed = [k for k in progress.day.katas if k in passed]
            if not progress.complete:
                return
            progress.status, progress.date = DayStatus.DONE, on
            current += 1

    cursor = start
    while cursor <= today:
        due = current
        settle(cursor)
        for _, kind, value in sorted(events.get(cursor, []), key=lambda e: e[0]):
            if kind == "kata":
                passed.add(value)
            elif current < len(days):
                progress = days[current]
                if kind == "review" and (not progress.day.quiz.topics or value in progress.day.quiz.topics):
                    progress.quiz_answered += 1
                elif kind == "mock" and progress.day.mock:
                    progress.mock_done = True
            settle(cursor)
        if cursor < today and due < len(days) and current == due:
            days[due].slipped.append(cursor)
            slips.append(Slip(cursor, days[due].day.day, cursor in studied))
        cursor += timedelta(days=1)

    for progress in days[current:]:
        progress.katas_passed = [k for k in progress.day.katas if k in passed]
    first_open = max(start, today)
    if current < len(days) and today >= start:
        done_today = any(d.date == today for d in days[:current])
        first_open = today + timedelta(days=1) if done_today else today
        if not done_today:
            days[current].status = DayStatus.DUE
    for offset, progress in enumerate(days[current:]):
        progress.date = first_open + timedelta(days=offset)
    return WeekStatus(start, today, days, slips, streak(studied, today), rollover_hour)
