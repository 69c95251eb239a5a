"""`check` with the confined two-process engine vs the one-process engine it replaced, and watch latency.

In one run, on the reference solution of a model-free kata (default asr-03), rounds
interleaved, medians compared:
- `interview-prep check KATA --json` end to end with the previous engine (one grading
  process, tripwire, signed results; `engines.OLD_ENGINE_REV`, exported with git archive);
- the same command with this engine, confined (bubblewrap) and forced unconfined;
- `grade()` of this engine in-process, cold and warm (a prepared `Standby`).
Goal: confined check <= 1.2x the previous engine. Then watch mode: save -> verdict. With
`--models`, the model-backed kata asr-05 the same way (goal: no slower than before; warm
<= 5 s). Output also goes to benchmarks/results/kata_check.json.

    python benchmarks/kata_check.py [--rounds 5] [--saves 3] [--kata asr-03] [--models]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

import engines  # noqa: E402

from interview_prep.kata.catalog import load_catalog  # noqa: E402
from interview_prep.kata.watch import WatchEvent, watch_workspace  # noqa: E402
from interview_prep.kata.workspace import init_workspace, kata_dir  # noqa: E402


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "INTERVIEW_PREP_HOME": str(home), "PYTHONPATH": str(SRC), **extra}
    env.pop("PYTEST_ADDOPTS", None)
    return env


def _timed(command: list[str], env: dict[str, str], expect: int = 0) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != expect:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed


def overhead(kata, workspace: Path, home: Path, rounds: int, old_tree: Path) -> dict[str, float]:
    cli = [sys.executable, "-m", "interview_prep", "check", kata.id, "--json", "--workspace", str(workspace)]
    samples: dict[str, list[float]] = {k: [] for k in ("old_check", "check", "check_unconfined", "cold", "warm")}
    for _ in range(rounds):
        # its own data dir: the previous engine's progress schema is older
        samples["old_check"].append(_timed(cli, _env(home / "old", PYTHONPATH=str(old_tree / "src"))))
        samples["check"].append(_timed(cli, _env(home)))
        samples["check_unconfined"].append(_timed(cli, _env(home, INTERVIEW_PREP_UNCONFINED="1")))
        samples["cold"].append(engines.time_cold(kata))
        samples["warm"].append(engines.time_warm(kata))
    return {name: statistics.median(values) for name, values in samples.items()}


def _report(kata, times: dict[str, float], rounds: int) -> None:
    print(f"{kata.id}: medians of {rounds} interleaved rounds (reference solution)")
    print(f"  check --json, previous engine (one process)   {times['old_check']:.2f} s")
    print(f"  check --json, confined (bubblewrap)           {times['check']:.2f} s")
    print(f"  check --json, unconfined fallback             {times['check_unconfined']:.2f} s")
    print(f"  grade() cold / warm (prepared process)        {times['cold']:.2f} s / {times['warm']:.2f} s")
    print(f"  ratio confined check / previous engine        {times['check'] / times['old_check']:.2f}x  (goal <= 1.2x)")
    print(f"  ratio warm grade / previous engine check      {times['warm'] / times['old_check']:.2f}x")


def watch_latency(kata, catalog, workspace: Path, saves: int, poll: bool) -> dict[str, float]:
    """Median seconds from saving the file to the start of grading and to the verdict."""
    target = kata_dir(workspace, kata) / kata.files[0]
    good = target.read_text()
    events: list[tuple[float, WatchEvent]] = []
    stop = threading.Event()

    def on_event(event: WatchEvent) -> None:
        events.append((time.perf_counter(), event))

    thread = threading.Thread(
        target=watch_workspace,
        args=(catalog, workspace, on_event),
        kwargs={"is_done": lambda k: False, "start": kata, "poll": poll, "stop_event": stop, "grade_first": False},
        daemon=True,
    )
    thread.start()
    time.sleep(1.0)
    detect, verdict = [], []
    for n in range(saves):
        seen = len(events)
        saved = time.perf_counter()
        target.write_text(f"{good}\n# save {n}\n")
        deadline = saved + 120
        while time.perf_counter() < deadline and not any(e.kind == "graded" for _, e in events[seen:]):
            time.sleep(0.005)
        new = events[seen:]
        detect.append(next(t for t, e in new if e.kind == "grading") - saved)
        verdict.append(next(t for t, e in new if e.kind == "graded") - saved)
        assert next(e for _, e in new if e.kind == "graded").results.passed
        time.sleep(0.5)
    stop.set()
    thread.join(timeout=30)
    return {"detect": statistics.median(detect), "verdict": statistics.median(verdict)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--model-rounds", type=int, default=3)
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--kata", default="asr-03")
    parser.add_argument("--models", action="store_true", help="also time the model-backed kata asr-05")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="kata-bench-"))
    os.environ["INTERVIEW_PREP_HOME"] = str(home)
    try:
        catalog = load_catalog(strict=False)
        workspace = init_workspace(catalog, home / "workspace").root
        chosen = [catalog.get(args.kata)] + ([catalog.get("asr-05")] if args.models else [])
        for kata in chosen:
            for name in kata.files:
                shutil.copy(kata.solution_dir / name, kata_dir(workspace, kata) / name)

        report: dict[str, object] = {"load_average": os.getloadavg()[0], "old_engine": engines.OLD_ENGINE_REV}
        old_tree = engines.old_engine_tree()
        kata = chosen[0]
        times = overhead(kata, workspace, home, args.rounds, old_tree)
        report[kata.id] = times
        _report(kata, times, args.rounds)

        for poll in (False, True):
            latency = watch_latency(kata, catalog, workspace, args.saves, poll)
            mode = "polling" if poll else "notify"
            report[f"watch_{mode}"] = latency
            print(
                f"watch ({mode}): save -> grading starts {latency['detect'] * 1000:.0f} ms, "
                f"save -> verdict {latency['verdict']:.2f} s (median of {args.saves} saves)"
            )

        if args.models:
            model_kata = chosen[1]
            times = overhead(model_kata, workspace, home, args.model_rounds, old_tree)
            report[model_kata.id] = times
            _report(model_kata, times, args.model_rounds)
        out = Path(__file__).with_name("results")
        out.mkdir(exist_ok=True)
        (out / "kata_check.json").write_text(json.dumps(report, indent=2) + "\n")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
