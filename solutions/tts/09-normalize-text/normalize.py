"""Reference solution of kata tts-09: retail text normalization for speech."""

import re

ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
IRREGULAR_ORDINALS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                      "nine": "ninth", "twelve": "twelfth"}
UNITS = {
    "mm": ("millimeter", "millimeters"), "cm": ("centimeter", "centimeters"), "m": ("meter", "meters"),
    "km": ("kilometer", "kilometers"), "g": ("gram", "grams"), "kg": ("kilogram", "kilograms"),
    "oz": ("ounce", "ounces"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"), "ft": ("foot", "feet"),
    "ml": ("milliliter", "milliliters"), "mL": ("milliliter", "milliliters"), "l": ("liter", "liters"),
    "L": ("liter", "liters"), "gal": ("gallon", "gallons"), "W": ("watt", "watts"),
    "GB": ("gigabyte", "gigabytes"), "TB": ("terabyte", "terabytes"),
}
ABBREVIATIONS = {"approx": "approximately", "dept": "department", "qty": "quantity", "pkg": "package",
                 "ea": "each", "vs": "versus", "ave": "avenue"}

NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
PRICE = re.compile(rf"\$({NUMBER})(?:\.(\d{{2}}))?(?!\d)")
PERCENT = re.compile(rf"({NUMBER})(\.\d+)?\s?%")
CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})(?:\s?([ap])\.?m\b\.?)?", re.IGNORECASE)
HOUR = re.compile(r"\b(\d{1,2})\s?([ap])\.?m\b\.?", re.IGNORECASE)
ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
UNIT = re.compile(rf"\b({NUMBER})(\.\d+)?\s?({'|'.join(sorted(UNITS, key=len, reverse=True))})(?![A-Za-z0-9])")
ABBREVIATION = re.compile(rf"\b({'|'.join(ABBREVIATIONS)})\b\.?", re.IGNORECASE)
CODE = re.compile(r"(?<![\w-])(?=[\w-]*[A-Za-z])(?=[\w-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-])")
PLAIN = re.compile(rf"\b({NUMBER})(\.\d+)?\b")


def number_words(n: int) -> str:
    """American English words of 0 <= n < 10**9, without "and"."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        return ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " " + number_words(n % 100))
    for size, name in ((10**6, "million"), (10**3, "thousand")):
        if n >= size:
            rest = n % size
            return number_words(n // size) + " " + name + ("" if rest == 0 else " " + number_words(rest))
    raise ValueError(n)


def ordinal_words(n: int) -> str:
    head, _, last = number_words(n).rpartition(" ")
    if last in IRREGULAR_ORDINALS:
        last = IRREGULAR_ORDINALS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head} {last}".strip()


def _number(whole: str, fraction: str | None = None) -> str:
    """Words of "1,299" and an optional ".75" (digits after the point one by one)."""
    spoken = number_words(int(whole.replace(",", "")))
    if fraction:
        spoken += " point " + " ".join(ONES[int(d)] for d in fraction.lstrip("."))
    return spoken


def _price(m: re.Match) -> str:
    dollars, cents = int(m[1].replace(",", "")), int(m[2] or 0)
    parts = []
    if dollars or not cents:
        parts.append(f"{number_words(dollars)} dollar{'' if dollars == 1 else 's'}")
    if cents:
        parts.append(f"{number_words(cents)} cent{'' if cents == 1 else 's'}")
    return " and ".join(parts)


def _suffix(letter: str | None) -> str:
    return f" {letter.lower()}.m." if letter else ""


def _clock(m: re.Match) -> str:
    hour, minute, letter = int(m[1]), int(m[2]), m[3]
    if minute == 0:
        spoken = "" if letter else " o'clock"
    elif minute < 10:
        spoken = " oh " + ONES[minute]
    else:
        spoken = " " + number_words(minute)
    return number_words(hour) + spoken + _suffix(letter)


def _unit(m: re.Match) -> str:
    singular, plural = UNITS[m[3]]
    one = m[1] == "1" and not m[2]
    return f"{_number(m[1], m[2])} {singular if one else plural}"


def _code(m: re.Match) -> str:
    return " ".join(c.upper() if c.isalpha() else ONES[int(c)] for c in m[0] if c != "-")


def normalize_for_speech(text: str) -> str:
    """Rewrite prices, percentages, times, ordinals, units, abbreviations, codes and numbers as words."""
    text = PRICE.sub(_price, text)
    text = PERCENT.sub(lambda m: _number(m[1], m[2]) + " percent", text)
    text = CLOCK.sub(_clock, text)
    text = HOUR.sub(lambda m: number_words(int(m[1])) + _suffix(m[2]), text)
    text = ORDINAL.sub(lambda m: ordinal_words(int(m[1])), text)
    text = UNIT.sub(_unit, text)
    text = ABBREVIATION.sub(lambda m: ABBREVIATIONS[m[1].lower()], text)
    text = re.sub(r"(?<!\S)w/(?=\s)", "with", text)
    text = re.sub(r"(?<!\S)&(?!\S)", "and", text)
    text = CODE.sub(_code, text)
    return PLAIN.sub(lambda m: _number(m[1], m[2]), text)
