"""The grader process's side of the learner worker: start it, send requests, end it.

`WorkerClient.start()` starts the worker (confined when `confine.probe()` says so), or has
the app's worker zygote fork it (`ForkedWorker`, when the run was given a line to one), and a
watchdog that ends it if the work folder grows past its cap; `load_files()` copies the
learner's kata files into the work folder (a warm worker gets them only when a check
starts; they are imported on the first `lookup`). `request()` sends one framed message and returns the reply;
when the worker is gone it raises `WorkerGone` saying how it ended. `close()` ends the
worker and, when not confined, every process it left behind (this process is their
subreaper).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from interview_prep.kata.sandbox import codec, confine
from interview_prep.kata.sandbox.zygote import SPAWN_TIMEOUT_S

WORK_CAP = 512 * 1024 * 1024
STDERR_CAP = 8 * 1024


class WorkerGone(Exception):
    """The worker ended (crash, os._exit, a signal, a limit); the message says how."""


def _signal_name(code: int) -> str:
    try:
        return signal.Signals(-code).name
    except ValueError:
        return f"signal {-code}"


def _tree_size(root: Path) -> int:
    total = 0
    for folder, dirs, files in os.walk(root):
        for name in files + dirs:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                pass
    return total


def descendants(pid: int) -> list[int]:
    """Every live descendant of `pid` (Linux /proc), deepest last."""
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                children = Path(f"/proc/{parent}/task/{task}/children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.append(child)
                    queue.append(child)
    return found


def kill_descendants() -> None:
    """SIGKILL every descendant of this process, repeating until none is left."""
    for _ in range(20):
        pids = descendants(os.getpid())
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        _reap()
        time.sleep(0.01)


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


class ForkError(Exception):
    """The worker zygote could not fork a run's worker (the message says why)."""


class ForkedWorker:
    """A worker forked by the worker zygote for this run (the subset of `subprocess.Popen` the client
    uses). Closing our end of `conn` has the zygote's keeper end the run, then report the status."""

    def __init__(self, conn: socket.socket, stdin, stdout, stderr):
        self.conn = conn
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self.pid: int | None = None
        self.error = ""
        self.returncode: int | None = None
        self._started = threading.Event()
        self._ended = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    @classmethod
    def start(cls, fd: int, request: dict) -> ForkedWorker:
        """Ask the zygote on `fd` for the worker `request` describes; `ForkError` if it could not fork one."""
        conn = socket.socket(fileno=fd)
        pipes = [os.pipe() for _ in range(3)]  # stdin, stdout, stderr
        theirs, ours = [pipes[0][0], pipes[1][1], pipes[2][1]], [pipes[0][1], pipes[1][0], pipes[2][0]]
        try:
            socket.send_fds(conn, [json.dumps(request).encode()], theirs)
            sent = True
        except OSError:
            sent = False
        finally:
            for fd_ in theirs:
                os.close(fd_)
        if not sent:
            conn.close()
            for fd_ in ours:
                os.close(fd_)
            raise ForkError("the worker zygote is gone")
        forked = cls(conn, os.fdopen(ours[0], "wb"), os.fdopen(ours[1], "rb"), os.fdopen(ours[2], "rb"))
        forked._started.wait(SPAWN_TIMEOUT_S)
        if forked.pid is None:
            forked.kill()
            for stream in (forked.stdin, forked.stdout, forked.stderr):
                stream.close()
            raise ForkError(forked.error or "the worker zygote did not reply")
        return forked

    def _read(self) -> None:
        while True:
            try:
                data = self.conn.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            message = json.loads(data)
            if "pid" in message:
                self.pid = int(message["pid"])
                self._started.set()
            elif "error" in message:
                self.error = str(message["error"])
            elif "exit" in message:
                self.returncode = int(message["exit"])
        if self.returncode is None:
            self.returncode = -int(signal.SIGKILL)
        self._started.set()
        self._ended.set()
        self.conn.close()

    def poll(self) -> int | None:
        return self.returncode if self._ended.is_set() else None

    def wait(self, timeout: float | None = None) -> int:
        if not self._ended.wait(timeout):
            raise subprocess.TimeoutExpired("learner worker", timeout)
        return self.returncode

    def kill(self) -> None:
        try:
            self.conn.shutdown(socket.SHUT_WR)
        except OSError:
            pass


