"""Grading engines to compare in one benchmark run (imported by kata_check.py and
kata_grading_times.py; also run as a script in a child process).

- `old_engine_tree(rev)`: the source, katas and solutions of an earlier commit (default: the
  last one with the one-process engine), exported with `git archive` (needs a git checkout);
- `time_old(tree, kata_id)`: `grade()` of that engine on the kata's reference solution, in a
  fresh child process, seconds;
- `time_cold(kata)` / `time_warm(kata)`: this engine, cold (as `check`) and with a ready `Standby`
  (for a model-backed kata, forked from the grading zygote with its learner worker forked from
  the worker zygote, as `watch` and the TUI);
- `time_floor(kata_id, rounds)`: the same grader and reference solution in one already-warm
  process (grader and learner code in-process, models loaded, second and later runs timed):
  the model calls themselves, with no process, sandbox or import cost.

    python benchmarks/engines.py floor KATA_ID ROUNDS      # prints JSON seconds
    python benchmarks/engines.py old TREE KATA_ID SEED      # prints seconds
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OLD_ENGINE_REV = "84f0341"  # the last commit of the one-process engine (tripwire + signed results)


def old_engine_tree(rev: str = OLD_ENGINE_REV) -> Path:
    """`src/`, `katas/` and `solutions/` of `rev`, exported once under benchmarks/out/."""
    tree = Path(__file__).with_name("out") / f"engine-{rev}"
    if not (tree / "src").is_dir():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src", "katas", "solutions"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def _child_env(src: Path) -> dict[str, str]:
    """The child's environment: one thread per library, as in both grading processes (with torch's
    default of one per core, classify-25's floor read 27.9 s instead of 51.7 s)."""
    from interview_prep.kata.sandbox.confine import ONE_THREAD

    env = {**os.environ, "PYTHONPATH": str(src), "HF_HUB_OFFLINE": "1", **ONE_THREAD}
    env.pop("PYTEST_ADDOPTS", None)
    return env


def time_old(tree: Path, kata_id: str, seed: int = 1) -> float:
    done = subprocess.run([sys.executable, __file__, "old", str(tree), kata_id, str(seed)], capture_output=True,
                          text=True, env=_child_env(tree / "src"), check=True)
    return float(done.stdout.strip().splitlines()[-1])


class ReferenceFailed(Exception):
    """The reference solution did not pass: the grader fails a correct solution at this seed."""


def _check(results, seed: int) -> None:
    if not results.passed:
        first = next((t for t in results.tests if t.status != "pass"), None)
        raise ReferenceFailed(f"seed {seed}: " + (f"{first.name}: {first.message}" if first else str(results.message)))


def time_cold(kata, seed: int = 1) -> float:
    from interview_prep.kata.sandbox.runner import grade

    started = time.perf_counter()
    results = grade(kata, kata.solution_dir, seed=seed)
    elapsed = time.perf_counter() - started
    _check(results, seed)
    return elapsed


@functools.cache
def _zygotes():
    """The grading and worker zygotes `watch` and the TUI keep (one pair for the whole benchmark)."""
    from interview_prep import paths
    from interview_prep.kata.sandbox.runner import sandbox_env
    from interview_prep.kata.sandbox.worker_zygote import WorkerZygote
    from interview_prep.kata.sandbox.zygote import Zygote

    zygote = Zygote(sandbox_env(), paths.cache_dir() / "sandbox-home")
    worker_zygote = WorkerZygote(sandbox_env(), home=paths.cache_dir() / "sandbox-home", cache=paths.cache_dir())
    assert zygote.wait_ready(300), zygote.unusable
    assert worker_zygote.wait_ready(300), worker_zygote.unusable
    return zygote, worker_zygote


