"""The kata catalog: `katas/<track>/<NN-slug>/kata.yaml` loaded into typed models.

Each kata folder holds `kata.yaml` (metadata and hints), `README.md` (the statement) and
the starter file(s) the learner edits. Reference solutions live in
`solutions/<track>/<NN-slug>/` and the hidden grader in
`interview_prep/graders/<track>/test_<NN>_<slug>.py`. A bad `kata.yaml` is reported with
its file, line and field.

Validation (pydantic, in `schema`) runs once per version of a file: the validated fields
are cached by content hash under the user cache, so loading the catalog imports neither
pydantic nor a YAML parser on the start-up path of the CLI and the TUI.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview_prep import __version__, paths
from interview_prep.errors import UserError

KATA_FILE = "kata.yaml"
STATEMENT_FILE = "README.md"
TRACKS = ("asr", "tts", "classify")
GRADERS_DIR = Path(__file__).resolve().parents[1] / "graders"
_SCHEMA_FILE = Path(__file__).with_name("schema.py")


@dataclass(frozen=True)
class Limits:
    """Resource limits of one grading run."""

    #: wall-clock seconds for the whole grader run (the process group is killed after it)
    timeout_s: float
    #: address-space cap of the grading process in MB (model-backed katas need a few GB)
    memory_mb: int


@dataclass(frozen=True)
class Kata:
    """One kata, as validated from its `kata.yaml` (see `schema.KataSpec` for the rules);
    paths are derived from its folder."""

    #: `<track>-<NN>-<slug>`, equal to the folder's track and name
    id: str
    title: str
    track: str
    #: day of the study week (1-7) the kata belongs to
    day: int
    #: 1 (warm-up) .. 3 (hard)
    difficulty: int
    #: estimated minutes to solve
    minutes: int
    #: the file(s) the learner edits (copied from the starter into the workspace)
    files: tuple[str, ...]
    #: the function(s) the grader calls
    functions: tuple[str, ...]
    #: ordered hints, revealed one at a time
    hints: tuple[str, ...]
    limits: Limits
    tags: tuple[str, ...]
    #: cached models the grader uses (asr, tts, events); empty for model-free katas
    models: tuple[str, ...] = ()
    #: library modules a prepared learner worker imports before the check (librosa's, say)
    warm_imports: tuple[str, ...] = ()
    #: the kata's content folder (kata.yaml, README.md, starters)
    dir: Path = field(default=Path("."), compare=False)

    @classmethod
    def from_fields(cls, data: dict[str, Any], folder: Path) -> Kata:
        """Build from validated kata.yaml fields (`schema.validate` output)."""
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        values["limits"] = Limits(**data["limits"])
        return cls(**values, dir=folder)

    @property
    def folder(self) -> str:
        """`<NN-slug>`: the folder name, also used in the workspace."""
        return self.dir.name

    @property
    def number(self) -> int:
        return int(self.folder.split("-", 1)[0])

    @property
    def slug(self) -> str:
        return self.folder.split("-", 1)[1]

    @property
    def rel_path(self) -> Path:
        """`<track>/<NN-slug>`: where the kata lives under katas/, solutions/ and a workspace."""
        return Path(self.track) / self.folder

    @property
    def statement_path(self) -> Path:
        return self.dir / STATEMENT_FILE

    @property
    def solution_dir(self) -> Path:
        return self.dir.parents[2] / "solutions" / self.rel_path

    @property
    def grader_path(self) -> Path:
        return GRADERS_DIR / self.track / f"test_{self.folder.replace('-', '_')}.py"

    def starter(self, name: str) -> Path:
        return self.dir / name


class CatalogError(UserError):
    """One or more kata.yaml files are invalid; `problems` lists each as 'file:line: text'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            "invalid kata catalog:\n  " + "\n  ".join(problems),
            hint="fix the named field(s); `interview-prep dev check` lists every problem",
        )


def _display(path: Path) -> str:
    """`katas/<track>/<folder>/kata.yaml`: the path relative to its content root."""
    return str(path.relative_to(path.parents[3])) if len(path.parents) > 3 else str(path)


def _cache_file(raw: bytes) -> Path:
    """Where the validated fields of a kata.yaml with these bytes are cached."""
    digest = hashlib.sha256(raw + _SCHEMA_FILE.read_bytes() + __version__.encode()).hexdigest()
    return paths.cache_dir() / "kata-catalog" / f"{digest[:32]}.json"


def _validated(raw: bytes, shown: str) -> dict[str, Any]:
    """Fields of a kata.yaml: from the cache, or validated (pydantic) and cached."""
    cache = _cache_file(raw)
    try:
        return json.loads(cache.read_text())
    except (OSError, ValueError):
        pass
    from interview_prep.kata.schema import validate

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CatalogError([f"{shown}: not UTF-8 text"]) from None
    data = validate(text, shown)
    try:  # best effort: a read-only cache only costs speed
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=cache.parent, delete=False, suffix=".tmp") as handle:
            json.dump(data, handle)
        os.replace(handle.name, cache)
    except OSError:
        pass
    return data


