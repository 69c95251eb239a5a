"""Grader of kata asr-24-intent-routing: voice queries to intents, with an "unknown" class.

The grader keeps a hidden pool of paraphrases per intent (none of them is in the
statement, whose examples are different wordings) and of out-of-scope queries that must
stay "unknown". Each run samples from the pool: text queries for `intent_of`, and a few
queries spoken by our TTS voice (fixed seed and rate per pool item, so the audio package's
disk cache serves warm runs) for `route_query`, at 16 kHz and 22.05 kHz.

Evidence when the kata was written: the reference solution labels every query of the
pool correctly, from the text and from Whisper tiny.en's transcript of its TTS audio.
"""

from __future__ import annotations

import re

import jiwer

from interview_prep.audio.speech import synthesize
from interview_prep.graders.asr._warmup import warm_up_asr
from interview_prep.kata import evidence
from interview_prep.kata.grading import Audio, call, expect, expect_type, hint, learner_function, pyrandom

FILE = "intent_routing.py"
INTENTS = ("store_hours", "product_location", "returns", "price_check", "talk_to_staff")
LABELS = (*INTENTS, "unknown")
PER_INTENT = 3  # text queries per intent in a run
MIN_KNOWN_ACCURACY = 0.85  # of the 15 in-scope text queries: at most 2 wrong
UNKNOWN_COUNT = 4
MIN_UNKNOWN = 3  # of the 4 out-of-scope queries labelled "unknown"
SPOKEN = 5  # spoken queries: four intents and one out-of-scope
MIN_SPOKEN_CORRECT = 4
MAX_SPOKEN_WER = 0.25

POOL = {
    "store_hours": (
        "When do you close today?",
        "How late are you open on Fridays?",
        "What are your hours this weekend?",
        "Is the store open on New Year's Day?",
        "When does the store open tomorrow morning?",
        "Are you guys open on Sunday?",
        "What time does the shop close tonight?",
        "Is the store closed on Thanksgiving?",
        "Do you open early on weekdays?",
        "What are your holiday opening hours?",
        "How early can I come in tomorrow?",
        "Are you open twenty four hours?",
    ),
    "product_location": (
        "Where would I find the batteries?",
        "Which aisle are the light bulbs in?",
        "I'm looking for the dog food.",
        "Where do you keep the olive oil?",
        "Can you tell me where the garden hoses are?",
        "In what section are the bath towels?",
        "Where is the pharmacy counter?",
        "Do you carry printer ink, and where is it?",
        "I can't find the peanut butter anywhere.",
        "Which shelf has the baking soda?",
        "Where are your winter gloves located?",
        "Could you point me to the kitchen towels?",
    ),
    "returns": (
        "I'd like to return this jacket.",
        "Can I get my money back for these headphones?",
        "How do I exchange a shirt for a bigger size?",
        "This blender is broken and I want a refund.",
        "What is your return policy?",
        "I lost my receipt, can I still bring this back?",
        "Can I swap these boots for another color?",
        "I need to send back an online order.",
        "Do you take back opened items?",
        "The shoes don't fit, can I return them?",
        "I was charged twice and want my money back.",
        "Can I get store credit for this gift?",
    ),
    "price_check": (
        "How much does this vacuum cost?",
        "What's the price on the blue kettle?",
        "Is the rice cooker on sale?",
        "How much are the running shoes?",
        "Can you check the price of this lamp for me?",
        "What do the wool socks cost?",
        "Are there any discounts on televisions this week?",
        "Is this cheaper online?",
        "How expensive is the espresso machine?",
        "Does this blender ring up at the sale price?",
        "How many dollars is the toaster?",
        "Tell me the cost of the garden chairs.",
    ),
    "talk_to_staff": (
        "I'd like to speak with a manager.",
        "Can I talk to a real person, please?",
        "Is there an employee who can help me?",
        "Please connect me to customer service.",
        "Get me a human.",
        "I need help from a store associate.",
        "Could somebody from the staff come over here?",
        "Can a team member come to aisle five?",
        "I want to talk to the person in charge.",
        "Is anyone working here right now?",
        "Send someone to help me at checkout.",
        "Let me speak to an operator.",
    ),
    "unknown": (
        "What's the weather like tomorrow?",
        "Tell me a joke.",
        "Do you know any good restaurants nearby?",
        "What's the wifi password?",
        "Can you call me a taxi?",
        "Who won the game last night?",
        "Set a timer for ten minutes.",
        "How do I get to the train station?",
        "What's the capital of France?",
        "Read me today's news.",
        "Turn up the volume.",
        "Thank you, that's all.",
    ),
}

warm_up_asr()


def _words(text: str) -> str:
    """Lower-case, punctuation removed (apostrophes kept), single spaces: for WER."""
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("’", "'")).split())


def _spoken_audio(intent: str, index: int, rate: int):
    """Pool item `index` of `intent` spoken by our TTS voice (fixed seed and speed; cached on disk)."""
    number = LABELS.index(intent) * 100 + index
    speed = 0.9 + 0.02 * (number % 11)
    return synthesize(POOL[intent][index], seed=2400 + number, speaking_rate=speed, sample_rate=rate)


def _label(returned, what: str) -> str:
    label = expect_type(returned, "", note=f"{what}; return one of {', '.join(LABELS)}")
    expect(
        label in LABELS,
        returned,
        f"{label!r} is not a label: return one of {', '.join(repr(x) for x in LABELS)}",
    )
    return label


