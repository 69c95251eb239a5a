"""Grading results in the Exercism test-runner `results.json` v3 shape.

`Results.to_dict()` gives exactly the v3 document: `version`, `status` (pass | fail |
error), `message` (set for error), `tests` (each `name`, `status`, `message`, `output`,
`test_code`, `task_id`), plus `sandbox`: whether the learner's code ran confined, and per
failed test `evidence`: the files kept to show what went wrong (`kata.evidence`). Keys
whose value is None are left out, as Exercism does. Fields
that are not part of v3 (duration, seed, kata id) live on the objects only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

VERSION = 3
OUTPUT_LIMIT = 500
_TRUNCATED = " [your output was cut at 500 characters]"


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"


def cut_output(text: str | None) -> str | None:
    """Strip captured output and cut it at 500 characters, like Exercism's runner."""
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    if len(text) > OUTPUT_LIMIT:
        text = text[: OUTPUT_LIMIT - len(_TRUNCATED)] + _TRUNCATED
    return text


@dataclass
class TestResult:
    """One test of a grader."""

    __test__ = False  # not a pytest test class

    name: str
    status: Status = Status.PASS
    message: str | None = None
    output: str | None = None
    test_code: str = ""
    task_id: int | None = None
    line: int = 0  # line of the test in the grader, for ordering (not part of v3)
    #: evidence files of a test that did not pass (clips, evidence.png, evidence.json)
    evidence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "status": str(self.status)}
        if self.message is not None:
            data["message"] = self.message
        output = cut_output(self.output)
        if output is not None:
            data["output"] = output
        data["test_code"] = self.test_code
        if self.task_id is not None:
            data["task_id"] = self.task_id
        if self.evidence:
            data["evidence"] = list(self.evidence)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TestResult:
        return cls(
            name=str(data["name"]),
            status=Status(data["status"]),
            message=data.get("message"),
            output=data.get("output"),
            test_code=data.get("test_code", ""),
            task_id=data.get("task_id"),
            evidence=[str(path) for path in data.get("evidence") or []],
        )


@dataclass
class Results:
    """The outcome of grading one kata."""

    status: Status = Status.PASS
    message: str | None = None
    tests: list[TestResult] = field(default_factory=list)
    kata_id: str = ""
    duration_s: float = 0.0
    seed: int | None = None
    #: "confined" or "not confined: <why>" (written to results.json as `sandbox`)
    sandbox: str | None = None
    #: the folder of this attempt's evidence in the data dir (None: no test kept any)
    evidence_dir: Path | None = None

    @property
    def passed(self) -> bool:
        return self.status is Status.PASS

    def counts(self) -> dict[Status, int]:
        """Number of tests per status."""
        counts = dict.fromkeys(Status, 0)
        for test in self.tests:
            counts[test.status] += 1
        return counts

    def settle(self) -> None:
        """Derive the top-level status from the tests (error > fail > pass), keeping an error."""
        if self.status is Status.ERROR:
            return
        errors = [t for t in self.tests if t.status is Status.ERROR]
        if errors:
            self.status = Status.ERROR
            self.message = self.message or f"{errors[0].name}: {errors[0].message}"
        elif not self.tests:
            self.status = Status.ERROR
            self.message = self.message or "the grader ran no tests"
        elif any(t.status is Status.FAIL for t in self.tests):
            self.status = Status.FAIL
        else:
            self.status = Status.PASS

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": VERSION, "status": str(self.status)}
        if self.message is not None:
            data["message"] = self.message
        ordered = sorted(enumerate(self.tests), key=lambda pair: (pair[1].line, pair[0]))
        data["tests"] = [test.to_dict() for _, test in ordered]
        if self.sandbox is not None:
            data["sandbox"] = self.sandbox
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    @classmethod
    def from_dict(cls, data: dict[str, Any], **extra: Any) -> Results:
        if data.get("version") != VERSION:
            raise ValueError(f"results version {data.get('version')!r} is not {VERSION}")
        tests = [TestResult.from_dict(t) for t in data.get("tests", [])]
        for index, test in enumerate(tests):
            test.line = index
        return cls(status=Status(data["status"]), message=data.get("message"), tests=tests,
                   sandbox=data.get("sandbox"), **extra)

    @classmethod
    def error(cls, message: str, tests: list[TestResult] | None = None, **extra: Any) -> Results:
        """A run that could not produce trustworthy per-test results."""
        return cls(status=Status.ERROR, message=message, tests=list(tests or []), **extra)
