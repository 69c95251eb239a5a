"""Grader of kata tts-14-audio-length-plot: a bar chart of clip durations, graded on its data.

Inputs are 4-8 clips of random lengths in random order and a budget inside their range.
The grader draws the returned Figure and reads the bars (heights, left-to-right order,
tick label under each), the budget line, the title and y label, and the PNG written.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.image  # noqa: E402
import numpy as np  # noqa: E402

from interview_prep.kata.grading import (  # noqa: E402
    Returned,
    call,
    expect,
    fetch_output,
    hint,
    learner_function,
    output_path,
    rng,
)
from interview_prep.kata.sandbox.figures import Figure, Line2D  # noqa: E402
from interview_prep.kata.summarize import describe_type  # noqa: E402

FILE = "length_plot.py"
PRODUCTS = ("blender", "toaster", "kettle", "backpack", "lamp", "jacket", "sweater", "charger", "towel", "skillet")
MIN_SIZE = (300, 200)  # width, height in pixels
HEIGHT_TOL = 1e-6


class Case:
    """Random clips (name -> audio), their rate, the budget and where to save."""

    def __init__(self, *, tie: bool = False):
        gen = rng()
        n = int(gen.integers(4, 9))
        self.sr = int(gen.choice([16000, 22050]))
        lengths = [int(gen.uniform(0.5, 6.0) * self.sr) for _ in range(n)]
        if tie:  # two clips of the same length, the first one named later in the sorted output
            lengths[n - 1] = lengths[1]
        names = [f"{p}-{int(gen.integers(1, 10))}" for p in gen.choice(PRODUCTS, size=n, replace=False)]
        if lengths == sorted(lengths, reverse=True):
            lengths.reverse()
        self.clips = {
            name: gen.normal(0, 0.05, size=length).astype(np.float32)
            for name, length in zip(names, lengths, strict=True)
        }
        durations = sorted(length / self.sr for length in lengths)
        self.budget = round(float(gen.uniform(durations[1], durations[-2])), 2)
        self.path = output_path(f"lengths-{int(gen.integers(1000, 9999))}.png")
        self.expected = sorted(((name, len(a) / self.sr) for name, a in self.clips.items()), key=lambda p: -p[1])
        self.note = "expected bars, left to right: " + ", ".join(f"{name}={d:.3f} s" for name, d in self.expected)

    def run(self) -> tuple[Returned, Figure]:
        returned = call(learner_function(FILE, "plot_lengths"), self.clips, self.sr, str(self.path), self.budget)
        value = returned.value
        expect(
            isinstance(value, Figure), returned, f"expected a matplotlib Figure, got {describe_type(value)}", self.note
        )
        try:
            value.canvas.draw()  # tick labels of categorical axes exist only once drawn
        except Exception as exc:  # noqa: BLE001 - the learner's figure may be broken in any way
            expect(False, returned, f"drawing the returned figure failed: {type(exc).__name__}: {exc}", self.note)
        return returned, value

    def bars(self, returned: Returned, fig: Figure):
        """(axes, bars left to right) of the only Axes with a bar chart, with the bar count checked."""
        with_bars = [ax for ax in fig.axes if any(type(c).__name__ == "BarContainer" for c in ax.containers)]
        expect(
            len(with_bars) == 1,
            returned,
            f"expected exactly one Axes with a bar chart (ax.bar), found {len(with_bars)}",
            self.note,
        )
        ax = with_bars[0]
        bars = sorted(
            (p for c in ax.containers if type(c).__name__ == "BarContainer" for p in c.patches), key=lambda r: r.get_x()
        )
        expect(
            len(bars) == len(self.clips),
            returned,
            f"expected {len(self.clips)} bars (one per clip), got {len(bars)}",
            self.note,
        )
        return ax, bars


def _labels_under(ax, bars) -> list[str | None]:
    ticks = {
        round(float(loc), 3): label.get_text()
        for loc, label in zip(ax.xaxis.get_ticklocs(), ax.xaxis.get_ticklabels(), strict=False)
    }
    return [ticks.get(round(float(b.get_x() + b.get_width() / 2), 3)) for b in bars]


@hint(1)
def test_bar_heights_are_durations_in_seconds():
    case = Case()
    returned, fig = case.run()
    _, bars = case.bars(returned, fig)
    heights = sorted(float(b.get_height()) for b in bars)
    want = sorted(d for _, d in case.expected)
    ratio = heights[-1] / want[-1] if want[-1] else 0.0
    unit = ""
    if abs(ratio - 1000) < 1:
        unit = " (they look like milliseconds: the statement asks for seconds)"
    elif abs(ratio * case.sr - 1) < 1e-3 or abs(ratio - case.sr) < 1:
        unit = " (they look like sample counts: divide by sr)"
    expect(
        np.allclose(heights, want, rtol=0, atol=HEIGHT_TOL),
        returned,
        f"bar heights {[round(h, 4) for h in heights]} (sorted) are not the clip durations in seconds "
        f"{[round(d, 4) for d in want]}{unit}",
        case.note,
    )


@hint(1)
def test_bars_go_from_longest_to_shortest():
    case = Case()
    returned, fig = case.run()
    _, bars = case.bars(returned, fig)
    heights = [round(float(b.get_height()), 4) for b in bars]
    expect(
        heights == sorted(heights, reverse=True),
        returned,
        f"bar heights left to right are {heights}: sort the clips from the longest to the shortest",
        case.note,
    )


@hint(1)
def test_equal_lengths_keep_their_input_order():
    case = Case(tie=True)
    returned, fig = case.run()
    ax, bars = case.bars(returned, fig)
    names = _labels_under(ax, bars)
    expect(
        names == [name for name, _ in case.expected],
        returned,
        f"bars are labelled {names}; expected longest first, equal lengths in their order in `clips`",
        case.note,
    )


@hint(2)
def test_clip_names_under_the_bars():
    case = Case()
    returned, fig = case.run()
    ax, bars = case.bars(returned, fig)
    names = _labels_under(ax, bars)
    expect(all(names), returned, f"not every bar has a tick label under it (found {names})", case.note)
    shown = {name: float(bar.get_height()) for name, bar in zip(names, bars, strict=True)}
    for name, duration in case.expected:
        expect(name in shown, returned, f"no bar is labelled {name!r} (labels: {names})", case.note)
        expect(
            abs(shown[name] - duration) <= HEIGHT_TOL,
            returned,
            f"the bar labelled {name!r} is {shown[name]:.4f} high, but that clip lasts {duration:.4f} s",
            case.note,
        )


@hint(3)
def test_budget_line():
    case = Case()
    returned, fig = case.run()
    ax, _ = case.bars(returned, fig)
    levels = []
    for line in ax.lines:
        if isinstance(line, Line2D):
            ys = np.asarray(line.get_ydata(), dtype=float)
            if ys.size and np.allclose(ys, ys[0], rtol=0, atol=HEIGHT_TOL):
                levels.append(float(ys[0]))
    expect(
        any(abs(y - case.budget) <= HEIGHT_TOL for y in levels),
        returned,
        f"no horizontal line at y = budget_s = {case.budget} (ax.axhline(budget_s)); horizontal lines found at "
        f"{levels}",
        case.note,
    )


@hint(3)
def test_title_and_y_label_in_seconds():
    case = Case()
    returned, fig = case.run()
    ax, _ = case.bars(returned, fig)
    expect(bool(ax.get_title().strip()), returned, "the bar chart has no title (ax.set_title)", case.note)
    label = ax.get_ylabel()
    expect(
        "(s)" in label.lower() or "second" in label.lower(),
        returned,
        f"the y-axis label {label!r} must give the unit: contain '(s)' or 'second'",
        case.note,
    )


@hint(4)
def test_png_is_saved():
    case = Case()
    returned, _ = case.run()
    path = fetch_output(case.path) or case.path
    expect(path.is_file(), returned, f"no file was written at {path.name} (call fig.savefig(out_path))", case.note)
    expect(path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", returned, f"{path.name} is not a PNG file", case.note)
    image = matplotlib.image.imread(str(path))
    height, width = image.shape[:2]
    expect(
        width >= MIN_SIZE[0] and height >= MIN_SIZE[1],
        returned,
        f"{path.name} is {width}x{height} pixels; it must be at least {MIN_SIZE[0]}x{MIN_SIZE[1]}",
        case.note,
    )
    expect(float(np.std(image)) > 0, returned, f"{path.name} is a blank image", case.note)
