"""Plausible wrong solutions of the ASR katas 01, 02, 06, 07, 08 and 22-24 fail their graders helpfully.

Each variant in tests/fixtures/wrong_variants/<kata-id>/<variant>/ is graded by the real runner
(sandboxed subprocess; real Whisper, TTS and Silero VAD for the model-backed katas). The
test asserts the run fails and that a failing test's message holds the fragment that
points the learner to the mistake.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from interview_prep.kata.catalog import load_catalog

FIXTURES = Path(__file__).parent / "fixtures" / "wrong_variants"
SEED = 20240606
KATAS = (
    "asr-01-load-audio",
    "asr-02-log-mel",
    "asr-06-long-form",
    "asr-07-vad-gate",
    "asr-08-transcription-report",
    "asr-22-streaming",
    "asr-23-vocabulary-biasing",
    "asr-24-intent-routing",
)
# Katas whose reference solution is also graded at another seed here (and the starter once).
# asr-22 and asr-23 are not: their references are measured at many seeds by benchmarks (see
# test_streaming_reference_passes_at_every_measured_seed and test_vocabulary_biasing_bank_...).
REFERENCE_KATAS = ("asr-24-intent-routing",)
STARTER_KATAS = ("asr-22-streaming", "asr-24-intent-routing")
REFERENCE_SEEDS = (1,)  # and seed 0 in the dev check test (test_kata_devcheck): two seeds in all


def _case(kata_id: str, variant: str, fragment: str, *, models: bool = False, status: str = "fail"):
    marks = [pytest.mark.models] if models else []
    return pytest.param(kata_id, variant, fragment, status, id=f"{kata_id}/{variant}", marks=marks)


CASES = [
    _case("asr-01-load-audio", "no_resample", "not resampled to 16000 Hz"),
    _case("asr-01-load-audio", "first_channel", "stereo, different tones per channel"),
    _case("asr-01-load-audio", "linear_interp", "slicing and linear interpolation do not"),
    _case("asr-01-load-audio", "no_error_handling", "raised LibsndfileError, expected ValueError"),
    _case("asr-02-log-mel", "symmetric_window", "symmetric Hann window"),
    _case("asr-02-log-mel", "keep_last_frame", "expected (80, 3000), got (80, 3001)"),
    _case("asr-02-log-mel", "no_clamp", "without the clamp to max - 8"),
    _case("asr-02-log-mel", "librosa_zero_padding", "torch.stft(center=True) reflects"),
    _case("asr-06-long-form", "chunked_30s", "segments must be sentence-sized", models=True),
    _case("asr-06-long-form", "one_segment", "segments must be sentence-sized", models=True),
    _case("asr-06-long-form", "no_resample", "Whisper needs 16000 Hz, resample it first", models=True),
    _case("asr-06-long-form", "rescaled_times", "of the moment their first word is spoken", models=True),
    _case("asr-06-long-form", "window_offset_lost", "of the moment their first word is spoken", models=True),
    _case("asr-07-vad-gate", "no_gate", "Whisper hallucinates on non-speech", models=True),
    _case("asr-07-vad-gate", "energy_gate", "Whisper hallucinates on non-speech", models=True),
    _case("asr-07-vad-gate", "first_segment_only", "the gate lost words", models=True),
    _case("asr-08-transcription-report", "most_common_ties", "terms with equal counts go in alphabetical order"),
    _case("asr-08-transcription-report", "mean_of_rates", "not the mean of the per-transcript rates"),
    _case("asr-08-transcription-report", "no_punctuation_strip", "stripped of punctuation"),
    _case("asr-08-transcription-report", "plot_characters", "differ from the words per transcript"),
    _case("asr-08-transcription-report", "plot_not_saved", "no file was written"),
    _case("asr-22-streaming", "commit_every_decode", "committed text was retracted", models=True),
    _case("asr-22-streaming", "commit_at_end", "s after they were spoken", models=True),
    _case("asr-23-vocabulary-biasing", "no_prompt", "fewer than without a prompt", models=True),
    _case("asr-23-vocabulary-biasing", "wrong_words", "fewer than without a prompt", models=True),
    _case("asr-24-intent-routing", "no_unknown", "were forced into an intent", models=True),
    _case("asr-24-intent-routing", "exact_keywords", "match more than the exact words of the examples", models=True),
]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize(("kata_id", "variant", "fragment", "status"), CASES)
def test_wrong_solution_fails_helpfully(catalog, warm_grade, kata_id: str, variant: str, fragment: str, status: str):
    kata = catalog.get(kata_id)
    source = FIXTURES / kata_id / variant
    assert (source / kata.files[0]).is_file(), f"missing fixture {source}"
    results = warm_grade(kata, source, seed=SEED)
    messages = [t.message or "" for t in results.tests if t.status != "pass"] + [results.message or ""]
    assert results.status == status, f"{kata_id}/{variant} graded {results.status}: {messages}"
    assert any(fragment in m for m in messages), f"no failure message mentions {fragment!r}: {messages}"


def test_every_fixture_is_graded():
    """No fixture folder of these katas is forgotten in CASES."""
    listed = {(p.values[0], p.values[1]) for p in CASES}
    on_disk = {(d.parent.name, d.name) for kata in KATAS for d in (FIXTURES / kata).iterdir() if d.is_dir()}
    assert on_disk == listed


def _benchmark_result(name: str, *required: str) -> dict:
    """benchmarks/results/<name>.json, checked to be for the files it was measured on: their digests
    name at least `required` and match the files as they are now."""
    root = Path(__file__).resolve().parents[1]
    result = json.loads((root / "benchmarks" / "results" / f"{name}.json").read_text())
    assert set(required) <= set(result["digests"])
    for path, digest in result["digests"].items():
        assert hashlib.sha256((root / path).read_bytes()).hexdigest() == digest, \
            f"{path} changed: rerun benchmarks/{name}.py"
    return result


def test_vocabulary_biasing_bank_passes_the_reference_at_every_seed():
    """asr-23's reference is graded at seed 0 only (dev check). Every seed draws its clips from one
    bank (22 queries, 17 announcements): benchmarks/vocabulary_biasing_bank.py transcribes them all
    as a run does and applies each test's rule to every draw a seed can make. The committed result
    must be for this grader, its announcements and this reference (by digest), and fail no draw."""
    bank = _benchmark_result("vocabulary_biasing_bank", "src/interview_prep/graders/asr/test_23_vocabulary_biasing.py",
                             "solutions/asr/23-vocabulary-biasing/vocabulary_biasing.py")
    assert bank["draws"] == {"test_catalogue_prompt_fixes_product_names": 462 * 32,
                             "test_names_come_from_the_catalogue_given": 22,
                             "test_general_speech_does_not_get_worse": 680}
    assert set(bank["failing_draws"].values()) == {0}, bank["failing_draws"]


def test_streaming_reference_passes_at_every_measured_seed():
    """asr-22's reference is graded at seed 0 only (dev check): each seed builds another call, and
    benchmarks/streaming_seeds.py grades the reference at 40 seeds through the app's engine. The
    committed result must be for this grader, its sentences and this reference (by digest), and
    fail no seed (with the grader's first limit of 7 s on a word's commit delay it failed 5 of 40)."""
    measured = _benchmark_result("streaming_seeds", "src/interview_prep/graders/asr/test_22_streaming.py",
                                 "solutions/asr/22-streaming/streaming.py")
    assert measured["seeds"] >= 40 and set(measured["runs"]) == {str(n) for n in range(1, measured["seeds"] + 1)}
    assert measured["failing_seeds"] == [] and {run["status"] for run in measured["runs"].values()} == {"pass"}


@pytest.mark.models
@pytest.mark.parametrize("seed", REFERENCE_SEEDS)
@pytest.mark.parametrize("kata_id", REFERENCE_KATAS)
def test_reference_solution_passes_at_another_seed(catalog, warm_grade, kata_id: str, seed: int):
    kata = catalog.get(kata_id)
    results = warm_grade(kata, kata.solution_dir, seed=seed)
    summary = [f"{t.name}: {t.status} {t.message or ''}" for t in results.tests]
    assert results.status == "pass", f"{kata_id} at seed {seed}: {results.message or ''} {summary}"


@pytest.mark.models
@pytest.mark.parametrize("kata_id", STARTER_KATAS)
def test_starter_fails(catalog, warm_grade, kata_id: str):
    kata = catalog.get(kata_id)
    results = warm_grade(kata, kata.dir, seed=SEED)
    assert results.status == "fail", f"{kata_id} starter graded {results.status}: {results.message}"
    assert all(t.status != "pass" for t in results.tests), [t.name for t in results.tests if t.status == "pass"]
