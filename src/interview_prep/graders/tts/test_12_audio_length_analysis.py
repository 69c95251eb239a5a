"""Grader of kata tts-12-audio-length-analysis: duration, silence trimming, speaking rate.

Clips are speech-like: harmonic syllables with smooth attacks, grouped into words, between
0.1-0.8 s of background noise 60 dB below the peak. The first and last syllables are 24 dB
quieter than the loudest ones, so a threshold that is not relative to the peak misses them
in a quiet clip. The truth is the statement's sample-level definition, computed here.
"""

from __future__ import annotations

import numpy as np

from interview_prep.kata import evidence
from interview_prep.kata.grading import (
    Audio,
    Returned,
    call,
    expect,
    expect_equal,
    hint,
    learner_function,
    rng,
)
from interview_prep.kata.summarize import describe_type

FILE = "lengths.py"
RATES = (8000, 16000, 22050, 44100)
EDGE_TOL_S = 0.02
SPEECH_TOL_S = 0.04
WPM_REL_TOL = 0.03
KEYS = ("duration_s", "leading_silence_s", "trailing_silence_s", "speech_s", "words_per_minute")


def _syllable(gen: np.random.Generator, sr: int, amplitude: float) -> np.ndarray:
    """One voiced syllable: a gliding harmonic tone under a raised-cosine attack and release."""
    n = int(gen.uniform(0.12, 0.28) * sr)
    t = np.arange(n) / sr
    f0 = gen.uniform(100, 220) * (1 + gen.uniform(-0.15, 0.15) * t / t[-1])
    phase = 2 * np.pi * np.cumsum(f0) / sr
    wave = sum(np.sin(k * phase + gen.uniform(0, 2 * np.pi)) / k for k in range(1, 7))
    ramp = int(gen.uniform(0.015, 0.03) * sr)
    envelope = np.ones(n)
    edge = 0.5 - 0.5 * np.cos(np.pi * np.arange(ramp) / ramp)
    envelope[:ramp], envelope[-ramp:] = edge, edge[::-1]
    return amplitude * envelope * wave / np.max(np.abs(wave))


def _clip(gen: np.random.Generator, sr: int, peak: float) -> tuple[np.ndarray, int]:
    """(float32 clip, number of words) with silence at both ends."""
    words = int(gen.integers(4, 9))
    quiet = 10 ** (-24 / 20)
    pieces: list[np.ndarray] = [np.zeros(int(gen.uniform(0.1, 0.8) * sr))]
    for w in range(words):
        syllables = int(gen.integers(1, 4))
        for s in range(syllables):
            first, last = w == 0 and s == 0, w == words - 1 and s == syllables - 1
            pieces.append(_syllable(gen, sr, quiet if first or last else gen.uniform(0.5, 1.0)))
            if s < syllables - 1:
                pieces.append(np.zeros(int(gen.uniform(0.03, 0.08) * sr)))
        if w < words - 1:
            pieces.append(np.zeros(int(gen.uniform(0.12, 0.3) * sr)))
    pieces.append(np.zeros(int(gen.uniform(0.1, 0.8) * sr)))
    audio = np.concatenate(pieces)
    audio *= peak / np.max(np.abs(audio))
    audio += gen.normal(0.0, peak * 10 ** (-60 / 20) / 4, size=len(audio))
    return audio.astype(np.float32), words


def _bounds(audio: np.ndarray, threshold_db: float) -> tuple[int, int] | None:
    magnitude = np.abs(audio.astype(np.float64))
    peak = magnitude.max(initial=0.0)
    if peak == 0:
        return None
    idx = np.flatnonzero(magnitude >= peak * 10 ** (threshold_db / 20))
    return int(idx[0]), int(idx[-1])


def _truth(audio: np.ndarray, sr: int, words: int, threshold_db: float = -40.0) -> dict[str, float]:
    total = len(audio) / sr
    bounds = _bounds(audio, threshold_db)
    leading, trailing = (total, 0.0) if bounds is None else (bounds[0] / sr, (len(audio) - 1 - bounds[1]) / sr)
    speech = total - leading - trailing
    return dict(zip(KEYS, (total, leading, trailing, speech, words * 60 / speech if speech > 0 else 0.0), strict=True))


def _analysis(returned: Returned) -> dict:
    value = returned.value
    expect(isinstance(value, dict), returned, f"expected a dict, got {describe_type(value)}")
    keys = list(dict.keys(value))
    missing = [k for k in KEYS if k not in keys]
    extra = [k for k in keys if k not in KEYS]
    expect(
        not missing and not extra,
        returned,
        f"expected exactly the keys {list(KEYS)}; missing {missing}, unexpected {extra}",
    )
    return value


def _check_value(
    returned: Returned,
    value: dict,
    key: str,
    want: float,
    *,
    abs_tol: float = 0.0,
    rel_tol: float = 1e-9,
    note: str | None = None,
) -> None:
    expect_equal(
        Returned(dict.__getitem__(value, key), f"{returned.call}[{key!r}]"),
        want,
        abs_tol=abs_tol,
        rel_tol=rel_tol,
        note=note,
    )


def _check_edges(audio: np.ndarray, sr: int, words: int) -> None:
    analyze = learner_function(FILE, "analyze")
    evidence.clip(f"clip-{sr}hz", audio, sr)
    returned = call(analyze, Audio(audio, sr), sr, words)
    value = _analysis(returned)
    truth = _truth(audio, sr, words)
    where = (
        f"peak {np.max(np.abs(audio)):.3f}; sound from {truth['leading_silence_s']:.3f} s to "
        f"{truth['duration_s'] - truth['trailing_silence_s']:.3f} s"
    )
    _check_value(returned, value, "duration_s", truth["duration_s"], abs_tol=1e-9)
    for key in ("leading_silence_s", "trailing_silence_s"):
        _check_value(
            returned, value, key, truth[key], abs_tol=EDGE_TOL_S + 1e-9, note=f"tolerance ±{EDGE_TOL_S} s; {where}"
        )


