"""What keeping a failed check's evidence costs: the same failing check with evidence on and off.

In one run, for each case (a plausible wrong solution of a model-backed kata), `grade()`
runs with `INTERVIEW_PREP_EVIDENCE=off` and on, alternating which goes first from round
to round (the machine is shared: load drifts). Reported per case: the check's time off
and on (median over rounds), the difference and its ratio to the time off, and, measured
inside the grading process, the time its failed tests spent writing their evidence (WAVs,
drawing the PNG, including matplotlib's import; `seconds` in each evidence.json) and what
it kept (files, bytes). The in-process time is the precise figure; the difference of
whole checks is noisy under load. The model-free katas (asr-01, tts-12) check in a few
seconds, so their one picture (and matplotlib's import) weighs more. Output: a table, and
benchmarks/results/evidence_cost.json.

    python benchmarks/evidence_cost.py [--rounds 1] [--cases asr-01 tts-10 asr-05 ...]
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

from interview_prep.kata import evidence  # noqa: E402
from interview_prep.kata.catalog import load_catalog  # noqa: E402
from interview_prep.kata.sandbox.runner import grade  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
CASES = {  # short name: (kata id, wrong solution)
    "asr-01": ("asr-01-load-audio", FIXTURES / "wrong_variants" / "asr-01-load-audio" / "no_resample"),
    "tts-10": ("tts-10-synthesize", FIXTURES / "wrong_variants" / "tts-10-synthesize" / "resampled_16k"),
    "asr-05": ("asr-05-transcribe-queries", FIXTURES / "grading_cases" / "asr05_fail_no_resampling"),
    "classify-16": ("classify-16-classify-events",
                    FIXTURES / "wrong_variants" / "classify-16-classify-events" / "no_resample"),
    "classify-17": ("classify-17-sound-event-detection",
                    FIXTURES / "wrong_variants" / "classify-17-sound-event-detection" / "no_resample"),
    "tts-12": ("tts-12-audio-length-analysis", FIXTURES / "wrong_variants" / "tts-12-audio-length-analysis" /
               "absolute_threshold"),
}
SEED = 20240606
OUT = ROOT / "benchmarks" / "results" / "evidence_cost.json"


def _check(kata, source: Path, on: bool) -> dict:
    os.environ[evidence.SWITCH_ENV] = "on" if on else "off"
    started = time.perf_counter()
    results = grade(kata, source, seed=SEED)
    took = time.perf_counter() - started
    files = [Path(p) for t in results.tests for p in t.evidence]
    inside = 0.0
    for data in {f.parent / evidence.DATA_NAME for f in files}:
        try:
            inside += float(json.loads(data.read_text()).get("seconds", 0.0))
        except (OSError, ValueError):
            pass
    return {
        "seconds": round(took, 2),
        "status": str(results.status),
        "failed_tests": sum(1 for t in results.tests if str(t.status) != "pass"),
        "tests_with_evidence": sum(1 for t in results.tests if t.evidence),
        "files": len(files),
        "pngs": sum(1 for f in files if f.suffix == ".png"),
        "wavs": sum(1 for f in files if f.suffix == ".wav"),
        "bytes": sum(f.stat().st_size for f in files if f.is_file()),
        "evidence_s_in_grading_process": round(inside, 2),
        "load": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="off/on pairs per case")
    parser.add_argument("--cases", nargs="+", choices=sorted(CASES), default=list(CASES))
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write the results (default {OUT.name})")
    args = parser.parse_args()

    catalog = load_catalog()
    home = Path(tempfile.mkdtemp(prefix="evidence-cost-"))
    os.environ["INTERVIEW_PREP_HOME"] = str(home)  # evidence goes to a scratch data dir
    print(f"load average at start: {os.getloadavg()}; {os.cpu_count()} CPUs")
    report = {"load_at_start": list(os.getloadavg()), "cpus": os.cpu_count(), "rounds": args.rounds, "cases": {}}
    for name in args.cases:
        kata_id, source = CASES[name]
        kata = catalog.get(kata_id)
        runs = {"off": [], "on": []}
        for round_ in range(args.rounds):
            order = (False, True) if round_ % 2 == 0 else (True, False)
            for on in order:
                run = _check(kata, source, on)
                runs["on" if on else "off"].append(run)
                print(f"  {name} evidence {'on ' if on else 'off'}: {run['seconds']:6.1f} s ({run['status']}, "
                      f"{run['pngs']} PNG, {run['wavs']} WAV, {run['bytes'] / 1e6:.1f} MB, "
                      f"{run['evidence_s_in_grading_process']:.1f} s writing evidence, load {run['load']})")
        off = round(statistics.median(r["seconds"] for r in runs["off"]), 2)
        on = round(statistics.median(r["seconds"] for r in runs["on"]), 2)
        inside = round(statistics.median(r["evidence_s_in_grading_process"] for r in runs["on"]), 2)
        report["cases"][name] = {
            "kata": kata_id,
            "variant": source.name,
            "check_off_s": off,
            "check_on_s": on,
            "extra_s": round(on - off, 2),
            "extra_ratio": round((on - off) / off, 3),
            "evidence_s_in_grading_process": inside,
            "evidence_ratio": round(inside / off, 3),
            "runs": runs,
        }
    print()
    print(f"{'case':<12} {'off s':>7} {'on s':>7} {'extra s':>8} {'ratio':>7} {'in-process s':>13} {'ratio':>7}")
    for name, row in report["cases"].items():
        print(f"{name:<12} {row['check_off_s']:7.1f} {row['check_on_s']:7.1f} {row['extra_s']:8.1f} "
              f"{row['extra_ratio']:7.1%} {row['evidence_s_in_grading_process']:13.1f} {row['evidence_ratio']:7.1%}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
