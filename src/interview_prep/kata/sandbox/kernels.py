"""librosa's numba kernels: compiled once, by one process, then only copied.

numba caches a gufunc's kernel and its wrapper in two files whose symbol names come from
a counter local to the compiling process. When two processes fill one cache, a wrapper
can call a kernel that is not there and the next process to load the pair crashes (numba
issue #10128; seen here as a learner worker ending with SIGSEGV inside `librosa.yin`,
its cache copied from a grading process's). So no grading process or worker writes a
shared cache: `ensure()` compiles the kernels once, in one process under a file lock,
into a folder renamed into place; each grading process and worker copies that folder
(`seed()`) into a private cache and writes only there.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from interview_prep import paths

STAMP = "stamp.json"
BUILD_TIMEOUT_S = 900


def folder() -> Path:
    """The published kernels of this Python environment (read by everyone, written only by
    `ensure`); each environment sharing the cache has its own."""
    digest = hashlib.sha256(json.dumps(_stamp(), sort_keys=True).encode()).hexdigest()[:16]
    return paths.cache_dir() / "numba-kernels" / digest


@functools.cache
def _stamp() -> dict:
    versions = {name: metadata.version(name) for name in ("numba", "llvmlite", "librosa", "numpy")}
    return {"versions": versions, "python": sys.version, "prefix": sys.prefix}


def current() -> bool:
    """Whether the published kernels were built for the installed libraries."""
    try:
        return json.loads((folder() / STAMP).read_text()) == _stamp()
    except (OSError, ValueError):
        return False


@functools.cache
def ensure() -> Path:
    """Publish the kernels if they are missing or stale (about 30 s, once; a note on stderr).
    Once per process: a build that failed is not retried on every check."""
    from filelock import FileLock

    target = folder()
    if current():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target.with_name(f"{target.name}.lock"))):
        if current():  # another process built them while we waited
            return target
        print("[interview-prep] compiling librosa's numba kernels (once, about 30 s)", file=sys.stderr, flush=True)
        build = Path(tempfile.mkdtemp(prefix="numba-kernels.build-", dir=target.parent))
        try:
            env = {key: value for key, value in os.environ.items() if not key.startswith("NUMBA_")}
            try:
                subprocess.run([sys.executable, "-I", "-B", "-m", __name__], check=True, timeout=BUILD_TIMEOUT_S,
                               env=env | {"NUMBA_CACHE_DIR": str(build), "OMP_NUM_THREADS": "1"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            except (OSError, subprocess.SubprocessError) as exc:
                detail = getattr(exc, "stderr", b"") or b""
                print(f"[interview-prep] compiling the kernels failed ({exc}); grading compiles them per run\n"
                      + detail.decode(errors="replace")[-2000:], file=sys.stderr, flush=True)
                return target
            (build / STAMP).write_text(json.dumps(_stamp()))
            old = target.with_name(f"{build.name}.old")
            if target.exists():
                target.rename(old)
            build.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(build, ignore_errors=True)
    return target


def seed(into: Path, source: Path | None = None) -> None:
    """Start the private cache `into` from the published kernels; left empty if they are
    missing or a copy fails (a partial pair of files is what crashes numba)."""
    source = source or folder()
    into.mkdir(parents=True, exist_ok=True)
    if not source.is_dir():
        return
    try:
        shutil.copytree(source, into, dirs_exist_ok=True)
    except (OSError, shutil.Error):
        shutil.rmtree(into, ignore_errors=True)
        into.mkdir(parents=True, exist_ok=True)


def _compile() -> None:
    """Call the librosa functions whose kernels numba caches (pitch, onsets, splitting, features)."""
    import librosa
    import numpy as np

    rate = 16000
    t = np.arange(rate, dtype=np.float32) / rate
    y = (0.3 * np.sin(2 * np.pi * 140 * t) * (t > 0.3)).astype(np.float32)
    for dtype in (np.float32, np.float64):
        x = y.astype(dtype)
        librosa.pyin(x, fmin=60, fmax=400, sr=rate, frame_length=1024, hop_length=160)
        librosa.yin(x, fmin=60, fmax=400, sr=rate)
        librosa.onset.onset_detect(y=x, sr=rate)
        librosa.effects.split(x, top_db=30)
        librosa.feature.mfcc(y=x, sr=rate)
        librosa.istft(librosa.stft(x))


if __name__ == "__main__":
    _compile()
