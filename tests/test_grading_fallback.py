"""The unconfined fallback (macOS, no user namespaces; forced here with INTERVIEW_PREP_UNCONFINED):
still two processes, so the attacks on the verdict and the grader's memory fail; results say so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from kata_helpers import demo_catalog

from interview_prep.kata.sandbox import confine
from interview_prep.kata.sandbox.runner import grade

FIXTURES = Path(__file__).parent / "fixtures" / "grading_cases"
# attacks on the verdict and on the grader's process: the second process alone defeats them
CASES = ("attack_gc_forgery", "attack_frame_walk", "attack_session_class", "attack_indirect_library",
         "cheat_forge_results_file", "cheat_patch_grader", "cheat_register_plugin", "cheat_os_exit_call")


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    return demo_catalog(tmp_path_factory.mktemp("content"))


@pytest.fixture
def unconfined(monkeypatch):
    monkeypatch.setenv(confine.FORCE_UNCONFINED_ENV, "1")
    confine.probe.cache_clear()
    yield
    confine.probe.cache_clear()


@pytest.mark.parametrize("case", CASES)
def test_attacks_on_the_verdict_fail_without_confinement_too(case, catalog, tmp_path, unconfined):
    expected = json.loads((FIXTURES / case / "expected.json").read_text())
    kata = catalog.get(expected["kata"])
    folder = tmp_path / "solution"
    folder.mkdir()
    for name in kata.files:
        shutil.copy(FIXTURES / case / name, folder / name)
    results = grade(kata, folder, seed=1234)
    data = results.to_dict()
    assert data["status"] == expected["status"], json.dumps(data, indent=1)[:3000]
    assert data["sandbox"] == f"NOT confined: {confine.FORCE_UNCONFINED_ENV} is set"
