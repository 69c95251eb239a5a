"""Retail announcements spoken by our TTS voice, shared by the ASR graders (06, 07).

A fixed pool of single sentences, each synthesized with a fixed seed and rate, so the
audio package's on-disk cache serves every run after the first (no TTS work when warm).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from interview_prep.audio.speech import synthesize

RATE = 16000
SENTENCES = (
    "Welcome to Harbor Market, where fresh bread is baked every morning.",
    "The Northfield rain jacket costs $89 and comes in navy and black.",
    "You will find the kitchen appliances in aisle 12, next to the cookware.",
    "Our winter coats are 20% off until Sunday.",
    "Please bring your receipt if you want to return a product.",
    "The garden hoses are stacked near the entrance by the flower shop.",
    "Customers with five items or fewer can use the express checkout.",
    "The yoga mats are made of natural rubber and come in three colors.",
    "We open at eight in the morning and close at ten at night.",
    "Ask a team member if you need help carrying heavy boxes to your car.",
    "This coffee maker brews twelve cups and keeps them warm for two hours.",
    "Fresh strawberries and blueberries arrived this morning from a local farm.",
    "Our pharmacy counter is at the back of the store, behind the bakery.",
    "Gift cards can be bought at any register and never expire.",
    "The wool sweaters are machine washable on a gentle cycle.",
    "Free delivery is available for orders over $50.",
    "Remember to check our weekly flyer for the best deals on groceries.",
    "The running shoes in the window display are available in every size.",
)


@cache
def spoken(index: int) -> np.ndarray:
    """Sentence `index` spoken at 16 kHz, float32, silence trimmed (seeded; cached on disk)."""
    return synthesize(SENTENCES[index], seed=100 + index, speaking_rate=1.0, sample_rate=RATE)
