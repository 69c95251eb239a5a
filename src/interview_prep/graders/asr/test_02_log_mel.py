"""Grader of kata asr-02-log-mel: Whisper's log-mel features against `WhisperFeatureExtractor`.

Inputs are synthetic speech-like signals (harmonic bursts of random pitch and level over
a quiet noise floor); the truth is the stock transformers feature extractor, built
from its parameters (no model files needed).
"""

from __future__ import annotations

from functools import cache

import librosa  # noqa: F401 - imported before grading starts: the learner's code may use it
import numpy as np
from transformers import WhisperFeatureExtractor

from interview_prep.kata.grading import Audio, KataFailure, call, expect_array, hint, learner_function, rng

FILE = "log_mel.py"
RATE = 16000
TOL = 1e-3
SHAPE = (80, 3000)


@cache
def _extractor() -> WhisperFeatureExtractor:
    return WhisperFeatureExtractor(feature_size=80, sampling_rate=RATE, hop_length=160, chunk_length=30, n_fft=400)


def _truth(audio: np.ndarray) -> np.ndarray:
    return _extractor()(audio, sampling_rate=RATE, return_tensors="np").input_features[0]


def _speech_like(gen: np.random.Generator, seconds: float, loud_start: bool = False) -> np.ndarray:
    """Voiced bursts (harmonics of a random pitch, random level) over a quiet noise floor."""
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    x = gen.normal(0.0, 10 ** gen.uniform(-4.0, -2.5), n)
    onsets = gen.uniform(0.0, seconds - 0.3, size=max(2, int(seconds * 0.8)))
    if loud_start:
        onsets[0] = 0.0
    for onset in onsets:
        length = gen.uniform(0.2, 1.2)
        f0 = gen.uniform(90.0, 260.0)
        level = 10 ** gen.uniform(-1.5, -0.7)
        start, stop = int(onset * RATE), min(n, int((onset + length) * RATE))
        local = t[start:stop]
        env = np.sin(np.pi * np.clip((local - onset) / length, 0.0, 1.0)) ** 0.3
        for k in range(1, 16):
            x[start:stop] += env * level / k * np.sin(2 * np.pi * f0 * k * local + gen.uniform(0, 2 * np.pi))
    peak = np.max(np.abs(x))
    return (x * (0.9 / peak if peak > 0.9 else 1.0)).astype(np.float32)


# Classic mistakes, recognised by recomputing the features with each one (for the message only).
MISTAKES = {
    "symmetric_window": "it matches the symmetric Hann window np.hanning(400); Whisper uses the periodic one (hint 2)",
    "zero_edges": "it matches frames padded with zeros at the edges; torch.stft(center=True) reflects (hint 3)",
    "no_clamp": "it matches features without the clamp to max - 8 (hint 4)",
    "natural_log": "it matches np.log instead of np.log10 (hint 4)",
    "magnitude": "it matches the magnitude |X| instead of the power |X|**2 (hint 4)",
}


def _features(audio: np.ndarray, mistake: str) -> np.ndarray:
    """Whisper's features computed with numpy, with one of MISTAKES made."""
    x = np.asarray(audio, dtype=np.float64)[: 30 * RATE]
    x = np.pad(x, (0, 30 * RATE - len(x)))
    x = np.pad(x, 200, mode="constant" if mistake == "zero_edges" else "reflect")
    window = np.hanning(400) if mistake == "symmetric_window" else np.hanning(401)[:-1]
    frames = np.lib.stride_tricks.sliding_window_view(x, 400)[::160]
    spectrum = np.abs(np.fft.rfft(frames * window, axis=-1)) ** (1 if mistake == "magnitude" else 2)
    mel = _extractor().mel_filters.T @ spectrum[:-1].T
    log_spec = (np.log if mistake == "natural_log" else np.log10)(np.maximum(mel, 1e-10))
    if mistake != "no_clamp":
        log_spec = np.maximum(log_spec, log_spec.max() - 8.0)
    return (log_spec + 4.0) / 4.0


def _diagnosis(value: object, audio: np.ndarray) -> str:
    """Which classic mistake the learner's (wrong) features match, if any."""
    try:
        if not isinstance(value, np.ndarray) or value.shape != SHAPE or value.dtype.kind != "f":
            return ""
        actual = np.array(value, dtype=np.float64, copy=True, subok=False)
    except Exception:  # noqa: BLE001 - a strange array is simply not diagnosed
        return ""
    for mistake, explanation in MISTAKES.items():
        if np.allclose(actual, _features(audio, mistake), rtol=0, atol=TOL):
            return explanation
    return ""


def _check(audio: np.ndarray, note: str) -> None:
    features = learner_function(FILE, "log_mel_spectrogram")
    returned = call(features, Audio(audio, RATE))
    note = f"{note}; index (bin, frame): frame f is centered on sample f*160 of the audio"
    try:
        expect_array(returned, _truth(audio), atol=TOL, rtol=0, dtype="float32", note=note)
    except KataFailure as failure:
        diagnosis = _diagnosis(returned.value, audio)
        raise KataFailure(f"{failure}\n  {diagnosis}" if diagnosis else str(failure)) from None


@hint(1)
def test_shape_and_dtype():
    gen = rng()
    audio = _speech_like(gen, gen.uniform(3.0, 8.0))
    returned = call(learner_function(FILE, "log_mel_spectrogram"), Audio(audio, RATE))
    expect_array(
        returned,
        _truth(audio),
        atol=np.inf,
        dtype="float32",
        note="any audio gives (80 mel bins, 3000 frames): pad or cut to 30 s, drop the last STFT frame",
    )


@hint(2)
def test_matches_whisper_on_a_short_clip():
    gen = rng()
    seconds = gen.uniform(3.0, 8.0)
    _check(_speech_like(gen, seconds), f"speech-like clip of {seconds:.2f} s")


@hint(2)
def test_matches_whisper_on_a_longer_clip():
    gen = rng()
    seconds = gen.uniform(10.0, 20.0)
    _check(_speech_like(gen, seconds), f"speech-like clip of {seconds:.2f} s")


@hint(3)
def test_first_frames_use_reflect_padding():
    gen = rng()
    seconds = gen.uniform(3.0, 8.0)
    _check(_speech_like(gen, seconds, loud_start=True), f"clip of {seconds:.2f} s, loud from its first sample")


@hint(1)
def test_audio_longer_than_30_s_is_cut():
    gen = rng()
    seconds = gen.uniform(32.0, 36.0)
    _check(_speech_like(gen, seconds), f"clip of {seconds:.2f} s: only the first 30 s count")


@hint(4)
def test_quiet_parts_are_clamped_80_db_below_the_peak():
    gen = rng()
    loud = gen.uniform(1.0, 2.0)
    seconds = loud + gen.uniform(3.0, 6.0)
    t = np.arange(int(seconds * RATE)) / RATE
    audio = np.where(t < loud, 0.5 * np.sin(2 * np.pi * gen.uniform(200, 1000) * t), 0.0)
    audio = (audio + gen.normal(0.0, 1e-6, len(t))).astype(np.float32)
    _check(audio, f"{loud:.2f} s of a loud tone, then {seconds - loud:.2f} s of near-silence (noise at 1e-6)")
