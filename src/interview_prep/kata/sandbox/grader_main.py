"""Entry point of the grading process (run by `runner`, never imported by the app).

This process runs pytest, the hidden grader and the reporter; it never imports or
executes learner code. It starts the learner worker first and warms both sides: the
worker loads the kata's models (weights only; no learner code yet) while this process
imports pytest and the grader. Then it waits for the go line on stdin (`{"source_dir",
"seed"}`): a check that was prepared ahead (warm) pays only for the learner's code and
the model calls. It runs the grader, writes the results to the verdict pipe and ends the
worker and everything it left behind. Warm-up phases go to the progress pipe.

Usage: python -I -B grader_main.py GRADER KATA_ID MEMORY_MB PROGRESS_FD VERDICT_FD WORKER_ZYGOTE_FD RUN_DIR CPU_S
       MODELS FILE...  (WORKER_ZYGOTE_FD: -1 to start the worker, not fork it: see worker_zygote)
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import select
import signal
import sys
import threading
import time
from pathlib import Path

PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36


def _harden(memory_mb: int) -> None:
    """No core files, a memory cap, orphans of the worker become ours, no same-uid ptrace of us."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def _phase(fd: int, text: str) -> None:
    try:
        os.write(fd, (json.dumps({"event": "phase", "status": text}) + "\n").encode())
    except OSError:
        pass


def _warm_grader(grader: str, models: list[str], progress_fd: int) -> None:
    """Load the grader's models and import it once (a later import by pytest finds them cached)."""
    import importlib.util

    import pytest  # noqa: F401 - imported now, not when the check starts

    from interview_prep import models as cache

    for name in models:
        _phase(progress_fd, f"loading the {name} model")
        getattr(cache, f"{name}_pipeline")()
    spec = importlib.util.spec_from_file_location("_interview_prep_warm_grader", grader)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))


def _preload(worker, models: list[str], imports: list[str], progress_fd: int) -> None:
    if models:
        _phase(progress_fd, "loading models in the learner worker")
    try:
        worker.preload(tuple(models), tuple(imports))
    except Exception:  # noqa: BLE001 - a dead worker is reported by the first test that calls it
        pass


def _watch_parent(parent: int, worker) -> None:
    """If the app dies (killed mid-check, say), end the worker tree and this process."""
    while os.getppid() == parent:
        time.sleep(0.25)
    worker.close()
    os._exit(1)


def main(argv: list[str]) -> int:
    grader, kata_id, memory_mb, progress_fd, verdict_fd, zygote_fd, run_dir, cpu_s, models, *files = argv
    progress_fd = int(progress_fd)
    _harden(int(memory_mb))
    package_parent = str(Path(__file__).resolve().parents[3])
    if package_parent not in sys.path:
        sys.path.insert(0, package_parent)
    os.environ["INTERVIEW_PREP_MEMORY_MB"] = memory_mb
    model_names = [m for m in models.split(",") if m]

    from interview_prep import paths
    from interview_prep.kata import grading
    from interview_prep.kata.sandbox.client import WorkerClient

    run = Path(run_dir)
    (run / "private").mkdir()
    worker = WorkerClient(
        run_dir=run,
        files=tuple(files),
        memory_mb=int(memory_mb),
        cpu_s=int(cpu_s),
        cache=paths.cache_dir(),
        home=Path(os.environ["HOME"]),
        zygote_fd=int(zygote_fd) if int(zygote_fd) >= 0 else None,
    )

    def _stop(signum, frame):  # the runner's timeout, cancel or an unused warm process: end the worker tree
        worker.close()
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    threading.Thread(target=_watch_parent, args=(os.getppid(), worker), daemon=True).start()
    _phase(progress_fd, "starting the learner worker")
    worker.start()
    grading.connect(worker)
    go_waiting = select.select([sys.stdin], [], [], 0)[0]
    imports = [m for m in os.environ.pop("INTERVIEW_PREP_WARM_IMPORTS", "").split(",") if m]
    preload = threading.Thread(target=_preload, args=(worker, model_names, imports, progress_fd), daemon=True)
    preload.start()  # the worker loads its models while this process loads the grader's
    try:
        if not go_waiting:  # prepared ahead of a check: warm up both sides now
            _warm_grader(grader, model_names, progress_fd)
    except Exception:  # noqa: BLE001 - a broken grader is reported by pytest's collection
        pass
    preload.join()
    _phase(progress_fd, "ready")
    line = sys.stdin.readline()
    if not line:
        worker.close()
        return 0
    go = json.loads(line)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.environ["INTERVIEW_PREP_SEED"] = str(int(go["seed"]))
    worker.load_files(Path(go["source_dir"]))
    _phase(progress_fd, "running the tests")

    import pytest

    from interview_prep.kata.sandbox.reporter import ResultsReporter

    reporter = ResultsReporter(
        kata_id=kata_id,
        verdict_fd=int(verdict_fd),
        seed=int(go["seed"]),
        progress_fd=progress_fd,
    )
    args = [
        grader,
        "-c",
        str(run / "pytest.ini"),
        "--rootdir",
        run_dir,
        "--basetemp",
        str(worker.inbox / "pytest"),
        "--noconftest",
        "--import-mode=importlib",
        "-q",
        "--tb=no",
        "--no-header",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:warnings",
        "-p",
        "no:doctest",
        "-p",
        "no:junitxml",
        "-p",
        "no:pastebin",
        "-p",
        "no:legacypath",
    ]
    try:
        return int(pytest.main(args, plugins=[reporter]))
    finally:
        worker.close()


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
