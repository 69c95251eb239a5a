"""The mock interview's countdown: time left, coloured by urgency, with the current phase."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from interview_prep.mock.render import clock_text


def countdown_markup(left: timedelta, total_minutes: int, phase: str) -> str:
    """'⏱ 12:05 left · questions' (warning under 25 %, error under 10 %)."""
    share = left.total_seconds() / (total_minutes * 60)
    colour = "$error" if share < 0.1 else "$warning" if share < 0.25 else "$accent"
    return f"[b {colour}]⏱ {clock_text(left)}[/] [dim]left of {total_minutes} min · {phase}[/dim]"


class Countdown(Static):
    """Shows the time left; the screen calls `show()` every second."""

    def show(self, left: timedelta, total_minutes: int, phase: str) -> None:
        self.update(countdown_markup(left, total_minutes, phase))
