"""Entry point of the grading process (run by `runner.grade`, never imported by the app).

Order matters: the per-run signing key is read from stdin and stdin is closed, resource
limits are set, and the reporter plugin is created, all before pytest imports the
grader and the grader imports the learner's code. After pytest returns, the process
ends with `os._exit`, so exit handlers the learner's code registered never run.

Usage: python -E -P -B child.py GRADER SOLUTION_DIR RESULTS KATA_ID MEMORY_MB SEED PROGRESS_FD RUN_DIR
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

FILE_SIZE_LIMIT = 512 * 1024 * 1024  # no single file (captured output included) beyond this


def _limit_resources(memory_mb: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main(argv: list[str]) -> int:
    grader, solution_dir, results, kata_id, memory_mb, seed, progress_fd, run_dir = argv
    key = bytes.fromhex(sys.stdin.readline().strip())
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    _limit_resources(int(memory_mb))
    # Ctrl-C or a learner's SIGINT is a KeyboardInterrupt, even if the parent ignores SIGINT (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    package_parent = str(Path(__file__).resolve().parents[2])
    if package_parent not in sys.path:
        sys.path.insert(0, package_parent)
    os.environ["INTERVIEW_PREP_SOLUTION_DIR"] = solution_dir
    os.environ["INTERVIEW_PREP_SEED"] = seed

    import pytest

    from interview_prep.kata.reporter import ResultsReporter
    from interview_prep.kata.signing import make_signer

    reporter = ResultsReporter(
        kata_id=kata_id,
        results_path=Path(results),
        sign=make_signer(key),
        seed=int(seed),
        progress_fd=int(progress_fd) if int(progress_fd) >= 0 else None,
    )
    del key
    args = [
        grader,
        "-c",
        str(Path(run_dir) / "pytest.ini"),
        "--rootdir",
        run_dir,
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
    return int(pytest.main(args, plugins=[reporter]))


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
