"""Kata asr-04: word error rate with substitution, deletion and insertion counts."""


def word_error_rate(reference: str, hypothesis: str) -> dict:
    """Return {"wer": float, "substitutions": int, "deletions": int, "insertions": int}."""
    raise NotImplementedError("write word_error_rate (see README.md), then run: interview-prep check asr-04")
