"""Library-verified facts of the audio-fundamentals, asr and pipelines quiz banks.

Each entry of FACTS computes, with the installed libraries (numpy, librosa, soundfile,
jiwer, transformers), the answer of one question tagged `verified`. The tests compare it
with the bank (numeric `answer` within `tolerance`, the text of the single correct choice,
or an `accepted` entry), so the bank cannot drift from the libraries' behaviour.
"""

from __future__ import annotations

import functools
import math
import re
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
    with tempfile.TemporaryDirectory(prefix="quiz-facts-vocab-") as folder:  # read once, here
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


# --- behaviour checks: run the choice's claim and return its text if the library agrees ----


def _correct_choice(question_id: str) -> str:
    (text,) = [c["text"] for c in QUESTIONS[question_id]["choices"] if c["correct"]]
    return text


def _unexpected(**observed: object) -> str:
    return "unexpected: " + ", ".join(f"{k}={v!r}" for k, v in observed.items())


def _decimation_aliases() -> str:
    import librosa
    import numpy as np

    sr = 48000
    tone = np.sin(2 * np.pi * 10000 * np.arange(sr) / sr).astype(np.float32)  # above the new 8 kHz Nyquist

    def peak_and_level(y: np.ndarray) -> tuple[float, float]:
        spectrum = np.abs(np.fft.rfft(y)) / len(y)
        return float(np.fft.rfftfreq(len(y), 1 / SR)[spectrum.argmax()]), float(spectrum.max())

    sliced_peak, sliced_level = peak_and_level(tone[::3])
    resampled_peak, resampled_level = peak_and_level(librosa.resample(tone, orig_sr=sr, target_sr=SR))
    aliased = abs(sliced_peak - 6000) < 1 and sliced_level > 0.4  # 16000 - 10000 Hz, full strength
    if aliased and resampled_level < 1e-3 * sliced_level:
        return _correct_choice("fund-decimate-without-filter")
    return _unexpected(sliced_peak=sliced_peak, resampled_level=resampled_level)


def _upsampled_band_is_empty() -> str:
    import librosa
    import numpy as np

    narrow = np.random.default_rng(0).standard_normal(8000).astype(np.float32)
    wide = librosa.resample(narrow, orig_sr=8000, target_sr=SR)
    power = np.abs(np.fft.rfft(wide)) ** 2
    freqs = np.fft.rfftfreq(len(wide), 1 / SR)
    below, above = power[freqs < 3500].mean(), power[freqs > 4500].mean()
    ratio_db = 10 * np.log10(above / below)
    if ratio_db < -60:
        return _correct_choice("fund-upsampling-bandwidth")
    return _unexpected(ratio_db=ratio_db)


def _int16_conversion() -> str:
    import io

    import numpy as np
    import soundfile as sf

    pcm = np.array([-32768, -16384, 0, 1, 32767], dtype=np.int16)
    buffer = io.BytesIO()
    sf.write(buffer, pcm, SR, format="WAV", subtype="PCM_16")
    buffer.seek(0)
    as_float, _ = sf.read(buffer, dtype="float32")
    candidates = {
        "`audio.astype(np.float32) / 32768`": pcm.astype(np.float32) / 32768,
        "`audio.astype(np.float32) / 65535`": pcm.astype(np.float32) / 65535,
    }
    right = [text for text, values in candidates.items() if np.allclose(values, as_float, atol=0)]
    return right[0] if len(right) == 1 else _unexpected(right=right)


def _stereo_downmix() -> str:
    import librosa
    import numpy as np

    data = np.random.default_rng(0).standard_normal((48000, 2)).astype(np.float32)  # soundfile layout
    expected = (data[:, 0] + data[:, 1]) / 2
    candidates = {
        "`mono = data.mean(axis=1)`": lambda: data.mean(axis=1),
        "`mono = data.mean(axis=0)`": lambda: data.mean(axis=0),
        "`mono = librosa.to_mono(data)`": lambda: librosa.to_mono(data),
        "`mono = data.reshape(-1)`": lambda: data.reshape(-1),
    }
    right = [
        text for text, make in candidates.items() if make().shape == expected.shape and np.allclose(make(), expected)
    ]
    return right[0] if len(right) == 1 else _unexpected(right=right)


