"""Record a spoken answer from the microphone, when the optional `voice` extra is installed
(`pip install "interview-prep[voice]"`, which brings `sounddevice`) and an input device exists.

Nothing here is required: without sounddevice or a microphone, `microphone()` says why and the
learner answers with a WAV file instead (`mock --voice --answers-dir DIR`, or a path at the prompt).
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

RECORD_RATE = 16000
MAX_RECORD_S = 600


def microphone() -> tuple[bool, str]:
    """(available, why not): sounddevice importable and a default input device present."""
    try:
        import sounddevice as sd
    except (ImportError, OSError) as exc:  # OSError: PortAudio library missing
        return False, f"no microphone support ({exc.__class__.__name__}: install the voice extra, " \
                      "`pip install 'interview-prep[voice]'`)"
    try:
        device = sd.query_devices(kind="input")
    except Exception as exc:  # PortAudioError or ValueError when there is no input device
        return False, f"no input device ({exc})"
    return True, str(device.get("name", "microphone")) if isinstance(device, dict) else "microphone"


class Recorder:
    """Records mono 16 kHz audio from the default input device between `start()` and `stop()`."""

    def __init__(self, sample_rate: int = RECORD_RATE, max_s: float = MAX_RECORD_S):
        self.sample_rate = sample_rate
        self.max_frames = int(max_s * sample_rate)
        self._chunks: list[np.ndarray] = []
        self._frames = 0
        self._lock = threading.Lock()
        self._stream = None

    def _callback(self, data, frames, time, status) -> None:  # noqa: ARG002 - sounddevice's signature
        with self._lock:
            if self._frames < self.max_frames:
                self._chunks.append(np.array(data[:, 0], dtype=np.float32))
                self._frames += frames

    def start(self) -> None:
        import sounddevice as sd

        self._stream = sd.InputStream(samplerate=self.sample_rate, channels=1, dtype="float32",
                                      callback=self._callback)
        self._stream.start()

    def stop(self) -> np.ndarray:
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()
            self._stream = None
        with self._lock:
            return np.concatenate(self._chunks) if self._chunks else np.zeros(0, dtype=np.float32)

    def save(self, audio: np.ndarray, path: Path) -> Path:
        from interview_prep.audio.io import save_audio

        return save_audio(path, audio, self.sample_rate)
