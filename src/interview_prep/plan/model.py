"""Typed study plan: days with katas (by id), a quiz goal and, on review day, a mock interview.

A day is complete when every listed kata has passed, the learner has answered `quiz.questions`
questions of the day's topics while the day was due (any topic when `topics` is empty), and,
when `mock` is set, finished a mock interview while the day was due.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from interview_prep.quiz.models import TOPIC_PREFIXES

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
KataId = Annotated[str, StringConstraints(pattern=r"^[a-z]+-\d{2}-[a-z0-9]+(-[a-z0-9]+)*$")]
TRACKS = ("asr", "tts", "classify", "review")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuizGoal(_Strict):
    """Answer `questions` quiz questions from `topics` (empty: any topic, e.g. due reviews)."""

    topics: list[str] = Field(default_factory=list)
    questions: int = Field(ge=0, le=200)

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, topics: list[str]) -> list[str]:
        unknown = [t for t in topics if t not in TOPIC_PREFIXES]
        if unknown:
            raise ValueError(f"unknown quiz topic {', '.join(unknown)} (known: {', '.join(TOPIC_PREFIXES)})")
        return topics


class PlanDay(_Strict):
    """One day of the plan."""

    day: int = Field(ge=1, le=31)
    title: NonEmpty
    track: Literal["asr", "tts", "classify", "review"]
    summary: NonEmpty
    katas: list[KataId] = Field(default_factory=list)
    quiz: QuizGoal = QuizGoal(questions=0)
    mock: bool = False

    @model_validator(mode="after")
    def _has_a_goal(self) -> PlanDay:
        if not (self.katas or self.quiz.questions or self.mock):
            raise ValueError("a day needs at least one goal: katas, quiz questions or a mock interview")
        return self


class Plan(_Strict):
    """A study plan: days 1..N in order."""

    title: NonEmpty
    days: list[PlanDay] = Field(min_length=1)

    @field_validator("days")
    @classmethod
    def _numbered_in_order(cls, days: list[PlanDay]) -> list[PlanDay]:
        for index, day in enumerate(days, start=1):
            if day.day != index:
                raise ValueError(f"days must be numbered 1, 2, 3... in order; entry {index} is day {day.day}")
        seen: dict[str, int] = {}
        for day in days:
            for kata in day.katas:
                if kata in seen:
                    raise ValueError(f"kata {kata} is listed on day {seen[kata]} and day {day.day}")
                seen[kata] = day.day
        return days

    def kata_days(self) -> dict[str, int]:
        """Kata id -> the day that lists it."""
        return {kata: day.day for day in self.days for kata in day.katas}
