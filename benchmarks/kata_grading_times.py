"""Warm grading time of every kata's reference solution, against a model-free baseline kata.

Each kata is graded once to warm the caches (model folders, synthetic audio banks, the OS
file cache), then `--rounds` more times; the median of those is its warm time. The baseline
is the model-free kata asr-04-wer graded in the same way in the same run, so the ratio
column says how much the models and audio add to the engine's fixed cost. The target is
<= 30 s warm per kata on a 2-core machine.

    python benchmarks/kata_grading_times.py [--rounds 1] [--only KATA_ID ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from interview_prep.kata.catalog import load_catalog  # noqa: E402
from interview_prep.kata.sandbox.runner import grade  # noqa: E402

BASELINE = "asr-04-wer"
TARGET_S = 30.0


def warm_seconds(kata, rounds: int) -> tuple[float, str]:
    solution = kata.solution_dir
    grade(kata, solution, seed=1)  # warm-up
    times, status = [], ""
    for i in range(rounds):
        started = time.perf_counter()
        results = grade(kata, solution, seed=2 + i)
        times.append(time.perf_counter() - started)
        status = str(results.status)
    return statistics.median(times), status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--only", nargs="*", default=None, metavar="KATA_ID")
    args = parser.parse_args()
    catalog = load_catalog()
    katas = [k for k in catalog if not args.only or k.id in args.only]
    base, _ = warm_seconds(catalog.get(BASELINE), args.rounds)
    print(f"baseline {BASELINE}: {base:.1f} s warm (load average {os.getloadavg()[0]:.1f})")
    print(f"{'kata':40} {'models':14} {'warm s':>7} {'x base':>7}  verdict")
    worst = 0.0
    for kata in katas:
        seconds, status = warm_seconds(kata, args.rounds)
        worst = max(worst, seconds)
        flag = "ok" if seconds <= TARGET_S else f"OVER {TARGET_S:g} s"
        models = ",".join(kata.models) or "-"
        print(f"{kata.id:40} {models:14} {seconds:7.1f} {seconds / base:7.1f}  {status} {flag}", flush=True)
    print(f"slowest: {worst:.1f} s (target <= {TARGET_S:g} s); load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
