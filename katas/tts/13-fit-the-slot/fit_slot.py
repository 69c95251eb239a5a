"""Kata tts-13: make an announcement fit a time budget. See README.md for the exact rules."""


def fit_to_slot(text: str, budget_s: float, seed: int = 0) -> dict:
    """Speak `text` no longer than `budget_s`: normal speed if it fits, else just fast enough (rate <= 2.0)."""
    raise NotImplementedError("write fit_to_slot (see README.md), then run: interview-prep check tts-13")
