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


def _groups(conditions: Sequence[str], lead: int = 0) -> tuple[list[float], float]:
    """x of each bar when the rows are queries heard over consecutive channels, and the bar width;
    `lead` bars (e.g. the truth) go first in every group."""
    channels = list(dict.fromkeys(conditions))
    slots = len(channels) + lead
    width = 0.8 / slots
    xs = [i // len(channels) + (lead + channels.index(c) - (slots - 1) / 2) * width for i, c in enumerate(conditions)]
    return xs, width


def _key_above(figure: Figure, handles: list) -> None:
    """The legend above the plot, where it covers no bar."""
    figure.legend(handles=handles, loc="outside upper center", ncols=min(len(handles), 4), fontsize=8,
                  frameon=False)


def transcription_lengths(
    names: Sequence[str], truth_words: Sequence[int], heard_words: Sequence[int], conditions: Sequence[str]
) -> Figure:
    """Words per customer query: the truth, then what the ASR heard over each channel (rows are each
    query over consecutive channels, in the same channel order)."""
    figure = _figure()
    axes = figure.add_subplot()
    xs, width = _groups(conditions, lead=1)
    axes.bar([i - 0.4 + width / 2 for i in range(len(names))], truth_words, width=width, color=GRAY, gid="truth")
    axes.bar(xs, heard_words, width=width, gid="transcript",
             color=[CONDITION_COLORS.get(c, BLUE) for c in conditions])
    _labels(axes, names)
    _integer_ticks(axes)
    axes.set_ylabel("words")
    axes.set_title("Transcription length per customer query")
    _key_above(figure, _legend({"truth": GRAY} | {f"heard ({c})": CONDITION_COLORS.get(c, BLUE)
                                                   for c in dict.fromkeys(conditions)}))
    return figure


def wer_per_query(names: Sequence[str], wers: Sequence[float], conditions: Sequence[str], corpus_wer: float,
                  channel_labels: dict[str, str] | None = None) -> Figure:
    """WER of each query over each channel (bars, each labelled, so a zero is visible too) and the corpus
    WER (line); `channel_labels` names each channel in the key (e.g. with its error and word counts)."""
    from matplotlib.ticker import PercentFormatter

    figure = _figure()
    axes = figure.add_subplot()
    xs, width = _groups(conditions)
    bars = axes.bar(xs, wers, width=width, color=[CONDITION_COLORS.get(c, BLUE) for c in conditions], gid="wer")
    axes.bar_label(bars, [f"{w:.0%}" for w in wers], fontsize=6, padding=1, color="#333333")
    line = axes.axhline(corpus_wer, color="black", linestyle="--", linewidth=1, label=f"all: {corpus_wer:.1%}",
                        gid="corpus")
    queries = list(dict.fromkeys(names))
    _labels(axes, queries)
    axes.set_ylim(0, max([*wers, corpus_wer, 0.1]) * 1.15)
    axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.set_ylabel("word error rate")
    axes.set_title("WER per customer query and channel (Whisper tiny.en, greedy)")
    labels = channel_labels or {}
    _key_above(figure, [*_legend({labels.get(c, c): CONDITION_COLORS.get(c, BLUE) for c in dict.fromkeys(conditions)}),
                        line])
    return figure


def transcript_timeline(audio, sample_rate: int, segments: Sequence[dict], title: str) -> Figure:
    """The recording's waveform with each stretch of speech shaded and its transcript written above."""
    import numpy as np

    figure = _figure(10.0, 3.6)
    axes = figure.add_subplot()
    step = max(1, len(audio) // 20000)  # enough points to draw the envelope
    times = np.arange(0, len(audio), step) / sample_rate
    axes.plot(times, audio[::step], color=GRAY, linewidth=0.5, gid="waveform")
    for i, segment in enumerate(segments):
        axes.axvspan(segment["start"], segment["end"], color=BLUE, alpha=0.2, gid=f"speech-{i}")
        text = segment["text"] if len(segment["text"]) <= 40 else segment["text"][:39] + "…"
        axes.text((segment["start"] + segment["end"]) / 2, 1.02, text, transform=axes.get_xaxis_transform(),
                  ha="center", va="bottom", fontsize=7, rotation=15 if len(segments) > 3 else 0)
    axes.set_xlim(0, len(audio) / sample_rate)
    axes.set_xlabel("seconds")
    axes.set_yticks([])
    found = f"{len(segments)} stretch(es) of speech" if segments else "no speech found"
    axes.set_title(f"{title}: {found} (shaded)", pad=18)
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
    left.set_title("Duration of each clip")
    middle.bar(range(len(names)), wpm, color=BLUE, gid="wpm")
    _labels(middle, names)
    middle.set_ylabel("words per minute")
    middle.set_title("Speaking rate per clip")
    right.plot(sweep_rates, sweep_durations, marker="o", color=ORANGE, gid="sweep", label="measured")
    if 1.0 in sweep_rates:
        base = sweep_durations[list(sweep_rates).index(1.0)]
        rates = np.linspace(min(sweep_rates), max(sweep_rates), 20)
        right.plot(rates, base / rates, color=GRAY, linestyle="--", gid="proportional",
                   label="proportional: duration at 1.0 / rate")
        right.legend(fontsize=8)
    right.set_xlabel("speaking_rate")
    right.set_ylabel("duration (s)")
    right.set_title(f"One text, {len(sweep_rates)} speaking rates")
    return figure


def class_distribution(classes: Sequence[str], truth: Sequence[int], predicted: Sequence[int], title: str) -> Figure:
    """How many clips of each class there were, and how many the model predicted."""
    figure = _figure()
    axes = figure.add_subplot()
    x = range(len(classes))
    axes.bar([i - 0.2 for i in x], truth, width=0.4, color=GRAY, gid="truth")
    axes.bar([i + 0.2 for i in x], predicted, width=0.4, color=BLUE, gid="predicted")
    _labels(axes, classes)
    _integer_ticks(axes)
    axes.set_ylabel("clips")
    axes.set_title(title)
    _key_above(figure, _legend({"truth": GRAY, "predicted": BLUE}))
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
    from matplotlib.ticker import MaxNLocator

    figure.colorbar(image, ax=axes, shrink=0.8, ticks=MaxNLocator(integer=True), label="clips")
    return figure


def event_timeline(classes: Sequence[str], starts: Sequence[float], scores: Sequence[Sequence[float]],
                   window_s: float, title: str) -> Figure:
    """Scores of every class (rows) in every window (columns, labelled by start time); the top class
    of each window is outlined."""
    import numpy as np

    data = np.asarray(scores, dtype=float).T  # classes x windows
    figure = _figure(max(6.0, min(16.0, 2.5 + 0.35 * len(starts))), 0.4 * len(classes) + 1.8)
    axes = figure.add_subplot()
    image = axes.imshow(data, aspect="auto", cmap="Blues", vmin=0, vmax=1, gid="scores")
    for col, row in enumerate(data.argmax(axis=0)):
        axes.add_patch(_outline(col, row))
    axes.set_yticks(range(len(classes)), classes, fontsize=8)
    step = max(1, len(starts) // 20)
    axes.set_xticks(range(0, len(starts), step), [f"{s:g}" for s in starts[::step]], fontsize=8)
    axes.set_xlabel(f"window start (s); each window is {window_s:g} s")
    axes.set_title(title)
    figure.colorbar(image, ax=axes, shrink=0.8, label="score")
    return figure


def _outline(col: int, row: int):
    from matplotlib.patches import Rectangle

    return Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, edgecolor=ORANGE, linewidth=1.5)