def _whisper_filterbank_is_librosa_slaney() -> str:
    import librosa
    import numpy as np
    from transformers import WhisperFeatureExtractor

    whisper = WhisperFeatureExtractor().mel_filters  # (frequency bins, mel filters)
    slaney = librosa.filters.mel(sr=SR, n_fft=400, n_mels=80, fmin=0.0, fmax=8000.0, htk=False, norm="slaney")
    htk = librosa.filters.mel(sr=SR, n_fft=400, n_mels=80, htk=True, norm=None)
    if whisper.shape == (201, 80) and np.allclose(whisper, slaney.T, atol=1e-6) and not np.allclose(whisper, htk.T):
        return _correct_choice("fund-whisper-mel-convention")
    return _unexpected(shape=whisper.shape)


def _ctc_loss_without_a_path() -> str:
    import torch

    frames, classes = 5, 6
    log_probs = torch.randn(frames, 1, classes).log_softmax(-1)
    loss = torch.nn.CTCLoss(blank=0)  # zero_infinity=False, the default
    too_long = loss(log_probs, torch.tensor([[1, 2, 3, 4, 5, 1, 2, 3]]), torch.tensor([frames]), torch.tensor([8]))
    fits = loss(log_probs, torch.tensor([[1, 2, 3]]), torch.tensor([frames]), torch.tensor([3]))
    zeroed = torch.nn.CTCLoss(blank=0, zero_infinity=True)(
        log_probs, torch.tensor([[1, 2, 3, 4, 5, 1, 2, 3]]), torch.tensor([frames]), torch.tensor([8])
    )
    if torch.isinf(too_long) and torch.isfinite(fits) and zeroed == 0:
        return _correct_choice("asr-ctc-infinite-loss")
    return _unexpected(too_long=float(too_long), fits=float(fits))


def _whisper_encoder_rejects_short_input() -> str:
    import torch

    encoder = _tiny_whisper().model.encoder
    config = encoder.config
    expected_frames = config.max_source_positions * encoder.conv1.stride[0] * encoder.conv2.stride[0]
    with torch.no_grad():
        encoder(torch.zeros(1, config.num_mel_bins, expected_frames))
        try:
            encoder(torch.zeros(1, config.num_mel_bins, 200))
        except ValueError:
            if expected_frames == 3000:
                return _correct_choice("asr-whisper-short-clip-cost")
    return _unexpected(expected_frames=expected_frames)


@functools.cache
def _pipeline_input_contract() -> dict[str, bool]:
    """What the ASR pipeline does with each input form (ffmpeg and torchaudio made unavailable)."""
    import io
    import sys
    from unittest import mock

    import numpy as np
    import soundfile as sf
    from transformers.pipelines import audio_utils

    asr = _tiny_ctc_pipeline()
    audio = (0.1 * np.random.default_rng(0).standard_normal(44100)).astype(np.float32)
    wav = io.BytesIO()
    sf.write(wav, audio, 44100, format="WAV")

    def raises(call, error: type[Exception], words: str) -> bool:
        try:
            call()
        except error as exc:
            return words in str(exc)
        return False

    with (
        mock.patch.dict(sys.modules, {"torchaudio": None}),
        mock.patch.object(audio_utils.subprocess, "Popen", side_effect=FileNotFoundError("ffmpeg")),
    ):
        return {
            "dict_needs_torchaudio": raises(
                lambda: asr({"raw": audio, "sampling_rate": 44100}), ImportError, "torchaudio"
            ),
            "wrong_keys_rejected": raises(lambda: asr({"audio": audio, "sr": 44100}), ValueError, '"raw"'),
            "rate_kwarg_ignored": asr(audio, sampling_rate=44100)["text"] == asr(audio)["text"],
            "bare_array_unchecked": asr(audio)["text"] is not None,  # 44.1 kHz samples pass silently
            "bytes_need_ffmpeg": raises(lambda: asr(wav.getvalue()), ValueError, "ffmpeg was not found"),
            "array_needs_no_ffmpeg": asr(audio[:16000])["text"] is not None,
        }


