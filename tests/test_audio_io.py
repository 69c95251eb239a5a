"""Audio I/O: round trips, resampling, and a corpus of bad files that must fail clearly."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from interview_prep.audio import io
from interview_prep.audio.io import AudioError, duration, load_audio, read_audio, resample, save_audio
from interview_prep.errors import UserError


def _sine(freq: float, sr: int, seconds: float = 1.0, amp: float = 0.5) -> np.ndarray:
    t = np.arange(int(sr * seconds)) / sr
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def _dominant_hz(x: np.ndarray, sr: int) -> float:
    spec = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / sr)[np.argmax(spec)])


@pytest.mark.parametrize("ext", ["wav", "flac", "ogg"])
def test_load_resamples_any_format_to_mono_float32(tmp_path, ext):
    stereo = np.stack([_sine(1000, 44100), _sine(1000, 44100)], axis=1)
    path = tmp_path / f"tone.{ext}"
    sf.write(path, stereo, 44100)
    x = load_audio(path, sample_rate=16000)
    assert x.dtype == np.float32 and x.ndim == 1
    assert abs(len(x) - 16000) <= 1
    assert abs(_dominant_hz(x, 16000) - 1000) < 2
    assert abs(np.sqrt(np.mean(x[1000:-1000] ** 2)) - 0.5 / np.sqrt(2)) < 0.02  # level kept


def test_save_then_read_round_trip_and_duration(tmp_path):
    x = _sine(440, 22050, 0.5)
    path = save_audio(tmp_path / "sub" / "a.wav", x, 22050, subtype="FLOAT")
    data, sr = read_audio(path)
    assert sr == 22050 and data.shape == (len(x), 1)
    np.testing.assert_array_equal(data[:, 0], x)
    assert duration(path) == pytest.approx(0.5)


def test_resample_keeps_frequency_and_length():
    x = _sine(3000, 48000)
    y = resample(x, 48000, 8000)
    assert len(y) == 8000
    assert abs(_dominant_hz(y, 8000) - 3000) < 2
    np.testing.assert_array_equal(resample(x, 16000, 16000), x)


# ---------------------------------------------------------------- bad-audio corpus


def _good_wav_bytes(tmp_path, subtype="PCM_16") -> bytes:
    p = tmp_path / "good.wav"
    sf.write(p, _sine(440, 16000), 16000, subtype=subtype)
    return p.read_bytes()


def _make_bad(kind: str, tmp_path):
    """Write one bad input; returns (path, fragment the reason must contain)."""
    path = tmp_path / f"bad-{kind}.wav"
    if kind == "missing":
        return path, "not found"
    if kind == "directory":
        path.mkdir()
        return path, "directory"
    if kind == "empty_file":
        path.write_bytes(b"")
        return path, "empty"
    if kind == "zero_length":
        sf.write(path, np.zeros(0, np.float32), 16000)
        return path, "no samples"
    if kind == "truncated_header":
        path.write_bytes(_good_wav_bytes(tmp_path)[:20])
        return path, "not a readable audio file"
    if kind == "truncated_data":
        path.write_bytes(_good_wav_bytes(tmp_path)[:5000])
        return path, "truncated"
    if kind in ("nan", "inf"):
        x = _sine(440, 16000)
        x[123] = np.nan if kind == "nan" else np.inf
        sf.write(path, x, 16000, subtype="FLOAT")
        return path, "NaN or infinite"
    if kind == "text_file":
        path.write_text("this is not audio at all\n" * 20)
        return path, "not a readable audio file"
    if kind == "unsupported_format":
        path = tmp_path / "clip.mp4"
        path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8)
        return path, "not a readable audio file"
    raise AssertionError(kind)


BAD_KINDS = [
    "missing",
    "directory",
    "empty_file",
    "zero_length",
    "truncated_header",
    "truncated_data",
    "nan",
    "inf",
    "text_file",
    "unsupported_format",
]


@pytest.mark.parametrize("kind", BAD_KINDS)
@pytest.mark.parametrize("reader", ["load_audio", "read_audio", "duration"])
def test_bad_audio_raises_one_clear_error(tmp_path, kind, reader):
    path, reason = _make_bad(kind, tmp_path)
    if reader == "duration" and kind in ("nan", "inf"):
        pytest.skip("duration reads the header only")
    with pytest.raises(AudioError) as err:
        getattr(io, reader)(path)
    message = str(err.value)
    assert isinstance(err.value, UserError)
    assert path.name in message and reason in message
    assert "\n" not in err.value.message


def test_cli_style_message_is_single_line(tmp_path):
    path, _ = _make_bad("truncated_data", tmp_path)
    with pytest.raises(AudioError) as err:
        load_audio(path)
    assert err.value.message.startswith(f"bad audio '{path}'")
    assert "declares" in err.value.message


@pytest.mark.parametrize(
    "array, reason",
    [
        (np.zeros(0, np.float32), "no samples"),
        (np.array([0.1, np.nan], np.float32), "NaN"),
        (np.zeros((2, 2, 2), np.float32), "shape"),
    ],
)
def test_save_rejects_bad_arrays(tmp_path, array, reason):
    with pytest.raises(AudioError, match=reason):
        save_audio(tmp_path / "x.wav", array, 16000)
    assert not (tmp_path / "x.wav").exists()
