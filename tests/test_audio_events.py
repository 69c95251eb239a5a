"""Sound events and scenes: truth (onsets, SNR, levels) checked by measurement; determinism."""

from __future__ import annotations

import numpy as np
import pytest

from interview_prep.audio import cache, events, levels
from interview_prep.audio.events import EVENT_CLASSES, SILENCE, SPEECH_CLASSES, make_event_clip
from interview_prep.audio.items import EventClip

NON_SPEECH = [c for c in EVENT_CLASSES if c not in SPEECH_CLASSES and c != SILENCE]
ONSET_TOLERANCE_S = 0.010


def _measured_span(x: np.ndarray, sr: int, rel_db: float = -38.0) -> tuple[float, float]:
    """First and last sample within `rel_db` of the clip's peak (valid at high SNR)."""
    idx = np.flatnonzero(np.abs(x) >= np.abs(x).max() * 10 ** (rel_db / 20))
    return idx[0] / sr, (idx[-1] + 1) / sr


@pytest.fixture(scope="module")
def speech_pool():
    from interview_prep.audio.speech import speech_pool

    return speech_pool("test")


def _check_onsets(label, pool=None, seeds=range(6)):
    for seed in seeds:
        clip = make_event_clip(
            label, seed=seed, duration=3.0, snr_db=60, peak_dbfs=-1, speech_pool=pool, use_cache=False
        )
        onset, offset = _measured_span(clip.audio, clip.sample_rate)
        assert 0 <= clip.onset < clip.offset <= 3.0
        assert abs(onset - clip.onset) <= ONSET_TOLERANCE_S, (label, seed, onset, clip.onset)
        assert abs(offset - clip.offset) <= 0.1, (label, seed, offset, clip.offset)


@pytest.mark.parametrize("label", NON_SPEECH)
def test_event_onsets_match_truth(label):
    _check_onsets(label)


@pytest.mark.models
@pytest.mark.parametrize("label", sorted(SPEECH_CLASSES))
def test_speech_event_onsets_match_truth(label, speech_pool):
    _check_onsets(label, speech_pool, seeds=range(4))


@pytest.mark.parametrize("label", NON_SPEECH)
@pytest.mark.parametrize("snr", [0.0, 5.0, 20.0])
def test_clip_snr_over_the_event_span_is_exact(label, snr):
    """Replay the clip's draws to get its parts, fit clip = a*event + b*ambience, measure SNR."""
    clip = events.event_clip(label, np.random.default_rng(11), snr_db=snr)
    rng = np.random.default_rng(11)
    bed = events.store_ambience(16000, rng)
    fg, start, end = events._place(events.event_waveform(label, rng, length_s=2.0), 16000, rng)
    (a, b), *_ = np.linalg.lstsq(np.stack([fg, bed], axis=1).astype(np.float64), clip.audio, rcond=None)
    assert (start / 16000, end / 16000) == (clip.onset, clip.offset)
    assert np.abs(a * fg + b * bed - clip.audio).max() < 1e-5  # the replay explains the clip
    measured = levels.snr_db(a * fg[start:end], b * bed[start:end])
    assert measured == pytest.approx(snr, abs=0.1)


def test_silence_clips_are_quiet_room_tone():
    for seed in range(5):
        clip = make_event_clip(SILENCE, seed=seed, use_cache=False)
        assert -75.5 <= levels.rms_dbfs(clip.audio) <= -54.5
        assert (clip.onset, clip.offset, clip.snr_db) == (0.0, 1.0, None)


@pytest.mark.models
def test_clip_level_and_distractor():
    clip = make_event_clip("door_chime", seed=3, peak_dbfs=-6.0, use_cache=False)
    assert levels.peak_dbfs(clip.audio) == pytest.approx(-6.0, abs=1e-3)
    plain = make_event_clip("scanner_beep", seed=4, duration=2.0, snr_db=40, use_cache=False)
    busy = make_event_clip(
        "scanner_beep", seed=4, duration=2.0, snr_db=40, distractor_prob=1.0, use_cache=False
    )
    outside = np.ones(len(plain.audio), bool)
    outside[int(plain.onset * 16000) : int(plain.offset * 16000)] = False
    # the distractor adds sound outside the beep (the draws before it are shared)
    assert levels.rms(busy.audio[outside]) / levels.peak(busy.audio) > 3 * levels.rms(
        plain.audio[outside]
    ) / levels.peak(plain.audio)


def test_event_clip_is_deterministic_and_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEW_PREP_CACHE", str(tmp_path / "cache"))
    a = make_event_clip("cash_drawer", seed=5, snr_db=5)
    files = list((tmp_path / "cache" / "audio" / "event_clip").glob("*.npz"))
    assert len(files) == 1
    b = make_event_clip("cash_drawer", seed=5, snr_db=5)  # cache hit
    c = make_event_clip("cash_drawer", seed=5, snr_db=5, use_cache=False)  # fresh
    assert a.audio.tobytes() == b.audio.tobytes() == c.audio.tobytes()
    assert a.truth() == b.truth() == c.truth()
    d = make_event_clip("cash_drawer", seed=6, snr_db=5)
    assert d.audio.tobytes() != a.audio.tobytes()
    assert len(list(files[0].parent.glob("*.npz"))) == 2


def test_cache_rebuilds_damaged_files_and_prunes(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEW_PREP_CACHE", str(tmp_path / "cache"))
    a = make_event_clip("door_chime", seed=1)
    (path,) = (tmp_path / "cache" / "audio" / "event_clip").glob("*.npz")
    path.write_bytes(b"garbage")
    assert make_event_clip("door_chime", seed=1).audio.tobytes() == a.audio.tobytes()
    assert path.stat().st_size > 1000
    monkeypatch.setattr(cache, "MAX_CACHE_BYTES", 1)
    make_event_clip("door_chime", seed=2)
    assert len(list(path.parent.glob("*.npz"))) == 0  # everything beyond the cap is pruned


def test_item_truth_round_trip():
    clip = make_event_clip("card_reader_error", seed=9, use_cache=False)
    again = EventClip.from_truth(clip.audio, clip.sample_rate, clip.truth())
    assert again.truth() == clip.truth() and again.label == "card_reader_error"


def test_unknown_class_and_missing_pool_fail_clearly():
    with pytest.raises(ValueError, match="unknown event class"):
        events.event_waveform("dog_bark", 0)
    with pytest.raises(ValueError, match="speech pool"):
        events.event_waveform("customer_speech", 0)


@pytest.mark.models
def test_scene_event_list_matches_the_audio():
    from interview_prep.audio.scenes import make_scene

    scene = make_scene(seed=4, duration=40.0, snr_db=60.0)  # bed far below the -38 dB onset threshold
    assert scene.duration == pytest.approx(40.0)
    assert len(scene.events) >= 6
    assert len({e.label for e in scene.events}) >= 4
    sr = scene.sample_rate
    previous_end = 0.0
    for event in scene.events:
        assert event.onset >= previous_end + 0.3 - 1e-9  # no overlap, min gap
        s, e = int((event.onset - 0.2) * sr), int((event.offset + 0.05) * sr)
        onset, _ = _measured_span(scene.audio[s:e], sr)
        assert abs(s / sr + onset - event.onset) <= ONSET_TOLERANCE_S, event
        previous_end = event.offset
    again = make_scene(seed=4, duration=40.0, snr_db=60.0, use_cache=False)
    assert again.audio.tobytes() == scene.audio.tobytes() and again.events == scene.events
