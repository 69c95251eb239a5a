"""Mock interviews with a fake clock: drawing, timing rules, the kata under the clock, the scorecard."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview_prep.errors import UserError
from interview_prep.kata.catalog import Catalog, load_catalog
from interview_prep.mock.draw import draw_mock
from interview_prep.mock.scorecard import Scorecard, history, load_scorecard, save_scorecard
from interview_prep.mock.session import MockInterview, Phase, draw_for
from interview_prep.progress import katas as kata_rows
from interview_prep.progress.plan import activity
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.checking import InvalidAnswer
from interview_prep.quiz.models import OpenQuestion
from interview_prep.quiz.rating import Rating

BANK = load_bank(Path(__file__).parent / "fixtures" / "quiz" / "valid")
REAL_BANK = load_bank()
CTC = load_catalog().get("asr-03-ctc-greedy-decode")  # model-free, 20 minutes
CATALOG = Catalog([CTC])
T0 = datetime(2025, 3, 9, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock that moves only when the test says so."""

    def __init__(self, start: datetime = T0):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def right_answer(question) -> str:
    """A correct answer typed as a learner would."""
    from interview_prep.quiz.checking import letter

    match question.kind:
        case "single" | "multi":
            return ",".join(letter(i) for i in question.correct_indexes)
        case "numeric":
            return f"{question.answer:g}"
        case "text":
            return question.accepted[0]
    return "notes"


