"""Grader of kata asr-07-vad-gate: no words on noise, all the words on speech.

Noise-only clips are colored noise, store ambience and store sounds (beeps, chimes, a
cash drawer, music) at speech-like levels: Whisper tiny.en alone answers " you" on every
one of them. Speech clips are sentences spoken by our TTS voice (cached), padded with
and mixed into noise at 20 dB SNR; one holds two sentences with a long pause between.
"""

from __future__ import annotations

import jiwer
import numpy as np

from interview_prep.audio.degrade import colored_noise
from interview_prep.audio.events import event_waveform, store_ambience
from interview_prep.audio.levels import db_to_gain, normalize_rms, rms
from interview_prep.audio.speech import normalize_text
from interview_prep.graders.asr._announcements import RATE, SENTENCES, spoken
from interview_prep.graders.asr._warmup import warm_up_asr
from interview_prep.kata import evidence
from interview_prep.kata.grading import Audio, Returned, call, expect, expect_type, hint, learner_function, rng

FILE = "vad_gate.py"
MAX_WER = 0.25
# Sentences of the pool that Whisper tiny.en transcribes without error in pink noise at 20 dB SNR
# (measured when the kata was written): a lost word then comes from the gate, not from the model.
CLEAR_SENTENCES = (0, 3, 4, 5, 6, 9, 12, 14, 15, 16)
NOISE_DBFS = (-35.0, -20.0)
SPEECH_SNR_DB = 20.0
STORE_SOUNDS = ("scanner_beep", "door_chime", "cash_drawer", "card_reader_error", "background_music")

warm_up_asr(vad=True)


def _transcribe(audio: np.ndarray, what: str) -> tuple[Returned, str]:
    evidence.clip(what, audio, RATE)
    returned = call(learner_function(FILE, "transcribe_gated"), Audio(audio, RATE))
    return returned, expect_type(returned, "", note=f"{what}; return the transcript as a str")


def _level(gen: np.random.Generator, audio: np.ndarray) -> np.ndarray:
    return normalize_rms(audio, float(gen.uniform(*NOISE_DBFS))).astype(np.float32)


def _expect_empty(audio: np.ndarray, what: str) -> None:
    returned, text = _transcribe(audio, what)
    if text.strip():
        evidence.asr_alignment("", normalize_text(text) or text.strip(), title=f"{what}: no words expected")
    expect(
        text.strip() == "",
        returned,
        f"expected empty text for {what}, got {text!r}: Whisper hallucinates on non-speech, gate it with the VAD",
    )


def _speech_clip(gen: np.random.Generator, indexes: list[int], pause_s: tuple[float, float]) -> np.ndarray:
    """Sentences separated by `pause_s` of pause, 0.5-1.5 s of lead-in and tail, in pink noise at 20 dB SNR."""
    lead = np.zeros(int(gen.uniform(0.5, 1.5) * RATE), dtype=np.float32)
    parts = [lead]
    for i, index in enumerate(indexes):
        if i:
            parts.append(np.zeros(int(gen.uniform(*pause_s) * RATE), dtype=np.float32))
        parts.append(spoken(index))
    parts.append(np.zeros(int(gen.uniform(0.5, 1.5) * RATE), dtype=np.float32))
    speech = np.concatenate(parts)
    voiced = np.concatenate([spoken(index) for index in indexes])
    noise = colored_noise(len(speech), gen, "pink")
    noise = noise * (rms(voiced) * db_to_gain(-SPEECH_SNR_DB) / max(rms(noise), 1e-12))
    return (speech + noise).astype(np.float32)


def _expect_words(clips: list[tuple[np.ndarray, str, str]]) -> None:
    """Every (audio, spoken text, description) keeps its words: corpus WER <= MAX_WER."""
    references, hypotheses, lines, last = [], [], [], None
    for audio, said, what in clips:
        last, text = _transcribe(audio, what)
        references.append(normalize_text(said))
        hypotheses.append(normalize_text(text) or "<empty>")
        lines.append(f"{what}: said {said!r}, got {text!r}")
    wer = float(jiwer.wer(references, hypotheses))
    evidence.asr_alignment(references, [h if h != "<empty>" else "" for h in hypotheses],
                           title="what was said vs your gated transcript (normalized)")
    print(f"WER {wer:.3f} (limit {MAX_WER}) over {len(clips)} speech clip(s)")
    expect(
        wer <= MAX_WER,
        last,
        f"word error rate {wer:.3f} > {MAX_WER} over {len(clips)} speech clip(s): the gate lost words",
        "\n  ".join(lines),
    )


@hint(1)
def test_noise_gives_empty_text():
    gen = rng()
    for color in ("white", "pink", "brown"):
        seconds = gen.uniform(2.0, 4.0)
        audio = _level(gen, colored_noise(int(seconds * RATE), gen, color))
        _expect_empty(audio, f"{seconds:.1f} s of {color} noise at {20 * np.log10(rms(audio)):.0f} dBFS")


@hint(2)
def test_store_sounds_give_empty_text():
    gen = rng()
    for label in gen.choice(STORE_SOUNDS, size=2, replace=False):
        seconds = gen.uniform(2.5, 4.0)
        n = int(seconds * RATE)
        event = event_waveform(str(label), gen, RATE, length_s=seconds - 1.0)[: n - RATE]
        mix = 0.05 * store_ambience(n, gen, RATE)
        start = int(gen.integers(0, n - len(event)))
        mix[start : start + len(event)] += event
        audio = _level(gen, mix)
        _expect_empty(audio, f"{seconds:.1f} s of store ambience with a {label}")


@hint(1)
def test_speech_keeps_its_words():
    gen = rng()
    indexes = [int(i) for i in gen.choice(CLEAR_SENTENCES, size=2, replace=False)]
    _expect_words([(_speech_clip(gen, [i], (0, 0)), SENTENCES[i], f"sentence {i} in noise") for i in indexes])


@hint(3)
def test_speech_after_a_long_pause_is_kept():
    gen = rng()
    indexes = [int(i) for i in gen.choice(CLEAR_SENTENCES, size=2, replace=False)]
    audio = _speech_clip(gen, indexes, (2.0, 3.0))
    said = " ".join(SENTENCES[i] for i in indexes)
    _expect_words([(audio, said, "two sentences with a 2-3 s pause between them")])
