"""The mock interview: a visible countdown, questions, one kata under the clock, a scorecard.

All timing and scoring is `mock.session.MockInterview` (driven by the app's clock); this
screen shows it. Questions first (Enter submits, 1-4 rates an open question, `k` skips to
the kata), then the kata (`e` edits in $EDITOR, `g` grades in a thread worker), then the
scorecard, saved in the store. When the clock runs out the screen moves on by itself.
Mock answers are not FSRS reviews and the kata is graded in a fresh copy (see `mock`).

Every step is checkpointed (`save_unfinished`), and so is leaving the screen or quitting
the app: the next visit offers to resume the interview, or to save its scorecard as it stands.

Voice (`v` on the intro, like `interview-prep mock --voice`): each question is read aloud by
our TTS voice in a worker thread (played by the system's player, else its WAV path is shown);
an open question can be answered with a WAV file path typed as the answer, or recorded with
Ctrl+R (start / stop) when the optional `voice` extra and a microphone are present. The answer
is transcribed by Whisper in a worker, shown, and scored by the key points like typed notes.
"""

from __future__ import annotations

import subprocess
from typing import ClassVar, Literal

from textual import work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.widgets import ContentSwitcher, Footer, Header, Input, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from interview_prep.kata.results import Results, Status
from interview_prep.mock.draw import MAX_MINUTES, MIN_MINUTES, MockDraw
from interview_prep.mock.render import NOT_RECORDED, intro, question_review, review_these, scorecard
from interview_prep.mock.scorecard import Scorecard, save_scorecard
from interview_prep.mock.session import (
    MockInterview,
    Phase,
    draw_for,
    kata_root,
    load_unfinished,
    save_unfinished,
)
from interview_prep.progress.days import rollover_hour
from interview_prep.quiz.checking import InvalidAnswer, expected_answer
from interview_prep.quiz.models import OpenQuestion
from interview_prep.quiz.rating import Rating
from interview_prep.tui.context import describe
from interview_prep.tui.screens.base import BaseScreen
from interview_prep.tui.widgets.common.notice import Notice
from interview_prep.tui.widgets.mock.countdown import Countdown
from interview_prep.tui.widgets.quiz.feedback import FeedbackView, RatingBar
from interview_prep.tui.widgets.quiz.question import QuestionView

State = Literal["loading", "intro", "asking", "transcribing", "rating", "kata", "grading", "scorecard", "error"]
VIEWS = {"loading": "mock-notice", "error": "mock-notice", "intro": "mock-intro", "asking": "mock-questions",
         "transcribing": "mock-questions", "rating": "mock-questions", "kata": "mock-kata", "grading": "mock-kata",
         "scorecard": "mock-scorecard"}
AUDIO_SUFFIXES = (".wav", ".flac", ".ogg")


