"""Signal levels: RMS, peak, dBFS, SNR and gain conversions.

dBFS here is 20*log10 of the amplitude measure relative to 1.0 (digital full scale), so a
full-scale square wave has an RMS level of 0 dBFS and a full-scale sine -3.01 dBFS.
Silence is reported as `SILENCE_DB` (-200 dB) rather than -inf.
"""

from __future__ import annotations

import numpy as np

SILENCE_DB = -200.0


def rms(audio: np.ndarray) -> float:
    """Root-mean-square amplitude over all samples (all channels)."""
    a = np.asarray(audio, dtype=np.float64)
    return float(np.sqrt(np.mean(a * a))) if a.size else 0.0


def peak(audio: np.ndarray) -> float:
    """Largest absolute sample value."""
    a = np.asarray(audio)
    return float(np.max(np.abs(a))) if a.size else 0.0


def amplitude_to_db(value: float) -> float:
    """20*log10(value), floored at SILENCE_DB."""
    return float(20.0 * np.log10(value)) if value > 10 ** (SILENCE_DB / 20) else SILENCE_DB


def db_to_gain(db: float) -> float:
    """Linear amplitude factor of a gain in dB."""
    return float(10.0 ** (db / 20.0))


def rms_dbfs(audio: np.ndarray) -> float:
    """RMS level in dBFS."""
    return amplitude_to_db(rms(audio))


def peak_dbfs(audio: np.ndarray) -> float:
    """Peak level in dBFS."""
    return amplitude_to_db(peak(audio))


def snr_db(signal: np.ndarray, noise: np.ndarray) -> float:
    """Power ratio of `signal` to `noise` in dB (both over their whole length)."""
    return amplitude_to_db(rms(signal)) - amplitude_to_db(rms(noise))


def normalize_peak(audio: np.ndarray, target_dbfs: float = -1.0) -> np.ndarray:
    """Scale so the peak sits at `target_dbfs` (silence is returned unchanged)."""
    p = peak(audio)
    a = np.asarray(audio, dtype=np.float32)
    return a.copy() if p == 0 else (a * np.float32(db_to_gain(target_dbfs) / p)).astype(np.float32)


def normalize_rms(audio: np.ndarray, target_dbfs: float = -20.0) -> np.ndarray:
    """Scale so the RMS level is `target_dbfs` (silence is returned unchanged)."""
    r = rms(audio)
    a = np.asarray(audio, dtype=np.float32)
    return a.copy() if r == 0 else (a * np.float32(db_to_gain(target_dbfs) / r)).astype(np.float32)


def trim(audio: np.ndarray, threshold_db: float = -40.0) -> np.ndarray:
    """Drop leading and trailing samples more than `threshold_db` below the peak.

    Generated events and utterances are trimmed this way, so their truth onset is the
    first sample within `threshold_db` of the peak.
    """
    a = np.asarray(audio, dtype=np.float32)
    p = peak(a)
    if p == 0:
        return a.copy()
    above = np.flatnonzero(np.abs(a) >= p * db_to_gain(threshold_db))
    return a[above[0] : above[-1] + 1].copy()
