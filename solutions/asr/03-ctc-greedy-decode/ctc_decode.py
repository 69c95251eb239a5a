"""Reference solution of kata asr-03: greedy CTC decoding."""

from itertools import groupby

import numpy as np


def greedy_decode(logits: np.ndarray, vocab: list[str], blank: int = 0) -> str:
    """Best-path CTC decoding: argmax per frame, collapse repeats, drop blanks, `|` -> space."""
    ids = np.asarray(logits).argmax(axis=-1)
    tokens = [vocab[int(i)] for i, _ in groupby(ids) if int(i) != blank]
    text = "".join(tokens).replace("|", " ")
    return " ".join(text.split())
