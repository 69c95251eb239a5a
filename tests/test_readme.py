"""README.md stays current: every CLI command and every kata of the catalog is documented."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from interview_prep.cli import build_parser
from interview_prep.dev.checks import CHECKS
from interview_prep.kata.catalog import load_catalog

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(parser: argparse.ArgumentParser, prefix: str = "interview-prep") -> list[str]:
    """Every leaf command, e.g. "interview-prep models build"."""
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        return [prefix]
    found = [prefix] if not subparsers[0].required else []
    for name, child in subparsers[0].choices.items():
        found += _commands(child, f"{prefix} {name}")
    return found


def test_every_command_is_documented():
    table = "\n".join(line for line in README.splitlines() if line.startswith("| `interview-prep"))
    cells = re.findall(r"`(interview-prep[^`]*)`", table)
    missing = []
    for command in _commands(build_parser()):
        words = command.split()
        # "demo asr|tts|classify" and "plan` / `plan start" forms count
        documented = any(
            cell.split()[: len(words)] == words
            or (len(words) > 2 and " ".join(words[:2]) in cell and words[2] in cell)
            or (len(words) > 2 and f"{words[1]} {words[2]}" in table)
            for cell in cells
        )
        if not documented:
            missing.append(command)
    assert not missing, f"commands missing from README.md's command table: {missing}"


def test_every_dev_check_is_named():
    assert all(f"`{name}`" in README for name in CHECKS)


def test_kata_table_matches_the_catalog():
    rows = re.findall(r"^\| (\d) \| `([a-z0-9-]+)` \| (.+?) \|", README, flags=re.MULTILINE)
    assert [(int(day), kata_id, title) for day, kata_id, title in rows] == [
        (k.day, k.id, k.title) for k in load_catalog()
    ]
