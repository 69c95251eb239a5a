"""Audio file I/O: load anything soundfile reads as mono float32 at a chosen rate, save, resample.

Every problem with an input file (missing, empty, truncated, not audio, NaN/inf samples)
raises `AudioError`, a `UserError` whose message names the file and the reason.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from interview_prep.errors import UserError

DEFAULT_SAMPLE_RATE = 16000
_FORMATS_HINT = "use a WAV, FLAC or OGG file (anything libsndfile reads)"


class AudioError(UserError):
    """Bad audio: a file (or array) that cannot be used, with the reason."""

    def __init__(self, source: str | Path, reason: str, hint: str | None = None):
        self.source = str(source)
        self.reason = reason
        super().__init__(f"bad audio '{self.source}': {reason}", hint)


def read_audio(path: str | Path) -> tuple[np.ndarray, int]:
    """Read a file as it is: float32 array of shape (frames, channels) and its sample rate."""
    path = _checked_path(path)
    try:
        data, sample_rate = sf.read(str(path), dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError, ValueError) as exc:
        raise AudioError(
            path, f"not a readable audio file ({_libsndfile_reason(exc)})", _FORMATS_HINT
        ) from exc
    check_audio(data, source=path)
    return data, int(sample_rate)


def load_audio(path: str | Path, sample_rate: int = DEFAULT_SAMPLE_RATE) -> np.ndarray:
    """Load a file as a 1-D mono float32 array resampled (soxr, high quality) to `sample_rate`."""
    data, file_rate = read_audio(path)
    return resample(to_mono(data), file_rate, sample_rate)


def save_audio(path: str | Path, audio: np.ndarray, sample_rate: int, subtype: str | None = None) -> Path:
    """Write `audio` (1-D mono or (frames, channels)) to `path`; the format follows the extension.

    WAV defaults to 16-bit PCM (values beyond [-1, 1] clip); pass subtype="FLOAT" to keep floats.
    """
    path = Path(path)
    check_audio(audio, source=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        sf.write(str(path), np.asarray(audio), int(sample_rate), subtype=subtype)
    except (sf.LibsndfileError, TypeError, ValueError) as exc:
        raise AudioError(path, f"cannot write this format ({exc})", _FORMATS_HINT) from exc
    return path


def duration(path: str | Path) -> float:
    """Length of an audio file in seconds (read from its header)."""
    path = _checked_path(path)
    try:
        info = sf.info(str(path))
    except (sf.LibsndfileError, RuntimeError, ValueError) as exc:
        raise AudioError(
            path, f"not a readable audio file ({_libsndfile_reason(exc)})", _FORMATS_HINT
        ) from exc
    if info.frames <= 0:
        raise AudioError(path, "contains no samples (zero-length audio)")
    return info.frames / info.samplerate


def check_audio(audio: np.ndarray, source: str | Path = "<array>") -> None:
    """Raise AudioError unless `audio` is a non-empty 1-D or 2-D array of finite numbers."""
    audio = np.asarray(audio)
    if audio.ndim not in (1, 2):
        raise AudioError(
            source, f"expected a 1-D (mono) or 2-D (frames, channels) array, got shape {audio.shape}"
        )
    if audio.size == 0 or audio.shape[0] == 0:
        raise AudioError(source, "contains no samples (zero-length audio)")
    if not np.issubdtype(audio.dtype, np.number):
        raise AudioError(source, f"samples must be numbers, got dtype {audio.dtype}")
    if not np.all(np.isfinite(audio)):
        bad = int(np.count_nonzero(~np.isfinite(audio)))
        raise AudioError(source, f"contains {bad} NaN or infinite sample(s)")


def to_mono(audio: np.ndarray) -> np.ndarray:
    """Average the channels of a (frames, channels) array; 1-D input is returned as float32."""
    audio = np.asarray(audio, dtype=np.float32)
    if audio.ndim == 2:
        audio = audio.mean(axis=1, dtype=np.float32)
    return np.ascontiguousarray(audio)


def resample(audio: np.ndarray, orig_rate: int, target_rate: int) -> np.ndarray:
    """High-quality resampling with soxr (1-D or (frames, channels)); float32 out."""
    audio = np.asarray(audio, dtype=np.float32)
    if int(orig_rate) == int(target_rate):
        return audio.copy()
    if orig_rate <= 0 or target_rate <= 0:
        raise ValueError(f"sample rates must be positive, got {orig_rate} -> {target_rate}")
    return soxr.resample(audio, int(orig_rate), int(target_rate), quality="HQ").astype(np.float32)


def _checked_path(path: str | Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise AudioError(path, "file not found")
    if path.is_dir():
        raise AudioError(path, "is a directory, not an audio file")
    if path.stat().st_size == 0:
        raise AudioError(path, "file is empty (0 bytes)", _FORMATS_HINT)
    _check_wav_not_truncated(path)
    return path


def _libsndfile_reason(exc: Exception) -> str:
    text = str(exc)
    return text.split(": ", 1)[1].strip() if ": " in text else text


def _check_wav_not_truncated(path: Path) -> None:
    """libsndfile silently reads a WAV whose data was cut short: compare the declared size."""
    with path.open("rb") as f:
        head = f.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return
        size = path.stat().st_size
        pos = 12
        while pos + 8 <= size:
            f.seek(pos)
            chunk_id, chunk_size = struct.unpack("<4sI", f.read(8))
            if chunk_id == b"data":
                if chunk_size != 0xFFFFFFFF and pos + 8 + chunk_size > size:
                    raise AudioError(
                        path,
                        f"file is truncated: header declares {chunk_size} data bytes, "
                        f"only {size - pos - 8} present",
                    )
                return
            pos += 8 + chunk_size + (chunk_size & 1)
