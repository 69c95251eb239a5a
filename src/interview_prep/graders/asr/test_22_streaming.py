"""Grader of kata asr-22-streaming: streaming transcription with the LocalAgreement-2 policy.

A customer call is built here from sentences spoken by our TTS voice (the fixed pool of
`_announcements`, cached on disk) with short pauses at known onsets, 20-30 s in all. It
is fed to the learner's stream in chunks of 0.5-1.0 s (random lengths, seeded); after
each chunk the stream returns everything it has committed so far, and `finish()` returns
the final transcript. The stream runs once per grading run; the tests then check:

- the final transcript's WER against the spoken sentences;
- that committed text is never retracted (each return extends the previous one);
- latency, in *stream time* (seconds of audio pushed so far, not wall-clock time): each
  word must be committed soon after it is spoken. A word's spoken end is estimated by
  spreading its sentence's words over the sentence's length in proportion to their
  characters (as in asr-06). Committed words are matched to spoken words by a WER
  alignment; words committed by `finish()` count as committed at the end of the stream.

Measured with the reference solution (LocalAgreement-2, a decode per >= 1 s of new audio,
segments trimmed past 10 s of buffer) at seeds 1-40 (benchmarks/streaming_seeds.py): WER
0.01-0.12, median commit delay 1.8-2.6 s, largest delay 2.8-9.3 s. The largest delay has a
long tail: while consecutive decodes disagree on a word, LocalAgreement commits neither it
nor the words after it, and Whisper tiny.en sometimes keeps revising one for several seconds.
The maximum was first set to 7 s from three seeds and failed the reference at 5 of 40.
Hence the limits below: WER 0.15, median 3.5 s, maximum 12 s. Committing only in
`finish()` gives delays of up to the whole call (20-30 s: 18 s or more for the first
words); showing every decode retracts words within a few chunks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import jiwer
import numpy as np

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

FILE = "streaming.py"
MAX_WER = 0.15
MAX_DELAY_S = 12.0  # every matched word committed within this long after it is spoken
MAX_MEDIAN_DELAY_S = 3.5  # and half of them within this long
CHUNK_S = (0.5, 1.0)
DURATION_S = (20.0, 30.0)
SENTENCE_COUNT = (5, 8)  # 5-7 sentences
PAUSE_S = (0.3, 0.8)
TAIL_S = 0.6  # silence after the last sentence: the stream ends shortly after the speech

warm_up_asr()


@dataclass
class _Call:
    """The recording, the chunks pushed, and what the stream returned."""

    audio: np.ndarray
    texts: list[str] = field(default_factory=list)
    onsets: list[float] = field(default_factory=list)
    lengths: list[float] = field(default_factory=list)
    #: (stream time in seconds after the push, returned committed text) for every push
    pushes: list[tuple[float, str]] = field(default_factory=list)
    final: str = ""
    returned: Returned | None = None  # the finish() call, for messages
    #: every push call, then the finish call (for messages)
    calls: list[Returned] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return len(self.audio) / RATE


def _recording(gen: np.random.Generator) -> _Call:
    while True:
        order = gen.permutation(len(SENTENCES))[: int(gen.integers(*SENTENCE_COUNT))]
        pieces = [np.zeros(int(gen.uniform(*PAUSE_S) * RATE), dtype=np.float32)]
        position, texts, onsets, lengths = len(pieces[0]), [], [], []
        for i, index in enumerate(order):
            speech = spoken(int(index))
            pause = np.zeros(int((TAIL_S if i == len(order) - 1 else gen.uniform(*PAUSE_S)) * RATE), np.float32)
            texts.append(SENTENCES[int(index)])
            onsets.append(position / RATE)
            lengths.append(len(speech) / RATE)
            pieces += [speech, pause]
            position += len(speech) + len(pause)
        audio = np.concatenate(pieces)
        if DURATION_S[0] <= len(audio) / RATE <= DURATION_S[1]:
            audio = (audio + gen.normal(0.0, 10 ** (-60 / 20), len(audio))).astype(np.float32)
            return _Call(audio=audio, texts=texts, onsets=onsets, lengths=lengths)


def _stream() -> _Call:
    gen = np.random.default_rng([seed(), 22])
    run = _recording(gen)
    opened = call(learner_function(FILE, "open_stream"), RATE)
    value = opened.value
    shape = "open_stream must return a tuple (push, finish) of two functions"
    expect(isinstance(value, tuple) and tuple.__len__(value) == 2, opened, f"got {type(value).__name__}", shape)
    push, finish = value
    expect(callable(push) and callable(finish), opened, "got a tuple that is not two functions", shape)
    position = 0
    while position < len(run.audio):
        size = int(gen.uniform(*CHUNK_S) * RATE)
        chunk = run.audio[position : position + size]
        position += len(chunk)
        pushed = call(push, Audio(chunk, RATE))
        run.calls.append(pushed)
        text = expect_type(pushed, "", note="push returns the whole committed transcript so far, a str")
        run.pushes.append((position / RATE, text))
    run.returned = call(finish)
    run.calls.append(run.returned)
    run.final = expect_type(run.returned, "", note="finish returns the whole final transcript, a str")
    return run


@cache
def _outcome() -> _Call | KataFailure | KataError:
    try:
        return _stream()
    except (KataFailure, KataError) as exc:
        return exc


def _run() -> _Call:
    outcome = _outcome()
    if isinstance(outcome, KataFailure | KataError):
        raise type(outcome)(str(outcome))
    return outcome


def _said(run: _Call) -> str:
    return " ".join(run.texts)


def _word_ends(run: _Call) -> tuple[list[str], list[float]]:
    """The spoken normalized words and when each ends (estimated, seconds of the stream)."""
    words, ends = [], []
    for text, onset, length in zip(run.texts, run.onsets, run.lengths, strict=True):
        sentence = normalize_text(text).split()
        total = sum(len(word) + 1 for word in sentence)
        position = 0
        for word in sentence:
            position += len(word) + 1
            words.append(word)
            ends.append(onset + length * position / total)
    return words, ends


def _commits(run: _Call) -> list[tuple[str, float]]:
    """(committed word, stream time it was first returned), in order (as far as text only grows)."""
    out: list[tuple[str, float]] = []
    previous: list[str] = []
    for time, text in [*run.pushes, (run.duration, run.final)]:
        words = text.split()
        if words[: len(previous)] != previous:
            break
        out += [(word, time) for word in words[len(previous) :]]
        previous = words
    return out


def _commit_timelines(run: _Call, committed: dict[int, float]) -> None:
    """Evidence: when each sentence was spoken against when its words were committed (first to last)."""
    sentence_of = [i for i, text in enumerate(run.texts) for _ in normalize_text(text).split()]
    said, commits = [], []
    for i, (onset, length) in enumerate(zip(run.onsets, run.lengths, strict=True)):
        label = f"sentence {i + 1}"
        said.append((label, onset, onset + length))
        when = [t for ref, t in committed.items() if sentence_of[ref] == i]
        if when:
            commits.append((label, min(when), max(max(when), min(when) + 0.15)))  # a visible bar at least
    evidence.timelines(said, commits, duration=run.duration,
                       title="each sentence: when it was spoken (upper) vs when your stream committed its words")


@hint(1)
def test_final_transcript_word_error_rate():
    run = _run()
    heard = normalize_text(run.final)
    evidence.clip("call", run.audio, RATE)
    evidence.asr_alignment(normalize_text(_said(run)), heard, title="what was said vs your final transcript")
    wer = float(jiwer.wer(normalize_text(_said(run)), heard or "<empty>"))
    print(f"WER {wer:.3f} (limit {MAX_WER}) on {run.duration:.1f} s in {len(run.pushes)} chunks")
    expect(
        wer <= MAX_WER,
        run.returned,
        f"word error rate of the final transcript {wer:.3f} > {MAX_WER} on {run.duration:.1f} s of speech "
        f"pushed in {len(run.pushes)} chunks",
        f"said: {_said(run)[:240]}\n  final: {run.final[:240]}",
    )


@hint(2)
def test_committed_text_is_never_retracted():
    run = _run()
    previous: list[str] = []
    for i, (time, text) in enumerate([*run.pushes, (run.duration, run.final)]):
        words = text.split()
        where = f"push {i + 1} (at {time:.1f} s)" if i < len(run.pushes) else "finish()"
        kept = 0
        while kept < min(len(words), len(previous)) and words[kept] == previous[kept]:
            kept += 1
        if kept < len(previous):
            now = words[kept] if kept < len(words) else "(nothing)"
            evidence.clip("call", run.audio, RATE)  # evidence: your committed words before and after, as returned
            evidence.asr_alignment(" ".join(previous), " ".join(words[: len(previous)]),
                                   title=f"{where} changed committed word {kept + 1}: your committed words before it "
                                         "(upper row) vs the same words after it (lower row)")
            expect(
                False,
                run.calls[i],
                f"committed text was retracted at {where}: word {kept + 1} was {previous[kept]!r} and is now "
                f"{now!r}; a committed word is final, later calls may only append words",
                f"before: …{' '.join(previous[max(0, kept - 6) : kept + 6])}\n  after:  …"
                f"{' '.join(words[max(0, kept - 6) : kept + 6])}",
            )
        previous = words


@hint(3)
def test_words_are_committed_soon_after_they_are_spoken():
    run = _run()
    evidence.clip("call", run.audio, RATE)
    words, ends = _word_ends(run)
    heard, times = [], []
    for word, time in _commits(run):
        for piece in normalize_text(word).split():
            heard.append(piece)
            times.append(time)
    expect(bool(heard), run.returned, "nothing was committed", f"said: {_said(run)[:240]}")
    delays = []  # (delay, spoken word, end, commit time)
    committed = {}  # spoken word index -> commit time
    for chunk in jiwer.process_words(" ".join(words), " ".join(heard)).alignments[0]:
        if chunk.type in ("equal", "substitute"):
            for k in range(chunk.hyp_end_idx - chunk.hyp_start_idx):
                ref, hyp = chunk.ref_start_idx + k, chunk.hyp_start_idx + k
                delays.append((times[hyp] - ends[ref], words[ref], ends[ref], times[hyp]))
                committed[ref] = times[hyp]
    expect(bool(delays), run.returned, "no committed word matches the spoken words", f"final: {run.final[:240]}")
    _commit_timelines(run, committed)
    values = np.array([d for d, *_ in delays])
    print(
        f"commit delay over {len(values)} words: median {np.median(values):.2f} s, "
        f"max {values.max():.2f} s (limits {MAX_MEDIAN_DELAY_S} s and {MAX_DELAY_S} s)"
    )
    late = [d for d in delays if d[0] > MAX_DELAY_S]
    shown = "; ".join(f"{w!r} spoken by ~{end:.1f} s, committed at {t:.1f} s" for _, w, end, t in late[:4])
    advice = "commit the prefix two consecutive decodes agree on after every decode, not only at the end"
    expect(
        not late,
        run.returned,
        f"{len(late)} of {len(delays)} words were committed more than {MAX_DELAY_S:.0f} s after they were spoken "
        f"(stream time: seconds of audio pushed so far): {shown}",
        f"{advice}; median delay {np.median(values):.2f} s",
    )
    median = float(np.median(values))
    expect(
        median <= MAX_MEDIAN_DELAY_S,
        run.returned,
        f"the median word was committed {median:.2f} s after it was spoken (limit {MAX_MEDIAN_DELAY_S} s, "
        "stream time: seconds of audio pushed so far)",
        f"{advice}, and decode at least once per second of new audio",
    )
