"""Progress figures: the collected data matches the store, the PNGs are real images, and the PNG
and terminal (plotext) drawings are readable: whole-number count axes, keys that cover no bars,
names rather than slugs or run numbers."""

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
from interview_prep.viz.progress import (
    BUILDERS,
    FIGURES,
    GradingTime,
    ProgressData,
    TrackProgress,
    collect_progress,
    save_progress_figures,
)

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
    assert len(data.forecast) == 7 and data.forecast[0].day == data.days[-1].day
    assert sum(d.due for d in data.forecast) == 3  # every answered question comes back within the week
    assert [d.day for d in data.retention] == [d.day for d in data.days]
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


def busy() -> ProgressData:
    """Small counts (where a default axis shows 0.5 steps), two tracks, three graded katas."""
    with open_store() as store:
        bank = seed(store)
        record_answer(  # a repeat review: retention has a value
            store, Scheduler(), bank.by_id()["asr-ctc-blank"], Rating.GOOD, correct=True, answer="a",
            duration_s=2.0, now=NOW + timedelta(minutes=30),
        )
        data = collect_progress(store, NOW, topic_titles=bank.titles, topic_order=bank.topics, days=7, tz=UTC)
    assert data.retention[-1].reviews == 1
    data.tracks = [TrackProgress("asr", "ASR", 1, 3), TrackProgress("tts", "TTS", 0, 2)]
    data.grading = [
        GradingTime(kata, seconds, status, "2025-03-10T10:00:00+00:00")
        for kata, seconds, status in [
            ("asr-03-ctc-greedy-decode", 2.0, "fail"), ("asr-04-wer", 1.0, "pass"),
            ("classify-15-features", 3.0, "error"), ("asr-03-ctc-greedy-decode", 2.5, "pass"),
        ]
    ]
    return data


def drawn(name: str, data: ProgressData, size: tuple[int, int] = (78, 20)) -> tuple[str, str]:
    """(plot text, caption) of a terminal figure drawn on a real plotext canvas."""
    from textual_plotext.plot import Plot

    from interview_prep.tui.widgets.progress.plots import DRAWERS

    plt = Plot()
    colors = dict.fromkeys(("success", "error", "warning", "primary", "muted"), (200, 100, 50))
    caption = DRAWERS[name](plt, data, colors)
    plt.plotsize(*size)
    return Plot.uncolorize(plt.build()), caption


def test_count_axes_have_whole_number_ticks():
    data = busy()
    for name in ("reviews_per_day", "review_forecast", "katas_by_track"):
        ticks = BUILDERS[name](data).axes[0].get_yticks()
        assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks), (name, ticks)
    for name in ("reviews", "forecast", "katas"):
        text, _ = drawn(name, data)
        axis = [line.split("┤")[0].strip() for line in text.splitlines() if "┤" in line]
        assert len(axis) >= 2 and all(label.isdigit() for label in axis), (name, axis)


def test_keys_never_cover_the_bars():
    data = busy()
    for name in FIGURES:
        figure = BUILDERS[name](data)
        figure.canvas.draw()
        axes = figure.axes[0]
        assert axes.get_legend() is None, name
        for legend in figure.legends:
            assert not legend.get_window_extent().overlaps(axes.get_window_extent()), name
    for name, words in [("reviews", ("right", "wrong")), ("katas", ("to do",)), ("grading", ("fail",))]:
        text, caption = drawn(name, data)
        assert not any(word in text for word in words), name  # no plotext legend inside the plot
        assert all(word in caption for word in words), name  # the key is in the caption


def test_grading_time_names_the_katas():
    data = busy()
    katas = ["asr-03-ctc-greedy-decode", "asr-04-wer", "classify-15-features"]
    axes = BUILDERS["grading_times"](data).axes[0]
    assert [label.get_text() for label in axes.get_yticklabels()] == katas
    points = {tuple(xy) for collection in axes.collections for xy in collection.get_offsets()}
    assert points == {(2.0, 0), (1.0, 1), (3.0, 2), (2.5, 0)}  # (seconds, kata row)
    text, _ = drawn("grading", data)
    assert all(kata in text for kata in katas)


def test_accuracy_axis_shows_topic_titles():
    data = busy()
    text, _ = drawn("accuracy", data)
    assert "Automatic speech recog" in text and "Text to speech (fixture)" in text
    assert not any(line.lstrip().startswith(("asr ", "tts ")) for line in text.splitlines())
    axes = BUILDERS["accuracy_by_topic"](data).axes[0]
    assert {label.get_text() for label in axes.get_yticklabels()} == set(data.topic_titles.values())


def test_forecast_and_retention_figures_draw_the_numbers():
    data = busy()
    forecast = BUILDERS["review_forecast"](data).axes[0]
    assert [p.get_height() for p in forecast.patches] == [d.due for d in data.forecast]
    retention = BUILDERS["retention_per_day"](data).axes[0]
    expected = [100 * d.retention if d.reviews else 0 for d in data.retention]
    assert [p.get_height() for p in retention.patches] == expected
    target = [line for line in retention.lines if line.get_gid() == "target"]
    assert target and list(target[0].get_ydata()) == [90.0, 90.0]
    _, caption = drawn("forecast", data)
    assert f"{data.forecast[0].due} due today" in caption
