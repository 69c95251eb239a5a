"""The sandboxed runner's API: scrubbed environment, live progress, cancellation, replay."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from kata_helpers import demo_catalog

from interview_prep.kata.results import Results, Status, TestResult
from interview_prep.kata.sandbox.runner import Progress, grade


@pytest.fixture(scope="module")
def ctc(tmp_path_factory):
    return demo_catalog(tmp_path_factory.mktemp("content")).get("asr-03-ctc-greedy-decode")


def _learner(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "solution"
    folder.mkdir()
    (folder / "ctc_decode.py").write_text(body)
    return folder


def test_progress_events_follow_the_tests(ctc, tmp_path):
    events: list[Progress] = []
    results = grade(ctc, ctc.solution_dir, on_progress=events.append, seed=3)
    assert results.passed
    names = [t.name for t in results.tests]
    phases = [e.status for e in events if e.event == "phase"]
    assert phases[0] == "starting the learner worker" and phases[-1] == "running the tests"  # never a silent wait
    events = [e for e in events if e.event != "phase"]
    assert events[0].event == "collected" and events[0].tests == names
    starts = [e.test for e in events if e.event == "start"]
    finished = [(e.test, e.status) for e in events if e.event == "result"]
    assert starts == names
    assert finished == [(name, "pass") for name in names]


def test_cancel_stops_the_run(ctc, tmp_path):
    folder = _learner(tmp_path, "import time\ndef greedy_decode(logits, vocab, blank=0):\n    time.sleep(600)\n")
    cancel = threading.Event()
    started = time.monotonic()

    def on_progress(event: Progress) -> None:
        if event.event == "start":
            cancel.set()

    results = grade(ctc, folder, on_progress=on_progress, cancel_event=cancel)
    assert time.monotonic() - started < 60
    assert results.status is Status.ERROR and results.message == "grading was cancelled"


def test_seed_replays_the_same_inputs(ctc, tmp_path):
    folder = _learner(tmp_path, "def greedy_decode(logits, vocab, blank=0):\n    return 'X'\n")
    first = grade(ctc, folder, seed=42)
    again = grade(ctc, folder, seed=42)
    other = grade(ctc, folder, seed=43)
    assert first.seed == 42
    assert [t.message for t in first.tests] == [t.message for t in again.tests]
    assert [t.message for t in first.tests] != [t.message for t in other.tests]


def test_results_round_trip_through_v3_json():
    results = Results(
        tests=[
            TestResult(name="test_b", status=Status.PASS, test_code="def test_b(): ...", line=9),
            TestResult(name="test_a", status=Status.FAIL, message="m", output="o" * 600, line=2, task_id=1),
        ]
    )
    results.settle()
    data = json.loads(results.to_json())
    assert data["status"] == "fail" and "message" not in data
    assert [t["name"] for t in data["tests"]] == ["test_a", "test_b"]  # by line
    first = data["tests"][0]
    assert len(first["output"]) == 500 and first["output"].endswith("[your output was cut at 500 characters]")
    assert first["task_id"] == 1 and "task_id" not in data["tests"][1]
    back = Results.from_dict(data)
    assert back.status is Status.FAIL and back.tests[0].message == "m"
    with pytest.raises(ValueError):
        Results.from_dict({**data, "version": 2})


def test_engine_imports_stay_light():
    """The CLI/TUI side of the engine never imports numpy, torch, transformers or pytest."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import interview_prep.cli.kata_cmd, interview_prep.kata.catalog, interview_prep.kata.sandbox.runner\n"
        "import interview_prep.kata.watch, interview_prep.kata.workspace, interview_prep.progress.katas\n"
        "heavy = {'numpy', 'torch', 'transformers', 'pytest', 'watchfiles', 'librosa', 'matplotlib'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": src})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
