"""Grader of kata asr-08-transcription-report: report numbers and the plot's data (not its pixels).

Transcripts are retail sentences from the audio package's text templates (no model
needed); the truth is computed here from the definitions in the statement.
"""

from __future__ import annotations

import string
from collections import Counter
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.image  # noqa: E402
import numpy as np  # noqa: E402

from interview_prep.audio.speech import retail_text  # noqa: E402
from interview_prep.kata.grading import (  # noqa: E402
    Returned,
    call,
    expect,
    expect_equal,
    fetch_output,
    hint,
    learner_function,
    output_path,
    rng,
)
from interview_prep.kata.sandbox.figures import BarContainer, Figure  # noqa: E402

FILE = "report.py"
REL_TOL = 1e-6
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
STOP_WORDS = frozenset(
    "a an and are at be but by can do does for from have i in is it me my of on or our "
    "please the this to was we what when where which will with you your".split()
)
TIE_TERMS = ("blender", "coupon", "jacket", "kettle", "mixer", "receipt", "toaster", "umbrella")
TIE_TEMPLATES = ("Where is the {}?", "Do you have a {}?", "Is it the {}?", "Where is my {}?")
KEYS = ("count", "total_words", "total_characters", "total_duration_s", "words_per_minute", "per_transcript")


# --------------------------------------------------------------------------- inputs and truth


def _transcripts(gen: np.random.Generator) -> list[dict[str, Any]]:
    count = int(gen.integers(5, 9))
    prefix = str(gen.choice(["call", "clip", "query"]))
    numbers = gen.choice(np.arange(1, 100), size=count, replace=False)
    empty = int(gen.integers(count))
    items = []
    for i, number in enumerate(numbers):
        if i == empty:
            text, duration = "", float(gen.uniform(1.0, 3.0))
        else:
            text = retail_text(gen, "query" if gen.random() < 0.5 else "description")
            text = " " + text if gen.random() < 0.7 else text
            duration = len(text.split()) / gen.uniform(110.0, 190.0) * 60 + gen.uniform(0.2, 1.0)
        items.append({"id": f"{prefix}-{number}", "text": text, "duration_s": round(duration, 2)})
    return items


def _tied_transcripts(gen: np.random.Generator) -> tuple[list[dict[str, Any]], int]:
    """Transcripts where three terms tie for second place and appear in reverse alphabetical order."""
    terms = sorted(str(t) for t in gen.choice(TIE_TERMS, size=5, replace=False))
    top, tied, last = terms[4], sorted(terms[1:4], reverse=True), terms[0]
    mentions = [*tied, *tied, top, top, top, last]  # first appearances: ties in reverse alphabetical order
    sentences = [str(gen.choice(TIE_TEMPLATES)).format(t.capitalize() if gen.random() < 0.3 else t) for t in mentions]
    items = []
    for i in range(0, len(sentences), 3):
        text = " " + " ".join(sentences[i : i + 3])
        items.append({"id": f"call-{i // 3 + 1}", "text": text, "duration_s": round(len(text.split()) / 2.5, 2)})
    return items, 3


def _terms(text: str) -> list[str]:
    tokens = (token.lower().strip(string.punctuation) for token in text.split())
    return [t for t in tokens if t and t not in STOP_WORDS]


def _truth(transcripts: list[dict[str, Any]], top_k: int) -> dict[str, Any]:
    rows = []
    counts: Counter[str] = Counter()
    for item in transcripts:
        words = len(item["text"].split())
        characters = len(item["text"].strip())
        rate = words / (item["duration_s"] / 60)
        rows.append({"id": item["id"], "words": words, "characters": characters, "words_per_minute": rate})
        counts.update(_terms(item["text"]))
    total_words = sum(r["words"] for r in rows)
    total_duration = float(sum(item["duration_s"] for item in transcripts))
    return {
        "count": len(rows),
        "total_words": total_words,
        "total_characters": sum(r["characters"] for r in rows),
        "total_duration_s": total_duration,
        "words_per_minute": total_words / (total_duration / 60),
        "per_transcript": rows,
        "top_terms": [(term, n) for term, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top_k]],
    }


