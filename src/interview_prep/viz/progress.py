"""The progress figure family: the learner's numbers as data, and the same numbers as PNG.

`collect_progress()` reads the store once (the TUI's progress screen draws the result in
the terminal); `save_progress_figures()` draws the same data with matplotlib's Agg
backend and writes one PNG per figure. matplotlib is imported only when saving.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from interview_prep.progress import katas as kata_rows
from interview_prep.progress.store import Store
from interview_prep.quiz.stats import DayCount, TopicAccuracy, accuracy_by_topic, reviews_per_day

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from interview_prep.kata.catalog import Kata

TRACK_TITLES = {"asr": "ASR", "tts": "TTS", "classify": "Classification"}
STATUS_COLORS = {"pass": "#2e9e5b", "fail": "#d64545", "error": "#e0a030"}
_BAR = "#3b78c2"
_MUTED = "#c8d3e0"


@dataclass(frozen=True)
class TrackProgress:
    """Katas passed (ever) out of the katas of one track."""

    track: str
    title: str
    passed: int
    total: int


@dataclass(frozen=True)
class GradingTime:
    """One graded attempt: how long grading took and its verdict."""

    kata_id: str
    seconds: float
    status: str
    started_at: str


@dataclass
class ProgressData:
    """Everything the progress views draw."""

    days: list[DayCount] = field(default_factory=list)
    topics: list[TopicAccuracy] = field(default_factory=list)
    topic_titles: dict[str, str] = field(default_factory=dict)
    tracks: list[TrackProgress] = field(default_factory=list)
    grading: list[GradingTime] = field(default_factory=list)

    def topic_title(self, topic: str) -> str:
        return self.topic_titles.get(topic, topic)


def track_progress(katas: Iterable[Kata], states: dict[str, kata_rows.KataState]) -> list[TrackProgress]:
    """Passed/total per track, tracks in their usual order, then any other track by name."""
    totals: dict[str, list[int]] = {}
    for kata in katas:
        counts = totals.setdefault(kata.track, [0, 0])
        counts[0] += kata.id in states and states[kata.id].ever_passed
        counts[1] += 1
    order = list(TRACK_TITLES)
    tracks = sorted(totals, key=lambda t: (order.index(t) if t in order else len(order), t))
    return [TrackProgress(t, TRACK_TITLES.get(t, t), totals[t][0], totals[t][1]) for t in tracks]


def collect_progress(
    store: Store,
    now: datetime,
    *,
    katas: Iterable[Kata] = (),
    topic_titles: dict[str, str] | None = None,
    topic_order: list[str] | None = None,
    days: int = 14,
    attempts: int = 50,
    tz: tzinfo | None = None,
) -> ProgressData:
    """Reviews per study day (last `days`), accuracy per topic, katas per track, recent grading times."""
    topics = accuracy_by_topic(store)
    if topic_order:
        rank = {t: i for i, t in enumerate(topic_order)}
        topics.sort(key=lambda a: (rank.get(a.topic, len(rank)), a.topic))
    grading = [
        GradingTime(a.kata_id, a.duration_s, a.status, a.started_at)
        for a in reversed(kata_rows.attempts(store, limit=attempts))
    ]
    return ProgressData(
        days=reviews_per_day(store, now, days, tz),
        topics=topics,
        topic_titles=dict(topic_titles or {}),
        tracks=track_progress(katas, kata_rows.states(store)),
        grading=grading,
    )


def _figure(title: str) -> tuple[Figure, object]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 4.5), dpi=120, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_title(title, loc="left", fontweight="bold")
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _empty(axes, message: str) -> None:
    axes.text(0.5, 0.5, message, ha="center", va="center", transform=axes.transAxes, color="#777777")
    axes.set_xticks([])
    axes.set_yticks([])


def reviews_figure(data: ProgressData) -> Figure:
    """Stacked bars of reviews per study day: right, then wrong."""
    figure, axes = _figure(f"Quiz reviews per day (last {len(data.days)} days)")
    labels = [f"{d.day:%d %b}" for d in data.days]
    right = [d.right for d in data.days]
    axes.bar(labels, right, color=STATUS_COLORS["pass"], label="right")
    axes.bar(labels, [d.reviews - d.right for d in data.days], bottom=right, color=STATUS_COLORS["fail"], label="wrong")
    axes.set_ylabel("reviews")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.tick_params(axis="x", labelrotation=45)
    axes.legend(frameon=False)
    if not any(d.reviews for d in data.days):
        axes.text(0.5, 0.5, "no reviews yet", ha="center", transform=axes.transAxes, color="#777777")
    return figure


def accuracy_figure(data: ProgressData) -> Figure:
    """Horizontal bars of the share of right answers per topic."""
    figure, axes = _figure("Quiz accuracy per topic")
    if not data.topics:
        _empty(axes, "no answers yet")
        return figure
    names = [data.topic_title(t.topic) for t in reversed(data.topics)]
    values = [100 * (t.accuracy or 0) for t in reversed(data.topics)]
    bars = axes.barh(names, values, color=_BAR)
    for bar, topic in zip(bars, reversed(data.topics), strict=True):
        axes.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, f"{topic.right}/{topic.answered}",
                  va="center", fontsize=9)
    axes.set_xlim(0, 110)
    axes.set_xlabel("right answers (%)")
    return figure


def katas_figure(data: ProgressData) -> Figure:
    """Passed and remaining katas per track, stacked."""
    figure, axes = _figure("Katas passed per track")
    if not data.tracks:
        _empty(axes, "no katas installed")
        return figure
    names = [t.title for t in data.tracks]
    passed = [t.passed for t in data.tracks]
    axes.bar(names, passed, color=STATUS_COLORS["pass"], label="passed")
    axes.bar(names, [t.total - t.passed for t in data.tracks], bottom=passed, color=_MUTED, label="to do")
    axes.set_ylabel("katas")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.legend(frameon=False)
    return figure


def grading_figure(data: ProgressData) -> Figure:
    """Seconds per grading run, oldest first, coloured by verdict."""
    figure, axes = _figure(f"Grading time of the last {len(data.grading)} runs")
    if not data.grading:
        _empty(axes, "no katas graded yet")
        return figure
    for status, color in STATUS_COLORS.items():
        points = [(i + 1, g.seconds) for i, g in enumerate(data.grading) if g.status == status]
        if points:
            xs, ys = zip(*points, strict=True)
            axes.scatter(xs, ys, color=color, label=status, zorder=3)
    axes.plot(range(1, len(data.grading) + 1), [g.seconds for g in data.grading], color=_MUTED, zorder=2)
    axes.set_xlabel("run")
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_ylabel("seconds")
    axes.set_ylim(bottom=0)
    axes.legend(frameon=False)
    return figure


BUILDERS = {
    "reviews_per_day": reviews_figure,
    "accuracy_by_topic": accuracy_figure,
    "katas_by_track": katas_figure,
    "grading_times": grading_figure,
}
FIGURES = tuple(BUILDERS)


def save_progress_figures(data: ProgressData, folder: Path) -> list[Path]:
    """Write every progress figure as `<folder>/<name>.png`; returns the files in FIGURES order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FIGURES:
        path = folder / f"{name}.png"
        BUILDERS[name](data).savefig(path, format="png")
        written.append(path)
    return written
