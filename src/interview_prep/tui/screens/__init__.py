"""The app's screens, one module each, and the registry of the ones reachable by name.

`REGISTRY` is the one place a screen is registered: the dashboard's keys, the command
palette's "Open ..." entries and the help screen are all built from it. Targets are
"module:Class" strings, imported on first use, so start-up imports only the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScreenEntry:
    """A screen the learner can open from the dashboard (key) or the command palette (title)."""

    name: str
    title: str
    key: str
    target: str
    description: str
    #: the label in the dashboard's footer when the title is too long for 80 columns
    short: str = ""

    @property
    def label(self) -> str:
        return self.short or self.title


REGISTRY: dict[str, ScreenEntry] = {
    entry.name: entry
    for entry in (
        ScreenEntry(
            "quiz", "Review", "r", "interview_prep.tui.screens.quiz:QuizScreen",
            "Answer today's due reviews, then new questions",
        ),
        ScreenEntry(
            "katas", "Katas", "k", "interview_prep.tui.screens.katas:KataBrowserScreen",
            "Browse, solve and grade the coding katas",
        ),
        ScreenEntry(
            "progress", "Progress", "p", "interview_prep.tui.screens.progress:ProgressScreen",
            "Plots of reviews, accuracy, katas and grading times",
        ),
        ScreenEntry(
            "plan", "Plan", "w", "interview_prep.tui.screens.plan:PlanScreen",
            "The study week: done, due today, missed days and the streak",
        ),
        ScreenEntry(
            "mock", "Mock interview", "m", "interview_prep.tui.screens.mock:MockScreen",
            "A timed mock interview: questions across topics, one kata, a scorecard",
            short="Mock",
        ),
    )
}
