"""Shared test set-up: no network, isolated user data, shared model cache, test tiers.

Tiers (CONTRIBUTING.md): `models` marks tests that use the real models; `grading` marks the
modules that start grading runs (each a grading process and a confined worker). The fast
inner loop is `pytest -m "not models and not grading"`.
"""

from __future__ import annotations

import os

import pytest

from interview_prep.kata.sandbox.confine import ONE_THREAD

#: test modules that start grading runs
GRADING_MODULES = frozenset({
    "test_grading_fallback",
    "test_grading_numba",
    "test_grading_sandbox",
    "test_grading_threads",
    "test_grading_warm",
    "test_grading_worker_zygote",
    "test_grading_zygote",
    "test_kata_cli",
    "test_kata_devcheck",
    "test_kata_evidence",
    "test_kata_golden",
    "test_kata_runner",
    "test_kata_watch",
    "test_katas_asr",
    "test_katas_classify",
    "test_katas_tts",
    "test_mock_session",
    "test_mock_tui",
    "test_tui_katas",
})


#: the order xdist hands modules to the two test processes: the long model-backed ones first, so both end
#: together, mixed with TUI modules, whose waits for the screen leave the cores to the gradings (run last,
#: the TUI modules kept both cores about 70% busy). The second process starts with TUI modules: in a new
#: virtualenv the first grading compiles librosa's kernels (about 30 s, in one process, under a lock),
#: and a second grading would wait for them. xdist keeps this order only with `--no-loadscope-reorder`
#: (pyproject's addopts): by default it orders modules by their number of tests, which started the dev
#: check (6 tests, 4 minutes) half-way through and left one core idle at the end.
MODULE_ORDER = ("test_kata_devcheck", "test_tui_snapshots", "test_katas_asr", "test_tui_quiz", "test_katas_classify",
                "test_tui_app", "test_kata_golden", "test_tui_rubric", "test_katas_tts", "test_tui_katas",
                "test_mock_voice", "test_mock_tui", "test_kata_evidence", "test_tui_quiz_control",
                "test_grading_worker_zygote", "test_models_roundtrip", "test_grading_zygote", "test_grading_warm",
                "test_grading_threads", "test_models_cache", "test_demo_tts")


def _module(item) -> str:
    return item.module.__name__.rsplit(".", 1)[-1] if item.module is not None else ""


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _module(item) in GRADING_MODULES:
            item.add_marker(pytest.mark.grading)
    rank = {name: n for n, name in enumerate(MODULE_ORDER)}
    items.sort(key=lambda item: rank.get(_module(item), len(MODULE_ORDER)))


os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# One thread per test process, as in grading: two test processes on two cores, each with torch's
# default of two threads, spent a third more CPU on the in-process model tests (demo_tts and
# mock_voice: 91 s of CPU against 61 s with one thread)
for _name, _value in ONE_THREAD.items():
    os.environ.setdefault(_name, _value)


@pytest.fixture(scope="session", autouse=True)
def _shared_model_cache():
    """Built models are shared by all tests (and by runs): point the cache at one place."""
    if "INTERVIEW_PREP_CACHE" not in os.environ:
        import platformdirs

        os.environ["INTERVIEW_PREP_CACHE"] = platformdirs.user_cache_dir("interview-prep", appauthor=False)
    yield


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Each test gets its own data dir and workspace under INTERVIEW_PREP_HOME."""
    home = tmp_path / "ip-home"
    monkeypatch.setenv("INTERVIEW_PREP_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def asr():
    """The real Whisper tiny.en ASR pipeline from the model cache."""
    from interview_prep import models

    return models.asr_pipeline()


@pytest.fixture(scope="session")
def tts():
    """The real Piper VITS synthesizer from the model cache."""
    from interview_prep import models

    return models.tts_pipeline()


@pytest.fixture(scope="session")
def zygotes():
    """The test process's zygotes, started once (each about 5-13 s) and shared by every test that
    grades through one: the session's pool, test_kata_evidence's, the golden cases and the zygote
    tests (those that kill a zygote start their own)."""
    from interview_prep.kata.sandbox.warm import Zygotes

    zygotes = Zygotes()
    yield zygotes
    zygotes.close()


@pytest.fixture(scope="session")
def grading_zygote(zygotes):
    zygote = zygotes.grading()
    assert zygote.wait_ready(300), zygote.unusable
    return zygote


@pytest.fixture(scope="session")
def worker_zygote(zygotes):
    """Started once librosa's kernels and every kata's models are built (on a new machine, this
    builds them): its view binds only what exists when it starts, and the session's pool forks its
    learner workers from it too (the pool starts it itself only once its kata is ready)."""
    from interview_prep.kata.catalog import load_catalog
    from interview_prep.kata.sandbox import confine, kernels
    from interview_prep.models import cache

    if not confine.probe().confined:
        pytest.skip(f"workers are forked only where bubblewrap confines: {confine.probe().reason}")
    kernels.ensure()
    for name in sorted({name for kata in load_catalog().katas for name in kata.models}):
        if cache.status(name, full=False).state != "ok":
            cache.ensure(name)
    zygote = zygotes.worker()
    assert zygote.wait_ready(300), zygote.unusable
    return zygote


@pytest.fixture(scope="session")
def _grading_pool(zygotes):
    """One warm pool for the session's kata tests (see `warm_grade`). It keeps no evidence: the
    pictures and clips of failed tests are drawn and checked in test_kata_evidence, not for every
    wrong variant (about 0.5-1 s each)."""
    from interview_prep.kata.sandbox.warm import WarmPool

    pool = WarmPool(keep_evidence=False, zygotes=zygotes)
    yield pool
    pool.close()


@pytest.fixture
def warm_grade(request, _grading_pool):
    """`grade()` through the session's warm pool: the grading process for the kata of the module's
    next test that uses this fixture (its `kata_id` parameter) warms up while this one grades, as
    in `dev check` (a module runs whole in one test process: `--dist loadfile`). Every run still
    gets a fresh process (nothing of one run reaches the next)."""
    from interview_prep.kata.catalog import load_catalog

    items = request.session.items
    following = next((item for item in items[items.index(request.node) + 1:]
                      if item.path == request.node.path and "warm_grade" in getattr(item, "fixturenames", ())), None)
    kata_id = getattr(getattr(following, "callspec", None), "params", {}).get("kata_id")
    next_kata = load_catalog().get(kata_id) if kata_id else None

    def grade(kata, source_dir, **options):
        return _grading_pool.grade(kata, source_dir, next_kata=next_kata, **options)

    return grade
