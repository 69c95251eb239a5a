"""The mock interview screen with a fake clock: a visible countdown, questions, the kata graded for
real, automatic moves when time runs out, and the saved scorecard."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from textual.widgets import Static
from tui_support import BANK, NOW, TUI_CONTENT, settle, wait_until

from interview_prep.mock.scorecard import history
from interview_prep.progress.store import open_store
from interview_prep.quiz.checking import letter
from interview_prep.quiz.models import MultiQuestion, NumericQuestion, SingleQuestion, TextQuestion
from interview_prep.tui.app import make_app
from interview_prep.tui.screens.mock import MockScreen
from interview_prep.tui.widgets.mock.countdown import Countdown

pytestmark = pytest.mark.anyio


class FakeClock:
    """Time stands still until the test moves it."""

    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def right_answer(question) -> str:
    match question:
        case SingleQuestion() | MultiQuestion():
            return ",".join(letter(i) for i in question.correct_indexes)
        case NumericQuestion():
            return f"{question.answer:g}"
        case TextQuestion():
            return question.accepted[0]
    return "notes"


def app_with(clock: FakeClock):
    from datetime import UTC

    return make_app(bank_dir=BANK, katas_root=TUI_CONTENT / "katas", clock=clock, tz=UTC, cursor_blink=False,
                    theme="textual-dark")


def text(screen, selector: str) -> str:
    """The plain text a Static shows (Textual markup or a Rich renderable)."""
    from rich.console import Console
    from textual.content import Content

    content = screen.query_one(selector, Static).content
    if isinstance(content, str):
        return Content.from_markup(content).plain
    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(content)
    return console.export_text()


async def open_mock(pilot) -> MockScreen:
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MockScreen) and screen.state == "intro"
    return screen


async def test_full_interview_with_countdown_kata_and_scorecard():
    clock = FakeClock()
    async with app_with(clock).run_test(size=(110, 40), notifications=True) as pilot:
        screen = await open_mock(pilot)
        assert "Mock interview · 45 minutes" in text(screen, "#mock-intro")
        assert screen.draw.kata.id == "asr-03-ctc-greedy-decode"  # the only fixture kata that fits 22.5 min
        assert not screen.query_one(Countdown).display  # no clock before the start
        await pilot.press("s")
        await settle(pilot)
        assert screen.state == "asking" and screen.query_one(Countdown).display
        assert "45:00" in text(screen, "#mock-clock") and "questions" in text(screen, "#mock-clock")
        question = screen.interview.current
        await pilot.press(*right_answer(question), "enter")
        await settle(pilot)
        assert "✓ right" in text(screen, "#mock-last") and screen.interview.position == 2
        clock.advance(minutes=10, seconds=30)
        screen.tick()
        await settle(pilot)
        assert "34:30" in text(screen, "#mock-clock")
        clock.advance(minutes=15)  # the question budget (25 min) is spent: on to the kata by itself
        screen.tick()
        await settle(pilot)
        assert screen.state == "kata" and "kata" in text(screen, "#mock-clock")
        folder = screen.interview.kata_dir
        assert "ctc_decode.py" in text(screen, "#mock-kata-info") and (folder / "ctc_decode.py").is_file()
        statement = screen.query_one("#mock-kata-statement").source  # the statement, in the app
        assert "greedy_decode" in statement and statement == (folder / "README.md").read_text()
        await pilot.press("g")
        await wait_until(pilot, lambda: screen.state == "kata" and "tests passed" in text(screen, "#mock-kata-result"))
        result = text(screen, "#mock-kata-result")
        assert "✗" in result  # the starter fails
        assert "interview-prep hint" not in result and "--seed" not in result  # they would act on the workspace
        shutil.copyfile(TUI_CONTENT / "solutions" / "asr" / "03-ctc-greedy-decode" / "ctc_decode.py",
                        folder / "ctc_decode.py")
        clock.advance(minutes=5)
        await pilot.press("g")
        await wait_until(pilot, lambda: screen.state == "kata" and "all" in text(screen, "#mock-kata-result"))
        await pilot.press("f")  # questions are left: finishing asks first
        await settle(pilot)
        assert "unanswered" in str(pilot.app.screen.query_one("#confirm-question").render())
        await pilot.press("y")
        await settle(pilot)
        assert screen.state == "scorecard" and not screen.query_one(Countdown).display
        card_text = text(screen, "#mock-card")
        assert "pass" in card_text and "Time used" in card_text
    with open_store() as store:
        [(mock_id, card)] = history(store)
        assert store.query("SELECT COUNT(*) FROM reviews")[0][0] == 0
    assert mock_id == screen.mock_id and card.kata.status == "pass" and card.kata.runs == 2
    assert card.credited >= 1 and card.time_used_s == 30.5 * 60 and card.ended_early  # questions left unanswered


async def test_time_running_out_ends_the_interview_by_itself():
    clock = FakeClock()
    async with app_with(clock).run_test(size=(110, 40)) as pilot:
        screen = await open_mock(pilot)
        for _ in range(7):
            await pilot.press("minus")  # 45 -> 10 minutes: no kata fits
        await settle(pilot)
        assert screen.minutes == 10 and screen.draw.kata is None
        assert "questions only" in text(screen, "#mock-intro")
        await pilot.press("s")
        await settle(pilot)
        clock.advance(minutes=9, seconds=55)
        screen.tick()
        assert "00:05" in text(screen, "#mock-clock")
        clock.advance(seconds=5)
        screen.tick()
        await settle(pilot)
        assert screen.state == "scorecard"
    with open_store() as store:
        [(_, card)] = history(store)
    assert card.minutes == 10 and card.time_used_s == 600 and card.credited == 0 and card.kata is None


async def test_escape_asks_then_saves_an_early_end():
    clock = FakeClock()
    async with app_with(clock).run_test(size=(110, 40)) as pilot:
        screen = await open_mock(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert screen.state == "asking"
        clock.advance(minutes=2)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert screen.state == "scorecard" and "ended early" in text(screen, "#mock-card")
    with open_store() as store:
        [(_, card)] = history(store)
    assert card.ended_early and card.time_used_s == 120 and card.kata.status == "not attempted"


async def test_ctrl_n_skips_to_the_kata_while_typing():
    clock = FakeClock()
    async with app_with(clock).run_test(size=(110, 40)) as pilot:
        screen = await open_mock(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("k", "f")  # plain letters are typed into the answer box
        assert screen.state == "asking" and screen.query_one("#answer").value == "kf"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert screen.state == "kata" and len(screen.interview.answers) == 0
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("n")  # not yet
        await settle(pilot)
        assert screen.state == "kata"
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert screen.state == "scorecard"
    with open_store() as store:
        [(_, card)] = history(store)
    assert card.ended_early and sum(t.answered for t in card.topics) == 0


async def test_quitting_keeps_the_interview_and_the_next_visit_resumes_it():
    clock = FakeClock()
    async with app_with(clock).run_test(size=(110, 40)) as pilot:
        screen = await open_mock(pilot)
        await pilot.press("s")
        await settle(pilot)
        clock.advance(minutes=4)
        await pilot.press(*right_answer(screen.interview.current), "enter")
        await settle(pilot)
        clock.advance(minutes=1)
        await pilot.press("ctrl+q")  # quit in the middle of question 2
    clock.advance(hours=3)  # away: the clock is paused
    async with app_with(clock).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        offer = str(pilot.app.screen.query_one("#confirm-question").render())
        assert "1 of" in offer and "40:00 left" in offer
        await pilot.press("y")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MockScreen) and screen.state == "asking" and screen.interview.position == 2
        assert "40:00" in text(screen, "#mock-clock")
        await pilot.press("ctrl+f")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    with open_store() as store:
        [(_, card)] = history(store)
    assert card.credited == 1 and card.time_used_s == 5 * 60 and card.ended_early


async def test_declining_to_resume_saves_the_unfinished_scorecard():
    clock = FakeClock()
    async with app_with(clock).run_test(size=(110, 40)) as pilot:
        await open_mock(pilot)
        await pilot.press("s")
        await settle(pilot)
        clock.advance(minutes=2)
        await pilot.press("ctrl+q")
    async with app_with(clock).run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MockScreen) and pilot.app.screen.state == "intro"
    with open_store() as store:
        [(_, card)] = history(store)
    assert card.ended_early and card.time_used_s == 120


async def test_scorecard_review_list_opens_a_missed_question():
    clock = FakeClock()
    async with app_with(clock).run_test(size=(110, 40)) as pilot:
        screen = await open_mock(pilot)
        await pilot.press("s")
        await settle(pilot)
        missed = screen.interview.current
        await pilot.press("?", "enter")  # "I don't know": a miss
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert screen.state == "scorecard" and "Transcript" in text(screen, "#mock-card")
        review = screen.query_one("#mock-review")
        assert review.display and missed.id == review.get_option_at_index(0).id
        assert screen.card.questions[0].title in str(review.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
        shown = pilot.app.screen
        assert type(shown).__name__ == "QuestionReviewScreen"
        body = text(shown, "#review-question")
        assert "Right answer" in body and "Your answer: ?" in body
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen
