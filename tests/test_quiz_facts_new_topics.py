"""Library-verified facts of the speech-datasets, whisper-finetuning, music-audio and
speech-applications banks.

Each entry of FACTS computes, with the installed transformers (and numpy/torch), the answer
of one question tagged `verified`; the tests compare it with the bank, so the bank cannot
drift from the libraries' behaviour. Everything is built offline from configs and code.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from quiz_facts import check_fact, check_verified_tags, load_questions

BANK_FILES = ("speech-datasets.yaml", "whisper-finetuning.yaml", "music-audio.yaml", "speech-applications.yaml")


def _whisper_features_bytes() -> int:
    import numpy as np
    from transformers import WhisperFeatureExtractor

    one_second = np.zeros(16000, dtype=np.float32)
    features = WhisperFeatureExtractor()(one_second, sampling_rate=16000, return_tensors="np").input_features
    return int(features[0].nbytes)


def _shifted_decoder_inputs() -> str:
    import torch
    from transformers.models.whisper.modeling_whisper import shift_tokens_right

    labels = torch.tensor([[50258, 7, 8, 50257, -100]])
    return str(shift_tokens_right(labels, pad_token_id=50257, decoder_start_token_id=50258)[0].tolist())


def _basic_normalizer() -> str:
    from transformers.models.whisper.english_normalizer import BasicTextNormalizer

    return BasicTextNormalizer()("Héllo, World! [laughs] OK?").strip()


def _musicgen_seconds_for_256_tokens() -> float:
    from transformers import EncodecConfig

    config = EncodecConfig(sampling_rate=32000, upsampling_ratios=[8, 5, 4, 4])
    assert config.hop_length == 640
    return 256 / config.frame_rate


def _guided_logit() -> float:
    import torch
    from transformers.generation.logits_process import ClassifierFreeGuidanceLogitsProcessor

    scores = torch.tensor([[2.0], [1.0]])  # conditional half, then unconditional half
    input_ids = torch.zeros((1, 1), dtype=torch.long)
    return float(ClassifierFreeGuidanceLogitsProcessor(3)(input_ids, scores)[0, 0])


def _musicgen_vocab_size() -> int:
    from transformers import MusicgenDecoderConfig

    config = MusicgenDecoderConfig()
    assert config.pad_token_id == config.vocab_size
    return config.vocab_size


def _whisper_language_count() -> int:
    from transformers.models.whisper.tokenization_whisper import LANGUAGES

    return len(LANGUAGES)


def _freeze_encoder_method() -> str:
    from transformers import WhisperForConditionalGeneration

    assert callable(getattr(WhisperForConditionalGeneration, "freeze_encoder", None))
    return "freeze_encoder"


FACTS: dict[str, Callable[[], object]] = {
    # speech-datasets
    "data-whisper-features-bytes": _whisper_features_bytes,
    # whisper-finetuning
    "wft-collator-strip-start-token": _shifted_decoder_inputs,
    "wft-basic-normalizer-output": _basic_normalizer,
    "wft-freeze-encoder-method": _freeze_encoder_method,
    # music-audio
    "music-musicgen-seconds": _musicgen_seconds_for_256_tokens,
    "music-cfg-logits": _guided_logit,
    "music-musicgen-codebook-size": _musicgen_vocab_size,
    # speech-applications
    "app-lid-whisper-languages": _whisper_language_count,
}

QUESTIONS = load_questions(BANK_FILES)


@pytest.mark.parametrize("question_id", sorted(FACTS))
def test_bank_answer_matches_library(question_id: str) -> None:
    check_fact(QUESTIONS, FACTS, question_id)


def test_verified_tags_match_checks() -> None:
    check_verified_tags(QUESTIONS, FACTS)


def test_source_defaults_quoted_by_the_banks() -> None:
    """Defaults the banks cite from source, without a `verified` numeric/single answer of their own."""
    import inspect

    from transformers import ASTFeatureExtractor, Seq2SeqTrainingArguments, Trainer, WhisperConfig
    from transformers.pipelines import audio_utils

    fields = Seq2SeqTrainingArguments.__dataclass_fields__
    assert fields["predict_with_generate"].default is False  # wft-predict-with-generate
    assert "tokenizer" not in inspect.signature(Trainer.__init__).parameters  # wft-processing-class
    assert "processing_class" in inspect.signature(Trainer.__init__).parameters
    assert WhisperConfig().apply_spec_augment is False  # wft-spec-augment-default
    assert WhisperConfig().mask_time_prob == 0.05
    assert ASTFeatureExtractor().max_length == 1024  # music-max-duration-ast
    source = inspect.getsource(audio_utils.ffmpeg_microphone_live)
    assert "stride_length_s = chunk_length_s / 6" in source  # app-live-mic-default-stride


def test_greater_is_better_default_for_wer() -> None:
    """wft-best-model-wer: an unset greater_is_better becomes True for a metric not ending in 'loss'.

    (Building TrainingArguments needs accelerate, which is not installed, so read the rule.)
    """
    import inspect

    from transformers import TrainingArguments

    source = inspect.getsource(TrainingArguments.__post_init__)
    assert "self.greater_is_better = not self.metric_for_best_model.endswith(\"loss\")" in source


def test_ast_extractor_ignores_a_sample_max_length() -> None:
    """music-max-duration-ast: passing the waveform-style max_length still yields 1024 frames."""
    import numpy as np
    from transformers import ASTFeatureExtractor

    thirty_seconds = (0.1 * np.random.default_rng(0).standard_normal(30 * 16000)).astype(np.float32)
    out = ASTFeatureExtractor()(
        thirty_seconds, sampling_rate=16000, max_length=30 * 16000, truncation=True, return_tensors="np"
    )
    assert out["input_values"].shape == (1, 1024, 128)
