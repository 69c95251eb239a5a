"""Load question banks (`quiz/<topic>.yaml`) into typed questions, collecting problems.

Every problem names file, line and field (and column, for YAML syntax errors). A bad
question is skipped and reported; the others still load, even around a syntax error
(see `bank_yaml`). `load_bank()` also enforces bank-wide rules (ids unique across files).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from interview_prep.errors import UserError
from interview_prep.quiz import bank_yaml
from interview_prep.quiz.models import KINDS, QUESTION_ADAPTER, TOPIC_PREFIXES, Question, allowed_fields

FILE_FIELDS = ("topic", "title", "questions")
_Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the bank, located as precisely as the YAML allows."""

    file: str
    line: int | None
    field: str | None
    message: str
    question_id: str | None = None
    column: int | None = None

    @property
    def where(self) -> str:
        """`file`, `file:line` or `file:line:column`."""
        return ":".join(str(part) for part in (self.file, self.line, self.column) if part)

    def __str__(self) -> str:
        where = self.where
        what = ": ".join(part for part in (self.field, self.message) if part)
        qid = f" [{self.question_id}]" if self.question_id else ""
        return f"{where}{qid}: {what}"


@dataclass
class Bank:
    """The loaded questions (valid ones only), topic titles, and every problem found."""

    questions: list[Question] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @property
    def topics(self) -> list[str]:
        """Topics in curriculum order (known topics first), then alphabetical."""
        order = list(TOPIC_PREFIXES)
        return sorted(self.titles, key=lambda t: (order.index(t) if t in order else len(order), t))


