"""The demos' command-line options (light: the CLI registers them without importing a demo)."""

from __future__ import annotations

import argparse
from pathlib import Path

#: the option that runs a demo on the learner's own input instead of synthetic data
OWN_INPUT = {
    "asr": ("--file", "transcribe this audio file (any format soundfile reads: WAV, FLAC, OGG, ...)"),
    "tts": ("--text", "speak this text (and sweep its speaking rate)"),
    "classify": ("--file", "classify the sound events in this audio file, 1 s at a time, and the sentiment "
                           "of any speech in it"),
}


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: demos/<name> in the data dir)")
    parser.add_argument("--count", type=_count, default=None, metavar="N", help="how many clips (default: the demo's)")
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="seed of the synthetic audio (default 0)")
    option, help_text = OWN_INPUT[name]
    if option == "--file":
        parser.add_argument("--file", type=Path, metavar="PATH", help=help_text)
    else:
        parser.add_argument("--text", type=_text, metavar="TEXT", help=help_text)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError("choose 1-100 clips")
    return value


def _text(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("give some words to speak")
    if len(text) > 2000:
        raise argparse.ArgumentTypeError("at most 2000 characters")
    return text
