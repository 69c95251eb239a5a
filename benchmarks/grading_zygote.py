"""A prepared check's processes started from scratch vs forked from the zygotes, in one run.

Three ways, alternating, for each kata (median of `--rounds`): `start` (grading process and
learner worker both started), `fork` (the grading process forked from the grading zygote,
its worker started) and `fork both` (the worker forked from the worker zygote too, as
`watch`, the TUI and batch grading do where bubblewrap confines). For each: the wall time
until the `Standby` is ready (grader imported, models loaded on both sides, learner worker
waiting) and the CPU seconds spent by then, of the grading process alone and with its
learner worker. The CPU is what batch grading (`dev check`, the test suite: every core
busy) pays per check; the zygotes' own start-up (paid once per pool) is printed
separately. Each round then grades the reference solution, so every way is shown to pass.
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
from interview_prep.kata.sandbox.worker_zygote import WorkerZygote  # noqa: E402
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


def _tree_cpu(pid: int) -> float:
    return sum(_cpu(p) for p in descendants(pid))


def prepare(kata, zygote: Zygote | None, worker_zygote: WorkerZygote | None) -> dict[str, float]:
    before = _tree_cpu(worker_zygote.proc.pid) if worker_zygote is not None else 0.0
    started = time.perf_counter()
    standby = Standby(kata, zygote=zygote, worker_zygote=worker_zygote)
    assert (zygote is None) == (type(standby.proc).__name__ == "Popen"), "the zygote was not used"
    assert (worker_zygote is None) == (standby.run_dir.parent != getattr(worker_zygote, "runs", None))
    while not standby.ready:
        assert standby.proc.poll() is None, "the grading process ended before it was ready"
        time.sleep(0.01)
    ready_s = time.perf_counter() - started
    grader = _cpu(standby.proc.pid)
    worker = _tree_cpu(worker_zygote.proc.pid) - before if worker_zygote is not None else _tree_cpu(standby.proc.pid)
    results = grade(kata, kata.solution_dir, seed=1, standby=standby)
    assert results.passed, results.to_json()[:2000]
    return {"ready_s": ready_s, "grader_cpu_s": grader, "both_cpu_s": grader + worker}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None, metavar="KATA_ID")
    args = parser.parse_args()
    catalog = load_catalog()
    started = time.perf_counter()
    zygote = Zygote(sandbox_env(), paths.cache_dir() / "sandbox-home")
    worker_zygote = WorkerZygote(sandbox_env(), home=paths.cache_dir() / "sandbox-home", cache=paths.cache_dir())
    assert zygote.wait_ready(300), f"the zygote did not become ready: {zygote.unusable}"
    assert worker_zygote.wait_ready(300), f"the worker zygote did not become ready: {worker_zygote.unusable}"
    zygotes_s = time.perf_counter() - started
    zygotes_cpu = _cpu(zygote.proc.pid) + _tree_cpu(worker_zygote.proc.pid)
    report: dict[str, object] = {"rounds": args.rounds, "load_average_start": os.getloadavg()[0],
                                 "zygotes_ready_s": zygotes_s, "zygotes_cpu_s": zygotes_cpu, "katas": {}}
    print(f"medians of {args.rounds}; load average {os.getloadavg()[0]:.1f}; both zygotes ready in {zygotes_s:.2f} s "
          f"({zygotes_cpu:.2f} s CPU, once per pool)")
    ways = {"start": (None, None), "fork": (zygote, None), "fork both": (zygote, worker_zygote)}
    print(f"{'kata':30} {'ready s':>23} {'grader CPU s':>23} {'both CPU s':>23} {'CPU saved':>9}")
    print(f"{'':30}" + " ".join(f"{'start':>7} {'fork':>7} {'both':>7}" for _ in range(3)) + f" {'both':>9}")
    try:
        for kata_id in args.only or KATAS:
            kata = catalog.get(kata_id)
            prepare(kata, zygote, worker_zygote)  # warm-up: caches
            rounds: dict[str, list[dict[str, float]]] = {way: [] for way in ways}
            for _ in range(args.rounds):
                for way, (z, wz) in ways.items():
                    rounds[way].append(prepare(kata, z, wz))
            medians = {way: {key: statistics.median(r[key] for r in runs) for key in runs[0]}
                       for way, runs in rounds.items()}
            report["katas"][kata_id] = medians
            saved = 1 - medians["fork both"]["both_cpu_s"] / medians["start"]["both_cpu_s"]
            cells = " ".join(" ".join(f"{medians[way][key]:7.2f}" for way in ways)
                             for key in ("ready_s", "grader_cpu_s", "both_cpu_s"))
            print(f"{kata_id:30}{cells} {saved:9.0%}", flush=True)
    finally:
        zygote.close()
        worker_zygote.close()
    report["load_average_end"] = os.getloadavg()[0]
    out = Path(__file__).with_name("results")
    out.mkdir(exist_ok=True)
    (out / "grading_zygote.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
