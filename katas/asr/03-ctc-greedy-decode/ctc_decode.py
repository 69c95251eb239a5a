"""Kata asr-03: greedy CTC decoding. See README.md for the exact rules."""

import numpy as np


def greedy_decode(logits: np.ndarray, vocab: list[str], blank: int = 0) -> str:
    """Best-path CTC decoding: argmax per frame, collapse repeats, drop blanks, `|` -> space."""
    raise NotImplementedError("write greedy_decode (see README.md), then run: interview-prep check asr-03")
