"""Kata asr-02: Whisper's log-mel front end. See README.md for the exact rules."""

import numpy as np

SAMPLE_RATE = 16000
N_FFT = 400
HOP_LENGTH = 160
N_MELS = 80
N_SAMPLES = 30 * SAMPLE_RATE  # Whisper always sees 30 s


def mel_filters() -> np.ndarray:
    """Whisper's mel filter bank, shape (80, 201): Slaney mel scale and area normalization."""
    import librosa

    return librosa.filters.mel(sr=SAMPLE_RATE, n_fft=N_FFT, n_mels=N_MELS)


def log_mel_spectrogram(audio: np.ndarray) -> np.ndarray:
    """Whisper's log-mel features of 16 kHz mono `audio`: float32 array of shape (80, 3000)."""
    raise NotImplementedError("write log_mel_spectrogram (see README.md), then run: interview-prep check asr-02")
