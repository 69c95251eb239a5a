"""Shared helpers of the kata tests: a stable content root with the engine's demo katas."""

from __future__ import annotations

import shutil
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
