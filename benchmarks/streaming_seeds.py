"""Whether the asr-22 grader passes its reference solution at many seeds, and by what margin.

Each seed builds another call (5-7 sentences, 20-30 s) and other chunk lengths, so the
reference's WER and commit delays move with the seed. This grades the reference solution
through the app's engine (warm pool, one thread, as `check` does) at seeds 1..N and reads
what each run printed: the WER and the median and largest commit delay, against the
grader's limits. Prints one line per seed and the range of each measure; writes
benchmarks/results/streaming_seeds.json with digests of the grader, its sentences and the
reference solution, so a test can tell when the result is out of date.

    python benchmarks/streaming_seeds.py [--seeds 40]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from interview_prep.graders.asr import _announcements  # noqa: E402
from interview_prep.graders.asr import test_22_streaming as grader  # noqa: E402
from interview_prep.kata.catalog import load_catalog  # noqa: E402
from interview_prep.kata.sandbox.warm import WarmPool  # noqa: E402

KATA = "asr-22-streaming"
RESULT = ROOT / "benchmarks" / "results" / "streaming_seeds.json"
WER = re.compile(r"WER (\d+\.\d+)")
DELAYS = re.compile(r"median (\d+\.\d+) s, max (\d+\.\d+) s")


def digests() -> dict[str, str]:
    """sha256 of each file the result depends on (grader, its sentences, the reference), by path."""
    kata = load_catalog().get(KATA)
    files = (Path(grader.__file__), Path(_announcements.__file__), *sorted(kata.solution_dir.glob("*.py")))
    return {str(path.resolve().relative_to(ROOT)): hashlib.sha256(path.read_bytes()).hexdigest() for path in files}


def _measured(results) -> dict[str, float | None]:
    """The WER and commit delays a run printed (None where its test did not get that far)."""
    output = "\n".join(test.output or "" for test in results.tests)
    wer, delays = WER.search(output), DELAYS.search(output)
    return {"wer": float(wer.group(1)) if wer else None,
            "median_delay_s": float(delays.group(1)) if delays else None,
            "max_delay_s": float(delays.group(2)) if delays else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=40, help="grade at seeds 1..N (default 40)")
    parser.add_argument("--first", type=int, default=1, help="start at this seed instead of 1")
    args = parser.parse_args()
    kata = load_catalog().get(KATA)
    pool = WarmPool(keep_evidence=False)
    runs = {}
    print(f"{'seed':>4} {'status':>6} {'WER':>6} {'median delay':>13} {'max delay':>10} {'seconds':>8}", flush=True)
    try:
        for seed in range(args.first, args.seeds + 1):
            start = time.monotonic()
            results = pool.grade(kata, kata.solution_dir, seed=seed, next_kata=kata)
            row = {"status": results.status.value, **_measured(results),
                   "failed": [f"{t.name}: {t.message}" for t in results.tests if t.status.value != "pass"]}
            runs[str(seed)] = row
            shown = [f"{row[k]:.2f}" if row[k] is not None else "-" for k in ("wer", "median_delay_s", "max_delay_s")]
            print(f"{seed:>4} {row['status']:>6} {shown[0]:>6} {shown[1]:>12}s {shown[2]:>9}s "
                  f"{time.monotonic() - start:8.1f}", flush=True)
    finally:
        pool.close()
    limits = {"wer": grader.MAX_WER, "median_delay_s": grader.MAX_MEDIAN_DELAY_S, "max_delay_s": grader.MAX_DELAY_S}
    ranges = {}
    for key, limit in limits.items():
        values = [row[key] for row in runs.values() if row[key] is not None]
        ranges[key] = {"lowest": min(values), "highest": max(values), "limit": limit}
        print(f"{key}: {min(values):.2f}-{max(values):.2f} (limit {limit})")
    failing = [seed for seed, row in runs.items() if row["status"] != "pass"]
    print(f"reference fails at {len(failing)} of {len(runs)} seeds {failing or ''}")
    report = {"kata": KATA, "seeds": len(runs), "failing_seeds": failing, "ranges": ranges, "runs": runs,
              "digests": digests()}
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
