"""Reference solution of kata tts-13: make an announcement fit a time budget."""

from interview_prep import models

MAX_RATE = 2.0
MIN_FILL = 0.9  # use at least 90% of the slot when speeding up
TARGET_FILL = 0.96  # aim a little under the budget: durations move in steps
MAX_TRIES = 6


def _speak(text: str, seed: int, rate: float) -> tuple[dict, float]:
    out = models.tts_pipeline()(text, seed=seed, speaking_rate=rate)
    return out, len(out["audio"]) / out["sampling_rate"]


def _result(out: dict, rate: float) -> dict:
    return {"audio": out["audio"], "sampling_rate": out["sampling_rate"], "speaking_rate": float(rate)}


def fit_to_slot(text: str, budget_s: float, seed: int = 0) -> dict:
    """Speak `text` no longer than `budget_s`: normal speed if it fits, else just fast enough (rate <= 2.0)."""
    out, duration = _speak(text, seed, 1.0)
    if duration <= budget_s:
        return _result(out, 1.0)
    fastest, shortest = _speak(text, seed, MAX_RATE)
    if shortest > budget_s:
        raise ValueError(
            f"{text!r} lasts {shortest:.2f} s even at speaking rate {MAX_RATE}: it cannot fit in {budget_s} s"
        )
    # Duration is not proportional to 1/rate (pauses and the shortest phonemes do not shrink), but
    # close to a + b / rate: fit that line through the two latest points and solve for the target.
    too_slow, fits = (1.0, duration), (MAX_RATE, shortest)
    best = (MAX_RATE, fastest)
    for _ in range(MAX_TRIES):
        (r1, d1), (r2, d2) = too_slow, fits
        b = (d1 - d2) / (1 / r1 - 1 / r2)
        a = d1 - b / r1
        target = TARGET_FILL * budget_s
        rate = b / (target - a) if target > a else r2
        rate = min(max(rate, r1 + 1e-3), r2 - 1e-3)  # stay inside the bracket
        out, duration = _speak(text, seed, rate)
        if duration > budget_s:
            too_slow = (rate, duration)
            continue
        fits, best = (rate, duration), (rate, out)
        if duration >= MIN_FILL * budget_s:
            break
    rate, out = best
    return _result(out, rate)
