"""Reference solution of kata asr-07: gate Whisper with Silero VAD."""

from functools import cache

import numpy as np
import torch
from silero_vad import get_speech_timestamps, load_silero_vad

from interview_prep import models

RATE = 16000


@cache
def _vad():
    return load_silero_vad()


def transcribe_gated(audio: np.ndarray) -> str:
    """Transcript of the speech in 16 kHz mono `audio`, or "" when Silero VAD finds no speech."""
    x = np.ascontiguousarray(audio, dtype=np.float32)
    with torch.inference_mode():
        stamps = get_speech_timestamps(torch.from_numpy(x), _vad(), sampling_rate=RATE)
    if not stamps:
        return ""
    # Everything from the first to the last speech segment: pauses inside are kept.
    speech = x[stamps[0]["start"] : stamps[-1]["end"]]
    return models.asr_pipeline()(speech)["text"].strip()
