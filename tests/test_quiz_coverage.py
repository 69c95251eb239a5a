"""Coverage of the shipped bank: at least 300 questions and every interview area covered (issue 15).

Areas are defined by tags in `interview_prep.quiz.coverage.AREAS`; `dev check` runs the same
rule as `quiz-coverage`. The four topic banks added for issue 15 hold only auto-graded kinds.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from interview_prep import paths
from interview_prep.dev.checks import CHECKS, run_checks
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.coverage import AREAS, MIN_QUESTIONS, area_counts, coverage_problems
from interview_prep.quiz.models import TOPIC_PREFIXES

BANK = load_bank()
NEW_TOPICS = {
    "speech-datasets": 20,
    "whisper-finetuning": 15,
    "music-audio": 15,
    "speech-applications": 25,
}
FIXTURE_BANK = Path(__file__).parent / "fixtures" / "quiz" / "valid"


def test_bank_holds_at_least_300_questions():
    assert BANK.problems == []
    assert MIN_QUESTIONS >= 300
    assert len(BANK.questions) >= MIN_QUESTIONS, f"{len(BANK.questions)} questions"


@pytest.mark.parametrize("area", AREAS, ids=lambda a: a.name)
def test_every_area_has_its_minimum(area):
    count = area_counts(BANK.questions)[area.name]
    assert count >= area.minimum, f"{area.name}: {count} < {area.minimum} (tags {sorted(area.tags)})"


def test_area_minimums_are_meaningful():
    assert len(AREAS) == 10 and all(area.minimum >= 5 for area in AREAS)
    used = Counter(tag for q in BANK.questions for tag in q.tags)
    assert all(any(used[tag] for tag in area.tags) for area in AREAS)


def test_coverage_rule_reports_a_thin_bank():
    thin = load_bank(FIXTURE_BANK).questions
    problems = coverage_problems(thin)
    assert any(f"fewer than {MIN_QUESTIONS}" in p for p in problems)
    assert sum("area '" in p for p in problems) == sum(
        1 for area in AREAS if area_counts(thin)[area.name] < area.minimum
    )
    assert coverage_problems(BANK.questions) == []


def test_dev_check_runs_the_coverage_rule():
    assert "quiz-coverage" in CHECKS
    assert run_checks(paths.content_root(), ["quiz-coverage"]) == {"quiz-coverage": []}
    broken = run_checks(FIXTURE_BANK.parent.parent / "_no_such_root", ["quiz-coverage"])["quiz-coverage"]
    assert broken and "no question bank folder" in broken[0].message


@pytest.mark.parametrize("topic", sorted(NEW_TOPICS))
def test_new_topic_banks_are_registered_and_auto_graded(topic):
    assert topic in TOPIC_PREFIXES and topic in BANK.titles
    questions = [q for q in BANK.questions if q.topic == topic]
    assert len(questions) >= NEW_TOPICS[topic]
    assert all(q.id.startswith(TOPIC_PREFIXES[topic] + "-") for q in questions)
    assert not [q.id for q in questions if q.kind == "open"], "new banks hold no open questions"
    assert all(q.references and q.explanation.strip() for q in questions)


def test_new_banks_do_not_always_key_the_same_position():
    """Files stay neutral although the engine shuffles: the keyed single answers are spread out."""
    positions = Counter(
        q.correct_indexes[0] for q in BANK.questions if q.topic in NEW_TOPICS and q.kind == "single"
    )
    total = sum(positions.values())
    assert len(positions) >= 3 and max(positions.values()) <= 0.5 * total, positions
