"""Grader of kata asr-05-transcribe-queries: Whisper transcription of varied recordings.

Queries are spoken by our TTS voice (cached on disk) from a pool of texts the model
transcribes correctly when fed 16 kHz mono float32. Each test picks clips at random and
converts them to one recording format; the learner's transcripts are scored with WER
against the spoken text after lower-casing and removing punctuation.
"""

from __future__ import annotations

import re

import jiwer
import numpy as np

from interview_prep.audio.degrade import change_rate, to_stereo
from interview_prep.audio.speech import make_retail_speech
from interview_prep.kata import evidence
from interview_prep.kata.grading import Audio, call, expect, expect_type, hint, learner_function, pyrandom

FILE = "transcribe_queries.py"
MAX_WER = 0.25
# Seeds of `make_retail_speech(kind="query")` whose clean 16 kHz clips Whisper tiny.en
# transcribes with WER 0 after normalization (checked when the kata was written).
SEEDS = (1, 2, 3, 6, 9, 10, 12, 15, 20, 22, 23, 24, 26, 31, 35, 37, 39, 40)


def normalize(text: str) -> str:
    """Lower-case, punctuation removed (apostrophes kept), single spaces."""
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split())


def _clips(count: int, salt: str):
    gen = pyrandom(salt)
    return [make_retail_speech(seed=seed, kind="query", sample_rate=16000) for seed in gen.sample(SEEDS, count)]


def _grade(recordings: list[tuple[np.ndarray, int, str]], what: str) -> None:
    """Transcribe every (audio, rate, text); the corpus WER must be at most MAX_WER."""
    fn = learner_function(FILE, "transcribe")
    refs, hyps, lines, last = [], [], [], None
    for number, (audio, rate, text) in enumerate(recordings, 1):
        evidence.clip(f"query-{number}-{rate}hz", audio, rate)
        last = call(fn, Audio(audio, rate), rate)
        transcript = expect_type(last, "", note="return the transcript as a str")
        refs.append(normalize(text))
        hyps.append(normalize(transcript))
        lines.append(f"[{rate} Hz] said {text!r}, got {transcript!r}")
    evidence.asr_alignment(refs, hyps, title=f"{what}: what was said vs your transcript (normalized)")
    wer = float(jiwer.wer(refs, hyps)) if any(refs) else 0.0
    expect(
        wer <= MAX_WER,
        last,
        f"{what}: word error rate {wer:.2f} > {MAX_WER} over {len(refs)} clip(s)",
        note="\n  ".join(lines),
    )


@hint(1)
def test_clean_16k_mono():
    [clip] = _clips(1, "clean")
    fn = learner_function(FILE, "transcribe")
    evidence.clip("query-1-16000hz", clip.audio, 16000)
    returned = call(fn, Audio(clip.audio, 16000), 16000)
    transcript = expect_type(returned, "", note="return the transcript as a str")
    expect(
        transcript == transcript.strip(),
        returned,
        f"the transcript has leading or trailing whitespace: {transcript!r}",
        note="strip() the pipeline's text",
    )
    _grade([(clip.audio, 16000, clip.text)], "16 kHz mono float32")


@hint(2)
def test_other_sample_rates():
    clips = _clips(2, "rates")
    narrow, _ = change_rate(clips[0].audio, 16000, 8000)
    wide, _ = change_rate(clips[1].audio, 16000, 44100)
    _grade([(narrow, 8000, clips[0].text), (wide, 44100, clips[1].text)], "8 kHz and 44.1 kHz")


@hint(3)
def test_stereo_with_speaker_on_one_side():
    [clip] = _clips(1, "stereo")
    audio, _ = change_rate(clip.audio, 16000, 48000)
    stereo = to_stereo(audio, pan=1.0, sample_rate=48000)  # all speech on channel 1, channel 0 silent
    _grade([(stereo, 48000, clip.text)], "48 kHz stereo")


@hint(4)
def test_int16_pcm():
    [clip] = _clips(1, "int16")
    audio, _ = change_rate(clip.audio, 16000, 22050)
    pcm = np.round(np.clip(audio, -1.0, 1.0) * 32767).astype(np.int16)
    _grade([(pcm, 22050, clip.text)], "22.05 kHz int16 PCM")
