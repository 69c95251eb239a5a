"""Grader of kata classify-15-features: log-mel, MFCC and pooled clip statistics vs librosa.

Inputs are fresh synthetic store sounds (beeps, chimes, cash drawers, card-reader buzzes,
music, room tone) over store ambience at 16, 22.05 and 44.1 kHz with a random level. The
truth is the statement's librosa recipe computed here in float64.
"""

from __future__ import annotations

import librosa
import numpy as np

from interview_prep.audio.events import event_clip
from interview_prep.kata.grading import Audio, Returned, call, expect, expect_array, hint, learner_function, rng

FILE = "features.py"
RATE = 16000
N_FFT, HOP, N_MELS, N_MFCC = 400, 160, 64, 20
MEL_ATOL = 0.01  # dB
MFCC_ATOL, MFCC_RTOL = 0.01, 1e-4
STATS_ATOL = 0.01
LABELS = ("scanner_beep", "door_chime", "cash_drawer", "card_reader_error", "background_music", "silence")

# Load librosa's lazy submodules (and numba's compiled kernels) at collection: a prepared (warm) grading
# process has done this work before the check starts.
librosa.feature.mfcc(y=librosa.resample(np.zeros(2205, np.float32), orig_sr=22050, target_sr=RATE), sr=RATE)


class _Clip:
    """A generated clip and the truth of every function for it."""

    def __init__(self, gen: np.random.Generator, sample_rate: int, label: str | None = None, gain_db: float = 0.0):
        self.label = label or str(gen.choice(LABELS))
        self.sample_rate = sample_rate
        duration = round(float(gen.uniform(0.7, 1.6)), 3)
        clip = event_clip(self.label, gen, duration, float(gen.uniform(5.0, 25.0)), sample_rate)
        self.audio = (clip.audio * np.float32(10 ** (gain_db / 20))).astype(np.float32)
        x = np.asarray(self.audio, dtype=np.float64)
        if sample_rate != RATE:
            x = librosa.resample(x, orig_sr=sample_rate, target_sr=RATE)
        self.samples_16k = len(x)
        power = librosa.feature.melspectrogram(y=x, sr=RATE, n_fft=N_FFT, hop_length=HOP, n_mels=N_MELS)
        self.log_mel = librosa.power_to_db(power, ref=1.0, amin=1e-10, top_db=None)
        self.mfcc = librosa.feature.mfcc(S=self.log_mel, n_mfcc=N_MFCC)
        self.features = np.concatenate(
            [self.mfcc.mean(axis=1), self.mfcc.std(axis=1), self.log_mel.mean(axis=1), self.log_mel.std(axis=1)]
        )

    @property
    def frames(self) -> int:
        return 1 + self.samples_16k // HOP

    def arg(self) -> Audio:
        return Audio(self.audio, self.sample_rate)

    def describe(self) -> str:
        peak = 20 * np.log10(max(float(np.abs(self.audio).max()), 1e-12))
        return (
            f"input: {self.label} over store ambience, {len(self.audio)} samples at {self.sample_rate} Hz "
            f"({len(self.audio) / self.sample_rate:.3f} s), peak {peak:.1f} dBFS; "
            f"{self.samples_16k} samples at 16000 Hz -> {self.frames} frames"
        )


def _shape_note(clip: _Clip, rows: int, got: tuple) -> str | None:
    """Explain a wrong shape when it matches a typical mistake."""
    if len(got) != 2:
        return None
    if got == (clip.frames, rows):
        return "the axes are swapped: return (features, frames), as librosa does"
    frames = got[1]
    n_native = len(clip.audio)
    if clip.sample_rate != RATE and frames == 1 + n_native // HOP:
        return f"the frame count fits the input's own {clip.sample_rate} Hz: resample to 16000 Hz first"
    for hop in (512, 256, 220, 441):
        for n in {clip.samples_16k, n_native}:
            if frames == 1 + n // hop:
                return f"the frame count fits hop_length={hop}; use hop_length=160 (10 ms at 16000 Hz)"
    if frames == 1 + (clip.samples_16k - N_FFT) // HOP:
        return "the frame count fits center=False; use center=True (librosa's default)"
    return None


