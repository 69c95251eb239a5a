"""Reference solution of kata asr-24-intent-routing: voice queries to intents, with an "unknown" class."""

import re

import numpy as np
import soxr

from interview_prep import models

WHISPER_RATE = 16000
INTENTS = ("store_hours", "product_location", "returns", "price_check", "talk_to_staff")

# Cue words and phrases per intent, matched on word boundaries of the normalized text.
# A trailing "*" matches any ending (return*, refund*); two or more words are a phrase.
CUES = {
    "store_hours": (
        "hours", "open*", "close*", "closing", "opening", "what time", "when do you", "when does the store",
        "until when", "how late", "how early", "holiday*", "sunday*", "saturday*", "weekend*", "tonight",
        "tomorrow morning", "24 hours", "overnight",
    ),
    "product_location": (
        "where", "aisle*", "find", "located", "location", "which section", "what section", "shelf", "shelves",
        "keep the", "do you keep", "do you stock", "point me", "lead me", "looking for", "look for", "stocked",
    ),
    "returns": (
        "return*", "refund*", "exchange*", "send back", "bring back", "take back", "money back", "receipt",
        "give it back", "swap", "store credit", "broken", "defective", "doesn't fit", "does not fit", "wrong size",
    ),
    "price_check": (
        "price*", "cost*", "how much", "pricing", "priced", "on sale", "discount*", "dollars", "cheap*",
        "expensive", "deal", "deals", "charge", "sale price", "what does it run", "run me",
    ),
    "talk_to_staff": (
        "speak", "talk", "person", "human", "someone", "somebody", "staff", "employee*", "associate*", "manager",
        "agent", "representative", "team member", "clerk", "customer service", "operator", "real person",
        "worker", "anyone", "anybody",
    ),
}
# Ties go to the first of these ("can someone meet me in aisle seven?" asks for staff).
PRIORITY = ("talk_to_staff", "returns", "price_check", "store_hours", "product_location")


def _normalize(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("’", "'")).split())


def _pattern(cue: str) -> re.Pattern:
    body = re.escape(cue.rstrip("*")).replace(r"\ ", " ")
    ending = r"\w*" if cue.endswith("*") else ""
    return re.compile(rf"\b{body}{ending}\b")


PATTERNS = {intent: [_pattern(c) for c in cues] for intent, cues in CUES.items()}


def intent_of(transcript: str) -> str:
    """The intent of a customer's query (one of INTENTS), or "unknown" when no intent's cues occur."""
    text = _normalize(transcript)
    scores = {intent: sum(1 for p in patterns if p.search(text)) for intent, patterns in PATTERNS.items()}
    best = max(scores.values())
    if best == 0:
        return "unknown"
    return next(intent for intent in PRIORITY if scores[intent] == best)


def route_query(audio: np.ndarray, sampling_rate: int) -> dict:
    """Transcribe a spoken query with Whisper and route it: {"transcript": str, "intent": str}."""
    x = np.asarray(audio, dtype=np.float32)
    if sampling_rate != WHISPER_RATE:
        x = soxr.resample(x, sampling_rate, WHISPER_RATE).astype(np.float32)
    transcript = models.asr_pipeline()(x)["text"].strip()
    return {"transcript": transcript, "intent": intent_of(transcript)}
