"""Grader of kata asr-23-vocabulary-biasing: a prompt of catalogue words fixes misheard product names.

Evidence, measured once when the kata was written (Whisper tiny.en, greedy, our TTS
voice): every clip of `CLIPS` below is a customer query naming a product of `CATALOG`;
without a prompt Whisper tiny.en gets the brand wrong in every one of them ("Zajurashi
Rice Cooker", "Quiz and Art food processor", "La Cruz at Dutch oven", "car artwork
jacket", "T's Atsakie dip", "grower, Dolly Chocolate", "anchor charger"...), and with
the catalogue as a prompt (`prompt_ids`, the 18 products joined with ", ") it gets every
brand right. Brands that tiny.en already hears right (Pyrex, Tostitos) or never gets
right even with a prompt (Kefir) are in the catalogue but not spoken. `GENERAL` lists the
announcements whose transcript the same prompt does not change for the worse.

The grader still measures the unprompted baseline on the same clips in this run (the
stock pipeline, no prompt), and requires the learner's transcripts to name at least
`MIN_FIXED` more brands right than it. A query whose product is left out of the
catalogue passed must not come back with that brand (measured: with the other 17 names
as the prompt, Whisper tiny.en misspells it in all 22 clips), so a list of corrections
written into the learner's code does not pass.
"""

from __future__ import annotations

import re
from functools import cache

import jiwer
import numpy as np

from interview_prep.audio.speech import normalize_text, synthesize
from interview_prep.graders.asr._announcements import RATE, SENTENCES, spoken
from interview_prep.graders.asr._warmup import warm_up_asr
from interview_prep.kata import evidence
from interview_prep.kata.grading import Audio, Returned, call, expect, expect_type, hint, learner_function, pyrandom

FILE = "vocabulary_biasing.py"
CATALOG = (
    "Zojirushi rice cooker",
    "Cuisinart food processor",
    "Le Creuset dutch oven",
    "Pyrex measuring cups",
    "Carhartt work jacket",
    "Merrell hiking boots",
    "Salomon trail shoes",
    "Tzatziki dip",
    "Kombucha",
    "Kefir",
    "Ghirardelli chocolate",
    "Tostitos chips",
    "Tempur-Pedic pillow",
    "Lululemon leggings",
    "Skullcandy headphones",
    "Anker charger",
    "Dyson vacuum",
    "Gochujang sauce",
)
TEMPLATES = (
    "Do you have the {p} in stock?",
    "Where can I find the {p}?",
    "How much is the {p}?",
    "Is the {p} on sale this week?",
)
# (brand, catalogue index, variant): the query is TEMPLATES[(index + variant) % 4], spoken with
# seed 700 + 10 * index + variant at speaking rate (0.95, 1.1)[variant]. Unprompted: brand wrong;
# prompted with the catalogue: brand right (all measured).
BRANDS = {
    0: "Zojirushi",
    1: "Cuisinart",
    2: "Le Creuset",
    4: "Carhartt",
    5: "Merrell",
    6: "Salomon",
    7: "Tzatziki",
    8: "Kombucha",
    10: "Ghirardelli",
    12: "Tempur-Pedic",
    15: "Anker",
}
CLIPS_PER_RUN = 5
MIN_FIXED = 3  # the learner's transcripts name at least this many more brands right than the baseline
MAX_MISSED = 1  # and miss at most this many of the 5
# Announcements whose WER the catalogue prompt does not raise (measured; 13, "gift cards" -> "hip cards", is out)
GENERAL = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17)
GENERAL_PER_RUN = 3
MAX_GENERAL_WORSE = 0.05  # WER may rise by at most this much over the unprompted baseline

warm_up_asr()


def _key(text: str) -> str:
    """Letters and digits only, lower case: "Le Creuset" and "le-creuset" agree."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


@cache
def _clip(index: int, variant: int) -> tuple[np.ndarray, str]:
    text = TEMPLATES[(index + variant) % len(TEMPLATES)].format(p=CATALOG[index])
    audio = synthesize(text, seed=700 + 10 * index + variant, speaking_rate=(0.95, 1.1)[variant], sample_rate=RATE)
    return audio, text


def _baseline(audio: np.ndarray) -> str:
    """The stock pipeline's transcript, no prompt (in the grader process)."""
    from interview_prep import models

    return models.asr_pipeline()(audio)["text"].strip()


def _transcribe(audio: np.ndarray, what: str, catalog: tuple[str, ...] = CATALOG) -> tuple[Returned, str]:
    returned = call(learner_function(FILE, "transcribe_with_catalog"), Audio(audio, RATE), RATE, list(catalog))
    return returned, expect_type(returned, "", note=f"{what}; return the transcript as a str")


