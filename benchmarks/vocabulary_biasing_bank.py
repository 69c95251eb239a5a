"""Whether the asr-23 grader passes its reference solution at every seed, from its whole bank.

Every run of the grader draws from a finite bank: 5 of the 11 brand queries (each in one of
2 spoken variants), 1 of those 22 clips with its brand left out of the catalogue, and 3 of
the 17 announcements. This transcribes every clip of the bank once, as a run would (the
reference solution with the catalogue, with the brand left out, and the stock pipeline
without a prompt; one torch thread), then applies each test's rule to every draw a seed
can make:

- 462 brand choices x 32 variant choices: at most MAX_MISSED brands missed and at least
  MIN_FIXED fewer than the unprompted pipeline;
- 22 left-out queries: the brand left out is not spelled;
- 680 announcement triples: corpus WER at most MAX_GENERAL_WORSE above the unprompted one.

Prints each clip's outcome and the failing draws per test; writes
benchmarks/results/vocabulary_biasing_bank.json with digests of the grader, its announcements
and the reference solution, so a test can tell when the result is out of date.

    python benchmarks/vocabulary_biasing_bank.py
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
from interview_prep.kata.sandbox.confine import ONE_THREAD  # noqa: E402

os.environ.update(ONE_THREAD)  # as in a grading run

import jiwer  # noqa: E402

from interview_prep.audio.speech import normalize_text  # noqa: E402
from interview_prep.graders.asr import _announcements  # noqa: E402
from interview_prep.graders.asr import test_23_vocabulary_biasing as grader  # noqa: E402

SOLUTION = ROOT / "solutions" / "asr" / "23-vocabulary-biasing" / "vocabulary_biasing.py"
RESULT = ROOT / "benchmarks" / "results" / "vocabulary_biasing_bank.json"


def digests() -> dict[str, str]:
    """sha256 of each file the result depends on (grader, its announcements, the reference), by path."""
    files = (Path(grader.__file__), Path(_announcements.__file__), SOLUTION)
    return {str(path.resolve().relative_to(ROOT)): hashlib.sha256(path.read_bytes()).hexdigest() for path in files}


def _solution():
    spec = importlib.util.spec_from_file_location("vocabulary_biasing_reference", SOLUTION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.transcribe_with_catalog


def _errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(word errors, reference words) of one transcript, normalized as the grader does."""
    out = jiwer.process_words(normalize_text(reference), normalize_text(hypothesis) or "<empty>")
    return out.substitutions + out.deletions + out.insertions, out.hits + out.substitutions + out.deletions


def main() -> int:
    transcribe = _solution()
    queries = {}
    for index, variant in itertools.product(sorted(grader.BRANDS), (0, 1)):
        audio, said = grader._clip(index, variant)
        brand = grader._key(grader.BRANDS[index])
        left_out = tuple(name for i, name in enumerate(grader.CATALOG) if i != index)
        row = {"said": said,
               "prompted": transcribe(audio, grader.RATE, list(grader.CATALOG)),
               "unprompted": grader._baseline(audio),
               "left_out": transcribe(audio, grader.RATE, list(left_out))}
        row |= {f"{kind}_right": brand in grader._key(row[kind]) for kind in ("prompted", "unprompted", "left_out")}
        queries[f"{index}/{variant}"] = row
        print(f"{said!r}: prompted {row['prompted']!r} ({row['prompted_right']}), unprompted "
              f"{row['unprompted']!r} ({row['unprompted_right']}), left out {row['left_out']!r}", flush=True)
    general = {}
    for index in grader.GENERAL:
        audio, said = _announcements.spoken(index), _announcements.SENTENCES[index]
        mine, plain = transcribe(audio, grader.RATE, list(grader.CATALOG)), grader._baseline(audio)
        general[str(index)] = {"said": said, "prompted": mine, "unprompted": plain,
                               "prompted_errors": _errors(said, mine), "unprompted_errors": _errors(said, plain)}
        print(f"announcement {index}: errors prompted {general[str(index)]['prompted_errors']}, unprompted "
              f"{general[str(index)]['unprompted_errors']}", flush=True)

    brand_draws = brand_fails = 0
    for chosen in itertools.combinations(sorted(grader.BRANDS), grader.CLIPS_PER_RUN):
        for variants in itertools.product((0, 1), repeat=grader.CLIPS_PER_RUN):
            rows = [queries[f"{i}/{v}"] for i, v in zip(chosen, variants, strict=True)]
            mine = sum(not r["prompted_right"] for r in rows)
            base = sum(not r["unprompted_right"] for r in rows)
            brand_draws += 1
            brand_fails += not (mine <= grader.MAX_MISSED and base - mine >= grader.MIN_FIXED)
    absent_fails = sum(r["left_out_right"] for r in queries.values())
    general_draws = general_fails = 0
    for chosen in itertools.combinations(grader.GENERAL, grader.GENERAL_PER_RUN):
        rows = [general[str(i)] for i in chosen]
        words = sum(r["prompted_errors"][1] for r in rows)
        wer = sum(r["prompted_errors"][0] for r in rows) / words
        baseline = sum(r["unprompted_errors"][0] for r in rows) / words
        general_draws += 1
        general_fails += wer > baseline + grader.MAX_GENERAL_WORSE
    report = {
        "digests": digests(),
        "draws": {"test_catalogue_prompt_fixes_product_names": brand_draws,
                  "test_names_come_from_the_catalogue_given": len(queries),
                  "test_general_speech_does_not_get_worse": general_draws},
        "failing_draws": {"test_catalogue_prompt_fixes_product_names": brand_fails,
                          "test_names_come_from_the_catalogue_given": absent_fails,
                          "test_general_speech_does_not_get_worse": general_fails},
        "queries": queries,
        "announcements": general,
    }
    for test, draws in report["draws"].items():
        print(f"{test}: {report['failing_draws'][test]} of {draws} draws fail the reference")
    RESULT.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
