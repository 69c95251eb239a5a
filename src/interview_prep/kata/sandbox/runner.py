"""Grade a kata: two processes per run, the grader and the confined learner worker.

`grade(kata, source_dir)` starts `grader_main.py` (pytest, the hidden grader, the
reporter plugin) in a new session with a scrubbed environment, a memory cap and a
wall-clock timeout. That process starts the learner worker (`worker.py`, inside
bubblewrap where it can start: see `confine.py`), which alone imports and runs the
learner's code; arguments and results cross between them as plain data. The verdict
comes only from the verdict pipe, which the grading process alone holds; exit codes and
printed output are never trusted. Timeouts, crashes and early exits become an error
with a message saying what happened. Every result says whether the run was confined.
The evidence of failed tests (`kata.evidence`) is moved from the run's folder into the
data dir (`Results.evidence_dir`).

The API is UI-independent: `on_progress` receives `Progress` events from a reader
thread, and setting `cancel_event` stops the run (the process group is killed).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from interview_prep import paths
from interview_prep.kata import evidence
from interview_prep.kata.catalog import Kata
from interview_prep.kata.results import Results, Status, TestResult
from interview_prep.kata.sandbox import confine, kernels, leftovers

if TYPE_CHECKING:
    from interview_prep.kata.sandbox.worker_zygote import WorkerZygote
    from interview_prep.kata.sandbox.zygote import Forked, Zygote

OUTPUT_CAP = 64 * 1024
#: the kata's `warm_imports`, for the grading process to have its worker import them before the check
WARM_IMPORTS_ENV = "INTERVIEW_PREP_WARM_IMPORTS"
VERDICT_CAP = 16 * 1024 * 1024
_PYTEST_INI = "[pytest]\naddopts =\npython_files = test_*.py\nconsole_output_style = classic\n"


@dataclass
class Progress:
    """A live event from a grading run: `phase` (warm-up step in `status`), `collected` (tests),
    `start` (test) or `result`."""

    event: str
    test: str = ""
    status: str = ""
    tests: list[str] = field(default_factory=list)


def sandbox_env() -> dict[str, str]:
    """The grading process's environment: no tokens, keys or other secrets of the user."""
    home = paths.cache_dir() / "sandbox-home"
    home.mkdir(parents=True, exist_ok=True)
    env = confine.scrubbed_env(home, paths.cache_dir()) | {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    if os.environ.get(confine.FORCE_UNCONFINED_ENV):
        env[confine.FORCE_UNCONFINED_ENV] = "1"
    env.setdefault("PATH", os.defpath)
    return env


class _Drain(threading.Thread):
    """Reads a pipe to the end, keeping at most `cap` bytes (the rest is counted, not kept)."""

    def __init__(self, stream, cap: int = OUTPUT_CAP):
        super().__init__(daemon=True)
        self.stream = stream
        self.cap = cap
        self.chunks: list[bytes] = []
        self.kept = 0
        self.dropped = 0

    def run(self) -> None:
        try:
            while chunk := self.stream.read1(65536):
                room = self.cap - self.kept
                if room > 0:
                    self.chunks.append(chunk[:room])
                    self.kept += min(room, len(chunk))
                self.dropped += max(0, len(chunk) - max(room, 0))
        except (OSError, ValueError):
            pass

    def text(self) -> str:
        text = b"".join(self.chunks).decode("utf-8", "replace")
        return text + (f"\n[{self.dropped} more bytes of output dropped]" if self.dropped else "")


class _ProgressReader(threading.Thread):
    """Parses progress events; remembers the test running now and the statuses seen."""

    def __init__(self, fd: int, on_progress: Callable[[Progress], None] | None):
        super().__init__(daemon=True)
        self.stream = os.fdopen(fd, "r", encoding="utf-8", errors="replace")
        self.on_progress = on_progress
        self.current: str | None = None
        self.phase = ""
        self.collected: list[str] = []
        self.finished: dict[str, str] = {}

    def run(self) -> None:
        try:
            for line in self.stream:
                try:
                    data = json.loads(line)
                    event = Progress(
                        event=str(data["event"]),
                        test=str(data.get("test", "")),
                        status=str(data.get("status", "")),
                        tests=[str(t) for t in data.get("tests", [])],
                    )
                except (ValueError, KeyError, TypeError):
                    continue
                if event.event == "phase":
                    self.phase = event.status
                elif event.event == "collected" and not self.collected:
                    self.collected = event.tests
                elif event.event == "start":
                    self.current = event.test
                elif event.event == "result":
                    self.finished[event.test] = event.status
                    self.current = None
                if self.on_progress is not None:
                    self.on_progress(event)
        except (OSError, ValueError):
            pass
        finally:
            self.stream.close()


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _signal_name(code: int) -> str:
    try:
        return signal.Signals(-code).name
    except ValueError:
        return f"signal {-code}"


def grade(
    kata: Kata,
    source_dir: Path,
    *,
    on_progress: Callable[[Progress], None] | None = None,
    cancel_event: threading.Event | None = None,
    seed: int | None = None,
    timeout_s: float | None = None,
    memory_mb: int | None = None,
    standby: Standby | None = None,
    zygote: Zygote | None = None,
    worker_zygote: WorkerZygote | None = None,
) -> Results:
    """Run `kata`'s grader against the learner's files in `source_dir` and return the results.

    `seed` replays a run (default: random); `timeout_s` and `memory_mb` override the
    limits from kata.yaml. `standby` is a grading process prepared ahead for this kata
    (see `Standby`); it is used once and closed, and a cold one is started without it (forked
    from `zygote`, its learner worker from `worker_zygote`, when those are ready).
    """
    problem = _prepare(kata)
    if problem:
        if standby is not None:
            standby.close()
        return Results.error(problem, kata_id=kata.id)
    seed = secrets.randbelow(1_000_000) if seed is None else int(seed)
    if standby is None or not standby.usable(kata, timeout_s, memory_mb):
        keep = standby.keep_evidence if standby is not None else True
        if standby is not None:
            standby.close()
        standby = Standby(kata, timeout_s=timeout_s, memory_mb=memory_mb, keep_evidence=keep, zygote=zygote,
                          worker_zygote=worker_zygote)
    started = time.monotonic()
    results = standby.run(Path(source_dir).resolve(), seed, on_progress, cancel_event)
    results.kata_id = kata.id
    results.seed = seed
    results.duration_s = time.monotonic() - started
    results.sandbox = confine.probe().label()
    return results


def ready(kata: Kata) -> bool:
    """Whether `kata` can be prepared ahead: librosa's kernels published and its models built.
    Until then its next check builds them, with progress, and nothing started earlier races that
    build (a process prepared while a model is missing would load none, or fail to)."""
    return kernels.current() and not _unbuilt(kata)


def _unbuilt(kata: Kata) -> list[str]:
    """The kata's models not built yet (or damaged)."""
    from interview_prep.models import cache

    return [name for name in kata.models if cache.status(name, full=False).state != "ok"]


def _prepare(kata: Kata) -> str | None:
    """Build librosa's numba kernels and the models a kata uses before the timed run (progress on
    stderr); None if ready."""
    kernels.ensure()
    from interview_prep.errors import UserError
    from interview_prep.models import cache

    try:
        for name in _unbuilt(kata):
            cache.ensure(name)
    except UserError as exc:
        return f"the {', '.join(kata.models)} model needed by this kata is not available: {exc}"
    return None


class Standby:
    """A grading process (and its learner worker) started ahead of a check.

    It starts the worker, loads the kata's models on both sides and imports the grader,
    then waits; `run()` hands it the learner's folder and seed. Every check uses a fresh
    Standby (nothing of one run reaches the next); `close()` ends an unused one. With a
    ready `zygote`, the grading process is forked from it (torch, transformers and pytest
    already imported) instead of started from scratch; with a ready `worker_zygote`, so is
    its learner worker.
    """

    def __init__(self, kata: Kata, *, timeout_s: float | None = None, memory_mb: int | None = None,
                 keep_evidence: bool = True, zygote: Zygote | None = None,
                 worker_zygote: WorkerZygote | None = None):
        self.kata = kata
        self.keep_evidence = keep_evidence and evidence.enabled()
        self.timeout_s = float(timeout_s if timeout_s is not None else kata.limits.timeout_s)
        self.memory_mb = int(memory_mb if memory_mb is not None else kata.limits.memory_mb)
        self._limits = (timeout_s, memory_mb)
        self.proc: subprocess.Popen | Forked | None = None
        line = worker_zygote.connect() if worker_zygote is not None and kata.grader_path.is_file() else None
        leftovers.remove_stale()
        self.run_dir = Path(tempfile.mkdtemp(prefix=leftovers.prefix(leftovers.GRADE),
                                             dir=worker_zygote.runs if line is not None else None))
        if not kata.grader_path.is_file():
            return
        (self.run_dir / "pytest.ini").write_text(_PYTEST_INI)
        kernels.seed(self.run_dir / "numba")  # this process's own numba cache (see kernels.py)
        progress_r, progress_w = os.pipe()
        verdict_r, verdict_w = os.pipe()
        command = [
            sys.executable,
            "-I",
            "-B",
            str(Path(__file__).with_name("grader_main.py")),
            str(kata.grader_path),
            kata.id,
            str(self.memory_mb),
            str(progress_w),
            str(verdict_w),
            str(line.fileno()) if line is not None else "-1",
            str(self.run_dir),
            str(int(self.timeout_s) + 5),
            ",".join(kata.models),
            *kata.files,
        ]
        env = sandbox_env() | {"TMPDIR": str(self.run_dir), "NUMBA_CACHE_DIR": str(self.run_dir / "numba"),
                               WARM_IMPORTS_ENV: ",".join(kata.warm_imports)} \
            | (evidence.grading_env(self.run_dir) if self.keep_evidence else {})
        passed = {3: progress_w, 4: verdict_w} | ({5: line.fileno()} if line is not None else {})
        try:
            forked = zygote.spawn(command[4:], env=env, cwd=self.run_dir, fds=passed) if zygote is not None else None
            self.proc = forked or subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                cwd=self.run_dir,
                env=env,
                start_new_session=True,
                pass_fds=tuple(passed.values()),
            )
        finally:
            os.close(progress_w)
            os.close(verdict_w)
            if line is not None:
                line.close()
        self.reader = _ProgressReader(progress_r, None)
        self.drain = _Drain(self.proc.stdout)
        self.verdict = _Drain(os.fdopen(verdict_r, "rb"), cap=VERDICT_CAP)
        for thread in (self.reader, self.drain, self.verdict):
            thread.start()

    @property
    def ready(self) -> bool:
        """Warm: models loaded and grader imported."""
        return self.proc is not None and self.reader.phase == "ready"

    def usable(self, kata: Kata, timeout_s: float | None, memory_mb: int | None) -> bool:
        return self.kata == kata and self._limits == (timeout_s, memory_mb) and self.proc is not None \
            and self.proc.poll() is None

    def run(
        self,
        source_dir: Path,
        seed: int,
        on_progress: Callable[[Progress], None] | None,
        cancel_event: threading.Event | None,
    ) -> Results:
        """Grade `source_dir` with this process (once), then clean up."""
        try:
            if self.proc is None:
                return Results.error(
                    f"kata {self.kata.id} has no grader ({self.kata.grader_path.name}); this is a packaging bug"
                )
            results = self._run(source_dir, seed, on_progress, cancel_event)
            if self.keep_evidence:  # failed tests' evidence: from the run folder (removed below) into the data dir
                results.evidence_dir = evidence.store(self.kata.id, self.run_dir / "evidence", results, seed=seed)
            return results
        finally:
            self.close()

    def _run(self, source_dir, seed, on_progress, cancel_event) -> Results:
        proc, reader = self.proc, self.reader
        reader.on_progress = on_progress
        if on_progress is not None and reader.phase and not reader.collected:
            on_progress(Progress(event="phase", status=reader.phase))
        try:
            proc.stdin.write((json.dumps({"source_dir": str(source_dir), "seed": seed}) + "\n").encode())
            proc.stdin.close()
        except OSError:
            pass
        ended_by = ""
        deadline = time.monotonic() + self.timeout_s
        try:
            while True:
                try:
                    proc.wait(timeout=0.02)
                    break
                except subprocess.TimeoutExpired:
                    if not self.verdict.is_alive():  # the verdict is in: the process only cleans up now
                        break
                    if cancel_event is not None and cancel_event.is_set():
                        ended_by = "cancelled"
                    elif time.monotonic() > deadline:
                        ended_by = "timeout"
                    if ended_by:
                        _stop(proc)
                        break
        finally:
            _stop(proc)  # on Ctrl-C too
        for thread in (reader, self.drain, self.verdict):
            thread.join(timeout=2)
        return _verdict(self.verdict, proc.returncode, ended_by, reader, self.drain.text(), self.timeout_s,
                        self.memory_mb)

    def close(self) -> None:
        """End the process (and its worker) if it still runs; remove the run's folder."""
        if self.proc is not None:
            _stop(self.proc)
        shutil.rmtree(self.run_dir, ignore_errors=True)