def test_draw_covers_topics_adds_scenarios_and_fits_the_kata():
    draw = draw_mock(REAL_BANK, load_catalog(), 45, set(), seed=7)
    concepts = [q for q in draw.questions if not isinstance(q, OpenQuestion)]
    scenarios = [q for q in draw.questions if isinstance(q, OpenQuestion)]
    assert draw.kata is not None and draw.kata.minutes <= 45 / 2
    question_time = 45 - draw.kata.minutes
    assert len(scenarios) == min(3, -(-question_time // 15)) and all(q.topic == "retail-scenarios" for q in scenarios)
    assert len(concepts) == max(3, min(15, int((question_time - 4 * len(scenarios)) // 1.5)))
    topics = [q.topic for q in concepts]
    # round robin: no topic appears twice before every topic appeared once
    first_round = topics[: len(set(topics))]
    assert len(set(first_round)) == len(first_round)
    assert draw.questions == concepts + scenarios and len({q.id for q in draw.questions}) == len(draw.questions)
    again = draw_mock(REAL_BANK, load_catalog(), 45, set(), seed=7)
    assert [q.id for q in again.questions] == [q.id for q in draw.questions] and again.kata.id == draw.kata.id


def test_draw_prefers_unsolved_katas_and_drops_a_kata_that_does_not_fit():
    catalog = load_catalog()
    fitting = {k.id for k in catalog if k.minutes <= 45 / 2}
    solved = set(sorted(fitting)[:-1])
    for seed in range(5):
        assert draw_mock(REAL_BANK, catalog, 45, solved, seed).kata.id == sorted(fitting)[-1]
    assert draw_mock(REAL_BANK, CATALOG, 30, set(), seed=1).kata is None  # 20 min kata > 15 min
    with pytest.raises(UserError, match="10-180 minutes"):
        draw_mock(REAL_BANK, CATALOG, 5, set(), seed=1)


def test_answers_count_only_within_the_question_budget():
    clock = FakeClock()
    draw = draw_mock(BANK, CATALOG, 45, set(), seed=3)  # 25 min of questions, then the 20 min kata
    interview = MockInterview(draw, clock, 3, dict(BANK.titles))
    assert interview.phase is Phase.QUESTIONS and interview.deadline == T0 + timedelta(minutes=45)
    first = interview.current
    assert not isinstance(first, OpenQuestion)  # conceptual questions come first
    with pytest.raises(InvalidAnswer):
        interview.check("")
    clock.advance(seconds=40)
    result = interview.submit(right_answer(first))
    assert result.answered and result.duration_s == 40.0 and result.credit
    clock.advance(minutes=1)
    wrong = interview.submit("?", Rating.AGAIN if isinstance(interview.current, OpenQuestion) else None)
    assert wrong.answered and not wrong.credit and wrong.duration_s == 60.0
    clock.advance(minutes=24)  # the question budget is spent
    assert interview.phase is Phase.KATA and interview.current is None
    assert interview.time_left() == timedelta(minutes=45) - timedelta(minutes=25, seconds=40)
    card = interview.finish()
    assert card.asked == len(draw.questions) and sum(t.answered for t in card.topics) == 2
    assert card.credited == 1 and card.time_used_s == 25 * 60 + 40
    assert card.kata.status == "not attempted" and not card.ended_early


def test_a_late_answer_does_not_count():
    clock = FakeClock()
    interview = MockInterview(draw_mock(BANK, Catalog([]), 10, set(), seed=1), clock, 1)
    assert interview.draw.kata is None and interview.question_deadline == interview.deadline
    clock.advance(minutes=3)
    question = interview.current
    clock.advance(minutes=8)  # typed for 11 minutes: past the end
    assert interview.phase is Phase.FINISHED and interview.time_left() == timedelta(0)
    late = interview.submit(right_answer(question), Rating.EASY if isinstance(question, OpenQuestion) else None)
    assert not late.answered and late.correct is None and not late.credit
    assert interview.finish().credited == 0


def test_open_questions_need_a_self_rating():
    clock = FakeClock()
    scenario = next(q for q in BANK.questions if isinstance(q, OpenQuestion))
    draw = draw_mock(BANK, Catalog([]), 10, set(), seed=1)
    draw = type(draw)(draw.minutes, [scenario], None)
    interview = MockInterview(draw, clock, 1)
    with pytest.raises(ValueError, match="self-rating"):
        interview.submit("notes")
    assert interview.submit("notes", Rating.HARD).self_rating == 2 and interview.phase is Phase.FINISHED


def test_kata_under_the_clock_is_graded_for_real(tmp_path):
    clock = FakeClock()
    draw = draw_mock(BANK, CATALOG, 45, set(), seed=5)
    interview = MockInterview(draw, clock, 5, dict(BANK.titles))
    interview.skip_to_kata()
    assert interview.phase is Phase.KATA
    clock.advance(minutes=1)
    folder = interview.prepare_kata(tmp_path / "mock")
    assert (folder / "README.md").is_file() and (folder / "ctc_decode.py").read_text() == (
        CTC.dir / "ctc_decode.py").read_text()
    clock.advance(minutes=5)
    first = interview.grade_kata()
    assert first.status in ("fail", "error")
    shutil.copyfile(CTC.solution_dir / "ctc_decode.py", folder / "ctc_decode.py")
    clock.advance(minutes=6)
    second = interview.grade_kata()
    assert second.passed
    card = interview.finish()
    assert card.kata.status == "pass" and card.kata.runs == 2 and card.kata.time_s == 11 * 60
    assert card.kata.tests_passed == card.kata.tests_total == len(second.tests) > 0
    clock.advance(minutes=40)
    with pytest.raises(UserError, match="time is up"):
        interview.grade_kata()


def test_grading_is_refused_after_the_deadline(tmp_path):
    clock = FakeClock()
    interview = MockInterview(draw_mock(BANK, CATALOG, 45, set(), seed=5), clock, 5)
    interview.skip_to_kata()
    interview.prepare_kata(tmp_path / "mock")
    clock.advance(minutes=45)
    with pytest.raises(UserError, match="time is up"):
        interview.grade_kata()
    assert interview.finish().kata.status == "not attempted"


def test_scorecard_is_saved_viewable_and_leaves_reviews_and_katas_alone():
    clock = FakeClock()
    with open_store() as store:
        draw, seed = draw_for(store, BANK, CATALOG, 45, seed=11)
        interview = MockInterview(draw, clock, seed, dict(BANK.titles))
        for _ in range(3):
            clock.advance(seconds=30)
            question = interview.current
            interview.submit(right_answer(question), Rating.GOOD if isinstance(question, OpenQuestion) else None)
        card = interview.finish(ended_early=True)
        mock_id = save_scorecard(store, card)
        loaded_id, loaded = load_scorecard(store)
        assert loaded_id == mock_id and loaded == card and isinstance(loaded, Scorecard)
        assert history(store) == [(mock_id, card)]
        # the decision: no FSRS reviews, no kata attempts; the mock itself counts as study
        assert store.query("SELECT COUNT(*) FROM reviews")[0][0] == 0
        assert store.query("SELECT COUNT(*) FROM cards")[0][0] == 0 and kata_rows.states(store) == {}
        assert activity(store).mocks == [T0]
        with pytest.raises(UserError, match="no mock interview #99"):
            load_scorecard(store, 99)
    assert card.credited == 3 and card.ended_early and card.time_used_s == 90


def test_an_unfinished_interview_resumes_with_the_clock_paused_and_its_kata_runs(tmp_path):
    from interview_prep.mock.session import load_unfinished, save_unfinished

    clock = FakeClock()
    with open_store() as store:
        draw, seed = draw_for(store, BANK, CATALOG, 45, seed=7)
        interview = MockInterview(draw, clock, seed, dict(BANK.titles))
        clock.advance(minutes=3)
        interview.submit(right_answer(interview.current), Rating.GOOD if interview.current.kind == "open" else None)
        interview.skip_to_kata()
        interview.prepare_kata(tmp_path / "mock")
        clock.advance(minutes=2)
        interview.grade_kata()  # the starter fails
        save_unfinished(store, interview)
        clock.advance(hours=20)  # away overnight: that time does not count
        resumed, problem = load_unfinished(store, BANK, CATALOG, clock)
        assert problem == "" and resumed is not None
        assert resumed.phase is Phase.KATA and resumed.time_left() == timedelta(minutes=40)
        assert resumed.answers == interview.answers and resumed.kata_dir == interview.kata_dir
        assert "1 of" in resumed.progress_line() and "kata not passed yet" in resumed.progress_line()
        card = resumed.finish(ended_early=True)
        save_scorecard(store, card)
        assert load_unfinished(store, BANK, CATALOG, clock) == (None, "")  # saving drops the checkpoint
    assert card.time_used_s == 300 and card.kata.runs == 1 and card.kata.status in ("fail", "error")


def test_a_damaged_or_outdated_checkpoint_is_dropped_with_a_reason():
    from interview_prep.mock.session import load_unfinished
    from interview_prep.progress.mocks import UNFINISHED_KEY

    with open_store() as store:
        store.set_meta(UNFINISHED_KEY, '{"questions": ["gone-001"], "kata": null}')
        interview, problem = load_unfinished(store, BANK, CATALOG, FakeClock())
        assert interview is None and "gone-001" in problem and store.get_meta(UNFINISHED_KEY) is None


def test_the_scorecard_keeps_a_transcript_with_titles_and_right_answers():
    from interview_prep.mock.render import scorecard
    from interview_prep.mock.session import question_title
    from interview_prep.quiz.checking import expected_answer

    clock = FakeClock()
    with open_store() as store:
        draw, seed = draw_for(store, BANK, CATALOG, 45, seed=11)
    interview = MockInterview(draw, clock, seed, dict(BANK.titles))
    first = interview.current
    interview.submit("?")
    card = interview.finish(ended_early=True)
    result = card.questions[0]
    assert result.title == question_title(first) and result.prompt == first.prompt
    assert result.expected == expected_answer(first) and not result.credit
    assert card.questions[1].expected and not card.questions[1].answered  # unanswered ones too
    assert len(result.title) <= 70 and "*" not in result.title
    from rich.console import Console

    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(scorecard(card, 4, 4, UTC))
    out = console.export_text()
    assert "Transcript" in out and "✗ wrong" in out and "not answered" in out
    assert f"interview-prep mock show 4 --question {first.id}" in out and result.title[:30] in out
