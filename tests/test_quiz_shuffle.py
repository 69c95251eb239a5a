"""Choices are shuffled at every showing: uniform positions, letters in the shown order, replay from the log,
the same in the mock, and the `dev check` rule that guards the bank."""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from interview_prep.cli import main
from interview_prep.dev.checks import quiz_shuffle
from interview_prep.kata.catalog import Catalog
from interview_prep.mock.draw import draw_mock
from interview_prep.progress import reviews as rows
from interview_prep.progress.store import open_store
from interview_prep.quiz import choice_checks
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.checking import check_answer, letter
from interview_prep.quiz.models import MultiQuestion, SingleQuestion
from interview_prep.quiz.session import QuizSession
from interview_prep.quiz.shuffle import showing_seed, shuffled, with_order

BANK = load_bank()


def keyed_first(question: SingleQuestion) -> SingleQuestion:
    """The question with its keyed answer listed first (how most of the bank was written)."""
    key = question.correct_indexes[0]
    return with_order(question, [key, *(i for i in range(len(question.choices)) if i != key)])


SINGLE = [keyed_first(q) for q in BANK.questions if isinstance(q, SingleQuestion)]
T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)
# chi-square critical values at p = 0.001 by degrees of freedom
CHI2_999 = {1: 10.83, 2: 13.82, 3: 16.27, 4: 18.47, 5: 20.52}


def test_shown_position_of_the_right_answer_is_uniform_over_many_showings():
    """4000 showings of keyed-first questions through real sessions (fixed seeds): chi-square per choice count."""
    positions: dict[int, Counter] = {}
    with open_store() as store:
        for seed in range(4000):
            question = SINGLE[seed % len(SINGLE)]
            shown = QuizSession(store, [question], seed=seed).current
            positions.setdefault(len(shown.choices), Counter())[shown.correct_indexes[0]] += 1
    for count, seen in positions.items():
        total = sum(seen.values())
        if total < 20 * count:
            continue  # too few showings of this size for the test
        expected = total / count
        chi2 = sum((seen[i] - expected) ** 2 / expected for i in range(count))
        assert chi2 < CHI2_999[count - 1], (count, dict(seen))


def test_letters_checking_and_reasons_follow_the_shown_order():
    question = SINGLE[0]
    seed = next(s for s in range(100) if shuffled(question, s).correct_indexes != [0])
    shown = shuffled(question, seed)
    keyed = letter(shown.correct_indexes[0])
    assert check_answer(shown, keyed).correct and not check_answer(shown, "a").correct
    assert check_answer(shown, keyed).expected == f"{keyed}) {question.choices[0].text}"
    # each shown choice keeps its own reason; order maps shown position -> bank index
    assert [question.choices[i] for i in shown.order] == shown.choices
    assert with_order(question, shown.order).choices == shown.choices
    assert with_order(shown, range(len(shown.choices))).choices == question.choices


def test_per_choice_reasons_follow_the_shown_letters_in_cli_and_tui():
    from rich.console import Console

    from interview_prep.quiz.render import result_panel
    from interview_prep.tui.widgets.quiz.feedback import feedback_markdown

    with open_store() as store:
        sessions = (QuizSession(store, [SINGLE[0]], seed=seed) for seed in range(100))
        session = next(s for s in sessions if s.current.correct_indexes != [0])  # the key is not shown first
        shown = session.current
        outcome = session.submit("a", duration_s=5, now=T0)
    console = Console(width=400, color_system=None, record=True)
    console.print(result_panel(outcome, T0))
    text = console.export_text()
    markdown = feedback_markdown(outcome)
    for i, choice in enumerate(shown.choices):
        assert f"{letter(i)}) {choice.text[:30]}" in text and choice.why[:30] in text
        assert f"**{letter(i)})** {choice.text} — *{choice.why}*" in markdown
    assert markdown.index(shown.choices[0].why) < markdown.index(shown.choices[1].why)
    assert "✗ a)" in text.replace("you ▸ ", "")  # "a" is the shown first choice, which is wrong here


def test_each_review_records_its_choice_order_and_seed_and_replays(tmp_path):
    question = next(q for q in BANK.questions if isinstance(q, MultiQuestion))
    with open_store() as store:
        session = QuizSession(store, [question], seed=99)
        shown = session.current
        session.submit(",".join(letter(i) for i in shown.correct_indexes), duration_s=10, now=T0)
        [review] = rows.reviews(store)
    assert review.choice_order == ",".join(map(str, shown.order))
    assert review.shuffle_seed == showing_seed(99, question.id)
    replayed = with_order(question, [int(i) for i in review.choice_order.split(",")])
    assert replayed.choices == shown.choices == shuffled(question, review.shuffle_seed).choices
    assert check_answer(replayed, review.answer).correct


