"""The demos' command-line options (light: the CLI registers them without importing a demo)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: demos/<name> in the data dir)")
    parser.add_argument("--count", type=_count, default=None, metavar="N", help="how many clips (default: the demo's)")
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="seed of the synthetic audio (default 0)")


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError("choose 1-100 clips")
    return value
