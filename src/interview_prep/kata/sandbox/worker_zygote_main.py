"""Entry point of the worker zygote: inside bubblewrap, it forks one confined learner worker per run.

Started by `worker_zygote.WorkerZygote` inside the same bubblewrap view a started worker
gets, except that instead of one run's folders it sees the pool's runs folder. It imports
numpy, torch, transformers and its pipelines and loads the weights of every model already
built (no inference, one thread: safe to fork), so a worker pays nothing of that per run.

Per run the app sends a socket whose other end goes to that run's grading process. The
zygote forks a keeper for it, which waits for the grading process's request (the run's
name, environment and limits, and the worker's stdin, stdout and stderr) and then:

- enters new user, mount, pid, IPC and network namespaces;
- mounts a fresh size-capped /tmp and /dev/shm (what the view had mounted under /tmp, such
  as the package when it lives there, is mounted back read-only), and hides the runs folder
  behind an empty read-only one in which only this run's work folder (writable) and inbox
  (read-only) are mounted back: no other run, and not the grading process's private folder;
- drops every capability (bounding set included), locks the securebits and sets
  no_new_privs: learner code can remount or unmount none of this, and nested namespaces
  it makes lock these mounts in place;
- forks the run's init (pid 1 of the new pid namespace; when it ends, every process of the
  run ends) which forks the worker: limits, descriptors, environment and fresh random
  seeds, then `worker.main`.

The keeper reports the worker's exit status on the socket and kills the run's init when
the grading process closes its end (or dies). Every process here is undumpable.

Usage: python -I -B -m interview_prep.kata.sandbox.worker_zygote_main SOCKET_FD RUNS_DIR
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import select
import signal
import socket
import sys
from pathlib import Path

from interview_prep.kata.sandbox import confine, zygote_main

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT = 1, 2, 4, 32
MS_BIND, MS_MOVE, MS_REC, MS_PRIVATE = 4096, 8192, 16384, 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
PR_CAPBSET_DROP = 24
PR_SET_SECUREBITS = 28
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
#: noroot, no_setuid_fixup and keep_caps off, each locked: running as uid 0 gives no capability
SECUREBITS = 0b101111
SHM_BYTES = confine.TMP_BYTES

_libc = ctypes.CDLL(None, use_errno=True)


class IsolationError(Exception):
    """A step of isolating a run failed (the run is then not started)."""


def _check(result: int, what: str) -> None:
    if result != 0:
        raise IsolationError(f"{what}: {os.strerror(ctypes.get_errno())}")


def _mount(source: str | None, target: str | Path, fstype: str | None, flags: int, data: str | None = None) -> None:
    args = [None if value is None else str(value).encode() for value in (source, target, fstype)]
    _check(_libc.mount(*args, ctypes.c_ulong(flags), None if data is None else data.encode()), f"mount {target}")


def _preload() -> None:
    """Import what learner code of model-backed katas imports and load the built models' weights
    (never run them)."""
    import numpy  # noqa: F401
    import soundfile  # noqa: F401
    import torch
    import tqdm
    import transformers.pipelines  # noqa: F401

    from interview_prep import models
    from interview_prep.models import cache

    torch.set_num_threads(1)
    tqdm.tqdm.monitor_interval = 0
    for name in zygote_main.MODELS:
        if cache.status(name, full=False).state == "ok":
            getattr(models, f"{name}_pipeline")()


def _isolate(runs: Path, run: Path) -> None:
    """New namespaces, this run's mounts only, no capabilities (see the module docstring)."""
    uid, gid = os.getuid(), os.getgid()
    _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWNET), "unshare")
    Path("/proc/self/setgroups").write_text("deny")
    Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")  # the zygote's uid is never 0 (confine)
    Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    # what stays visible under the fresh /tmp: the view's mounts there (the package, a virtualenv or the
    # models when they live under /tmp), read-only, and this run's work folder and inbox
    keep = {path: True for path in _mounts_under(Path("/tmp")) if path != runs and runs not in path.parents}
    keep |= {run / "work": False, run / "inbox": True}
    stage = confine.ZYGOTE_STAGE  # they wait here while /tmp and the runs folder are covered
    _mount("tmpfs", stage, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0700")
    for index, path in enumerate(keep):
        _mount(str(path), _placeholder(stage / str(index), path), None, MS_BIND)
    _mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, f"size={confine.TMP_BYTES},mode=1777")
    _mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, f"size={SHM_BYTES},mode=1777")
    runs.mkdir(parents=True, exist_ok=True)  # in the fresh /tmp, when the runs folder is under /tmp
    _mount("tmpfs", runs, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755")
    for index, (path, readonly) in enumerate(keep.items()):
        _mount(str(stage / str(index)), _placeholder(path, stage / str(index)), None, MS_MOVE)
        if readonly:
            _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    _mount(None, runs, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    _check(_libc.umount2(str(stage).encode(), MNT_DETACH), "unmount the stage")
    _drop_capabilities()


def _mounts_under(root: Path) -> list[Path]:
    """Mount points strictly under `root`, in mount order (a parent before what is mounted inside it)."""
    found = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        point = Path(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), line.split()[4]))
        if root in point.parents and point not in found:
            found.append(point)
    return found


