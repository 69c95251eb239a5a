"""The pytest plugin that turns a grader run into `results.json` (Exercism v3).

It runs inside the grading process (see `grader_main.py`), which never executes learner
code, so nothing here needs defending against it:

- tests are ordered by line, named by their pytest name, and carry `test_code`, an
  optional `task` marker (`task_id`) and an optional `hint` marker;
- a test's status comes from the exception its call raised (`KataFailure`/assertion:
  fail; `KataError`, a setup/teardown problem or a crash of the grader: error), never
  from anything printed;
- the results are written once, at the end of the session, to the verdict pipe, a
  channel the learner worker has no handle on. The runner accepts only a document that
  has a result for every collected test;
- a test that did not pass keeps the evidence its grader recorded (`kata.evidence`: clips
  as WAV, one PNG), listed in its result's `evidence`; a passing test's is dropped.

Progress events (collected, test started, test finished) go as JSON lines to an
optional file descriptor, for live display only: the verdict never comes from them.
"""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest

from interview_prep.kata import evidence
from interview_prep.kata.grading import KataError, KataFailure
from interview_prep.kata.results import Results, Status, TestResult


def _test_name(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[-1]


def _test_code(item: pytest.Item, sources: dict[str, list[str]]) -> str:
    """The test's source, decorators included: from its first line to the next top-level line."""
    code = getattr(getattr(item, "obj", None), "__code__", None)
    if code is None:
        return ""
    lines = sources.get(code.co_filename)
    if lines is None:
        try:
            lines = sources[code.co_filename] = Path(code.co_filename).read_text(encoding="utf-8").splitlines()
        except OSError:
            return ""
    start = code.co_firstlineno - 1  # the first decorator's line for a decorated function
    end = start
    while end < len(lines) and lines[end].startswith("@"):
        end += 1
    end += 1  # the `def` line
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t)"):
        end += 1
    return textwrap.dedent("\n".join(lines[start:end])).strip()


def _marker_arg(item: pytest.Item, name: str, kwarg: str) -> int | None:
    marker = item.get_closest_marker(name)
    if marker is None:
        return None
    value = marker.args[0] if marker.args else marker.kwargs.get(kwarg)
    return int(value) if value is not None else None


def _crash_text(excinfo: pytest.ExceptionInfo[BaseException]) -> str:
    """The exception and the innermost frame, for errors that are not grading messages."""
    entry = excinfo.traceback[-1] if excinfo.traceback else None
    where = f" ({Path(str(entry.path)).name}, line {entry.lineno + 1})" if entry is not None else ""
    return f"{excinfo.exconly().strip()}{where}"


