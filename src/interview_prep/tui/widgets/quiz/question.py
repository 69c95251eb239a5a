"""The question region of the quiz: position, topic, difficulty, prompt and choices."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import Markdown, ProgressBar, Static

from interview_prep.quiz.checking import letter
from interview_prep.quiz.models import MultiQuestion, Question, SingleQuestion
from interview_prep.quiz.render import answer_hint, keep_line_breaks, stars


def prompt_markdown(question: Question) -> str:
    """The prompt, then one line per choice (`a) ...`), as Markdown."""
    text = keep_line_breaks(question.prompt)
    if isinstance(question, SingleQuestion | MultiQuestion):
        lines = [f"**{letter(i)})** {choice.text}" for i, choice in enumerate(question.choices)]
        text += "\n\n" + "\\\n".join(lines)
    if isinstance(question, MultiQuestion):
        text += "\n\n*(select all that apply)*"
    return text


class QuestionView(Vertical):
    """Shows one question; `show()` replaces it."""

    def compose(self) -> ComposeResult:
        yield Static(id="question-header")
        yield ProgressBar(id="question-progress", show_eta=False, show_percentage=False)
        yield Markdown(id="question-prompt")
        yield Static(id="question-hint")

    async def show(self, question: Question, position: int, total: int, topic_title: str) -> None:
        self.query_one("#question-header", Static).update(
            f"[b]Question {position}/{total}[/b] · {escape(topic_title)} · "
            f"[$text-accent]{stars(question.difficulty)}[/] · [dim]{question.kind}[/dim]"
        )
        self.query_one("#question-progress", ProgressBar).update(total=total, progress=position - 1)
        self.set_hint(answer_hint(question))
        await self.query_one("#question-prompt", Markdown).update(prompt_markdown(question))

    def set_hint(self, text: str, *, warning: bool = False) -> None:
        """The line under the question: how to answer, or why the last input was not read."""
        hint = self.query_one("#question-hint", Static)
        hint.set_class(warning, "-warning")
        hint.update(escape(text))
