"""Grader of kata classify-18-noise-robustness: exact-SNR mixing, accuracy vs SNR, a low-SNR remedy.

`mix_at_snr` is checked by measuring the returned mix: what it added to the clean clip must be
a positive multiple of the first samples of the noise, at exactly the requested SNR.
`accuracy_vs_snr` is compared with the events pipeline run here on the same mixes. The remedy
(`train_robust`) is trained on clean clips and a noise recording, then compared with the
original pipeline on fresh clips mixed with a fresh recording of the same noise.
"""

from __future__ import annotations

import functools
import time

import numpy as np

from interview_prep.audio.degrade import colored_noise
from interview_prep.audio.events import EVENT_CLASSES, event_clip
from interview_prep.kata import evidence
from interview_prep.kata.grading import (
    Audio,
    Returned,
    call,
    expect,
    expect_equal,
    expect_type,
    hint,
    learner_function,
    rng,
)

FILE = "robust.py"
RATE = 16000
SNR_TOL_DB = 0.01
SHAPE_TOL = 1e-4  # residual vs scaled noise, relative to the noise's RMS
TONAL = ("scanner_beep", "door_chime", "cash_drawer", "card_reader_error", "background_music")
CURVE_SNRS = [20.0, 0.0, -10.0]
TRAIN_PER_CLASS, TEST_PER_CLASS = 4, 6
CLEAN_SNR_DB = (10.0, 30.0)  # event vs store ambience in the clean clips
NOISE_S = 20.0
LOW_SNR_DB, HIGH_SNR_DB = -10.0, 20.0
MIN_GAIN = 0.07  # remedy accuracy at LOW_SNR_DB minus the original model's, on the same mixes
MAX_LOSS = 0.10  # allowed drop at HIGH_SNR_DB
TIME_BUDGET_S = 60.0


def _power_db(x: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(np.asarray(x, dtype=np.float64) ** 2)))


def _clean(gen: np.random.Generator) -> np.ndarray:
    clip = event_clip(str(gen.choice(TONAL)), gen, round(float(gen.uniform(0.8, 1.5)), 3), 30.0, RATE)
    return clip.audio


def _check_mix(clean: np.ndarray, noise: np.ndarray, snr_db: float, color: str) -> None:
    fn = learner_function(FILE, "mix_at_snr")
    evidence.clip(f"clean-{snr_db:g}db", clean, RATE)
    evidence.clip(f"noise-{color}-{snr_db:g}db", noise, RATE)
    returned = call(fn, Audio(clean, RATE), Audio(noise, RATE), snr_db)
    note = (
        f"clean: {len(clean)} samples, power {_power_db(clean):.2f} dB; noise: {color}, {len(noise)} samples, "
        f"power of its first {len(clean)} samples {_power_db(noise[: len(clean)]):.2f} dB"
    )
    value = returned.value
    expect(isinstance(value, np.ndarray), returned, f"expected a numpy.ndarray, got {type(value).__name__}", note)
    evidence.waveforms(lambda: _mix(clean, noise, snr_db), value, RATE, labels=("exact mix", "yours"),
                       name=f"mix-{snr_db:g}db", title=f"mix_at_snr at {snr_db:g} dB, {color} noise: exact vs yours")
    expect(value.dtype == np.float32, returned, f"expected dtype float32, got {value.dtype}", note)
    expect(
        value.shape == clean.shape,
        returned,
        f"expected shape {clean.shape} (the clean clip's), got {value.shape}",
        note,
    )
    expect(bool(np.all(np.isfinite(value))), returned, "the mix holds NaN or infinite values", note)
    residual = value.astype(np.float64) - clean.astype(np.float64)
    segment = noise[: len(clean)].astype(np.float64)
    gain = float(residual @ segment / (segment @ segment))
    misfit = float(np.sqrt(np.mean((residual - gain * segment) ** 2)) / np.sqrt(np.mean((gain * segment) ** 2) + 1e-30))
    if misfit > SHAPE_TOL:
        scale = float(value.astype(np.float64) @ clean / (clean.astype(np.float64) @ clean))
        if abs(scale - 1) > 1e-3:
            problem = (
                f"mix - clean is not a scaled copy of the noise: the clean clip itself was scaled by about "
                f"{scale:.3g}; return clean + g * noise unchanged (no normalization of the mix)"
            )
        else:
            problem = (
                "mix - clean is not a scaled copy of noise[:len(clean)]: add the FIRST len(clean) samples of "
                "the noise, scaled by one gain"
            )
        expect(False, returned, problem, note)
    expect(gain > 0, returned, f"the noise was added with a negative gain ({gain:.3g})", note)
    measured = _power_db(clean) - _power_db(residual)
    problem = f"the mix has an SNR of {measured:.3f} dB, expected {snr_db:g} dB (± {SNR_TOL_DB} dB)"
    if abs(measured - 2 * snr_db) < 0.05 and snr_db != 0:
        problem += (
            ": the noise amplitude was scaled by 10 ** (-snr_db / 10); an amplitude factor is 10 ** (-snr_db / 20)"
        )
    else:
        problem += (
            ": SNR = 10*log10(P_clean / P_noise) with P the mean square over the clip, so the noise gain is "
            "sqrt(P_clean / (P_noise * 10 ** (snr_db / 10)))"
        )
    expect(abs(measured - snr_db) <= SNR_TOL_DB, returned, problem, note)


