"""`dev check` rule: a question that states a library default must be checked or cited.

Library defaults change between releases, so a question that states one (`librosa.load`
"defaults to `sr=22050`", "`mask_time_prob` (default 0.05)") must either be tagged
`verified` (the tests in tests/test_quiz_facts_*.py recompute its answer with the installed
library, and fail for a tagged question without such a check) or cite documentation or
source code among its `references`. A paper, a blog post, a course chapter, Wikipedia or a
model card does not count: they describe a method or a checkpoint, not a library's current
default.

A question *states a default* when any of its texts (prompt, explanation, model answer,
choices and their explanations, accepted answers) contains one of:

- a parenthesized default: `(default 0.05)`, `(default: the model's generation config)`;
- "default(s)" next to a code span: "default `res_type`", "`vad_filter` defaults to";
- "defaults to", "defaulting to", "the default is";
- "by default" in a sentence that also holds a code span;

or when it is tagged `defaults`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

from interview_prep.dev.violation import Violation

_CODE = r"`[^`\n]+`"
DEFAULT_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\(default:?\s[^)]*\)", re.IGNORECASE),
    re.compile(rf"\bdefaults?\s+{_CODE}", re.IGNORECASE),
    re.compile(rf"{_CODE}\s+\(?defaults?\b", re.IGNORECASE),
    re.compile(r"\bdefault(?:s|ing)?\s+to\b", re.IGNORECASE),
    re.compile(r"\bthe default is\b", re.IGNORECASE),
    re.compile(rf"{_CODE}[^.?!\n]*\bby default\b|\bby default\b[^.?!\n]*{_CODE}", re.IGNORECASE),
)
DEFAULTS_TAG = "defaults"
VERIFIED_TAG = "verified"

#: Hosts (and for some, path prefixes) of documentation and source code.
DOC_SOURCE_PREFIXES: tuple[str, ...] = (
    "huggingface.co/docs/",
    "github.com/",
    "librosa.org/doc/",
    "pytorch.org/docs/",
    "docs.pytorch.org/",
    "numpy.org/doc/",
    "docs.scipy.org/doc/",
    "scikit-learn.org/stable/modules/",
    "python-soundfile.readthedocs.io/",
    "jitsi.github.io/jiwer/",
    "opennmt.net/ctranslate2/",
    "onnxruntime.ai/docs/",
    "tut-arg.github.io/sed_eval/",
    "docs.python.org/",
)


def is_doc_or_source(url: str) -> bool:
    """Whether `url` points to a library's documentation or its source code."""
    parsed = urlparse(url)
    where = (parsed.netloc.lower().removeprefix("www.") + parsed.path).lower()
    if where.startswith("github.com/"):
        parts = parsed.path.strip("/").split("/")
        return len(parts) >= 2  # a repository (README, docs) or a file in it; not a bare user page
    return where.startswith(DOC_SOURCE_PREFIXES)


def _texts(question) -> Iterable[str]:
    yield question.prompt
    yield question.explanation
    yield getattr(question, "model_answer", "")
    for choice in getattr(question, "choices", []):
        yield choice.text
        yield choice.why
    yield from getattr(question, "accepted", [])


def stated_default(question) -> str | None:
    """The first passage where `question` states a default (or the `defaults` tag), else None."""
    for text in _texts(question):
        flat = " ".join(text.split())
        for pattern in DEFAULT_PATTERNS:
            if match := pattern.search(flat):
                return match.group(0)
    return f"tag `{DEFAULTS_TAG}`" if DEFAULTS_TAG in question.tags else None


def unsupported_defaults(questions) -> list[tuple[object, str]]:
    """(question, passage) for each question that states a default with no check and no citation."""
    found = []
    for question in questions:
        passage = stated_default(question)
        if passage is None or VERIFIED_TAG in question.tags:
            continue
        if not any(is_doc_or_source(reference.url) for reference in question.references):
            found.append((question, passage))
    return found


def quiz_defaults(root: Path) -> list[Violation]:
    """Questions stating a library default are tagged `verified` or cite documentation or source."""
    from interview_prep.quiz.bank import load_bank

    folder = root / "quiz"
    if not folder.is_dir():
        return [Violation(str(folder), "no question bank folder")]
    return [
        Violation(
            f"quiz/{question.location}",
            f"[{question.id}] states a library default ({passage!r}) but is neither tagged "
            f"`{VERIFIED_TAG}` (checked against the installed library by tests/test_quiz_facts_*.py) "
            "nor cites documentation or source code in `references`",
        )
        for question, passage in unsupported_defaults(load_bank(folder).questions)
    ]
