"""Text-to-speech with our Piper VITS voice through the stock transformers pipeline."""

from __future__ import annotations

import re

import numpy as np

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")
_MONEY = re.compile(r"\$(\d[\d,]*)(?:\.(\d{2}))?")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?%")
SENTENCE_PAUSE_S = 0.2


def _money(match: re.Match) -> str:
    dollars, cents = int(match[1].replace(",", "")), int(match[2] or 0)
    words = f"{dollars} dollar{'s' if dollars != 1 else ''}"
    if cents:
        words += f" and {cents} cent{'s' if cents != 1 else ''}"
    return words


def speakable(text: str) -> str:
    """Spell out currency and percentages, which espeak-ng would read wrongly ("$4" -> "dollar four")."""
    return _PERCENT.sub(r"\1 percent", _MONEY.sub(_money, text))


class Synthesizer:
    """`tts(text, seed=0, speaking_rate=1.0) -> {"audio": float32 1-D, "sampling_rate": 22050}`.

    Wraps a `pipeline("text-to-speech")` on the Piper voice. Text is split into sentences
    (joined by a short pause); VITS samples noise, so each call seeds its own RNG: the
    same text, seed and rate give the same samples, without touching global RNG state.
    """

    def __init__(self, pipe):
        self.pipeline = pipe
        self.sampling_rate: int = int(pipe.sampling_rate)

    def __call__(self, text: str, seed: int = 0, speaking_rate: float = 1.0, spell_out: bool = True) -> dict:
        import torch

        if not isinstance(text, str) or not text.strip():
            raise ValueError("text to synthesize must be a non-empty string")
        if not 0.25 <= speaking_rate <= 4.0:
            raise ValueError(f"speaking_rate must be within 0.25..4.0, got {speaking_rate}")
        sentences = [s for s in _SENTENCE_SPLIT.split((speakable(text) if spell_out else text).strip()) if s]
        pause = np.zeros(int(SENTENCE_PAUSE_S * self.sampling_rate), dtype=np.float32)
        pieces: list[np.ndarray] = []
        with torch.random.fork_rng(devices=[]), torch.inference_mode():
            torch.manual_seed(seed)
            for i, sentence in enumerate(sentences):
                out = self.pipeline(sentence, forward_params={"speaking_rate": speaking_rate})
                if i:
                    pieces.append(pause)
                pieces.append(np.asarray(out["audio"], dtype=np.float32).reshape(-1))
        return {"audio": np.concatenate(pieces), "sampling_rate": self.sampling_rate}