def load_kata(path: Path) -> Kata:
    """Load and validate one `kata.yaml`; raises CatalogError naming file, line and field."""
    shown = _display(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError([f"{shown}: cannot read: {exc.strerror}"]) from None
    kata = Kata.from_fields(_validated(raw, shown), path.parent)
    expected_id = f"{path.parent.parent.name}-{path.parent.name}"
    problems = []
    if kata.track != path.parent.parent.name:
        problems.append((f"track: {kata.track!r} but the kata is in {path.parent.parent.name}/", "track"))
    if kata.id != expected_id:
        problems.append((f"id: {kata.id!r} must be {expected_id!r} (<track>-<folder>)", "id"))
    if problems:
        from interview_prep.kata.schema import line_of

        text = raw.decode("utf-8")
        raise CatalogError([f"{shown}:{line_of(text, name)}: {message}" for message, name in problems])
    if not re.fullmatch(r"\d{2}-[a-z0-9]+(-[a-z0-9]+)*", path.parent.name):
        raise CatalogError([f"{shown}: folder {path.parent.name!r} must be named <NN>-<slug>"])
    return kata


class Catalog:
    """All katas in study order (day, track, number), with lookup by id, slug or prefix."""

    def __init__(self, katas: list[Kata], problems: list[str] | None = None):
        self.katas = sorted(katas, key=lambda k: (k.day, TRACKS.index(k.track), k.number))
        self._by_id = {k.id: k for k in self.katas}
        #: invalid kata.yaml files skipped by a non-strict load ('file:line: text')
        self.problems = list(problems or [])

    def __iter__(self) -> Iterator[Kata]:
        return iter(self.katas)

    def __len__(self) -> int:
        return len(self.katas)

    def ids(self) -> list[str]:
        return [k.id for k in self.katas]

    def get(self, ref: str) -> Kata:
        """Find a kata by id (`asr-03-ctc-greedy-decode`), path (`asr/03-…`), slug or unique prefix."""
        return self._by_id[resolve(ref, list(self._by_id))]

    def after(self, kata: Kata) -> list[Kata]:
        """The katas after `kata` in study order, then the ones before it (wrapping around)."""
        index = self.katas.index(kata)
        return self.katas[index + 1 :] + self.katas[:index]

    def next_unsolved(self, is_done: Callable[[Kata], bool], after: Kata | None = None) -> Kata | None:
        """The first kata in study order (after `after`, wrapping around) that `is_done` says is not solved."""
        return next((k for k in (self.after(after) if after else self.katas) if not is_done(k)), None)


def resolve(ref: str, ids: list[str]) -> str:
    """The kata id that `ref` names: an id, a path (`asr/03-…`), a slug or a unique id prefix."""
    ref = ref.strip().strip("/").replace("/", "-")
    if ref in ids:
        return ref
    matches = [i for i in ids if i.split("-", 2)[-1] == ref or i.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UserError(f"{ref!r} matches several katas: {', '.join(matches)}", hint="give more of the id")
    raise UserError(f"no kata {ref!r}", hint="`interview-prep list` shows every kata id")


def find_kata(ref: str, root: Path | None = None) -> Kata:
    """Load only the kata that `ref` names (ids come from folder names, so nothing else is parsed)."""
    files = {f"{path.parent.parent.name}-{path.parent.name}": path for path in kata_files(root)}
    return load_kata(files[resolve(ref, list(files))])


def kata_files(root: Path | None = None) -> list[Path]:
    """Every `kata.yaml` under the katas folder, sorted."""
    root = root or paths.katas_dir()
    return sorted(root.glob(f"*/*/{KATA_FILE}"))


def load_catalog(root: Path | None = None, *, strict: bool = True) -> Catalog:
    """Load every kata; invalid files raise one CatalogError listing all problems.

    With `strict=False` invalid katas are skipped instead and listed in `Catalog.problems`.
    """
    katas: list[Kata] = []
    problems: list[str] = []
    for path in kata_files(root):
        try:
            katas.append(load_kata(path))
        except CatalogError as exc:
            problems.extend(exc.problems)
    seen: dict[str, Path] = {}
    for kata in katas:
        if kata.id in seen:
            problems.append(f"{_display(kata.dir / KATA_FILE)}: id {kata.id!r} also used by {_display(seen[kata.id])}")
        seen.setdefault(kata.id, kata.dir / KATA_FILE)
    if problems and strict:
        raise CatalogError(problems)
    unique = {k.id: k for k in reversed(katas)}
    return Catalog(list(unique.values()), problems)
