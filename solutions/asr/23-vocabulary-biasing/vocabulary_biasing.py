"""Reference solution of kata asr-23-vocabulary-biasing: bias Whisper towards catalogue words with a prompt."""

import numpy as np
import soxr

from interview_prep import models

WHISPER_RATE = 16000


def transcribe_with_catalog(audio: np.ndarray, sampling_rate: int, catalog: list[str]) -> str:
    """Transcribe a query with Whisper, prompted with the store's product names so it spells them right."""
    x = np.asarray(audio, dtype=np.float32)
    if sampling_rate != WHISPER_RATE:
        x = soxr.resample(x, sampling_rate, WHISPER_RATE).astype(np.float32)
    asr = models.asr_pipeline()
    # The prompt reads like text spoken just before the clip: Whisper continues in its vocabulary.
    prompt_ids = asr.tokenizer.get_prompt_ids(", ".join(catalog) + ".", return_tensors="pt")
    out = asr(x, generate_kwargs={"prompt_ids": prompt_ids})
    return out["text"].strip()
