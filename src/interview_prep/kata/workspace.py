"""The learner's workspace: statements and starters copied out of the catalog.

Layout: `<workspace>/<track>/<NN-slug>/` holds the kata's README.md and starter file(s).
A marker file at the root identifies a workspace, so commands run inside one find it.
`init` never overwrites a file that exists; `reset` restores one kata's starters after
saving the learner's version as `<file>.bak-<time>`.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from interview_prep.errors import UserError
from interview_prep.kata.catalog import STATEMENT_FILE, Catalog, Kata

MARKER = ".interview-prep-workspace"


@dataclass
class InitReport:
    """What `init_workspace` did: files created and files left as they were."""

    root: Path
    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    #: content files that should exist but do not (a packaging problem; reported, not fatal)
    missing: list[Path] = field(default_factory=list)


def kata_dir(workspace: Path, kata: Kata) -> Path:
    """The kata's folder inside a workspace."""
    return workspace / kata.rel_path


def learner_files(workspace: Path, kata: Kata) -> list[Path]:
    """The files the learner edits for `kata`, inside the workspace."""
    return [kata_dir(workspace, kata) / name for name in kata.files]


def init_workspace(catalog: Catalog, root: Path) -> InitReport:
    """Copy every kata's statement and starters into `root`, keeping files that exist."""
    root = Path(root).expanduser().resolve()
    if root.exists() and not root.is_dir():
        raise UserError(f"{root} exists and is not a folder", hint="choose another workspace folder")
    report = InitReport(root)
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text("interview-prep kata workspace\n")
    for kata in catalog:
        target = kata_dir(root, kata)
        target.mkdir(parents=True, exist_ok=True)
        for name in (STATEMENT_FILE, *kata.files):
            dest = target / name
            if dest.exists():
                report.kept.append(dest)
                continue
            if not (kata.dir / name).is_file():
                report.missing.append(kata.dir / name)
                continue
            shutil.copyfile(kata.dir / name, dest)
            report.created.append(dest)
    return report


def find_workspace(explicit: Path | None, remembered: str | None, default: Path, cwd: Path | None = None) -> Path:
    """The workspace to use: `--workspace`, else the one containing `cwd`, else the remembered
    one (from `init`), else the default folder. Raises UserError if it was never created."""
    if explicit is not None:
        candidates = [Path(explicit).expanduser().resolve()]
    else:
        here = (cwd or Path.cwd()).resolve()
        enclosing = next((p for p in (here, *here.parents) if (p / MARKER).is_file()), None)
        candidates = [p for p in (enclosing, Path(remembered) if remembered else None, default) if p is not None]
    for candidate in candidates:
        if (candidate / MARKER).is_file():
            return candidate
    raise UserError(
        f"no kata workspace at {candidates[0]}", hint=f"create one with `interview-prep init {candidates[0]}`"
    )


def reset_kata(workspace: Path, kata: Kata) -> list[tuple[Path, Path | None]]:
    """Restore the starter file(s) of `kata`; returns (file, backup or None) pairs."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    done = []
    folder = kata_dir(workspace, kata)
    folder.mkdir(parents=True, exist_ok=True)
    for name in kata.files:
        dest = folder / name
        backup = None
        if dest.exists():
            if dest.read_bytes() == kata.starter(name).read_bytes():
                done.append((dest, None))
                continue
            backup = dest.with_name(f"{name}.bak-{stamp}")
            counter = 1
            while backup.exists():
                backup = dest.with_name(f"{name}.bak-{stamp}-{counter}")
                counter += 1
            shutil.copy2(dest, backup)
        shutil.copyfile(kata.starter(name), dest)
        done.append((dest, backup))
    statement = folder / STATEMENT_FILE
    if not statement.exists():
        shutil.copyfile(kata.statement_path, statement)
    return done
