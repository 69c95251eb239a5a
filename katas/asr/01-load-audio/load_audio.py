"""Kata asr-01: load any audio file as 16 kHz mono float32. See README.md for the exact rules."""

import numpy as np

TARGET_RATE = 16000


def load_audio(path: str) -> np.ndarray:
    """Read `path` (any format soundfile reads) as a 1-D float32 array at 16 kHz, channels averaged.

    Raise ValueError (with the file name in the message) for a file that is empty, is not
    audio, or holds no samples.
    """
    raise NotImplementedError("write load_audio (see README.md), then run: interview-prep check asr-01")
