"""What a spoken mock answer costs, per answer: reading the question aloud (TTS), transcribing the
answer (Silero VAD + Whisper tiny.en, cut in its pauses into pieces under 30 s) and scoring it by
its key points, against two baselines measured in the same run:

- the clip's own duration (real time: transcription slower than the answer itself would make the
  learner wait longer than they spoke), and
- the typed-answer path, the rubric alone on the model answer's text.

For each case (open questions of the bank) the model answer is spoken by our voice, written to a
WAV and sent through `mock.voice.transcribe_answer`, exactly as `mock --voice --answers-dir`
does; the question's prompt is read aloud with `mock.voice.read_aloud`. Models are loaded (and
warmed on one sentence) before timing. Output: a table, and benchmarks/results/spoken_answer.json
(per case: seconds per stage, real-time factors, key points covered spoken vs typed, words per
minute).

    python benchmarks/spoken_answer.py [--cases pipe-bypass-pipeline fund-wrong-rate-scenario] [--rounds 1]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
if "INTERVIEW_PREP_CACHE" not in os.environ:  # the built models, wherever the user's cache is
    import platformdirs

    os.environ["INTERVIEW_PREP_CACHE"] = platformdirs.user_cache_dir("interview-prep", appauthor=False)

from interview_prep import models  # noqa: E402
from interview_prep.audio.io import save_audio  # noqa: E402
from interview_prep.mock.voice import (  # noqa: E402
    read_aloud,
    speakable_text,
    transcribe_answer,
    transcribe_audio,
)
from interview_prep.quiz.bank import load_bank  # noqa: E402
from interview_prep.quiz.rubric import score_answer  # noqa: E402

CASES = ["pipe-bypass-pipeline", "fund-sample-rate-choice"]
OUT = ROOT / "benchmarks" / "results" / "spoken_answer.json"


def _timed(fn, *args, **kwargs):
    started = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - started


def run_case(question, tts, asr, folder: Path) -> dict:
    """One answer through the whole spoken path, with the typed path and the clip's length as baselines."""
    question_wav, read_s = _timed(read_aloud, question.prompt, folder / f"{question.id}-question.wav", tts)
    spoken_audio, synth_s = _timed(tts, speakable_text(question.model_answer))  # the learner's "voice" (setup)
    clip = save_audio(folder / f"{question.id}-answer.wav", spoken_audio["audio"], spoken_audio["sampling_rate"])
    spoken, transcribe_s = _timed(transcribe_answer, clip, asr)
    spoken_score, rubric_spoken_s = _timed(score_answer, question, spoken.text)
    rounds = 200
    started = time.perf_counter()
    for _ in range(rounds):
        typed_score = score_answer(question, question.model_answer)
    rubric_typed_s = (time.perf_counter() - started) / rounds
    duration = spoken.metrics.duration_s
    pipeline_s = transcribe_s + rubric_spoken_s
    return {
        "question_words": len(speakable_text(question.prompt).split()),
        "answer_words": len(speakable_text(question.model_answer).split()),
        "clip_s": round(duration, 2),
        "read_aloud_s": round(read_s, 3),
        "transcribe_s": round(transcribe_s, 3),
        "rubric_spoken_s": round(rubric_spoken_s, 5),
        "spoken_answer_s": round(pipeline_s, 3),
        "baseline_typed_rubric_s": round(rubric_typed_s, 5),
        "baseline_clip_real_time_s": round(duration, 2),
        "transcribe_rtf": round(transcribe_s / duration, 3) if duration else None,
        "spoken_vs_typed_ratio": round(pipeline_s / rubric_typed_s, 1) if rubric_typed_s else None,
        "synthesize_answer_s_setup": round(synth_s, 3),
        "key_points": typed_score.total,
        "covered_typed": len(typed_score.covered),
        "covered_spoken": len(spoken_score.covered),
        "missed_spoken": [p.point for p in spoken_score.missed],
        "wpm": spoken.metrics.wpm,
        "long_pauses": spoken.metrics.long_pauses,
        "question_wav_bytes": question_wav.stat().st_size,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", default=CASES, metavar="QID", help="open question ids")
    parser.add_argument("--rounds", type=int, default=1, help="rounds per case (medians are reported)")
    args = parser.parse_args()
    bank = load_bank().by_id()
    load_at_start = list(os.getloadavg())
    started = time.perf_counter()
    tts, asr = models.tts_pipeline(), models.asr_pipeline()
    warm = tts("Warm up the voice and the recognizer.")
    transcribe_audio(warm["audio"], warm["sampling_rate"], asr)
    load_s = time.perf_counter() - started
    report: dict = {"load_at_start": load_at_start, "cpus": os.cpu_count(), "rounds": args.rounds,
                    "models_load_and_warm_s": round(load_s, 2), "cases": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for qid in args.cases:
            runs = []
            for round_ in range(args.rounds):
                folder = Path(tmp) / f"{qid}-{round_}"
                folder.mkdir()
                runs.append(run_case(bank[qid], tts, asr, folder))
            median = {key: statistics.median(r[key] for r in runs) if isinstance(runs[0][key], float) else runs[-1][key]
                      for key in runs[0]}
            report["cases"][qid] = {**median, "runs": runs}
            c = report["cases"][qid]
            print(f"{qid}: clip {c['clip_s']:.1f} s · read aloud {c['read_aloud_s']:.2f} s · transcribe "
                  f"{c['transcribe_s']:.2f} s (RTF {c['transcribe_rtf']}) · "
                  f"rubric {c['rubric_spoken_s'] * 1000:.2f} ms "
                  f"(typed {c['baseline_typed_rubric_s'] * 1000:.2f} ms) · key points spoken "
                  f"{c['covered_spoken']}/{c['key_points']} vs typed {c['covered_typed']}/{c['key_points']} · "
                  f"{c['wpm']:.0f} wpm")
    report["load_at_end"] = list(os.getloadavg())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
