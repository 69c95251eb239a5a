"""Warm-up for model-backed ASR graders, run when the grader module is imported.

The graders import the stack and run our Whisper pipeline once on a short silence at
collection, so the first test does not pay for it (and a prepared, warm grading process
has paid before the check starts).

Torch runs on one thread: on a shared 2-core machine, two intra-op threads spend their
time waiting for each other (a short Whisper transcription took 3.5 s with 2 threads and
0.7 s with 1 while other work was running).
"""

from __future__ import annotations

import functools

import numpy as np


@functools.cache
def warm_up_asr(vad: bool = False) -> None:
    """Use one torch thread, import torch, transformers' pipelines (and Silero VAD), run the ASR pipeline
    once (once per process: pytest imports a prepared process's grader a second time)."""
    import torch
    import torch._dynamo  # noqa: F401 - wraps torch.manual_seed on import
    import transformers.pipelines  # noqa: F401 - re-creates sys.modules["transformers"] on first import

    from interview_prep import models
    from interview_prep.audio.speech import normalize_text

    torch.set_num_threads(1)
    if vad:
        import silero_vad  # (its import also sets torch to one thread)

        silero_vad.load_silero_vad()
    normalize_text("warm up")
    models.asr_pipeline()(np.zeros(8000, dtype=np.float32), return_timestamps=True)