# --------------------------------------------------------------------------- helpers


def _report(transcripts: list[dict[str, Any]], top_k: int) -> Returned:
    """Call the learner's transcription_report and check it is a dict with the stated keys."""
    returned = call(learner_function(FILE, "transcription_report"), transcripts, top_k=top_k)
    expect(isinstance(returned.value, dict), returned, f"expected a dict, got {type(returned.value).__name__}")
    keys = sorted(str(k) for k in dict.keys(returned.value))
    expect_equal(Returned(keys, returned.call + ".keys()"), sorted([*KEYS, "top_terms"]))
    return returned


def _part(returned: Returned, keys: tuple[str, ...]) -> Returned:
    """The learner's report restricted to `keys` (already checked to exist)."""
    part = {k: dict.__getitem__(returned.value, k) for k in keys}
    shown = ", ".join(repr(k) for k in keys)
    return Returned(part, f"{returned.call} -> keys {shown}")


def _inputs_note(transcripts: list[dict[str, Any]]) -> str:
    first = transcripts[0]
    return f"{len(transcripts)} transcripts; the first: {first!r}"


# --------------------------------------------------------------------------- report tests


@hint(1)
def test_report_has_the_stated_keys():
    gen = rng()
    _report(_transcripts(gen), int(gen.integers(3, 7)))


@hint(1)
def test_counts_words_and_characters():
    gen = rng()
    transcripts, top_k = _transcripts(gen), int(gen.integers(3, 7))
    truth = _truth(transcripts, top_k)
    keys = ("count", "total_words", "total_characters", "total_duration_s")
    expected = {k: truth[k] for k in keys}
    expect_equal(_part(_report(transcripts, top_k), keys), expected, rel_tol=REL_TOL, note=_inputs_note(transcripts))


@hint(1)
def test_per_transcript_rows():
    gen = rng()
    transcripts, top_k = _transcripts(gen), int(gen.integers(3, 7))
    truth = _truth(transcripts, top_k)
    returned = _part(_report(transcripts, top_k), ("per_transcript",))
    expect_equal(returned, {"per_transcript": truth["per_transcript"]}, rel_tol=REL_TOL, note=_inputs_note(transcripts))


@hint(1)
def test_overall_words_per_minute():
    gen = rng()
    transcripts, top_k = _transcripts(gen), int(gen.integers(3, 7))
    truth = _truth(transcripts, top_k)
    note = (
        f"total_words={truth['total_words']}, total_duration_s={truth['total_duration_s']:.2f}: "
        "words per MINUTE over all transcripts, not the mean of the per-transcript rates"
    )
    returned = _part(_report(transcripts, top_k), ("words_per_minute",))
    expect_equal(returned, {"words_per_minute": truth["words_per_minute"]}, rel_tol=REL_TOL, note=note)


@hint(2)
def test_top_terms():
    gen = rng()
    transcripts, top_k = _transcripts(gen), int(gen.integers(3, 7))
    truth = _truth(transcripts, top_k)
    returned = _part(_report(transcripts, top_k), ("top_terms",))
    note = (
        f"top_k={top_k}; terms are lower-cased and stripped of punctuation, stop words dropped; "
        f"{_inputs_note(transcripts)}"
    )
    expect_equal(returned, {"top_terms": truth["top_terms"]}, note=note)


@hint(2)
def test_ties_are_broken_alphabetically():
    transcripts, top_k = _tied_transcripts(rng())
    truth = _truth(transcripts, top_k)
    texts = " | ".join(t["text"].strip() for t in transcripts)
    note = f"top_k={top_k}; texts: {texts}; terms with equal counts go in alphabetical order"
    returned = _part(_report(transcripts, top_k), ("top_terms",))
    expect_equal(returned, {"top_terms": truth["top_terms"]}, note=note)


# --------------------------------------------------------------------------- plot tests


