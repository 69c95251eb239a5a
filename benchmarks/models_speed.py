"""Model benchmark: our transformers pipelines vs the original runtimes, in one run.

Prints ASR ms/utterance (our greedy pipeline vs faster-whisper on the original
CTranslate2 weights, same clips), TTS real-time factor (our pipeline vs the Piper ONNX
model in onnxruntime, same phoneme ids), cold build time of each model, and peak RSS.

    python benchmarks/models_speed.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time

import numpy as np

SENTENCES = [
    "Where can I find gluten free pasta?",
    "Do you have the blue running shoes in size ten?",
    "Attention shoppers, the store closes in fifteen minutes.",
    "Rewards members save an extra ten dollars on any purchase over fifty dollars.",
    "Paper towels, dish soap, and laundry detergent are in aisle nine.",
    "Our store hours are eight am to ten pm, Monday through Saturday.",
]


def _time(fn, repeats: int) -> float:
    """Median seconds of `repeats` calls after one warm-up call."""
    fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def cold_builds() -> dict[str, float]:
    from interview_prep.models import cache

    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["INTERVIEW_PREP_CACHE"] = tmp
        for name in ("asr", "tts"):
            start = time.perf_counter()
            cache.ensure(name, report=lambda *a: None)
            times[name] = time.perf_counter() - start
        del os.environ["INTERVIEW_PREP_CACHE"]
    cache._verified.clear()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    import onnxruntime
    import soxr
    from faster_whisper import WhisperModel

    from interview_prep import models
    from interview_prep.models.piper import source_files
    from interview_prep.models.whisper import source_dir

    builds = cold_builds()
    tts, asr = models.tts_pipeline(), models.asr_pipeline()
    clips = [soxr.resample(tts(s, seed=i)["audio"], 22050, 16000).astype(np.float32) for i, s in enumerate(SENTENCES)]

    fw = WhisperModel(str(source_dir()), device="cpu", compute_type="float32", cpu_threads=os.cpu_count() or 2)

    def ours_asr():
        for clip in clips:
            asr(clip)

    def fw_asr():
        for clip in clips:
            list(fw.transcribe(clip, beam_size=1, language="en", condition_on_previous_text=False)[0])

    asr_ours = _time(ours_asr, args.repeats) / len(clips) * 1000
    asr_fw = _time(fw_asr, args.repeats) / len(clips) * 1000

    session = onnxruntime.InferenceSession(str(source_files()[0]))
    tokenizer = tts.pipeline.tokenizer
    ids = [tokenizer(s, return_tensors="np").input_ids for s in SENTENCES]
    audio_seconds = sum(len(tts(s)["audio"]) for s in SENTENCES) / 22050
    scales = np.array([0.667, 1.0, 0.8], dtype=np.float32)

    def ours_tts():
        for s in SENTENCES:
            tts(s)

    def onnx_tts():
        for x in ids:
            session.run(None, {"input": x, "input_lengths": np.array([x.shape[1]]), "scales": scales})

    rtf_ours = _time(ours_tts, args.repeats) / audio_seconds
    rtf_onnx = _time(onnx_tts, args.repeats) / audio_seconds
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"{'metric':<44}{'ours':>10}{'baseline':>10}{'ratio':>8}")
    print(f"{'ASR ms/utterance (greedy, fp32) vs faster-whisper':<44}{asr_ours:>10.0f}{asr_fw:>10.0f}"
          f"{asr_ours / asr_fw:>8.2f}")
    print(f"{'TTS real-time factor vs Piper onnxruntime':<44}{rtf_ours:>10.3f}{rtf_onnx:>10.3f}"
          f"{rtf_ours / rtf_onnx:>8.2f}")
    for name, seconds in builds.items():
        print(f"cold build {name:<33}{seconds:>10.1f} s")
    print(f"{'peak RSS':<44}{peak_mb:>10.0f} MB")


if __name__ == "__main__":
    main()
