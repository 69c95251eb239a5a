"""Voice activity detection with the pretrained Silero VAD (PyPI `silero-vad`, weights bundled).

Used to find speech in a clip and to keep Whisper away from noise-only audio, on which it
hallucinates words (" you", " Thank you."). Silero VAD runs at 8 or 16 kHz; other rates
are resampled to 16 kHz first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from interview_prep.audio.io import check_audio, resample, to_mono

VAD_RATE = 16000


@dataclass(frozen=True)
class SpeechSegment:
    """A stretch of speech, in seconds from the start of the clip."""

    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


@lru_cache(maxsize=1)
def _silero():
    """(model, get_speech_timestamps), imported so that torch's thread count survives."""
    import warnings

    import torch

    threads = torch.get_num_threads()
    with warnings.catch_warnings():  # its loader uses deprecated importlib/jit APIs
        warnings.simplefilter("ignore", DeprecationWarning)
        from silero_vad import get_speech_timestamps, load_silero_vad  # importing sets 1 thread

        model = load_silero_vad()
    torch.set_num_threads(threads)
    return model, get_speech_timestamps


def speech_segments(
    audio: np.ndarray,
    sample_rate: int,
    threshold: float = 0.5,
    min_speech_ms: int = 250,
    min_silence_ms: int = 100,
    pad_ms: int = 30,
) -> list[SpeechSegment]:
    """Speech segments found by Silero VAD (empty list: no speech).

    `threshold` is the speech probability above which a 32 ms window counts as speech;
    segments shorter than `min_speech_ms` are dropped, gaps shorter than `min_silence_ms`
    are bridged, and each segment is padded by `pad_ms`.
    """
    import torch

    check_audio(audio)
    model, get_speech_timestamps = _silero()
    mono = resample(to_mono(audio), sample_rate, VAD_RATE)
    with torch.inference_mode():
        stamps = get_speech_timestamps(
            torch.from_numpy(mono),
            model,
            threshold=threshold,
            sampling_rate=VAD_RATE,
            min_speech_duration_ms=min_speech_ms,
            min_silence_duration_ms=min_silence_ms,
            speech_pad_ms=pad_ms,
        )
    return [SpeechSegment(s["start"] / VAD_RATE, s["end"] / VAD_RATE) for s in stamps]


def transcribe_speech(audio: np.ndarray, sample_rate: int, asr=None) -> str:
    """Transcribe only what the VAD calls speech ("" when there is none).

    Runs `asr` (default: our Whisper pipeline) on the span from the first to the last
    speech segment, at 16 kHz.
    """
    segments = speech_segments(audio, sample_rate)
    if not segments:
        return ""
    if asr is None:
        from interview_prep import models

        asr = models.asr_pipeline()
    mono = resample(to_mono(audio), sample_rate, VAD_RATE)
    span = mono[int(segments[0].start * VAD_RATE) : int(segments[-1].end * VAD_RATE)]
    return asr({"raw": span, "sampling_rate": VAD_RATE})["text"].strip()