class _Plot:
    """The learner's figure for a fresh report, and what the grader reads from it."""

    def __init__(self):
        gen = rng()
        transcripts = _transcripts(gen)
        self.truth = _truth(transcripts, 5)
        self.ids = [r["id"] for r in self.truth["per_transcript"]]
        self.words = [float(r["words"]) for r in self.truth["per_transcript"]]
        self.mean = self.truth["total_words"] / self.truth["count"]
        self.path = output_path(f"lengths-{int(gen.integers(100, 1000))}.png")
        self.returned = call(learner_function(FILE, "plot_lengths"), self.truth, str(self.path))
        self.note = f"ids={self.ids}, words={[int(w) for w in self.words]}, mean={self.mean:.4g}"
        fig = self.returned.value
        expect(isinstance(fig, Figure), self.returned, f"expected a matplotlib Figure, got {type(fig).__name__}")
        axes = list(fig.axes)
        expect(len(axes) == 1, self.returned, f"expected exactly one Axes, the figure has {len(axes)}", self.note)
        self.ax = axes[0]
        try:
            fig.canvas.draw()
        except Exception as exc:  # noqa: BLE001 - a broken figure is the learner's failure
            expect(False, self.returned, f"drawing the returned figure raised {type(exc).__name__}: {exc}")

    def check(self, condition: bool, problem: str) -> None:
        expect(condition, self.returned, problem, self.note)


@hint(3)
def test_plot_bars_are_words_per_transcript():
    plot = _Plot()
    bars = [c for c in plot.ax.containers if isinstance(c, BarContainer)]
    plot.check(len(bars) == 1, f"expected one bar chart (ax.bar) on the Axes, found {len(bars)} bar containers")
    heights = [float(p.get_height()) for p in bars[0].patches]
    plot.check(
        len(heights) == len(plot.words) and np.allclose(heights, plot.words, rtol=0, atol=1e-6),
        f"bar heights {heights} differ from the words per transcript {plot.words}",
    )


@hint(3)
def test_plot_tick_labels_are_the_ids():
    plot = _Plot()
    labels = [t.get_text() for t in plot.ax.get_xticklabels()]
    plot.check(labels == plot.ids, f"x tick labels {labels} differ from the transcript ids {plot.ids}")


@hint(3)
def test_plot_has_a_line_at_the_mean():
    plot = _Plot()
    levels = []
    for line in plot.ax.get_lines():
        y = np.asarray(line.get_ydata(), dtype=float)
        if y.size and np.allclose(y, y[0], rtol=0, atol=1e-9):
            levels.append(float(y[0]))
    plot.check(
        any(abs(level - plot.mean) <= 1e-6 for level in levels),
        f"no horizontal line at the mean words per transcript {plot.mean:.6g} (horizontal lines found at {levels})",
    )


@hint(3)
def test_plot_labels_and_title():
    plot = _Plot()
    ylabel, title = plot.ax.get_ylabel(), plot.ax.get_title()
    plot.check("words" in ylabel.lower(), f"the y-axis label {ylabel!r} does not contain 'words'")
    plot.check(bool(title.strip()), "the Axes has no title")


@hint(3)
def test_plot_is_saved_as_png():
    plot = _Plot()
    path = fetch_output(plot.path) or plot.path
    plot.check(path.is_file(), f"no file was written at {plot.path.name} (the path argument)")
    head = path.read_bytes()[:8]
    plot.check(head == PNG_SIGNATURE, f"{plot.path.name} is not a PNG file (it starts with {head!r})")
    try:
        image = matplotlib.image.imread(path)
    except Exception as exc:  # noqa: BLE001 - an unreadable file is the learner's failure
        plot.check(False, f"{plot.path.name} cannot be read back as an image: {exc}")
    plot.check(
        image.ndim == 3 and image.shape[0] >= 100 and image.shape[1] >= 100,
        f"{plot.path.name} is an image of shape {image.shape}; expected at least 100 x 100 pixels",
    )
