"""Library defaults stated in passing (prompts, explanations, choice explanations).

The facts tests check each `verified` question's *answer*; this module checks defaults the
bank mentions along the way ("`mask_time_prob` (default 0.05)"). Each entry finds the
statement with a regular expression, reads the value the bank gives, and compares it with
the installed library (signatures, fresh configs, or behaviour).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable

import pytest
from quiz_facts import BANK_FILES, load_questions

QUESTIONS = load_questions(BANK_FILES)


def _text(qid: str) -> str:
    q = QUESTIONS[qid]
    parts = [q["prompt"], q["explanation"], q.get("model_answer", "")]
    for choice in q.get("choices", []):
        parts += [choice["text"], choice["why"]]
    return " ".join(" ".join(parts).split())


def _default(function: Callable, name: str) -> object:
    return inspect.signature(function).parameters[name].default


def _w2v2(name: str) -> object:
    from transformers import Wav2Vec2Config

    return getattr(Wav2Vec2Config(), name)


def _tokenizer_default(name: str) -> object:
    from transformers import Wav2Vec2CTCTokenizer

    return _default(Wav2Vec2CTCTokenizer.__init__, name)


def _whisper_fe_call(name: str) -> object:
    from transformers import WhisperFeatureExtractor

    return _default(WhisperFeatureExtractor.__call__, name)


def _generate_speech(name: str) -> object:
    from transformers import SpeechT5ForTextToSpeech

    return _default(SpeechT5ForTextToSpeech.generate_speech, name)


def _librosa(function: str, name: str) -> object:
    import librosa

    return _default(getattr(librosa, function), name)


def _torch_stft_window_is_rectangular() -> bool:
    import torch

    x = torch.randn(1600)
    plain = torch.stft(x, n_fft=400, hop_length=160, return_complex=True)
    ones = torch.stft(x, n_fft=400, hop_length=160, window=torch.ones(400), return_complex=True)
    return _default(torch.stft, "window") is None and bool(torch.allclose(plain, ones))


def _pipeline_generation_default(name: str) -> object:
    from transformers.pipelines.automatic_speech_recognition import AutomaticSpeechRecognitionPipeline

    return getattr(AutomaticSpeechRecognitionPipeline._default_generation_config, name)


def _faster_whisper_batch_size() -> int:
    from faster_whisper import BatchedInferencePipeline

    return _default(BatchedInferencePipeline.transcribe, "batch_size")


def _ast_fe(name: str) -> object:
    from transformers import ASTFeatureExtractor

    return getattr(ASTFeatureExtractor(), name)


def _vits(name: str) -> object:
    from transformers import VitsConfig

    return getattr(VitsConfig(), name)


def _as_bool(text: str) -> bool:
    return {"true": True, "false": False}[text.strip("`'\"").lower()]


def _word(text: str) -> str:
    return text.strip("`'\"")


# (question, pattern with one group holding the stated value, how to read it, the library's value)
CLAIMS: list[tuple[str, str, Callable[[str], object], Callable[[], object]]] = [
    (
        "asr-ctc-infinite-loss",
        r"`ctc_zero_infinity=True` \(default (\w+)\)",
        _as_bool,
        lambda: _w2v2("ctc_zero_infinity"),
    ),
    (
        "asr-w2v2-pretraining-objective",
        r"\((\d+) groups x \d+ entries by default\)",
        int,
        lambda: _w2v2("num_codevector_groups"),
    ),
    (
        "asr-w2v2-pretraining-objective",
        r"\(\d+ groups x (\d+) entries by default\)",
        int,
        lambda: _w2v2("num_codevectors_per_group"),
    ),
    (
        "asr-w2v2-spec-augment",
        r"`mask_time_prob` in `Wav2Vec2Config` \(default ([\d.]+)\)",
        float,
        lambda: _w2v2("mask_time_prob"),
    ),
    ("asr-w2v2-spec-augment", r"`mask_time_length` \(default (\d+)\)", int, lambda: _w2v2("mask_time_length")),
    (
        "asr-w2v2-tokenizer-tokens",
        r"`word_delimiter_token='(.)'`",
        _word,
        lambda: _tokenizer_default("word_delimiter_token"),
    ),
    (
        "asr-w2v2-tokenizer-tokens",
        r"`replace_word_delimiter_char='(.)'`",
        _word,
        lambda: _tokenizer_default("replace_word_delimiter_char"),
    ),
    ("asr-w2v2-tokenizer-tokens", r"`do_lower_case=(\w+)`", _as_bool, lambda: _tokenizer_default("do_lower_case")),
    (
        "fund-quantization-facts",
        r"`dither` option \(default ([\d.]+)\)",
        float,
        lambda: _default(__import__("transformers").WhisperFeatureExtractor.__init__, "dither"),
    ),
    (
        "fund-int16-to-float",
        r"`soundfile\.read` \(float(\d+) by default\)",
        int,
        lambda: int(_default(__import__("soundfile").read, "dtype").removeprefix("float")),
    ),
    (
        "fund-int16-to-float",
        r"`librosa\.load` \(float(\d+)\)",
        int,
        lambda: __import__("numpy").dtype(_librosa("load", "dtype")).itemsize * 8,
    ),
    ("fund-stft-frames-center", r"\(default `center=(\w+)`\)", _as_bool, lambda: _librosa("stft", "center")),
    ("fund-stft-frames-center", r"zeros by default, `pad_mode='(\w+)'`", _word, lambda: _librosa("stft", "pad_mode")),
    (
        "fund-window-function",
        r"`librosa\.stft` defaults to a (\w+) window",
        str.lower,
        lambda: _librosa("stft", "window"),
    ),
    (
        "fund-window-function",
        r"`torch\.stft` uses a (rectangular) window unless",
        lambda s: s == "rectangular",
        _torch_stft_window_is_rectangular,
    ),
    (
        "fund-resample-length",
        r"`librosa\.resample` has `fix=(\w+)` by default",
        _as_bool,
        lambda: _librosa("resample", "fix"),
    ),
    (
        "fund-normalization-kinds",
        r"`Wav2Vec2FeatureExtractor` \(default `do_normalize=(\w+)`\)",
        _as_bool,
        lambda: __import__("transformers").Wav2Vec2FeatureExtractor().do_normalize,
    ),
    (
        "fund-normalization-kinds",
        r"Whisper does not normalize the waveform \(`do_normalize` is (off) by default\)",
        lambda s: False,
        lambda: bool(_whisper_fe_call("do_normalize")),
    ),
    (
        "pipe-do-normalize-std",
        r"leaves `do_normalize` off by default \(`(\w+)`\)",
        _word,
        lambda: str(_whisper_fe_call("do_normalize")),
    ),
    ("pipe-whisper-fe-truncates", r'defaults to `padding="(\w+)"`', _word, lambda: _whisper_fe_call("padding")),
    ("pipe-whisper-fe-truncates", r"and `truncation=(\w+)`", _as_bool, lambda: _whisper_fe_call("truncation")),
    (
        "pipe-asr-pipeline-walkthrough",
        r"generation defaults \((\d+) beams, \d+ new tokens\)",
        int,
        lambda: _pipeline_generation_default("num_beams"),
    ),
    (
        "pipe-asr-pipeline-walkthrough",
        r"generation defaults \(\d+ beams, (\d+) new tokens\)",
        int,
        lambda: _pipeline_generation_default("max_new_tokens"),
    ),
    (
        "pipe-max-new-tokens-vs-max-length",
        r"generation defaults include `max_new_tokens=(\d+)`",
        int,
        lambda: _pipeline_generation_default("max_new_tokens"),
    ),
    (
        "tts-autoregressive-failures",
        r"reach `threshold` \(default ([\d.]+)\)",
        float,
        lambda: _generate_speech("threshold"),
    ),
    ("tts-autoregressive-failures", r"`maxlenratio` \(default (\d+)\)", float, lambda: _generate_speech("maxlenratio")),
    (
        "tts-speecht5-nondeterministic-eval",
        r"`threshold` is a fixed argument \(default ([\d.]+)\)",
        float,
        lambda: _generate_speech("threshold"),
    ),
    (
        "tts-vits-noise-scale-default",
        r"`noise_scale_duration` ([\d.]+) for the stochastic",
        float,
        lambda: _vits("noise_scale_duration"),
    ),
    (
        "tts-vits-inference-modules",
        r"Duration predictor \((stochastic) by default\)",
        lambda s: True,
        lambda: _vits("use_stochastic_duration_prediction"),
    ),
    (
        "cls-ast-short-clip-shape",
        r"by default \(`return_attention_mask=(\w+)`\)",
        _as_bool,
        lambda: _ast_fe("return_attention_mask"),
    ),
    ("cls-ast-normalization", r"`mean=(-?\d+\.\d+)`", float, lambda: _ast_fe("mean")),
    ("cls-ast-normalization", r"`std=(\d+\.\d+)`", float, lambda: _ast_fe("std")),
    (
        "dep-faster-whisper-vad-default",
        r"defaults to True \(with `batch_size=(\d+)`\)",
        int,
        _faster_whisper_batch_size,
    ),
]


@pytest.mark.parametrize(("qid", "pattern", "read", "library"), CLAIMS, ids=[f"{c[0]}:{c[1][:30]}" for c in CLAIMS])
def test_stated_default_matches_library(qid, pattern, read, library):
    match = re.search(pattern, _text(qid))
    assert match, f"{qid} no longer states {pattern!r}"
    assert read(match[1]) == library(), f"{qid} says {match[1]!r}, the library has {library()!r}"
