"""A prepared grading process started from scratch vs forked from the grading zygote, in one run.

For each kata (median of `--rounds`, the two ways alternating): the wall time until the
`Standby` is ready (grader imported, models loaded on both sides, learner worker waiting)
and the CPU seconds spent by then, of the grading process alone and with its learner
worker. The CPU is what batch grading (`dev check`, the test suite: every core busy) pays
per check; the zygote's own start-up (paid once per pool) is printed separately. Each
round then grades the reference solution, so both ways are shown to pass.
Output also goes to benchmarks/results/grading_zygote.json.

    python benchmarks/grading_zygote.py [--rounds 3] [--only KATA_ID ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from interview_prep import paths  # noqa: E402
from interview_prep.kata.catalog import load_catalog  # noqa: E402
from interview_prep.kata.sandbox.client import descendants  # noqa: E402
from interview_prep.kata.sandbox.runner import Standby, grade, sandbox_env  # noqa: E402
from interview_prep.kata.sandbox.zygote import Zygote  # noqa: E402

KATAS = ("asr-05-transcribe-queries", "asr-22-streaming", "tts-10-synthesize", "classify-16-classify-events")
TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) of one process, all its threads."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def prepare(kata, zygote: Zygote | None) -> dict[str, float]:
    started = time.perf_counter()
    standby = Standby(kata, zygote=zygote)
    assert (zygote is None) == (type(standby.proc).__name__ == "Popen"), "the zygote was not used"
    while not standby.ready:
        assert standby.proc.poll() is None, "the grading process ended before it was ready"
        time.sleep(0.01)
    ready_s = time.perf_counter() - started
    grader = _cpu(standby.proc.pid)
    both = grader + sum(_cpu(pid) for pid in descendants(standby.proc.pid))
    results = grade(kata, kata.solution_dir, seed=1, standby=standby)
    assert results.passed, results.to_json()[:2000]
    return {"ready_s": ready_s, "grader_cpu_s": grader, "both_cpu_s": both}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None, metavar="KATA_ID")
    args = parser.parse_args()
    catalog = load_catalog()
    started = time.perf_counter()
    zygote = Zygote(sandbox_env(), paths.cache_dir() / "sandbox-home")
    assert zygote.wait_ready(300), f"the zygote did not become ready: {zygote.unusable}"
    zygote_s = time.perf_counter() - started
    report: dict[str, object] = {"rounds": args.rounds, "load_average_start": os.getloadavg()[0],
                                 "zygote_ready_s": zygote_s, "zygote_cpu_s": _cpu(zygote.proc.pid), "katas": {}}
    print(f"medians of {args.rounds}; load average {os.getloadavg()[0]:.1f}; zygote ready in {zygote_s:.2f} s "
          f"({report['zygote_cpu_s']:.2f} s CPU, once per pool)")
    print(f"{'kata':30} {'ready s':>15} {'grader CPU s':>15} {'both CPU s':>15} {'CPU saved':>10}")
    print(f"{'':30} {'start':>7} {'fork':>7} {'start':>7} {'fork':>7} {'start':>7} {'fork':>7}")
    try:
        for kata_id in args.only or KATAS:
            kata = catalog.get(kata_id)
            prepare(kata, zygote)  # warm-up: caches
            rounds: dict[str, list[dict[str, float]]] = {"start": [], "fork": []}
            for _ in range(args.rounds):
                rounds["start"].append(prepare(kata, None))
                rounds["fork"].append(prepare(kata, zygote))
            medians = {way: {key: statistics.median(r[key] for r in runs) for key in runs[0]}
                       for way, runs in rounds.items()}
            report["katas"][kata_id] = medians
            start, fork = medians["start"], medians["fork"]
            saved = 1 - fork["both_cpu_s"] / start["both_cpu_s"]
            print(f"{kata_id:30} {start['ready_s']:7.2f} {fork['ready_s']:7.2f} {start['grader_cpu_s']:7.2f} "
                  f"{fork['grader_cpu_s']:7.2f} {start['both_cpu_s']:7.2f} {fork['both_cpu_s']:7.2f} {saved:9.0%}",
                  flush=True)
    finally:
        zygote.close()
    report["load_average_end"] = os.getloadavg()[0]
    out = Path(__file__).with_name("results")
    out.mkdir(exist_ok=True)
    (out / "grading_zygote.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