class WorkerClient:
    """One learner worker for one grading run."""

    def __init__(self, *, run_dir: Path, files: tuple[str, ...], memory_mb: int, cpu_s: int, cache: Path,
                 home: Path, zygote_fd: int | None = None):
        self.conf = confine.probe()
        self.work = run_dir / "work"
        self.inbox = run_dir / "inbox"
        self.outputs = self.work / "out"
        self.memory_mb = memory_mb
        self.cpu_s = cpu_s
        self.cache = cache
        self.home = home
        self.files = files
        self.zygote_fd = zygote_fd  # this run's line to the worker zygote, if the app has one ready
        self.fork_error = ""  # why the worker zygote did not fork this run's worker (then it was started)
        self.proc: subprocess.Popen | ForkedWorker | None = None
        self.gone: str | None = None
        self.over_cap = False
        self._stderr = bytearray()
        self._ready = False
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ life cycle

    def start(self) -> None:
        for folder in (self.work, self.inbox, self.outputs, self.work.parent / "tmp"):
            folder.mkdir(parents=True, exist_ok=True)
        processes = confine.processes_of_this_user()
        if self.zygote_fd is not None and self.conf.confined:
            env = confine.worker_env(self.home, self.cache, Path("/tmp")) \
                | confine.seed_env(self.home, confine.ZYGOTE_SEEDS)
            try:
                self.proc = ForkedWorker.start(self.zygote_fd, {
                    "run": self.work.parent.name, "env": env, "memory_mb": self.memory_mb, "cpu_s": self.cpu_s,
                    "processes": processes})
            except ForkError as exc:  # said on stderr, which the app shows when a check fails to run
                self.fork_error = str(exc)
                print(f"the worker zygote did not fork this run's worker ({exc}); starting it instead",
                      file=sys.stderr, flush=True)
            self.zygote_fd = None
        if self.proc is None:
            self._popen(processes)
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        threading.Thread(target=self._watch_disk, daemon=True).start()

    def _popen(self, processes: int) -> None:
        argv, env = confine.worker_command(self.conf, work=self.work, inbox=self.inbox, cache=self.cache,
                                           home=self.home)
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=self.work,
            start_new_session=True,
            preexec_fn=lambda: confine.limit_resources(self.memory_mb, self.cpu_s, processes),
        )

    def load_files(self, source_dir: Path) -> None:
        """Copy the learner's kata files (plain files only) into the work folder."""
        for name in self.files:
            source = source_dir / name
            if source.is_file() and not source.is_symlink():
                shutil.copyfile(source, self.work / name)

    def preload(self, models: tuple[str, ...], imports: tuple[str, ...] = ()) -> None:
        """Load the kata's models in the worker (weights only, no inference) and import its warm-up
        modules, before any learner code."""
        if models or imports:
            self.request({"op": "preload", "models": list(models), "imports": list(imports)})

    def _drain_stderr(self) -> None:
        stream = self.proc.stderr
        try:
            while chunk := stream.read1(65536):
                room = STDERR_CAP - len(self._stderr)
                if room > 0:
                    self._stderr += chunk[:room]
        except (OSError, ValueError):
            pass

    def _watch_disk(self) -> None:
        while self.proc.poll() is None:
            if _tree_size(self.work) > WORK_CAP:
                self.over_cap = True
                self._kill()
                return
            time.sleep(0.25)

    def _kill(self) -> None:
        if self.proc is None:
            return
        if isinstance(self.proc, ForkedWorker):
            self.proc.kill()
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            self.proc.kill()
        except OSError:
            pass

    def close(self) -> None:
        """End the worker and everything it started; the work folder is removed by the caller."""
        self._kill()  # nothing of the worker's is kept: no graceful exit to wait for
        if self.proc is not None:
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        if not self.conf.confined:
            kill_descendants()

    # ------------------------------------------------------------------ requests

    def _ended(self) -> str:
        """How the worker ended, in words."""
        if self.over_cap:
            return (f"wrote more than {WORK_CAP // (1024 * 1024)} MB of files, so it was stopped "
                    "(the work folder of a run is capped)")
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self._kill()
            code = self.proc.wait()
        if code < 0:
            how = f"was killed by {_signal_name(code)}"
            if code == -signal.SIGKILL:
                how += f" (possibly for using too much memory; limit {self.memory_mb} MB)"
            elif code == -signal.SIGXCPU:
                how += f" (CPU time limit {self.cpu_s} s)"
            elif code == -signal.SIGXFSZ:
                how += f" (a file grew past {confine.FILE_SIZE_LIMIT // (1024 * 1024)} MB)"
        else:
            how = f"exited with code {code}"
        tail = bytes(self._stderr).decode("utf-8", "replace").strip()
        tail = "\n".join(tail.splitlines()[-8:])
        return how + (f"; its last output:\n{tail}" if tail else "")

    def request(self, header: dict, buffers: list[bytes] = ()) -> tuple[dict, list[bytes]]:
        """Send one request and wait for the reply; `WorkerGone` if the worker ended."""
        with self._lock:
            if self.gone is not None:
                raise WorkerGone(self.gone)
            try:
                if self.proc is None:
                    self.start()
                if not self._ready:
                    self._handshake()
                codec.write_message(self.proc.stdin, header, buffers)
                reply = codec.read_message(self.proc.stdout)
                if _tree_size(self.work) > WORK_CAP:  # the watchdog samples: a fast writer can finish between
                    self.over_cap = True
                    self._kill()
                    self.gone = self._ended()
                    raise WorkerGone(self.gone)
                return reply
            except (EOFError, BrokenPipeError, OSError, codec.DecodeError) as exc:
                detail = f" (its reply was malformed: {exc})" if isinstance(exc, codec.DecodeError) else ""
                self._kill() if detail else None
                self.gone = self._ended() + detail
                raise WorkerGone(self.gone) from None

    def _handshake(self) -> None:
        header, _ = codec.read_message(self.proc.stdout)
        if not header.get("ready"):
            raise codec.DecodeError("no ready message")
        self._ready = True
