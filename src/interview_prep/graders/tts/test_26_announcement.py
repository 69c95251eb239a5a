"""Grader of kata tts-26-announcement: a multi-part announcement with exact pauses and a slow important part.

For random parts, pauses and seeds the learner's announcement is measured, never compared
sample by sample: Silero VAD (`interview_prep.vad`, gaps under 250 ms bridged, no padding)
must find one speech stretch per part, the silences between them must match the requested
pauses, the important part must last clearly longer than the same text spoken at rate 1.0
(the other parts about as long), and our ASR must still hear every word.

Calibration (the reference solution, 9 announcements): VAD gaps are 30-90 ms shorter than
the silence inserted (onsets are found in 32 ms windows); the important part at speaking
rate 0.75 lasts 1.20-1.27 x its rate-1.0 length, parts at rate 1.0 0.94-1.05 x.
"""

from __future__ import annotations

import functools

import numpy as np

from interview_prep.graders.tts import roundtrip
from interview_prep.kata import evidence
from interview_prep.kata.grading import KataError, KataFailure, Returned, call, expect, hint, learner_function, rng
from interview_prep.kata.summarize import describe_type

FILE = "announce.py"
PARTS = (  # single clauses without commas, each heard without error at speaking rate 0.75 (2 seeds)
    "Attention shoppers.",
    "The store will close in fifteen minutes.",
    "Please bring your items to the front registers.",
    "All winter coats are twenty percent off today.",
    "Thank you for shopping with us.",
    "Fresh bread is now available in the bakery.",
    "Please keep your children close to you.",
    "Our parking lot will be cleaned tonight.",
    "Customer service is next to the main entrance.",
    "Our coffee makers are on the second floor.",
    "We have new running shoes in every size.",
)
PAUSE_MS = (400, 1500)  # pauses are drawn in 100 ms steps from this range
PAUSE_TOL_MS = (-150, 100)  # measured gap minus requested pause
MERGE_MS = 250  # VAD gaps shorter than this are inside a part
SLOW_FACTOR = 1.15  # the important part must last at least this times its rate-1.0 length
NORMAL_RANGE = (0.85, 1.15)  # the other parts, relative to their rate-1.0 length
MAX_ROUND_TRIP_WER = 0.2
SILENCE_DB = -40.0
SLOW_RATE = 0.75  # our announcement's important part (the evidence's expected clip)

roundtrip.warm_up()
VOICE_RATE = roundtrip.tts().sampling_rate


def _segments(audio: np.ndarray, sample_rate: int):
    from interview_prep.vad import speech_segments

    return speech_segments(audio, sample_rate, min_silence_ms=MERGE_MS, pad_ms=0)


