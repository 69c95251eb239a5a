"""Grader of kata tts-09-normalize-text: retail text normalization for speech.

Each test builds sentences from templates whose slots are filled with random written forms
(a price, a time, a code...) while the spoken form of every slot is derived here, so the
expected output is known by construction. Outputs are compared after the statement's light
canonicalization. The last test speaks the learner's output with our TTS (no spelling-out of
its own) and transcribes it with our ASR.
"""

from __future__ import annotations

import re

import inflect
import numpy as np

from interview_prep.graders.tts import roundtrip
from interview_prep.kata.grading import Returned, call, expect, hint, learner_function, rng
from interview_prep.kata.summarize import describe_type

FILE = "normalize.py"
ROUND_TRIP_SENTENCES = 3
MAX_ROUND_TRIP_WER = 0.25

DIGITS = "zero one two three four five six seven eight nine".split()
UNITS = {  # symbol: (singular, plural)
    "mm": ("millimeter", "millimeters"),
    "cm": ("centimeter", "centimeters"),
    "m": ("meter", "meters"),
    "km": ("kilometer", "kilometers"),
    "g": ("gram", "grams"),
    "kg": ("kilogram", "kilograms"),
    "oz": ("ounce", "ounces"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "ft": ("foot", "feet"),
    "ml": ("milliliter", "milliliters"),
    "mL": ("milliliter", "milliliters"),
    "l": ("liter", "liters"),
    "L": ("liter", "liters"),
    "gal": ("gallon", "gallons"),
    "W": ("watt", "watts"),
    "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"),
}
ABBREVIATIONS = {
    "approx": "approximately",
    "dept": "department",
    "qty": "quantity",
    "pkg": "package",
    "ea": "each",
    "vs": "versus",
    "ave": "avenue",
}
PRODUCTS = ("blender", "rain jacket", "coffee maker", "backpack", "desk lamp", "toaster", "yoga mat", "frying pan")
MONTHS = ("January", "March", "May", "June", "July", "October", "November", "December")

_INFLECT = inflect.engine()
roundtrip.warm_up()


# --------------------------------------------------------------------------- spoken forms (the truth)


def words(n: int) -> str:
    """American English words of n >= 0, no "and", no commas or hyphens: 1299 -> one thousand two hundred ninety nine.

    inflect is the oracle here, independent of any solution's own spelling-out.
    """
    return " ".join(_INFLECT.number_to_words(n, andword="", comma="").replace("-", " ").split())


def ordinal(n: int) -> str:
    """21 -> twenty first (inflect's ordinal words, hyphens as spaces)."""
    return " ".join(_INFLECT.number_to_words(_INFLECT.ordinal(n), andword="", comma="").replace("-", " ").split())


def decimal(text: str) -> str:
    """Words of "1,299", "2.5", "0.75": integer part as a number, fraction digit by digit."""
    whole, _, fraction = text.replace(",", "").partition(".")
    spoken = words(int(whole))
    return spoken + (" point " + " ".join(DIGITS[int(d)] for d in fraction) if fraction else "")


def written_int(gen: np.random.Generator, n: int) -> str:
    """`n` with thousands separators half of the time (when it has thousands)."""
    return f"{n:,}" if n >= 1000 and gen.random() < 0.5 else str(n)


def canonical(text: str) -> str:
    """The statement's comparison form: lower case, hyphens as spaces, no . , ! ? ; : ", single spaces."""
    text = re.sub(r"[.,!?;:\"]", "", text.lower().replace("-", " "))
    return " ".join(text.split())


# --------------------------------------------------------------------------- random slots: (written, spoken)


def number_slot(gen: np.random.Generator) -> tuple[str, str]:
    kind = int(gen.integers(6))
    if kind == 0:
        n = int(gen.integers(0, 20))
    elif kind == 1:
        n = int(gen.integers(20, 100))
    elif kind == 2:
        n = int(gen.integers(1, 10)) * 100 + int(gen.integers(0, 10))  # 105: no "and", no "zero"
    elif kind == 3:
        n = int(gen.integers(1000, 1_000_000))
    elif kind == 4:
        n = int(gen.integers(1, 1000)) * 10**6 + int(gen.integers(0, 1000))
    else:
        text = f"{int(gen.integers(0, 100))}.{int(gen.integers(1, 100)):02d}".rstrip("0")
        return text, decimal(text)
    text = written_int(gen, n)
    return text, words(n)


def money(dollars: int, cents: int) -> str:
    parts = []
    if dollars or not cents:
        parts.append(f"{words(dollars)} dollar{'' if dollars == 1 else 's'}")
    if cents:
        parts.append(f"{words(cents)} cent{'' if cents == 1 else 's'}")
    return " and ".join(parts)