def _value_note(actual: np.ndarray, expected: np.ndarray, what: str) -> str | None:
    """Explain wrong values when they match a typical mistake (level reference, log base)."""
    actual = np.asarray(actual, dtype=np.float64)
    if actual.shape != expected.shape or not np.all(np.isfinite(actual)):
        return None
    diff = actual - expected
    if what == "log-mel" and np.std(diff) < MEL_ATOL and abs(np.mean(diff)) > MEL_ATOL:
        return (
            f"every value is off by the same {np.mean(diff):+.2f} dB: the level must be absolute dB "
            "(power_to_db with ref=1.0), not relative to the loudest bin (ref=np.max)"
        )
    if what == "log-mel" and np.allclose(actual, expected * np.log(10) / 10, atol=0.05):
        return "these are natural logs of the power; the statement asks for dB: 10 * log10(power)"
    if what == "log-mel" and np.allclose(actual, expected / 2, atol=0.05):
        return "these look like 10*log10 of the magnitude (power=1.0); use the power spectrum (power=2.0)"
    return None


def _check(returned: Returned, expected: np.ndarray, clip: _Clip, what: str, atol: float, rtol: float = 0.0) -> None:
    value = returned.value
    note = clip.describe()
    expect(isinstance(value, np.ndarray), returned, f"expected a numpy.ndarray, got {type(value).__name__}", note)
    if value.shape != expected.shape:
        extra = _shape_note(clip, expected.shape[0], value.shape) if expected.ndim == 2 else None
        problem = f"wrong shape: expected {expected.shape}, got {value.shape}"
        expect(False, returned, problem + (f": {extra}" if extra else ""), note)
    extra = _value_note(value, expected, what)
    expect_array(returned, expected, atol=atol, rtol=rtol, dtype="float32", note=f"{note}; {extra}" if extra else note)


def _log_mel(clip: _Clip) -> None:
    returned = call(learner_function(FILE, "log_mel"), clip.arg(), clip.sample_rate)
    _check(returned, clip.log_mel, clip, "log-mel", MEL_ATOL)


def _mfcc(clip: _Clip) -> None:
    returned = call(learner_function(FILE, "mfcc"), clip.arg(), clip.sample_rate)
    _check(returned, clip.mfcc, clip, "MFCC", MFCC_ATOL, MFCC_RTOL)


@hint(1)
def test_log_mel_at_16k():
    gen = rng()
    for label in gen.choice(LABELS[:5], size=2, replace=False):
        _log_mel(_Clip(gen, RATE, str(label)))


@hint(2)
def test_log_mel_keeps_the_absolute_level():
    gen = rng()
    label, seed = str(gen.choice(LABELS[:5])), int(gen.integers(1 << 30))
    for gain_db in (0.0, -20.0):  # the same clip at two levels
        _log_mel(_Clip(np.random.default_rng(seed), RATE, label, gain_db))


@hint(1)
def test_log_mel_resamples_to_16k():
    gen = rng()
    for sample_rate in (22050, 44100):
        _log_mel(_Clip(gen, sample_rate))


@hint(3)
def test_mfcc():
    gen = rng()
    for sample_rate in (RATE, 44100):
        _mfcc(_Clip(gen, sample_rate))


@hint(4)
def test_clip_features():
    gen = rng()
    fn = learner_function(FILE, "clip_features")
    for sample_rate in (RATE, 22050):
        clip = _Clip(gen, sample_rate)
        returned = call(fn, clip.arg(), sample_rate)
        value = returned.value
        note = f"{clip.describe()}; layout: [MFCC mean (20), MFCC std (20), log-mel mean (64), log-mel std (64)]"
        expect(isinstance(value, np.ndarray), returned, f"expected a numpy.ndarray, got {type(value).__name__}", note)
        if value.shape == (2 * (N_MFCC + N_MELS),):
            blocks = np.cumsum([0, N_MFCC, N_MFCC, N_MELS, N_MELS])
            names = ("MFCC mean", "MFCC std", "log-mel mean", "log-mel std")
            got = np.asarray(value, dtype=np.float64)
            for name, start, end in zip(names, blocks[:-1], blocks[1:], strict=True):
                wrong = not np.allclose(got[start:end], clip.features[start:end], atol=STATS_ATOL, rtol=MFCC_RTOL)
                if wrong:
                    note += f"; the {name} block (items {start}-{end - 1}) is wrong"
                    if "std" in name:
                        note += " (population std over frames: ddof=0)"
                    break
        expect_array(returned, clip.features, atol=STATS_ATOL, rtol=MFCC_RTOL, dtype="float32", note=note)


@hint(1)
def test_silent_clip():
    gen = rng()
    audio = np.zeros(int(gen.integers(8000, 16000)), dtype=np.float32)
    returned = call(learner_function(FILE, "log_mel"), Audio(audio, RATE), RATE)
    frames = 1 + len(audio) // HOP
    note = "input: digital silence (all zeros); power below amin=1e-10 is floored: 10*log10(1e-10) = -100 dB"
    expect_array(returned, np.full((N_MELS, frames), -100.0), atol=MEL_ATOL, rtol=0, dtype="float32", note=note)
