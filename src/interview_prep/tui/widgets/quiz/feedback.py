"""The feedback region of the quiz: verdict, expected answer, reasons, explanation, references.

For open questions the learner's notes stay beside the model answer.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import Button, Markdown, Static

from interview_prep.progress.marks import Mark
from interview_prep.quiz.checking import letter
from interview_prep.quiz.models import MultiQuestion, NumericQuestion, OpenQuestion, SingleQuestion, TextQuestion
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.render import until
from interview_prep.quiz.session import Outcome

RATING_VARIANTS = {Rating.AGAIN: "error", Rating.HARD: "warning", Rating.GOOD: "success", Rating.EASY: "primary"}


def verdict_markup(outcome: Outcome, now: datetime, mark: Mark | None = None) -> str:
    """'✓ Correct · Good · 12 s · next review in 3 days' with theme colours, then guessed, flag, suspension."""
    correct = outcome.result.correct
    if correct is None:
        verdict = "[b $text-secondary]Self-rated[/]"
    elif correct:
        verdict = "[b $text-success]✓ Correct[/]"
    else:
        verdict = "[b $text-error]✗ Not quite[/]"
    extras = [
        "[$text-warning]guessed[/]" if outcome.guessed else "",
        "[$text-accent]⚑ flagged[/]" if mark and mark.flagged else "",
        "[$text-warning]⏸ suspended[/]" if mark and mark.suspended else "",
    ]
    return " · ".join(
        [
            verdict,
            outcome.rating.label,
            f"{outcome.duration_s:.0f} s",
            f"next review {until(outcome.state.due, now)}",
            *filter(None, extras),
        ]
    )


def feedback_markdown(outcome: Outcome) -> str:
    """Expected answer, the learner's answer, per-choice reasons, explanation and references."""
    question, result = outcome.question, outcome.result
    parts: list[str] = []
    if isinstance(question, NumericQuestion | TextQuestion):
        parts.append(f"**Answer:** {result.expected}")
        if not result.correct:
            parts.append(f"**You:** {outcome.answer.strip() or '(nothing)'}")
    if isinstance(question, OpenQuestion):
        parts += _rubric_parts(question, outcome.answer)
        parts.append(f"**Model answer**\n\n{question.model_answer.strip()}")
    elif result.feedback:
        parts.append(f"*{result.feedback}*")
    if isinstance(question, SingleQuestion | MultiQuestion):
        lines = []
        for i, choice in enumerate(question.choices):
            mark = "✓" if choice.correct else "✗"
            you = " **← you**" if i in result.chosen else ""
            lines.append(f"- {mark} **{letter(i)})** {choice.text} — *{choice.why}*{you}")
        parts.append("\n".join(lines))
    parts.append(question.explanation.strip())
    refs = "; ".join(f"[{ref.title}]({ref.url})" for ref in question.references)
    parts.append(f"Read more: {refs}")
    return "\n\n".join(parts)


def _rubric_parts(question: OpenQuestion, notes: str) -> list[str]:
    """The key points the notes covered and missed (nothing without notes or key points)."""
    from interview_prep.quiz.rubric import has_rubric, score_answer
    from interview_prep.quiz.rubric_render import rubric_markdown

    return [rubric_markdown(score_answer(question, notes))] if notes.strip() and has_rubric(question) else []


class FeedbackView(Vertical):
    """What the learner sees after answering (or the model answer while self-rating)."""

    DEFAULT_CSS = """
    FeedbackView #feedback-row { height: auto; }
    FeedbackView #feedback-notes { width: 1fr; height: auto; border: round $accent; padding: 0 1; margin-right: 1; }
    FeedbackView #feedback-body { width: 2fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="verdict")
        with Horizontal(id="feedback-row"):
            notes = Static(id="feedback-notes")
            notes.border_title = "Your notes"
            yield notes
            yield Markdown(id="feedback-body")

    def _show_notes(self, notes: str) -> None:
        view = self.query_one("#feedback-notes", Static)
        view.update(escape(notes.strip()))
        view.display = bool(notes.strip())

    async def show_model_answer(self, question: OpenQuestion, notes: str = "") -> Rating | None:
        """The model answer beside the notes, with the key points they covered and missed; returns
        the rating the key points propose (None without notes or key points)."""
        from interview_prep.quiz.rubric import has_rubric, score_answer

        proposed = score_answer(question, notes).proposed_rating if notes.strip() and has_rubric(question) else None
        prompt = "[b $text-secondary]Compare with the model answer, then rate yourself[/]"
        if proposed is not None:
            prompt += f" [dim]· proposed: {int(proposed)} {proposed.label} (Enter)[/dim]"
        self.query_one("#verdict", Static).update(prompt)
        self._show_notes(notes)
        body = "\n\n".join([*_rubric_parts(question, notes), f"**Model answer**\n\n{question.model_answer.strip()}"])
        await self.query_one("#feedback-body", Markdown).update(body if proposed is not None else
                                                                question.model_answer.strip())
        return proposed

    async def show_outcome(self, outcome: Outcome, now: datetime, mark: Mark | None = None) -> None:
        self.show_verdict(outcome, now, mark)
        self._show_notes(outcome.answer if isinstance(outcome.question, OpenQuestion) else "")
        await self.query_one("#feedback-body", Markdown).update(feedback_markdown(outcome))

    def show_verdict(self, outcome: Outcome, now: datetime, mark: Mark | None = None) -> None:
        """Refresh the verdict line (after "I guessed", a flag or a suspension)."""
        self.query_one("#verdict", Static).update(verdict_markup(outcome, now, mark))


class RatingBar(Horizontal):
    """'How well did you know it?' with the four ratings (keys 1-4 or click)."""

    def compose(self) -> ComposeResult:
        yield Static("How well did you know it?", id="rating-question")
        for rating in Rating:
            yield Button(
                f"{int(rating)} {rating.label}",
                id=f"rate-{int(rating)}",
                variant=RATING_VARIANTS[rating],  # type: ignore[arg-type]
                compact=True,
                action=f"screen.rate({int(rating)})",
            )
