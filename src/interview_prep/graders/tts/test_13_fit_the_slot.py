"""Grader of kata tts-13-fit-the-slot: make an announcement fit a time budget.

For random announcements and seeds the grader first measures the normal-speed duration D
with our TTS, then sets budgets from it: a generous slot (1.05-1.3 D: must be spoken at rate
1.0), two tight slots (0.78-0.9 D: need a rate of about 1.1-1.5; every announcement here
fits at 0.7 D or less at rate 2.0), and an impossible one (0.45 D: even rate 2.0 leaves
more than 0.6 D). Fitted audio must be exactly our TTS output at the returned rate, and our
ASR must still understand the fast speech.
"""

from __future__ import annotations

import numpy as np

from interview_prep.graders.tts import roundtrip
from interview_prep.kata.grading import KataError, KataFailure, Returned, call, expect, hint, learner_function, rng
from interview_prep.kata.summarize import describe_type

FILE = "fit_slot.py"
KEYS = ("audio", "sampling_rate", "speaking_rate")
MAX_RATE = 2.0
MIN_FILL = 0.9
MAX_ROUND_TRIP_WER = 0.25
ANNOUNCEMENTS = (  # single sentences our ASR hears well up to speaking rate 2 (measured)
    "Thank you for shopping with us today.",
    "Fresh bread is on sale in the bakery.",
    "Please bring your cart back to the front.",
    "We have new running shoes in every size.",
    "Our coffee makers are on the second floor.",
    "The pharmacy will close in thirty minutes.",
    "Would you like a bag for your groceries?",
)

roundtrip.warm_up()


class _Case:
    """One announcement, its seed, its normal-speed audio and a budget relative to its length."""

    def __init__(self, text: str, seed: int, factor: float, normal: np.ndarray | None = None):
        self.text, self.seed = text, seed
        self.normal = roundtrip.tts()(text, seed=seed)["audio"] if normal is None else normal
        self.normal_s = len(self.normal) / roundtrip.tts().sampling_rate
        self.budget = round(factor * self.normal_s, 3)
        self.outcome: tuple[Returned, dict] | KataFailure | KataError | None = None

    @property
    def note(self) -> str:
        return f"at speaking_rate=1.0 this announcement lasts {self.normal_s:.3f} s; budget_s={self.budget}"


class _Cases:
    """The run's announcements (distinct), drawn once, and the learner's results on them."""

    def __init__(self) -> None:
        self.cases: dict[str, _Case] = {}

    def get(self, name: str) -> _Case:
        if not self.cases:
            gen = rng("cases")
            texts = [str(t) for t in gen.choice(ANNOUNCEMENTS, size=3, replace=False)]
            seeds = [int(s) for s in gen.integers(0, 1000, size=3)]
            factors = {"generous": gen.uniform(1.05, 1.3), "tight": gen.uniform(0.78, 0.9),
                       "tighter": gen.uniform(0.78, 0.9)}
            for (key, factor), text, seed in zip(factors.items(), texts, seeds, strict=True):
                self.cases[key] = _Case(text, seed, factor)
            generous = self.cases["generous"]
            self.cases["impossible"] = _Case(generous.text, generous.seed, 0.45, generous.normal)
        return self.cases[name]


_CASES = _Cases()


def _fit(case: _Case) -> tuple[Returned, dict]:
    """The learner's result on `case` (called once per case), with its contract checked."""
    if case.outcome is None:
        try:
            returned = call(learner_function(FILE, "fit_to_slot"), case.text, case.budget, case.seed)
            case.outcome = (returned, _checked(returned, case))
        except (KataFailure, KataError) as exc:
            case.outcome = exc
    if isinstance(case.outcome, KataFailure | KataError):
        raise type(case.outcome)(str(case.outcome))
    return case.outcome