class ResultsReporter:
    """pytest plugin collecting per-test results and writing them to the verdict pipe."""

    def __init__(
        self,
        *,
        kata_id: str,
        verdict_fd: int,
        seed: int | None = None,
        progress_fd: int | None = None,
    ):
        self.kata_id = kata_id
        self._verdict_fd = verdict_fd
        self.seed = seed
        self._progress = os.fdopen(progress_fd, "w", buffering=1) if progress_fd is not None else None
        self._tests: dict[str, TestResult] = {}
        self._verdicts: dict[str, tuple[Status, str | None]] = {}
        self._done: set[str] = set()
        self._session_error: str | None = None

    # ------------------------------------------------------------------ helpers

    def _emit(self, **event: Any) -> None:
        if self._progress is None:
            return
        try:
            self._progress.write(json.dumps(event) + "\n")
        except (OSError, ValueError):
            self._progress = None

    def _pointer(self, item: pytest.Item) -> str:
        lines = []
        if self.seed is not None:
            lines.append(f"seed={self.seed} (replay: interview-prep check {self.kata_id} --seed {self.seed})")
        number = _marker_arg(item, "hint", "number")
        if number:
            lines.append(f"see hint {number}: interview-prep hint {self.kata_id} {number}")
        return "\n".join(lines)

    # ------------------------------------------------------------------ hooks

    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", "task(taskno): the exercise task number (Exercism task_id)")
        config.addinivalue_line("markers", "hint(number): the kata hint that helps when this test fails")

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self._session_error = f"the grader could not be loaded (a bug in the kata): {report.longreprtext[-1500:]}"

    def pytest_collection_modifyitems(self, session: pytest.Session, config: pytest.Config, items: list) -> None:
        items.sort(key=lambda item: item.location[1] or 0)
        sources: dict[str, list[str]] = {}
        for item in items:
            name = _test_name(item)
            self._tests[item.nodeid] = TestResult(
                name=name,
                test_code=_test_code(item, sources),
                task_id=_marker_arg(item, "task", "taskno"),
                line=(item.location[1] or 0) + 1,
            )

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self._emit(event="collected", tests=[t.name for t in self._tests.values()])

    def pytest_runtest_logstart(self, nodeid: str, location: tuple) -> None:
        test = self._tests.get(nodeid)
        if test is not None:
            evidence.begin(test.name)
            self._emit(event="start", test=test.name)

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        excinfo = call.excinfo  # taken before any other plugin's makereport can touch it
        report = yield
        if item.nodeid in self._tests:
            self._judge(item, call.when, excinfo)
        return report

    def _judge(self, item: pytest.Item, when: str, excinfo: pytest.ExceptionInfo | None) -> None:
        """Record the verdict of one phase; a test passes only on a clean call phase."""
        verdict = self._verdicts.get(item.nodeid)
        if verdict is not None and verdict[0] is not Status.PASS:
            return  # keep the first problem
        if excinfo is None:
            if when == "call":
                self._verdicts[item.nodeid] = (Status.PASS, None)
            return
        if excinfo.errisinstance(KataError):
            self._verdicts[item.nodeid] = (Status.ERROR, str(excinfo.value))
        elif when == "call" and excinfo.errisinstance(AssertionError):
            message = str(excinfo.value) if excinfo.errisinstance(KataFailure) else excinfo.exconly().strip()
            pointer = self._pointer(item)
            self._verdicts[item.nodeid] = (Status.FAIL, f"{message}\n{pointer}" if pointer else message)
        elif excinfo.errisinstance(pytest.skip.Exception):
            self._verdicts[item.nodeid] = (Status.ERROR, f"the test was skipped ({excinfo.exconly().strip()})")
        elif when == "call":
            crash = _crash_text(excinfo)
            self._verdicts[item.nodeid] = (
                Status.ERROR,
                f"the grader crashed (a bug in the kata, please report it): {crash}",
            )
        else:
            self._verdicts[item.nodeid] = (Status.ERROR, f"test {when} failed: {_crash_text(excinfo)}")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        test = self._tests.get(report.nodeid)
        if test is None:
            return
        output = "\n".join(part for part in (report.capstdout, report.capstderr) if part)
        if output:
            test.output = output
        if report.when == "teardown":
            self._done.add(report.nodeid)
            status = self._verdicts.get(report.nodeid, (Status.ERROR, None))[0]
            test.evidence = evidence.finish(keep=status is not Status.PASS)  # drawn only for a test that did not pass
            self._emit(event="result", test=test.name, status=str(status))

    def pytest_internalerror(self, excrepr: Any) -> None:
        self._session_error = f"pytest failed internally: {str(excrepr)[-1500:]}"

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        results = Results(kata_id=self.kata_id, seed=self.seed)
        for nodeid, test in self._tests.items():
            verdict = self._verdicts.get(nodeid)
            if nodeid not in self._done:
                test.status, test.message = Status.ERROR, "did not run: the test session was cut short"
            elif verdict is None:
                test.status, test.message = Status.ERROR, "no verdict was recorded for this test"
            else:
                test.status, test.message = verdict
            results.tests.append(test)
        if self._session_error:
            results.status, results.message = Status.ERROR, self._session_error
        elif exitstatus == pytest.ExitCode.INTERRUPTED:
            results.status = Status.ERROR
            results.message = "the run was interrupted (KeyboardInterrupt or pytest.exit) before all tests finished"
        results.settle()
        payload = {
            "results": results.to_dict(),
            "collected": [t.name for t in self._tests.values()],
            "seed": self.seed,
            "exitstatus": int(exitstatus),
        }
        with os.fdopen(self._verdict_fd, "w", encoding="utf-8") as verdict:
            verdict.write(json.dumps(payload))
