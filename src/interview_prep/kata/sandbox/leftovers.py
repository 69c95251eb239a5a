"""Run folders of apps killed mid-check: removed by the next app that grades.

A check's folders live in the temporary folder (`interview-prep-grade-<pid>-*`, and a worker
zygote's `interview-prep-runs-<pid>-*`, where <pid> is the app's) and are removed when the
run ends; an app that is killed (SIGKILL, a crash) cannot. The next app removes the folders
of apps that are gone: only its own user's, never through a symbolic link.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import tempfile
from pathlib import Path

GRADE, RUNS = "interview-prep-grade-", "interview-prep-runs-"
_NAME = re.compile(rf"^(?:{GRADE}|{RUNS})(\d+)-")


def prefix(kind: str) -> str:
    """The start of the name of this app's run folders of `kind` (GRADE or RUNS)."""
    return f"{kind}{os.getpid()}-"


@functools.cache
def remove_stale(root: Path | None = None) -> list[Path]:
    """Remove the run folders of apps that are gone from `root` (the temporary folder), once per
    app; the folders removed."""
    removed = []
    for entry in os.scandir(root or tempfile.gettempdir()):
        match = _NAME.match(entry.name)
        try:
            if not match or not entry.is_dir(follow_symlinks=False) \
                    or entry.stat(follow_symlinks=False).st_uid != os.getuid() or _alive(int(match[1])):
                continue
        except OSError:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process of that pid
        return True
    return True