@hint(1)
def test_mix_at_snr_exact():
    gen = rng()
    for snr_db in (20.0, 0.0, -5.0, round(float(gen.uniform(-10.0, 30.0)), 2)):
        clean = _clean(gen)
        color = str(gen.choice(["white", "pink", "brown"]))
        noise = (colored_noise(len(clean), gen, color) * np.float32(gen.uniform(0.01, 0.5))).astype(np.float32)
        _check_mix(clean, noise, snr_db, color)


@hint(1)
def test_mix_uses_the_start_of_longer_noise():
    gen = rng()
    clean = _clean(gen)
    noise = (colored_noise(len(clean) * 3, gen, "pink") * np.float32(0.1)).astype(np.float32)
    _check_mix(clean, noise, round(float(gen.uniform(0.0, 15.0)), 2), "pink")


@hint(1)
def test_mix_rejects_silent_noise():
    gen = rng()
    clean = _clean(gen)
    fn = learner_function(FILE, "mix_at_snr")

    def mix_at_snr(*args) -> BaseException | None:  # same name: the call shows as mix_at_snr(...)
        try:
            fn(*args)
        except Exception as exc:  # noqa: BLE001 - any exception is inspected below
            return exc
        return None

    returned: Returned = call(mix_at_snr, Audio(clean, RATE), Audio(np.zeros(len(clean), np.float32), RATE), 10.0)
    raised = returned.value
    expect(
        isinstance(raised, ValueError),
        returned,
        "silent noise makes the SNR undefined: raise ValueError"
        + (f" (got {type(raised).__name__})" if raised is not None else " (it returned normally)"),
    )


# --------------------------------------------------------------------------- accuracy vs SNR and the remedy


@functools.cache
def _pool():
    from interview_prep.audio.speech import speech_pool

    return speech_pool("test", RATE)


def _clips(gen: np.random.Generator, per_class: int) -> tuple[list[np.ndarray], list[str]]:
    clips, labels = [], []
    for _ in range(per_class):
        for label in EVENT_CLASSES:
            snr = float(gen.uniform(*CLEAN_SNR_DB))
            clips.append(event_clip(label, gen, 1.0, snr, RATE, 0.0, None, _pool()).audio)
            labels.append(label)
    return clips, labels


def _mix(clean: np.ndarray, noise: np.ndarray, snr_db: float) -> np.ndarray:
    clean64, segment = clean.astype(np.float64), noise[: len(clean)].astype(np.float64)
    gain = np.sqrt(np.mean(clean64**2) / (np.mean(segment**2) * 10 ** (snr_db / 10)))
    return (clean64 + gain * segment).astype(np.float32)


def _pipeline_labels(clips: list[np.ndarray]) -> list[str]:
    from interview_prep import models

    return [out[0]["label"] for out in models.events_pipeline()(clips, top_k=1)]


def _accuracy(predicted: list[str], labels: list[str]) -> float:
    return sum(p == y for p, y in zip(predicted, labels, strict=True)) / len(labels)


