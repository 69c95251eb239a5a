"""Grader of kata tts-11-product-catalog: speak a product catalog sentence by sentence.

Two products get random multi-sentence descriptions (prices with cents, a question, an
exclamation, irregular whitespace). The learner's `build_catalog` runs once per grading run;
each test checks one part of its output: the entries (one per sentence), the manifest file,
the WAV files, their durations, and what our ASR hears in them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import soundfile as sf

from interview_prep.graders.tts import roundtrip
from interview_prep.kata.grading import (
    KataError,
    KataFailure,
    Returned,
    call,
    expect,
    fetch_output,
    hint,
    learner_function,
    output_path,
    rng,
)
from interview_prep.kata.summarize import describe_type

FILE = "catalog.py"
KEYS = ("audio_filepath", "duration", "text", "sku")
DURATION_TOL_S = 0.001
ROUND_TRIP_SENTENCES = 3
MAX_ROUND_TRIP_WER = 0.25

# Words our ASR hears reliably (measured: "costs" -> "cost", "backpack" -> "back at" were not).
BRANDS = ("Harbor", "Summit", "Evergreen", "Bluebird")
PRODUCTS = (("toaster", "KT"), ("blender", "KB"), ("coffee maker", "KC"), ("water bottle", "WB"), ("frying pan", "FP"))
COLORS = ("black", "blue", "red", "green", "white")
OPENERS = ("The {brand} {product} is ${dollars}.{cents}.", "Our {brand} {product} is now ${dollars}.{cents}.")
MIDDLES = ("It comes in {color} and {color2}.", "Is it on sale this week?", "You can return it within thirty days.",
           "We test each one by hand!")
CLOSERS = ("Ask our staff for help.", "Try it in the store today!", "It makes a great gift!")

roundtrip.warm_up()


class _Run:
    """The one call of the learner's function, shared by the tests (an outcome or its failure)."""

    def __init__(self) -> None:
        self.done = False
        self.products: list[dict[str, str]] = []
        self.expected: list[dict[str, str]] = []
        self.out_dir: Path | None = None
        self.returned: Returned | None = None
        self.failure: KataFailure | KataError | None = None


_RUN = _Run()


def _description(gen: np.random.Generator, brand: str, product: str) -> list[str]:
    colors = gen.choice(COLORS, size=2, replace=False)
    slots = dict(brand=brand, product=product, dollars=int(gen.integers(5, 200)), cents=int(gen.choice([49, 95, 99])),
                 color=str(colors[0]), color2=str(colors[1]))
    middle = [str(m) for m in gen.choice(MIDDLES, size=int(gen.integers(0, 2)), replace=False)]
    sentences = [str(gen.choice(OPENERS)), *middle, str(gen.choice(CLOSERS))]
    return [s.format(**slots) for s in sentences]


def _catalog() -> tuple[Returned, list[dict]]:
    """Run `build_catalog` once (first test that needs it) and check the returned entries' shape."""
    if not _RUN.done:
        _RUN.done = True
        gen = rng("catalog")
        chosen = gen.choice(len(PRODUCTS), size=2, replace=False)
        for i, index in enumerate(chosen):
            product, prefix = PRODUCTS[int(index)]
            sku = f"{prefix}-{int(gen.integers(1000, 10000))}"
            sentences = _description(gen, str(gen.choice(BRANDS)), product)
            if i == 0 and len(sentences) < 3:
                sentences.insert(1, "Is it on sale this week?")
            gaps = [str(gen.choice([" ", "  ", "\n", " \n "])) for _ in sentences[1:]]
            text = sentences[0] + "".join(g + s for g, s in zip(gaps, sentences[1:], strict=True))
            _RUN.products.append({"sku": sku, "description": str(gen.choice(["", " "])) + text + "\n"})
            _RUN.expected += [{"sku": sku, "text": s, "audio_filepath": f"{sku}-{n}.wav"}
                              for n, s in enumerate(sentences, start=1)]
        try:
            written = output_path("catalog", folder=True)
            _RUN.returned = call(learner_function(FILE, "build_catalog"), _RUN.products, str(written))
            _RUN.out_dir = fetch_output(written) or written
        except (KataFailure, KataError) as exc:
            _RUN.failure = exc
    if _RUN.failure is not None:
        raise type(_RUN.failure)(str(_RUN.failure))
    returned = _RUN.returned
    value = returned.value
    expect(isinstance(value, list), returned, f"expected a list of dicts (the manifest entries), got "
           f"{describe_type(value)}", _note())
    entries = list(list.__iter__(value))
    for i, entry in enumerate(entries):
        expect(isinstance(entry, dict), returned, f"entry {i} is a {describe_type(entry)}, expected a dict", _note())
        keys = list(dict.keys(entry))
        expect(sorted(keys) == sorted(KEYS), returned, f"entry {i} has the keys {keys}, expected exactly {list(KEYS)}",
               _note())
    return returned, [dict(dict.items(e)) for e in entries]