def _checked(returned: Returned, case: _Case) -> dict:
    value = returned.value
    expect(isinstance(value, dict), returned, f"expected a dict, got {describe_type(value)}", case.note)
    keys = list(dict.keys(value))
    expect(sorted(keys) == sorted(KEYS), returned, f"got the keys {keys}, expected exactly {list(KEYS)}", case.note)
    audio, rate, speed = (dict.__getitem__(value, k) for k in KEYS)
    expect(isinstance(audio, np.ndarray), returned, f"'audio' is a {describe_type(audio)}, expected a numpy.ndarray",
           case.note)
    audio = np.array(audio, copy=True, subok=False)
    expect(audio.dtype == np.float32 and audio.ndim == 1, returned,
           f"'audio' has dtype {audio.dtype} and shape {audio.shape}, expected 1-D float32", case.note)
    expect(type(rate) is int and rate == roundtrip.tts().sampling_rate, returned,
           f"'sampling_rate' is {rate!r}, expected the int {roundtrip.tts().sampling_rate}", case.note)
    expect(isinstance(speed, float | int) and not isinstance(speed, bool) and 1.0 <= float(speed) <= MAX_RATE,
           returned, f"'speaking_rate' is {speed!r}, expected a float within [1.0, {MAX_RATE}]", case.note)
    return {"audio": audio, "sampling_rate": int(rate), "speaking_rate": float(speed)}


def _check_is_tts_output(returned: Returned, result: dict, case: _Case, expected: np.ndarray | None = None) -> None:
    rate = result["speaking_rate"]
    if expected is None:
        expected = roundtrip.tts()(case.text, seed=case.seed, speaking_rate=rate)["audio"]
    audio = result["audio"]
    same = audio.shape == expected.shape and bool(np.array_equal(audio, expected))
    expect(same, returned,
           f"'audio' ({len(audio)} samples) is not what tts(text, seed={case.seed}, speaking_rate={rate!r}) returns "
           f"({len(expected)} samples): return that audio unchanged (no cutting, padding, resampling or "
           "time-stretching), and the exact rate you passed", case.note)


def _check_tight(name: str) -> None:
    case = _CASES.get(name)
    returned, result = _fit(case)
    seconds = len(result["audio"]) / result["sampling_rate"]
    expect(seconds <= case.budget, returned,
           f"the audio lasts {seconds:.3f} s at speaking_rate={result['speaking_rate']!r}: longer than the budget "
           f"{case.budget} s (duration is not proportional to 1/rate: measure, then adjust)", case.note)
    expect(seconds >= MIN_FILL * case.budget, returned,
           f"the audio lasts {seconds:.3f} s at speaking_rate={result['speaking_rate']!r}: less than "
           f"{MIN_FILL:.0%} of the budget ({MIN_FILL * case.budget:.3f} s); speed up only as much as needed", case.note)
    _check_is_tts_output(returned, result, case)


@hint(1)
def test_fits_at_normal_speed():
    case = _CASES.get("generous")
    returned, result = _fit(case)
    expect(result["speaking_rate"] == 1.0, returned,
           f"speaking_rate={result['speaking_rate']!r}, but the announcement fits at 1.0: do not change the speed "
           "of what already fits", case.note)
    _check_is_tts_output(returned, result, case, case.normal)


@hint(2)
def test_speeds_up_to_fit_a_tight_slot():
    _check_tight("tight")


@hint(3)
def test_fits_another_tight_slot():
    _check_tight("tighter")


@hint(4)
def test_raises_when_even_the_fastest_rate_is_too_long():
    case = _CASES.get("impossible")
    fit = learner_function(FILE, "fit_to_slot")

    def fit_to_slot(text: str, budget_s: float, seed: int) -> str | object:
        try:
            return fit(text, budget_s, seed)
        except ValueError:
            return "raised ValueError"

    returned = call(fit_to_slot, case.text, case.budget, case.seed)
    expect(isinstance(returned.value, str) and returned.value == "raised ValueError", returned,
           f"expected ValueError: even at speaking_rate={MAX_RATE} this announcement lasts more than 0.6 x "
           f"{case.normal_s:.3f} s, far over budget_s={case.budget}; got a result instead", case.note)


@hint(2)
def test_fast_speech_stays_intelligible():
    texts, heard = [], []
    for name in ("tight", "tighter"):
        case = _CASES.get(name)
        _, result = _fit(case)
        texts.append(case.text)
        heard.append(roundtrip.transcribe(result["audio"], result["sampling_rate"]))
    wer = roundtrip.word_error_rate(texts, heard)
    print(f"round-trip WER {wer:.3f}")
    expect(wer <= MAX_ROUND_TRIP_WER, Returned(texts, "fit_to_slot on the two tight slots"),
           f"round-trip WER {wer:.2f} > {MAX_ROUND_TRIP_WER}: our ASR heard\n" + roundtrip.said_and_heard(texts, heard))
