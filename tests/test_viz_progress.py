"""Progress figures: the collected data matches the store, and the PNGs are real images."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from interview_prep.kata.catalog import load_catalog
from interview_prep.progress import katas as kata_rows
from interview_prep.progress.store import open_store
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.history import record_answer
from interview_prep.quiz.rating import Rating
from interview_prep.quiz.scheduler import Scheduler
from interview_prep.viz.progress import FIGURES, collect_progress, save_progress_figures

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def seed(store):
    bank = load_bank(FIXTURES / "quiz" / "valid")
    questions = bank.by_id()
    answers = [("asr-ctc-blank", True), ("asr-wer-parts", False), ("tts-vocoder-role", True)]
    for offset, (qid, correct) in enumerate(answers):
        record_answer(
            store, Scheduler(), questions[qid], Rating.GOOD if correct else Rating.AGAIN,
            correct=correct, answer="a", duration_s=2.0, now=NOW - timedelta(days=offset),
        )
    for status, seconds in [("fail", 1.5), ("pass", 2.5)]:
        kata_rows.record_attempt(
            store, "asr-03-ctc-greedy-decode", started_at="2025-03-10T10:00:00+00:00",
            duration_s=seconds, status=status, results_json="{}",
        )
    return bank


def test_collect_progress_reads_the_store():
    catalog = load_catalog(FIXTURES / "tui" / "katas")
    with open_store() as store:
        bank = seed(store)
        data = collect_progress(
            store, NOW, katas=catalog, topic_titles=bank.titles, topic_order=bank.topics, days=7, tz=UTC
        )
    assert [d.reviews for d in data.days][-3:] == [1, 1, 1]
    assert [(t.topic, t.answered, t.right) for t in data.topics] == [("asr", 2, 1), ("tts", 1, 1)]
    tracks = {t.track: (t.passed, t.total) for t in data.tracks}
    assert tracks == {"asr": (1, 2), "classify": (0, 1)}
    assert [(g.status, g.seconds) for g in data.grading] == [("fail", 1.5), ("pass", 2.5)]


def test_save_progress_figures_writes_one_png_per_figure(tmp_path):
    catalog = load_catalog(FIXTURES / "tui" / "katas")
    with open_store() as store:
        seed(store)
        data = collect_progress(store, NOW, katas=catalog, tz=UTC)
    written = save_progress_figures(data, tmp_path / "figs")
    assert [p.name for p in written] == [f"{name}.png" for name in FIGURES]
    for path in written:
        head = path.read_bytes()[:24]
        assert head.startswith(PNG_MAGIC)
        width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        assert (width, height) == (960, 540)  # 8 x 4.5 inches at 120 dpi


def test_empty_progress_still_draws(tmp_path):
    with open_store() as store:
        data = collect_progress(store, NOW, tz=UTC)
    assert all(path.stat().st_size > 1000 for path in save_progress_figures(data, tmp_path))


def test_importing_viz_does_not_import_matplotlib():
    code = "import sys, interview_prep.viz.progress; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
