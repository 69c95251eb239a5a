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
    #: other words the learner may type in the palette ("quiz" finds "Review")
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.short or self.title

    @property
    def palette_title(self) -> str:
        """'Open Review (quiz, questions)': the palette matches titles only, so aliases go in it."""
        return f"Open {self.title}" + (f" ({', '.join(self.aliases)})" if self.aliases else "")


REGISTRY: dict[str, ScreenEntry] = {
    entry.name: entry
    for entry in (
        ScreenEntry(
            "quiz", "Review", "r", "interview_prep.tui.screens.quiz:QuizScreen",
            "Answer today's due reviews, then new questions", aliases=("quiz", "questions", "flashcards"),
        ),
        ScreenEntry(
            "katas", "Katas", "k", "interview_prep.tui.screens.katas:KataBrowserScreen",
            "Browse, solve and grade the coding katas", aliases=("exercises", "coding"),
        ),
        ScreenEntry(
            "progress", "Progress", "p", "interview_prep.tui.screens.progress:ProgressScreen",
            "Plots of reviews, forecast, retention, accuracy, katas, grading times",
            aliases=("stats", "plots", "charts"),
        ),
        ScreenEntry(
            "plan", "Plan", "w", "interview_prep.tui.screens.plan:PlanScreen",
            "The study week: done, due today, missed days and the streak", aliases=("week", "schedule", "streak"),
        ),
        ScreenEntry(
            "mock", "Mock interview", "m", "interview_prep.tui.screens.mock:MockScreen",
            "A timed mock interview: questions across topics, one kata, a scorecard",
            short="Mock", aliases=("interview", "exam"),
        ),
    )
}
