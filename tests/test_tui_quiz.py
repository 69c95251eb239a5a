"""Quiz screen, driven with Pilot: every question kind, checking, self-rating, summary, storage."""

from __future__ import annotations

import pytest
from textual.widgets import Static
from tui_support import app_for, settle

from interview_prep.progress import reviews as review_rows
from interview_prep.progress.store import open_store
from interview_prep.quiz.checking import letter
from interview_prep.quiz.models import MultiQuestion, NumericQuestion, OpenQuestion, SingleQuestion, TextQuestion
from interview_prep.tui.screens.quiz import QuizScreen
from interview_prep.tui.widgets.quiz.summary import SummaryView

pytestmark = pytest.mark.anyio  # Pilot tests are coroutines (anyio's plugin ships with watchfiles' anyio)


def right_answer(question) -> str:
    """What a learner who knows the answer types."""
    match question:
        case SingleQuestion() | MultiQuestion():
            return ",".join(letter(i) for i in question.correct_indexes)
        case NumericQuestion():
            return f"{question.answer:g}"
        case TextQuestion():
            return question.accepted[0]
    return "some notes"


async def open_quiz(pilot) -> QuizScreen:
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen)
    return screen


def verdict(screen: QuizScreen) -> str:
    return str(screen.query_one("#verdict", Static).render())


async def test_answers_every_kind_and_records_each_review():
    app = app_for()
    kinds_seen: set[str] = set()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_quiz(pilot)
        total = screen.session.total
        assert total == 9  # the fixture bank: every question is new
        while screen.state == "asking":
            question = screen.session.current
            kinds_seen.add(question.kind)
            await pilot.press(*right_answer(question), "ctrl+s" if isinstance(question, OpenQuestion) else "enter")
            await pilot.pause()
            if isinstance(question, OpenQuestion):
                assert screen.state == "rating"
                assert "model answer" in verdict(screen).lower()
                await pilot.press("3")
                await pilot.pause()
                assert "Self-rated" in verdict(screen)
            else:
                assert "Correct" in verdict(screen), (question.id, verdict(screen))
            assert screen.state == "feedback"
            await pilot.press("enter")
            await settle(pilot)
        assert screen.state == "summary"
        table = screen.query_one(SummaryView).query_one("#summary-table")
        assert table.row_count == 3  # asr, tts, total
    assert kinds_seen == {"single", "multi", "numeric", "text", "open"}
    with open_store() as store:
        logged = review_rows.reviews(store)
    assert len(logged) == total
    assert all(r.correct in (True, None) for r in logged)
    assert [r.rating for r in logged if r.correct is None] == [3]


async def test_unreadable_answer_is_asked_again_and_wrong_answer_explained():
    app = app_for()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_quiz(pilot)
        question = screen.session.current
        assert isinstance(question, SingleQuestion)
        await pilot.press("z", "enter")
        await pilot.pause()
        assert screen.state == "asking"
        hint = str(screen.query_one("#question-hint", Static).render())
        assert "no choice" in hint
        wrong = next(i for i, c in enumerate(question.choices) if not c.correct)
        await pilot.press("backspace", letter(wrong), "enter")
        await pilot.pause()
        assert "Not quite" in verdict(screen)
        body = screen.query_one("#feedback-body").source
        assert question.explanation.strip() in body
        assert "← you" in body
    with open_store() as store:
        (review,) = review_rows.reviews(store)
    assert (review.question_id, review.correct, review.rating) == (question.id, False, 1)


async def test_escape_ends_early_with_summary_and_nothing_lost():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        await pilot.press("?", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen.state == "summary"
        closing = str(screen.query_one("#summary-next", Static).render())
        assert "ended early" in closing and "1 answer(s) saved" in closing
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
    with open_store() as store:
        assert len(review_rows.reviews(store)) == 1


async def test_topic_row_on_dashboard_quizzes_that_topic_only():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#topics")
        table.focus()
        await pilot.press("down", "enter")  # second topic: tts
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert {q.topic for q in screen.session.questions} == {"tts"}


async def test_nothing_due_shows_a_panel_and_a_new_round_is_possible():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_screen("quiz", topics=("tts",), due_only=True)
        await settle(pilot)
        screen = app.screen
        assert screen.state == "empty"
        assert "Nothing to ask" in screen.query_one("#quiz-notice").border_title


@pytest.mark.parametrize(
    ("question_id", "typed"),
    [("asr-whisper-rate", "16 kHz"), ("asr-frame-stride", "0.021 s"), ("tts-piper-rate", "22.05 KHZ")],
)
async def test_typed_answers_are_read_like_the_engine_reads_them(question_id, typed):
    """Units are converted (16 kHz is 16000 Hz, 0.021 s is 21 ms) and text is normalized."""
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        while screen.session.current.id != question_id:
            await pilot.press("?", "enter", "enter")
            await settle(pilot)
        await pilot.press(*typed, "enter")
        await pilot.pause()
        assert "Correct" in verdict(screen)
