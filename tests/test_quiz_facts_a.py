"""Library-verified facts of the audio-fundamentals, asr and pipelines quiz banks.

Each entry of FACTS computes, with the installed libraries (numpy, librosa, soundfile,
jiwer, transformers), the answer of one question tagged `verified`. The tests compare it
with the bank (numeric `answer` within `tolerance`, the text of the single correct choice,
or an `accepted` entry), so the bank cannot drift from the libraries' behaviour.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from quiz_facts import bank_matches, check_fact, check_verified_tags, load_questions

BANK_FILES = ("audio-fundamentals.yaml", "asr.yaml", "pipelines.yaml")
SR = 16000




# --- shared tiny objects (random weights, built offline from configs) -------------------


@functools.cache
def _ctc_tokenizer():
    import json
    import tempfile

    from transformers import Wav2Vec2CTCTokenizer

    vocab = {"<pad>": 0, "<s>": 1, "</s>": 2, "<unk>": 3, "|": 4}
    vocab.update({c: i + 5 for i, c in enumerate("abcdefghijklmnopqrstuvwxyz'")})
    folder = tempfile.mkdtemp(prefix="quiz-facts-vocab-")
    path = Path(folder) / "vocab.json"
    path.write_text(json.dumps(vocab), encoding="utf-8")
    return Wav2Vec2CTCTokenizer(str(path))


def _tiny_w2v2_config(**overrides: Any):
    from transformers import Wav2Vec2Config

    # Default conv kernels/strides (the facts depend on them); tiny widths so it builds fast.
    return Wav2Vec2Config(
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        conv_dim=(8,) * 7,
        num_conv_pos_embeddings=16,
        num_conv_pos_embedding_groups=2,
        **overrides,
    )


@functools.cache
def _tiny_ctc_pipeline():
    from transformers import Wav2Vec2FeatureExtractor, Wav2Vec2ForCTC, pipeline

    tokenizer = _ctc_tokenizer()
    model = Wav2Vec2ForCTC(_tiny_w2v2_config(vocab_size=len(tokenizer))).eval()
    return pipeline(
        "automatic-speech-recognition",
        model=model,
        tokenizer=tokenizer,
        feature_extractor=Wav2Vec2FeatureExtractor(),
        device="cpu",
    )


def _ctc_decode(frames: str) -> str:
    tokenizer = _ctc_tokenizer()
    return tokenizer.decode(tokenizer.convert_tokens_to_ids(frames.split()))


def _error_name(call: Callable[[], object]) -> str:
    try:
        call()
    except Exception as exc:  # the fact is the exception type the library raises
        return type(exc).__name__
    return "no error"


# --- audio-fundamentals ----------------------------------------------------------------


def _nyquist() -> float:
    import librosa

    return float(librosa.fft_frequencies(sr=SR, n_fft=400)[-1])


def _aliased_peak() -> float:
    import numpy as np

    sr = 8000
    tone = np.sin(2 * np.pi * 7000 * np.arange(sr) / sr)
    spectrum = np.abs(np.fft.rfft(tone))
    return float(np.fft.rfftfreq(sr, 1 / sr)[spectrum.argmax()])


def _resampled_length() -> int:
    import librosa
    import numpy as np

    y = np.random.default_rng(0).standard_normal(int(3.0 * 44100)).astype(np.float32)
    return len(librosa.resample(y, orig_sr=44100, target_sr=SR))


def _resample_default() -> str:
    import inspect

    import librosa

    return inspect.signature(librosa.resample).parameters["res_type"].default


def _pcm16_dynamic_range() -> float:
    import librosa
    import numpy as np

    return float(librosa.amplitude_to_db(np.array([2.0**16]), ref=1.0, top_db=None)[0])


def _pcm16_bytes() -> int:
    import io

    import numpy as np
    import soundfile as sf

    buffer = io.BytesIO()
    sf.write(buffer, np.zeros(10 * SR), SR, format="RAW", subtype="PCM_16")
    return len(buffer.getvalue())


def _stft_shape() -> tuple[int, int]:
    import librosa
    import numpy as np

    y = np.random.default_rng(0).standard_normal(SR).astype(np.float32)
    return librosa.stft(y, n_fft=400, hop_length=160).shape


def _bin_spacing() -> float:
    import librosa

    return float(librosa.fft_frequencies(sr=SR, n_fft=400)[1])


def _whisper_frames_per_second() -> float:
    from transformers import WhisperFeatureExtractor

    extractor = WhisperFeatureExtractor()
    return extractor.sampling_rate / extractor.hop_length


def _hz_to_mel_1000() -> float:
    import librosa

    return float(librosa.hz_to_mel(1000.0))


def _mel_filterbank_shape() -> str:
    import librosa

    return str(librosa.filters.mel(sr=SR, n_fft=400, n_mels=80).shape)


def _whisper_log_mel_floor_db() -> float:
    import numpy as np
    from transformers import WhisperFeatureExtractor

    tone = 0.1 * np.sin(2 * np.pi * 440 * np.arange(5 * SR) / SR)
    features = WhisperFeatureExtractor()(tone.astype(np.float32), sampling_rate=SR).input_features[0]
    # (log10 + 4) / 4 scaling undone (x4), log10 power -> dB (x10).
    return float(features.max() - features.min()) * 4 * 10


def _amplitude_doubling_db() -> float:
    import librosa
    import numpy as np

    return float(librosa.amplitude_to_db(np.array([2.0]), ref=1.0, top_db=None)[0])


def _power_ratio_db() -> str:
    import librosa
    import numpy as np

    return f"{float(librosa.power_to_db(np.array([100.0]), ref=1.0, top_db=None)[0]):g} dB"


def _noise_gain_for_10db() -> float:
    import numpy as np

    rng = np.random.default_rng(0)
    speech, noise = rng.standard_normal(SR), rng.standard_normal(SR)
    noise *= np.sqrt(np.mean(speech**2) / np.mean(noise**2))  # equal RMS, as in the prompt
    gain = math.sqrt(np.mean(speech**2) / (np.mean(noise**2) * 10 ** (10 / 10)))
    snr = 10 * np.log10(np.mean(speech**2) / np.mean((gain * noise) ** 2))
    assert abs(snr - 10) < 1e-9
    return gain


def _mfcc_default_count() -> int:
    import librosa
    import numpy as np

    y = np.random.default_rng(0).standard_normal(22050).astype(np.float32)
    return librosa.feature.mfcc(y=y, sr=22050).shape[0]


def _librosa_load_default_sr() -> int:
    import tempfile

    import librosa
    import numpy as np
    import soundfile as sf

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clip.wav"
        sf.write(path, np.zeros(SR, dtype=np.float32), SR)
        _, sr = librosa.load(path)
    return int(sr)


# --- asr ---------------------------------------------------------------------------------


def _w2v2_downsampling() -> int:
    from transformers import Wav2Vec2Config

    return math.prod(Wav2Vec2Config().conv_stride)


def _w2v2_receptive_field() -> int:
    from transformers import Wav2Vec2Config

    config = Wav2Vec2Config()
    field, jump = 1, 1
    for kernel, stride in zip(config.conv_kernel, config.conv_stride, strict=True):
        field += (kernel - 1) * jump
        jump *= stride
    return field


def _w2v2_frames_one_second() -> int:
    from transformers import Wav2Vec2Model

    return int(Wav2Vec2Model(_tiny_w2v2_config())._get_feat_extract_output_lengths(SR))


def _whisper_mel_bins() -> int:
    import numpy as np
    from transformers import WhisperFeatureExtractor

    return WhisperFeatureExtractor()(np.zeros(SR, dtype=np.float32), sampling_rate=SR).input_features.shape[1]


def _whisper_window_frames() -> int:
    from transformers import WhisperFeatureExtractor

    return WhisperFeatureExtractor().nb_max_frames


def _whisper_time_precision() -> float:
    from transformers import WhisperConfig, WhisperFeatureExtractor

    return WhisperFeatureExtractor().chunk_length / WhisperConfig().max_source_positions


def _whisper_max_target() -> int:
    from transformers import WhisperConfig

    return WhisperConfig().max_target_positions


def _wer(reference: str | list[str], hypothesis: str | list[str]) -> float:
    import jiwer

    return float(jiwer.wer(reference, hypothesis))


# --- pipelines ---------------------------------------------------------------------------


def _task_alias() -> str:
    from transformers.pipelines import check_task

    return check_task("text-to-speech")[0]


def _default_asr_checkpoint() -> str:
    from transformers.pipelines import check_task

    return check_task("automatic-speech-recognition")[1]["default"]["model"][0]


def _stereo_channels_last_error() -> str:
    import numpy as np

    stereo = np.zeros((SR, 2), dtype=np.float32)  # soundfile layout: (frames, channels)
    return _error_name(lambda: _tiny_ctc_pipeline()(stereo))


def _pipeline_dtype_default() -> str:
    import inspect

    from transformers import pipeline

    return inspect.signature(pipeline).parameters["dtype"].default


def _asr_default_num_beams() -> int:
    from transformers.pipelines.automatic_speech_recognition import AutomaticSpeechRecognitionPipeline

    return AutomaticSpeechRecognitionPipeline._default_generation_config.num_beams


def _ctc_word_start_seconds() -> float:
    import torch

    asr = _tiny_ctc_pipeline()
    tokenizer = asr.tokenizer
    pad = tokenizer.pad_token_id
    ids = [pad] * 150 + tokenizer.convert_tokens_to_ids(["o", "k"]) + [pad] * 20
    out = asr.postprocess([{"tokens": torch.tensor([ids]), "is_last": True}], return_timestamps="word")
    return float(out["chunks"][0]["timestamp"][0])


def _audio_classification_results() -> int:
    import numpy as np
    from transformers import Wav2Vec2FeatureExtractor, Wav2Vec2ForSequenceClassification, pipeline

    model = Wav2Vec2ForSequenceClassification(_tiny_w2v2_config(num_labels=10, classifier_proj_size=8)).eval()
    classifier = pipeline(
        "audio-classification", model=model, feature_extractor=Wav2Vec2FeatureExtractor(), device="cpu"
    )
    return len(classifier(np.random.default_rng(0).standard_normal(SR).astype(np.float32)))


def _zero_shot_template() -> str:
    import inspect

    from transformers.pipelines.zero_shot_audio_classification import ZeroShotAudioClassificationPipeline

    return inspect.signature(ZeroShotAudioClassificationPipeline.preprocess).parameters["hypothesis_template"].default


def _feature_extractor_rate_mismatch() -> str:
    import numpy as np
    from transformers import WhisperFeatureExtractor

    audio = np.zeros(8000, dtype=np.float32)
    return _error_name(lambda: WhisperFeatureExtractor()(audio, sampling_rate=8000))


def _whisper_mask_frames() -> int:
    import numpy as np
    from transformers import WhisperFeatureExtractor

    audio = np.random.default_rng(0).standard_normal(5 * SR).astype(np.float32) * 0.1
    out = WhisperFeatureExtractor()(audio, sampling_rate=SR, return_attention_mask=True)
    return int(out["attention_mask"].sum())


def _w2v2_normalized_std() -> float:
    import numpy as np
    from transformers import Wav2Vec2FeatureExtractor

    t = np.arange(SR) / SR
    y = (0.5 * np.sin(2 * np.pi * 200 * t) + 0.2).astype(np.float32)
    return float(Wav2Vec2FeatureExtractor()(y, sampling_rate=SR).input_values[0].std())


def _truncated_length() -> int:
    import numpy as np
    from transformers import Wav2Vec2FeatureExtractor

    extractor = Wav2Vec2FeatureExtractor()
    audio = np.random.default_rng(0).standard_normal(4 * SR).astype(np.float32)
    inputs = extractor(audio, sampling_rate=SR, max_length=int(extractor.sampling_rate * 2.5), truncation=True)
    return len(inputs["input_values"][0])


def _default_stride_seconds() -> float:
    import numpy as np

    asr = _tiny_ctc_pipeline()
    chunks = list(asr.preprocess(np.zeros(40 * SR, dtype=np.float32), chunk_length_s=12))
    _, left, right = chunks[1]["stride"]  # an inner chunk has both strides
    assert left == right
    return left / asr.feature_extractor.sampling_rate


FACTS: dict[str, Callable[[], object]] = {
    # audio-fundamentals
    "fund-nyquist-16k": _nyquist,
    "fund-aliasing-folded-tone": _aliased_peak,
    "fund-resample-length": _resampled_length,
    "fund-resample-default-backend": _resample_default,
    "fund-bit-depth-dynamic-range": _pcm16_dynamic_range,
    "fund-pcm16-bytes": _pcm16_bytes,
    "fund-stft-frames-center": lambda: _stft_shape()[1],
    "fund-stft-freq-bins": lambda: _stft_shape()[0],
    "fund-stft-bin-spacing": _bin_spacing,
    "fund-frames-per-second": _whisper_frames_per_second,
    "fund-hz-to-mel-slaney": _hz_to_mel_1000,
    "fund-mel-filterbank-shape": _mel_filterbank_shape,
    "fund-log-mel-floor-db": _whisper_log_mel_floor_db,
    "fund-db-amplitude-doubling": _amplitude_doubling_db,
    "fund-db-power-ratio": _power_ratio_db,
    "fund-snr-noise-gain": _noise_gain_for_10db,
    "fund-mfcc-default-count": _mfcc_default_count,
    "fund-librosa-load-default-sr": _librosa_load_default_sr,
    # asr
    "asr-ctc-decode-example": lambda: _ctc_decode("h h <pad> e e l l <pad> l l o | | <pad> o k"),
    "asr-ctc-repeat-needs-blank": lambda: _ctc_decode("b o o k"),
    "asr-w2v2-downsampling": _w2v2_downsampling,
    "asr-w2v2-receptive-field": _w2v2_receptive_field,
    "asr-w2v2-frames-per-second": _w2v2_frames_one_second,
    "asr-whisper-mel-bins": _whisper_mel_bins,
    "asr-whisper-window-frames": _whisper_window_frames,
    "asr-whisper-time-precision": _whisper_time_precision,
    "asr-whisper-max-target-length": _whisper_max_target,
    "asr-wer-compute": lambda: _wer("do you have this jacket in medium", "do you have the jacket in a medium"),
    "asr-wer-above-one": lambda: str(_wer("yes please", "yeah this is great thanks")),
    "asr-corpus-wer": lambda: _wer(["please find the blue shirt", "yes"], ["please find the blue shirt", "no"]),
    "asr-orthographic-wer": lambda: _wer("Mr. Smith paid twenty-five dollars.", "mister smith paid $25"),
    # pipelines
    "pipe-tts-alias": _task_alias,
    "pipe-default-asr-checkpoint": _default_asr_checkpoint,
    "pipe-stereo-channels-last": _stereo_channels_last_error,
    "pipe-dtype-default": _pipeline_dtype_default,
    "pipe-num-beams-default": _asr_default_num_beams,
    "pipe-ctc-timestamp-seconds": _ctc_word_start_seconds,
    "pipe-audio-cls-top-k": _audio_classification_results,
    "pipe-zero-shot-template": _zero_shot_template,
    "pipe-fe-sampling-rate-mismatch": _feature_extractor_rate_mismatch,
    "pipe-whisper-attention-mask": _whisper_mask_frames,
    "pipe-do-normalize-std": _w2v2_normalized_std,
    "pipe-max-duration-truncation": _truncated_length,
    "pipe-default-stride": _default_stride_seconds,
}



QUESTIONS = load_questions(BANK_FILES)


@pytest.mark.parametrize("question_id", sorted(FACTS))
def test_bank_answer_matches_library(question_id: str) -> None:
    check_fact(QUESTIONS, FACTS, question_id)


def test_verified_tags_match_checks() -> None:
    check_verified_tags(QUESTIONS, FACTS)


def test_bank_matches_rejects_wrong_answers() -> None:
    """The comparison is not vacuous: off-tolerance numbers and other texts fail."""
    numeric = {"id": "x", "kind": "numeric", "answer": 320, "tolerance": 0}
    assert bank_matches(numeric, 320)[0] and not bank_matches(numeric, 321)[0]
    single = {
        "id": "y",
        "kind": "single",
        "choices": [{"text": "`sigmoid`", "correct": True}, {"text": "softmax", "correct": False}],
    }
    assert bank_matches(single, "sigmoid")[0] and not bank_matches(single, "softmax")[0]
    text = {"id": "z", "kind": "text", "accepted": ["hello ok"]}
    assert bank_matches(text, "Hello OK")[0] and not bank_matches(text, "helo ok")[0]