def _line_map(node: yaml.Node, path: _Path, lines: dict[_Path, int], dups: list[tuple[_Path, int]]) -> None:
    """Record the 1-based line of every mapping key / sequence item, and duplicate keys."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            sub = (*path, str(key.value))
            if sub[-1] in seen:
                dups.append((sub, key.start_mark.line + 1))
            seen.add(str(key.value))
            _line_map(value, sub, lines, dups)
            lines[sub] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), lines, dups)


def _field_name(path: _Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _FileLoader:
    """Loads one bank file; problems accumulate in `self.problems`."""

    def __init__(self, path: Path, display: str):
        self.path = path
        self.display = display
        self.problems: list[Problem] = []
        self.lines: dict[_Path, int] = {}
        self.duplicate_keys: list[_Path] = []

    def problem(self, path: _Path, message: str, question_id: str | None = None) -> None:
        line = next((self.lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in self.lines), None)
        self.problems.append(Problem(self.display, line, _field_name(path) or None, message, question_id))

    def load(self) -> tuple[str | None, str | None, list[Question]]:
        """Return (topic, title, valid questions)."""
        try:
            node, data, issues = bank_yaml.parse(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            self.problems.append(Problem(self.display, None, None, f"cannot read: {exc}"))
            return None, None, []
        for issue in issues:
            qid = issue.question_ids[0] if len(issue.question_ids) == 1 else None
            self.problems.append(Problem(self.display, issue.line, None, issue.message, qid, issue.column))
        if node is None and issues:
            return None, None, []
        dups: list[tuple[_Path, int]] = []
        if node is not None:
            _line_map(node, (), self.lines, dups)
        for path, line in dups:
            self.problems.append(Problem(self.display, line, _field_name(path), "duplicate key"))
            self.duplicate_keys.append(path)
        if not isinstance(data, dict):
            self.problem((), "a bank file must be a mapping with topic, title and questions")
            return None, None, []
        loaded = self._load_mapping(data)
        self.problems.sort(key=lambda p: p.line or 0)
        return loaded

    def _load_mapping(self, data: dict) -> tuple[str | None, str | None, list[Question]]:
        for key in data:
            if key not in FILE_FIELDS:
                self.problem((str(key),), f"unknown field (allowed: {', '.join(FILE_FIELDS)})")
        topic, title = data.get("topic"), data.get("title")
        if topic != self.path.stem:
            self.problem(("topic",), f"must equal the file name stem {self.path.stem!r}, got {topic!r}")
            topic = self.path.stem
        if topic not in TOPIC_PREFIXES:
            self.problem(("topic",), f"unknown topic {topic!r} (known: {', '.join(TOPIC_PREFIXES)})")
        if not isinstance(title, str) or not title.strip():
            self.problem(("title",), "required: a non-empty string")
            title = topic
        raw = data.get("questions")
        if not isinstance(raw, list) or not raw:
            self.problem(("questions",), "required: a non-empty list of questions")
            return topic, title, []
        questions = [q for i, item in enumerate(raw) if (q := self._question(topic, i, item)) is not None]
        return topic, title, questions

    def _question(self, topic: str, index: int, item: object) -> Question | None:
        path: _Path = ("questions", index)
        if not isinstance(item, dict):
            self.problem(path, "a question must be a mapping")
            return None
        qid = item.get("id") if isinstance(item.get("id"), str) else None
        prefix = TOPIC_PREFIXES.get(topic)
        valid = True
        if qid and prefix and not qid.startswith(prefix + "-"):
            self.problem((*path, "id"), f"must start with the topic prefix {prefix + '-'!r}", qid)
            valid = False
        try:
            question = QUESTION_ADAPTER.validate_python(item)
        except ValidationError as exc:
            for error in exc.errors():
                loc, message = self._describe(item, error)
                self.problem((*path, *loc), message, qid)
            return None
        if not valid or any(dup[: len(path)] == path for dup in self.duplicate_keys):
            return None
        question.place(topic, self.display, self.lines.get(path, 0))
        return question

    @staticmethod
    def _describe(item: dict, error: dict) -> tuple[_Path, str]:
        """Turn a pydantic error into (path inside the question, readable message)."""
        loc = tuple(error["loc"])
        kind = item.get("kind")
        if loc and loc[0] == kind:  # drop the discriminator tag pydantic puts first
            loc = loc[1:]
        match error["type"]:
            case "union_tag_not_found":
                return ("kind",), f"required: one of {', '.join(KINDS)}"
            case "union_tag_invalid":
                return ("kind",), f"unknown kind {kind!r} (known: {', '.join(KINDS)})"
            case "extra_forbidden" if len(loc) == 3 and loc[0] == "key_points":
                return loc, "unknown field of a key point (allowed: point, accept, patterns)"
            case "extra_forbidden":
                return loc, f"unknown field for kind {kind} (allowed: {', '.join(allowed_fields(kind))})"
            case "missing":
                return loc, f"required for kind {kind}" if len(loc) == 1 else "required"
            case "too_short":
                return loc, f"needs at least {error['ctx']['min_length']} item(s)"
        message = error["msg"].removeprefix("Value error, ")
        value = error.get("input")
        if isinstance(value, bool) and error["type"] == "string_type":
            message += f" (got {value}: quote it, YAML reads yes/no/on/off as booleans)"
        elif error["type"] != "value_error" and value is not None and not isinstance(value, dict | list):
            message += f" (got {value!r})"
        return loc, message


def load_file(
    path: Path, display: str | None = None
) -> tuple[str | None, str | None, list[Question], list[Problem]]:
    """Load one bank file: (topic, title, valid questions, problems)."""
    loader = _FileLoader(path, display or path.name)
    topic, title, questions = loader.load()
    return topic, title, questions, loader.problems


def load_bank(directory: Path | None = None) -> Bank:
    """Load every `*.yaml` bank in `directory` (default: the shipped quiz folder).

    Questions whose id was already seen in an earlier file are reported and skipped.
    """
    if directory is None:
        from interview_prep import paths

        directory = paths.quiz_dir()
    directory = Path(directory)
    if not directory.is_dir():
        raise UserError(
            f"quiz bank folder not found: {directory}", hint="pass an existing folder with --bank"
        )
    bank = Bank()
    seen: dict[str, Question] = {}
    for path in sorted(directory.glob("*.yaml")):
        topic, title, questions, problems = load_file(path)
        bank.problems.extend(problems)
        if topic is None:
            continue
        bank.titles[topic] = title or topic
        for question in questions:
            if question.id in seen:
                first = seen[question.id].location
                file, _, line = question.location.rpartition(":")
                bank.problems.append(
                    Problem(file, int(line), "id", f"duplicate id, first defined at {first}", question.id)
                )
                continue
            seen[question.id] = question
            bank.questions.append(question)
    topic_rank = {t: i for i, t in enumerate(bank.topics)}
    bank.questions.sort(key=lambda q: topic_rank[q.topic])  # stable: file order within a topic
    return bank
