"""Shared by the TTS graders: our voice, our ASR, and round-trip word error rate.

Round trip: the audio is resampled to 16 kHz (soxr), transcribed by `models.asr_pipeline()`
(Whisper tiny.en, greedy) and compared with what should have been said. Both sides go
through Whisper's English normalizer first, so "$4.99" and "four dollars and ninety nine
cents" count as the same words; WER is jiwer's (substitutions + deletions + insertions over
reference words, for all sentences together).
"""

from __future__ import annotations

import functools

import numpy as np

ASR_RATE = 16000


@functools.cache
def warm_up() -> None:
    """Use one torch thread, load our TTS and ASR and run each once (once per process: pytest
    imports a prepared process's grader a second time).

    Graders call this at import (collection), so a prepared (warm) grading process has
    loaded and run both before the check starts. One thread: on the shared 2-core machine, torch's second OpenMP
    thread spin-waits whenever another process holds a core, and grading took 2-4x longer
    (a fit-the-slot run: 58 s with 2 threads at load 3.4, 21 s with 1); idle, 1 thread costs
    little (about 18 s against 15 s for normalize-text).
    """
    import torch

    torch.set_num_threads(1)
    speech = tts()("Warm up.", seed=0)
    transcribe(speech["audio"], speech["sampling_rate"])


@functools.cache
def reference(text: str, seed: int) -> tuple[np.ndarray, int]:
    """(audio, rate) of `text` spoken by our voice at `seed`: the expected clip of a failure's evidence."""
    out = tts()(text, seed=seed)
    return np.asarray(out["audio"], dtype=np.float32).reshape(-1), int(out["sampling_rate"])


def draw_from_torch(n: int) -> None:
    """Use the learner process's global random generators (torch's too), as other code would."""
    from interview_prep.kata.grading import disturb_random

    disturb_random(n)


def tts():
    """Our Synthesizer: `tts(text, seed=0, speaking_rate=1.0, spell_out=True)` (22050 Hz)."""
    from interview_prep import models

    return models.tts_pipeline()


def transcribe(audio: np.ndarray, sample_rate: int) -> str:
    """What our ASR hears in `audio` (any rate; resampled to 16 kHz)."""
    from interview_prep import models
    from interview_prep.audio.io import resample

    samples = resample(np.asarray(audio, dtype=np.float32).reshape(-1), int(sample_rate), ASR_RATE)
    return str(models.asr_pipeline()(samples)["text"]).strip()


def normalize(text: str) -> str:
    """Whisper's English text normalizer (numbers, currency, case, punctuation)."""
    from interview_prep.audio.speech import normalize_text

    return normalize_text(text)


def word_error_rate(references: list[str], hypotheses: list[str]) -> float:
    """Corpus WER of `hypotheses` against `references`, both normalized."""
    import jiwer

    return float(jiwer.wer([normalize(r) for r in references], [normalize(h) for h in hypotheses]))


def said_and_heard(references: list[str], hypotheses: list[str]) -> str:
    """Lines pairing each reference with its transcript, for failure messages."""
    return "\n".join(f"    said:  {r!r}\n    heard: {h!r}" for r, h in zip(references, hypotheses, strict=True))
