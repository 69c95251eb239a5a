"""Kata asr-08: a transcription report and a plot of transcription lengths. See README.md."""

from typing import Any

STOP_WORDS = frozenset(
    "a an and are at be but by can do does for from have i in is it me my of on or our "
    "please the this to was we what when where which will with you your".split()
)


def transcription_report(transcripts: list[dict[str, Any]], top_k: int = 5) -> dict[str, Any]:
    """Counts, speaking rates and most frequent terms of `transcripts` (see README.md for the keys)."""
    raise NotImplementedError("write transcription_report (see README.md), then run: interview-prep check asr-08")


def plot_lengths(report: dict[str, Any], path: str):
    """Bar chart of words per transcript with a line at the mean; saves a PNG at `path`, returns the Figure."""
    raise NotImplementedError("write plot_lengths (see README.md), then run: interview-prep check asr-08")
