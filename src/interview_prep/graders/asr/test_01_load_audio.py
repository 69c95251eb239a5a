"""Grader of kata asr-01-load-audio: files of every common layout loaded as 16 kHz mono float32.

Each file holds a sum of sine tones written with soundfile; the truth is the same tones
evaluated at 16 kHz (the channel mean, without the tone above 8 kHz that files at higher
rates carry), so any good band-limited resampler matches it, and slicing or linear
interpolation does not.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from interview_prep.kata import evidence
from interview_prep.kata.grading import Returned, call, expect, expect_array, hint, learner_function, rng

FILE = "load_audio.py"
RATE = 16000
EDGE_S = 0.05  # resampler filters ramp up at the ends: skip this much on each side
EXACT_TOL = 1e-4
RESAMPLED_TOL = 0.02
SUBTYPES = {"float32": "FLOAT", "int16": "PCM_16", "int24": "PCM_24"}
HIGH_TONE_HZ = {22050: 10000.0, 44100: 12000.0, 48000: 12000.0}

Tones = list[tuple[float, float, float]]  # (amplitude, frequency Hz, phase)


def _tones(gen: np.random.Generator, count: int, amplitude: float) -> Tones:
    freqs = gen.uniform(150.0, 3500.0, size=count)
    phases = gen.uniform(0.0, 2 * np.pi, size=count)
    return [(amplitude, float(f), float(p)) for f, p in zip(freqs, phases, strict=True)]


def _render(tones: Tones, n: int, rate: int) -> np.ndarray:
    t = np.arange(n) / rate
    return sum((a * np.sin(2 * np.pi * f * t + p) for a, f, p in tones), np.zeros(n))


class _Case:
    """An audio file written by the grader, and the 16 kHz truth of what it holds."""

    def __init__(self, folder: Path, gen: np.random.Generator, rate: int, kind: str, fmt: str, channels: int):
        self.rate, self.kind, self.channels = rate, kind, channels
        self.frames = int(round(gen.uniform(0.8, 2.0) * rate))
        if channels == 1:
            per_channel = [_tones(gen, 3, 0.25)]
        else:  # different tones left and right: only the average holds all of them
            per_channel = [_tones(gen, 2, 0.35), _tones(gen, 2, 0.35)]
        high = HIGH_TONE_HZ.get(rate)
        extra: Tones = [(0.1, high, 0.0)] if high else []
        data = np.stack([_render(t + extra, self.frames, rate) for t in per_channel], axis=1)
        self.path = folder / f"tone-{int(gen.integers(1000, 10000))}.{fmt}"
        sf.write(str(self.path), data.astype(np.float32), rate, subtype=SUBTYPES[kind])
        evidence.clip(f"input-{rate}hz", data, rate)
        n_out = self.frames if rate == RATE else int(round(self.frames * RATE / rate))
        self.truth = np.mean([_render(t, n_out, RATE) for t in per_channel], axis=0).astype(np.float32)
        self.high = high

    def describe(self) -> str:
        layout = "mono" if self.channels == 1 else "stereo, different tones per channel"
        high = f"; it also holds a {self.high:g} Hz tone that must be filtered out" if self.high else ""
        return (
            f"file {self.path.name}: {self.rate} Hz, {self.kind}, {layout}, {self.frames} frames "
            f"({self.frames / self.rate:.3f} s){high}"
        )


def _load(case: _Case) -> Returned:
    return call(learner_function(FILE, "load_audio"), str(case.path))


def _waveforms(case: _Case, value) -> None:
    evidence.waveforms(case.truth, value, RATE, labels=("expected (16 kHz mono)", "yours"), name="loaded",
                       title=f"load_audio on {case.describe()}")


def _check_exact(case: _Case) -> None:
    returned = _load(case)
    _waveforms(case, returned.value)
    expect_array(returned, case.truth, atol=EXACT_TOL, rtol=0, dtype="float32", note=case.describe())


def _check_resampled(case: _Case) -> None:
    returned = _load(case)
    _waveforms(case, returned.value)
    value, note = returned.value, case.describe()
    expect(isinstance(value, np.ndarray), returned, f"expected a numpy.ndarray, got {type(value).__name__}", note)
    expect(value.dtype == np.float32, returned, f"expected dtype float32, got {value.dtype}", note)
    expect(value.ndim == 1, returned, f"expected a 1-D array (mono), got shape {value.shape}", note)
    want = len(case.truth)
    problem = f"expected {want} ± 1 samples ({case.frames / case.rate:.3f} s at {RATE} Hz), got {len(value)}" + (
        f": still at the file's {case.rate} Hz, not resampled to {RATE} Hz" if len(value) == case.frames else ""
    )
    expect(abs(len(value) - want) <= 1, returned, problem, note)
    edge = int(EDGE_S * RATE)
    n = min(len(value), want)
    inner = Returned(np.asarray(value[edge : n - edge]), returned.call + f"[{edge}:{n - edge}]")
    note += (
        f"; compared with ideal band-limited resampling away from the first and last {EDGE_S * 1000:g} ms "
        "(soxr or librosa get within 0.001; slicing and linear interpolation do not)"
    )
    expect_array(inner, case.truth[edge : n - edge], atol=RESAMPLED_TOL, rtol=0, dtype="float32", note=note)


def _check_raises(path: Path, what: str) -> None:
    """The learner's load_audio must raise ValueError naming `path`'s file (`what` describes it)."""
    load = learner_function(FILE, "load_audio")

    def load_audio(p: str) -> BaseException | None:  # same name: the call shows as load_audio(...)
        try:
            load(p)
        except NotImplementedError:
            raise  # reported as "not implemented yet"
        except Exception as exc:  # noqa: BLE001 - any other exception is inspected below
            return exc
        return None

    returned = call(load_audio, str(path))
    raised = returned.value
    note = f"bad file: {what}; raise ValueError(...) with the file's name in the message (see README.md)"
    if raised is None:
        expect(False, returned, f"returned normally for the bad file {path.name}; expected a ValueError", note)
    kind = type(raised).__name__
    expect(isinstance(raised, ValueError), returned, f"raised {kind}, expected ValueError (or a subclass)", note)
    try:
        text = str(raised)
    except Exception:  # noqa: BLE001 - a learner's exception may break in __str__
        text = ""
    expect(path.name in text, returned, f"the ValueError message {text!r} does not contain {path.name!r}", note)


@hint(1)
def test_float_wav_at_16k_is_returned_unchanged(tmp_path):
    _check_exact(_Case(tmp_path, rng(), RATE, "float32", "wav", 1))


@hint(1)
def test_int16_wav_is_scaled_to_plus_minus_one(tmp_path):
    _check_exact(_Case(tmp_path, rng(), RATE, "int16", "wav", 1))


@hint(1)
def test_int24_flac_is_scaled_to_plus_minus_one(tmp_path):
    _check_exact(_Case(tmp_path, rng(), RATE, "int24", "flac", 1))


@hint(2)
def test_stereo_is_averaged_to_mono(tmp_path):
    _check_exact(_Case(tmp_path, rng(), RATE, "float32", "wav", 2))


@hint(3)
@pytest.mark.parametrize(
    ("rate", "kind", "fmt", "channels"),
    [(8000, "int16", "wav", 1), (22050, "float32", "wav", 1), (44100, "int24", "flac", 2), (48000, "int16", "wav", 2)],
    ids=["8000Hz-int16-wav", "22050Hz-float32-wav", "44100Hz-int24-flac-stereo", "48000Hz-int16-wav-stereo"],
)
def test_is_resampled_to_16k(tmp_path, rate, kind, fmt, channels):
    _check_resampled(_Case(tmp_path, rng(), rate, kind, fmt, channels))


@hint(4)
def test_empty_file_raises_value_error(tmp_path):
    path = tmp_path / f"empty-{int(rng().integers(10, 100000))}.wav"
    path.write_bytes(b"")
    _check_raises(path, f"{path.name} (0 bytes)")


@hint(4)
def test_random_bytes_raise_value_error(tmp_path):
    gen = rng()
    path = tmp_path / f"corrupt-{int(gen.integers(10, 100000))}.wav"
    path.write_bytes(gen.integers(0, 256, size=4096, dtype=np.uint8).tobytes())
    _check_raises(path, f"{path.name} (4096 random bytes)")


@hint(4)
def test_text_file_raises_value_error(tmp_path):
    path = tmp_path / f"notes-{int(rng().integers(10, 100000))}.flac"
    path.write_text("aisle 4: blenders, toasters, coffee makers\n" * 40)
    _check_raises(path, f"{path.name} (a text file)")


@hint(4)
def test_file_without_samples_raises_value_error(tmp_path):
    path = tmp_path / f"silent-{int(rng().integers(10, 100000))}.wav"
    sf.write(str(path), np.zeros(0, dtype=np.float32), RATE, subtype="PCM_16")
    _check_raises(path, f"{path.name} (a valid 16 kHz WAV header, zero samples)")
