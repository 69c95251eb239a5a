"""Coverage rules of the shipped question bank (the `dev check` rule `quiz-coverage`).

The bank must hold at least `MIN_QUESTIONS` valid questions, and every interview area in
`AREAS` at least its minimum number of questions. A question counts for an area when it
carries any of the area's tags, whatever its topic file, so an area can draw on several
banks (e.g. `streaming` questions live in `asr`, `deployment` and `speech-applications`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from interview_prep.quiz.models import Question

MIN_QUESTIONS = 300


@dataclass(frozen=True)
class Area:
    """An interview area: the tags that mark its questions and how many it needs."""

    name: str
    tags: frozenset[str]
    minimum: int


AREAS: tuple[Area, ...] = (
    Area("Datasets library for audio", frozenset({"hf-datasets"}), 8),
    Area("Whisper fine-tuning end to end", frozenset({"whisper-finetuning"}), 12),
    Area("choosing ASR data and benchmarks", frozenset({"asr-benchmarks"}), 6),
    Area("keyword spotting and language identification", frozenset({"keyword-spotting", "language-id"}), 6),
    Area("music genre classification", frozenset({"music-genre"}), 5),
    Area("music generation", frozenset({"musicgen"}), 5),
    Area("TTS datasets and their preparation", frozenset({"tts-data"}), 6),
    Area("speech-to-speech translation", frozenset({"s2st"}), 5),
    Area("meeting transcription and speaker diarization", frozenset({"diarization"}), 6),
    Area("streaming ASR and latency", frozenset({"streaming"}), 6),
)


def area_counts(questions: Iterable[Question]) -> dict[str, int]:
    """Number of questions per area name (a question may count for several areas)."""
    questions = list(questions)
    return {area.name: sum(1 for q in questions if area.tags & set(q.tags)) for area in AREAS}


def coverage_problems(questions: Iterable[Question]) -> list[str]:
    """What the bank lacks: too few questions overall or in an area (empty when covered)."""
    questions = list(questions)
    problems = []
    if len(questions) < MIN_QUESTIONS:
        problems.append(f"the bank holds {len(questions)} valid questions, fewer than {MIN_QUESTIONS}")
    counts = area_counts(questions)
    for area in AREAS:
        if counts[area.name] < area.minimum:
            tags = ", ".join(sorted(area.tags))
            problems.append(
                f"area '{area.name}' has {counts[area.name]} question(s) tagged {tags}, "
                f"fewer than {area.minimum}"
            )
    return problems
