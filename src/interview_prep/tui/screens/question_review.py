"""One question to study again (from a mock scorecard): prompt, your answer, the right
answer, explanation and references, in a modal dialog (`mock.render.question_review`)."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class QuestionReviewScreen(ModalScreen[None]):
    """Shows a rendered question review; Esc closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "dismiss", "Close")]

    def __init__(self, review: RenderableType):
        super().__init__()
        self.review = review

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="review-body") as body:
            body.border_title = "Review"
            body.border_subtitle = "Esc to close"
            yield Static(self.review, id="review-question")
