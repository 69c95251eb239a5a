"""The end of a quiz session: score per topic and when the next review is due."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from interview_prep.quiz.session import TopicScore
from interview_prep.tui.widgets.common.styles import score_color, styled


def total_score(scores: list[TopicScore]) -> TopicScore:
    """All topics added up."""
    total = TopicScore("total")
    for score in scores:
        for name in ("answered", "correct", "self_rated", "recalled"):
            setattr(total, name, getattr(total, name) + getattr(score, name))
    return total


class SummaryView(Vertical):
    """Session summary table plus a closing line."""

    def compose(self) -> ComposeResult:
        yield Static("[b]Session summary[/b]", id="summary-title")
        table: DataTable = DataTable(id="summary-table", cursor_type="none", zebra_stripes=True)
        table.add_columns("Topic", "Answered", "Correct", "Open", "Score")
        yield table
        yield Static(id="summary-next")

    def show(self, scores: list[TopicScore], titles: dict[str, str], closing: str) -> None:
        table = self.query_one("#summary-table", DataTable)
        table.clear()
        for score in [*scores, total_score(scores)]:
            total = score.topic == "total"
            title = titles.get(score.topic, score.topic)
            title = title if len(title) <= 32 else title[:31] + "…"
            name = Text("Total", style="bold") if total else Text(title)
            value = score.score
            shown = styled(self.app, f"{value:.0%}", score_color(value), bold=True) if value is not None else "-"
            table.add_row(
                name,
                str(score.answered),
                f"{score.correct}/{score.checked}",
                f"{score.recalled}/{score.self_rated}",
                shown,
            )
        self.query_one("#summary-next", Static).update(closing)
