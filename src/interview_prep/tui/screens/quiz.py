"""The quiz: one question at a time, immediate check with explanation, self-rating for
open questions (multi-line notes kept beside the model answer), "I guessed", flag and
suspend, a tag filter, and a session summary. All checking, rating and recording is the
quiz engine's `QuizSession`; every answer is saved before the next question appears.
"""

from __future__ import annotations

import dataclasses
from time import monotonic
from typing import ClassVar, Literal

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Footer, Header, Input, Label, TextArea

from interview_prep.quiz.checking import InvalidAnswer
from interview_prep.quiz.history import load_states
from interview_prep.quiz.models import OpenQuestion
from interview_prep.quiz.queue import Filters, tag_overview
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.render import next_due_line
from interview_prep.quiz.session import Outcome, QuizSession
from interview_prep.quiz.shuffle import new_seed
from interview_prep.tui.context import describe
from interview_prep.tui.screens.base import BaseScreen
from interview_prep.tui.screens.tags import ALL, TagScreen
from interview_prep.tui.widgets.common.notice import Notice
from interview_prep.tui.widgets.quiz.feedback import FeedbackView, RatingBar
from interview_prep.tui.widgets.quiz.question import QuestionView
from interview_prep.tui.widgets.quiz.summary import SummaryView

State = Literal["loading", "asking", "rating", "feedback", "summary", "empty"]