def time_warm(kata, seed: int = 1) -> float:
    """A check with a prepared process (ready before the clock starts, as after an edit), forked from
    the zygotes for a model-backed kata, as `watch` and the TUI do."""
    from interview_prep.kata.sandbox.runner import Standby, grade

    zygote, worker_zygote = _zygotes() if kata.models else (None, None)
    standby = Standby(kata, zygote=zygote, worker_zygote=worker_zygote)
    deadline = time.monotonic() + 600
    while not standby.ready and standby.proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    started = time.perf_counter()
    results = grade(kata, kata.solution_dir, seed=seed, standby=standby)
    elapsed = time.perf_counter() - started
    _check(results, seed)
    return elapsed


def time_floor(kata_id: str, rounds: int) -> list[float]:
    done = subprocess.run([sys.executable, __file__, "floor", kata_id, str(rounds)], capture_output=True, text=True,
                          env=_child_env(ROOT / "src"), check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- child processes


class _InProcess:
    """The worker's request handling in this process (no sandbox, no capture): the floor."""

    def __init__(self, root: Path):
        from interview_prep.kata.sandbox.worker import Worker

        self.worker = Worker.__new__(Worker)
        self.worker.root, self.worker.modules, self.worker.refs = root, {}, {}
        scratch = Path(tempfile.mkdtemp(prefix="floor-"))
        self.inbox, self.outputs = scratch / "inbox", scratch / "work" / "out"
        (scratch / "private").mkdir()
        self.inbox.mkdir()
        self.outputs.mkdir(parents=True)

    def request(self, header: dict, buffers: list[bytes] = ()):
        reply, out = self.worker.handle(header, list(buffers))
        reply["output"] = ""
        return reply, out


def _floor(kata_id: str, rounds: int) -> list[float]:
    import pytest

    from interview_prep.kata import grading
    from interview_prep.kata.catalog import load_catalog

    kata = load_catalog().get(kata_id)
    grading.connect(_InProcess(kata.solution_dir.resolve()))
    times = []
    for n in range(rounds + 1):  # the first run loads everything
        os.environ["INTERVIEW_PREP_SEED"] = str(n + 1)
        grading._state.clear()
        _fresh_grader(kata.grader_path)
        started = time.perf_counter()
        scratch = Path(tempfile.mkdtemp())
        (scratch / "pytest.ini").write_text("[pytest]\n")  # not the project's addopts (two test processes)
        code = pytest.main([str(kata.grader_path), "-q", "-c", str(scratch / "pytest.ini"), "-p", "no:cacheprovider",
                            "--import-mode=importlib", "--no-header", "-p", "no:randomly",
                            "--basetemp", str(scratch / "tmp")])
        if n:
            times.append(time.perf_counter() - started)
        assert code == 0, f"{kata_id}: the reference fails in-process (pytest exit {code})"
    return times


def _fresh_grader(grader: Path) -> None:
    """Import the grader anew (its module-level caches empty, its warm-up done), as a warm grading
    process has it when the check starts; pytest then finds it in sys.modules. Without this a later
    round reuses the results the grader cached in an earlier one and makes fewer model calls."""
    import importlib

    for name in [m for m in sys.modules if m.startswith("interview_prep.graders")]:
        del sys.modules[name]
    importlib.import_module(f"interview_prep.graders.{grader.parent.name}.{grader.stem}")


def _old(tree: Path, kata_id: str, seed: int) -> float:
    from interview_prep.kata.runner import grade

    from interview_prep.kata.catalog import load_catalog

    kata = load_catalog(tree / "katas").get(kata_id)
    started = time.perf_counter()
    results = grade(kata, kata.solution_dir, seed=seed)
    elapsed = time.perf_counter() - started
    assert results.passed, results.to_json()[:2000]
    return elapsed


if __name__ == "__main__":
    what, *rest = sys.argv[1:]
    if what == "floor":
        with open(os.devnull, "w") as quiet:
            real = os.dup(1)
            os.dup2(quiet.fileno(), 1)  # pytest's report: not our output
            result = _floor(rest[0], int(rest[1]))
            os.dup2(real, 1)
        print(json.dumps(result))
    else:
        print(_old(Path(rest[0]), rest[1], int(rest[2])))
