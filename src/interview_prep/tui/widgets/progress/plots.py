"""Terminal plots of the progress data (textual-plotext), coloured from the app's theme.

Each `draw_*` function draws one figure of `viz.progress` (same data, same meaning) on a
plotext figure; `ProgressPlot` redraws when its data or the theme changes.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.color import Color
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from interview_prep.viz.progress import ProgressData

Palette = dict[str, tuple[int, int, int]]


def _labels(values: list[str], width: int = 10) -> list[str]:
    return [v if len(v) <= width else v[: width - 1] + "…" for v in values]


def _integer_ticks(top: float, count: int = 5) -> list[int]:
    """About `count` whole-number ticks from 0 to `top`."""
    step = max(1, round(top / count))
    return list(range(0, int(top) + 1, step))


def draw_reviews(plt: Plot, data: ProgressData, colors: Palette) -> str:
    """Bars of reviews per study day; returns the caption."""
    labels = [f"{d.day:%d}" for d in data.days]
    plt.stacked_bar(
        labels,
        [[d.right for d in data.days], [d.reviews - d.right for d in data.days]],
        labels=["right", "wrong"],
        color=[colors["success"], colors["error"]],
        width=0.6,
    )
    top = max([d.reviews for d in data.days] + [4])
    plt.ylim(0, top)
    plt.yticks(_integer_ticks(top))
    if data.days:
        plt.title(f"Reviews per day, {data.days[0].day:%d %b} – {data.days[-1].day:%d %b}")
    total = sum(d.reviews for d in data.days)
    return f"{total} review(s) in the last {len(data.days)} days" if total else "No reviews yet: start a quiz (r)."


def draw_accuracy(plt: Plot, data: ProgressData, colors: Palette) -> str:
    """Horizontal bars: share of right answers per topic."""
    if not data.topics:
        return "No answers yet."
    names = _labels([t.topic for t in data.topics], 20)
    values = [round(100 * (t.accuracy or 0)) for t in data.topics]
    plt.bar(names, values, orientation="h", color=colors["primary"], width=0.6)
    plt.xlim(0, 100)
    plt.title("Right answers per topic (%)")
    return " · ".join(f"{data.topic_title(t.topic)} {t.right}/{t.answered}" for t in data.topics)


def draw_katas(plt: Plot, data: ProgressData, colors: Palette) -> str:
    """Stacked bars: passed and remaining katas per track."""
    if not data.tracks:
        return "No katas installed."
    plt.stacked_bar(
        [t.title for t in data.tracks],
        [[t.passed for t in data.tracks], [t.total - t.passed for t in data.tracks]],
        labels=["passed", "to do"],
        color=[colors["success"], colors["muted"]],
        width=0.5,
    )
    plt.title("Katas passed per track")
    passed, total = sum(t.passed for t in data.tracks), sum(t.total for t in data.tracks)
    return f"{passed} of {total} katas passed"


def draw_grading(plt: Plot, data: ProgressData, colors: Palette) -> str:
    """Seconds per grading run, oldest first, coloured by verdict."""
    if not data.grading:
        return "No katas graded yet."
    for status, color in (("pass", "success"), ("fail", "error"), ("error", "warning")):
        points = [(i + 1, g.seconds) for i, g in enumerate(data.grading) if g.status == status]
        if points:
            plt.scatter([x for x, _ in points], [y for _, y in points], color=colors[color], label=status)
    plt.ylim(0, max(g.seconds for g in data.grading) * 1.1)
    plt.xticks(_integer_ticks(len(data.grading)) if len(data.grading) > 1 else [1])
    plt.title(f"Grading time (s) of the last {len(data.grading)} runs")
    slowest = max(data.grading, key=lambda g: g.seconds)
    return f"slowest: {slowest.kata_id} {slowest.seconds:.1f} s"


DRAWERS: dict[str, Callable[[Plot, ProgressData, Palette], str]] = {
    "reviews": draw_reviews,
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
