"""Silero VAD: speech is found where it is, noise-only audio yields nothing."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from interview_prep.audio.degrade import colored_noise
from interview_prep.audio.events import make_event_clip, store_ambience
from interview_prep.vad import speech_segments, transcribe_speech


@pytest.mark.parametrize("color", ["white", "pink", "brown"])
def test_noise_only_yields_no_segments(color):
    noise = 0.1 * colored_noise(16000 * 3, seed=2, color=color)
    assert speech_segments(noise, 16000) == []


@pytest.mark.parametrize(
    "label", ["scanner_beep", "door_chime", "cash_drawer", "background_music", "silence"]
)
def test_non_speech_events_yield_no_segments(label):
    clip = make_event_clip(label, seed=5, duration=3.0, snr_db=20, use_cache=False)
    assert speech_segments(clip.audio, clip.sample_rate) == []


def test_vad_restores_torch_threads():
    """silero_vad sets torch to 1 thread on import; our loader must undo that (fresh process)."""
    code = (
        "import numpy as np, torch; torch.set_num_threads(2); "
        "from interview_prep.vad import speech_segments; speech_segments(np.zeros(16000, np.float32), 16000); "
        "print(torch.get_num_threads())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "2"


@pytest.mark.models
def test_speech_is_found_where_it_was_placed():
    from interview_prep.audio.speech import make_retail_speech

    sr = 16000
    for seed, rate in ((1, 16000), (2, 8000), (3, 44100)):
        speech = make_retail_speech(seed=seed)
        start = 1.5
        bed = 0.003 * store_ambience(int(sr * (speech.duration + 3.0)), seed)
        bed[int(start * sr) : int(start * sr) + len(speech.audio)] += speech.audio
        from interview_prep.audio.io import resample

        audio = resample(bed, sr, rate)
        segments = speech_segments(audio, rate)
        assert segments, seed
        assert abs(segments[0].start - start) < 0.15
        assert abs(segments[-1].end - (start + speech.duration)) < 0.3
        assert sum(s.duration for s in segments) > 0.6 * speech.duration


@pytest.mark.models
def test_vad_gate_keeps_whisper_quiet_on_noise():
    from interview_prep import models

    asr = models.asr_pipeline()
    noise = 0.05 * colored_noise(16000 * 5, seed=9, color="pink")
    assert transcribe_speech(noise, 16000, asr) == ""
    from interview_prep.audio.speech import make_retail_speech

    speech = make_retail_speech(seed=4)
    padded = np.concatenate([noise[:16000], speech.audio + noise[16000 : 16000 + len(speech.audio)]])
    assert len(transcribe_speech(padded, 16000, asr).split()) >= 3
