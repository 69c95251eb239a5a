"""Kata classify-20: teach the store-sound classifier a new class. See README.md."""

import numpy as np


def add_class(clips: list[np.ndarray], labels: list[str], sample_rate: int, out_dir: str) -> str:
    """Save to `out_dir` a copy of the events model that also knows the new label(s) in `labels`; return `out_dir`."""
    raise NotImplementedError("write add_class (see README.md), then run: interview-prep check classify-20")
