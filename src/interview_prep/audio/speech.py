"""Retail speech spoken by our TTS voice: customer queries and product descriptions.

Texts come from templates filled with varied products, prices, sizes, aisles and hours;
the TTS reads them at a varied speaking rate. The truth is the written text: compare
transcripts with `normalize_text` (Whisper's English normalizer: "$4.99" and "four
dollars and ninety nine cents" normalize alike).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from interview_prep.audio.cache import cached
from interview_prep.audio.io import resample
from interview_prep.audio.items import AudioItem, SpeechClip
from interview_prep.audio.levels import trim
from interview_prep.audio.seeding import Seed, as_rng, child_seed

SPEECH_VERSION = 1
DEFAULT_RATE = 16000
SPEECH_KINDS = ("query", "description")
RATE_RANGE = (0.85, 1.15)
POOL_SIZES = {"train": 30, "test": 12}

PRODUCTS = {  # product: (category, plural)
    "blender": ("kitchen appliances", "blenders"),
    "rain jacket": ("outerwear", "rain jackets"),
    "running shoe": ("footwear", "running shoes"),
    "coffee maker": ("kitchen appliances", "coffee makers"),
    "backpack": ("bags", "backpacks"),
    "desk lamp": ("lighting", "desk lamps"),
    "water bottle": ("sports gear", "water bottles"),
    "winter coat": ("outerwear", "winter coats"),
    "toaster": ("kitchen appliances", "toasters"),
    "yoga mat": ("sports gear", "yoga mats"),
    "phone charger": ("electronics", "phone chargers"),
    "pair of headphones": ("electronics", "headphones"),
    "cotton towel": ("home goods", "cotton towels"),
    "garden hose": ("garden supplies", "garden hoses"),
    "frying pan": ("cookware", "frying pans"),
    "wool sweater": ("sweaters", "wool sweaters"),
}
BRANDS = ("Northfield", "Brightline", "Harbor", "Summit", "Evergreen", "Maple and Stone", "Bluebird")
COLORS = ("black", "blue", "red", "green", "gray", "white", "yellow", "navy")
SIZES = ("small", "medium", "large", "extra large")
MATERIALS = ("recycled plastic", "stainless steel", "organic cotton", "bamboo", "aluminum", "leather")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
QUERY_TEMPLATES = (
    "Where can I find the {plural}?",
    "Do you have the {color} {product} in size {number}?",
    "How much is the {brand} {product}?",
    "Is the {product} on sale this week?",
    "What time do you close on {day}?",
    "Which aisle has the {category}?",
    "Can I return this {product} without a receipt?",
    "Do you have any {plural} under ${price_whole}?",
)
DESCRIPTION_TEMPLATES = (
    "The {brand} {product} costs ${price}. It comes in {size} and {size2}, and you will find it in aisle {aisle}.",
    "This week the {product} is on sale for ${price}, down from ${old_price}.",
    "Our {product} is made of {material} and comes in {color} and {color2}.",
    "We are open from {open} in the morning until {close} at night, {day} through {day2}.",
    "You will find the {category} in aisle {aisle}, next to the {category2}.",
)
PA_PHRASES = (
    "Attention shoppers, the store will close in fifteen minutes.",
    "Cleanup needed in aisle four.",
    "A manager is needed at the front registers.",
    "Today only, all winter coats are twenty percent off.",
    "Would the owner of a blue car please return to the parking lot.",
    "Register seven is now open.",
    "Thank you for shopping with us today.",
    "Customer service, please call extension two.",
)


def retail_text(seed: Seed, kind: str = "query") -> str:
    """A written retail sentence of `kind` ("query" or "description"), e.g. prices as "$4.99"."""
    if kind not in SPEECH_KINDS:
        raise ValueError(f"unknown speech kind {kind!r}; choose one of {SPEECH_KINDS}")
    rng = as_rng(seed)
    names = list(PRODUCTS)
    product, other = (names[i] for i in rng.choice(len(names), size=2, replace=False))
    category, plural = PRODUCTS[product]
    cents = int(rng.choice([0, 49, 95, 99]))
    dollars = int(rng.integers(3, 150))
    sizes = rng.choice(len(SIZES), size=2, replace=False)
    colors = rng.choice(len(COLORS), size=2, replace=False)
    days = rng.choice(len(DAYS), size=2, replace=False)
    slots = dict(
        product=product,
        plural=plural,
        category=category,
        category2=PRODUCTS[other][0],
        brand=str(rng.choice(BRANDS)),
        color=COLORS[colors[0]],
        color2=COLORS[colors[1]],
        size=SIZES[sizes[0]],
        size2=SIZES[sizes[1]],
        number=int(rng.choice([6, 8, 10, 12, 38, 42])),
        material=str(rng.choice(MATERIALS)),
        day=DAYS[days[0]],
        day2=DAYS[days[1]],
        aisle=int(rng.integers(1, 25)),
        price=f"{dollars}.{cents:02d}" if cents else str(dollars),
        price_whole=dollars,
        old_price=str(dollars + int(rng.integers(5, 40))),
        open=int(rng.integers(6, 10)),
        close=int(rng.integers(8, 12)),
    )
    templates = QUERY_TEMPLATES if kind == "query" else DESCRIPTION_TEMPLATES
    return str(templates[int(rng.integers(len(templates)))]).format(**slots)


def synthesize(
    text: str,
    seed: int = 0,
    speaking_rate: float = 1.0,
    sample_rate: int = DEFAULT_RATE,
    use_cache: bool = True,
) -> np.ndarray:
    """Speak `text` with our TTS voice: float32 mono at `sample_rate` (soxr), silence trimmed
    (first sample within 40 dB of the peak). Seeded and cached on disk."""
    from interview_prep.models.registry import SPECS

    params = dict(
        text=text,
        speaking_rate=round(float(speaking_rate), 4),
        sample_rate=sample_rate,
        voice=SPECS["tts"].folder_name,
    )

    def build() -> AudioItem:
        from interview_prep import models

        out = models.tts_pipeline()(text, seed=seed, speaking_rate=float(speaking_rate))
        audio = trim(resample(out["audio"], out["sampling_rate"], sample_rate))
        return AudioItem(audio=audio, sample_rate=sample_rate)

    if not use_cache:
        return build().audio
    return cached("tts", SPEECH_VERSION, params, seed, build, AudioItem).audio


def make_retail_speech(
    seed: int = 0,
    kind: str = "query",
    speaking_rate: float | None = None,
    sample_rate: int = DEFAULT_RATE,
    use_cache: bool = True,
) -> SpeechClip:
    """A customer query or product description from templated text, spoken by our TTS.

    The speaking rate is drawn from RATE_RANGE unless given. Truth: `text` (as written).
    """
    rng = as_rng(seed)
    text = retail_text(rng, kind)
    rate = float(rng.uniform(*RATE_RANGE)) if speaking_rate is None else float(speaking_rate)
    audio = synthesize(text, child_seed(rng), rate, sample_rate, use_cache)
    return SpeechClip(audio=audio, sample_rate=sample_rate, text=text, kind=kind, speaking_rate=rate)


def pool_texts(split: str) -> list[str]:
    """Short retail phrases for the speech pools; the "train" and "test" lists are disjoint."""
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    rng = np.random.default_rng(20240607)
    queries = (retail_text(rng, "query") for _ in range(200))
    phrases = [p for p in dict.fromkeys([*PA_PHRASES, *queries]) if len(p.split()) <= 7]
    chosen = [phrases[i] for i in rng.permutation(len(phrases))]
    return (
        chosen[: POOL_SIZES["train"]]
        if split == "train"
        else chosen[POOL_SIZES["train"] : sum(POOL_SIZES.values())]
    )


@lru_cache(maxsize=4)
def speech_pool(split: str = "test", sample_rate: int = DEFAULT_RATE) -> tuple[np.ndarray, ...]:
    """TTS utterances of `pool_texts(split)` (varied seed and rate), used by the speech-bearing
    sound events. The classifier trains on "train"; everything else uses the held-out "test"."""
    out = []
    for i, text in enumerate(pool_texts(split)):
        rate = float(np.random.default_rng([i, len(text)]).uniform(0.9, 1.15))
        out.append(synthesize(text, seed=i, speaking_rate=rate, sample_rate=sample_rate))
    return tuple(out)


def normalize_text(text: str) -> str:
    """Whisper's English text normalizer (numbers, currency, punctuation, case) for WER."""
    return _normalizer()(text)


@lru_cache(maxsize=1)
def _normalizer():
    from transformers.models.whisper.english_normalizer import EnglishTextNormalizer

    return EnglishTextNormalizer({})