def price_slot(gen: np.random.Generator) -> tuple[str, str]:
    dollars = int(
        gen.choice([0, 1, int(gen.integers(2, 100)), int(gen.integers(100, 1000)), int(gen.integers(1000, 100_000))])
    )
    cents = int(gen.choice([0, 1, int(gen.integers(2, 100)), 99]))
    if dollars == 0 and cents == 0:
        cents = 50
    written = "$" + written_int(gen, dollars)
    if cents or gen.random() < 0.3:
        written += f".{cents:02d}"
    return written, money(dollars, cents)


def percent_slot(gen: np.random.Generator) -> tuple[str, str]:
    number = str(int(gen.choice([1, 100, int(gen.integers(2, 100))])))
    if gen.random() < 0.3:
        number += f".{int(gen.integers(1, 10))}"
    return f"{number}%", f"{decimal(number)} percent"


def time_slot(gen: np.random.Generator) -> tuple[str, str]:
    suffix = str(gen.choice(["", "am", "pm", "AM", "PM", "a.m.", "p.m."]))
    hour = int(gen.integers(1, 13)) if suffix else int(gen.integers(1, 24))
    minute = int(gen.choice([0, int(gen.integers(1, 10)), int(gen.integers(10, 60))]))
    space = " " if "." in suffix or gen.random() < 0.6 else ""
    spoken_suffix = {"a": " a.m.", "p": " p.m."}.get(suffix[:1].lower(), "")
    if suffix and minute == 0 and gen.random() < 0.4:  # "7 pm": no minutes at all
        return f"{hour}{space}{suffix}", words(hour) + spoken_suffix
    if minute == 0:
        spoken_minute = "" if suffix else " o'clock"
    elif minute < 10:
        spoken_minute = " oh " + DIGITS[minute]
    else:
        spoken_minute = " " + words(minute)
    written = f"{hour}:{minute:02d}" + (f"{space}{suffix}" if suffix else "")
    return written, words(hour) + spoken_minute + spoken_suffix


def ordinal_slot(gen: np.random.Generator) -> tuple[str, str]:
    n = int(gen.choice([int(gen.integers(1, 32)), int(gen.integers(32, 1000))]))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}", ordinal(n)


def unit_slot(gen: np.random.Generator) -> tuple[str, str]:
    symbol = str(gen.choice(list(UNITS)))
    if symbol != "lbs" and gen.random() < 0.25:
        number = "1"
    elif gen.random() < 0.3:
        number = f"{int(gen.integers(0, 10))}.{int(gen.integers(1, 10))}"
    else:
        number = written_int(gen, int(gen.integers(2, 2000)))
    singular, plural = UNITS[symbol]
    space = " " if gen.random() < 0.5 else ""
    return f"{number}{space}{symbol}", f"{decimal(number)} {singular if number == '1' else plural}"


def code_slot(gen: np.random.Generator) -> tuple[str, str]:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    # letter first: a digit right after a letter is no unit, time or ordinal
    shape = str(gen.choice(["LD", "LLD", "LLLLDD", "LD-DDD", "LL-DDDD", "LDLD"]))
    written = "".join(
        str(gen.choice(list(letters))) if c == "L" else str(int(gen.integers(0, 10))) if c == "D" else c for c in shape
    )
    spoken = " ".join(c if c.isalpha() else DIGITS[int(c)] for c in written if c != "-")
    return written, spoken


def styled(gen: np.random.Generator, word: str) -> str:
    return str(gen.choice([word, word.capitalize(), word.upper()]))


def abbreviation_slot(gen: np.random.Generator, key: str) -> tuple[str, str]:
    if key in ("w/", "&"):
        return key, {"w/": "with", "&": "and"}[key]
    written = styled(gen, key) + ("." if gen.random() < 0.5 else "")
    return written, ABBREVIATIONS[key]


def word_slot(choices: tuple[str, ...]):
    def slot(gen: np.random.Generator) -> tuple[str, str]:
        word = str(gen.choice(choices))
        return word, word

    return slot


def fill(gen: np.random.Generator, template: str, slots: tuple) -> tuple[str, str]:
    """(written, spoken) sentence: `template` filled with one random pair per slot."""
    pairs = [slot(gen) for slot in slots]
    return template.format(*(w for w, _ in pairs)), template.format(*(s for _, s in pairs))


ABBREVIATION_TEMPLATES = {  # no final period: it is added unless the abbreviation brings one
    "approx": "Delivery takes {} two days",
    "dept": "Ask the shoe {} for help",
    "qty": "{} limited to four per customer",
    "pkg": "Batteries come in a {} of eight",
    "ea": "Candles are three dollars {}",
    "vs": "Compare the brand {} the store brand",
    "ave": "Our store is on Main {}",
    "w/": "Coffee maker {} free mugs",
    "&": "Bed {} bath is upstairs",
}


