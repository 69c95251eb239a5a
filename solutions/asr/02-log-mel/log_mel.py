"""Reference solution of kata asr-02: Whisper's log-mel front end in numpy."""

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
    x = np.asarray(audio, dtype=np.float64)[:N_SAMPLES]
    x = np.pad(x, (0, N_SAMPLES - len(x)))
    x = np.pad(x, N_FFT // 2, mode="reflect")
    window = np.hanning(N_FFT + 1)[:-1]  # periodic Hann, as torch.hann_window
    frames = np.lib.stride_tricks.sliding_window_view(x, N_FFT)[::HOP_LENGTH]
    power = np.abs(np.fft.rfft(frames * window, axis=-1)) ** 2
    mel = mel_filters() @ power[:-1].T  # Whisper drops the last frame: 3000 frames
    log_spec = np.log10(np.maximum(mel, 1e-10))
    log_spec = np.maximum(log_spec, log_spec.max() - 8.0)
    return ((log_spec + 4.0) / 4.0).astype(np.float32)