def _stop(proc: subprocess.Popen) -> None:
    """End the grading process: SIGTERM lets it end its worker tree, SIGKILL follows."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            pass
    _kill_group(proc.pid)
    proc.wait()


def _partial(reader: _ProgressReader, current_status: Status) -> list[TestResult]:
    """Tests as far as the live events got (for display when the run was cut short)."""
    tests = []
    for index, name in enumerate(reader.collected):
        status = reader.finished.get(name)
        if status == "pass":
            tests.append(TestResult(name=name, status=Status.PASS, line=index))
        elif status in ("fail", "error"):
            message = f"{status}ed before the run was cut short (details lost; run the kata again)"
            tests.append(TestResult(name=name, status=Status(status), message=message, line=index))
        else:
            message = "cut short while running this test" if name == reader.current else "did not run"
            tests.append(TestResult(name=name, status=current_status, message=message, line=index))
    return tests


def _tail(output: str, lines: int = 15) -> str:
    tail = "\n".join(output.strip().splitlines()[-lines:])
    return f"\nlast output of the grading process:\n{tail}" if tail else ""


def _verdict(
    verdict: _Drain,
    returncode: int,
    ended_by: str,
    reader: _ProgressReader,
    output: str,
    timeout_s: float,
    memory_mb: int,
) -> Results:
    during = f" while running {reader.current}" if reader.current else ""
    if ended_by == "cancelled":
        return Results.error("grading was cancelled", _partial(reader, Status.ERROR))
    if ended_by == "timeout":
        return Results.error(
            f"timed out after {timeout_s:g} s{during} (the limit in kata.yaml): look for an infinite loop "
            "or work that is far too slow",
            _partial(reader, Status.ERROR),
        )
    document = b"".join(verdict.chunks)
    if not document:
        if returncode < 0:
            how = f"was killed by {_signal_name(returncode)}{during}"
            if returncode == -signal.SIGKILL:
                how += f" (possibly for using too much memory; limit {memory_mb} MB)"
        else:
            how = f"exited with code {returncode}{during} before reporting any result"
        return Results.error(f"the grading process {how}; this is a bug in the grader" + _tail(output),
                             _partial(reader, Status.ERROR))
    try:
        payload = json.loads(document)
        results = Results.from_dict(payload["results"])
    except (ValueError, KeyError, TypeError) as exc:
        return Results.error(f"the grader's verdict could not be read ({exc})" + _tail(output),
                             _partial(reader, Status.ERROR))
    names = [t.name for t in results.tests]
    missing = [name for name in payload.get("collected", []) if name not in names]
    if missing or not names:
        results.status = Status.ERROR
        results.message = f"no result for {', '.join(missing) or 'any test'}: the run was cut short"
    elif results.status is Status.PASS and payload.get("exitstatus", 0) != 0:
        results.status = Status.ERROR
        results.message = f"all tests passed but pytest ended with exit status {payload['exitstatus']}" + _tail(output)
    return results