# --------------------------------------------------------------------------- checking


def _normalizer():
    return learner_function(FILE, "normalize_for_speech")


def _check_cases(cases: list[tuple[str, str]]) -> None:
    """Run every (written, expected spoken) case; fail on the first wrong one, saying how many fail."""
    normalize = _normalizer()
    failures: list[tuple[Returned, str]] = []
    for written, spoken in cases:
        returned = call(normalize, written)
        value = returned.value
        expect(isinstance(value, str), returned, f"expected a str, got {describe_type(value)}")
        if canonical(str.__str__(value)) != canonical(spoken):
            failures.append((returned, spoken))
    if failures:
        returned, spoken = failures[0]
        more = f" ({len(failures)} of {len(cases)} cases are wrong)" if len(failures) > 1 else ""
        expect(
            False,
            returned,
            f"expected: {spoken!r}\n  actual:   {str.__str__(returned.value)!r}{more}",
            note="compared in lower case, hyphens as spaces, without . , ! ? ; : and extra spaces",
        )


def _sentences(gen: np.random.Generator, template: str, slot, count: int) -> list[tuple[str, str]]:
    cases = []
    for _ in range(count):
        written, spoken = slot(gen)
        cases.append((template.format(written), template.format(spoken)))
    return cases


@hint(1)
def test_plain_numbers():
    gen = rng()
    cases = [
        ("Aisle 7 is closed.", "Aisle seven is closed."),
        ("We have 105 in stock.", "We have one hundred five in stock."),
        ("Only 0 left.", "Only zero left."),
    ]
    cases += _sentences(gen, "We sold {} units today.", number_slot, 6)
    _check_cases(cases)


@hint(2)
def test_prices():
    gen = rng()
    cases = [
        ("Now $1.", "Now one dollar."),
        ("Now $4.99.", "Now four dollars and ninety nine cents."),
        ("Only $0.01 more.", "Only one cent more."),
        ("It was $12.00 yesterday.", "It was twelve dollars yesterday."),
        ("Just $1,299 today.", "Just one thousand two hundred ninety nine dollars today."),
    ]
    cases += _sentences(gen, "The total is {} with tax.", price_slot, 6)
    _check_cases(cases)


@hint(2)
def test_percentages():
    gen = rng()
    cases = [
        ("Save 20% today.", "Save twenty percent today."),
        ("Rates from 2.5% apply.", "Rates from two point five percent apply."),
    ]
    cases += _sentences(gen, "Take {} off all coats.", percent_slot, 4)
    _check_cases(cases)


@hint(3)
def test_times():
    gen = rng()
    cases = [
        ("We open at 9:30.", "We open at nine thirty."),
        ("Back at 9:05 am.", "Back at nine oh five a.m."),
        ("Closing at 10:00.", "Closing at ten o'clock."),
        ("Open until 9pm today.", "Open until nine p.m. today."),
        ("Deliveries at 17:45 daily.", "Deliveries at seventeen forty five daily."),
    ]
    cases += _sentences(gen, "Pickup starts at {} on Monday.", time_slot, 6)
    _check_cases(cases)


@hint(3)
def test_ordinals():
    gen = rng()
    cases = [
        (f"The {n}{s} floor.", f"The {o} floor.")
        for n, s, o in (
            (1, "st", "first"),
            (2, "nd", "second"),
            (3, "rd", "third"),
            (12, "th", "twelfth"),
            (21, "st", "twenty first"),
            (40, "th", "fortieth"),
            (100, "th", "one hundredth"),
        )
    ]
    cases += _sentences(gen, "The sale ends on the {} of " + str(gen.choice(MONTHS)) + ".", ordinal_slot, 5)
    _check_cases(cases)


@hint(3)
def test_units():
    gen = rng()
    cases = [
        ("It weighs 1 kg.", "It weighs one kilogram."),
        ("The ladder is 6 ft tall.", "The ladder is six feet tall."),
        ("A 1 ft ruler.", "A one foot ruler."),
        ("Holds 1.5L of water.", "Holds one point five liters of water."),
        ("With 64GB of storage.", "With sixty four gigabytes of storage."),
    ]
    cases += _sentences(gen, "Pack size {}, ready to ship.", unit_slot, 6)
    _check_cases(cases)


@hint(4)
def test_abbreviations():
    gen = rng()
    cases = []
    for key in [str(k) for k in gen.permutation(list(ABBREVIATION_TEMPLATES))]:
        written, spoken = abbreviation_slot(gen, key)
        template = ABBREVIATION_TEMPLATES[key]
        end = "" if written.endswith(".") else "."
        cases.append((template.format(written) + end, template.format(spoken) + "."))
    _check_cases(cases)