def _placeholder(path: Path, like: Path) -> Path:
    """`path`, made (with its parents) as an empty folder or file like `like`, if missing."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        if like.is_dir():
            path.mkdir()
        else:
            path.touch()
    return path


def _drop_capabilities() -> None:
    cap = 0
    while _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0:
        cap += 1
    _check(_libc.prctl(PR_SET_SECUREBITS, SECUREBITS, 0, 0, 0), "securebits")
    _check(_libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "ambient capabilities")
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable (x2): all empty
    _check(_libc.capset(header, data), "capset")
    status = dict(line.split(":\t", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":\t" in line)
    for field in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
        if int(status[field], 16):
            raise IsolationError(f"{field} is {status[field].strip()} after dropping capabilities")


def _keeper(runs: Path, sock: socket.socket, header: dict, fds: list[int], started: int) -> None:
    """The forked keeper of one run (never returns): see the module docstring."""
    try:
        zygote_main.leave_zygote(sock, started)
        conn = socket.socket(fileno=fds[0])
        message, pipes, _, _ = socket.recv_fds(conn, zygote_main.MAX_MESSAGE, 3)
        if not message or len(pipes) != 3:
            os._exit(0)
        request = json.loads(message)
        name = str(request["run"])
        run = runs / name
        if Path(name).name != name or name in ("", ".", "..") or not (run / "work").is_dir():
            zygote_main.send(conn, {"error": f"no such run: {name!r}"})
            os._exit(0)
        try:
            _isolate(runs, run)
        except (IsolationError, OSError) as exc:
            zygote_main.send(conn, {"error": f"could not isolate the run: {exc}"})
            os._exit(0)
        status_r, status_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            conn.close()
            os.close(status_r)
            _init(request, pipes, status_w, run / "work")
        for fd in (*pipes, status_w):
            os.close(fd)
        zygote_main.send(conn, {"pid": pid})
        os._exit(_watch(conn, pid, status_r))
    except BaseException:  # noqa: BLE001 - never return into the zygote's loop
        os._exit(1)


def _watch(conn: socket.socket, init: int, status_r: int) -> int:
    """Wait for the run's end or the grading process's hang-up (then kill the run); report how
    the worker ended."""
    pidfd = os.pidfd_open(init)
    while True:
        readable = select.select([conn, pidfd], [], [])[0]
        if pidfd in readable:
            break
        try:
            data = conn.recv(1024)
        except OSError:
            data = b""
        if not data:
            os.kill(init, signal.SIGKILL)
            break
    os.waitpid(init, 0)
    raw = os.read(status_r, 64)
    code = os.waitstatus_to_exitcode(int(raw)) if raw.strip().isdigit() else -int(signal.SIGKILL)
    zygote_main.send(conn, {"exit": code})
    return 0


def _init(request: dict, pipes: list[int], status_w: int, work: Path) -> None:
    """Pid 1 of the run's pid namespace: fork the worker, reap, pass on its status, end the run."""
    try:
        _libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        worker = os.fork()
        if worker == 0:
            os.close(status_w)
            _worker(request, pipes, work)
        for fd in pipes:
            os.close(fd)
        while True:
            pid, status = os.wait()
            if pid == worker:
                os.write(status_w, str(status).encode())
                os._exit(0)
    except BaseException:  # noqa: BLE001
        os._exit(1)


def _worker(request: dict, pipes: list[int], work: Path) -> None:
    """Become the run's learner worker (never returns)."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a started Python process
        confine.limit_resources(int(request["memory_mb"]), int(request["cpu_s"]), int(request["processes"]))
        for target, fd in enumerate(pipes):
            os.dup2(fd, target)
        os.closerange(3, 1 << 16)
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in request["env"].items()})
        import random
        import tempfile

        import numpy
        import torch

        tempfile.tempdir = None  # TMPDIR is read again
        random.seed()  # a started worker's random state differs per run: so does a forked one's
        numpy.random.seed()
        torch.seed()
        from interview_prep.kata.sandbox import worker

        sys.argv = [worker.__file__, str(work)]
        worker.main([str(work)])
        code = 0
    except BaseException:  # noqa: BLE001
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
        finally:
            os._exit(code)


def main(argv: list[str]) -> int:
    runs = Path(argv[1])
    return zygote_main.serve(socket.socket(fileno=int(argv[0])), _preload,
                             lambda *request: _keeper(runs, *request))


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(code)