def _dict_input_fact() -> str:
    contract = _pipeline_input_contract()
    keys = ("dict_needs_torchaudio", "wrong_keys_rejected", "rate_kwarg_ignored")
    return _correct_choice("pipe-dict-input") if all(contract[k] for k in keys) else _unexpected(**contract)


def _ffmpeg_fact() -> str:
    import tempfile
    from unittest import mock

    import numpy as np
    import soundfile as sf
    from transformers.pipelines import audio_utils

    contract = _pipeline_input_contract()
    message = re.search(r"\"(ffmpeg [^\"]+)\"", " ".join(QUESTIONS["pipe-file-path-ffmpeg"]["prompt"].split()))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "order.wav"
        sf.write(path, np.zeros(SR, dtype=np.float32), SR)
        with mock.patch.object(audio_utils.subprocess, "Popen", side_effect=FileNotFoundError("ffmpeg")):
            try:
                _tiny_ctc_pipeline()(str(path))
                error = ""
            except ValueError as exc:
                error = " ".join(str(exc).split())
    quoted = " ".join(message[1].split()) if message else "?"
    if contract["bytes_need_ffmpeg"] and contract["array_needs_no_ffmpeg"] and quoted in error:
        return _correct_choice("pipe-file-path-ffmpeg")
    return _unexpected(error=error, quoted=quoted, **contract)


def _bare_array_fact() -> str:
    contract = _pipeline_input_contract()
    return _correct_choice("pipe-numpy-input-rate") if contract["bare_array_unchecked"] else _unexpected(**contract)


def _tiny_whisper():
    from transformers import WhisperConfig, WhisperForConditionalGeneration

    config = WhisperConfig(
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_target_positions=32,
    )
    return WhisperForConditionalGeneration(config).eval()


def _pipeline_dispatch() -> str:
    import numpy as np
    import torch
    from transformers import WhisperFeatureExtractor, pipeline

    ctc = _tiny_ctc_pipeline()
    whisper = pipeline(
        "automatic-speech-recognition",
        model=_tiny_whisper(),
        feature_extractor=WhisperFeatureExtractor(),
        tokenizer=ctc.tokenizer,  # never used: only the forward step runs below
        device="cpu",
    )
    calls: dict[str, int] = {"ctc": 0, "whisper": 0}

    def counting(name: str, result):
        def generate(*args, **kwargs):
            calls[name] += 1
            return result

        return generate

    audio = np.zeros(SR, dtype=np.float32)
    ctc.model.generate = counting("ctc", None)
    whisper.model.generate = counting("whisper", torch.tensor([[1, 2]]))
    try:
        ctc(audio)  # logits -> argmax -> text, without generate
        whisper._forward(next(iter(whisper.preprocess(audio))))
    finally:
        del ctc.model.generate
    if (ctc.type, whisper.type) == ("ctc", "seq2seq_whisper") and calls == {"ctc": 0, "whisper": 1}:
        return _correct_choice("pipe-model-type-dispatch")
    return _unexpected(types=(ctc.type, whisper.type), calls=calls)


def _ctc_timestamp_values() -> str:
    import numpy as np

    asr = _tiny_ctc_pipeline()
    audio = np.zeros(SR, dtype=np.float32)
    accepted = []
    for value in (True, "char", "word", "segment"):
        try:
            asr(audio, return_timestamps=value)
            accepted.append(value)
        except ValueError:
            pass
    return '`"char"` or `"word"`' if accepted == ["char", "word"] else _unexpected(accepted=accepted)


