"""Reference solution of kata asr-01: load any audio file as 16 kHz mono float32."""

import numpy as np
import soundfile as sf
import soxr

TARGET_RATE = 16000


def load_audio(path: str) -> np.ndarray:
    """Read `path` (any format soundfile reads) as a 1-D float32 array at 16 kHz, channels averaged.

    Raise ValueError (with the file name in the message) for a file that is empty, is not
    audio, or holds no samples.
    """
    try:
        data, rate = sf.read(path, dtype="float32", always_2d=True)
    except sf.LibsndfileError as exc:
        raise ValueError(f"{path}: not a readable audio file ({exc.error_string})") from exc
    if data.shape[0] == 0:
        raise ValueError(f"{path}: the file holds no audio samples")
    mono = data.mean(axis=1)
    if rate != TARGET_RATE:
        mono = soxr.resample(mono, rate, TARGET_RATE)
    return np.ascontiguousarray(mono, dtype=np.float32)
