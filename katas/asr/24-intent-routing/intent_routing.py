"""Kata asr-24: route spoken customer queries to intents. See README.md for the exact rules."""

import numpy as np

INTENTS = ("store_hours", "product_location", "returns", "price_check", "talk_to_staff")


def intent_of(transcript: str) -> str:
    """The intent of a customer's query (one of INTENTS), or "unknown" when it asks for none of them."""
    raise NotImplementedError("write intent_of (see README.md), then run: interview-prep check asr-24")


def route_query(audio: np.ndarray, sampling_rate: int) -> dict:
    """Transcribe a spoken query with Whisper and route it: {"transcript": str, "intent": str}."""
    raise NotImplementedError("write route_query (see README.md), then run: interview-prep check asr-24")
