"""Validation of `kata.yaml`: the pydantic schema and errors with file, line and field.

`catalog.load_kata` calls `validate()` only for files it has not validated before (the
result is cached by content), so pydantic and the YAML parser stay off the start-up
path of the CLI and the TUI.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from interview_prep.kata.catalog import CatalogError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~30x faster

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
FileName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.py$")]
Tag = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
ModuleName = Annotated[str, StringConstraints(pattern=r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")]


class LimitsSpec(BaseModel):
    """Resource limits of one grading run."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: wall-clock seconds for the whole grader run (the process group is killed after it)
    timeout_s: float = Field(gt=0, le=900)
    #: address-space cap of the grading process in MB (model-backed katas need a few GB)
    memory_mb: int = Field(ge=128, le=32768)


class KataSpec(BaseModel):
    """The fields of a `kata.yaml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: `<track>-<NN>-<slug>`, equal to the folder's track and name
    id: Annotated[str, StringConstraints(pattern=r"^[a-z]+-\d{2}-[a-z0-9]+(-[a-z0-9]+)*$")]
    title: NonEmpty
    track: Literal["asr", "tts", "classify"]
    #: day of the study week (1-7) the kata belongs to
    day: int = Field(ge=1, le=7)
    #: 1 (warm-up) .. 3 (hard)
    difficulty: int = Field(ge=1, le=3)
    #: estimated minutes to solve
    minutes: int = Field(ge=1, le=240)
    #: the file(s) the learner edits (copied from the starter into the workspace)
    files: list[FileName] = Field(min_length=1)
    #: the function(s) the grader calls
    functions: list[Identifier] = Field(min_length=1)
    #: ordered hints, revealed one at a time
    hints: list[NonEmpty] = Field(min_length=1)
    limits: LimitsSpec
    tags: list[Tag] = Field(min_length=1)
    #: cached models the grader uses (asr, tts, events); empty for model-free katas
    models: list[Literal["asr", "tts", "events"]] = Field(default_factory=list)
    #: library modules the learner worker imports while it waits for a check (never learner code):
    #: the first librosa call in a fresh process otherwise spends about 1.1 s importing scipy and numba
    warm_imports: list[ModuleName] = Field(default_factory=list)


def _node_at(node: yaml.Node, loc: tuple[Any, ...]) -> yaml.Node:
    """The deepest YAML node along a pydantic error location (for its line number)."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            if match is None:
                key = next((k for k, _ in node.value if getattr(k, "value", None) == part), None)
                return key if key is not None else node
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
    return node


def _parse(text: str, shown: str) -> tuple[yaml.Node, Any]:
    try:
        node = yaml.compose(text, Loader=_LOADER)
        data = yaml.constructor.SafeConstructor().construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise CatalogError([f"{shown}{line}: invalid YAML: {exc.problem or exc}"]) from None
    if node is None or not isinstance(data, dict):
        raise CatalogError([f"{shown}:1: expected a mapping of kata fields"])
    return node, data


def validate(text: str, shown: str) -> dict[str, Any]:
    """The validated fields of a kata.yaml, or CatalogError with `shown:line: field: problem`."""
    node, data = _parse(text, shown)
    try:
        return KataSpec.model_validate(data).model_dump()
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            line = _node_at(node, loc).start_mark.line + 1
            field = ".".join(str(p) for p in loc) or "(top level)"
            problems.append(f"{shown}:{line}: {field}: {error['msg']}")
        raise CatalogError(problems) from None


def line_of(text: str, field: str) -> int:
    """The line of a top-level field in a kata.yaml (1 if absent)."""
    node, _ = _parse(text, "")
    return _node_at(node, (field,)).start_mark.line + 1
