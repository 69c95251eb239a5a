"""Every figure the question bank attributes to this project comes from a committed benchmark.

`benchmarks/quiz_figures.py` writes `benchmarks/results/quiz_figures.json`; each entry of
FIGURES finds a figure in the bank and compares it with that file. A question that
attributes a measurement to this project ("this project's benchmark", "measured locally",
"the project measured", "PoC", ...) must be listed here, so a figure cannot enter the bank
without a result file behind it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from quiz_facts import BANK_FILES, load_questions

QUESTIONS = load_questions(BANK_FILES)
RESULTS_FILE = Path(__file__).resolve().parents[1] / "benchmarks" / "results" / "quiz_figures.json"
RESULTS = json.loads(RESULTS_FILE.read_text(encoding="utf-8"))
ATTRIBUTION = re.compile(
    r"project's benchmark|project measured|project's (?:own )?measurements?|measured locally|local test"
    r"|\bPoC\b|we measured|our (?:benchmark|measurement)",
    re.IGNORECASE,
)
NUMBER = r"(\d+(?:\.\d+)?)"


def _text(qid: str) -> str:
    q = QUESTIONS[qid]
    parts = [q["prompt"], q["explanation"], q.get("model_answer", "")]
    for choice in q.get("choices", []):
        parts += [choice["text"], choice["why"]]
    return " ".join(" ".join(parts).split())


def _percent(value: float) -> float:
    return round(100 * value, 1)


ASR, TTS = RESULTS["asr"], RESULTS["tts"]
BENCHMARK = RESULTS_FILE.parents[1] / "quiz_figures.py"


def _noise_seconds() -> int:
    """Length of the benchmark's noise clip, read from the script that wrote the results."""
    return int(float(re.search(r"^NOISE_SECONDS = (\S+)$", BENCHMARK.read_text(encoding="utf-8"), re.M)[1]))


BEAM = rf"5 beams took {NUMBER}x the greedy time per utterance"
FP16 = rf"{NUMBER}x (?:slower in fp16|for Whisper tiny\.en in this project's benchmark)"

# (question, pattern whose groups are the bank's figures, the figures from the results file)
FIGURES: list[tuple[str, str, Callable[[], tuple]]] = [
    (
        "retail-price-announcement",
        rf"cut the normalized round-trip WER from {NUMBER}% to {NUMBER}%",
        lambda: (_percent(TTS["round_trip_wer"]["raw"]), _percent(TTS["round_trip_wer"]["spelled_out"])),
    ),
    ("retail-price-announcement", r"\b(six) price sentences", lambda: ({6: "six"}.get(TTS["sentences"]),)),
    ("asr-beam-vs-greedy", BEAM, lambda: (ASR["beam5_over_greedy"],)),
    ("pipe-num-beams-default", BEAM, lambda: (ASR["beam5_over_greedy"],)),
    ("dep-size-latency-tradeoff", BEAM, lambda: (ASR["beam5_over_greedy"],)),
    ("dep-fp16-on-cpu", FP16, lambda: (ASR["fp16_over_fp32"],)),
    ("pipe-dtype-default", FP16, lambda: (ASR["fp16_over_fp32"],)),
    (
        "dep-ctranslate2-why-faster",
        rf"same normalized text for {NUMBER} of {NUMBER} utterances",
        lambda: (ASR["faster_whisper_same_text"], ASR["utterances"]),
    ),
    (
        "dep-streaming-design",
        r'transcribes (\d+) s of white noise as "([^"]+)"',
        lambda: (_noise_seconds(), ASR["noise_transcript"]),
    ),
]


def _same(stated: str, measured: object) -> bool:
    if isinstance(measured, int | float) and not isinstance(measured, bool):
        return float(stated) == pytest.approx(round(float(measured), 1), abs=1e-9)
    return stated == measured


@pytest.mark.parametrize(("qid", "pattern", "measured"), FIGURES, ids=[f"{f[0]}:{f[1][:24]}" for f in FIGURES])
def test_bank_figure_matches_results_file(qid, pattern, measured):
    match = re.search(pattern, _text(qid))
    assert match, f"{qid} no longer states {pattern!r}"
    expected = measured()
    assert all(_same(s, m) for s, m in zip(match.groups(), expected, strict=True)), (
        f"{qid} says {match.groups()}, {RESULTS_FILE.name} has {expected}"
    )


def test_every_project_attributed_figure_is_checked():
    attributed = {qid for qid in QUESTIONS if ATTRIBUTION.search(_text(qid))}
    checked = {qid for qid, _, _ in FIGURES}
    assert attributed <= checked, f"figures attributed to the project without a check: {sorted(attributed - checked)}"


def test_results_file_was_written_by_the_benchmark():
    assert RESULTS["script"] == "benchmarks/quiz_figures.py"
    assert BENCHMARK.is_file()
    assert {"asr", "tts", "versions", "machine"} <= set(RESULTS)
