"""Grader of kata tts-10-synthesize: speech from the stock transformers TTS pipeline.

The learner's `synthesize(text, seed)` is checked for its output contract (float32 1-D
audio, the voice's sample rate), sanity (finite, peak <= 1, plausible length), determinism
(the same seed twice gives the same samples even when other code used torch's random
generator in between), that the seed matters, and intelligibility: our ASR must hear the
sentences (round-trip WER).
"""

from __future__ import annotations

import numpy as np

from interview_prep.graders.tts import roundtrip
from interview_prep.kata import evidence
from interview_prep.kata.grading import Returned, call, expect, hint, learner_function, rng
from interview_prep.kata.summarize import describe_type

FILE = "synthesize.py"
# Retail sentences without digits or symbols (no text normalization needed).
SENTENCES = (  # each heard without error at 4 of 4 seeds by the reference solution
    "The store will close in fifteen minutes.",
    "Register seven is now open.",
    "Thank you for shopping with us today.",
    "Fresh bread is on sale in the bakery.",
    "Please bring your cart back to the front.",
    "Our coffee makers are on the second floor.",
    "Would you like a bag for your groceries?",
    "Winter coats are half price this weekend.",
    "Customer service is next to the main entrance.",
    "We have new running shoes in every size.",
)
SECONDS_PER_CHAR = (0.03, 0.15)
MAX_ROUND_TRIP_WER = 0.25

roundtrip.warm_up()
VOICE_RATE = roundtrip.tts().sampling_rate


def _synthesize(text: str, seed: int) -> tuple[Returned, np.ndarray, int]:
    """Call the learner's function and check the (audio, rate) contract."""
    returned = call(learner_function(FILE, "synthesize"), text, seed)
    value = returned.value
    expect(isinstance(value, tuple) and len(value) == 2, returned,
           f"expected a tuple (audio, sampling_rate), got {describe_type(value)}")
    audio, rate = tuple.__getitem__(value, 0), tuple.__getitem__(value, 1)
    expect(isinstance(audio, np.ndarray), returned,
           f"expected the audio as a numpy.ndarray, got {describe_type(audio)}",
           "convert the pipeline's output with np.asarray(out['audio'], dtype=np.float32)")
    audio = np.array(audio, copy=True, subok=False)
    if isinstance(rate, int):  # evidence if the test fails: our voice (synthesized only then) against yours
        evidence.waveforms(lambda: roundtrip.reference(text, seed), audio, VOICE_RATE, actual_rate=rate,
                           labels=("our voice", "yours"), name=f"seed{seed}",
                           title=f"synthesize({text!r}, seed={seed}): our voice vs yours")
    expect(audio.dtype == np.float32, returned, f"expected float32 audio, got {audio.dtype}")
    expect(audio.ndim == 1 and audio.size > 0, returned, f"expected 1-D mono audio, got shape {audio.shape}",
           "flatten with .reshape(-1)")
    expect(isinstance(rate, int) and not isinstance(rate, bool), returned,
           f"expected the sampling rate as an int, got {describe_type(rate)}")
    expect(int(rate) == VOICE_RATE, returned,
           f"sampling rate {int(rate)}, expected the voice's own rate {VOICE_RATE} "
           "(return the pipeline's audio and its 'sampling_rate' unchanged)")
    return returned, audio, int(rate)


@hint(3)
def test_returns_float32_audio_and_its_rate():
    gen = rng()
    _synthesize(str(gen.choice(SENTENCES)), int(gen.integers(1000)))


@hint(3)
def test_audio_is_sane():
    gen = rng()
    text = str(gen.choice(SENTENCES))
    returned, audio, rate = _synthesize(text, int(gen.integers(1000)))
    bad = int(np.count_nonzero(~np.isfinite(audio)))
    expect(bad == 0, returned, f"{bad} samples are NaN or infinite")
    peak = float(np.max(np.abs(audio)))
    expect(peak <= 1.0, returned, f"peak {peak:.3f} > 1.0: float audio must stay within [-1, 1]")
    seconds = len(audio) / rate
    low, high = (len(text) * s for s in SECONDS_PER_CHAR)
    expect(low <= seconds <= high, returned,
           f"{seconds:.2f} s of audio for {len(text)} characters; expected {low:.2f}-{high:.2f} s "
           f"({SECONDS_PER_CHAR[0]}-{SECONDS_PER_CHAR[1]} s per character)")


@hint(2)
def test_same_seed_gives_the_same_audio():
    gen = rng()
    text, seed = str(gen.choice(SENTENCES)), int(gen.integers(1000))
    first, audio1, _ = _synthesize(text, seed)
    roundtrip.draw_from_torch(int(gen.integers(1, 100)))  # other code uses the generator in between
    _, audio2, _ = _synthesize(text, seed)
    evidence.waveforms(audio1, audio2, VOICE_RATE, labels=("first call", "second call"), name="calls",
                       title=f"synthesize({text!r}, seed={seed}) twice: the same seed must give the same audio")
    same_length = audio1.shape == audio2.shape
    detail = (f"max difference {float(np.max(np.abs(audio1 - audio2))):.3g}" if same_length
              else f"{len(audio1)} vs {len(audio2)} samples")
    expect(same_length and bool(np.array_equal(audio1, audio2)), first,
           f"two calls with the same text and seed={seed} gave different audio ({detail}): VITS samples noise, so "
           "seed torch right before every pipeline call")


@hint(2)
def test_seed_changes_the_audio():
    gen = rng()
    text, seed = str(gen.choice(SENTENCES)), int(gen.integers(1000))
    first, audio1, _ = _synthesize(text, seed)
    _, audio2, _ = _synthesize(text, seed + 1)
    expect(not (audio1.shape == audio2.shape and np.array_equal(audio1, audio2)), first,
           f"seed={seed} and seed={seed + 1} gave identical audio: use the `seed` argument")


@hint(1)
def test_round_trip_through_our_asr():
    gen = rng()
    texts = [str(t) for t in gen.choice(SENTENCES, size=2, replace=False)]
    heard = []
    for text in texts:
        _, audio, rate = _synthesize(text, int(gen.integers(1000)))
        heard.append(roundtrip.transcribe(audio, rate))
    wer = roundtrip.word_error_rate(texts, heard)
    evidence.asr_alignment([roundtrip.normalize(t) for t in texts], [roundtrip.normalize(h) for h in heard],
                           title="round trip: the sentence vs what our ASR heard in your audio (normalized)")
    print(f"round-trip WER {wer:.3f}")
    expect(wer <= MAX_ROUND_TRIP_WER, Returned(texts, f"synthesize on {len(texts)} sentences"),
           f"round-trip WER {wer:.2f} > {MAX_ROUND_TRIP_WER}: our ASR heard\n"
           + roundtrip.said_and_heard(texts, heard))