class MockScreen(BaseScreen):
    """A timed mock interview."""

    TITLE = "Mock interview"
    HELP = (
        "A timed interview: conceptual and scenario questions across topics, then one kata to solve under "
        "the clock, then a scorecard (saved; `interview-prep mock list` shows them all). On the intro, "
        "**+**/**-** change the length and **s** starts the clock. Answer with **Enter** (`?` = I don't know); "
        "rate open questions **1-4**. **Ctrl+N** skips to the kata, **Ctrl+F** finishes (asking first while "
        "questions or the kata are open). In the kata, **e** opens the file in $EDITOR and **g** grades it (as "
        "often as you like). **v** on the intro turns voice on: questions are read aloud, and an open question "
        "can be answered with the path of a WAV file or recorded with **Ctrl+R** (start, stop; needs the `voice` "
        "extra and a microphone); the transcript is scored by the key points like typed notes, and the proposed "
        "rating is selected (Enter accepts it). On the scorecard, select a question under *Review these* to "
        "study it. Quitting "
        "keeps the interview: the next visit offers to resume it. " + NOT_RECORDED
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "End / back", tooltip="End the interview early (the scorecard is saved)"),
        Binding("s", "start", "Start the clock", tooltip="Start the interview"),
        Binding("plus,equals_sign", "minutes(5)", "+5 min", tooltip="A longer interview"),
        Binding("minus", "minutes(-5)", "-5 min", tooltip="A shorter interview"),
        Binding("v", "voice", "Voice", tooltip="Read questions aloud and answer open questions by voice"),
        Binding("ctrl+r", "record", "Record", tooltip="Record a spoken answer from the microphone (again: stop)",
                priority=True),
        Binding("1", "rate(1)", "Again", show=False),
        Binding("2", "rate(2)", "Hard", show=False),
        Binding("3", "rate(3)", "Good", show=False),
        Binding("4", "rate(4)", "Easy", show=False),
        Binding("ctrl+n,k", "skip", "Skip to kata", tooltip="Leave the remaining questions and start the kata"),
        Binding("e", "edit", "Edit", tooltip="Open the kata file in $EDITOR"),
        Binding("g", "grade", "Grade", tooltip="Grade the kata now"),
        Binding("ctrl+f,f", "finish", "Finish", tooltip="Finish the interview now and see the scorecard"),
    ]

    def __init__(self, minutes: int = 45, seed: int | None = None):
        super().__init__()
        self.minutes = minutes
        self.seed = seed
        self.state: State = "loading"
        self.draw: MockDraw | None = None
        self.interview: MockInterview | None = None
        self.card: Scorecard | None = None
        self.mock_id: int | None = None
        self._notes = ""
        self._left = False
        self.voice = False
        self._spoken = None
        self._recorder = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Countdown(id="mock-clock")
        with ContentSwitcher(initial="mock-notice", id="mock-views"):
            yield Static(id="mock-intro")
            with VerticalScroll(id="mock-questions"):
                yield Static(id="mock-last")
                yield QuestionView(id="question")
                yield FeedbackView(id="feedback")
            with VerticalScroll(id="mock-kata"):
                yield Static(id="mock-kata-info")
                yield Static(id="mock-kata-result")
                yield Markdown(id="mock-kata-statement")
            with VerticalScroll(id="mock-scorecard"):
                yield Static(id="mock-card")
                yield OptionList(id="mock-review")
            yield Notice("Mock interview", "Loading the questions and katas…", id="mock-notice")
        with Horizontal(id="answer-bar"):
            yield Label("›", id="answer-prompt")
            yield Input(id="answer", placeholder="your answer")
        yield RatingBar(id="rating")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#mock-clock").display = False
        self.set_state("loading")
        self.set_interval(1.0, self.tick)
        self.load()

    # states -------------------------------------------------------------------------

    def set_state(self, state: State) -> None:
        self.state = state
        self.query_one("#mock-views", ContentSwitcher).current = VIEWS[state]
        self.query_one("#answer-bar").display = state == "asking"
        self.query_one("#rating").display = state == "rating"
        self.query_one("#feedback").display = state == "rating"
        self.query_one("#mock-clock").display = self.interview is not None and state != "scorecard"
        if state == "asking":
            self.query_one("#answer", Input).focus()
        self.refresh_bindings()
        self.tick()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = {
            "start": ("intro",), "minutes": ("intro",), "voice": ("intro",), "rate": ("rating",),
            "skip": ("asking", "rating"), "record": ("asking",),
            "edit": ("kata",), "grade": ("kata",), "finish": ("asking", "transcribing", "rating", "kata"),
        }
        if action == "skip" and (self.draw is None or self.draw.kata is None):
            return False
        if action == "record" and not (self.interview is not None and self.interview.voice
                                       and isinstance(self.interview.current, OpenQuestion)):
            return False
        return self.state in allowed[action] if action in allowed else True

    def tick(self) -> None:
        """Every second: redraw the countdown; move on when the clock says so."""
        interview = self.interview
        if interview is None or self.state == "scorecard":
            return
        phase = interview.phase
        self.query_one(Countdown).show(interview.time_left(), interview.draw.minutes, str(phase))
        if self.state in ("asking", "transcribing", "rating") and phase is not Phase.QUESTIONS:
            self.call_later(self.after_questions)
        elif self.state == "kata" and phase is Phase.FINISHED:
            self.finish()

    # loading and intro --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="mock-load")
    def load(self) -> None:
        try:
            self.ctx.bank()
            self.ctx.catalog()
        except Exception as exc:
            self.app.call_from_thread(self.fail, "The content could not be loaded", describe(exc))
            return
        self.app.call_from_thread(self.show_intro)

    def fail(self, title: str, body: str) -> None:
        self.query_one("#mock-notice", Notice).show_message(title, body, severity="error")
        self.set_state("error")

    def show_intro(self) -> None:
        """Offer to resume an unfinished interview, else draw one for the current length and show it."""
        bank = self.ctx.bank()
        if self.state == "loading":
            unfinished, problem = load_unfinished(self.ctx.store, bank, self.ctx.catalog(), self.ctx.now)
            if problem:
                self.notify(problem, severity="warning", timeout=10)
            if unfinished is not None:
                from interview_prep.tui.screens.confirm import ConfirmScreen

                self.app.push_screen(
                    ConfirmScreen("Unfinished mock interview", f"{unfinished.progress_line()}; the clock was paused "
                                  "while you were away. Resume it? (No saves its scorecard as it stands.)",
                                  yes="Resume"),
                    lambda yes: self.call_later(self.resume if yes else self.save_unfinished_card, unfinished),
                )
        try:
            self.draw, self.seed = draw_for(self.ctx.store, bank, self.ctx.catalog(), self.minutes, self.seed)
        except Exception as exc:
            self.fail("The mock interview could not be drawn", describe(exc))
            return
        self.query_one("#mock-intro", Static).update(
            intro(self.draw, bank.titles, "Type ? if you don't know; Esc ends the interview early (the scorecard "
                  f"is still saved). Voice: {'on' if self.voice else 'off'} (v: questions read aloud, open "
                  "questions answered by voice).")
        )
        self.sub_title = f"{self.minutes} minutes · s to start"
        self.set_state("intro")

    def action_minutes(self, delta: int) -> None:
        """Change the length (on the intro), keeping it within the allowed range."""
        minutes = min(MAX_MINUTES, max(MIN_MINUTES, self.minutes + delta))
        if minutes != self.minutes:
            self.minutes, self.seed = minutes, None
            self.show_intro()

    def action_voice(self) -> None:
        """Voice on or off (on the intro)."""
        if self.state == "intro":
            self.voice = not self.voice
            self.show_intro()

    async def action_start(self) -> None:
        """Start the clock and ask the first question."""
        if self.state != "intro" or self.draw is None:
            return
        self.interview = MockInterview(self.draw, self.ctx.now, self.seed or 0, dict(self.ctx.bank().titles),
                                       voice=self.voice)
        self.sub_title = f"{self.draw.minutes} minutes"
        await self.next_question()

    async def resume(self, interview: MockInterview) -> None:
        """Carry on with an unfinished interview where it was left."""
        self.interview, self.draw = interview, interview.draw
        self.sub_title = f"{self.draw.minutes} minutes · resumed"
        if interview.phase is Phase.QUESTIONS:
            await self.next_question()
        elif interview.phase is Phase.KATA:
            self.start_kata()
        else:
            self.finish()

    def save_unfinished_card(self, interview: MockInterview) -> None:
        """Declined to resume: save the unfinished interview's scorecard; the intro stays for a new one."""
        try:
            mock_id = save_scorecard(self.ctx.store, interview.finish(ended_early=True))
        except Exception as exc:
            self.notify(describe(exc), title="The scorecard could not be saved", severity="error", timeout=10)
            return
        self.notify(f"Its scorecard is saved as mock interview #{mock_id} (`interview-prep mock show {mock_id}`).",
                    title="Unfinished interview saved")

    def checkpoint(self) -> None:
        """Save the running interview so that no way of leaving loses it."""
        if self.interview is not None and self.state not in ("scorecard", "error"):
            try:
                save_unfinished(self.ctx.store, self.interview)
            except Exception as exc:
                self.notify(describe(exc), title="The interview could not be saved", severity="error")

    def stop_background(self) -> None:
        """Leaving the screen or quitting the app (called once or twice): keep the running interview for later."""
        if not self._left:
            self._left = True
            self.checkpoint()

    # questions ----------------------------------------------------------------------

    async def next_question(self) -> None:
        interview = self.interview
        if interview.phase is not Phase.QUESTIONS:
            await self.after_questions()
            return
        question = interview.current
        title = interview.titles.get(question.topic, question.topic)
        await self.query_one(QuestionView).show(question, interview.position, len(interview.questions), title)
        answer = self.query_one("#answer", Input)
        answer.value = ""
        answer.placeholder = "notes (optional), then Enter" if isinstance(question, OpenQuestion) else "your answer"
        if interview.voice and isinstance(question, OpenQuestion):
            answer.placeholder = "notes, or a WAV file of your spoken answer (Ctrl+R records), then Enter"
        self._spoken = None
        self.set_state("asking")
        self.checkpoint()
        if interview.voice:
            self.read_aloud(interview.position)

    @work(thread=True, exclusive=True, group="mock-voice")
    def read_aloud(self, position: int) -> None:
        """Synthesize the current question (our TTS voice) and play it; without a player, show its WAV."""
        from interview_prep.audio import playback

        try:
            path = self.interview.read_question()
        except Exception as exc:
            self.app.call_from_thread(self.notify, describe(exc), title="The question could not be read aloud",
                                      severity="warning")
            return
        if not playback.players():
            self.app.call_from_thread(self.notify, f"No audio player found; the question is at {path}",
                                      title="Question read aloud")
            return
        playback.play(path)

    def action_record(self) -> None:
        """Start recording a spoken answer from the microphone, or stop and transcribe it."""
        from interview_prep.mock.recording import Recorder, microphone

        if self.state != "asking" or self.interview is None:
            return
        if self._recorder is None:
            available, why = microphone()
            if not available:
                self.notify(f"{why}. Type the path of a WAV file instead.", title="No microphone", severity="warning")
                return
            recorder = Recorder()
            try:
                recorder.start()
            except Exception as exc:
                self.notify(describe(exc), title="The microphone could not start", severity="error")
                return
            self._recorder = recorder
            self.query_one(QuestionView).set_hint("● recording: Ctrl+R stops", warning=True)
            return
        from interview_prep.mock.voice import answer_wav_name

        recorder, self._recorder = self._recorder, None
        audio = recorder.stop()
        if len(audio) < recorder.sample_rate // 2:
            self.query_one(QuestionView).set_hint("That recording is too short: Ctrl+R records again.", warning=True)
            return
        interview = self.interview
        path = recorder.save(audio, interview.audio_dir / answer_wav_name(interview.position, interview.current.id))
        self.transcribe(str(path))

    def transcribe(self, path: str) -> None:
        self.query_one(QuestionView).set_hint(f"Transcribing {path} (Whisper)…")
        self.set_state("transcribing")
        self.transcribe_worker(path)

    @work(thread=True, exclusive=True, group="mock-transcribe")
    def transcribe_worker(self, path: str) -> None:
        from interview_prep.mock.voice import transcribe_answer

        try:
            spoken = transcribe_answer(path)
        except Exception as exc:
            self.app.call_from_thread(self.transcribed, None, describe(exc))
            return
        self.app.call_from_thread(self.transcribed, spoken, None)

    async def transcribed(self, spoken, error: str | None) -> None:
        """A spoken answer is transcribed: show it with its metrics, then the model answer and key points."""
        from interview_prep.mock.render import spoken_metrics_line

        if self.state != "transcribing" or self.interview is None or self.interview.current is None:
            return
        if spoken is None:
            self.set_state("asking")
            self.query_one(QuestionView).set_hint(error or "the answer could not be transcribed", warning=True)
            return
        self._spoken = spoken
        self.query_one("#mock-last", Static).update(
            f"[b]Your spoken answer[/b] [dim](Whisper transcript · {escape(spoken_metrics_line(spoken.metrics))})"
            f"[/dim]\n{escape(spoken.text or '(no speech found)')}")
        await self.show_rating(self.interview.current, spoken.text)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.state != "asking" or self.interview is None or self.interview.current is None:
            return
        question = self.interview.current
        if isinstance(question, OpenQuestion):
            value = event.value.strip().strip("'\"")
            if self.interview.voice and value.lower().endswith(AUDIO_SUFFIXES):
                from pathlib import Path

                if not Path(value).expanduser().is_file():
                    self.query_one(QuestionView).set_hint(f"No file {value}", warning=True)
                    return
                self.transcribe(str(Path(value).expanduser()))
                return
            await self.show_rating(question, event.value)
            return
        try:
            self.interview.check(event.value)
        except InvalidAnswer as exc:
            self.query_one(QuestionView).set_hint(str(exc), warning=True)
            return
        await self.submit(event.value)

    async def show_rating(self, question: OpenQuestion, notes: str) -> None:
        """The model answer beside the notes, with the key points covered and missed; the proposed
        rating's button is focused, so Enter accepts it."""
        self._notes = notes
        proposed = await self.query_one(FeedbackView).show_model_answer(question, notes)
        self.set_state("rating")
        if proposed is not None:
            self.query_one(f"#rate-{int(proposed)}").focus()

    async def action_rate(self, value: int) -> None:
        if self.state == "rating":
            await self.submit(self._notes, Rating(value))

    async def submit(self, answer: str, rating: Rating | None = None) -> None:
        question = self.interview.current or self.interview.questions[len(self.interview.answers)]
        result = self.interview.submit(answer, rating, self._spoken)
        self._spoken = None
        last = self.query_one("#mock-last", Static)
        if not result.answered:
            last.update("[$warning]Time for the questions ran out: that answer does not count.[/]")
        elif result.correct is None:
            points = f" · {len(result.covered_points)}/{result.key_points} key points" if result.key_points else ""
            last.update(f"[$secondary]Self-rated {Rating(rating).label}[/] [dim]· {escape(question.id)}{points}[/dim]")
        elif result.correct:
            last.update(f"[b $success]✓ right[/] [dim]· {escape(question.id)}[/dim]")
        else:
            last.update(f"[b $error]✗ not quite[/] [dim]· answer: {escape(expected_answer(question))}[/dim]")
        await self.next_question()

    async def action_skip(self) -> None:
        """Leave the remaining questions for the kata."""
        if self.interview is not None and self.state in ("asking", "rating"):
            self.interview.skip_to_kata()
            await self.after_questions()

    async def after_questions(self) -> None:
        """Start the kata, or finish when there is none or time is up."""
        if self.state not in ("asking", "transcribing", "rating"):
            return
        if self.interview.phase is Phase.KATA:
            self.start_kata()
        else:
            self.finish()

    # kata ---------------------------------------------------------------------------

    def start_kata(self) -> None:
        from interview_prep.kata.workspace import learner_files

        interview = self.interview
        try:
            folder = interview.prepare_kata(kata_root(self.ctx.store, interview.started_at))
        except Exception as exc:
            self.notify(describe(exc), title="The kata could not be prepared", severity="error", timeout=10)
            self.finish()
            return
        kata = interview.draw.kata
        files = "\n".join(f"  {escape(str(p))}" for p in learner_files(folder.parents[1], kata))
        self.query_one("#mock-kata-info", Static).update(
            f"[b]{escape(kata.title)}[/b] [dim]({kata.id}, about {kata.minutes} min)[/dim]\n\n"
            f"Edit:\n{files}\n\n"
            "[dim]e: open in $EDITOR · g: grade (as often as you like) · f: finish · the statement is below[/dim]"
        )
        self.query_one("#mock-kata-result", Static).update("")
        try:
            statement = (folder / kata.statement_path.name).read_text(encoding="utf-8")
        except OSError as exc:
            statement = f"*The statement could not be read: {exc}*"
        self.query_one("#mock-kata-statement", Markdown).update(statement)
        self.set_state("kata")
        self.checkpoint()

    def action_edit(self) -> None:
        """Open the kata file in $EDITOR (the clock keeps running)."""
        from interview_prep.kata.workspace import learner_files
        from interview_prep.tui.screens.kata_detail import editor_command

        interview = self.interview
        if self.state != "kata" or interview is None or interview.kata_dir is None:
            return
        path = learner_files(interview.kata_dir.parents[1], interview.draw.kata)[0]
        command = editor_command(path)
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:
            self.notify(f"Open {path} in your editor; this terminal cannot hand over to it.", severity="warning")
        except OSError as exc:
            self.notify(f"{command[0]}: {exc.strerror}. Set $EDITOR to your editor.", severity="error")

    def action_grade(self) -> None:
        if self.state == "kata":
            self.query_one("#mock-kata-result", Static).update("[dim]grading…[/dim]")
            self.set_state("grading")
            self.grade()

    @work(thread=True, exclusive=True, group="mock-grade")
    def grade(self) -> None:
        try:
            results = self.interview.grade_kata()
        except Exception as exc:
            self.app.call_from_thread(self.graded, None, describe(exc))
            return
        self.app.call_from_thread(self.graded, results, None)

    def graded(self, results: Results | None, error: str | None) -> None:
        view = self.query_one("#mock-kata-result", Static)
        if results is None:
            view.update(f"[$error]{escape(error or '')}[/]")
        else:
            passed = results.counts()[Status.PASS]
            if results.passed:
                view.update(f"[b $success]✓ all {passed} tests passed[/] · f: finish and see the scorecard")
            else:
                from interview_prep.kata.render import hint_pointer

                first = next((t for t in results.tests if t.status is not Status.PASS and t.message), None)
                # no hint or replay pointers: they act on the normal workspace, not this mock's copy
                detail = escape(hint_pointer((first.message if first else results.message) or "", None, hints=False))
                view.update(f"[b $error]✗ {passed} of {len(results.tests)} tests passed[/]\n\n{detail}")
        if self.state == "grading":
            self.set_state("kata")
        self.checkpoint()
        if self.interview.phase is Phase.FINISHED:
            self.finish()

    # ending -------------------------------------------------------------------------

    def action_finish(self) -> None:
        """Finish now; asks first while questions are unanswered or the kata is unsolved."""
        if self.state not in ("asking", "transcribing", "rating", "kata"):
            return
        if self._all_done():
            self.finish()
            return
        from interview_prep.tui.screens.confirm import ConfirmScreen

        interview = self.interview
        left = len(interview.questions) - len(interview.answers)
        open_work = [f"{left} question(s) unanswered"] if left else []
        if interview.draw.kata is not None:
            open_work.append("the kata is not solved")
        self.app.push_screen(
            ConfirmScreen("Finish the mock interview", f"Finish now? {' and '.join(open_work).capitalize()}. "
                          "The scorecard is saved with what you did.", yes="Finish"),
            lambda yes: self.finish(ended_early=True) if yes else None,
        )

    def _all_done(self) -> bool:
        interview = self.interview
        solved = any(run.results.passed for run in interview.kata_runs) or interview.draw.kata is None
        return len(interview.answers) == len(interview.questions) and solved

    def finish(self, ended_early: bool = False) -> None:
        """Build, save and show the scorecard (once)."""
        if self.interview is None or self.state == "scorecard":
            return
        self.card = self.interview.finish(ended_early)
        try:
            self.mock_id = save_scorecard(self.ctx.store, self.card)
        except Exception as exc:
            self.notify(describe(exc), title="The scorecard could not be saved", severity="error", timeout=10)
        self.query_one("#mock-card", Static).update(
            scorecard(self.card, self.mock_id, rollover_hour(self.ctx.store), self.ctx.tz, commands=False))
        review = self.query_one("#mock-review", OptionList)
        review.clear_options()
        review.add_options([Option(f"▸ {q.title or q.id}", id=q.id) for q in review_these(self.card)])
        review.border_title = "Review these: Enter opens one"
        review.display = review.option_count > 0
        self.sub_title = "scorecard · Esc: back"
        self.set_state("scorecard")
        if review.display:
            review.highlighted = 0
            review.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A question under "Review these": open it to study."""
        from interview_prep.tui.screens.question_review import QuestionReviewScreen

        bank = self.ctx.bank()
        question = next((q for q in bank.questions if q.id == event.option.id), None)
        if question is None or self.card is None:
            self.notify(f"{event.option.id} is no longer in the question bank", severity="warning")
            return
        result = next(q for q in self.card.questions if q.id == question.id)
        self.app.push_screen(QuestionReviewScreen(
            question_review(question, result, bank.titles.get(question.topic, question.topic))))

    def action_back(self) -> None:
        """Running: end early (asks first). Otherwise: back."""
        if self.state in ("asking", "transcribing", "rating", "kata", "grading"):
            from interview_prep.tui.screens.confirm import ConfirmScreen

            self.app.push_screen(
                ConfirmScreen("End the mock interview", "End it now? The scorecard is saved with what you did.",
                              yes="End"),
                lambda yes: self.finish(ended_early=True) if yes else None,
            )
        else:
            super().action_back()
