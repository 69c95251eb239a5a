"""The learner worker's confinement, seen from learner code: what it can see, write and reach."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest
from kata_helpers import demo_catalog

from interview_prep import paths
from interview_prep.kata.sandbox import confine
from interview_prep.kata.sandbox.runner import grade

SECRETS = {"HF_TOKEN": "hf_secret_value_123", "AWS_SECRET_ACCESS_KEY": "aws-secret-456"}
FIXTURES = Path(__file__).parent / "fixtures" / "grading_cases"
pytestmark = pytest.mark.skipif(not confine.probe().confined, reason="bubblewrap cannot start on this machine")

PROBE = """
import json, os, socket
def _can_write(path):
    try:
        with open(path, "w") as handle:
            handle.write("x")
        return True
    except OSError:
        return False
def _can_connect():
    try:
        socket.create_connection(("127.0.0.1", 22), timeout=1).close()
        return True
    except OSError as exc:
        return "refused" not in str(exc).lower() and "unreachable" not in str(exc).lower() and False
SEEN = {
    "visible": {p: os.path.exists(p) for p in json.loads(os.environ.get("NOPE", "null") or "null") or PATHS},
    "writable": {p: _can_write(p) for p in WRITES},
    "env": sorted(os.environ),
    "secrets": [v for v in SECRET_VALUES if v in open("/proc/self/environ", "rb").read().decode("latin-1")],
    "stdin": os.read(0, 100).decode(),
    "home": sorted(os.listdir(REAL_HOME)) if os.path.isdir(REAL_HOME) else [],
    "processes": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
    "network": _can_connect(),
}
def greedy_decode(logits, vocab, blank=0):
    raise RuntimeError("SEEN=" + json.dumps(SEEN))
"""


@pytest.fixture(scope="module")
def ctc(tmp_path_factory):
    return demo_catalog(tmp_path_factory.mktemp("content")).get("asr-03-ctc-greedy-decode")


def _seen(results) -> dict:
    message = next(t.message for t in results.tests if t.message and "SEEN=" in t.message)
    return json.loads(message.split("SEEN=", 1)[1].split(" (at ctc_decode.py")[0])


def test_learner_code_sees_nothing_it_should_not(ctc, tmp_path, monkeypatch):
    for key, value in SECRETS.items():
        monkeypatch.setenv(key, value)
    paths.data_dir().mkdir(parents=True)
    (paths.data_dir() / "progress.db").write_bytes(b"")
    hidden = [
        str(paths.solutions_dir()),
        str(ctc.grader_path),
        str(paths.data_dir() / "progress.db"),
        str(paths.cache_dir() / "audio"),
        str(Path(__file__)),
    ]
    writes = [str(paths.cache_dir() / "models" / "x"), str(Path(paths.__file__).with_name("x.py")), "/usr/x",
              "/x", str(tmp_path / "x")]
    folder = tmp_path / "solution"
    folder.mkdir()
    header = (f"PATHS = {hidden!r}\nWRITES = {writes!r}\nSECRET_VALUES = {list(SECRETS.values())!r}\n"
              f"REAL_HOME = {str(Path.home())!r}\n")
    (folder / "ctc_decode.py").write_text(header + PROBE)

    seen = _seen(grade(ctc, folder, seed=1))

    assert seen["visible"] == dict.fromkeys(hidden, False)
    # a checkout under /tmp (as a clean-clone CI run's) sits in the worker's private tmpfs: writes land there
    assert seen["writable"] == {w: w.startswith("/tmp/") and seen["writable"][w] for w in writes}
    assert not any(Path(w).exists() for w in writes)  # nothing reached the real files
    assert seen["secrets"] == [] and not set(SECRETS) & set(seen["env"])
    assert seen["stdin"] == ""
    # HOME shows only the path components of what is bound (a Python install or the model cache under it)
    assert set(seen["home"]) <= {".pyenv", ".cache", ".local"}, seen["home"]
    assert max(seen["processes"]) < 10  # its own pid namespace: only the sandbox's few processes
    assert seen["network"] is False
    assert not (tmp_path / "x").exists()


def test_two_runs_at_once_one_hostile(ctc, tmp_path):
    """A hostile run that hunts for other runs' files and processes cannot touch a concurrent honest one."""
    honest = tmp_path / "honest"
    shutil.copytree(ctc.solution_dir, honest)
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    (hostile / "ctc_decode.py").write_text(
        "import glob, os, signal\n"
        "for path in glob.glob('/tmp/**/ctc_decode.py', recursive=True) + glob.glob('/tmp/interview-prep-grade-*'):\n"
        "    try:\n        open(path, 'w').write('def greedy_decode(*a, **k):\\n    return \"hacked\"\\n')\n"
        "    except OSError:\n        pass\n"
        "for pid in os.listdir('/proc'):\n"
        "    if pid.isdigit() and int(pid) != os.getpid():\n"
        "        try:\n            os.kill(int(pid), signal.SIGKILL)\n        except OSError:\n            pass\n"
        "def greedy_decode(logits, vocab, blank=0):\n    return 'nonsense'\n"
    )
    before = (honest / "ctc_decode.py").read_bytes()
    outcome = {}
    runs = [threading.Thread(target=lambda n=n, d=d: outcome.__setitem__(n, grade(ctc, d, seed=2)))
            for n, d in (("honest", honest), ("hostile", hostile))]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    assert outcome["honest"].passed, outcome["honest"].to_json()
    assert not outcome["hostile"].passed
    assert (honest / "ctc_decode.py").read_bytes() == before


def test_unconfined_fallback_is_labelled_and_confinement_is_the_defence(ctc, tmp_path, monkeypatch):
    """Forced fallback (as on macOS): still two processes, labelled NOT confined; the read-the-solution
    attack that fails confined (tests/fixtures/grading_cases/attack_read_solution) succeeds here."""
    folder = tmp_path / "solution"
    folder.mkdir()
    shutil.copy(FIXTURES / "attack_read_solution" / "ctc_decode.py", folder)
    confined = grade(ctc, folder, seed=3)
    assert not confined.passed and confined.to_dict()["sandbox"].startswith("confined")

    monkeypatch.setenv(confine.FORCE_UNCONFINED_ENV, "1")
    confine.probe.cache_clear()
    try:
        unconfined = grade(ctc, folder, seed=3)
    finally:
        confine.probe.cache_clear()
    assert unconfined.to_dict()["sandbox"].startswith(f"NOT confined: {confine.FORCE_UNCONFINED_ENV} is set")
    assert unconfined.passed  # the attack works without the sandbox: the label is not decoration
