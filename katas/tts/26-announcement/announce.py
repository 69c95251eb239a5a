"""Kata tts-26: a store announcement in parts, with exact pauses and a slower important part. See README.md."""


def announce(parts: list[str], pauses_ms: list[int], important: int, seed: int = 0) -> dict:
    """Speak `parts` in order with `pauses_ms[k]` ms of silence after part k; part `important` slower."""
    raise NotImplementedError("write announce (see README.md), then run: interview-prep check tts-26")
