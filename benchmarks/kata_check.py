"""Kata engine overhead: `check` vs plain pytest on the same grader, and watch latency.

In one run, on a passing solution of a model-free kata (default asr-03):
- plain pytest on the hidden grader (with the usual plugin autoload, and without it);
- `grade()` (sandboxed process, reporter, tripwire, signature check), in-process;
- `interview-prep check KATA --json` end to end (CLI start-up, catalog, store write);
rounds are interleaved and medians compared. Then watch mode: the time from saving the
learner's file to the verdict (and to the start of grading), with file notifications
and with polling. `--models` adds one round on the model-backed kata asr-05.

    python benchmarks/kata_check.py [--rounds 7] [--saves 5] [--kata asr-03] [--models]
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

from interview_prep.kata.catalog import load_catalog  # noqa: E402
from interview_prep.kata.sandbox.runner import grade  # noqa: E402
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


def overhead(kata, workspace: Path, home: Path, rounds: int) -> dict[str, float]:
    solution = kata_dir(workspace, kata)
    plain = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(kata.grader_path)]
    plain_env = _env(home, INTERVIEW_PREP_SOLUTION_DIR=str(solution))
    cli = [sys.executable, "-m", "interview_prep", "check", kata.id, "--json", "--workspace", str(workspace)]
    samples: dict[str, list[float]] = {"plain": [], "plain_noautoload": [], "grade": [], "check": []}
    for _ in range(rounds):
        samples["plain"].append(_timed(plain, plain_env))
        samples["plain_noautoload"].append(_timed(plain, {**plain_env, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}))
        start = time.perf_counter()
        results = grade(kata, solution)
        samples["grade"].append(time.perf_counter() - start)
        assert results.passed, results.to_json()
        samples["check"].append(_timed(cli, _env(home)))
    return {name: statistics.median(values) for name, values in samples.items()}


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
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--kata", default="asr-03")
    parser.add_argument("--models", action="store_true", help="also time the model-backed kata asr-05 (one round)")
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

        report: dict[str, object] = {}
        kata = chosen[0]
        times = overhead(kata, workspace, home, args.rounds)
        report[kata.id] = times
        print(f"{kata.id}: medians of {args.rounds} interleaved rounds (passing solution)")
        print(f"  plain pytest (plugin autoload)      {times['plain']:.2f} s")
        print(f"  plain pytest (no plugin autoload)   {times['plain_noautoload']:.2f} s")
        print(f"  grade() in-process                  {times['grade']:.2f} s")
        print(f"  interview-prep check --json (CLI)   {times['check']:.2f} s")
        print(f"  ratio check / plain pytest          {times['check'] / times['plain']:.2f}x  (goal <= 1.2x)")
        print(f"  ratio check / plain, no autoload    {times['check'] / times['plain_noautoload']:.2f}x")
        print(f"  ratio grade / plain, no autoload    {times['grade'] / times['plain_noautoload']:.2f}x")

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
            times = overhead(model_kata, workspace, home, 1)
            report[model_kata.id] = times
            print(
                f"{model_kata.id} (1 round): plain pytest {times['plain']:.1f} s, "
                f"check {times['check']:.1f} s, ratio {times['check'] / times['plain']:.2f}x"
            )
        out = Path(__file__).with_name("out")
        out.mkdir(exist_ok=True)
        (out / "kata_check.json").write_text(json.dumps(report, indent=2))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