def _note() -> str:
    lines = [f"{e['audio_filepath']}: {e['text']!r}" for e in _RUN.expected]
    return "expected one entry per sentence, in order:\n    " + "\n    ".join(lines)


@hint(1)
def test_one_entry_per_sentence():
    returned, entries = _catalog()
    expected = _RUN.expected
    texts = [e.get("text") for e in entries]
    expect(len(entries) == len(expected), returned,
           f"got {len(entries)} entries for {len(expected)} sentences; your texts: {texts}", _note())
    for i, (entry, want) in enumerate(zip(entries, expected, strict=True)):
        for key in ("sku", "text", "audio_filepath"):
            expect(type(entry[key]) is str and entry[key] == want[key], returned,
                   f"entry {i} has {key}={entry[key]!r}, expected {want[key]!r}", _note())


@hint(3)
def test_manifest_file_matches_the_entries():
    returned, entries = _catalog()
    path = _RUN.out_dir / "manifest.jsonl"
    found = sorted(p.name for p in _RUN.out_dir.iterdir())
    expect(path.is_file(), returned, f"no manifest.jsonl in out_dir (found {found})", _note())
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    expect(len(lines) == len(entries), returned,
           f"manifest.jsonl has {len(lines)} lines, but you returned {len(entries)} entries", _note())
    for i, (line, entry) in enumerate(zip(lines, entries, strict=True)):
        try:
            record = json.loads(line)
        except ValueError as exc:
            record = None
            expect(False, returned, f"line {i + 1} of manifest.jsonl is not JSON ({exc}): {line[:80]!r}", _note())
        expect(isinstance(record, dict) and record == entry, returned,
               f"line {i + 1} of manifest.jsonl is {line[:160]!r}, but entry {i} you returned is {entry!r}", _note())


@hint(2)
def test_one_wav_file_per_sentence():
    returned, entries = _catalog()
    for entry in entries:
        name = entry["audio_filepath"]
        path = _RUN.out_dir / str(name)
        expect(type(name) is str and re.fullmatch(r"[\w.-]+\.wav", name) is not None and path.is_file(), returned,
               f"no WAV file {name!r} in out_dir (audio_filepath is the file name, relative to out_dir)", _note())
        info = sf.info(str(path))
        expect(info.samplerate == roundtrip.tts().sampling_rate and info.channels == 1 and info.subtype == "PCM_16",
               returned, f"{name} is {info.samplerate} Hz, {info.channels} channel(s), {info.subtype}; expected "
               f"{roundtrip.tts().sampling_rate} Hz mono PCM_16 (16-bit)", _note())
        expect(info.frames > 0, returned, f"{name} holds no samples", _note())


@hint(3)
def test_durations_are_the_files_lengths():
    returned, entries = _catalog()
    for entry in entries:
        path = _RUN.out_dir / str(entry["audio_filepath"])
        expect(path.is_file(), returned, f"no WAV file {entry['audio_filepath']!r} in out_dir", _note())
        info = sf.info(str(path))
        seconds = info.frames / info.samplerate
        duration = entry["duration"]
        expect(isinstance(duration, float | int) and not isinstance(duration, bool), returned,
               f"duration of {path.name} is a {describe_type(duration)}, expected a float (seconds)", _note())
        expect(abs(float(duration) - seconds) <= DURATION_TOL_S, returned,
               f"{path.name}: duration {float(duration):.4f}, but the file holds {info.frames} samples at "
               f"{info.samplerate} Hz = {seconds:.4f} s (tolerance {DURATION_TOL_S} s)", _note())


@hint(2)
def test_our_asr_hears_the_sentences():
    returned, entries = _catalog()
    gen = rng()
    picked = sorted(int(i) for i in gen.choice(len(entries), size=min(ROUND_TRIP_SENTENCES, len(entries)),
                                               replace=False))
    texts, heard = [], []
    for i in picked:
        path = _RUN.out_dir / str(entries[i]["audio_filepath"])
        expect(path.is_file(), returned, f"no WAV file {entries[i]['audio_filepath']!r} in out_dir", _note())
        audio, rate = sf.read(str(path), dtype="float32", always_2d=True)
        texts.append(str(entries[i]["text"]))
        heard.append(roundtrip.transcribe(audio.mean(axis=1), rate))
    wer = roundtrip.word_error_rate(texts, heard)
    print(f"round-trip WER {wer:.3f}")
    expect(wer <= MAX_ROUND_TRIP_WER, returned,
           f"round-trip WER {wer:.2f} > {MAX_ROUND_TRIP_WER} on {len(texts)} of your WAV files: our ASR heard\n"
           + roundtrip.said_and_heard(texts, heard), _note())