@hint(1)
def test_catalogue_prompt_fixes_product_names():
    gen = pyrandom("products")
    chosen = gen.sample(sorted(BRANDS), CLIPS_PER_RUN)
    lines, mine, base, last = [], 0, 0, None
    said_all, yours, unprompted = [], [], []
    for index in chosen:
        audio, said = _clip(index, gen.randrange(2))
        brand = _key(BRANDS[index])
        evidence.clip(f"query-{len(lines) + 1}-{brand}", audio, RATE)
        last, text = _transcribe(audio, "a customer query naming a product")
        plain = _baseline(audio)
        said_all.append(normalize_text(said))
        yours.append(normalize_text(text))
        unprompted.append(normalize_text(plain))
        mine += brand not in _key(text)
        base += brand not in _key(plain)
        lines.append(f"said {said!r}\n    yours:    {text!r}\n    no prompt: {plain!r}")
    print(f"brands missed: yours {mine}/{len(chosen)}, unprompted baseline {base}/{len(chosen)}")
    evidence.asr_alignment(said_all, yours, title="what was said vs your transcript, catalogue given (normalized)")
    evidence.asr_alignment(said_all, unprompted, title="what was said vs the unprompted pipeline's transcript")
    note = "\n  ".join(lines)
    expect(
        mine <= MAX_MISSED and base - mine >= MIN_FIXED,
        last,
        f"your transcripts miss {mine} of {len(chosen)} product brands, the unprompted pipeline {base}: "
        f"need at most {MAX_MISSED} missed and at least {MIN_FIXED} fewer than without a prompt. "
        "Bias Whisper towards the catalogue: generate_kwargs={'prompt_ids': tokenizer.get_prompt_ids(<the "
        "catalogue's names>)}",
        note,
    )


@hint(2)
def test_names_come_from_the_catalogue_given():
    gen = pyrandom("absent")
    index = gen.choice(sorted(BRANDS))
    audio, said = _clip(index, gen.randrange(2))
    catalog = tuple(name for i, name in enumerate(CATALOG) if i != index)
    evidence.clip(f"query-{_key(BRANDS[index])}", audio, RATE)
    returned, text = _transcribe(audio, "a query naming a product that is not in this catalogue", catalog)
    evidence.asr_alignment(normalize_text(said), normalize_text(text),
                           title=f"what was said vs your transcript ({BRANDS[index]!r} left out of the catalogue)")
    expect(
        _key(BRANDS[index]) not in _key(text),
        returned,
        f"the transcript spells {BRANDS[index]!r}, which is not in the catalogue you were given this time: "
        "take the names from the `catalog` argument, not from a list or replacements in your code",
        f"said {said!r}, got {text!r}",
    )


@hint(3)
def test_general_speech_does_not_get_worse():
    gen = pyrandom("general")
    chosen = gen.sample(GENERAL, GENERAL_PER_RUN)
    refs, mine, base, lines, last = [], [], [], [], None
    for index in chosen:
        audio = spoken(index)
        evidence.clip(f"announcement-{index}", audio, RATE)
        last, text = _transcribe(audio, "a store announcement that names no catalogue product")
        plain = _baseline(audio)
        refs.append(normalize_text(SENTENCES[index]))
        mine.append(normalize_text(text) or "<empty>")
        base.append(normalize_text(plain) or "<empty>")
        lines.append(f"said {SENTENCES[index]!r}\n    yours:    {text!r}\n    no prompt: {plain!r}")
    wer, baseline = float(jiwer.wer(refs, mine)), float(jiwer.wer(refs, base))
    print(f"general speech WER: yours {wer:.3f}, unprompted baseline {baseline:.3f}")
    evidence.asr_alignment(refs, [h if h != "<empty>" else "" for h in mine],
                           title=f"what was said vs your transcript, catalogue given (WER {wer:.3f})")
    evidence.asr_alignment(refs, [h if h != "<empty>" else "" for h in base],
                           title=f"what was said vs the unprompted pipeline's transcript (WER {baseline:.3f})")
    expect(
        wer <= baseline + MAX_GENERAL_WORSE,
        last,
        f"on speech that names no product your word error rate is {wer:.3f}, the unprompted pipeline's "
        f"{baseline:.3f} (at most +{MAX_GENERAL_WORSE} allowed): the prompt must bias, not replace or leak "
        "into, the transcript",
        "\n  ".join(lines),
    )
