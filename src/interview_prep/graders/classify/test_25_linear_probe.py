"""Grader of kata classify-25-linear-probe: a linear classifier on Whisper's frozen encoder.

Customer messages in three classes that differ only in their words (a request, a complaint,
a compliment; all plain statements of similar length, spoken by our TTS voice at a varied
rate) come from a fixed bank of templated sentences (generated once, then cached on disk).
Each run draws 16 training and 18 test clips per class, with no sentence in both. The
learner's probe is trained once and scored on the test clips against a baseline computed
here on the same split: log-mel statistics (mean and standard deviation of each of Whisper's
80 mel bands over the clip's real frames) with the same kind of linear classifier.

Calibration (`benchmarks/linear_probe_calibration.py`: a bank of 34 sentences per class from the
same templates, 1000 random splits, features as the reference solution computes them): with
16 + 18 clips per class the reference probe averaged 0.94 (lowest 0.74; 1 split in 1000 under
the bar of baseline + 0.05 and 0.65), the log-mel baseline 0.71. With the earlier 12 + 10 it
failed 22 splits in 1000 (a correct solution graded as wrong in 2% of checks).
"""

from __future__ import annotations

import functools
import time

import numpy as np

from interview_prep.kata import evidence
from interview_prep.kata.grading import Returned, call, expect, expect_type, hint, learner_function, rng

FILE = "probe.py"
RATE = 16000
CLASSES = ("complaint", "compliment", "request")
PRODUCTS = ("blender", "rain jacket", "coffee maker", "backpack", "desk lamp", "toaster", "yoga mat",
            "phone charger", "frying pan", "winter coat", "garden hose", "water bottle")
PLACES = ("checkout", "bakery", "pharmacy", "service desk", "deli counter", "garden center")
COLORS = ("black", "blue", "red", "green", "gray", "white")
DAYS = ("Monday", "Friday", "Sunday", "Saturday")
TEMPLATES = {
    "request": (
        "I am looking for a {product} in {color}.",
        "I would like to know the price of the {product}.",
        "Please tell me which aisle has the {product}.",
        "I need to know when the {place} opens on {day}.",
        "I want to check if the {product} is in stock.",
        "I would like to order a {product} for delivery.",
        "Please tell me if the {product} comes in {color}.",
        "I need help finding a {product} near the {place}.",
    ),
    "complaint": (
        "The {product} I bought is broken and I want a refund.",
        "I waited forty minutes at the {place} and nobody came.",
        "My {product} stopped working after two days.",
        "The staff at the {place} were rude to me.",
        "This {product} arrived damaged and nobody will help me.",
        "I was charged twice for the {product}, that is unacceptable.",
        "The {place} was dirty and the line was far too long.",
        "Your {product} is awful, it fell apart in a week.",
    ),
    "compliment": (
        "The staff at the {place} were wonderful, thank you.",
        "I love my new {product}, it works perfectly.",
        "Thank you for the excellent help at the {place} today.",
        "The {place} was clean and everyone was so friendly.",
        "Great price on the {product}, I will be back.",
        "Your team helped me find the perfect {product}.",
        "The {place} is beautifully organized, well done.",
        "The {product} is fantastic, the best thing I bought this year.",
    ),
}
BANK = 34  # sentences per class
TRAIN, TEST = 16, 18  # clips per class and run (TRAIN + TEST <= BANK)
MARGIN = 0.05  # the probe's test accuracy must beat the log-mel baseline's by this much
FLOOR = 0.65  # and reach at least this
L2 = 1e-2


@functools.cache
def _bank() -> dict[str, list[tuple[str, int, float]]]:
    """Per class, BANK distinct (text, seed, speaking rate)."""
    bank: dict[str, list[tuple[str, int, float]]] = {}
    for c, label in enumerate(CLASSES):
        items, seen, i = [], set(), 0
        while len(items) < BANK:
            gen = np.random.default_rng([i, c, 25])
            template = TEMPLATES[label][int(gen.integers(len(TEMPLATES[label])))]
            text = template.format(product=gen.choice(PRODUCTS), place=gen.choice(PLACES), color=gen.choice(COLORS),
                                   day=gen.choice(DAYS))
            if text not in seen:
                seen.add(text)
                items.append((text, 100 + i, round(float(gen.uniform(0.9, 1.1)), 3)))
            i += 1
        bank[label] = items
    return bank


def _clip(item: tuple[str, int, float]) -> np.ndarray:
    from interview_prep.audio.speech import synthesize

    text, seed, rate = item
    return synthesize(text, seed=seed, speaking_rate=rate, sample_rate=RATE)


@functools.cache
def _split() -> tuple[list[np.ndarray], list[str], list[np.ndarray], list[str], list[str]]:
    """(train clips, train labels, test clips, test labels, test texts), shuffled."""
    gen = rng("split")
    train, test = [], []
    for label in CLASSES:
        order = gen.permutation(BANK)
        train += [(label, _bank()[label][i]) for i in order[:TRAIN]]
        test += [(label, _bank()[label][i]) for i in order[TRAIN : TRAIN + TEST]]
    train = [train[i] for i in gen.permutation(len(train))]
    test = [test[i] for i in gen.permutation(len(test))]
    return ([_clip(item) for _, item in train], [label for label, _ in train],
            [_clip(item) for _, item in test], [label for label, _ in test], [item[0] for _, item in test])


