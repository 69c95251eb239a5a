"""Degradations with exact, checkable parameters: noise at an SNR, telephone band, clipping,
gain, stereo and other sample rates. All return float32 and never modify their input."""

from __future__ import annotations

import numpy as np

from interview_prep.audio.io import resample
from interview_prep.audio.levels import db_to_gain, rms
from interview_prep.audio.seeding import Seed, as_rng

NOISE_COLORS = {"white": 0.0, "pink": 1.0, "brown": 2.0}
TELEPHONE_RATE = 8000
TELEPHONE_BAND = (300.0, 3400.0)


def colored_noise(n: int, seed: Seed, color: str = "white") -> np.ndarray:
    """Gaussian noise with a 1/f^beta spectrum (white, pink, brown), unit RMS, float32."""
    if color not in NOISE_COLORS:
        raise ValueError(f"unknown noise color {color!r}; choose one of {sorted(NOISE_COLORS)}")
    rng = as_rng(seed)
    white = rng.standard_normal(n)
    beta = NOISE_COLORS[color]
    if beta:
        spec = np.fft.rfft(white)
        f = np.fft.rfftfreq(n)
        f[0] = f[1] if n > 1 else 1.0
        white = np.fft.irfft(spec / f ** (beta / 2.0), n)
        white -= white.mean()
    return (white / (np.sqrt(np.mean(white**2)) + 1e-12)).astype(np.float32)


def noise_gain_for_snr(
    signal: np.ndarray, noise: np.ndarray, snr_db: float, span: tuple[int, int] | None = None
) -> float:
    """Factor for `noise` so that signal power / scaled noise power = `snr_db` (over `span`, samples)."""
    s, e = span if span is not None else (0, len(signal))
    sig, nse = rms(signal[s:e]), rms(noise[s:e])
    if sig == 0 or nse == 0:
        raise ValueError("SNR is undefined for a silent signal or silent noise")
    return sig / (nse * db_to_gain(snr_db))


def mix_at_snr(
    signal: np.ndarray, noise: np.ndarray, snr_db: float, span: tuple[int, int] | None = None
) -> np.ndarray:
    """signal + noise scaled to give exactly `snr_db` (measured over `span` if given).

    `noise` must have the signal's length. The result may exceed [-1, 1]: scale it afterwards
    (scaling both together keeps the SNR).
    """
    signal = np.asarray(signal, dtype=np.float32)
    noise = np.asarray(noise, dtype=np.float32)
    if signal.shape != noise.shape:
        raise ValueError(f"signal {signal.shape} and noise {noise.shape} must have the same shape")
    g = noise_gain_for_snr(signal, noise, snr_db, span)
    return (signal.astype(np.float64) + g * noise.astype(np.float64)).astype(np.float32)


def add_noise(audio: np.ndarray, snr_db: float, seed: Seed = 0, color: str = "white") -> np.ndarray:
    """Add seeded colored noise at exactly `snr_db` (whole-clip powers)."""
    audio = np.asarray(audio, dtype=np.float32)
    return mix_at_snr(audio, colored_noise(len(audio), seed, color), snr_db)


def gain(audio: np.ndarray, db: float) -> np.ndarray:
    """Apply a gain in dB (no clipping)."""
    return (np.asarray(audio, dtype=np.float32) * np.float32(db_to_gain(db))).astype(np.float32)


def clip(audio: np.ndarray, drive_db: float = 0.0, ceiling: float = 1.0) -> np.ndarray:
    """Overdrive: apply `drive_db` of gain, then hard-clip at +/- `ceiling`."""
    return np.clip(gain(audio, drive_db), -ceiling, ceiling).astype(np.float32)


def clipped_fraction(audio: np.ndarray, ceiling: float = 1.0) -> float:
    """Fraction of samples at (or beyond) the clipping ceiling."""
    a = np.abs(np.asarray(audio))
    return float(np.mean(a >= ceiling * (1 - 1e-6))) if a.size else 0.0


def telephone(audio: np.ndarray, sample_rate: int) -> tuple[np.ndarray, int]:
    """Narrow-band telephone channel: resample to 8 kHz, then band-pass 300-3400 Hz (zero phase).

    Returns (audio, 8000). Zero-phase filtering keeps event timing unchanged.
    """
    from scipy.signal import butter, sosfiltfilt

    narrow = resample(audio, sample_rate, TELEPHONE_RATE)
    sos = butter(6, TELEPHONE_BAND, btype="bandpass", fs=TELEPHONE_RATE, output="sos")
    return sosfiltfilt(sos, narrow).astype(np.float32), TELEPHONE_RATE


def to_stereo(
    audio: np.ndarray, pan: float = 0.0, delay_ms: float = 0.0, sample_rate: int = 16000
) -> np.ndarray:
    """Mono -> (frames, 2) with constant-power `pan` in [-1 (left), 1 (right)] and an optional
    right-channel delay (positive) or lead (negative) in ms."""
    if not -1.0 <= pan <= 1.0:
        raise ValueError(f"pan must be in [-1, 1], got {pan}")
    mono = np.asarray(audio, dtype=np.float32)
    theta = (pan + 1.0) * np.pi / 4.0
    left, right = mono * np.float32(np.cos(theta)), mono * np.float32(np.sin(theta))
    shift = int(round(delay_ms * sample_rate / 1000.0))
    if shift:
        right = np.roll(right, shift)
        if shift > 0:
            right[:shift] = 0.0
        else:
            right[shift:] = 0.0
    return np.stack([left, right], axis=1).astype(np.float32)


def change_rate(audio: np.ndarray, sample_rate: int, target_rate: int) -> tuple[np.ndarray, int]:
    """Resample to another rate (e.g. 8000, 22050, 44100, 48000); returns (audio, target_rate)."""
    return resample(audio, sample_rate, target_rate), int(target_rate)
