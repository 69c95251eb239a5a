"""Typed quiz questions, one pydantic model per kind, exactly as /quiz/<topic>.yaml holds them.

Unknown fields are errors (`extra="forbid"`), so a typo such as `toleranse` is caught.
The loader sets `topic`, `source` and `line` after validation (they are not YAML fields).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    TypeAdapter,
    field_validator,
    model_validator,
)

#: Topic (file stem) -> the prefix every question id in that file starts with.
TOPIC_PREFIXES: dict[str, str] = {
    "audio-fundamentals": "fund",
    "asr": "asr",
    "tts": "tts",
    "audio-classification": "cls",
    "pipelines": "pipe",
    "deployment": "dep",
    "speech-datasets": "data",
    "whisper-finetuning": "wft",
    "music-audio": "music",
    "speech-applications": "app",
    "retail-scenarios": "retail",
}
KINDS = ("single", "multi", "numeric", "text", "open")

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
_TAG_RE = re.compile(r"^[a-z0-9][a-z0-9+._-]*$")


def _number(value: object) -> object:
    """Accept ints and floats only (YAML `true` or `"3"` are mistakes, not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number")
    return value


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {value!r}: {exc}") from exc
    return value


def _url(value: str) -> str:
    if not re.match(r"^https?://\S+$", value):
        raise ValueError("must be an http(s) URL")
    return value


def _tag(value: str) -> str:
    if not _TAG_RE.match(value):
        raise ValueError(f"tag {value!r} must be lowercase, without spaces")
    return value


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Number = Annotated[float, BeforeValidator(_number)]
Tag = Annotated[str, AfterValidator(_tag)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reference(_Strict):
    """A documentation page or paper backing the answer."""

    title: NonEmpty
    url: Annotated[str, AfterValidator(_url)]


class Choice(_Strict):
    """One option of a single/multi question; `why` explains it whether right or wrong."""

    text: NonEmpty
    correct: Annotated[bool, Field(strict=True)]
    why: NonEmpty


class _Question(_Strict):
    id: str
    difficulty: Annotated[int, Field(strict=True, ge=1, le=3)]
    tags: Annotated[list[Tag], Field(min_length=1)]
    prompt: NonEmpty
    explanation: NonEmpty
    references: Annotated[list[Reference], Field(min_length=1)]

    _topic: str = PrivateAttr("")
    _source: str = PrivateAttr("")
    _line: int = PrivateAttr(0)

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _ID_RE.match(value):
            raise ValueError("must be lowercase kebab-case with a topic prefix, e.g. asr-ctc-blank")
        return value

    @property
    def topic(self) -> str:
        """The topic (file stem) this question was loaded from."""
        return self._topic

    @property
    def location(self) -> str:
        """`file:line` of the question in its bank."""
        return f"{self._source}:{self._line}"

    def place(self, topic: str, source: str, line: int) -> None:
        """Record where the loader found the question."""
        self._topic, self._source, self._line = topic, source, line


class _ChoiceQuestion(_Question):
    choices: Annotated[list[Choice], Field(min_length=2, max_length=6)]

    _order: tuple[int, ...] | None = PrivateAttr(None)

    @field_validator("choices")
    @classmethod
    def _distinct(cls, choices: list[Choice]) -> list[Choice]:
        texts = [c.text.casefold() for c in choices]
        if len(set(texts)) != len(texts):
            raise ValueError("two choices have the same text")
        return choices

    @property
    def correct_indexes(self) -> list[int]:
        return [i for i, c in enumerate(self.choices) if c.correct]

    @property
    def order(self) -> tuple[int, ...]:
        """Bank index of each choice as shown (the identity unless `quiz.shuffle` reordered them)."""
        return self._order or tuple(range(len(self.choices)))


class SingleQuestion(_ChoiceQuestion):
    """Pick exactly one choice."""

    kind: Literal["single"]

    @field_validator("choices")
    @classmethod
    def _one_correct(cls, choices: list[Choice]) -> list[Choice]:
        count = sum(c.correct for c in choices)
        if count != 1:
            raise ValueError(f"single choice needs exactly one correct choice, found {count}")
        return choices


class MultiQuestion(_ChoiceQuestion):
    """Pick every correct choice (the exact set)."""

    kind: Literal["multi"]

    @field_validator("choices")
    @classmethod
    def _some_correct(cls, choices: list[Choice]) -> list[Choice]:
        if not any(c.correct for c in choices):
            raise ValueError("multi choice needs at least one correct choice")
        return choices


class NumericQuestion(_Question):
    """A number, within an absolute tolerance (bounds inclusive), optionally with a unit."""

    kind: Literal["numeric"]
    answer: Number
    tolerance: Annotated[Number, Field(ge=0)]
    unit: NonEmpty | None = None


class TextQuestion(_Question):
    """A short answer compared after normalization, or matched by a regex."""

    kind: Literal["text"]
    accepted: Annotated[list[NonEmpty], Field(min_length=1)]
    patterns: list[Annotated[str, AfterValidator(_regex)]] = []


class KeyPoint(_Strict):
    """One thing an interviewer listens for in an open answer (see `quiz.rubric`).

    `point` is what the learner is told when it is missed; the answer covers it when it
    contains one of the `accept` phrasings (compared after normalizing case, punctuation and
    simple plurals) or matches one of the `patterns` (regular expressions, case-insensitive).
    """

    point: NonEmpty
    accept: list[NonEmpty] = []
    patterns: list[Annotated[str, AfterValidator(_regex)]] = []

    @model_validator(mode="after")
    def _some_phrasing(self) -> KeyPoint:
        if not self.accept and not self.patterns:
            raise ValueError("a key point needs at least one `accept` phrasing or pattern")
        return self


class OpenQuestion(_Question):
    """A design question: the learner compares with the model answer and rates themselves.

    `key_points` (required by `dev check`) let `quiz.rubric` score a typed or spoken answer
    and propose the self-rating.
    """

    kind: Literal["open"]
    model_answer: NonEmpty
    key_points: list[KeyPoint] = []


Question = SingleQuestion | MultiQuestion | NumericQuestion | TextQuestion | OpenQuestion
QUESTION_ADAPTER: TypeAdapter[Question] = TypeAdapter(Annotated[Question, Field(discriminator="kind")])
MODELS: dict[str, type[_Question]] = {
    "single": SingleQuestion,
    "multi": MultiQuestion,
    "numeric": NumericQuestion,
    "text": TextQuestion,
    "open": OpenQuestion,
}


def allowed_fields(kind: str) -> list[str]:
    """YAML field names a question of `kind` may have."""
    return list(MODELS[kind].model_fields)
