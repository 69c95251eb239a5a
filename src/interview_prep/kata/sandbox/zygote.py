"""The app's side of the grading zygote: a trusted process that forks grading processes.

A grading process for a model-backed kata spends about 4 s of CPU importing torch,
transformers and pytest before it does anything. The zygote (`zygote_main`, one per
`WarmPool`) has done that once; `spawn()` has it fork a fresh grading process, which then
runs as one started with `subprocess` would: its own session, environment, working folder
and file descriptors, `grader_main.main`. The `Forked` handle answers what the runner asks
of a `subprocess.Popen` (`pid`, `stdin`, `stdout`, `poll()`, `wait()`, `returncode`). Until
the zygote is ready, or once it is gone, `spawn()` returns None and the runner starts the
process itself. `close()` (or the app's death, which closes the socket) ends the zygote and
every process it forked. Learner code never runs in the zygote or its children: it runs in
the confined worker each grading process starts.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

SPAWN_TIMEOUT_S = 10.0


class Forked:
    """A grading process forked by the zygote (the subset of `subprocess.Popen` the runner uses)."""

    def __init__(self, pid: int, stdin, stdout):
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self.returncode: int | None = None
        self._ended = threading.Event()

    def _end(self, code: int) -> None:
        if self.returncode is None:
            self.returncode = code
        self._ended.set()

    def poll(self) -> int | None:
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if not self._ended.wait(timeout):
            raise subprocess.TimeoutExpired(f"grading process {self.pid}", timeout)
        return self.returncode


class Zygote:
    """A zygote process of this app (started at once; ready after its imports, a few seconds)."""

    def __init__(self, env: dict[str, str], cwd: Path):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.proc = subprocess.Popen(
                self._command(theirs.fileno()),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                cwd=cwd,
                pass_fds=(theirs.fileno(),),
                start_new_session=True,
            )
        finally:
            theirs.close()
        self.sock = ours
        self.gone = False
        self.dumpable = True  # as the zygote reports when ready (False: no same-uid ptrace of it)
        self.threads = 0  # its thread count when ready (1: safe to fork)
        self.unusable = ""  # why it ended without being ready (more than one thread)
        self.track_exits = True  # keep exit statuses of children not registered yet (see spawn)
        self._ready = threading.Event()
        self._pids: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self._children: dict[int, Forked] = {}
        self._early: dict[int, int] = {}  # exit statuses that came before spawn() registered the child
        self._spawning = threading.Lock()
        self._state = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    @property
    def ready(self) -> bool:
        return self._ready.is_set() and not self.gone

    def wait_ready(self, timeout: float) -> bool:
        self._ready.wait(timeout)
        return self.ready

    def _command(self, sock_fd: int) -> list[str]:
        return [sys.executable, "-I", "-B", str(Path(__file__).with_name("zygote_main.py")), str(sock_fd)]

    def spawn(self, argv: list[str], *, env: dict[str, str], cwd: Path, fds: dict[int, int]) -> Forked | None:
        """Fork a grading process running `grader_main.main(argv)`, with `fds` (argv position: our
        descriptor) passed to it; its stdin and stdout (stderr too) are new pipes. None when not ready."""
        if not self.ready:
            return None
        stdin_r, stdin_w = os.pipe()
        out_r, out_w = os.pipe()
        try:
            pid = self._fork({"argv": argv, "env": env, "cwd": str(cwd), "fd_args": list(fds)},
                             [stdin_r, out_w, *fds.values()])
        finally:
            os.close(stdin_r)
            os.close(out_w)
        if pid is None:
            os.close(stdin_w)
            os.close(out_r)
            return None
        child = Forked(pid, os.fdopen(stdin_w, "wb"), os.fdopen(out_r, "rb"))
        with self._state:
            self._children[pid] = child
            if pid in self._early:
                child._end(self._early.pop(pid))
        return child

    def _fork(self, header: dict, fds: list[int]) -> int | None:
        """Have the zygote fork a child for `header` with `fds`; its pid, or None (then the zygote is
        closed: wedged or gone, and the runner starts processes itself from now on)."""
        with self._spawning:
            try:
                socket.send_fds(self.sock, [json.dumps(header).encode()], fds)
                pid = self._pids.get(timeout=SPAWN_TIMEOUT_S)
            except (OSError, queue.Empty):
                pid = None
        if pid is None:
            self.close()
        return pid

    def close(self) -> None:
        """End the zygote and every grading process it forked."""
        self.gone = True
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def _read(self) -> None:
        while True:
            try:
                data = self.sock.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            message = json.loads(data)
            if "ready" in message:
                self.dumpable = bool(message["dumpable"])
                self.threads = int(message["threads"])
                self._ready.set()
            elif "unusable" in message:
                self.unusable = str(message["unusable"])
            elif "pid" in message:
                self._pids.put(int(message["pid"]))
            elif "exit" in message:
                pid, code = int(message["exit"]), int(message["code"])
                with self._state:
                    child = self._children.pop(pid, None)
                    if child is None and self.track_exits:
                        self._early[pid] = code
                if child is not None:
                    child._end(code)
        self.gone = True
        self._ready.set()  # wait_ready() returns now (not ready)
        self._pids.put(None)
        self.sock.close()
        with self._state:
            children, self._children = list(self._children.values()), {}
        for child in children:  # the zygote died first: nobody reports their end now
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except OSError:
                pass
            child._end(-signal.SIGKILL)
