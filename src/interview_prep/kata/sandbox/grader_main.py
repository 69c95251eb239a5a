"""Entry point of the grading process (run by `runner.grade`, never imported by the app).

This process runs pytest, the hidden grader and the reporter; it never imports or
executes learner code. It starts the learner worker first (so the worker's imports
overlap with pytest's), hands it to `grading.connect`, runs the grader, writes the
results to the verdict pipe and ends the worker and everything it left behind.

Usage: python -I -B grader_main.py GRADER SOURCE_DIR KATA_ID MEMORY_MB SEED PROGRESS_FD VERDICT_FD RUN_DIR CPU_S FILE...
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys
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


def main(argv: list[str]) -> int:
    grader, source_dir, kata_id, memory_mb, seed, progress_fd, verdict_fd, run_dir, cpu_s, *files = argv
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    _harden(int(memory_mb))
    package_parent = str(Path(__file__).resolve().parents[3])
    if package_parent not in sys.path:
        sys.path.insert(0, package_parent)
    os.environ["INTERVIEW_PREP_SEED"] = seed
    os.environ["INTERVIEW_PREP_MEMORY_MB"] = memory_mb

    from interview_prep import paths
    from interview_prep.kata import grading
    from interview_prep.kata.sandbox.client import WorkerClient

    run = Path(run_dir)
    (run / "private").mkdir()
    worker = WorkerClient(
        run_dir=run,
        source_dir=Path(source_dir),
        files=tuple(files),
        memory_mb=int(memory_mb),
        cpu_s=int(cpu_s),
        cache=paths.cache_dir(),
        home=Path(os.environ["HOME"]),
    )

    def _stop(signum, frame):  # the runner's timeout or cancel: end the worker tree, then us
        worker.close()
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    worker.start()
    grading.connect(worker)

    import pytest

    from interview_prep.kata.sandbox.reporter import ResultsReporter

    reporter = ResultsReporter(
        kata_id=kata_id,
        verdict_fd=int(verdict_fd),
        seed=int(seed),
        progress_fd=int(progress_fd),
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
