"""Quiz screen, driven with Pilot: shuffled choices in the review log, "I guessed", flag and suspend,
the tag picker, multi-line notes beside the model answer, prompts that keep their lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static, TextArea
from tui_support import BANK, app_for, settle

from interview_prep.progress import reviews as review_rows
from interview_prep.progress.marks import all_marks
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.checking import letter
from interview_prep.quiz.history import load_states
from interview_prep.quiz.models import SingleQuestion
from interview_prep.quiz.queue import tag_overview
from interview_prep.tui.screens.quiz import QuizScreen
from interview_prep.tui.screens.tags import TagScreen

pytestmark = pytest.mark.anyio

LABELLED = Path(__file__).parent / "fixtures" / "quiz" / "labelled"  # a prompt with labelled lines


async def open_quiz(pilot) -> QuizScreen:
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)
    assert isinstance(pilot.app.screen, QuizScreen)
    return pilot.app.screen


def verdict(screen: QuizScreen) -> str:
    return str(screen.query_one("#verdict", Static).render())


def keyed(question: SingleQuestion) -> str:
    return ",".join(letter(i) for i in question.correct_indexes)


async def test_letters_follow_the_shown_order_which_the_review_log_keeps():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        shown = screen.session.current
        prompt = screen.query_one("#question-prompt").source
        positions = [prompt.index(f"**{letter(i)})** {c.text}") for i, c in enumerate(shown.choices)]
        assert positions == sorted(positions)
        await pilot.press(*keyed(shown), "enter")
        await pilot.pause()
        assert "Correct" in verdict(screen)
    with open_store() as store:
        [review] = review_rows.reviews(store)
    assert review.choice_order == ",".join(map(str, shown.order)) and review.shuffle_seed is not None


async def test_i_guessed_downgrades_a_right_answer_and_reschedules_it():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        question = screen.session.current
        await pilot.press(*keyed(question), "enter")
        await pilot.pause()
        good_due = screen.session.outcomes[-1].state.due
        await pilot.press("1")
        await pilot.pause()
        assert "Again" in verdict(screen) and "guessed" in verdict(screen)
        outcome = screen.session.outcomes[-1]
        assert outcome.state.due < good_due
    with open_store() as store:
        [review] = review_rows.reviews(store)
        assert (review.correct, review.rating) == (True, 1)
        assert load_states(store)[question.id].due == outcome.state.due


async def test_guessing_is_offered_only_after_a_right_answer():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        await pilot.press("?", "enter")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert "guessed" not in verdict(screen)
    with open_store() as store:
        assert [r.rating for r in review_rows.reviews(store)] == [1]


async def test_flag_and_suspend_the_question_just_answered():
    app = app_for()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_quiz(pilot)
        question = screen.session.current
        await pilot.press("?", "enter")
        await pilot.pause()
        await pilot.press("f", "s")
        await pilot.pause()
        assert "flagged" in verdict(screen) and "suspended" in verdict(screen)
        with open_store() as store:
            mark = all_marks(store)[question.id]
        assert mark.flagged and mark.suspended
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")  # a new round: the suspended question is not asked, even though it is due
        await settle(pilot)
        assert question.id not in {q.id for q in screen.session.questions}


async def test_tag_picker_quizzes_one_tag():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        await pilot.press("?", "enter")
        await pilot.pause()
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TagScreen)
        tags = [row.tag for row in tag_overview(load_bank(BANK))]
        app.screen.query_one(OptionList).highlighted = 1 + tags.index("wer")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.state == "asking"
        assert screen.session.questions and all("wer" in q.tags for q in screen.session.questions)
        assert "wer" in screen.sub_title


async def test_open_question_notes_span_lines_and_stay_beside_the_model_answer():
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_screen("quiz", tags=("design",))
        await settle(pilot)
        screen = app.screen
        assert screen.session.current.kind == "open"
        assert screen.query_one("#notes", TextArea).has_focus
        await pilot.press(*"chunk it", "enter", *"stride 5 s")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.state == "rating"
        notes = screen.query_one("#feedback-notes", Static)
        assert notes.display and str(notes.render()) == "chunk it\nstride 5 s"
        body = screen.query_one("#feedback-body")
        assert body.source.strip() == screen.session.current.model_answer.strip()
        assert notes.region.y == body.region.y and notes.region.right <= body.region.x  # side by side
        await pilot.press("3")
        await pilot.pause()
        assert screen.state == "feedback" and notes.display and "stride 5 s" in str(notes.render())
    with open_store() as store:
        [review] = review_rows.reviews(store)
    assert review.answer == "chunk it\nstride 5 s" and review.rating == 3


async def test_prompt_keeps_its_labelled_lines_and_code_spans():
    app = app_for(bank=LABELLED)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        [paragraph] = app.screen.query_one("#question-prompt").query("MarkdownParagraph")
        content = paragraph.render()
        assert content.plain.splitlines() == [
            "Reference: do you have this jacket in medium",
            "Hypothesis: do you have the jacket in a medium",
            "What is the WER (three decimals)?",
        ]
        code = [content.plain[s.start:s.end] for s in content.spans if "code" in str(s.style)]
        assert code == ["do you have this jacket in medium", "do you have the jacket in a medium"]


@pytest.mark.parametrize("typed", ["28.6%", "2/7", "0.286"])
async def test_fractions_and_percentages_are_read(typed):
    app = app_for(bank=LABELLED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        await pilot.press(*typed, "enter")
        await pilot.pause()
        assert "Correct" in verdict(screen)


async def test_time_spent_retyping_an_unreadable_answer_is_not_counted(monkeypatch):
    app = app_for(bank=LABELLED)
    clock = [0.0]
    monkeypatch.setattr("interview_prep.tui.screens.quiz.monotonic", lambda: clock[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        clock[0] = 4.0
        await pilot.press(*"0.286 words", "enter")  # not a number this question reads
        await pilot.pause()
        assert screen.state == "asking" and "unexpected unit" in str(screen.query_one("#question-hint").render())
        clock[0] = 300.0  # five minutes to fix it
        await pilot.press(*(["backspace"] * 6), "enter")
        await pilot.pause()
        outcome = screen.session.outcomes[-1]
        assert outcome.result.correct and outcome.duration_s == 4.0 and outcome.rating.label in ("Good", "Easy")