def _multilabel_pipeline_function() -> str:
    from test_quiz_facts_b import _pipeline_score_function

    name = _pipeline_score_function()
    return _correct_choice("pipe-audio-cls-function-to-apply") if name == "sigmoid" else _unexpected(name=name)


def _whisper_extractor_truncates() -> str:
    import numpy as np
    from transformers import WhisperFeatureExtractor

    extractor = WhisperFeatureExtractor()
    audio = np.zeros(45 * SR, dtype=np.float32)
    default = extractor(audio, sampling_rate=SR).input_features.shape[-1]
    full = extractor(audio, sampling_rate=SR, truncation=False, padding="longest").input_features.shape[-1]
    if default == 3000 and full == 4500:
        return _correct_choice("pipe-whisper-fe-truncates")
    return _unexpected(default=default, full=full)


def _tiny_whisper_pipeline(max_length: int | None = None):
    from transformers import WhisperFeatureExtractor, pipeline

    model = _tiny_whisper()
    if max_length is not None:
        model.generation_config.max_length = max_length
    return pipeline(
        "automatic-speech-recognition",
        model=model,
        feature_extractor=WhisperFeatureExtractor(),
        tokenizer=_tiny_ctc_pipeline().tokenizer,  # never used: only preprocessing and forward run
        device="cpu",
    )


def _generate_kwargs(max_length: int | None) -> dict:
    """The keyword arguments the ASR pipeline passes to Whisper's `generate` for one clip."""
    import numpy as np
    import torch

    asr = _tiny_whisper_pipeline(max_length)
    seen: dict = {}

    def generate(*args, **kwargs):
        seen.update(kwargs)
        return torch.tensor([[1, 2]])

    asr.model.generate = generate
    asr._forward(next(iter(asr.preprocess(np.zeros(SR, dtype=np.float32)))))
    return {k: v for k, v in seen.items() if k not in ("input_features", "attention_mask")}


def _max_length_precedence() -> str:
    unset, set_448 = _generate_kwargs(None), _generate_kwargs(448)
    if unset.get("max_new_tokens") == 256 and "max_new_tokens" not in set_448 and "max_length" not in set_448:
        return _correct_choice("pipe-max-new-tokens-vs-max-length")  # generate then uses the config's 448
    return _unexpected(unset=unset, set_448=set_448)


def _whisper_chunking_warns() -> str:
    import io
    import logging

    import numpy as np
    from transformers.utils import logging as hf_logging

    asr = _tiny_whisper_pipeline()
    logger = hf_logging.get_logger("transformers.pipelines.automatic_speech_recognition")
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.WARNING)  # whatever an earlier test set the verbosity to
    hf_logging.warning_once.cache_clear()  # a once-only warning another test may have triggered already
    try:
        asr._sanitize_parameters(chunk_length_s=30)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    warning = " ".join(buffer.getvalue().split())
    chunks = list(asr.preprocess(np.zeros(75 * SR, dtype=np.float32), chunk_length_s=30))
    if "very experimental with seq2seq" in warning and "`generate`" in warning and len(chunks) > 1:
        return _correct_choice("pipe-chunking-whisper")
    return _unexpected(warning=warning, chunks=len(chunks))


