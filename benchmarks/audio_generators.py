"""Synthetic-audio generator throughput: seconds of audio produced per wall-clock second.

Each generator runs uncached (fresh synthesis, TTS included where it speaks) and then
from the warm on-disk cache. Baseline in the same run: writing and reading back the same
amount of audio as a WAV file with soundfile (what a test fixture on disk would cost).
The TTS speech pool and models are loaded once before timing.

    python benchmarks/audio_generators.py [--items 8]
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _rate(make, items: int) -> tuple[float, float]:
    """(seconds of audio per second, seconds of audio made) over `items` calls."""
    t = time.perf_counter()
    audio_s = sum(make(i).duration for i in range(items))
    return audio_s / (time.perf_counter() - t), audio_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=8)
    args = parser.parse_args()

    import soundfile as sf

    from interview_prep import models
    from interview_prep.audio import degrade
    from interview_prep.audio.events import make_event_clip
    from interview_prep.audio.feedback import make_feedback
    from interview_prep.audio.items import AudioItem
    from interview_prep.audio.scenes import make_scene
    from interview_prep.audio.speech import make_retail_speech, speech_pool

    print(f"load average at start: {os.getloadavg()}")
    models.tts_pipeline()
    speech_pool("test")
    n = args.items
    with tempfile.TemporaryDirectory() as cache:
        os.environ["INTERVIEW_PREP_CACHE"] = cache  # cold cache, but the pool stays in memory
        generators = {
            "event clip, non-speech (1 s)": lambda i, c: make_event_clip(
                ("scanner_beep", "door_chime", "cash_drawer", "background_music")[i % 4], seed=i, use_cache=c
            ),
            "event clip, speech (1 s)": lambda i, c: make_event_clip(
                ("customer_speech", "pa_announcement", "crowd_babble")[i % 3], seed=i, use_cache=c
            ),
            "scene (30 s)": lambda i, c: make_scene(seed=i, duration=30.0, use_cache=c),
            "retail speech (TTS)": lambda i, c: make_retail_speech(seed=1000 + i, use_cache=c),
            "feedback (TTS, tone)": lambda i, c: make_feedback(
                seed=1000 + i, tone=("upbeat", "flat")[i % 2], use_cache=c
            ),
        }
        print(f"\n{'generator':<30} {'fresh x realtime':>16} {'cached x realtime':>17} {'audio s':>8}")
        for name, make in generators.items():
            fresh, audio_s = _rate(lambda i, make=make: make(i, False), n)
            _rate(lambda i, make=make: make(i, True), n)  # fill the cache
            cached, _ = _rate(lambda i, make=make: make(i, True), n)
            print(f"{name:<30} {fresh:16.1f} {cached:17.1f} {audio_s:8.1f}")

        x = np.random.default_rng(0).standard_normal(16000 * 30).astype(np.float32) * 0.1
        item = AudioItem(audio=x, sample_rate=16000)
        for name, fn in {
            "add_noise @ exact SNR (30 s)": lambda: degrade.add_noise(x, 5.0, seed=1, color="pink"),
            "telephone band (30 s)": lambda: degrade.telephone(x, 16000),
        }.items():
            t = time.perf_counter()
            for _ in range(n):
                fn()
            print(f"{name:<30} {n * item.duration / (time.perf_counter() - t):16.1f}")

        t = time.perf_counter()
        for _ in range(n):
            buf = io.BytesIO()
            sf.write(buf, x, 16000, format="WAV")
            buf.seek(0)
            sf.read(buf, dtype="float32")
        wav = n * item.duration / (time.perf_counter() - t)
        print(f"{'baseline: WAV write+read (30 s)':<30} {wav:16.1f}")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
