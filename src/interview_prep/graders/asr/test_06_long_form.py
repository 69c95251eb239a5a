"""Grader of kata asr-06-long-form: transcribe a 60-90 s recording into timestamped segments.

The recording is built here from single sentences spoken by our TTS voice (a fixed pool,
cached on disk by the audio package, so warm runs synthesize nothing), separated by short
pauses at known onsets. The learner's function runs once per input; the tests then
check the segments' shape, the WER of the joined text, repetition loops, each segment's
start against the time its first word is spoken, and the segments' lengths.

Word times are estimated: a sentence's words are spread over its spoken length in
proportion to their characters. Whisper tiny.en's segments do not always follow the
sentences (it may join two or split one mid-sentence), but their times match the speech.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import jiwer
import numpy as np
import soxr

from interview_prep.audio.speech import normalize_text
from interview_prep.graders.asr._announcements import RATE, SENTENCES, spoken
from interview_prep.graders.asr._warmup import warm_up_asr
from interview_prep.kata import evidence
from interview_prep.kata.grading import (
    Audio,
    KataError,
    KataFailure,
    Returned,
    call,
    expect,
    expect_type,
    hint,
    learner_function,
    seed,
)

FILE = "long_form.py"
MAX_WER = 0.15
START_TOL_S = 1.5
MIN_TIMED_SHARE = 0.9
MAX_SEGMENT_S = 15.0
END_SLACK_S = 1.0
LOOP_MAX_N = 10
OTHER_RATE_SENTENCES = 4
LOOP_REPEATS = 3
SEGMENT = {"start": 0.0, "end": 0.0, "text": ""}

warm_up_asr()


@dataclass
class _Recording:
    """Sentences with pauses between them; onsets in seconds."""

    audio: np.ndarray
    rate: int
    texts: list[str] = field(default_factory=list)
    onsets: list[float] = field(default_factory=list)
    lengths: list[float] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return len(self.audio) / self.rate


def _record(gen: np.random.Generator, count: int) -> _Recording:
    order = gen.permutation(len(SENTENCES))[:count]
    pieces = [np.zeros(int(gen.uniform(0.3, 1.0) * RATE), dtype=np.float32)]
    position, texts, onsets, lengths = len(pieces[0]), [], [], []
    for index in order:
        speech = spoken(int(index))
        pause = np.zeros(int(gen.uniform(0.4, 1.0) * RATE), dtype=np.float32)
        texts.append(SENTENCES[int(index)])
        onsets.append(position / RATE)
        lengths.append(len(speech) / RATE)
        pieces += [speech, pause]
        position += len(speech) + len(pause)
    audio = np.concatenate(pieces)
    audio = (audio + gen.normal(0.0, 10 ** (-60 / 20), len(audio))).astype(np.float32)  # a -60 dBFS noise floor
    return _Recording(audio=audio, rate=RATE, texts=texts, onsets=onsets, lengths=lengths)


@cache
def _long_recording() -> _Recording:
    gen = np.random.default_rng([seed(), 6])
    while True:  # 60-90 s
        recording = _record(gen, int(gen.integers(14, 17)))
        if 60.0 <= recording.duration <= 90.0:
            return recording


@cache
def _other_rate_recording() -> _Recording:
    gen = np.random.default_rng([seed(), 22050])
    recording = _record(gen, OTHER_RATE_SENTENCES)
    audio = soxr.resample(recording.audio, RATE, 22050).astype(np.float32)
    return _Recording(
        audio=audio, rate=22050, texts=recording.texts, onsets=recording.onsets, lengths=recording.lengths
    )


@cache
def _outcome(which: str) -> tuple[Returned, list[dict]] | KataFailure | KataError:
    """The learner's segments for recording `which`, or what went wrong: computed once per run."""
    recording = _long_recording() if which == "long" else _other_rate_recording()
    try:
        return _run(recording)
    except (KataFailure, KataError) as exc:
        return exc