def _classify(queries: list[tuple[str, str]]) -> list[tuple[str, str, str, object]]:
    """(query, expected, got, returned) for each (query, expected intent)."""
    fn = learner_function(FILE, "intent_of")
    out = []
    for text, expected in queries:
        returned = call(fn, text)
        out.append((text, expected, _label(returned, "intent_of(transcript) returns a str"), returned))
    return out


def _table(rows) -> str:
    return "\n  ".join(f"{text!r}: expected {want}, got {got}" for text, want, got, _ in rows)


@hint(1)
def test_known_intents_from_unseen_paraphrases():
    gen = pyrandom("known")
    queries = [(text, intent) for intent in INTENTS for text in gen.sample(POOL[intent], PER_INTENT)]
    gen.shuffle(queries)
    rows = _classify(queries)
    wrong = [row for row in rows if row[1] != row[2]]
    accuracy = 1 - len(wrong) / len(rows)
    print(f"{len(rows) - len(wrong)}/{len(rows)} in-scope queries routed right (need {MIN_KNOWN_ACCURACY:.0%})")
    expect(
        accuracy >= MIN_KNOWN_ACCURACY,
        wrong[0][3] if wrong else rows[-1][3],
        f"{len(wrong)} of {len(rows)} in-scope queries routed wrong ({accuracy:.0%}, need "
        f"{MIN_KNOWN_ACCURACY:.0%}): customers say the same thing in many ways, match more than the "
        "exact words of the examples",
        "wrong:\n  " + _table(wrong),
    )


@hint(3)
def test_out_of_scope_queries_are_unknown():
    gen = pyrandom("unknown")
    rows = _classify([(text, "unknown") for text in gen.sample(POOL["unknown"], UNKNOWN_COUNT)])
    forced = [row for row in rows if row[2] != "unknown"]
    print(f"{len(rows) - len(forced)}/{len(rows)} out-of-scope queries left unknown (need {MIN_UNKNOWN})")
    expect(
        len(rows) - len(forced) >= MIN_UNKNOWN,
        forced[0][3] if forced else rows[-1][3],
        f"{len(forced)} of {len(rows)} out-of-scope queries were forced into an intent: "
        f"return 'unknown' when no intent's cues are present",
        "forced:\n  " + _table(forced),
    )


@hint(2)
def test_empty_transcript_is_unknown():
    returned = call(learner_function(FILE, "intent_of"), "")
    label = _label(returned, "intent_of(transcript) returns a str")
    expect(label == "unknown", returned, f"an empty transcript (nothing said) must be 'unknown', got {label!r}")


@hint(4)
def test_spoken_queries_are_transcribed_and_routed():
    gen = pyrandom("spoken")
    intents = [*gen.sample(INTENTS, SPOKEN - 1), "unknown"]
    gen.shuffle(intents)
    fn = learner_function(FILE, "route_query")
    refs, hyps, lines, wrong, last = [], [], [], 0, None
    for k, intent in enumerate(intents):
        index = gen.randrange(len(POOL[intent]))
        rate = 22050 if k % 2 else 16000
        audio = _spoken_audio(intent, index, rate)
        evidence.clip(f"query-{k + 1}-{intent}-{rate}hz", audio, rate)
        last = call(fn, Audio(audio, rate), rate)
        got = expect_type(
            last, {"transcript": "", "intent": ""}, note='return {"transcript": str, "intent": str}'
        )
        expect(got["intent"] in LABELS, last, f"{got['intent']!r} is not a label: return one of {LABELS}")
        refs.append(_words(POOL[intent][index]))
        hyps.append(_words(got["transcript"]) or "<empty>")
        wrong += got["intent"] != intent
        if got["intent"] != intent:  # evidence if the test fails: the right intent against yours
            evidence.class_scores(intent, {label: float(label == intent) for label in LABELS}, {got["intent"]: 1.0},
                                  predicted=got["intent"],
                                  title=f"query {k + 1} routed wrong: said {POOL[intent][index]!r}, "
                                        f"you heard {got['transcript']!r}")
        lines.append(
            f"[{rate} Hz] said {POOL[intent][index]!r}: heard {got['transcript']!r}, "
            f"intent {got['intent']} (expected {intent})"
        )
    wer = float(jiwer.wer(refs, hyps))
    evidence.asr_alignment(refs, [h if h != "<empty>" else "" for h in hyps],
                           title=f"spoken queries: what was said vs your transcript (WER {wer:.3f}, "
                                 f"{len(intents) - wrong} of {len(intents)} routed right)")
    print(f"spoken queries: WER {wer:.3f}, {len(intents) - wrong}/{len(intents)} routed right")
    expect(
        wer <= MAX_SPOKEN_WER,
        last,
        f"word error rate of the transcripts {wer:.3f} > {MAX_SPOKEN_WER}: transcribe with Whisper at 16 kHz",
        "\n  ".join(lines),
    )
    expect(
        len(intents) - wrong >= MIN_SPOKEN_CORRECT,
        last,
        f"{wrong} of {len(intents)} spoken queries routed wrong (need {MIN_SPOKEN_CORRECT} right): "
        "route the transcript with intent_of",
        "\n  ".join(lines),
    )
