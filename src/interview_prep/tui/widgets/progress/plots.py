"""Terminal plots of the progress data (textual-plotext), coloured from the app's theme.

Each `draw_*` function draws one figure of `viz.progress` (same data, same meaning) on a
plotext figure; `ProgressPlot` redraws when its data or the theme changes.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.color import Color
from textual.markup import escape
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from interview_prep.progress.days import day_starts
from interview_prep.viz.progress import ProgressData, kata_order

Palette = dict[str, tuple[int, int, int]]
STATUS_KEYS = (("pass", "success"), ("fail", "error"), ("error", "warning"))


def _labels(values: list[str], width: int = 10) -> list[str]:
    return [v if len(v) <= width else v[: width - 1] + "…" for v in values]


def _integer_ticks(top: float, count: int = 5) -> list[int]:
    """About `count` whole-number ticks from 0 to `top`."""
    step = max(1, round(top / count))
    return list(range(0, int(top) + 1, step))


def _counts_axis(plt: Plot, top: int) -> None:
    """A y axis of counts: from 0, whole-number ticks."""
    top = max(top, 4)
    plt.ylim(0, top)
    plt.yticks(_integer_ticks(top))


def key(*entries: tuple[str, str]) -> str:
    """A colour key for the caption (plotext's legend would cover the bars): ■ label per (colour, label)."""
    return "  ".join(f"[{color}]■[/] {label}" for color, label in entries)


def draw_reviews(plt: Plot, data: ProgressData, colors: Palette) -> str:
    """Bars of reviews per study day; returns the caption (Textual markup)."""
    labels = [f"{d.day:%d}" for d in data.days]
    plt.stacked_bar(
        labels,
        [[d.right for d in data.days], [d.reviews - d.right for d in data.days]],
        color=[colors["success"], colors["error"]],
        width=0.6,
    )
    _counts_axis(plt, max([d.reviews for d in data.days], default=0))
    if data.days:
        plt.title(f"Reviews per day, {data.days[0].day:%d %b} – {data.days[-1].day:%d %b}")
    total = sum(d.reviews for d in data.days)
    if not total:
        return "No reviews yet: start a quiz (r)."
    return (f"{key(('$success', 'right'), ('$error', 'wrong'))} · {total} review(s) in the last {len(data.days)} "
            f"study days ({day_starts(data.rollover_hour)})")


def draw_forecast(plt: Plot, data: ProgressData, colors: Palette) -> str:
    """Bars of the questions falling due on each of the next days (today with the overdue ones)."""
    labels = ["now" if i == 0 else f"{d.day:%d}" for i, d in enumerate(data.forecast)]
    plt.bar(labels, [d.due for d in data.forecast], color=colors["primary"], width=0.6)
    _counts_axis(plt, max([d.due for d in data.forecast], default=0))
    if data.forecast:
        plt.title(f"Questions due per day, {data.forecast[0].day:%d %b} – {data.forecast[-1].day:%d %b}")
    total = sum(d.due for d in data.forecast)
    if not total:
        return "Nothing scheduled yet: answered questions come back here."
    today = data.forecast[0].due
    return f"{today} due today (with the overdue ones) · {total} in the next {len(data.forecast)} days"


def draw_retention(plt: Plot, data: ProgressData, colors: Palette) -> str:
    """Bars: share of repeat reviews answered right per study day, and the scheduler's 90 % target."""
    from interview_prep.quiz.scheduler import DEFAULT_RETENTION

    labels = [f"{d.day:%d}" for d in data.retention]
    plt.bar(labels, [round(100 * (d.retention or 0)) for d in data.retention], color=colors["success"], width=0.6)
    plt.hline(100 * DEFAULT_RETENTION, colors["warning"])
    plt.ylim(0, 100)
    plt.yticks([0, 25, 50, 75, 90, 100])
    plt.title("Repeat reviews answered right per day (%)")
    right, reviews = sum(d.right for d in data.retention), sum(d.reviews for d in data.retention)
    if not reviews:
        return "No repeat reviews yet: retention counts questions you answer a second time."
    return (f"{key(('$warning', f'FSRS target {DEFAULT_RETENTION:.0%}'))} · {right}/{reviews} repeat reviews right "
            f"({right / reviews:.0%}) in the last {len(data.retention)} days")


def draw_accuracy(plt: Plot, data: ProgressData, colors: Palette) -> str:
    """Horizontal bars: share of right answers per topic, labelled with the topic titles."""
    if not data.topics:
        return "No answers yet."
    names = _labels([data.topic_title(t.topic) for t in data.topics], 24)
    values = [round(100 * (t.accuracy or 0)) for t in data.topics]
    plt.bar(names, values, orientation="h", color=colors["primary"], width=0.6)
    plt.xlim(0, 100)
    plt.title("Right answers per topic (%)")
    return escape(" · ".join(f"{data.topic_title(t.topic)} {t.right}/{t.answered}" for t in data.topics))


def draw_katas(plt: Plot, data: ProgressData, colors: Palette) -> str:
    """Stacked bars: passed and remaining katas per track."""
    if not data.tracks:
        return "No katas installed."
    plt.stacked_bar(
        [t.title for t in data.tracks],
        [[t.passed for t in data.tracks], [t.total - t.passed for t in data.tracks]],
        color=[colors["success"], colors["muted"]],
        width=0.5,
    )
    _counts_axis(plt, max(t.total for t in data.tracks))
    plt.title("Katas passed per track")
    passed, total = sum(t.passed for t in data.tracks), sum(t.total for t in data.tracks)
    return f"{key(('$success', 'passed'), ('$text-muted', 'to do'))} · {passed} of {total} katas passed"


def draw_grading(plt: Plot, data: ProgressData, colors: Palette) -> str:
    """Seconds of each grading run, one row per kata (first graded on top), coloured by verdict."""
    if not data.grading:
        return "No katas graded yet."
    katas = kata_order(data.grading)
    row = {kata: len(katas) - i for i, kata in enumerate(katas)}
    for status, color in STATUS_KEYS:
        points = [(g.seconds, row[g.kata_id]) for g in data.grading if g.status == status]
        if points:
            plt.scatter([x for x, _ in points], [y for _, y in points], color=colors[color], marker="●")
    plt.xlim(0, max(g.seconds for g in data.grading) * 1.1)
    plt.ylim(0.5, len(katas) + 0.5)
    plt.yticks(list(row.values()), _labels(katas, 24))
    plt.title(f"Grading time (s) of the last {len(data.grading)} runs")
    slowest = max(data.grading, key=lambda g: g.seconds)
    verdicts = key(*((f"${color}", status) for status, color in STATUS_KEYS))
    return f"{verdicts} · slowest: {escape(slowest.kata_id)} {slowest.seconds:.1f} s"


DRAWERS: dict[str, Callable[[Plot, ProgressData, Palette], str]] = {
    "reviews": draw_reviews,
    "forecast": draw_forecast,
    "retention": draw_retention,
    "accuracy": draw_accuracy,
    "katas": draw_katas,
    "grading": draw_grading,
}


class ProgressPlot(PlotextPlot):
    """One progress figure; `set_data()` redraws it (and so does a theme change)."""

    def __init__(self, figure: str, *, id: str | None = None):
        super().__init__(id=id)
        self.figure = figure
        self.data: ProgressData | None = None
        self.caption = ""

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw())

    def palette(self) -> Palette:
        variables = self.app.theme_variables
        names = {"success": "success", "error": "error", "warning": "warning", "primary": "primary"}
        colors = {key: Color.parse(variables[name]).rgb for key, name in names.items()}
        colors["muted"] = Color.parse(variables["foreground"]).blend(Color.parse(variables["surface"]), 0.7).rgb
        return colors

    def set_data(self, data: ProgressData) -> str:
        self.data = data
        return self.redraw()

    def redraw(self) -> str:
        plt = self.plt
        plt.clear_figure()
        if self.data is not None:
            self.caption = DRAWERS[self.figure](plt, self.data, self.palette())
        self.refresh()
        return self.caption
