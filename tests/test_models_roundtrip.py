"""Round trip: our TTS speaks retail sentences, our ASR transcribes them back."""

from __future__ import annotations

import jiwer
import numpy as np
import pytest
import soxr

pytestmark = pytest.mark.models

RETAIL_SENTENCES = [
    "Attention shoppers: fresh strawberries are on sale today for $4.99 a pound.",
    "The store will close in 15 minutes. Please bring your final purchases to the front registers.",
    "Our new tablet is now 20% off, only $249 this weekend.",
    "Customer service, please call extension 304.",
    "Buy two bottles of orange juice and get the third one free.",
    "The cordless vacuum features a laser dust sensor and a 60 minute battery.",
    "Paper towels, dish soap, and laundry detergent are in aisle 9.",
    "Rewards members save an extra $10 on any purchase over $50.",
    "Our store hours are 8 am to 10 pm, Monday through Saturday.",
    "The medium hoodie comes in size small, medium, and large.",
]


def _normalizer():
    from transformers.models.whisper.english_normalizer import EnglishTextNormalizer

    return EnglishTextNormalizer({})


def _to_16k(out):
    return soxr.resample(out["audio"], out["sampling_rate"], 16000).astype(np.float32)


def test_retail_round_trip_wer(tts, asr):
    norm = _normalizer()
    refs, hyps = [], []
    for i, sentence in enumerate(RETAIL_SENTENCES):
        hyp = asr(_to_16k(tts(sentence, seed=i)))["text"]
        refs.append(norm(sentence))
        hyps.append(norm(hyp))
    wer = jiwer.wer(refs, hyps)
    assert wer <= 0.10, f"corpus WER {wer:.3f}\n" + "\n".join(f"{r} | {h}" for r, h in zip(refs, hyps, strict=True))


def test_long_form_without_repetition_loops(tts, asr):
    norm = _normalizer()
    pieces, text = [], []
    gap = np.zeros(8000, dtype=np.float32)
    while sum(len(p) for p in pieces) < 65 * 16000:
        sentence = RETAIL_SENTENCES[len(text) % len(RETAIL_SENTENCES)]
        pieces += [_to_16k(tts(sentence, seed=len(text))), gap]
        text.append(sentence)
    audio = np.concatenate(pieces)
    assert len(audio) / 16000 >= 60
    out = asr(audio, return_timestamps=True)
    ref, hyp = norm(" ".join(text)), norm(out["text"])
    wer = jiwer.wer(ref, hyp)
    assert wer <= 0.20, f"long-form WER {wer:.3f}: {hyp}"
    words = hyp.split()
    # A repetition loop shows as one 4-gram repeated far more often than the text has it.
    grams = [" ".join(words[i : i + 4]) for i in range(len(words) - 3)]
    ref_words = ref.split()
    ref_grams = [" ".join(ref_words[i : i + 4]) for i in range(len(ref_words) - 3)]
    worst = max(set(grams), key=grams.count)
    assert grams.count(worst) <= ref_grams.count(worst) + 1, f"repetition loop on {worst!r}"
    chunks = out["chunks"]
    assert chunks and chunks[-1]["timestamp"][0] > 45, "timestamps do not cover the recording"