def _segments(which: str) -> tuple[Returned, list[dict], _Recording]:
    """The learner's segments for recording `which` ("long" or "22050") and the recording."""
    outcome = _outcome(which)
    if isinstance(outcome, KataFailure | KataError):
        raise type(outcome)(str(outcome))
    returned, segments = outcome
    return returned, segments, _long_recording() if which == "long" else _other_rate_recording()


def _run(recording: _Recording) -> tuple[Returned, list[dict]]:
    fn = learner_function(FILE, "transcribe_long")
    returned = call(fn, Audio(recording.audio, recording.rate), recording.rate)
    value = returned.value
    shape = "return a list of {'start': float, 'end': float, 'text': str} dicts, in time order"
    expect(isinstance(value, list), returned, f"expected a list of segments, got {type(value).__name__}", shape)
    count = list.__len__(value)
    expect(count > 0, returned, "returned no segments", shape)
    segments = expect_type(returned, [SEGMENT] * count, note=shape)
    return returned, segments


def _transcript(segments: list[dict]) -> str:
    return " ".join(s["text"].strip() for s in segments)


def _wer(recording: _Recording, segments: list[dict]) -> float:
    reference = normalize_text(" ".join(recording.texts))
    return float(jiwer.wer(reference, normalize_text(_transcript(segments)) or "<empty>"))


def _loop(words: list[str]) -> str | None:
    """The first run of LOOP_REPEATS back-to-back copies of a 1..LOOP_MAX_N-word phrase."""
    for n in range(1, LOOP_MAX_N + 1):
        for i in range(len(words) - LOOP_REPEATS * n + 1):
            phrase = words[i : i + n]
            if all(words[i + k * n : i + (k + 1) * n] == phrase for k in range(1, LOOP_REPEATS)):
                return " ".join(words[i : i + LOOP_REPEATS * n])
    return None


def _shown(segments: list[dict], limit: int = 8) -> str:
    lines = [f"[{s['start']:6.2f} - {s['end']:6.2f}] {s['text'].strip()[:70]}" for s in segments[:limit]]
    more = f"\n    … {len(segments) - limit} more" if len(segments) > limit else ""
    return "segments:\n    " + "\n    ".join(lines) + more


def _check_wer(which: str) -> None:
    returned, segments, recording = _segments(which)
    wer = _wer(recording, segments)
    evidence.clip(f"recording-{recording.rate}hz", recording.audio, recording.rate)
    evidence.asr_alignment(normalize_text(" ".join(recording.texts)), normalize_text(_transcript(segments)),
                           title=f"{recording.duration:.0f} s at {recording.rate} Hz: what was said vs your transcript "
                                 "(normalized)")
    print(f"WER {wer:.3f} (limit {MAX_WER}) on {recording.duration:.1f} s at {recording.rate} Hz")
    said = " ".join(recording.texts)
    note = f"said: {said[:200]}{'…' if len(said) > 200 else ''}\n  heard: {_transcript(segments)[:200]}"
    if recording.rate != RATE:
        note += f"\n  the input is at {recording.rate} Hz: Whisper needs {RATE} Hz, resample it first"
    expect(
        wer <= MAX_WER,
        returned,
        f"word error rate {wer:.3f} > {MAX_WER} on {recording.duration:.1f} s of speech at {recording.rate} Hz",
        note,
    )


def _word_times(recording: _Recording) -> tuple[list[str], list[float]]:
    """The recording's normalized words and when each is spoken (estimated, in seconds)."""
    words, times = [], []
    for text, onset, length in zip(recording.texts, recording.onsets, recording.lengths, strict=True):
        sentence = normalize_text(text).split()
        total = sum(len(word) + 1 for word in sentence)
        position = 0
        for word in sentence:
            words.append(word)
            times.append(onset + length * position / total)
            position += len(word) + 1
    return words, times


