"""Rubric scoring of open answers (`quiz.rubric`), the `key_points` schema and the `quiz-rubric` dev check."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_prep import paths
from interview_prep.dev.checks import CHECKS, run_checks
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.models import OpenQuestion
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.rubric import OFF_TOPIC, normalize, proposed_rating, score_answer

BANK = load_bank(paths.content_root() / "quiz")
OPEN = [q for q in BANK.questions if isinstance(q, OpenQuestion)]


def test_the_bank_has_open_questions_and_every_one_has_key_points():
    assert len(OPEN) >= 40
    assert all(len(q.key_points) >= 3 for q in OPEN), [q.id for q in OPEN if len(q.key_points) < 3]


@pytest.mark.parametrize("question", OPEN, ids=lambda q: q.id)
def test_own_model_answer_scores_full_marks_and_off_topic_near_zero(question):
    own = score_answer(question, question.model_answer)
    assert own.missed == [], [p.point for p in own.missed]
    assert own.fraction == 1.0
    off = score_answer(question, OFF_TOPIC)
    assert len(off.covered) <= 1, [r.matched for r in off.results if r.covered]


def test_normalization_folds_case_punctuation_plurals_and_identifiers():
    assert normalize("Chunk_length_s=30, WINDOWS; batches & queries!") == "chunk length s 30 window batch query"
    assert normalize("Two beams") == normalize("2 beam")
    question = next(q for q in OPEN if q.id == "asr-chunking-stride-ctc")
    spoken = "the kept logits are Concatenated... and the strides are DISCARDED"
    covered = {p.point for p in score_answer(question, spoken).covered}
    assert any("concatenated" in p for p in covered) and any("strides" in p for p in covered)


def test_partial_answer_lists_missed_points_and_proposes_a_rating():
    question = next(q for q in OPEN if q.id == "fund-wrong-rate-scenario")
    answer = "The model hears it at twice the speed; I would resample to 16 kHz."
    score = score_answer(question, answer)
    assert len(score.covered) == 2 and len(score.missed) == 2
    assert score.line() == "2 of 4 key points covered"
    assert score.proposed_rating is Rating.HARD
    assert score_answer(question, question.model_answer).proposed_rating is Rating.GOOD
    assert score_answer(question, OFF_TOPIC).proposed_rating is Rating.AGAIN


def test_proposed_rating_thresholds():
    assert [proposed_rating(n, 6) for n in range(7)] == [
        Rating.AGAIN, Rating.HARD, Rating.HARD, Rating.HARD, Rating.GOOD, Rating.GOOD, Rating.GOOD]
    assert proposed_rating(0, 0) is None


def _bank(root: Path, key_points: str) -> Path:
    folder = root / "quiz"
    folder.mkdir(parents=True)
    (folder / "asr.yaml").write_text(f"""topic: asr
title: ASR
questions:
  - id: asr-open-one
    kind: open
    difficulty: 1
    tags: [x]
    prompt: Why resample?
    model_answer: Resample 8 kHz audio to 16 kHz, or the model hears it at twice the speed.
    explanation: Rates.
    references:
      - title: Docs
        url: https://example.org
{key_points}""", encoding="utf-8")
    return root


def test_schema_errors_name_file_line_and_field(tmp_path):
    bank = load_bank(_bank(tmp_path, """    key_points:
      - point: resampling
        acept: [resample]
""") / "quiz")
    assert not bank.questions
    (problem,) = bank.problems
    assert (problem.file, problem.line, problem.field) == ("asr.yaml", 16, "questions[0].key_points[0].acept")
    assert "point, accept, patterns" in problem.message
    bank = load_bank(_bank(tmp_path / "b", """    key_points:
      - point: resampling
        patterns: ['(unclosed']
""") / "quiz")
    (problem,) = bank.problems
    assert problem.field == "questions[0].key_points[0].patterns[0]" and "regular expression" in problem.message


def test_dev_check_requires_covering_key_points_on_every_open_question(tmp_path):
    assert "quiz-rubric" in CHECKS
    assert run_checks(paths.content_root(), ["quiz-rubric"]) == {"quiz-rubric": []}
    none = run_checks(_bank(tmp_path / "none", ""), ["quiz-rubric"])["quiz-rubric"]
    assert len(none) == 1 and "asr.yaml:4" in none[0].where and "at least 3 key points" in none[0].message
    points = "    key_points:\n" + "".join(
        f"      - point: p{i}\n        accept: [{word}]\n" for i, word in enumerate(["resample", "twice", "turtles"]))
    wrong = run_checks(_bank(tmp_path / "wrong", points), ["quiz-rubric"])["quiz-rubric"]
    assert len(wrong) == 1 and "does not cover 'p2'" in wrong[0].message
