"""`dev check` rule `quiz-defaults`: a question stating a library default is checked or cited."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from quiz_facts import BANK_FILES

from interview_prep import paths
from interview_prep.dev.checks import CHECKS, run_checks
from interview_prep.dev.quiz_defaults import is_doc_or_source, stated_default, unsupported_defaults
from interview_prep.quiz.bank import load_bank

PAPER = {"title": "wav2vec 2.0 paper", "url": "https://arxiv.org/abs/2006.11477"}
DOCS = {
    "title": "Transformers docs: Wav2Vec2Config",
    "url": "https://huggingface.co/docs/transformers/model_doc/wav2vec2#transformers.Wav2Vec2Config",
}
#: The bank files this rule was introduced with (other topics are checked by `dev check`).
CURATED_FILES = set(BANK_FILES)


def _question(qid: str, explanation: str, references: list[dict], tags: tuple[str, ...] = ("wav2vec2",)) -> dict:
    return {
        "id": qid,
        "kind": "single",
        "difficulty": 1,
        "tags": list(tags),
        "prompt": "What does the model mask during fine-tuning?",
        "choices": [
            {"text": "Spans of latent frames", "correct": True, "why": "SpecAugment-style masking."},
            {"text": "Output characters", "correct": False, "why": "Labels are not masked."},
        ],
        "explanation": explanation,
        "references": references,
    }


def _content_root(tmp_path: Path, questions: list[dict]) -> Path:
    folder = tmp_path / "content" / "quiz"
    folder.mkdir(parents=True)
    bank = {"topic": "asr", "title": "ASR (fixture)", "questions": questions}
    (folder / "asr.yaml").write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
    return folder.parent


STATES = "`mask_time_prob` (default 0.05) masks spans of latent frames."


def test_default_without_check_or_citation_is_reported_with_its_place(tmp_path):
    root = _content_root(
        tmp_path,
        [
            _question("asr-paper-only", STATES, [PAPER]),
            _question("asr-docs", STATES, [PAPER, DOCS]),
            _question("asr-checked", STATES, [PAPER], tags=("wav2vec2", "verified")),
            _question("asr-no-default", "Masking regularizes fine-tuning.", [PAPER]),
        ],
    )
    violations = run_checks(root, only=["quiz-defaults"])["quiz-defaults"]
    assert len(violations) == 1
    assert violations[0].where == "quiz/asr.yaml:4"  # the line of its `- id:`
    assert "[asr-paper-only]" in violations[0].message
    assert "(default 0.05)" in violations[0].message


@pytest.mark.parametrize(
    "text",
    [
        "`mask_time_prob` (default 0.05) masks spans.",
        "`librosa.load` defaults to `sr=22050`.",
        "The default `res_type` is soxr.",
        "Its `vad_filter` defaults to False.",
        "The default is `stride_length_s = chunk_length_s / 6`.",
        "`soundfile.read` returns float64 by default.",
        "Pass `generate_kwargs` to override the value used by default.",
    ],
)
def test_statements_of_defaults_are_detected(text, tmp_path):
    question = load_bank(_content_root_for(tmp_path, text)).questions[0]
    assert stated_default(question) is not None


@pytest.mark.parametrize(
    "text",
    [
        "A learned layer mixture is a cheap, robust default when the encoder is frozen.",
        "Which augmentations are safe by default?",
        "Greedy decoding is the sensible choice here.",
    ],
)
def test_ordinary_uses_of_the_word_are_not_defaults(text, tmp_path):
    question = load_bank(_content_root_for(tmp_path, text)).questions[0]
    assert stated_default(question) is None


def test_the_defaults_tag_counts_as_stating_a_default(tmp_path):
    root = _content_root(tmp_path, [_question("asr-tagged", "No wording.", [PAPER], tags=("defaults",))])
    assert len(run_checks(root, only=["quiz-defaults"])["quiz-defaults"]) == 1


def _content_root_for(tmp_path: Path, text: str) -> Path:
    return _content_root(tmp_path, [_question("asr-probe", text, [PAPER])]) / "quiz"


@pytest.mark.parametrize(
    ("url", "is_doc"),
    [
        ("https://huggingface.co/docs/transformers/main_classes/pipelines", True),
        ("https://github.com/huggingface/transformers/blob/main/src/transformers/pipelines/base.py", True),
        ("https://github.com/SYSTRAN/faster-whisper", True),
        ("https://librosa.org/doc/latest/generated/librosa.load.html", True),
        ("https://pytorch.org/docs/stable/generated/torch.stft.html", True),
        ("https://scikit-learn.org/stable/modules/generated/sklearn.metrics.f1_score.html", True),
        ("https://arxiv.org/abs/2006.11477", False),
        ("https://huggingface.co/blog/asr-chunking", False),
        ("https://huggingface.co/learn/audio-course/chapter1/audio_data", False),
        ("https://huggingface.co/openai/whisper-large-v3", False),
        ("https://en.wikipedia.org/wiki/Aliasing", False),
        ("https://github.com/huggingface", False),
    ],
)
def test_documentation_and_source_urls(url, is_doc):
    assert is_doc_or_source(url) is is_doc


def test_rule_is_registered():
    assert "quiz-defaults" in CHECKS


def test_curated_bank_files_follow_the_rule():
    questions = [q for q in load_bank(paths.quiz_dir()).questions if q.location.split(":")[0] in CURATED_FILES]
    assert {q.location.split(":")[0] for q in questions} == CURATED_FILES
    assert [(q.id, passage) for q, passage in unsupported_defaults(questions)] == []