@hint(2)
def test_accuracy_vs_snr():
    gen = rng()
    clips, labels = _clips(gen, 1)
    color = str(gen.choice(["white", "pink"]))
    noise = colored_noise(int(1.5 * RATE), gen, color)
    fn = learner_function(FILE, "accuracy_vs_snr")
    returned = call(fn, clips, labels, Audio(noise, RATE), CURVE_SNRS)
    expected = [_accuracy(_pipeline_labels([_mix(c, noise, snr) for c in clips]), labels) for snr in CURVE_SNRS]
    note = (f"{len(clips)} clips (one per class), {color} noise; expected accuracies at {CURVE_SNRS} dB: "
            f"{[round(a, 3) for a in expected]} (one clip's worth of difference is accepted)")
    expect_type(returned, [0.0] * len(CURVE_SNRS), note=note)
    expect_equal(returned, expected, abs_tol=1 / len(clips) + 1e-9, rel_tol=0.0, note=note)


@functools.cache
def _remedy() -> tuple[Returned, float, str, list[np.ndarray], list[str], np.ndarray]:
    """Train the learner's remedy once per run; (returned, seconds, color, test clips, labels, test noise)."""
    gen = rng("remedy")
    color = str(gen.choice(["white", "pink"]))
    clips, labels = _clips(gen, TRAIN_PER_CLASS)
    noise = colored_noise(int(NOISE_S * RATE), gen, color)
    test_clips, test_labels = _clips(gen, TEST_PER_CLASS)
    test_noise = colored_noise(len(test_clips) * RATE, gen, color)  # a fresh recording of the same noise
    fn = learner_function(FILE, "train_robust")
    started = time.perf_counter()
    returned = call(fn, clips, labels, Audio(noise, RATE))
    return returned, time.perf_counter() - started, color, test_clips, test_labels, test_noise


def _compare(snr_db: float) -> tuple[Returned, float, float, str]:
    returned, _, color, clips, labels, noise = _remedy()
    classify = returned.value
    expect(callable(classify), returned, f"train_robust must return a function, got {type(classify).__name__}")
    mixes = [_mix(c, noise[i * RATE:], snr_db) for i, c in enumerate(clips)]
    answered = call(classify, mixes)
    predicted = expect_type(answered, [""] * len(mixes), note="return one label per clip, in order")
    original = _pipeline_labels(mixes)
    mine, base = _accuracy(predicted, labels), _accuracy(original, labels)
    _keep_remedy_evidence(mixes, labels, predicted, original, snr_db, color)
    print(f"{color} noise at {snr_db:g} dB: original model {base:.3f}, yours {mine:.3f}")
    return answered, mine, base, f"{len(mixes)} fresh clips ({TEST_PER_CLASS} per class) in {color} noise"


def _keep_remedy_evidence(mixes, labels, predicted, original, snr_db: float, color: str) -> None:
    """Evidence: accuracy per class, the original model's and yours, and the first mixes you got wrong."""
    def per_class(answers) -> dict[str, float]:
        return {c: sum(a == c for a, y in zip(answers, labels, strict=True) if y == c) / labels.count(c)
                for c in EVENT_CLASSES}

    evidence.class_scores("", per_class(original), per_class(predicted),
                          title=f"accuracy per class at {snr_db:g} dB SNR, {color} noise: the original model (blue) "
                                "vs yours")
    missed = [(mix, y, p) for mix, y, p in zip(mixes, labels, predicted, strict=True) if p != y]
    for n, (mix, truth, answer) in enumerate(missed[:4], 1):
        evidence.clip(f"missed-{n}-{truth}-as-{answer}", mix, RATE)


@hint(3)
def test_remedy_improves_low_snr_accuracy():
    answered, mine, base, what = _compare(LOW_SNR_DB)
    expect(mine >= base + MIN_GAIN - 1e-9, answered,
           f"at {LOW_SNR_DB:g} dB SNR your classifier gets {mine:.3f}, the original model {base:.3f}: the remedy must "
           f"add at least {MIN_GAIN} (gain {mine - base:+.3f})", what)


@hint(4)
def test_remedy_keeps_clean_accuracy():
    answered, mine, base, what = _compare(HIGH_SNR_DB)
    expect(mine >= base - MAX_LOSS - 1e-9, answered,
           f"at {HIGH_SNR_DB:g} dB SNR your classifier gets {mine:.3f}, the original model {base:.3f}: it may lose "
           f"at most {MAX_LOSS} (keep clean copies in the training data)", what)


@hint(4)
def test_remedy_trains_within_the_time_budget():
    returned, seconds, *_ = _remedy()
    expect(seconds <= TIME_BUDGET_S, returned,
           f"train_robust took {seconds:.1f} s; the budget is {TIME_BUDGET_S:g} s (wall clock, 2 CPU cores)",
           "a few epochs over a few hundred 1 s clips is enough")
