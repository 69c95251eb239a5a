"""Grading time of every kata's reference solution: the previous engine, this engine cold and
warm, and the floor, in one run.

For each kata (median of `--rounds`, after one warm-up run that fills the model, audio and
file caches):
- previous: `grade()` of the one-process engine (`engines.OLD_ENGINE_REV`), a fresh process;
- cold: this engine's `grade()` with nothing prepared (as `interview-prep check`);
- warm: this engine with a prepared process (as `watch` and the TUI after an edit; for a
  model-backed kata forked from the grading zygote, its learner worker from the worker zygote);
- floor: the same grader and solution in one already-warm process (`engines.time_floor`).
Goals: model-backed warm median <= 5 s and <= 1.5x the floor; model-free checks <= 0.6 s
warm. A reference solution that fails at a seed is reported (`reference_failed`) and that
sample left out. Output also goes to benchmarks/results/kata_grading_times.json, written
after each kata.

    python benchmarks/kata_grading_times.py [--rounds 3] [--only KATA_ID ...] [--no-previous]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import engines  # noqa: E402

from interview_prep.kata.catalog import load_catalog  # noqa: E402


def measure(kata, rounds: int, old_tree: Path | None) -> dict:
    failures: list[str] = []

    def timed(way, seed: int) -> float | None:
        try:
            return way(kata, seed=seed)
        except engines.ReferenceFailed as exc:  # recorded (a grader failing its reference), not fatal
            failures.append(f"{way.__name__}: {str(exc)[:400]}")
            return None

    timed(engines.time_cold, 1)  # warm-up: caches
    times: dict[str, list[float]] = {"previous": [], "cold": [], "warm": []}
    for n in range(rounds):
        if old_tree is not None:
            try:
                times["previous"].append(engines.time_old(old_tree, kata.id, seed=2 + n))
            except Exception:  # noqa: BLE001 - a kata the previous engine did not have
                pass
        for way in ("cold", "warm"):
            elapsed = timed(getattr(engines, f"time_{way}"), 2 + n)
            if elapsed is not None:
                times[way].append(elapsed)
    result: dict = {name: statistics.median(values) for name, values in times.items() if values}
    result["floor"] = statistics.median(engines.time_floor(kata.id, rounds))
    if failures:
        result["reference_failed"] = failures
    return result


def _cell(times: dict, name: str, width: int) -> str:
    return f"{times[name]:{width}.2f}" if name in times else f"{'-':>{width}}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None, metavar="KATA_ID")
    parser.add_argument("--no-previous", action="store_true", help="skip the previous engine")
    args = parser.parse_args()
    catalog = load_catalog()
    katas = [k for k in catalog if not args.only or k.id in args.only]
    old_tree = None if args.no_previous else engines.old_engine_tree()
    report: dict[str, object] = {"rounds": args.rounds, "load_average_start": os.getloadavg()[0], "katas": {}}
    print(f"medians of {args.rounds}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'kata':36} {'models':11} {'previous':>8} {'cold':>7} {'warm':>7} {'floor':>7} {'warm/floor':>10}")
    out = Path(__file__).with_name("results")
    out.mkdir(exist_ok=True)
    for kata in katas:
        times = measure(kata, args.rounds, old_tree)
        report["katas"][kata.id] = {"models": list(kata.models), **times}
        ratio = f"{times['warm'] / times['floor']:9.2f}x" if "warm" in times else f"{'-':>10}"
        print(f"{kata.id:36} {','.join(kata.models) or '-':11} {_cell(times, 'previous', 8)} {_cell(times, 'cold', 7)} "
              f"{_cell(times, 'warm', 7)} {_cell(times, 'floor', 7)} {ratio}", flush=True)
        for failure in times.get("reference_failed", []):
            print(f"  the reference solution FAILED ({failure.splitlines()[0]})", flush=True)
        report["load_average_end"] = os.getloadavg()[0]
        (out / "kata_grading_times.json").write_text(json.dumps(report, indent=2) + "\n")  # after each kata
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