@hint(4)
def test_codes():
    gen = rng()
    cases = [
        ("Use code SAVE20 at checkout.", "Use code S A V E two zero at checkout."),
        ("Item B7-220 is back.", "Item B seven two two zero is back."),
    ]
    cases += _sentences(gen, "Order {} has shipped.", code_slot, 5)
    _check_cases(cases)


MIXED_TEMPLATES = (
    ("The {} costs {} in aisle {}.", (word_slot(PRODUCTS), price_slot, number_slot)),
    ("Save {} on orders over {} until {}.", (percent_slot, price_slot, time_slot)),
    ("Use code {} for {} off the {} order.", (code_slot, percent_slot, ordinal_slot)),
    (
        "The {} weighs {} and costs {} {}",
        (word_slot(PRODUCTS), unit_slot, price_slot, lambda gen: abbreviation_slot(gen, "ea")),
    ),
    ("Our {} opens at {} on the {} floor.", (lambda gen: abbreviation_slot(gen, "dept"), time_slot, ordinal_slot)),
)


@hint(4)
def test_mixed_sentences():
    gen = rng()
    _check_cases([fill(gen, template, slots) for template, slots in MIXED_TEMPLATES])


# Round-trip slots: everyday retail values, in sentences our ASR hears reliably. Whisper's
# normalizer maps the spoken and written forms of prices, percentages, ordinals and numbers
# to the same words, so mostly what was really misheard counts (units are left out: Whisper
# writes "4 kg" for "four kilograms").
def retail_price_slot(gen: np.random.Generator) -> tuple[str, str]:
    dollars, cents = int(gen.integers(2, 1000)), int(gen.choice([0, 49, 95, 99]))
    return (f"${dollars}.{cents:02d}" if cents else f"${dollars}"), money(dollars, cents)


def discount_slot(gen: np.random.Generator) -> tuple[str, str]:
    percent = 5 * int(gen.integers(1, 15))
    return f"{percent}%", f"{words(percent)} percent"


def date_slot(gen: np.random.Generator) -> tuple[str, str]:
    day = int(gen.integers(1, 29))
    suffix = "th" if 10 <= day <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}", ordinal(day)


def count_slot(gen: np.random.Generator) -> tuple[str, str]:
    n = int(gen.integers(2, 13))
    return str(n), words(n)


ROUND_TRIP_PRODUCTS = ("blender", "coffee maker", "frying pan", "water bottle")
ROUND_TRIP_TEMPLATES = (
    ("The {} is now {}, down from {}.", (word_slot(ROUND_TRIP_PRODUCTS), retail_price_slot, retail_price_slot)),
    ("Take {} off every {} until the {} of {}.",
     (discount_slot, word_slot(ROUND_TRIP_PRODUCTS), date_slot, word_slot(MONTHS))),
    ("You can get {} {} for {} at the front of the store.",
     (count_slot, word_slot(("candles", "batteries", "notebooks", "light bulbs")), retail_price_slot)),
    ("The {} costs {} until the {} of {}.",
     (word_slot(ROUND_TRIP_PRODUCTS), retail_price_slot, date_slot, word_slot(MONTHS))),
)


@hint(2)
def test_round_trip_through_tts_and_asr():
    gen = rng()
    normalize = _normalizer()
    chosen = gen.choice(len(ROUND_TRIP_TEMPLATES), size=ROUND_TRIP_SENTENCES, replace=False)
    pairs = [fill(gen, *ROUND_TRIP_TEMPLATES[int(i)]) for i in chosen]
    outputs, heard = [], []
    tts = roundtrip.tts()
    for written, _ in pairs:
        returned = call(normalize, written)
        expect(
            isinstance(returned.value, str) and bool(str.__str__(returned.value).strip()),
            returned,
            f"expected a non-empty str, got {describe_type(returned.value)}",
        )
        outputs.append(str.__str__(returned.value))
        spoken = tts(outputs[-1], seed=int(gen.integers(1000)), spell_out=False)
        heard.append(roundtrip.transcribe(spoken["audio"], spoken["sampling_rate"]))
    expected = [spoken for _, spoken in pairs]
    wer = roundtrip.word_error_rate(expected, heard)
    details = "\n".join(
        f"    written: {w!r}\n    yours:   {o!r}\n    heard:   {h!r}"
        for (w, _), o, h in zip(pairs, outputs, heard, strict=True)
    )
    print(f"round-trip WER {wer:.3f}")
    expect(
        wer <= MAX_ROUND_TRIP_WER,
        Returned(outputs, f"normalize_for_speech on {len(pairs)} sentences"),
        f"round-trip WER {wer:.2f} > {MAX_ROUND_TRIP_WER}: our TTS read your text and our ASR heard:\n{details}",
    )
