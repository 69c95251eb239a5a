"""Small on-disk cache of generated audio, keyed by (generator, version, params, seed).

Items live under `paths.cache_dir()/"audio"/<generator>/<key>.npz` (audio + JSON truth),
are written atomically, and the least recently used files are pruned once the cache
grows beyond `MAX_CACHE_BYTES`. Only int seeds are cacheable: a Generator's later draws
depend on what the generator consumed, which a cache hit would skip. An item is what the
process that built it got: speech built with another torch thread count differs in its last
bits (about 1e-5; graders compare fresh syntheses only, all made with one thread).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from interview_prep import paths
from interview_prep.audio.items import AudioItem

MAX_CACHE_BYTES = 256 * 1024 * 1024
T = TypeVar("T", bound=AudioItem)


def cache_root() -> Path:
    """Folder of the synthetic-audio cache."""
    return paths.cache_dir() / "audio"


def cache_key(generator: str, version: int, params: dict[str, Any], seed: int) -> str:
    """Stable hash of everything that determines a generated item."""
    blob = json.dumps([generator, version, params, seed], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def cached(
    generator: str,
    version: int,
    params: dict[str, Any],
    seed: int,
    build: Callable[[], T],
    item_type: type[T],
) -> T:
    """Return the cached item for these inputs, or `build()` it and store it."""
    path = cache_root() / generator / f"{cache_key(generator, version, params, seed)}.npz"
    item = _read(path, item_type)
    if item is not None:
        return item
    item = build()
    _write(path, item)
    _prune(cache_root(), MAX_CACHE_BYTES)
    return item


def _read(path: Path, item_type: type[T]) -> T | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            audio = data["audio"]
            sample_rate = int(data["sample_rate"])
            truth = json.loads(str(data["truth"]))
        os.utime(path)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None  # missing or damaged: rebuild
    return item_type.from_truth(audio, sample_rate, truth)


def _write(path: Path, item: AudioItem) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(
                f,
                audio=np.asarray(item.audio, dtype=np.float32),
                sample_rate=np.int64(item.sample_rate),
                truth=np.str_(json.dumps(item.truth(), sort_keys=True)),
            )
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune(root: Path, max_bytes: int) -> None:
    files = []
    for path in root.rglob("*.npz"):
        try:
            st = path.stat()
        except FileNotFoundError:
            continue
        files.append((st.st_mtime, st.st_size, path))
    total = sum(size for _, size, _ in files)
    for _, size, path in sorted(files):
        if total <= max_bytes:
            break
        path.unlink(missing_ok=True)
        total -= size
