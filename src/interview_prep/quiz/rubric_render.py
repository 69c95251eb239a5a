"""How a rubric score is shown: a rich renderable for the terminal (quiz and mock), Markdown for
the app, and the rating prompt that proposes a self-rating (Enter accepts it)."""

from __future__ import annotations

from rich.text import Text

from interview_prep.quiz.rating import Rating
from interview_prep.quiz.rubric import RubricScore

_STYLES = {Rating.AGAIN: "red", Rating.HARD: "yellow", Rating.GOOD: "green", Rating.EASY: "cyan"}


def rubric_text(score: RubricScore) -> Text:
    """'Key points: 3 of 5 covered' then ✓ / ✗ per point, and the proposed rating."""
    rating = score.proposed_rating
    text = Text.assemble(("Key points: ", "bold"), score.line())
    if rating is not None:
        text.append("  · proposed rating: ")
        text.append(f"{int(rating)} {rating.label}", style=f"bold {_STYLES[rating]}")
    for result in score.results:
        text.append("\n")
        text.append("  ✓ " if result.covered else "  ✗ ", style="green" if result.covered else "red")
        text.append(result.point.point, style="" if result.covered else "bold")
    return text


def rubric_markdown(score: RubricScore) -> str:
    """The same for the app's Markdown views: missed points first, then the covered ones."""
    rating = score.proposed_rating
    head = f"**Key points: {score.line()}**"
    if rating is not None:
        head += f" · proposed rating **{int(rating)} {rating.label}** (you can choose another)"
    lines = [head, ""]
    lines += [f"- ✗ **missed:** {p.point}" for p in score.missed]
    lines += [f"- ✓ {p.point}" for p in score.covered]
    return "\n".join(lines)


def proposed_rating_prompt(proposed: Rating | None) -> str:
    """'How well did you know it? 1 Again · ... › ' with the proposal that Enter accepts."""
    labels = " · ".join(f"[{_STYLES[r]}]{int(r)} {r.label}[/]" for r in Rating)
    if proposed is None:
        return f"How well did you know it? {labels} › "
    return f"How well did you know it? {labels} [dim](Enter: {int(proposed)} {proposed.label})[/] › "


def read_rating(text: str, proposed: Rating | None) -> Rating | None:
    """The rating typed ('1'-'4'), the proposal for an empty reply, None when unreadable."""
    text = text.strip()
    if not text and proposed is not None:
        return proposed
    return Rating(int(text)) if text in {"1", "2", "3", "4"} else None
