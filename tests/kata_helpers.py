"""Shared helpers of the kata tests: a stable content root with the engine's demo katas."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from interview_prep import paths
from interview_prep.kata.catalog import Catalog, load_catalog

DEMO_KATAS = ("asr/03-ctc-greedy-decode", "asr/04-wer", "asr/05-transcribe-queries")


def demo_content(root: Path) -> Path:
    """Copy the engine's demo katas (statement, starters, solutions) under `root`."""
    for rel in DEMO_KATAS:
        shutil.copytree(paths.katas_dir() / rel, root / "katas" / rel)
        shutil.copytree(paths.solutions_dir() / rel, root / "solutions" / rel)
    return root


def demo_catalog(root: Path) -> Catalog:
    return load_catalog(demo_content(root) / "katas")


def orphan_then_hang(signature: str, marker: str) -> str:
    """Learner code that starts a process (`marker` on its command line) in a session of its own at
    import, then hangs in the graded function `signature` (e.g. "greedy_decode(logits, vocab, blank=0)")."""
    return ("import subprocess, sys, time\n"
            f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)', {marker!r}],\n"
            "                 start_new_session=True)\n"
            f"def {signature}:\n    time.sleep(600)\n")


def alive(marker: str) -> list[str]:
    """Running processes whose command line holds `marker`."""
    found = subprocess.run(["pgrep", "-af", marker], capture_output=True, text=True).stdout.splitlines()
    return [line for line in found if "pgrep" not in line]


def expect_golden(results, case: Path) -> None:
    """`results` have every test status and message fragment the golden case `case` expects."""
    import json

    expected = json.loads((case / "expected.json").read_text())
    got = {t.name: t for t in results.tests}
    for name, want in expected["tests"].items():
        assert got[name].status == want["status"], results.to_json()[:3000]
        assert all(fragment in (got[name].message or "") for fragment in want["message"]), got[name].message
