"""The demo figure family: what the retail demos measured, as matplotlib figures (Agg).

Each builder takes plain numbers and returns a Figure with an Agg canvas attached (no
pyplot, no global state); `save()` writes it as PNG. matplotlib is imported only here,
when a builder runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

BLUE, ORANGE, GREEN, GRAY = "#3b78c2", "#e08a2e", "#2e9e5b", "#8c8c8c"
CONDITION_COLORS = {"clean": BLUE, "store noise": ORANGE, "telephone": GREEN}


def _figure(width: float = 9.0, height: float = 4.8) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def save(figure: Figure, path: Path) -> Path:
    """Write `figure` as PNG (creating the folder)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png")
    return path


def _legend(colors: dict[str, str]) -> list:
    """Legend entries for bars coloured by category."""
    from matplotlib.patches import Patch

    return [Patch(color=color, label=label) for label, color in colors.items()]


def _integer_ticks(axes: Axes) -> None:
    """Counts: whole numbers on the y axis."""
    from matplotlib.ticker import MaxNLocator

    axes.yaxis.set_major_locator(MaxNLocator(integer=True))


def _labels(axes: Axes, names: Sequence[str]) -> None:
    axes.set_xticks(range(len(names)), names, rotation=45, ha="right", fontsize=8)


def transcription_lengths(
    names: Sequence[str], truth_words: Sequence[int], heard_words: Sequence[int], conditions: Sequence[str]
) -> Figure:
    """Words per customer query: the truth next to what the ASR heard, coloured by channel."""
    figure = _figure()
    axes = figure.add_subplot()
    x = range(len(names))
    axes.bar([i - 0.2 for i in x], truth_words, width=0.4, color=GRAY, gid="truth")
    axes.bar([i + 0.2 for i in x], heard_words, width=0.4, gid="transcript",
             color=[CONDITION_COLORS.get(c, BLUE) for c in conditions])
    _labels(axes, names)
    _integer_ticks(axes)
    axes.set_ylabel("words")
    axes.set_title("Transcription length per customer query")
    axes.legend(handles=_legend({"truth": GRAY} | {f"transcript ({c})": CONDITION_COLORS.get(c, BLUE)
                                                     for c in dict.fromkeys(conditions)}), fontsize=8)
    return figure


def wer_per_query(names: Sequence[str], wers: Sequence[float], conditions: Sequence[str], corpus_wer: float) -> Figure:
    """WER of each query (bars, coloured by channel) and the corpus WER (line)."""
    figure = _figure()
    axes = figure.add_subplot()
    axes.bar(range(len(names)), wers, color=[CONDITION_COLORS.get(c, BLUE) for c in conditions], gid="wer")
    line = axes.axhline(corpus_wer, color="black", linestyle="--", label=f"corpus WER {corpus_wer:.1%}", gid="corpus")
    _labels(axes, names)
    axes.set_ylabel("word error rate")
    axes.set_title("WER per customer query (Whisper tiny.en, greedy)")
    axes.legend(handles=[line, *_legend({c: CONDITION_COLORS.get(c, BLUE) for c in dict.fromkeys(conditions)})],
                fontsize=8)
    return figure


def speech_lengths(
    names: Sequence[str], durations: Sequence[float], words: Sequence[int], wpm: Sequence[float],
    sweep_rates: Sequence[float], sweep_durations: Sequence[float],
) -> Figure:
    """TTS output: duration against words (least-squares line), words per minute per clip, and the
    duration of one text across speaking rates."""
    import numpy as np

    figure = _figure(14.0, 4.6)
    left, middle, right = figure.subplots(1, 3)
    left.scatter(words, durations, color=BLUE, gid="durations")
    if len(set(words)) > 1:
        slope, intercept = np.polyfit(words, durations, 1)
        xs = np.array([min(words), max(words)])
        left.plot(xs, slope * xs + intercept, color=GRAY, linestyle="--", label=f"{slope:.2f} s/word", gid="fit")
        left.legend(fontsize=8)
    left.set_xlabel("words (as spoken)")
    left.set_ylabel("duration (s)")
    left.set_title("Duration of each description")
    middle.bar(range(len(names)), wpm, color=BLUE, gid="wpm")
    _labels(middle, names)
    middle.set_ylabel("words per minute")
    middle.set_title("Speaking rate per description")
    right.plot(sweep_rates, sweep_durations, marker="o", color=ORANGE, gid="sweep")
    right.set_xlabel("speaking_rate")
    right.set_ylabel("duration (s)")
    right.set_title("One description, five speaking rates")
    return figure


def class_distribution(classes: Sequence[str], truth: Sequence[int], predicted: Sequence[int], title: str) -> Figure:
    """How many clips of each class there were, and how many the model predicted."""
    figure = _figure()
    axes = figure.add_subplot()
    x = range(len(classes))
    axes.bar([i - 0.2 for i in x], truth, width=0.4, color=GRAY, label="truth", gid="truth")
    axes.bar([i + 0.2 for i in x], predicted, width=0.4, color=BLUE, label="predicted", gid="predicted")
    _labels(axes, classes)
    _integer_ticks(axes)
    axes.set_ylabel("clips")
    axes.set_title(title)
    axes.legend(fontsize=8)
    return figure


def confusion_matrix(classes: Sequence[str], matrix: Sequence[Sequence[int]], title: str) -> Figure:
    """Rows: truth, columns: prediction, with the count in every cell."""
    import numpy as np

    data = np.asarray(matrix)
    size = max(4.5, 0.7 * len(classes) + 2.5)
    figure = _figure(size + 1.0, size)
    axes = figure.add_subplot()
    image = axes.imshow(data, cmap="Blues", gid="matrix")
    for (row, col), count in np.ndenumerate(data):
        axes.text(col, row, str(count), ha="center", va="center", fontsize=8,
                  color="white" if count > data.max() / 2 else "black")
    axes.set_xticks(range(len(classes)), classes, rotation=45, ha="right", fontsize=8)
    axes.set_yticks(range(len(classes)), classes, fontsize=8)
    axes.set_xlabel("predicted")
    axes.set_ylabel("truth")
    axes.set_title(title)
    figure.colorbar(image, ax=axes, shrink=0.8)
    return figure