def _log_mel_stats(clips: list[np.ndarray]) -> np.ndarray:
    from transformers import WhisperFeatureExtractor

    from interview_prep import models

    extractor = WhisperFeatureExtractor.from_pretrained(str(models.model_path("asr")))
    rows = []
    for clip in clips:
        mel = extractor(clip, sampling_rate=RATE, return_tensors="np").input_features[0]
        mel = mel[:, : max(1, len(clip) // extractor.hop_length)]
        rows.append(np.concatenate([mel.mean(1), mel.std(1)]))
    return np.array(rows)


def _linear_fit_predict(train: np.ndarray, labels: list[str], test: np.ndarray) -> list[str]:
    """Standardized features, L2-regularized softmax regression (LBFGS): the baseline's classifier."""
    import torch

    torch.manual_seed(0)
    mean, std = train.mean(0), train.std(0) + 1e-6
    x = torch.tensor((train - mean) / std, dtype=torch.float32)
    y = torch.tensor([CLASSES.index(label) for label in labels])
    layer = torch.nn.Linear(x.shape[1], len(CLASSES))
    optimizer = torch.optim.LBFGS(layer.parameters(), max_iter=200)

    def loss():
        optimizer.zero_grad()
        value = torch.nn.functional.cross_entropy(layer(x), y) + L2 * layer.weight.pow(2).sum()
        value.backward()
        return value

    optimizer.step(loss)
    with torch.no_grad():
        scores = layer(torch.tensor((test - mean) / std, dtype=torch.float32))
    return [CLASSES[i] for i in scores.argmax(1).tolist()]


@functools.cache
def _baseline_answers() -> tuple[str, ...]:
    train, train_labels, test, _, _ = _split()
    return tuple(_linear_fit_predict(_log_mel_stats(train), train_labels, _log_mel_stats(test)))


@functools.cache
def _baseline() -> float:
    return _accuracy(list(_baseline_answers()), _split()[3])


def _accuracy(predicted: list[str], labels: list[str]) -> float:
    return sum(p == y for p, y in zip(predicted, labels, strict=True)) / len(labels)


@functools.cache
def _trained() -> tuple[Returned, float]:
    train, labels, *_ = _split()
    started = time.perf_counter()
    returned = call(learner_function(FILE, "train_probe"), list(train), labels, RATE)
    return returned, time.perf_counter() - started


@functools.cache
def _answers() -> tuple[Returned, list[str]]:
    returned, _ = _trained()
    classify = returned.value
    expect(callable(classify), returned, f"train_probe must return a function, got {type(classify).__name__}")
    _, _, test, labels, _ = _split()
    answered = call(classify, list(test))
    predicted = expect_type(answered, [""] * len(test), note=f"return one label per clip, in order ({len(test)} clips)")
    unknown = sorted(set(predicted) - set(CLASSES))
    expect(not unknown, answered, f"unknown labels {unknown}: answer with the training labels {list(CLASSES)}")
    return answered, predicted


def _table(predicted: list[str]) -> str:
    _, _, _, labels, texts = _split()
    lines = [f"{'ok   ' if p == y else 'WRONG'} {y:10} answered {p!r:12} for {t!r}"
             for p, y, t in zip(predicted, labels, texts, strict=True)]
    return "test clips (truth, your answer, the words spoken):\n  " + "\n  ".join(lines)


def _per_class(predicted, labels) -> dict[str, float]:
    """Accuracy on the test clips of each class."""
    pairs = list(zip(predicted, labels, strict=True))
    return {c: sum(p == y for p, y in pairs if y == c) / max(1, sum(y == c for _, y in pairs)) for c in CLASSES}


def _keep_misses(predicted: list[str], most: int = 4) -> None:
    """Evidence: the first test clips your classifier got wrong."""
    _, _, test, labels, _ = _split()
    misses = [(clip, y, p) for clip, y, p in zip(test, labels, predicted, strict=True) if p != y]
    for n, (clip, truth, answer) in enumerate(misses[:most], 1):
        evidence.clip(f"missed-{n}-{truth}-as-{answer}", clip, RATE)


@hint(1)
def test_returns_a_classifier():
    _answers()


@hint(4)
def test_answers_every_class():
    answered, predicted = _answers()
    missing = [c for c in CLASSES if c not in predicted]
    if missing:  # evidence: how often each class is the truth and your answer
        _, _, _, labels, _ = _split()
        evidence.class_scores(missing[0], {c: labels.count(c) / len(labels) for c in CLASSES},
                              {c: predicted.count(c) / len(predicted) for c in CLASSES},
                              title=f"share of the {len(labels)} test clips per class: the truth vs your answers "
                                    f"({', '.join(missing)} never answered)")
        _keep_misses(predicted)
    expect(not missing, answered,
           f"your classifier never answered {missing} on {len(predicted)} clips ({TEST} of each class): train one "
           f"output per class found in the training labels ({len(CLASSES)} classes here), on every training clip",
           _table(predicted))


@hint(2)
def test_beats_the_log_mel_baseline():
    answered, predicted = _answers()
    _, _, _, labels, _ = _split()
    mine, base = _accuracy(predicted, labels), _baseline()
    _, seconds = _trained()
    print(f"accuracy: yours {mine:.3f}, log-mel baseline {base:.3f}; train_probe took {seconds:.1f} s")
    needed = max(FLOOR, base + MARGIN)
    if mine < needed - 1e-9:  # evidence: accuracy per class, the baseline's and yours, and the clips you missed
        evidence.class_scores("", _per_class(_baseline_answers(), labels), _per_class(predicted, labels),
                              title=f"accuracy per class on the test clips: the log-mel baseline (blue, {base:.2f}) "
                                    f"vs yours ({mine:.2f}; {needed:.2f} needed)")
        _keep_misses(predicted)
    expect(mine >= needed - 1e-9, answered,
           f"test accuracy {mine:.3f}; the log-mel baseline gets {base:.3f} on the same clips: at least "
           f"{needed:.3f} needed (baseline + {MARGIN}, and at least {FLOOR}). The classes differ only in their "
           "words: use the Whisper encoder's hidden states, averaged over the clip's own frames", _table(predicted))
