"""The plan file: the shipped week, validation errors with file/line/field, fitting to content."""

from __future__ import annotations

import pytest

from interview_prep.errors import UserError
from interview_prep.kata.catalog import load_catalog
from interview_prep.plan.loader import consistency_problems, default_plan_path, load_plan, resolve
from interview_prep.quiz.bank import load_bank

GOOD_DAY = """
  - day: 1
    title: ASR
    track: asr
    summary: Decoding.
    katas: [asr-01-load-audio]
    quiz: {topics: [asr], questions: 3}
"""


def write(tmp_path, text: str):
    path = tmp_path / "plan.yaml"
    path.write_text(text)
    return path


def test_shipped_week_follows_the_seven_day_layout():
    plan = load_plan()
    assert default_plan_path().name == "week.yaml" and len(plan.days) == 7
    assert [d.track for d in plan.days] == ["asr", "asr", "tts", "tts", "classify", "classify", "review"]
    assert [d.mock for d in plan.days] == [False] * 6 + [True]
    assert all(k.startswith(d.track) for d in plan.days for k in d.katas)
    assert all(d.quiz.questions > 0 for d in plan.days)


def test_shipped_week_agrees_with_every_installed_kata():
    catalog = load_catalog(strict=False)
    problems = consistency_problems(load_plan(), {k.id: k.day for k in catalog})
    assert [p for p in problems if "not in the catalog" not in p] == []


def test_shipped_week_topics_all_have_questions():
    topics = {q.topic for q in load_bank().questions}
    assert {t for d in load_plan().days for t in d.quiz.topics} <= topics


@pytest.mark.parametrize(
    ("text", "where", "fragment"),
    [
        ("title: W\ndays:" + GOOD_DAY.replace("day: 1", "day: 2"), ":3: days", "numbered 1, 2, 3"),
        ("title: W\ndays:" + GOOD_DAY.replace("[asr]", "[asr, speech]"), ":8: days[0].quiz.topics",
         "unknown quiz topic speech"),
        ("title: W\ndays:" + GOOD_DAY + "    colour: red\n", ":9: days[0].colour", "Extra inputs"),
        ("title: W\ndays:" + GOOD_DAY.replace("track: asr", "track: vision"), ":5: days[0].track", "'asr'"),
        ("title: W\ndays:" + GOOD_DAY.replace("katas: [asr-01-load-audio]", "katas: [Load Audio]"),
         ":7: days[0].katas[0]", "pattern"),
        ("title: W\ndays:" + GOOD_DAY + GOOD_DAY.replace("day: 1", "day: 2"), ":3: days", "listed on day 1 and day 2"),
        ("title: W\ndays:\n  - {day: 1, title: T, track: asr, summary: S}\n", ":3: days[0]", "at least one goal"),
        ("title: W\ndays: [\n", ":3", "invalid YAML"),
        ("- just a list\n", ":1", "must be a mapping"),
    ],
)
def test_bad_plan_files_name_file_line_and_field(tmp_path, text, where, fragment):
    path = write(tmp_path, text)
    with pytest.raises(UserError) as caught:
        load_plan(path)
    assert f"{path}{where}" in caught.value.message and fragment in caught.value.message


def test_missing_plan_file_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="cannot read plan file"):
        load_plan(tmp_path / "nope.yaml")


def test_resolve_drops_missing_content_with_warnings(tmp_path):
    plan = load_plan(write(tmp_path, "title: W\ndays:" + GOOD_DAY.replace("[asr]", "[asr, deployment]")
                           + GOOD_DAY.replace("day: 1", "day: 2").replace("asr-01-load-audio", "asr-02-log-mel")
                           .replace("[asr]", "[deployment]")))
    resolved = resolve(plan, {"asr-01-load-audio"}, {"asr"})
    day1, day2 = resolved.plan.days
    assert day1.katas == ["asr-01-load-audio"] and day1.quiz.topics == ["asr"] and day1.quiz.questions == 3
    # day 2 lost its only kata and its only topic: it keeps an any-topic quiz goal
    assert day2.katas == [] and day2.quiz.topics == [] and day2.quiz.questions == 3
    assert resolved.warnings == [
        "day 1: quiz topic deployment has no questions; skipped",
        "day 2: kata asr-02-log-mel is not installed; skipped",
        "day 2: quiz topic deployment has no questions; skipped",
    ]
    assert plan.days[1].katas == ["asr-02-log-mel"]  # the loaded plan itself is unchanged


def test_consistency_problems_name_each_disagreement(tmp_path):
    plan = load_plan(write(tmp_path, "title: W\ndays:" + GOOD_DAY))
    assert consistency_problems(plan, {"asr-01-load-audio": 1}) == []
    assert consistency_problems(plan, {"asr-01-load-audio": 2, "tts-09-normalize-text": 3}) == [
        "day 1: kata asr-01-load-audio has day 2 in its kata.yaml",
        "kata tts-09-normalize-text (day 3 in kata.yaml) is on no day of the plan",
    ]
    assert consistency_problems(plan, {}) == ["day 1: kata asr-01-load-audio is not in the catalog"]


def test_dev_check_reports_day_disagreements(tmp_path):
    import shutil
    from pathlib import Path

    from interview_prep.plan.checks import plan_consistency

    shutil.copytree(Path(__file__).parent / "fixtures" / "tui" / "katas", tmp_path / "katas")
    assert not [v for v in plan_consistency(tmp_path) if "asr-03-ctc-greedy-decode" in v.message]
    kata_yaml = tmp_path / "katas" / "asr" / "03-ctc-greedy-decode" / "kata.yaml"
    kata_yaml.write_text(kata_yaml.read_text().replace("day: 1", "day: 4"))
    [violation] = [v for v in plan_consistency(tmp_path) if "asr-03-ctc-greedy-decode" in v.message]
    assert violation.where.endswith("plan/week.yaml")
    assert violation.message == "day 1: kata asr-03-ctc-greedy-decode has day 4 in its kata.yaml"
