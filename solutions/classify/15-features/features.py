"""Reference solution of kata classify-15: MFCC and log-mel statistics pooled per clip."""

import librosa
import numpy as np

RATE = 16000


def log_mel(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """Log-mel spectrogram in dB of `audio` resampled to 16 kHz: float32, shape (64, frames)."""
    x = np.asarray(audio, dtype=np.float32)
    if sample_rate != RATE:
        x = librosa.resample(x, orig_sr=sample_rate, target_sr=RATE)
    power = librosa.feature.melspectrogram(y=x, sr=RATE, n_fft=400, hop_length=160, n_mels=64)
    return librosa.power_to_db(power, ref=1.0, amin=1e-10, top_db=None).astype(np.float32)


def mfcc(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """The first 20 MFCCs of `log_mel(audio, sample_rate)`: float32, shape (20, frames)."""
    return librosa.feature.mfcc(S=log_mel(audio, sample_rate), n_mfcc=20).astype(np.float32)


def clip_features(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """One vector per clip: MFCC mean, MFCC std, log-mel mean, log-mel std: float32, shape (168,)."""
    mel = log_mel(audio, sample_rate)
    coefficients = librosa.feature.mfcc(S=mel, n_mfcc=20)
    stats = [coefficients.mean(axis=1), coefficients.std(axis=1), mel.mean(axis=1), mel.std(axis=1)]
    return np.concatenate(stats).astype(np.float32)
