"""TTS katas (09-14, 26): plausible wrong solutions fail with a helpful message, through the real runner.

Each variant lives in `tests/fixtures/wrong_variants/<kata id>/<variant>/` and is graded exactly as a
learner's files would be (`kata.runner.grade`, sandboxed subprocess). A wrong variant must
make the named test fail with a message holding every fragment; a correct alternative
(another valid way to solve the kata) must pass, which proves the statement's tolerances.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interview_prep.kata.catalog import load_catalog

FIXTURES = Path(__file__).parent / "fixtures" / "wrong_variants"
SEED = 1234
MODELS = pytest.mark.models

# (kata id, variant, failing test or None for a correct alternative, fragments of its message)
CASES = [
    # 09: text normalization (tables model-free; the grader also loads TTS and ASR for its round trip)
    pytest.param("tts-09-normalize-text", "and_in_numbers", "test_plain_numbers", ["one hundred five", "hint 1"],
                 marks=MODELS),
    pytest.param("tts-09-normalize-text", "zero_cents_spoken", "test_prices", ["zero cents", "hint 2"], marks=MODELS),
    pytest.param("tts-09-normalize-text", "minutes_without_oh", "test_times", ["nine oh five", "hint 3"],
                 marks=MODELS),
    # 10: synthesize
    pytest.param("tts-10-synthesize", "no_seed", "test_same_seed_gives_the_same_audio",
                 ["gave different audio", "seed torch right before every pipeline call"], marks=MODELS),
    pytest.param("tts-10-synthesize", "seed_at_import", "test_same_seed_gives_the_same_audio",
                 ["gave different audio", "hint 2"], marks=MODELS),
    pytest.param("tts-10-synthesize", "resampled_16k", "test_returns_float32_audio_and_its_rate",
                 ["sampling rate 16000", "22050"], marks=MODELS),
    pytest.param("tts-10-synthesize", "shared_pipeline", None, [], marks=MODELS),
    # 11: product catalog
    pytest.param("tts-11-product-catalog", "no_split", "test_one_entry_per_sentence", ["entries for", "sentences"],
                 marks=MODELS),
    pytest.param("tts-11-product-catalog", "split_on_periods", "test_one_entry_per_sentence", ["$", "hint 1"],
                 marks=MODELS),
    pytest.param("tts-11-product-catalog", "duration_at_16k", "test_durations_are_the_files_lengths",
                 ["at 22050 Hz", "tolerance 0.001 s"], marks=MODELS),
    # 12: audio length analysis (model-free)
    ("tts-12-audio-length-analysis", "hardcoded_rate", "test_duration_at_every_rate", ["samples at 8000 Hz", "hint 1"]),
    ("tts-12-audio-length-analysis", "absolute_threshold", "test_silence_of_a_quiet_clip",
     ["leading_silence_s", "peak 0.0", "hint 2"]),
    ("tts-12-audio-length-analysis", "wpm_over_duration", "test_all_zero_clip", ["words_per_minute", "hint 4"]),
    ("tts-12-audio-length-analysis", "frame_based", None, []),
    # 13: fit the slot
    pytest.param("tts-13-fit-the-slot", "truncate", "test_speeds_up_to_fit_a_tight_slot", ["no cutting"],
                 marks=MODELS),
    pytest.param("tts-13-fit-the-slot", "proportional_once", "test_speeds_up_to_fit_a_tight_slot",
                 ["longer than the budget", "not proportional"], marks=MODELS),
    pytest.param("tts-13-fit-the-slot", "clamp_instead_of_error", "test_raises_when_even_the_fastest_rate_is_too_long",
                 ["expected ValueError"], marks=MODELS),
    # 26: announcement with pauses and a slow important part
    pytest.param("tts-26-announcement", "no_pauses", "test_one_stretch_of_speech_per_part",
                 ["parts run into each other", "hint 1"], marks=MODELS),
    pytest.param("tts-26-announcement", "same_rate", "test_important_part_is_slower",
                 ["speaking_rate=0.75", "hint 3"], marks=MODELS),
    # 14: audio length plot (model-free)
    ("tts-14-audio-length-plot", "input_order", "test_bars_go_from_longest_to_shortest",
     ["from the longest to the shortest"]),
    ("tts-14-audio-length-plot", "milliseconds", "test_bar_heights_are_durations_in_seconds", ["milliseconds"]),
    ("tts-14-audio-length-plot", "show_instead_of_save", "test_png_is_saved", ["fig.savefig(out_path)"]),
    ("tts-14-audio-length-plot", "unit_upper_case", None, []),  # passes: '(s)' in any case
]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize(("kata_id", "variant", "failing_test", "fragments"), CASES)
def test_variant(catalog, warm_grade, tmp_path: Path, kata_id: str, variant: str, failing_test: str | None,
                 fragments: list[str]) -> None:
    kata = catalog.get(kata_id)
    source = FIXTURES / kata_id / variant
    workdir = tmp_path / "solution"
    workdir.mkdir()
    for name in kata.files:
        shutil.copy(source / name, workdir / name)

    results = warm_grade(kata, workdir, seed=SEED)

    summary = "\n".join(f"{t.name}: {t.status} {t.message or ''}" for t in results.tests)
    if failing_test is None:
        assert results.status == "pass", f"{variant} should pass:\n{summary}\n{results.message or ''}"
        return
    assert results.status == "fail", f"{variant} should fail (not error):\n{summary}\n{results.message or ''}"
    test = next((t for t in results.tests if t.name == failing_test), None)
    assert test is not None, summary
    assert test.status == "fail", summary
    for fragment in fragments:
        assert fragment in (test.message or ""), f"{failing_test} message lacks {fragment!r}:\n{test.message}"


def test_every_tts_kata_has_at_least_two_wrong_variants(catalog):
    ids = [kata.id for kata in catalog if kata.track == "tts"]
    assert len(ids) == 7
    wrong = {kata_id: 0 for kata_id in ids}
    for case in CASES:
        kata_id, _, failing_test, _ = case.values if hasattr(case, "values") else case
        if failing_test is not None:
            wrong[kata_id] += 1
    assert all(count >= 2 for count in wrong.values()), wrong


REFERENCE_SEEDS = (1,)  # and seed 0 in the dev check test (test_kata_devcheck): two seeds in all


@MODELS
@pytest.mark.parametrize("seed", REFERENCE_SEEDS)
@pytest.mark.parametrize("kata_id", ["tts-26-announcement"])
def test_reference_passes_at_another_seed(catalog, warm_grade, kata_id: str, seed: int) -> None:
    from interview_prep import paths

    kata = catalog.get(kata_id)
    results = warm_grade(kata, paths.solutions_dir() / kata.rel_path, seed=seed)
    summary = "\n".join(f"{t.name}: {t.status} {t.message or ''}" for t in results.tests)
    assert results.status == "pass", f"reference of {kata_id} at seed {seed}:\n{summary}\n{results.message or ''}"


@MODELS
@pytest.mark.parametrize("kata_id", ["tts-26-announcement"])
def test_starter_fails(catalog, warm_grade, kata_id: str) -> None:
    from interview_prep import paths

    kata = catalog.get(kata_id)
    results = warm_grade(kata, paths.katas_dir() / kata.rel_path, seed=SEED)
    assert results.status in ("fail", "error"), [t.status for t in results.tests]
    assert all(t.status != "pass" for t in results.tests), [(t.name, t.status) for t in results.tests]
