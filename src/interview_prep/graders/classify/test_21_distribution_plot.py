"""Grader of kata classify-21-distribution-plot: figures graded on the data they draw.

Inputs are random label lists over the store sound classes (some classes absent, so their
count is 0) and predictions that are right most of the time. The grader reads the returned
matplotlib Figure: the bar heights and the tick label under each bar, the confusion-matrix
image array with its tick labels, axis labels and cell texts, and the PNG file written.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.image  # noqa: E402
import numpy as np  # noqa: E402

from interview_prep.audio.events import EVENT_CLASSES  # noqa: E402
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
from interview_prep.kata.sandbox.figures import Figure  # noqa: E402

FILE = "plots.py"
MIN_SIZE = (300, 200)  # width, height in pixels
TEXT_TOL = 0.005 + 1e-9
POSITION_TOL = 0.05


# --------------------------------------------------------------------------- inputs


def _labels(gen: np.random.Generator, classes: list[str], n: int, absent: int) -> list[str]:
    present = [str(c) for c in gen.permutation(classes)[absent:]]
    weights = gen.uniform(0.3, 1.0, size=len(present))
    return [str(c) for c in gen.choice(present, size=n, p=weights / weights.sum())]


def _predictions(gen: np.random.Generator, truth: list[str], classes: list[str]) -> list[str]:
    return [label if gen.random() < 0.7 else str(gen.choice(classes)) for label in truth]  # right 70% of the time


def _matrix(truth: list[str], predicted: list[str], classes: list[str], normalize: bool) -> np.ndarray:
    index = {c: i for i, c in enumerate(classes)}
    cm = np.zeros((len(classes), len(classes)))
    for t, p in zip(truth, predicted, strict=True):
        cm[index[t], index[p]] += 1
    if normalize:
        totals = cm.sum(axis=1, keepdims=True)
        cm = np.divide(cm, totals, out=np.zeros_like(cm), where=totals > 0)
    return cm


# --------------------------------------------------------------------------- reading the figure


def _figure(returned: Returned, note: str) -> Figure:
    value = returned.value
    expect(isinstance(value, Figure), returned, f"expected a matplotlib Figure, got {type(value).__name__}", note)
    try:
        value.canvas.draw()  # tick labels of categorical axes exist only once drawn
    except Exception as exc:  # noqa: BLE001 - the learner's figure may be broken in any way
        expect(False, returned, f"drawing the returned figure failed: {type(exc).__name__}: {exc}", note)
    return value


def _tick_labels(axis, positions: list[float]) -> list[str | None]:
    """The tick label text at each position (None when no tick sits there)."""
    ticks = {
        round(float(loc), 3): label.get_text()
        for loc, label in zip(axis.get_ticklocs(), axis.get_ticklabels(), strict=False)
    }
    return [ticks.get(round(float(p), 3)) for p in positions]


def _png(returned: Returned, written: Path, note: str) -> None:
    path = fetch_output(written) or written
    expect(path.is_file(), returned, f"no file was written at {path.name} (call fig.savefig(path))", note)
    expect(path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", returned, f"{path.name} is not a PNG file", note)
    image = matplotlib.image.imread(str(path))
    height, width = image.shape[:2]
    expect(
        width >= MIN_SIZE[0] and height >= MIN_SIZE[1],
        returned,
        f"{path.name} is {width}x{height} pixels; it must be at least {MIN_SIZE[0]}x{MIN_SIZE[1]}",
        note,
    )
    expect(float(np.std(image)) > 0, returned, f"{path.name} is a blank image", note)


def _bars(returned: Returned, fig: Figure, note: str):
    """(axes, bars) of the only Axes holding a bar chart."""
    with_bars = [ax for ax in fig.axes if any(type(c).__name__ == "BarContainer" for c in ax.containers)]
    expect(
        len(with_bars) == 1,
        returned,
        f"expected exactly one Axes with a bar chart (ax.bar), found {len(with_bars)}",
        note,
    )
    ax = with_bars[0]
    bars = [patch for c in ax.containers if type(c).__name__ == "BarContainer" for patch in c.patches]
    return ax, sorted(bars, key=lambda r: r.get_x())


def _image(returned: Returned, fig: Figure, note: str):
    """(axes, array) of the only Axes holding an image (imshow/matshow)."""
    with_images = [ax for ax in fig.axes if ax.images]
    expect(
        len(with_images) == 1,
        returned,
        f"expected exactly one Axes with an image (imshow / matshow / ConfusionMatrixDisplay), found "
        f"{len(with_images)}",
        note,
    )
    ax = with_images[0]
    expect(len(ax.images) == 1, returned, f"the confusion-matrix Axes holds {len(ax.images)} images, expected 1", note)
    return ax, np.ma.filled(np.ma.asarray(ax.images[0].get_array(), dtype=np.float64), np.nan)


# --------------------------------------------------------------------------- checks


def _check_distribution(labels: list[str], classes: list[str], path: Path) -> None:
    fn = learner_function(FILE, "plot_class_distribution")
    returned = call(fn, labels, classes, str(path))
    counts = Counter(labels)
    expected = [counts[c] for c in classes]
    note = "expected bars, left to right: " + ", ".join(f"{c}={n}" for c, n in zip(classes, expected, strict=True))
    fig = _figure(returned, note)
    ax, bars = _bars(returned, fig, note)
    expect(
        len(bars) == len(classes),
        returned,
        f"expected {len(classes)} bars (one per class, also for classes with 0 clips), got {len(bars)}",
        note,
    )
    heights = [float(b.get_height()) for b in bars]
    names = _tick_labels(ax.xaxis, [b.get_x() + b.get_width() / 2 for b in bars])
    expect(
        all(n for n in names),
        returned,
        f"not every bar has its class name as the x tick label under it (found {names})",
        note,
    )
    missing = [c for c in classes if c not in names]
    if missing and counts[missing[0]] == 0:
        expect(False, returned, f"class {missing[0]!r} has no clips but must still show as a bar of height 0", note)
    expect(names == list(classes), returned, f"bars are in the order {names}, expected the order of `classes`", note)
    shown = dict(zip(names, heights, strict=True))
    for cls, want in zip(classes, expected, strict=True):
        expect(shown[cls] == want, returned, f"bar {cls!r} has height {shown[cls]:g}, expected {want} clips", note)
    expect(bool(ax.get_title().strip()), returned, "the bar chart has no title (ax.set_title)", note)
    expect(bool(ax.get_ylabel().strip()), returned, "the bar chart has no y-axis label (ax.set_ylabel)", note)
    _png(returned, path, note)


def _cell_note(cm: np.ndarray, classes: list[str]) -> str:
    width = max(len(c) for c in classes)
    rows = [f"{c:>{width}}: " + " ".join(f"{v:g}" for v in row) for c, row in zip(classes, cm, strict=True)]
    return "expected matrix (rows = true class, columns = predicted, in `classes` order):\n    " + "\n    ".join(rows)


def _check_confusion(truth: list[str], predicted: list[str], classes: list[str], path: Path, normalize: bool) -> None:
    fn = learner_function(FILE, "plot_confusion_matrix")
    args = (truth, predicted, classes, str(path))
    returned = call(fn, *args, normalize=True) if normalize else call(fn, *args)
    cm = _matrix(truth, predicted, classes, normalize)
    note = _cell_note(cm, classes)
    fig = _figure(returned, note)
    ax, image = _image(returned, fig, note)
    n = len(classes)
    expect(
        image.shape == (n, n),
        returned,
        f"the image is {image.shape}, expected ({n}, {n}): one cell per class pair",
        note,
    )
    if not np.allclose(image, cm, atol=1e-6):
        counts = _matrix(truth, predicted, classes, False)
        swapped = _matrix(predicted, truth, classes, normalize)
        shown = "; ".join(" ".join(f"{v:.3g}" for v in row) for row in image)
        problem = f"the image's values are not the expected confusion matrix (your rows: {shown})"
        if np.allclose(image, cm.T, atol=1e-6) or np.allclose(image, swapped, atol=1e-6):
            problem = "the image is transposed: rows must be the TRUE classes, columns the predicted ones"
        elif normalize and np.allclose(image, counts, atol=1e-6):
            problem = "the image holds counts; with normalize=True each row must be divided by its row total"
        elif normalize and np.allclose(image, counts / counts.sum(), atol=1e-6):
            problem = "the image is normalized over all clips; normalize=True divides each ROW by its own total"
        elif normalize and np.allclose(image, counts / np.maximum(counts.sum(axis=0), 1), atol=1e-6):
            problem = "the image is normalized per column; normalize=True divides each ROW (true class) by its total"
        expect(False, returned, problem, note)
    xs = _tick_labels(ax.xaxis, list(range(n)))
    ys = _tick_labels(ax.yaxis, list(range(n)))
    expect(xs == list(classes), returned, f"x tick labels are {xs}, expected the class names in `classes` order", note)
    expect(ys == list(classes), returned, f"y tick labels are {ys}, expected the class names in `classes` order", note)
    expect(
        "pred" in ax.get_xlabel().lower(),
        returned,
        f"the x-axis label {ax.get_xlabel()!r} must say the columns are predicted (contain 'pred')",
        note,
    )
    expect(
        "true" in ax.get_ylabel().lower(),
        returned,
        f"the y-axis label {ax.get_ylabel()!r} must say the rows are the true classes (contain 'true')",
        note,
    )
    _check_cell_texts(returned, ax, cm, classes, normalize, note)
    _png(returned, path, note)


def _check_cell_texts(returned: Returned, ax, cm: np.ndarray, classes: list[str], normalize: bool, note: str) -> None:
    found: dict[tuple[int, int], list[str]] = {}
    for text in ax.texts:
        x, y = (float(v) for v in text.get_position())
        col, row = round(x), round(y)
        if abs(x - col) <= POSITION_TOL and abs(y - row) <= POSITION_TOL:
            found.setdefault((row, col), []).append(text.get_text().strip())
    for i, true_class in enumerate(classes):
        for j, predicted_class in enumerate(classes):
            texts = found.get((i, j), [])
            where = f"cell (true {true_class!r}, predicted {predicted_class!r}) at x={j}, y={i}"
            expect(len(texts) == 1, returned, f"{where} must show exactly one text with its value, found {texts}", note)
            try:
                shown = float(texts[0])
            except ValueError:
                shown = math.nan
            want = cm[i, j]
            ok = abs(shown - want) <= TEXT_TOL if normalize else shown == want
            expect(
                ok,
                returned,
                f"{where} shows {texts[0]!r}, expected {want:.2f}"
                if normalize
                else f"{where} shows {texts[0]!r}, expected {int(want)}",
                note,
            )


@hint(1)
def test_distribution_counts_every_class_in_order():
    gen = rng()
    classes = list(EVENT_CLASSES)
    _check_distribution(
        _labels(gen, classes, int(gen.integers(40, 120)), absent=0),
        classes,
        output_path(f"distribution-{int(gen.integers(1000, 9999))}.png"),
    )


@hint(1)
def test_distribution_keeps_classes_without_clips():
    gen = rng()
    classes = [str(c) for c in gen.permutation(EVENT_CLASSES)[:6]]  # not alphabetical: order must be kept
    _check_distribution(
        _labels(gen, classes, int(gen.integers(20, 60)), absent=2),
        classes,
        output_path(f"distribution-{int(gen.integers(1000, 9999))}.png"),
    )


@hint(2)
def test_confusion_matrix_counts():
    gen = rng()
    classes = list(EVENT_CLASSES)
    truth = _labels(gen, classes, int(gen.integers(60, 150)), absent=0)
    _check_confusion(
        truth,
        _predictions(gen, truth, classes),
        classes,
        output_path(f"confusion-{int(gen.integers(1000, 9999))}.png"),
        normalize=False,
    )


@hint(3)
def test_confusion_matrix_normalized_rows():
    gen = rng()
    classes = [str(c) for c in gen.permutation(EVENT_CLASSES)[:5]]
    truth = _labels(gen, classes, int(gen.integers(30, 80)), absent=1)  # one class with no clips: a zero row
    _check_confusion(
        truth,
        _predictions(gen, truth, classes),
        classes,
        output_path(f"confusion-{int(gen.integers(1000, 9999))}.png"),
        normalize=True,
    )
