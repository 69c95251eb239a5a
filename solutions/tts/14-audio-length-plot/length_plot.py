"""Reference solution of kata tts-14: plot the lengths of generated audio."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402


def plot_lengths(clips: dict[str, np.ndarray], sr: int, out_path: str, budget_s: float) -> Figure:
    """Bar chart of clip durations (s), longest first, with the budget line; saved as PNG."""
    durations = {name: len(audio) / sr for name, audio in clips.items()}
    names = sorted(durations, key=durations.get, reverse=True)
    heights = [durations[name] for name in names]
    fig, ax = plt.subplots(figsize=(8, 4))
    colors = ["tab:red" if h > budget_s else "tab:blue" for h in heights]
    ax.bar(names, heights, color=colors)
    ax.axhline(budget_s, color="black", linestyle="--", label=f"budget {budget_s:g} s")
    ax.set_ylabel("duration (s)")
    ax.set_title("Generated audio lengths (red: over budget)")
    ax.tick_params(axis="x", labelrotation=45)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out_path, dpi=100)
    plt.close(fig)
    return fig
