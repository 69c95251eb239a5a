"""Audio I/O, levels, degradations and seeded synthetic retail audio with its truth.

    from interview_prep import audio
    x = audio.load_audio("clip.flac", sample_rate=16000)   # mono float32, soxr resampled
    clip = audio.make_retail_speech(seed=3)                 # SpeechClip(audio, sample_rate, text, ...)
    ev = audio.make_event_clip("door_chime", seed=1, snr_db=5)
    scene = audio.make_scene(seed=7, duration=30, snr_db=10)
    fb = audio.make_feedback(seed=2, sentiment="negative", tone="flat")

Generators take a seed, are deterministic byte for byte, and cache on disk (int seeds).
Submodules with TTS or heavy imports load lazily.
"""

from interview_prep.audio.degrade import (
    add_noise,
    change_rate,
    clip,
    colored_noise,
    gain,
    mix_at_snr,
    telephone,
    to_stereo,
)
from interview_prep.audio.events import EVENT_CLASSES, make_event_clip
from interview_prep.audio.feedback import make_feedback
from interview_prep.audio.io import AudioError, duration, load_audio, read_audio, resample, save_audio
from interview_prep.audio.items import EventClip, EventSpan, FeedbackClip, Scene, SpeechClip
from interview_prep.audio.levels import peak, peak_dbfs, rms, rms_dbfs, snr_db
from interview_prep.audio.scenes import make_scene
from interview_prep.audio.speech import make_retail_speech, normalize_text, synthesize

__all__ = [
    "EVENT_CLASSES",
    "AudioError",
    "EventClip",
    "EventSpan",
    "FeedbackClip",
    "Scene",
    "SpeechClip",
    "add_noise",
    "change_rate",
    "clip",
    "colored_noise",
    "duration",
    "gain",
    "load_audio",
    "make_event_clip",
    "make_feedback",
    "make_retail_speech",
    "make_scene",
    "mix_at_snr",
    "normalize_text",
    "peak",
    "peak_dbfs",
    "read_audio",
    "resample",
    "rms",
    "rms_dbfs",
    "save_audio",
    "snr_db",
    "synthesize",
    "telephone",
    "to_stereo",
]
