"""Entry point of the grading zygote (started by `zygote.Zygote`, never imported by the app).

It imports what every model-backed grading process needs (torch, transformers and its
pipelines, pytest, the grading modules: about 4 s of CPU) and loads the weights of the
models already built, but runs no inference: it must stay one thread to be safe to fork,
and says `ready` only if it is. Then it forks one grading process per request. A request
carries `grader_main`'s arguments, the environment and working folder
of a fresh process, and its file descriptors (stdin, stdout and stderr, progress, verdict);
the child starts a new session, takes them, replaces its environment and runs
`grader_main.main`. The zygote reports each child's exit status, and when the app's end of
the socket closes (the app ended or was killed) it ends every child and exits. It runs no
learner code: learner code runs only in the confined worker each grading process starts.

Usage: python -I -B zygote_main.py SOCKET_FD
"""

from __future__ import annotations

import ctypes
import json
import os
import select
import signal
import socket
import sys
import time
from pathlib import Path

PR_GET_DUMPABLE = 3
PR_SET_DUMPABLE = 4
MAX_MESSAGE = 1 << 20
SETTLE_S = 5.0  # how long threads started while loading may take to end
MODELS = ("asr", "tts", "events")  # loaded, never run: no inference before a fork


def _preload() -> None:
    """Import, and load the weights of every model already built (never build one: the app does
    that, with progress)."""
    import numpy  # noqa: F401
    import pytest  # noqa: F401
    import torch
    import tqdm
    import transformers.pipelines  # noqa: F401

    import interview_prep.kata.grading  # noqa: F401
    import interview_prep.kata.sandbox.grader_main  # noqa: F401
    import interview_prep.kata.sandbox.reporter  # noqa: F401
    from interview_prep import models
    from interview_prep.models import cache

    torch.set_num_threads(1)
    tqdm.tqdm.monitor_interval = 0  # no monitor thread from the loading bars: one thread, fork-safe
    for name in MODELS:
        if cache.status(name, full=False).state == "ok":
            getattr(models, f"{name}_pipeline")()


def send(sock: socket.socket, message: dict) -> None:
    try:
        sock.send(json.dumps(message).encode())
    except OSError:
        pass


def leave_zygote(sock: socket.socket, started: int) -> None:
    """First steps of a forked child: drop the zygote's socket, lead a session of its own (then close
    `started`: the app may signal the group), default signal handling."""
    sock.close()
    os.setsid()
    os.close(started)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)


def _child(sock: socket.socket, header: dict, fds: list[int], started: int) -> None:
    """In the forked child: become the grading process the request describes (never returns).
    `started` is closed once this process leads its own session (the app may then signal the group)."""
    code = 1
    try:
        leave_zygote(sock, started)
        stdin, output, *passed = fds
        os.dup2(stdin, 0)
        os.dup2(output, 1)
        os.dup2(output, 2)
        for fd in (stdin, output):
            os.close(fd)
        argv = [str(a) for a in header["argv"]]
        for index, fd in zip(header["fd_args"], passed, strict=True):
            os.set_inheritable(fd, False)
            argv[index] = str(fd)
        os.chdir(header["cwd"])
        os.environ.clear()
        os.environ.update(header["env"])
        import tempfile

        tempfile.tempdir = None  # TMPDIR is read again
        from interview_prep.kata.sandbox import grader_main

        sys.argv = [grader_main.__file__, *argv]
        code = grader_main.main(argv)
    except BaseException:  # noqa: BLE001 - whatever happens, this process must not return into the loop
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _reap(sock: socket.socket, children: set[int]) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        children.discard(pid)
        send(sock, {"exit": pid, "code": os.waitstatus_to_exitcode(status)})


def _end_children(children: set[int]) -> None:
    for pid in children:
        try:
            os.killpg(pid, signal.SIGTERM)  # the grading process ends its worker tree on SIGTERM
        except OSError:
            pass


def undumpable() -> int:
    """Forbid same-uid ptrace and /proc/PID/mem of this process (inherited by its forks); the
    dumpable flag as it is now (0: done)."""
    if sys.platform != "linux":
        return 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    return libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0)


def _threads() -> int:
    return len(os.listdir("/proc/self/task")) if sys.platform == "linux" else 1


def serve(sock: socket.socket, preload, child) -> int:
    """A zygote's life: `preload()`, say ready once this process is one thread, then fork
    `child(sock, header, fds, started)` per request (it closes `started` once it leads its own
    session, and never returns), report pids and exit statuses; end the children when the app's
    end of `sock` closes."""
    dumpable = undumpable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    preload()
    threads = _threads()
    deadline = time.monotonic() + SETTLE_S
    while threads != 1 and time.monotonic() < deadline:  # a loader's pool thread may still be ending
        time.sleep(0.01)
        threads = _threads()
    if threads != 1:  # a thread could hold a lock the forked child would wait on forever
        send(sock, {"unusable": f"{threads} threads after loading"})
        return 1
    send(sock, {"ready": True, "dumpable": dumpable, "threads": threads})
    children: set[int] = set()
    while True:
        readable = select.select([sock], [], [], 0.05)[0]
        _reap(sock, children)
        if not readable:
            continue
        try:
            message, fds, _, _ = socket.recv_fds(sock, MAX_MESSAGE, 8)
        except OSError:
            message, fds = b"", []
        if not message:  # the app is gone: end what it started
            _end_children(children)
            return 0
        sys.stdout.flush()
        sys.stderr.flush()
        started_r, started_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(started_r)
            child(sock, json.loads(message), fds, started_w)
        os.close(started_w)
        os.read(started_r, 1)  # returns when the child has its own session (or died)
        os.close(started_r)
        for fd in fds:
            os.close(fd)
        children.add(pid)
        send(sock, {"pid": pid})


def main(argv: list[str]) -> int:
    package_parent = str(Path(__file__).resolve().parents[3])
    if package_parent not in sys.path:
        sys.path.insert(0, package_parent)
    return serve(socket.socket(fileno=int(argv[0])), _preload, _child)

if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(code)
