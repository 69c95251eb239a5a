"""Kata tts-11: speak a product catalog, sentence by sentence. See README.md for the exact rules."""


def build_catalog(products: list[dict[str, str]], out_dir: str) -> list[dict]:
    """One WAV per sentence of every description, and a JSON-lines manifest; returns the manifest entries."""
    raise NotImplementedError("write build_catalog (see README.md), then run: interview-prep check tts-11")
