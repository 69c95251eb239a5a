"""Reference solution of kata classify-21: class distribution and confusion matrix figures."""

from collections import Counter

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from sklearn.metrics import ConfusionMatrixDisplay, confusion_matrix  # noqa: E402


def plot_class_distribution(labels: list[str], classes: list[str], path: str) -> Figure:
    """Bar chart of how many clips each class has (bars in `classes` order); save PNG to `path`."""
    counts = Counter(labels)
    fig, ax = plt.subplots(figsize=(8, 4.5))
    ax.bar(classes, [counts[c] for c in classes], color="tab:blue")
    ax.set_title("Clips per class")
    ax.set_ylabel("clips")
    ax.tick_params(axis="x", labelrotation=45)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    return fig


def plot_confusion_matrix(
    truth: list[str], predicted: list[str], classes: list[str], path: str, normalize: bool = False
) -> Figure:
    """Confusion matrix image (rows = true class, columns = predicted class); save PNG to `path`."""
    cm = confusion_matrix(truth, predicted, labels=classes, normalize="true" if normalize else None)
    fig, ax = plt.subplots(figsize=(8, 7))
    ConfusionMatrixDisplay(cm, display_labels=classes).plot(
        ax=ax, values_format=".2f" if normalize else "d", xticks_rotation=45, colorbar=True
    )
    ax.set_title("Confusion matrix" + (" (rows normalized)" if normalize else ""))
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    return fig
