"""UI-independent quiz sessions against a real SQLite store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview_prep.progress import reviews as rows
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.checking import InvalidAnswer, letter
from interview_prep.quiz.history import load_states
from interview_prep.quiz.queue import Filters
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.scheduler import DailyLimits
from interview_prep.quiz.session import QuizSession

BANK = load_bank(Path(__file__).parent / "fixtures" / "quiz" / "valid")
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def right(question) -> str:
    """The letters of the shown question's keyed answers."""
    return ",".join(letter(i) for i in question.correct_indexes)


def wrong(question) -> str:
    """The letter of a wrong choice, as shown."""
    return letter(next(i for i, c in enumerate(question.choices) if not c.correct))


@pytest.fixture
def store():
    with open_store() as opened:
        yield opened


def test_session_builds_queue_from_filters(store):
    session = QuizSession.start(store, BANK, T0, Filters(topics=("tts",)), tz=UTC)
    assert {q.topic for q in session.questions} == {"tts"} and session.total == 2
    tagged = QuizSession.start(store, BANK, T0, Filters(tags=("wav2vec2",)), tz=UTC)
    assert {q.id for q in tagged.questions} == {"asr-ctc-blank", "asr-frame-stride"}
    limited = QuizSession.start(store, BANK, T0, Filters(limit=3), tz=UTC)
    assert limited.total == 3


def test_each_answer_is_committed_before_the_next(store):
    session = QuizSession.start(store, BANK, T0, Filters(tags=("wav2vec2",)), tz=UTC)
    assert (session.position, session.current.id) == (1, "asr-ctc-blank")
    typed = right(session.current)
    outcome = session.submit(typed, duration_s=6.0, now=T0)
    assert outcome.result.correct is True and outcome.rating >= Rating.HARD
    # visible through a second, independent connection
    with open_store() as other:
        [review] = rows.reviews(other)
        assert (review.question_id, review.topic, review.correct, review.answer) == ("asr-ctc-blank", "asr",
                                                                                    True, typed)
        assert review.session_id == session.session_id and review.reviewed_at == "2025-03-03T09:00:00+00:00"
        assert load_states(other)["asr-ctc-blank"].due > T0
    assert session.position == 2 and session.current.id == "asr-frame-stride"
    wrong = session.submit("40", duration_s=3.0, now=T0 + timedelta(seconds=10))
    assert wrong.result.correct is False and wrong.rating is Rating.AGAIN
    assert wrong.state.due - (T0 + timedelta(seconds=10)) <= timedelta(minutes=10)
    assert session.finished and session.current is None


def test_unreadable_answer_records_nothing(store):
    session = QuizSession.start(store, BANK, T0, Filters(tags=("ctc",)), tz=UTC)
    with pytest.raises(InvalidAnswer):
        session.submit("z", duration_s=1.0, now=T0)
    assert rows.reviews(store) == [] and session.position == 1


def test_open_question_uses_the_self_rating(store):
    session = QuizSession.start(store, BANK, T0, Filters(tags=("design",)), tz=UTC)
    with pytest.raises(ValueError, match="self-rating"):
        session.submit("notes", duration_s=30, now=T0)
    outcome = session.submit("notes", duration_s=30, now=T0, self_rating=Rating.HARD)
    assert outcome.result.correct is None and outcome.rating is Rating.HARD
    [review] = rows.reviews(store)
    assert review.correct is None and review.rating == 2


def test_summary_scores_per_topic(store):
    session = QuizSession(store, [BANK.by_id()[i] for i in
                                  ("asr-ctc-blank", "tts-vocoder-role", "asr-whisper-rate", "asr-long-audio")])
    session.submit(right(session.current), duration_s=5, now=T0)
    session.submit(wrong(session.current), duration_s=5, now=T0)
    session.submit("16 kHz", duration_s=5, now=T0)
    session.submit("", duration_s=5, now=T0, self_rating=Rating.GOOD)
    summary = {s.topic: s for s in session.summary()}
    asr, tts = summary["asr"], summary["tts"]
    assert (asr.answered, asr.correct, asr.checked, asr.self_rated, asr.recalled) == (3, 2, 2, 1, 1)
    assert asr.score == pytest.approx(1.0)
    assert (tts.answered, tts.correct, tts.score) == (1, 0, 0.0)


def test_new_questions_respect_daily_limit_across_sessions(store):
    limits = DailyLimits(new_per_day=2)
    first = QuizSession.start(store, BANK, T0, limits=limits, tz=UTC)
    assert first.total == 2
    for _ in range(2):
        first.submit("?", duration_s=1, now=T0)
    second = QuizSession.start(store, BANK, T0 + timedelta(minutes=30), limits=limits, tz=UTC)
    assert [q.id for q in second.questions] == [q.id for q in first.questions]  # relearning, no new ones
    assert second.queue.held_by_new_limit == len(BANK.questions) - 2
