"""Kata tts-14: plot the lengths of generated audio. See README.md for the exact rules."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402


def plot_lengths(clips: dict[str, np.ndarray], sr: int, out_path: str, budget_s: float) -> Figure:
    """Bar chart of clip durations (s), longest first, with the budget line; saved as PNG."""
    raise NotImplementedError("write plot_lengths (see README.md), then run: interview-prep check tts-14")