def test_every_showing_gets_a_fresh_order():
    question = max(SINGLE, key=lambda q: len(q.choices))
    with open_store() as store:
        orders = {QuizSession(store, [question]).current.order for _ in range(30)}
    assert len(orders) > 5


def test_mock_interview_shows_shuffled_choices_replayable_from_its_seed():
    draws = [draw_mock(BANK, Catalog([]), 45, set(), seed) for seed in (1, 1, 2)]
    assert [getattr(q, "choices", q.id) for q in draws[0].questions] == [
        getattr(q, "choices", q.id) for q in draws[1].questions
    ]
    choice_questions = [q for d in draws for q in d.questions if isinstance(q, SingleQuestion | MultiQuestion)]
    assert any(q.order != tuple(range(len(q.choices))) for q in choice_questions)
    assert all(check_answer(q, ",".join(letter(i) for i in q.correct_indexes)).correct for q in choice_questions)


def test_cli_seed_replays_a_session_order(monkeypatch, capsys):
    bank = Path(__file__).parent / "fixtures" / "quiz" / "valid"
    question = load_bank(bank).by_id()["asr-wer-parts"]
    outputs = []
    for seed in (3, 3, 4):
        monkeypatch.setattr("sys.stdin", io.StringIO(""))
        main(["quiz", "--bank", str(bank), "--tag", "wer", "--seed", str(seed)])
        out = capsys.readouterr().out
        assert f"--seed {seed}" in out
        outputs.append([line for line in out.splitlines() if ") " in line and "│" in line])
    assert outputs[0] == outputs[1] and outputs[0] != outputs[2]
    shown = shuffled(question, showing_seed(3, question.id))
    first = outputs[0][0]
    assert f"a) {shown.choices[0].text[:20]}" in first


def _write_bank(folder: Path, prompt: str, explanation: str) -> Path:
    (folder / "quiz").mkdir()
    (folder / "quiz" / "asr.yaml").write_text(
        "topic: asr\ntitle: ASR\nquestions:\n"
        "  - id: asr-letters\n    kind: single\n    difficulty: 1\n    tags: [x]\n"
        f"    prompt: {prompt!r}\n"
        "    choices:\n"
        "      - {text: 'Blank', correct: true, why: 'Right.'}\n"
        "      - {text: 'Pad', correct: false, why: 'Wrong.'}\n"
        "      - {text: 'Space', correct: false, why: 'Wrong.'}\n"
        f"    explanation: {explanation!r}\n"
        "    references: [{title: T, url: 'https://example.org'}]\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    ("prompt", "explanation", "found"),
    [
        ("Which token?", "a) is right because CTC needs it.", "'a)'"),
        ("Which token?", "The answer is option b, the blank.", "'option b'"),
        ("Which token? (c) is a trap.", "Blank separates repeats.", "'(c)'"),
        ("Which token?", "All of the above is never right here.", "'All of the above'"),
        ("Which token?", "B) is the pad token, not the blank.", "'B)'"),
    ],
)
def test_dev_check_flags_references_to_option_letters(tmp_path, prompt, explanation, found):
    [violation] = quiz_shuffle(_write_bank(tmp_path, prompt, explanation))
    assert violation.where == "quiz/asr.yaml:4" and "[asr-letters]" in violation.message and found in violation.message


def test_dev_check_passes_the_shipped_bank_and_a_clean_one(tmp_path):
    assert quiz_shuffle(_write_bank(tmp_path, "Which token does CTC add?", "Blank separates repeats.")) == []
    assert quiz_shuffle(Path(__file__).resolve().parents[1]) == []


def test_dev_check_catches_broken_shuffling(monkeypatch, tmp_path):
    root = _write_bank(tmp_path, "Which token does CTC add?", "Blank separates repeats.")
    monkeypatch.setattr(choice_checks, "shuffled", lambda question, seed: question)  # shuffling lost
    [violation] = quiz_shuffle(root)
    assert "never shows the first choice at position(s) b, c" in violation.message
    monkeypatch.setattr(choice_checks, "shuffled", lambda q, seed: q.model_copy(update={"choices": q.choices[::-1]}))
    [violation] = quiz_shuffle(root)
    assert "does not replay" in violation.message