def _longer_window_tradeoff() -> str:
    import librosa
    import numpy as np

    y = np.zeros(SR, dtype=np.float32)
    y[SR // 2] = 1.0  # a click

    def stft(window: int) -> np.ndarray:
        return np.abs(librosa.stft(y, n_fft=window, hop_length=160, win_length=window)) ** 2

    short, long = stft(400), stft(800)  # 25 ms and 50 ms at 16 kHz, same 10 ms hop

    def smear(power: np.ndarray) -> int:  # frames holding the click's energy
        energy = power.sum(axis=0)
        return int((energy > 1e-3 * energy.max()).sum())

    spacing = [float(librosa.fft_frequencies(sr=SR, n_fft=n)[1]) for n in (400, 800)]
    if short.shape[1] == long.shape[1] and spacing == [40.0, 20.0] and smear(long) > smear(short):
        return _correct_choice("fund-time-frequency-tradeoff")
    return _unexpected(frames=(short.shape[1], long.shape[1]), spacing=spacing)


def _window_reduces_leakage() -> str:
    import numpy as np

    n = 400
    tone = np.sin(2 * np.pi * 1010 * np.arange(n) / SR)  # between two 40 Hz bins: leaks

    def far_leakage_db(window: np.ndarray) -> float:
        spectrum = np.abs(np.fft.rfft(tone * window)) ** 2
        peak = spectrum.argmax()
        far = np.r_[spectrum[: max(peak - 5, 0)], spectrum[peak + 6 :]]
        return float(10 * np.log10(far.max() / spectrum.max()))

    rectangular, hann = far_leakage_db(np.ones(n)), far_leakage_db(np.hanning(n))
    if hann < rectangular - 20:
        return _correct_choice("fund-window-function")
    return _unexpected(rectangular=rectangular, hann=hann)


def _scaling_keeps_clipping() -> str:
    import numpy as np

    t = np.arange(SR) / SR
    clipped = np.clip(2.0 * np.sin(2 * np.pi * 200 * t), -1.0, 1.0)

    def harmonic_ratio(y: np.ndarray) -> float:
        spectrum = np.abs(np.fft.rfft(y))
        return float(spectrum[600] / spectrum[200])  # third harmonic / fundamental (1 Hz bins)

    before, after = harmonic_ratio(clipped), harmonic_ratio(0.5 * clipped)
    if before > 0.1 and abs(after - before) < 1e-9 and np.abs(0.5 * clipped).max() == 0.5:
        return _correct_choice("fund-clipping")
    return _unexpected(before=before, after=after)


def _polarity_cancels() -> str:
    import numpy as np

    speech = np.random.default_rng(0).standard_normal(SR)
    stereo = np.stack([speech, -speech], axis=1)  # one channel polarity-inverted
    mono = stereo.mean(axis=1)
    if np.abs(mono).max() == 0 and np.std(stereo[:, 0]) > 0.9:
        return _correct_choice("fund-stereo-phase-cancel")
    return _unexpected(peak=float(np.abs(mono).max()))


def _chunks_are_batched() -> str:
    import numpy as np

    asr = _tiny_ctc_pipeline()
    audio = np.zeros(240 * SR, dtype=np.float32)
    chunks = len(list(asr.preprocess(audio, chunk_length_s=30)))
    batches: list[int] = []
    hook = asr.model.register_forward_hook(
        lambda module, args, kwargs, output: batches.append(output.logits.shape[0]), with_kwargs=True
    )
    try:
        asr(audio, chunk_length_s=30, batch_size=8)
    finally:
        hook.remove()
    if chunks > 8 and max(batches) == 8 and sum(batches) == chunks:
        return _correct_choice("pipe-batch-size-chunks")
    return _unexpected(chunks=chunks, batches=batches)


def _processor_files_needed() -> str:
    import tempfile

    from transformers import Wav2Vec2FeatureExtractor, Wav2Vec2Processor, pipeline

    asr = _tiny_ctc_pipeline()
    with tempfile.TemporaryDirectory() as folder:
        asr.model.save_pretrained(folder)
        try:
            pipeline("automatic-speech-recognition", model=folder, device="cpu")
            model_only = "loaded"
        except Exception as exc:  # the fact is that loading fails
            model_only = type(exc).__name__
        Wav2Vec2Processor(feature_extractor=Wav2Vec2FeatureExtractor(), tokenizer=asr.tokenizer).save_pretrained(folder)
        with_processor = pipeline("automatic-speech-recognition", model=folder, device="cpu")
    if model_only != "loaded" and with_processor.tokenizer is not None and with_processor.feature_extractor is not None:
        return _correct_choice("pipe-save-processor")
    return _unexpected(model_only=model_only)


def _generate_kwargs_are_forwarded() -> str:
    import numpy as np
    import torch

    asr = _tiny_whisper_pipeline()
    seen: dict = {}

    def generate(*args, **kwargs):
        seen.update(kwargs)
        return torch.tensor([[1, 2]])

    asr.model.generate = generate
    wanted = {"num_beams": 1, "language": "en", "max_new_tokens": 64}
    preprocess, forward, _ = asr._sanitize_parameters(generate_kwargs=dict(wanted))
    asr._forward(next(iter(asr.preprocess(np.zeros(SR, dtype=np.float32), **preprocess))), **forward)
    if all(seen.get(key) == value for key, value in wanted.items()):
        return _correct_choice("pipe-generate-kwargs")
    return _unexpected(seen={k: v for k, v in seen.items() if k in wanted})


def _spec_augment_masks_latents() -> str:
    import torch
    from transformers import Wav2Vec2Model

    torch.manual_seed(0)
    model = Wav2Vec2Model(_tiny_w2v2_config(mask_time_prob=0.3, mask_time_length=10))
    latents = torch.randn(1, 200, model.config.hidden_size)

    def masked_rows(training: bool) -> torch.Tensor:
        model.train(training)
        out = model._mask_hidden_states(latents.clone())
        return (out != latents).any(dim=-1)[0]

    train_rows, eval_rows = masked_rows(True), masked_rows(False)
    runs = [len(run) for run in "".join("1" if x else "0" for x in train_rows.tolist()).split("0") if run]
    spans_ok = bool(runs) and min(runs) >= model.config.mask_time_length
    if train_rows.any() and not eval_rows.any() and spans_ok:
        return _correct_choice("asr-w2v2-spec-augment")
    return _unexpected(train=int(train_rows.sum()), eval=int(eval_rows.sum()), runs=runs)


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
    # behaviour checks
    "fund-decimate-without-filter": _decimation_aliases,
    "fund-upsampling-bandwidth": _upsampled_band_is_empty,
    "fund-int16-to-float": _int16_conversion,
    "fund-stereo-downmix": _stereo_downmix,
    "fund-whisper-mel-convention": _whisper_filterbank_is_librosa_slaney,
    "asr-ctc-infinite-loss": _ctc_loss_without_a_path,
    "asr-whisper-short-clip-cost": _whisper_encoder_rejects_short_input,
    "pipe-numpy-input-rate": _bare_array_fact,
    "pipe-dict-input": _dict_input_fact,
    "pipe-file-path-ffmpeg": _ffmpeg_fact,
    "pipe-model-type-dispatch": _pipeline_dispatch,
    "pipe-return-timestamps-ctc": _ctc_timestamp_values,
    "pipe-audio-cls-function-to-apply": _multilabel_pipeline_function,
    "pipe-whisper-fe-truncates": _whisper_extractor_truncates,
    "pipe-max-new-tokens-vs-max-length": _max_length_precedence,
    "pipe-chunking-whisper": _whisper_chunking_warns,
    "fund-time-frequency-tradeoff": _longer_window_tradeoff,
    "fund-window-function": _window_reduces_leakage,
    "fund-clipping": _scaling_keeps_clipping,
    "fund-stereo-phase-cancel": _polarity_cancels,
    "pipe-batch-size-chunks": _chunks_are_batched,
    "pipe-save-processor": _processor_files_needed,
    "pipe-generate-kwargs": _generate_kwargs_are_forwarded,
    "asr-w2v2-spec-augment": _spec_augment_masks_latents,
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
