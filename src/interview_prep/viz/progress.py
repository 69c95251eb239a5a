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
from interview_prep.progress.days import DEFAULT_ROLLOVER_HOUR, day_starts, rollover_hour
from interview_prep.progress.store import Store
from interview_prep.quiz.scheduler import DEFAULT_RETENTION
from interview_prep.quiz.stats import (
    DayCount,
    ForecastDay,
    RetentionDay,
    TopicAccuracy,
    accuracy_by_topic,
    retention_per_day,
    review_forecast,
    reviews_per_day,
)

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
    #: the hour study days start (`progress.days`), said under the per-day plots
    rollover_hour: int = DEFAULT_ROLLOVER_HOUR
    forecast: list[ForecastDay] = field(default_factory=list)
    retention: list[RetentionDay] = field(default_factory=list)
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
    """Reviews and retention per study day (last `days`), the review forecast (next `days`), accuracy
    per topic, katas per track, recent grading times."""
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
        rollover_hour=rollover_hour(store),
        forecast=review_forecast(store, now, days, tz),
        retention=retention_per_day(store, now, days, tz),
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


def _integer_axis(axis) -> None:
    """Counts: whole-number ticks only."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _legend(figure: Figure) -> None:
    """The key above the plot, right-aligned, never over the data."""
    figure.legend(loc="outside upper right", ncols=3, frameon=False)


def _empty(axes, message: str) -> None:
    axes.text(0.5, 0.5, message, ha="center", va="center", transform=axes.transAxes, color="#777777")
    axes.set_xticks([])
    axes.set_yticks([])


def reviews_figure(data: ProgressData) -> Figure:
    """Stacked bars of reviews per study day: right, then wrong."""
    figure, axes = _figure(f"Quiz reviews per study day (last {len(data.days)} days, "
                           f"{day_starts(data.rollover_hour)})")
    labels = [f"{d.day:%d %b}" for d in data.days]
    right = [d.right for d in data.days]
    axes.bar(labels, right, color=STATUS_COLORS["pass"], label="right", gid="right")
    axes.bar(labels, [d.reviews - d.right for d in data.days], bottom=right, color=STATUS_COLORS["fail"],
             label="wrong", gid="wrong")
    axes.set_ylabel("reviews")
    _integer_axis(axes.yaxis)
    axes.tick_params(axis="x", labelrotation=45)
    _legend(figure)
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
    _integer_axis(axes.yaxis)
    _legend(figure)
    return figure


def kata_order(grading: list[GradingTime]) -> list[str]:
    """The graded katas, in the order they were first graded."""
    return list(dict.fromkeys(g.kata_id for g in grading))


def grading_figure(data: ProgressData) -> Figure:
    """Seconds of each grading run, one row per kata, coloured by verdict."""
    figure, axes = _figure(f"Grading time of the last {len(data.grading)} runs, per kata")
    if not data.grading:
        _empty(axes, "no katas graded yet")
        return figure
    katas = kata_order(data.grading)
    row = {kata: i for i, kata in enumerate(katas)}
    for status, color in STATUS_COLORS.items():
        points = [(g.seconds, row[g.kata_id]) for g in data.grading if g.status == status]
        if points:
            xs, ys = zip(*points, strict=True)
            axes.scatter(xs, ys, color=color, label=status, zorder=3, alpha=0.8, gid=status)
    axes.set_yticks(range(len(katas)), katas, fontsize=8)
    axes.set_ylim(len(katas) - 0.5, -0.5)
    axes.set_xlabel("seconds")
    axes.set_xlim(left=0)
    axes.grid(axis="x", color="#e6e6e6", zorder=0)
    _legend(figure)
    return figure


def forecast_figure(data: ProgressData) -> Figure:
    """Bars of the questions falling due on each of the next days (today with the overdue ones)."""
    figure, axes = _figure(f"Review forecast (next {len(data.forecast)} days)")
    labels = ["today" if i == 0 else f"{d.day:%a %d}" for i, d in enumerate(data.forecast)]
    bars = axes.bar(labels, [d.due for d in data.forecast], color=_BAR, gid="due")
    axes.bar_label(bars, [str(d.due) if d.due else "" for d in data.forecast], fontsize=9)
    axes.set_ylabel("questions due")
    _integer_axis(axes.yaxis)
    axes.tick_params(axis="x", labelrotation=45)
    if not any(d.due for d in data.forecast):
        axes.text(0.5, 0.5, "nothing scheduled yet", ha="center", transform=axes.transAxes, color="#777777")
    return figure


def retention_figure(data: ProgressData) -> Figure:
    """Share of repeat reviews answered right per study day, against the scheduler's target."""
    figure, axes = _figure(f"Retention per day (last {len(data.retention)} days)")
    labels = [f"{d.day:%d %b}" for d in data.retention]
    values = [100 * d.retention if d.retention is not None else 0 for d in data.retention]
    bars = axes.bar(labels, values, color=STATUS_COLORS["pass"], gid="retention")
    axes.bar_label(bars, [f"{d.right}/{d.reviews}" if d.reviews else "" for d in data.retention], fontsize=8)
    axes.axhline(100 * DEFAULT_RETENTION, color="#555555", linestyle="--", linewidth=1,
                 label=f"FSRS target {DEFAULT_RETENTION:.0%}", gid="target")
    axes.set_ylim(0, 110)
    axes.set_ylabel("repeat reviews right (%)")
    axes.tick_params(axis="x", labelrotation=45)
    _legend(figure)
    if not any(d.reviews for d in data.retention):
        axes.text(0.5, 0.5, "no repeat reviews yet", ha="center", transform=axes.transAxes, color="#777777")
    return figure


BUILDERS = {
    "reviews_per_day": reviews_figure,
    "review_forecast": forecast_figure,
    "retention_per_day": retention_figure,
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
