"""Kata classify-21: class distribution and confusion matrix figures. See README.md."""

from matplotlib.figure import Figure


def plot_class_distribution(labels: list[str], classes: list[str], path: str) -> Figure:
    """Bar chart of how many clips each class has (bars in `classes` order); save PNG to `path`."""
    raise NotImplementedError("write plot_class_distribution (see README.md), then run: interview-prep check classify-21")


def plot_confusion_matrix(
    truth: list[str], predicted: list[str], classes: list[str], path: str, normalize: bool = False
) -> Figure:
    """Confusion matrix image (rows = true class, columns = predicted class); save PNG to `path`."""
    raise NotImplementedError("write plot_confusion_matrix (see README.md)")
