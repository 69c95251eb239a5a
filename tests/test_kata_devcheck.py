"""`interview-prep dev check` for katas: all shipped content passes; each violation is named."""

from __future__ import annotations

import shutil

import pytest
from kata_helpers import demo_content

from interview_prep.cli import main
from interview_prep.kata.devcheck import check_kata_grading, check_kata_recipe, check_katas


def test_all_shipped_katas_pass_dev_check(capsys):
    """CI gate: every kata is complete and planned, every starter fails and every solution passes."""
    checks = ("katas", "kata-recipe", "kata-graders", "plan")
    code = main(["dev", "check", *(arg for name in checks for arg in ("--only", name))])
    out = capsys.readouterr().out
    assert code == 0, out


@pytest.mark.models
def test_model_backed_katas_pass_dev_check(capsys):
    code = main(["dev", "check", "--only", "kata-graders-models"])
    out = capsys.readouterr().out
    assert code == 0, out


def test_demo_content_is_clean(tmp_path):
    root = demo_content(tmp_path)
    assert check_katas(root) == []
    assert check_kata_grading(root) == []


def test_each_broken_rule_is_named(tmp_path):
    root = demo_content(tmp_path)
    ctc = root / "katas" / "asr" / "03-ctc-greedy-decode"
    wer = root / "katas" / "asr" / "04-wer"
    # a starter that already passes, and a solution that does not (and imports a test-only package)
    shutil.copy(root / "solutions" / "asr" / "04-wer" / "word_error_rate.py", wer / "word_error_rate.py")
    (root / "solutions" / "asr" / "03-ctc-greedy-decode" / "ctc_decode.py").write_text(
        "def greedy_decode(logits, vocab, blank=0):\n    import faster_whisper  # noqa: F401\n    return ''\n"
    )
    (ctc / "notes.txt").write_text("stray")
    statement = ctc / "README.md"
    statement.write_text(statement.read_text().replace("greedy_decode", "the function"))
    # a second kata numbered 04 in the same track, with an empty hint and no grader
    clone = root / "katas" / "asr" / "04-wer-again"
    shutil.copytree(wer, clone)
    yaml_text = (clone / "kata.yaml").read_text().replace("id: asr-04-wer", "id: asr-04-wer-again")
    (clone / "kata.yaml").write_text(yaml_text.replace("hints:\n  - >-", "hints:\n  - ''\n  - >-", 1))

    static = [str(v) for v in check_katas(root)]
    hint_line = next(i for i, line in enumerate((clone / "kata.yaml").read_text().splitlines(), 1) if "- ''" in line)
    expected = [
        "katas/asr/03-ctc-greedy-decode/notes.txt: stray file",
        "katas/asr/03-ctc-greedy-decode/README.md: the statement never names the graded function greedy_decode()",
        "solutions/asr/03-ctc-greedy-decode/ctc_decode.py: reference solution imports faster_whisper, which the "
        "app's install does not provide",
        f"katas/asr/04-wer-again/kata.yaml:{hint_line}: hints.0: String should have at least 1 character",
    ]
    for fragment in expected:
        assert any(fragment in v for v in static), (fragment, static)

    # fix the catalog problem to see the number clash, the missing grader and a warm-up module not installed
    (clone / "kata.yaml").write_text(yaml_text.rstrip("\n") + "\nwarm_imports: [no_such_library.spectral]\n")
    static = [str(v) for v in check_katas(root)]
    assert any("04-wer-again: warm_imports names no_such_library.spectral, which is not installed" in v
               for v in static), static
    assert any("katas/asr: number 04 is used by 2 katas" in v for v in static), static
    assert any("04-wer-again: no grader: expected graders/asr/test_04_wer_again.py" in v for v in static), static
    assert any("solutions/asr/04-wer-again/word_error_rate.py: reference solution file is missing" in v for v in static)

    graded = [str(v) for v in check_kata_grading(root)]
    assert any("katas/asr/04-wer: the starter passes its grader" in v for v in graded), graded
    assert any(
        "solutions/asr/03-ctc-greedy-decode: the reference solution does not pass: test_" in v for v in graded
    ), graded


def test_every_kata_has_two_wrong_variants_graded():
    """Curriculum rule: each kata's suite proves >= 2 plausible wrong solutions fail.

    Variants live in tests/fixtures/wrong_variants/<kata id>/<variant>/ (test_katas_*.py) or, for the
    engine's demo katas, in the golden cases tests/fixtures/grading_cases/<case>/expected.json.
    """
    import json
    from pathlib import Path

    from interview_prep.kata.catalog import load_catalog

    fixtures = Path(__file__).parent / "fixtures"
    wrong: dict[str, int] = {}
    for folder in (fixtures / "wrong_variants").glob("*/*"):
        wrong[folder.parent.name] = wrong.get(folder.parent.name, 0) + 1
    for expected in (fixtures / "grading_cases").glob("*/expected.json"):
        case = json.loads(expected.read_text())
        if case["status"] == "fail" and not expected.parent.name.startswith(("cheat_", "error_")):
            wrong[case["kata"]] = wrong.get(case["kata"], 0) + 1
    short = {k.id: wrong.get(k.id, 0) for k in load_catalog() if wrong.get(k.id, 0) < 2}
    assert not short, f"katas with fewer than 2 wrong variants: {short}"


def test_the_recipe_check_names_the_missing_piece_and_the_file_to_add(tmp_path):
    """A new kata without wrong variants or a README row: each missing piece is named with its file."""
    root = demo_content(tmp_path)
    (root / "tests" / "fixtures" / "wrong_variants" / "asr-03-ctc-greedy-decode" / "off_by_one").mkdir(parents=True)
    (root / "README.md").write_text("| 1 | `asr-03-ctc-greedy-decode` | Greedy CTC decoding | - |\n")
    messages = [str(v) for v in check_kata_recipe(root)]
    assert any("asr-03-ctc-greedy-decode has 1 wrong variant(s), needs 2" in m for m in messages), messages
    assert any("asr-04-wer has 0 wrong variant(s)" in m and "tests/fixtures/wrong_variants/asr-04-wer/<variant>/"
               "word_error_rate.py" in m for m in messages), messages
    assert any(m.startswith("README.md: the kata table has no row for asr-05-transcribe-queries") for m in messages)
    assert not any("no row for asr-03" in m for m in messages)
    assert check_kata_recipe(tmp_path / "nothing") == []  # installed content: nothing to check
