"""Reference solution of kata tts-11: speak a product catalog, sentence by sentence."""

import json
import re
from pathlib import Path

import soundfile as sf

from interview_prep import models

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def split_sentences(text: str) -> list[str]:
    """Split after . ! or ? followed by whitespace ("$4.99" stays whole)."""
    return [s.strip() for s in SENTENCE_END.split(text.strip()) if s.strip()]


def build_catalog(products: list[dict[str, str]], out_dir: str) -> list[dict]:
    """One WAV per sentence of every description, and a JSON-lines manifest; returns the manifest entries."""
    tts = models.tts_pipeline()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for product in products:
        for n, sentence in enumerate(split_sentences(product["description"]), start=1):
            speech = tts(sentence, seed=0)
            name = f"{product['sku']}-{n}.wav"
            sf.write(out / name, speech["audio"], speech["sampling_rate"], subtype="PCM_16")
            duration = len(speech["audio"]) / speech["sampling_rate"]
            entries.append({"audio_filepath": name, "duration": duration, "text": sentence, "sku": product["sku"]})
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as f:
        for entry in entries:
            f.write(json.dumps(entry) + "\n")
    return entries