def _check_trim(audio: np.ndarray, sr: int, threshold_db: float | None) -> None:
    trim = learner_function(FILE, "trim_silence")
    args = (Audio(audio, sr), sr) if threshold_db is None else (Audio(audio, sr), sr, threshold_db)
    returned = call(trim, *args)
    first, last = _bounds(audio, -40.0 if threshold_db is None else threshold_db)
    value = returned.value
    note = (
        f"sound runs from sample {first} ({first / sr:.3f} s) to sample {last} ({last / sr:.3f} s), "
        f"tolerance ±{EDGE_TOL_S} s"
    )
    expect(isinstance(value, np.ndarray), returned, f"expected a numpy.ndarray, got {describe_type(value)}", note)
    value = np.array(value, copy=True, subok=False)
    evidence.clip(f"clip-{sr}hz", audio, sr)
    evidence.waveforms(audio[first : last + 1], value, sr, labels=("expected trim", "yours"), name="trim",
                       title=f"trim_silence: the sound runs {first / sr:.3f}-{last / sr:.3f} s of the clip")
    expect(
        value.ndim == 1 and value.dtype == audio.dtype,
        returned,
        f"expected a 1-D {audio.dtype} array (a slice of `audio`), got shape {value.shape} dtype {value.dtype}",
        note,
    )
    tol = int(EDGE_TOL_S * sr)
    length = len(value)
    start = next(
        (
            s
            for s in range(max(0, first - tol), min(first + tol, len(audio) - length) + 1)
            if length and audio[s] == value[0] and np.array_equal(audio[s : s + length], value)
        ),
        None,
    )
    expect(
        start is not None,
        returned,
        f"the result ({length} samples, {length / sr:.3f} s) is not the slice of `audio` that starts at the first "
        f"sound sample (expected about {last - first + 1} samples, {(last - first + 1) / sr:.3f} s)",
        note,
    )
    end = start + length - 1
    expect(
        abs(end - last) <= tol,
        returned,
        f"the slice ends at sample {end} ({end / sr:.3f} s), expected the last sound sample {last}",
        note,
    )


@hint(1)
def test_duration_at_every_rate():
    gen = rng()
    duration = learner_function(FILE, "duration_s")
    for sr in RATES:
        n = int(gen.integers(sr // 2, 4 * sr))
        audio = gen.uniform(-0.5, 0.5, size=n).astype(np.float32)
        expect_equal(call(duration, Audio(audio, sr), sr), n / sr, abs_tol=1e-9, note=f"{n} samples at {sr} Hz")


@hint(3)
def test_trim_silence_default_threshold():
    gen = rng()
    audio, _ = _clip(gen, 22050, gen.uniform(0.3, 0.9))
    _check_trim(audio, 22050, None)


@hint(3)
def test_trim_silence_other_threshold():
    gen = rng()
    audio, _ = _clip(gen, 16000, gen.uniform(0.3, 0.9))
    _check_trim(audio, 16000, -30.0)


@hint(2)
def test_silence_of_a_loud_clip():
    gen = rng()
    sr = int(gen.choice(RATES[1:]))
    audio, words = _clip(gen, sr, gen.uniform(0.6, 0.9))
    _check_edges(audio, sr, words)


@hint(2)
def test_silence_of_a_quiet_clip():
    gen = rng()
    sr = int(gen.choice(RATES[1:]))
    audio, words = _clip(gen, sr, gen.uniform(0.05, 0.07))
    _check_edges(audio, sr, words)


@hint(4)
def test_speech_time_and_words_per_minute():
    gen = rng()
    analyze = learner_function(FILE, "analyze")
    for sr, peak in ((16000, gen.uniform(0.3, 0.9)), (22050, gen.uniform(0.05, 0.9))):
        audio, words = _clip(gen, sr, peak)
        truth = _truth(audio, sr, words)
        returned = call(analyze, Audio(audio, sr), sr, words)
        value = _analysis(returned)
        note = f"{words} words; {truth['speech_s']:.3f} s of speech in {truth['duration_s']:.3f} s"
        _check_value(
            returned,
            value,
            "speech_s",
            truth["speech_s"],
            abs_tol=SPEECH_TOL_S + 1e-9,
            note=f"tolerance ±{SPEECH_TOL_S} s; {note}",
        )
        _check_value(
            returned,
            value,
            "words_per_minute",
            truth["words_per_minute"],
            rel_tol=WPM_REL_TOL,
            note=f"tolerance ±{WPM_REL_TOL:.0%}; {note}",
        )


@hint(4)
def test_all_zero_clip():
    gen = rng()
    sr = int(gen.choice(RATES))
    audio = np.zeros(int(gen.integers(sr // 4, 2 * sr)), dtype=np.float32)
    returned = call(learner_function(FILE, "analyze"), Audio(audio, sr), sr, 3)
    value = _analysis(returned)
    for key, want in _truth(audio, sr, 3).items():
        _check_value(returned, value, key, want, abs_tol=1e-9, note="an all-zero clip has no sound at all")
    trimmed = call(learner_function(FILE, "trim_silence"), Audio(audio, sr), sr)
    expect(
        isinstance(trimmed.value, np.ndarray) and np.shape(trimmed.value) == (0,),
        trimmed,
        f"an all-zero clip trims to an empty array, got {describe_type(trimmed.value)} of shape "
        f"{np.shape(trimmed.value)}",
    )
