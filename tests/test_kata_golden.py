"""Golden-file tests of the kata runner, like Exercism's test-runner examples.

Each `tests/fixtures/grading_cases/<case>/` holds a learner file and `expected.json`:

    {"kata": "<kata id>", "options": {"timeout_s": 4},       # optional grade() overrides
     "models": true,                                          # optional: uses real models
     "status": "pass|fail|error", "message": ["fragment", ...],
     "all_tests": {"status": ..., "message": [...], "output": [...]},   # every test
     "tests": {"<test name>": {"status": ..., "message": [...], "output": [...]}}}

Statuses must match exactly; messages and outputs must contain every fragment (seeds,
timings and array sizes vary, so whole messages are not compared). Tests whose outcome
depends on the random inputs are simply not listed. Every case also checks that the
results are a valid Exercism v3 document, and that the run left nothing behind: the
progress database (held open, as the app does), the package files, the model manifests and
another kata's files are byte-identical, the learner's folder holds nothing new and no
process of the run is alive. `attack_*` cases are a determined learner's attacks, one per
class (memory forgery, frame walking, instance patching, indirect library patching,
reading the solution, persistent tampering, orphans, disk, remounting read-only views).

The cases that probe the engine (attacks, cheats, errors, output floods, leftovers, a pass)
run twice: with the learner worker started, and forked from a worker zygote, as watch, the
TUI and batch grading run model-backed katas. Three attacks target what only forked workers
share: the runs folder (`attack_neighbour_runs`), the mounts that hide it
(`attack_unmount_cover`) and the zygote's memory (`attack_zygote_memory`: forked workers only;
a started worker's one other process is its sandbox's own init, which ends with the run).
Model-backed cases fork their grading process from a zygote (torch and the models loaded), as
the app does; those that check only the grader's messages (not engine cases) fork their worker too.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from kata_helpers import demo_catalog

import interview_prep
from interview_prep import paths
from interview_prep.kata.sandbox import confine
from interview_prep.kata.sandbox.runner import grade
from interview_prep.models import cache

FIXTURES = Path(__file__).parent / "fixtures" / "grading_cases"
CASES = [
    pytest.param(
        p.name, marks=[pytest.mark.models] if json.loads((p / "expected.json").read_text()).get("models") else []
    )
    for p in sorted(FIXTURES.iterdir())
    if (p / "expected.json").is_file()
]
MODELS = {case.values[0]: bool(case.marks) for case in CASES}
SEED = 1234
FORKED_ONLY = ("attack_zygote_memory",)
ENGINE_CASES = ("attack_", "cheat_", "error_", "flood_", "leftover_", "pass")
FORKED_CASES = [case for case in CASES if case.values[0].startswith(ENGINE_CASES)]
#: a forked worker starts with torch and every model loaded (about 1.3 GB of address space)
FORKED_MEMORY_MB = 4096


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    return demo_catalog(tmp_path_factory.mktemp("content"))


def _check_v3(data: dict) -> None:
    assert data["version"] == 3
    assert data["status"] in ("pass", "fail", "error")
    if data["status"] == "error":
        assert data["message"]
    for test in data["tests"]:
        assert set(test) <= {"name", "status", "message", "output", "test_code", "task_id", "evidence"}
        if "evidence" in test:  # the files kept to show a failure: never for a passing test
            assert test["status"] != "pass" and all(Path(p).is_file() for p in test["evidence"]), test
        assert test["status"] in ("pass", "fail", "error")
        assert isinstance(test["name"], str) and test["name"]
        assert len(test.get("output", "")) <= 500
        if test["status"] != "pass":
            assert test.get("message"), test


def _contains(text: str | None, fragments: list[str], what: str) -> None:
    for fragment in fragments:
        assert fragment in (text or ""), f"{what} lacks {fragment!r}:\n{text}"


def _expect_test(test: dict, expected: dict) -> None:
    name = test["name"]
    assert test["status"] == expected["status"], f"{name}: {test['status']} != {expected['status']}: {test}"
    _contains(test.get("message"), expected.get("message", []), f"message of {name}")
    _contains(test.get("output"), expected.get("output", []), f"output of {name}")


def _digest(files: list[Path]) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(files) if p.is_file()}


def _state(workdir: Path, other: Path) -> dict:
    """What no grading run may change."""
    package = Path(interview_prep.__file__).parent
    return {
        "package": _digest([p for p in package.rglob("*") if "__pycache__" not in p.parts]),
        "models": _digest(list((paths.cache_dir() / "models").glob("*/manifest.json"))),
        "database": _digest([paths.data_dir() / "progress.db"]),
        "other kata": _digest(list(other.rglob("*"))),
        "workspace": sorted(p.name for p in workdir.rglob("*")),
        "learner files": _digest(list(workdir.rglob("*"))),
    }


def _run_processes(marker: str = "interview-prep-attack") -> list[str]:
    found = subprocess.run(["pgrep", "-af", marker], capture_output=True, text=True).stdout.splitlines()
    return [line for line in found if "pgrep" not in line]


@pytest.mark.parametrize("case", [case for case in CASES if case.values[0] not in FORKED_ONLY])
def test_golden(case: str, catalog, tmp_path: Path, request) -> None:
    engine = {}
    if MODELS.get(case):  # as the app grades them: the grading process forked with the models loaded
        engine["zygote"] = request.getfixturevalue("grading_zygote")
        if not case.startswith(ENGINE_CASES) and confine.probe().confined:  # and the learner's worker
            engine["worker_zygote"] = request.getfixturevalue("worker_zygote")
    _golden(case, catalog, tmp_path, **engine)


@pytest.mark.parametrize("case", FORKED_CASES)
def test_golden_with_a_forked_worker(case: str, catalog, tmp_path: Path, worker_zygote, request) -> None:
    engine = {"zygote": request.getfixturevalue("grading_zygote")} if MODELS[case] else {}
    _golden(case, catalog, tmp_path, worker_zygote=worker_zygote, memory_mb=FORKED_MEMORY_MB, **engine)


def _golden(case: str, catalog, tmp_path: Path, **engine) -> None:
    source = FIXTURES / case
    expected = json.loads((source / "expected.json").read_text())
    kata = catalog.get(expected["kata"])
    workdir = tmp_path / "solution"
    workdir.mkdir()
    for name in kata.files:
        shutil.copy(source / name, workdir / name)
    other = tmp_path / "other-kata"
    shutil.copytree(kata.dir, other)
    paths.data_dir().mkdir(parents=True, exist_ok=True)
    database = sqlite3.connect(paths.data_dir() / "progress.db")  # held open like the app's
    database.execute("CREATE TABLE IF NOT EXISTS attempts (kata TEXT, status TEXT)")
    database.commit()
    for name in kata.models:  # built before the snapshot: building a missing model is the app's work, not the run's
        cache.ensure(name)
    before = _state(workdir, other)

    results = grade(kata, workdir, seed=SEED, **(engine | expected.get("options", {})))
    data = results.to_dict()

    assert _run_processes() == []
    after = _state(workdir, other)
    database.close()
    # a model the other test process built meanwhile (on a new machine) is not this run's doing
    after["models"] = {path: digest for path, digest in after["models"].items() if path in before["models"]}
    for what in before:
        assert after[what] == before[what], f"the run changed {what}"

    _check_v3(data)
    assert data["status"] == expected["status"], json.dumps(data, indent=1)
    _contains(data.get("message"), expected.get("message", []), "top-level message")
    names = [t["name"] for t in data["tests"]]
    assert names, "results must list the grader's tests"
    by_name = {t["name"]: t for t in data["tests"]}
    for name, wanted in expected.get("tests", {}).items():
        assert name in by_name, f"no test {name} in {names}"
        _expect_test(by_name[name], wanted)
    if "all_tests" in expected:
        for test in data["tests"]:
            _expect_test(test, expected["all_tests"])


def test_every_grader_test_is_reported_in_line_order(catalog, tmp_path: Path) -> None:
    """The results list every test of the grader, sorted by line, each with its code."""
    kata = catalog.get("asr-03-ctc-greedy-decode")
    results = grade(kata, kata.solution_dir, seed=SEED)
    source = kata.grader_path.read_text()
    defined = [line.split("(")[0].removeprefix("def ") for line in source.splitlines() if line.startswith("def test_")]
    assert [t.name for t in results.tests] == defined
    lines = source.splitlines()
    functions = {node.name: node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)}
    for test in results.tests:
        node = functions[test.name]
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        assert test.test_code == "\n".join(lines[first - 1 : node.end_lineno])


def test_no_process_is_left_behind(catalog, tmp_path: Path) -> None:
    """A process started by the learner's code is killed with the grading process group."""
    kata = catalog.get("asr-03-ctc-greedy-decode")
    workdir = tmp_path / "solution"
    workdir.mkdir()
    marker = f"interview-prep-leftover-{os.getpid()}"
    (workdir / "ctc_decode.py").write_text(
        "import subprocess, sys\n"
        f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)', {marker!r}])\n"
        "print('started')\n"
        "def greedy_decode(logits, vocab, blank=0):\n    return ''\n"
    )
    results = grade(kata, workdir, seed=SEED)
    assert "started" in (results.tests[0].output or "")  # the process did start
    assert _run_processes(marker) == []
