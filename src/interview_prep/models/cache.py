"""The local model cache: versioned folders, atomic locked builds, verified manifests.

Layout under `paths.cache_dir()/models/`: one `<name>-v<version>/` folder per model with a
`manifest.json` (source packages and versions, sha256 and size of each file, build time)
written last. A folder without a valid manifest, or whose files do not match it, is
corrupt: it is moved aside and rebuilt, with a message. Builds happen in a temporary
folder renamed into place, under a file lock, so two processes never build the same
model at once and nobody ever sees a half-written model. No hub is ever contacted.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from interview_prep import __version__, paths
from interview_prep.errors import UserError
from interview_prep.models.registry import SPECS, ModelSpec

MANIFEST = "manifest.json"
Report = Callable[[str, float], None]

_verified: set[Path] = set()  # folders fully verified by this process


@dataclass
class ModelStatus:
    name: str
    path: Path
    state: str  # ok | missing | corrupt
    detail: str = ""
    size_bytes: int = 0
    built_at: str = ""
    sources: dict[str, str] | None = None
    build_seconds: float | None = None


def models_root() -> Path:
    return paths.cache_dir() / "models"


def spec_for(name: str) -> ModelSpec:
    try:
        return SPECS[name]
    except KeyError:
        raise UserError(f"unknown model {name!r}", hint=f"choose one of: {', '.join(SPECS)}") from None


def model_dir(name: str) -> Path:
    return models_root() / spec_for(name).folder_name


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _problem(folder: Path, full: bool) -> str | None:
    """Why `folder` is not a complete model, or None when it is."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
        files = manifest["files"]
    except FileNotFoundError:
        return "no manifest (build never finished)"
    except (ValueError, KeyError, TypeError) as exc:
        return f"unreadable manifest ({exc})"
    for rel, meta in files.items():
        path = folder / rel
        if not path.is_file():
            return f"{rel} is missing"
        if path.stat().st_size != meta["size"]:
            return f"{rel} has {path.stat().st_size} bytes, expected {meta['size']}"
        if full and _sha256(path) != meta["sha256"]:
            return f"{rel} does not match its sha256"
    return None


def status(name: str, full: bool = True) -> ModelStatus:
    """The state of one model's folder (full=True also checks every sha256)."""
    folder = model_dir(name)
    if not folder.exists():
        return ModelStatus(name, folder, "missing", "not built yet")
    problem = _problem(folder, full)
    if problem:
        return ModelStatus(name, folder, "corrupt", problem)
    manifest = json.loads((folder / MANIFEST).read_text())
    size = sum(meta["size"] for meta in manifest["files"].values())
    return ModelStatus(
        name, folder, "ok", "", size, manifest["built_at"], manifest["sources"], manifest.get("build_seconds")
    )


def _source_versions(spec: ModelSpec) -> dict[str, str]:
    versions = {}
    for package in spec.source_packages:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            raise UserError(
                f"cannot build model {spec.name!r}: source package {package!r} is not installed",
                hint="reinstall interview-prep with its dependencies: pip install -e '.[test]'",
            ) from None
    return versions


def _stderr_report(name: str) -> Report:
    def report(step: str, fraction: float) -> None:
        print(f"[interview-prep] building model {name!r}: {step} ({fraction:.0%})", file=sys.stderr, flush=True)

    return report


def _build_into(spec: ModelSpec, target: Path, report: Report) -> None:
    sources = _source_versions(spec)
    module_name, func_name = spec.builder.split(":")
    builder = getattr(importlib.import_module(module_name), func_name)
    root = target.parent
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{spec.folder_name}-", dir=root))
    try:
        started = time.perf_counter()
        _quiet_transformers()
        extra = builder(tmp, report) or {}
        files = {}
        for path in sorted(p for p in tmp.rglob("*") if p.is_file()):
            files[path.relative_to(tmp).as_posix()] = {"sha256": _sha256(path), "size": path.stat().st_size}
        manifest = {
            "name": spec.name,
            "version": spec.version,
            "description": spec.description,
            "sources": sources,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": round(time.perf_counter() - started, 2),
            "interview_prep": __version__,
            "files": files,
            "info": extra,
        }
        with open(tmp / MANIFEST, "w") as fh:
            json.dump(manifest, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            _discard(target)
        os.replace(tmp, target)
        report("done", 1.0)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _discard(folder: Path) -> None:
    trash = folder.with_name(f".trash-{folder.name}-{os.getpid()}-{time.time_ns()}")
    os.replace(folder, trash)
    shutil.rmtree(trash, ignore_errors=True)


def _quiet_transformers() -> None:
    from transformers.utils import logging

    logging.disable_progress_bar()


def ensure(name: str, report: Report | None = None, force: bool = False) -> Path:
    """Return the folder of a verified model, building (or rebuilding) it first if needed."""
    from filelock import FileLock

    spec = spec_for(name)
    folder = model_dir(name)
    if not force and folder in _verified:
        return folder
    root = folder.parent
    root.mkdir(parents=True, exist_ok=True)
    report = report or _stderr_report(name)
    if not force and folder.exists() and _problem(folder, full=True) is None:
        _verified.add(folder)
        return folder
    with FileLock(str(root / f"{spec.folder_name}.lock")):
        # Another process may have finished the build while we waited for the lock.
        problem = _problem(folder, full=True) if folder.exists() else None
        if force or problem or not folder.exists():
            if problem and not force:
                print(f"[interview-prep] model {name!r} is corrupt ({problem}); rebuilding", file=sys.stderr)
            try:
                _build_into(spec, folder, report)
            except UserError:
                raise
            except Exception as exc:
                raise UserError(
                    f"building model {name!r} failed: {type(exc).__name__}: {exc}",
                    hint=f"run `interview-prep models build {name} --force`; if it fails again, "
                    "reinstall the source packages",
                ) from exc
    _verified.add(folder)
    return folder
