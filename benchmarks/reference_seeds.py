"""Whether every grader passes its reference solution at seeds other than the suite's.

The suite grades each reference at seed 0 (`dev check`) and a few at one more seed. Graders
draw their inputs from the seed, so a grader whose limits are too tight for some draws fails
a correct solution only at those seeds: a learner sees it as a wrong grade. This grades every
kata's reference solution through the app's engine (warm pool, one thread, as `check` does)
at seeds 1..N and prints each failure with its message. Writes
benchmarks/results/reference_seeds.json. Katas measured at many seeds by a benchmark of their
own (asr-22, asr-23, classify-25) are skipped unless named.

    python benchmarks/reference_seeds.py [--seeds 3] [KATA ...]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from interview_prep.kata.catalog import load_catalog  # noqa: E402
from interview_prep.kata.sandbox.warm import WarmPool  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "reference_seeds.json"
OWN_BENCHMARK = ("asr-22-streaming", "asr-23-vocabulary-biasing", "classify-25-linear-probe")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3, help="grade at seeds 1..N (default 3)")
    parser.add_argument("katas", nargs="*", help="kata ids (default: all but those with a benchmark of their own)")
    args = parser.parse_args()
    catalog = load_catalog()
    katas = [catalog.get(k) for k in args.katas] or [k for k in catalog.katas if k.id not in OWN_BENCHMARK]
    runs = [(kata, seed) for kata in katas for seed in range(1, args.seeds + 1)]
    pool = WarmPool(keep_evidence=False)
    report: dict[str, dict[str, object]] = {}
    started = time.monotonic()
    try:
        for n, (kata, seed) in enumerate(runs):
            following = runs[n + 1][0] if n + 1 < len(runs) else None
            start = time.monotonic()
            results = pool.grade(kata, kata.solution_dir, seed=seed, next_kata=following)
            failed = [f"{t.name}: {t.message}" for t in results.tests if t.status.value != "pass"]
            if results.message:
                failed.append(results.message)
            report.setdefault(kata.id, {})[str(seed)] = {"status": results.status.value, "failed": failed}
            print(f"[{n + 1}/{len(runs)}] {kata.id} seed {seed}: {results.status.value} "
                  f"({time.monotonic() - start:.1f} s)", flush=True)
            for line in failed:
                print("    " + line.replace("\n", "\n    "), flush=True)
    finally:
        pool.close()
    failing = {kata: [seed for seed, run in seeds.items() if run["status"] != "pass"] for kata, seeds in report.items()}
    failing = {kata: seeds for kata, seeds in failing.items() if seeds}
    print(f"{len(runs)} gradings of {len(katas)} references in {time.monotonic() - started:.0f} s; "
          f"failing: {failing or 'none'}")
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(json.dumps({"seeds": args.seeds, "failing": failing, "runs": report}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
