"""The feedback region of the quiz: verdict, expected answer, reasons, explanation, references."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Markdown, Static

from interview_prep.quiz.checking import letter
from interview_prep.quiz.models import MultiQuestion, NumericQuestion, OpenQuestion, SingleQuestion, TextQuestion
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.render import until
from interview_prep.quiz.session import Outcome

RATING_VARIANTS = {Rating.AGAIN: "error", Rating.HARD: "warning", Rating.GOOD: "success", Rating.EASY: "primary"}


def verdict_markup(outcome: Outcome, now: datetime) -> str:
    """'✓ Correct · Good · 12 s · next review in 3 days' with theme colours."""
    correct = outcome.result.correct
    if correct is None:
        verdict = "[b $text-secondary]Self-rated[/]"
    elif correct:
        verdict = "[b $text-success]✓ Correct[/]"
    else:
        verdict = "[b $text-error]✗ Not quite[/]"
    return (
        f"{verdict} · {outcome.rating.label} · {outcome.duration_s:.0f} s · "
        f"next review {until(outcome.state.due, now)}"
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


class FeedbackView(Vertical):
    """What the learner sees after answering (or the model answer while self-rating)."""

    def compose(self) -> ComposeResult:
        yield Static(id="verdict")
        yield Markdown(id="feedback-body")

    async def show_model_answer(self, question: OpenQuestion) -> None:
        prompt = "[b $text-secondary]Compare with the model answer, then rate yourself[/]"
        self.query_one("#verdict", Static).update(prompt)
        await self.query_one("#feedback-body", Markdown).update(question.model_answer.strip())

    async def show_outcome(self, outcome: Outcome, now: datetime) -> None:
        self.query_one("#verdict", Static).update(verdict_markup(outcome, now))
        await self.query_one("#feedback-body", Markdown).update(feedback_markdown(outcome))


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
