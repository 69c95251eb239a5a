"""Run folders of apps killed mid-check are removed by the next app: only its own user's, only
of apps that are gone, never through a symbolic link. (The killed-app case end to end is in
test_grading_warm.)"""

from __future__ import annotations

import os
import subprocess
import sys

from interview_prep.kata.sandbox import leftovers


def test_only_folders_of_gone_apps_of_this_user_are_removed(tmp_path):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    root = tmp_path / "tmp"
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("x")
    stale = [root / f"{leftovers.GRADE}{gone.pid}-a1", root / f"{leftovers.RUNS}{gone.pid}-b2"]
    for folder in stale:
        (folder / "work").mkdir(parents=True)
        (folder / "work" / "solution.py").write_text("x")
    live = root / f"{leftovers.GRADE}{os.getpid()}-c3"
    live.mkdir()
    link = root / f"{leftovers.GRADE}{gone.pid}-d4"
    link.symlink_to(precious)
    unrelated = root / f"interview-prep-other-{gone.pid}-e5"
    unrelated.mkdir()
    kept = [live, link, unrelated]
    if os.getuid() == 0:  # another user's folder, as root can make one
        theirs = root / f"{leftovers.RUNS}{gone.pid}-f6"
        theirs.mkdir()
        os.chown(theirs, 12345, 12345)
        kept.append(theirs)

    assert sorted(leftovers.remove_stale(root)) == sorted(stale)
    assert not any(folder.exists() for folder in stale)
    assert all(path.exists() for path in kept) and (precious / "keep.txt").is_file()