def _first_word_times(recording: _Recording, segments: list[dict]) -> list[tuple[int, str, float]]:
    """(segment index, first word, when it is spoken) for each segment with a word matched to the speech."""
    words, times = _word_times(recording)
    heard, owner = [], []
    for i, s in enumerate(segments):
        for word in normalize_text(s["text"]).split():
            heard.append(word)
            owner.append(i)
    if not heard:
        return []
    matched = {}  # index in heard -> index in words
    for chunk in jiwer.process_words(" ".join(words), " ".join(heard)).alignments[0]:
        if chunk.type in ("equal", "substitute"):
            for k in range(chunk.hyp_end_idx - chunk.hyp_start_idx):
                matched[chunk.hyp_start_idx + k] = chunk.ref_start_idx + k
    firsts = {}
    for k in sorted(matched):
        firsts.setdefault(owner[k], (heard[k], times[matched[k]]))
    return [(i, word, time) for i, (word, time) in sorted(firsts.items())]


def _check_starts(which: str) -> None:
    returned, segments, recording = _segments(which)
    firsts = _first_word_times(recording, segments)
    expect(bool(firsts), returned, "no segment's text matches the spoken words", _shown(segments))
    late = [(i, word, time) for i, word, time in firsts if abs(segments[i]["start"] - time) > START_TOL_S]
    share = 1 - len(late) / len(firsts)
    print(f"{len(firsts) - len(late)}/{len(firsts)} segments start within {START_TOL_S} s of their first word")
    shown = [
        f"segment {i} starts at {segments[i]['start']:.2f} s, its first word {word!r} at ~{time:.2f} s"
        for i, word, time in late[:4]
    ]
    expect(
        share >= MIN_TIMED_SHARE,
        returned,
        f"only {len(firsts) - len(late)} of {len(firsts)} segments ({share:.0%}, need {MIN_TIMED_SHARE:.0%}) start "
        f"within {START_TOL_S} s of the moment their first word is spoken: " + "; ".join(shown),
        f"timestamps are seconds of the input recording; {_shown(segments)}",
    )


def _check_lengths(which: str) -> None:
    returned, segments, _ = _segments(which)
    longest = max(range(len(segments)), key=lambda i: segments[i]["end"] - segments[i]["start"])
    length = segments[longest]["end"] - segments[longest]["start"]
    print(f"longest segment: {length:.1f} s (limit {MAX_SEGMENT_S} s)")
    expect(
        length <= MAX_SEGMENT_S,
        returned,
        f"segment {longest} lasts {length:.1f} s ({segments[longest]['start']:.2f}-{segments[longest]['end']:.2f} s): "
        f"segments must be sentence-sized, at most {MAX_SEGMENT_S:.0f} s",
        _shown(segments),
    )


def _check_segments(which: str) -> None:
    returned, segments, recording = _segments(which)
    previous = 0.0
    for i, s in enumerate(segments):
        expect(
            0.0 <= s["start"] <= s["end"] <= recording.duration + END_SLACK_S,
            returned,
            f"segment {i} has start={s['start']}, end={s['end']}: need 0 <= start <= end <= "
            f"{recording.duration:.2f} + {END_SLACK_S} (the recording's length in seconds)",
            _shown(segments),
        )
        expect(
            s["start"] >= previous,
            returned,
            f"segment {i} starts at {s['start']} before segment {i - 1} ({previous}): keep time order",
            _shown(segments),
        )
        previous = s["start"]


@hint(1)
def test_returns_timestamped_segments():
    _check_segments("long")


@hint(1)
def test_word_error_rate_of_a_long_recording():
    _check_wer("long")


@hint(2)
def test_no_repetition_loops():
    returned, segments, _ = _segments("long")
    loop = _loop(normalize_text(_transcript(segments)).split())
    expect(
        loop is None,
        returned,
        f"the transcript repeats itself: {loop!r} ({LOOP_REPEATS} times the same phrase back to back)",
        _shown(segments),
    )


@hint(3)
def test_segment_starts_match_the_speech():
    _check_starts("long")


@hint(3)
def test_segments_are_sentence_sized():
    _check_lengths("long")


@hint(4)
def test_other_sample_rate_is_resampled():
    _check_segments("22050")
    _check_wer("22050")
    _check_starts("22050")
