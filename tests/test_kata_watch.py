"""Watch mode: a real file watcher re-grades on save and moves on after a pass."""

from __future__ import annotations

import os
import shutil
import threading
import time

import pytest
from kata_helpers import demo_catalog

from interview_prep.kata.watch import WatchEvent, watch_workspace
from interview_prep.kata.workspace import init_workspace, kata_dir


def _wait_for(events: list[WatchEvent], predicate, timeout: float = 120.0) -> WatchEvent:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = next((e for e in events if predicate(e)), None)
        if found is not None:
            return found
        time.sleep(0.05)
    raise AssertionError(f"no such event; got {[(e.kind, e.kata and e.kata.id) for e in events]}")


@pytest.mark.parametrize("poll", [False, True], ids=["notify", "poll"])
def test_watch_regrades_on_save_and_moves_on(tmp_path, poll):
    catalog = demo_catalog(tmp_path / "content")
    workspace = init_workspace(catalog, tmp_path / "ws").root
    ctc, wer = catalog.get("asr-03-ctc-greedy-decode"), catalog.get("asr-04-wer")
    starter = kata_dir(workspace, ctc) / "ctc_decode.py"
    past = time.time() - 60  # saved a while ago: polling compares whole-second modification times
    os.utime(starter, (past, past))
    events: list[WatchEvent] = []
    solved: set[str] = set()
    stop = threading.Event()

    def on_event(event: WatchEvent) -> None:
        if event.kind == "graded" and event.results.passed:
            solved.add(event.kata.id)
        if event.kind == "watching" and not any(e.kind == "watching" for e in events):
            # the learner saves the moment "watching" shows: that save is seen (no settling time)
            shutil.copy(ctc.solution_dir / "ctc_decode.py", starter)
        events.append(event)

    thread = threading.Thread(
        target=watch_workspace,
        args=(catalog, workspace, on_event),
        kwargs={"is_done": lambda k: k.id in solved, "start": ctc, "poll": poll, "stop_event": stop},
        daemon=True,
    )
    thread.start()
    try:
        first = _wait_for(events, lambda e: e.kind == "graded")
        assert first.kata == ctc and not first.results.passed  # graded once at start: the starter fails
        passed = _wait_for(events, lambda e: e.kind == "graded" and e.results.passed)
        assert passed.kata == ctc
        moved = _wait_for(events, lambda e: e.kind == "moved")
        assert moved.kata == wer and "asr-03-ctc-greedy-decode passed; next: asr-04-wer" in moved.message
        _wait_for(events, lambda e: e.kind == "watching" and e.kata == wer)  # then it watches asr-04
        # saving another file (not a kata file) grades nothing
        count = len(events)
        (kata_dir(workspace, wer) / "notes.txt").write_text("scratch")
        time.sleep(1.5)
        assert [e.kind for e in events[count:]] == []
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
