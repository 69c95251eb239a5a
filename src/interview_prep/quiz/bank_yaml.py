"""Parse a bank file's YAML, recovering from syntax errors question by question.

A syntax error inside one question of the `questions:` list blanks that question's lines
(so every other line keeps its number) and parses again: the questions before and after
it still load. An error outside the list (or one that cannot be confined) skips the file.
Each error is reported once, at its own line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

MAX_RECOVERIES = 50
_QUESTIONS_RE = re.compile(r"^questions\s*:")
_ITEM_RE = re.compile(r"^(\s*)-(\s|$)")
_ID_RE = re.compile(r"^\s*(?:-\s+)?id\s*:\s*['\"]?([\w-]+)", re.MULTILINE)


class Loader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """Safe loader that also reads `1e-5` as a float (YAML 1.2 style; PyYAML wants `1.0e-5`)."""


Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)[eE][-+]?\d+$"),
    list("-+0123456789."),
)


@dataclass(frozen=True)
class SyntaxIssue:
    """One syntax error: where (1-based line and column), what, and what was skipped."""

    line: int
    column: int
    message: str
    question_ids: tuple[str, ...] = ()


def _compose(text: str) -> tuple[yaml.Node | None, object]:
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _broken_item(lines: list[str], first_bad: int, last_bad: int) -> tuple[int, int] | None:
    """0-based (first, last) lines of the question items spanning the bad lines, or None."""
    start = next((i for i, line in enumerate(lines) if _QUESTIONS_RE.match(line)), None)
    if start is None or first_bad <= start:
        return None
    items = [i for i in range(start + 1, len(lines)) if _ITEM_RE.match(lines[i])]
    indent = min((len(_ITEM_RE.match(lines[i]).group(1)) for i in items), default=None)
    items = [i for i in items if len(_ITEM_RE.match(lines[i]).group(1)) == indent]
    before = [i for i in items if i <= first_bad]
    if not before:
        return None
    after = [i for i in items if i > last_bad]
    return before[-1], (after[0] - 1 if after else len(lines) - 1)


def _diagnose(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, int, str, tuple[int, int] | None]:
    """(0-based line, column, message, the broken question's lines or None) of a syntax error.

    An unclosed quote or block is located where it starts and breaks the question it starts in
    (the scanner ran past it). A parser error is located where it was found and lies between
    the enclosing mapping (a question) and there; an enclosing list ("block collection") says
    nothing about which question is broken.
    """
    scanning = bool(exc.context and exc.context.startswith("while scanning") and exc.context_mark)
    mark = exc.context_mark if scanning else exc.problem_mark or exc.context_mark
    what = f"YAML syntax error: {exc.problem}" + (f" {exc.context} that starts here" if scanning else "")
    if mark is None:
        return 0, 0, what, None
    if scanning:
        bad = [mark.line]
    else:
        in_mapping = "mapping" in (exc.context or "")
        bad = [m.line for m in (exc.problem_mark, exc.context_mark if in_mapping else None) if m]
    return mark.line, mark.column, what, _broken_item(lines, min(bad), min(max(bad), len(lines) - 1))


def parse(text: str) -> tuple[yaml.Node | None, object, list[SyntaxIssue]]:
    """(node, data, syntax issues); node and data are None when the whole file had to be skipped."""
    lines = text.split("\n")
    issues: list[SyntaxIssue] = []
    for _ in range(MAX_RECOVERIES):
        try:
            node, data = _compose("\n".join(lines))
            return node, data, issues
        except yaml.MarkedYAMLError as exc:
            line, column, what, span = _diagnose(exc, lines)
            if span is None:
                issues.append(SyntaxIssue(line + 1, column + 1, f"{what}; the whole file was skipped"))
                return None, None, issues
            first, last = span
            ids = tuple(_ID_RE.findall("\n".join(lines[first : last + 1])))
            skipped = "this question" if len(ids) == 1 else f"questions {', '.join(ids)}" if ids else "a question"
            message = f"{what}; skipped {skipped} (lines {first + 1}-{last + 1}), the rest of the file was loaded"
            issues.append(SyntaxIssue(line + 1, column + 1, message, ids))
            lines[first : last + 1] = [""] * (last - first + 1)
    issues.append(SyntaxIssue(1, 1, "too many YAML syntax errors; the whole file was skipped"))
    return None, None, issues