class QuizScreen(BaseScreen):
    """A quiz session over today's queue (optionally some topics only)."""

    TITLE = "Quiz"
    HELP = (
        "Type the answer and press **Enter**: letters for choice questions (`a`, or `a,c` when several "
        "are right; choices are shuffled every time), a number (`16 kHz`, `28.6%`, `2/7` and `320 KB` "
        "are understood), or a short text. `?` means *I don't know*. Open questions: write notes "
        "(several lines), **Ctrl+S** shows the model answer beside them and the key points your notes "
        "missed; rate yourself with **1-4** (the rating the key points propose is selected: Enter accepts it). "
        "After a right answer, **1** or **2** says *I guessed* (Again or Hard). **f** flags the question, "
        "**s** suspends it (never asked until `interview-prep quiz --unsuspend ID`), **t** quizzes one tag. "
        "Each answer is saved at once and scheduled for review (FSRS); **Esc** ends the session with a summary."
    )
    DEFAULT_CSS = """
    #notes-bar { height: 9; padding: 0 2; }
    #notes { height: 1fr; }
    #notes-hint { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "end", "End session", tooltip="End the session with a summary (answers are saved)"),
        Binding("escape", "back", "Back", tooltip="Back to the dashboard"),
        Binding("enter,n", "next", "Next", tooltip="Go to the next question"),
        Binding("1", "rate(1)", "Again", tooltip="Self-rating: I did not know it"),
        Binding("2", "rate(2)", "Hard", tooltip="Self-rating: I knew it with difficulty"),
        Binding("3", "rate(3)", "Good", tooltip="Self-rating: I knew it"),
        Binding("4", "rate(4)", "Easy", tooltip="Self-rating: I knew it easily"),
        Binding("1", "guessed(1)", "I guessed: Again", tooltip="I guessed it: rate Again (asked again soon)"),
        Binding("2", "guessed(2)", "I guessed: Hard", tooltip="I guessed it: rate Hard"),
        Binding("f", "flag", "Flag", tooltip="Flag or unflag this question (quiz --list-flagged lists them)"),
        Binding("s", "suspend", "Suspend", tooltip="Suspend or unsuspend: suspended questions are never asked"),
        Binding("ctrl+s", "reveal", "Model answer", tooltip="Done with the notes: show the model answer",
                priority=True),
        Binding("t", "tags", "Tag", tooltip="Quiz on one tag"),
        Binding("r", "restart", "New round", tooltip="Start another session"),
    ]

    def __init__(self, topics: tuple[str, ...] = (), due_only: bool = False, tags: tuple[str, ...] = ()):
        super().__init__()
        self.filters = Filters(topics=tuple(topics), tags=tuple(tags), due_only=due_only)
        self.session: QuizSession | None = None
        self.state: State = "loading"
        self._started = 0.0
        self._notes = ""
        self._duration = 0.0

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="quiz-body", id="quiz-views"):
            with VerticalScroll(id="quiz-body"):
                yield QuestionView(id="question")
                yield FeedbackView(id="feedback")
            yield SummaryView(id="summary")
            yield Notice(id="quiz-notice")
        with Horizontal(id="answer-bar"):
            yield Label("›", id="answer-prompt")
            yield Input(id="answer", placeholder="your answer")
        with Vertical(id="notes-bar"):
            yield TextArea(id="notes", soft_wrap=True, tab_behavior="focus")
            yield Label("Notes (optional, several lines) · Ctrl+S: show the model answer", id="notes-hint")
        yield RatingBar(id="rating")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#question").display = False
        self.query_one("#feedback").display = False
        self.query_one("#rating").display = False
        self.query_one("#answer-bar").display = False
        self.query_one("#notes-bar").display = False
        self.load_bank()

    # states -------------------------------------------------------------------------

    def set_state(self, state: State) -> None:
        self.state = state
        answering = state == "asking"
        open_question = answering and isinstance(self.session.current, OpenQuestion)
        self.query_one("#answer-bar").display = answering and not open_question
        self.query_one("#notes-bar").display = open_question
        self.query_one("#rating").display = state == "rating"
        self.query_one("#feedback").display = state in ("rating", "feedback")
        view = {"summary": "summary", "empty": "quiz-notice"}.get(state, "quiz-body")
        self.query_one("#quiz-views", ContentSwitcher).current = view
        if open_question:
            self.query_one("#notes", TextArea).focus()
        elif answering:
            self.query_one("#answer", Input).focus()
        elif state == "feedback":
            self.query_one("#quiz-body").focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        answered = self.session is not None and bool(self.session.outcomes)
        in_session = self.state in ("asking", "rating", "feedback") and answered
        if action == "end":
            return in_session
        if action == "back":
            return not in_session
        if action == "next":
            return self.state == "feedback"
        if action == "rate":
            return self.state == "rating"
        if action == "guessed":
            return self.state == "feedback" and self.session.outcomes[-1].result.correct is True
        if action in ("flag", "suspend"):
            return self.state == "feedback"
        if action == "reveal":
            return self.state == "asking" and isinstance(self.session.current, OpenQuestion)
        if action == "tags":
            return self.state in ("feedback", "summary", "empty") and self.session is not None
        if action == "restart":
            return self.state in ("summary", "empty")
        return True

    # loading ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="quiz-load")
    def load_bank(self) -> None:
        try:
            self.ctx.bank()
        except Exception as exc:
            self.app.call_from_thread(self.show_notice, "The question bank could not be loaded", describe(exc), "error")
            return
        self.app.call_from_thread(self.start_session)

    def show_notice(self, title: str, body: str, severity: str = "information") -> None:
        self.query_one("#quiz-notice", Notice).show_message(title, body, severity=severity)  # type: ignore[arg-type]
        self.set_state("empty")

    async def start_session(self) -> None:
        """Build today's queue and ask the first question."""
        self.interview_app.warn_bank_problems()
        bank = self.ctx.bank()
        now = self.ctx.now()
        try:
            self.session = QuizSession.start(
                self.ctx.store, bank, now, self.filters, tz=self.ctx.tz, seed=new_seed()
            )
        except Exception as exc:
            self.show_notice("The quiz could not start", describe(exc), "error")
            return
        queue = self.session.queue
        if not self.session.total:
            held = ""
            if queue and (queue.held_by_new_limit or queue.held_by_review_limit):
                held = (
                    f"\nDaily limits reached: {queue.held_by_new_limit} new and "
                    f"{queue.held_by_review_limit} due question(s) wait for tomorrow."
                )
            self.show_notice(
                "Nothing to ask right now",
                f"{next_due_line(queue.next_due if queue else None, now)}{held}\nPress Esc to go back.",
                "success",
            )
            return
        topics = ", ".join([*(bank.titles.get(t, t) for t in self.filters.topics), *self.filters.tags])
        self.sub_title = f"{self.session.total} question(s): {queue.due} due, {queue.new} new" + (
            f" · {topics}" if topics else ""
        )
        await self.show_question()

    # asking -------------------------------------------------------------------------

    async def show_question(self) -> None:
        session = self.session
        question = session.current
        bank = self.ctx.bank()
        view = self.query_one(QuestionView)
        view.display = True
        await view.show(question, session.position, session.total, bank.titles.get(question.topic, question.topic))
        self.query_one("#answer", Input).value = ""
        self.query_one("#notes", TextArea).text = ""
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)
        self.set_state("asking")
        self._started = monotonic()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.state != "asking" or self.session is None:
            return
        answer = event.value
        duration = monotonic() - self._started
        try:
            self.session.check(answer, elapsed_s=duration)
        except InvalidAnswer as exc:
            self.query_one(QuestionView).set_hint(str(exc), warning=True)
            return
        await self.record(answer, duration)

    async def action_reveal(self) -> None:
        """Notes done: show the model answer beside them and ask for a self-rating."""
        question = self.session.current if self.session else None
        if self.state != "asking" or not isinstance(question, OpenQuestion):
            return
        self._notes, self._duration = self.query_one("#notes", TextArea).text, monotonic() - self._started
        proposed = await self.query_one(FeedbackView).show_model_answer(question, self._notes)
        self.set_state("rating")
        self.query_one(f"#rate-{int(proposed or Rating.GOOD)}").focus()  # Enter accepts the key points' proposal

    async def action_rate(self, value: int) -> None:
        """Self-rate an open question (1 Again .. 4 Easy)."""
        if self.state == "rating":
            await self.record(self._notes, self._duration, Rating(value))

    async def record(self, answer: str, duration: float, rating: Rating | None = None) -> None:
        """Submit to the session (which saves it), then show the feedback."""
        try:
            outcome = self.session.submit(answer, duration_s=duration, now=self.ctx.now(), self_rating=rating)
        except Exception as exc:
            self.notify(describe(exc), title="The answer could not be saved", severity="error", timeout=10)
            return
        await self.show_feedback(outcome)

    async def show_feedback(self, outcome: Outcome) -> None:
        await self.query_one(FeedbackView).show_outcome(outcome, self.ctx.now(), self.session.last_mark())
        self.set_state("feedback")
        self.query_one("#quiz-body", VerticalScroll).scroll_to_widget(self.query_one(FeedbackView), animate=False)

    def action_guessed(self, value: int) -> None:
        """After a right answer: I guessed, so rate it Again (1) or Hard (2) instead."""
        if self.state != "feedback" or self.session is None:
            return
        try:
            outcome = self.session.downgrade(Rating(value))
        except Exception as exc:
            self.notify(describe(exc), title="The rating could not be changed", severity="error", timeout=10)
            return
        self.query_one(FeedbackView).show_verdict(outcome, self.ctx.now(), self.session.last_mark())
        self.refresh_bindings()

    def _mark(self, **change: bool) -> None:
        mark = self.session.mark(**change)
        self.query_one(FeedbackView).show_verdict(self.session.outcomes[-1], self.ctx.now(), mark)
        if "flagged" in change:
            message = "flagged" if mark.flagged else "unflagged"
        else:
            message = "suspended: not asked until unsuspended" if mark.suspended else "unsuspended"
        self.notify(message, title=mark.question_id)

    def action_flag(self) -> None:
        """Flag or unflag the question just answered."""
        if self.state == "feedback" and self.session is not None:
            self._mark(flagged=not self.session.last_mark().flagged)

    def action_suspend(self) -> None:
        """Suspend or unsuspend the question just answered."""
        if self.state == "feedback" and self.session is not None:
            self._mark(suspended=not self.session.last_mark().suspended)

    def action_tags(self) -> None:
        """Choose a tag, then start a session on it (answers so far are saved)."""

        async def chosen(tag: str | None) -> None:
            if tag is None:
                return
            self.filters = dataclasses.replace(self.filters, tags=(tag,) if tag != ALL else ())
            self.query_one(QuestionView).display = False
            self.set_state("loading")
            await self.start_session()

        self.app.push_screen(TagScreen(tag_overview(self.ctx.bank()), self.filters.tags), chosen)

    async def action_next(self) -> None:
        """The next question, or the summary after the last one."""
        if self.state != "feedback" or self.session is None:
            return
        if self.session.finished:
            self.show_summary()
        else:
            await self.show_question()

    # ending -------------------------------------------------------------------------

    def show_summary(self) -> None:
        session = self.session
        states = load_states(self.ctx.store)
        upcoming = min((s.due for s in states.values()), default=None)
        saved = len(session.outcomes)
        early = "" if session.finished else "Session ended early. "
        closing = (
            f"{early}{saved} answer(s) saved. {next_due_line(upcoming, self.ctx.now())}\n"
            "[dim]r: another round · Esc: back to the dashboard[/dim]"
        )
        self.query_one(SummaryView).show(session.summary(), self.ctx.bank().titles, closing)
        self.sub_title = "summary"
        self.set_state("summary")

    def action_end(self) -> None:
        """End the session early: the summary of what was answered."""
        if self.session is not None and self.session.outcomes:
            self.show_summary()

    async def action_restart(self) -> None:
        """Another session with the same filters."""
        if self.state in ("summary", "empty"):
            self.query_one(QuestionView).display = False
            self.set_state("loading")
            await self.start_session()