@functools.cache
def _normal_length(text: str, seed: int) -> float:
    """Seconds of speech VAD finds in `text` spoken at rate 1.0 (trimmed, 0.5 s of silence each side)."""
    audio = roundtrip.tts()(text, seed=seed)["audio"]
    level = np.abs(audio)
    loud = np.nonzero(level >= level.max() * 10 ** (SILENCE_DB / 20))[0]
    pad = np.zeros(VOICE_RATE // 2, dtype=np.float32)
    segments = _segments(np.concatenate([pad, audio[loud[0] : loud[-1] + 1], pad]), VOICE_RATE)
    return segments[-1].end - segments[0].start


def _trimmed(audio: np.ndarray) -> np.ndarray:
    """`audio` without its leading and trailing silence (below SILENCE_DB of the peak)."""
    level = np.abs(audio)
    loud = np.nonzero(level >= level.max() * 10 ** (SILENCE_DB / 20))[0]
    return audio[loud[0] : loud[-1] + 1] if len(loud) else audio[:0]


class _Case:
    def __init__(self, name: str, count: int):
        gen = rng(name)
        self.parts = [PARTS[i] for i in gen.choice(len(PARTS), size=count, replace=False)]
        self.pauses = [int(p) * 100 for p in gen.integers(PAUSE_MS[0] // 100, PAUSE_MS[1] // 100 + 1, size=count - 1)]
        self.important = int(gen.integers(count))
        self.seed = int(gen.integers(1000))

    @property
    def note(self) -> str:
        return (f"{len(self.parts)} parts, pauses_ms={self.pauses}, important={self.important} "
                f"({self.parts[self.important]!r}), seed={self.seed}")

    def ours(self) -> np.ndarray:
        """The announcement as our voice speaks it (trimmed parts, exact pauses): a failure's expected clip."""
        pieces = []
        for k, text in enumerate(self.parts):
            if k:
                pieces.append(np.zeros(round(self.pauses[k - 1] * VOICE_RATE / 1000), dtype=np.float32))
            speech = roundtrip.tts()(text, seed=self.seed, speaking_rate=SLOW_RATE if k == self.important else 1.0)
            pieces.append(_trimmed(np.asarray(speech["audio"], dtype=np.float32)))
        return np.concatenate(pieces)


_OUTCOMES: dict[str, tuple | KataFailure | KataError] = {}


def _announce(name: str) -> tuple[_Case, Returned, np.ndarray, list]:
    """The learner's announcement for case `name` (called once, failures remembered), with its VAD segments."""
    if name not in _OUTCOMES:
        try:
            _OUTCOMES[name] = _announced(name)
        except (KataFailure, KataError) as exc:
            _OUTCOMES[name] = exc
    outcome = _OUTCOMES[name]
    if isinstance(outcome, KataFailure | KataError):
        raise type(outcome)(str(outcome))
    case, _, audio, _ = outcome  # evidence if the test fails: our announcement (made only then) against yours
    evidence.waveforms(case.ours, audio, VOICE_RATE, labels=("our announcement", "yours"), name=name,
                       title=f"{name}-part announcement (pauses {case.pauses} ms, part {case.important} slower): "
                             "our voice vs yours")
    return outcome


def _announced(name: str) -> tuple[_Case, Returned, np.ndarray, list]:
    case = _Case(name, 3 if name == "three" else 2)
    returned = call(learner_function(FILE, "announce"), case.parts, case.pauses, case.important, case.seed)
    value = returned.value
    expect(isinstance(value, dict), returned, f"expected a dict, got {describe_type(value)}", case.note)
    keys = sorted(dict.keys(value))
    expect(keys == ["audio", "sampling_rate"], returned,
           f"got the keys {keys}, expected exactly ['audio', 'sampling_rate']", case.note)
    audio, rate = dict.__getitem__(value, "audio"), dict.__getitem__(value, "sampling_rate")
    expect(isinstance(audio, np.ndarray), returned, f"'audio' is a {describe_type(audio)}, expected a numpy.ndarray",
           case.note)
    audio = np.array(audio, copy=True, subok=False)
    expect(audio.dtype == np.float32 and audio.ndim == 1 and audio.size > 0, returned,
           f"'audio' has dtype {audio.dtype} and shape {audio.shape}, expected 1-D float32", case.note)
    expect(bool(np.all(np.isfinite(audio))) and float(np.abs(audio).max()) <= 1.0, returned,
           "'audio' holds NaN, infinite or out-of-range (|x| > 1) samples", case.note)
    expect(type(rate) is int and rate == VOICE_RATE, returned,
           f"'sampling_rate' is {rate!r}, expected the int {VOICE_RATE} (the voice's rate; do not resample)", case.note)
    return case, returned, audio, _segments(audio, rate)


def _found(name: str) -> tuple[_Case, Returned, np.ndarray, list]:
    case, returned, audio, segments = _announce(name)
    spans = ", ".join(f"{s.start:.2f}-{s.end:.2f} s" for s in segments) or "none"
    problem = (f"the voice activity detector found {len(segments)} stretches of speech ({spans}), expected "
               f"{len(case.parts)}, one per part")
    if len(segments) < len(case.parts):
        problem += (": parts run into each other; put exactly pauses_ms[k] milliseconds of silence (zeros) "
                    "between part k and part k + 1")
    expect(len(segments) == len(case.parts), returned, problem, case.note)
    return case, returned, audio, segments


def _check_pauses(name: str) -> None:
    case, returned, _, segments = _found(name)
    gaps = [round((b.start - a.end) * 1000) for a, b in zip(segments, segments[1:], strict=False)]
    lines = [f"pause {k}: requested {p} ms, measured {g} ms" for k, (p, g) in enumerate(zip(case.pauses, gaps,
                                                                                         strict=True))]
    note = case.note + "\n  " + "\n  ".join(lines) + (
        f"\n  (accepted: {PAUSE_TOL_MS[0]:+d} to {PAUSE_TOL_MS[1]:+d} ms: the detector finds onsets in 32 ms windows)")
    for pause, gap in zip(case.pauses, gaps, strict=True):
        if gap > pause + PAUSE_TOL_MS[1]:
            expect(False, returned,
                   f"a pause of {pause} ms measures {gap} ms between the speech: the parts' own silence adds to it; "
                   "trim each part's leading and trailing silence before inserting the pause", note)
        expect(gap >= pause + PAUSE_TOL_MS[0], returned,
               f"a pause of {pause} ms measures only {gap} ms between the speech: insert "
               f"round(pause_ms * sampling_rate / 1000) zero samples between the parts", note)


def _check_rates(name: str) -> None:
    case, returned, _, segments = _found(name)
    lines, ratios = [], []
    for k, (text, segment) in enumerate(zip(case.parts, segments, strict=True)):
        normal = _normal_length(text, case.seed)
        ratios.append(segment.duration / normal)
        tag = "important" if k == case.important else "normal   "
        lines.append(f"part {k} ({tag}): {segment.duration:.2f} s, {ratios[-1]:.2f} x its {normal:.2f} s at rate 1.0")
    note = case.note + "\n  " + "\n  ".join(lines)
    slow = ratios[case.important]
    expect(slow >= SLOW_FACTOR, returned,
           f"the important part lasts {slow:.2f} x its length at rate 1.0, expected at least {SLOW_FACTOR}: speak it "
           "slower, at speaking_rate=0.75 (the other parts at 1.0)", note)
    for k, ratio in enumerate(ratios):
        if k != case.important:
            expect(NORMAL_RANGE[0] <= ratio <= NORMAL_RANGE[1], returned,
                   f"part {k} is not the important one but lasts {ratio:.2f} x its length at rate 1.0 (expected "
                   f"{NORMAL_RANGE[0]}-{NORMAL_RANGE[1]}): speak only the important part slower", note)


def _check_heard(name: str) -> None:
    case, returned, audio, _ = _announce(name)
    heard = roundtrip.transcribe(audio, VOICE_RATE)
    said = " ".join(case.parts)
    wer = roundtrip.word_error_rate([said], [heard])
    evidence.asr_alignment(roundtrip.normalize(said), roundtrip.normalize(heard),
                           title=f"round trip of the {name}-part announcement: the parts vs what our ASR heard "
                                 "in your audio (normalized)")
    print(f"round-trip WER {wer:.3f}")
    expect(wer <= MAX_ROUND_TRIP_WER, returned,
           f"round-trip WER {wer:.2f} > {MAX_ROUND_TRIP_WER}: our ASR heard\n"
           + roundtrip.said_and_heard([said], [heard]), case.note)


@hint(1)
def test_one_stretch_of_speech_per_part():
    _found("three")


@hint(2)
def test_pauses_between_parts():
    _check_pauses("three")


@hint(3)
def test_important_part_is_slower():
    _check_rates("three")


@hint(2)
def test_pause_of_a_two_part_announcement():
    _check_pauses("two")


@hint(3)
def test_rates_of_a_two_part_announcement():
    _check_rates("two")


@hint(4)
def test_announcement_stays_intelligible():
    _check_heard("three")
    _check_heard("two")
