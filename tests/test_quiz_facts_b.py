"""Library-verified facts of the tts, audio-classification, deployment and retail-scenarios banks.

Each entry of FACTS computes, with the installed libraries (transformers, torch, numpy,
sklearn, jiwer, faster-whisper, huggingface_hub), the answer of one question tagged
`verified`. Models are tiny random-weight instances built offline from config classes (or
on the meta device when only shapes and counts matter); nothing touches a hub. The tests
compare the truth with the bank: numeric `answer` within `tolerance`, the text of the single
correct choice, or an `accepted` entry, all normalized the way the quiz checks answers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest
from quiz_facts import check_fact, check_verified_tags, load_questions

BANK_FILES = ("tts.yaml", "audio-classification.yaml", "deployment.yaml", "retail-scenarios.yaml")
SR = 16000


def _noise(seconds: float, seed: int = 0):
    import numpy as np

    return (0.1 * np.random.default_rng(seed).standard_normal(int(seconds * SR))).astype(np.float32)


# --- TTS ---------------------------------------------------------------------------------


@functools.cache
def _tiny_vits():
    """A random-weight VitsModel with default upsampling (tiny widths so it builds fast)."""
    from transformers import VitsConfig, VitsModel

    config = VitsConfig(
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        ffn_dim=32,
        flow_size=16,
        upsample_initial_channel=16,
        prior_encoder_num_wavenet_layers=1,
        posterior_encoder_num_wavenet_layers=1,
        duration_predictor_filter_channels=16,
        spectrogram_bins=33,
        resblock_kernel_sizes=[3],
        resblock_dilation_sizes=[[1]],
    )
    return VitsModel(config).eval()


def _vits_waveform(seed: int | None = None, zero_noise: bool = False):
    import torch

    model = _tiny_vits()
    saved = model.noise_scale, model.noise_scale_duration
    if zero_noise:
        model.noise_scale = model.noise_scale_duration = 0.0
    try:
        if seed is not None:
            torch.manual_seed(seed)
        with torch.no_grad():
            return model(torch.tensor([[1, 5, 3, 7, 2, 9]]))
    finally:
        model.noise_scale, model.noise_scale_duration = saved


def _vits_samples_per_frame() -> float:
    out = _vits_waveform(seed=0)
    return out.waveform.shape[-1] / out.spectrogram.shape[-1]


def _vits_n_fft() -> int:
    import numpy as np
    from transformers import VitsConfig

    bins = VitsConfig().spectrogram_bins
    n_fft = 2 * (bins - 1)
    assert np.fft.rfftfreq(n_fft).size == bins
    return n_fft


def _vits_determinism_fix() -> str:
    import torch

    def same(a, b) -> bool:
        return a.waveform.shape == b.waveform.shape and bool(torch.equal(a.waveform, b.waveform))

    random_differs = not same(_vits_waveform(), _vits_waveform())
    seeded_same = same(_vits_waveform(seed=3), _vits_waveform(seed=3))
    zero_noise_same = same(_vits_waveform(zero_noise=True), _vits_waveform(zero_noise=True))
    if random_differs and seeded_same and zero_noise_same:
        return (
            "Seed the RNG (`torch.manual_seed`) right before each call, or set `model.noise_scale` "
            "and `model.noise_scale_duration` to 0"
        )
    return f"unexpected: differs={random_differs} seeded={seeded_same} zero-noise={zero_noise_same}"


def _config_default(class_name: str, attribute: str) -> object:
    """A default value of a transformers config class, read from a freshly built config."""
    import transformers

    return getattr(getattr(transformers, class_name)(), attribute)


def _speecht5_mel_bins() -> int:
    from transformers import SpeechT5Config, SpeechT5HifiGanConfig

    acoustic, vocoder = SpeechT5Config().num_mel_bins, SpeechT5HifiGanConfig().model_in_dim
    assert acoustic == vocoder, (acoustic, vocoder)
    return acoustic


def _hifigan_frame_ms() -> float:
    import numpy as np
    from transformers import SpeechT5HifiGanConfig

    config = SpeechT5HifiGanConfig()
    return float(np.prod(config.upsample_rates)) / config.sampling_rate * 1000


def _speecht5_prenet_cause() -> str:
    import torch
    from transformers import SpeechT5Config
    from transformers.models.speecht5.modeling_speecht5 import SpeechT5SpeechDecoderPrenet

    config = SpeechT5Config(hidden_size=32, speech_decoder_prenet_units=16)
    prenet = SpeechT5SpeechDecoderPrenet(config).eval()
    frames, speaker = torch.randn(1, 5, config.num_mel_bins), torch.randn(1, config.speaker_embedding_dim)
    with torch.no_grad():
        differs = not torch.equal(prenet(frames, speaker), prenet(frames, speaker))
        torch.manual_seed(0)
        first = prenet(frames, speaker)
        torch.manual_seed(0)
        seeded_same = torch.equal(first, prenet(frames, speaker))
    if differs and seeded_same and not prenet.training:
        return "The speech-decoder pre-net applies dropout even in eval mode, so seed the RNG before each call"
    return f"unexpected: differs={differs} seeded={seeded_same}"


def _default_vocoder() -> str:
    from transformers.pipelines.text_to_audio import DEFAULT_VOCODER_ID

    return DEFAULT_VOCODER_ID


def _bark_sampling_rate() -> int:
    from transformers import BarkConfig

    return BarkConfig().codec_config.sampling_rate


def _bark_fine_codebooks() -> int:
    from transformers.models.bark.generation_configuration_bark import BarkFineGenerationConfig

    return BarkFineGenerationConfig().n_fine_codebooks


def _wer(reference: str, hypothesis: str) -> float:
    import jiwer

    return jiwer.wer(reference, hypothesis)


# --- audio classification ----------------------------------------------------------------


def _tiny_ast_config(**overrides: Any):
    from transformers import ASTConfig

    return ASTConfig(hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32, **overrides)


def _ast_default_patch_count() -> int:
    import torch
    from transformers import ASTModel

    config = _tiny_ast_config()  # default patch geometry: 128 mel x 1024 frames, 16x16, stride 10
    model = ASTModel(config).eval()
    with torch.no_grad():
        patches = model.embeddings.patch_embeddings(torch.zeros(1, config.max_length, config.num_mel_bins))
    assert model.embeddings.position_embeddings.shape[1] == patches.shape[1] + 2
    return patches.shape[1]


def _ast_patch_overlap() -> int:
    from transformers import ASTConfig

    config = ASTConfig()
    return config.patch_size - config.frequency_stride


def _ast_tiny_positions() -> int:
    from transformers import ASTModel

    model = ASTModel(_tiny_ast_config(num_mel_bins=64, max_length=100))
    return model.embeddings.position_embeddings.shape[1]


def _ast_pooler() -> str:
    import torch
    from transformers import ASTModel

    model = ASTModel(_tiny_ast_config(num_mel_bins=64, max_length=100)).eval()
    with torch.no_grad():
        out = model(torch.randn(1, 100, 64))
    tokens = out.last_hidden_state[0]
    if torch.allclose(out.pooler_output[0], (tokens[0] + tokens[1]) / 2):
        return "The average of the final [CLS] token and the final distillation token"
    if torch.allclose(out.pooler_output[0], tokens.mean(0)):
        return "Mean pooling over all patch tokens"
    return "unexpected pooling"


def _ast_window_seconds() -> float:
    from transformers import ASTFeatureExtractor

    extractor = ASTFeatureExtractor(do_normalize=False)

    def frames(seconds: float) -> int:
        features = extractor(_noise(seconds), sampling_rate=SR, return_tensors="np")["input_values"][0]
        return int((abs(features).sum(axis=1) > 0).sum())  # padded rows are exactly zero

    hop_seconds = 1.0 / (frames(2.0) - frames(1.0))
    return extractor.max_length * hop_seconds


def _ast_short_clip() -> str:
    from transformers import ASTFeatureExtractor

    shape = ASTFeatureExtractor()(_noise(3.0), sampling_rate=SR, return_tensors="np")["input_values"].shape
    return (
        f"`input_values` of shape ({shape[0]}, {shape[1]}, {shape[2]}): the fbank is zero-padded to "
        f"{shape[1]} frames before normalization"
    )


def _weighted_layer_count() -> int:
    import torch
    from transformers import Wav2Vec2Config, Wav2Vec2ForSequenceClassification

    with torch.device("meta"):
        model = Wav2Vec2ForSequenceClassification(Wav2Vec2Config(use_weighted_layer_sum=True, num_labels=3))
    return model.layer_weights.numel()


def _wav2vec2_pooled_frames() -> int:
    import torch
    from transformers import Wav2Vec2Config, Wav2Vec2Model

    # Default conv kernels/strides (the fact depends on them); tiny widths so it runs fast.
    config = Wav2Vec2Config(
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        conv_dim=(8,) * 7,
        num_conv_pos_embeddings=16,
        num_conv_pos_embedding_groups=2,
    )
    model = Wav2Vec2Model(config).eval()
    with torch.no_grad():
        hidden = model(torch.from_numpy(_noise(2.0))[None]).last_hidden_state
    return hidden.shape[1]


def _multilabel_loss_name() -> str:
    import torch
    from transformers import ASTForAudioClassification

    torch.manual_seed(0)
    model = ASTForAudioClassification(_tiny_ast_config(num_mel_bins=64, max_length=100, num_labels=4))
    labels = torch.tensor([[1.0, 0.0, 1.0, 0.0]])
    out = model(torch.randn(1, 100, 64), labels=labels)
    candidates = {
        "BCEWithLogitsLoss": lambda: torch.nn.BCEWithLogitsLoss()(out.logits, labels),
        "CrossEntropyLoss": lambda: torch.nn.CrossEntropyLoss()(out.logits, labels),
        "MSELoss": lambda: torch.nn.MSELoss()(out.logits, labels),
    }
    return next(name for name, loss in candidates.items() if torch.allclose(loss(), out.loss))


def _pipeline_score_function() -> str:
    import torch
    from transformers import ASTFeatureExtractor, ASTForAudioClassification, pipeline

    config = _tiny_ast_config(num_mel_bins=64, max_length=100, num_labels=5, problem_type="multi_label_classification")
    model = ASTForAudioClassification(config).eval()
    extractor = ASTFeatureExtractor(num_mel_bins=64, max_length=100)
    audio = _noise(1.0)
    results = pipeline("audio-classification", model=model, feature_extractor=extractor)(audio, top_k=None)
    with torch.no_grad():
        logits = model(**extractor(audio, sampling_rate=SR, return_tensors="pt")).logits[0]
    scores = torch.tensor(sorted(r["score"] for r in results))
    for name, values in (("sigmoid", logits.sigmoid()), ("softmax", logits.softmax(-1)), ("none", logits)):
        if torch.allclose(scores, values.sort().values, atol=1e-6):
            return name
    return "unknown"


def _macro_f1_majority() -> float:
    from sklearn.metrics import f1_score

    y_true = [0] * 90 + [1] * 10
    return f1_score(y_true, [0] * 100, average="macro", zero_division=0)


def _balanced_alarm_weight() -> float:
    import numpy as np
    from sklearn.utils.class_weight import compute_class_weight

    y = np.array([0] * 90 + [1] * 10)
    return float(compute_class_weight("balanced", classes=np.array([0, 1]), y=y)[1])


def _average_precision() -> float:
    from sklearn.metrics import average_precision_score

    return average_precision_score([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1])


def _clap_sampling_rate() -> int:
    from transformers import ClapFeatureExtractor

    return ClapFeatureExtractor().sampling_rate


# --- deployment --------------------------------------------------------------------------

_WHISPER_DIMS = {"tiny": (384, 4, 6), "small": (768, 12, 12)}


@functools.cache
def _whisper_on_meta(size: str):
    """Whisper of the given size built on the meta device: real shapes, no memory, no hub."""
    import torch
    from transformers import WhisperConfig, WhisperForConditionalGeneration

    d_model, layers, heads = _WHISPER_DIMS[size]
    config = WhisperConfig(
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=4 * d_model,
        decoder_ffn_dim=4 * d_model,
        vocab_size=51865,
    )
    with torch.device("meta"):
        return WhisperForConditionalGeneration(config)


def _param_count(model) -> int:
    return sum(p.numel() for p in model.parameters())


def _whisper_tiny_millions() -> float:
    return _param_count(_whisper_on_meta("tiny")) / 1e6


def _whisper_embedding_percent() -> float:
    model = _whisper_on_meta("tiny")
    return 100 * model.model.decoder.embed_tokens.weight.numel() / _param_count(model)


def _whisper_small_fp16_mb() -> float:
    import numpy as np

    return _param_count(_whisper_on_meta("small")) * np.dtype(np.float16).itemsize / 1e6


def _large_fp32_gb() -> float:
    import numpy as np

    return 1.55e9 * np.dtype(np.float32).itemsize / 1e9


def _int8_size_ratio() -> float:
    import io
    import warnings

    import torch
    from torch import nn

    def serialized_bytes(module: nn.Module) -> int:
        buffer = io.BytesIO()
        torch.save(module.state_dict(), buffer)
        return len(buffer.getvalue())

    model = nn.Sequential(nn.Linear(1024, 1024), nn.ReLU(), nn.Linear(1024, 1024))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch 2.13 deprecates torch.ao.quantization in favour of torchao
        quantized = torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
    return serialized_bytes(model) / serialized_bytes(quantized)


def _rtf() -> float:
    processing_seconds, audio_seconds = 4.5, 60.0
    return processing_seconds / audio_seconds


def _faster_whisper_vad_default() -> str:
    import inspect

    from faster_whisper import BatchedInferencePipeline, WhisperModel

    def vad_default(method) -> bool:
        return inspect.signature(method).parameters["vad_filter"].default

    defaults = {
        "`BatchedInferencePipeline.transcribe`": vad_default(BatchedInferencePipeline.transcribe),
        "`WhisperModel.transcribe`": vad_default(WhisperModel.transcribe),
    }
    enabled = [name for name, on in defaults.items() if on]
    return enabled[0] if len(enabled) == 1 else ("Both" if enabled else "Neither")


def _batch_padding_fraction() -> float:
    import numpy as np

    durations = np.array([2.0, 3.0, 5.0, 10.0])
    return float(1 - durations.sum() / (durations.size * durations.max()))


def _offline_env_var() -> str:
    import os
    import subprocess
    import sys

    probe = "import huggingface_hub.constants as c; print(c.HF_HUB_OFFLINE)"
    clean = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}

    def offline_with(extra: dict[str, str]) -> str:
        run = subprocess.run([sys.executable, "-c", probe], env={**clean, **extra}, capture_output=True, text=True)
        return run.stdout.strip()

    name = "HF_HUB_OFFLINE"
    assert offline_with({}) == "False", "offline without the variable"
    return name if offline_with({name: "1"}) == "True" else "not HF_HUB_OFFLINE"


# --- retail ------------------------------------------------------------------------------


def _normalized_colloquial_price() -> str:
    from transformers.models.whisper.english_normalizer import EnglishTextNormalizer

    return EnglishTextNormalizer({})("four ninety nine")


def _alarm_f1() -> float:
    from sklearn.metrics import f1_score

    tp, fp, fn = 18, 6, 2
    y_true = [1] * tp + [0] * fp + [1] * fn
    y_pred = [1] * tp + [1] * fp + [0] * fn
    return f1_score(y_true, y_pred)


# --- behaviour checks: run the choice's claim and return its text if the library agrees ----


def _correct_choice(question_id: str) -> str:
    (text,) = [c["text"] for c in QUESTIONS[question_id]["choices"] if c["correct"]]
    return text


def _unexpected(**observed: object) -> str:
    return "unexpected: " + ", ".join(f"{k}={v!r}" for k, v in observed.items())


def _vits_speaking_rate() -> str:
    """Durations of 10 frames per token (deterministic predictor, bias log 10): rate 1.25 gives 8."""
    import math

    import torch
    from transformers import VitsConfig, VitsModel

    config = VitsConfig(
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        ffn_dim=32,
        flow_size=16,
        upsample_initial_channel=16,
        prior_encoder_num_wavenet_layers=1,
        posterior_encoder_num_wavenet_layers=1,
        duration_predictor_filter_channels=16,
        spectrogram_bins=33,
        resblock_kernel_sizes=[3],
        resblock_dilation_sizes=[[1]],
        use_stochastic_duration_prediction=False,
        noise_scale=0.0,
    )
    model = VitsModel(config).eval()
    with torch.no_grad():
        model.duration_predictor.proj.weight.zero_()
        model.duration_predictor.proj.bias.fill_(math.log(10.0))
        ids = torch.tensor([[1, 5, 3, 7, 2, 9]])
        frames = {rate: model(ids, speaking_rate=rate).spectrogram.shape[-1] for rate in (1.0, 1.25, 1.3)}
        samples = {rate: model(ids, speaking_rate=rate).waveform.shape[-1] for rate in (1.0, 1.25)}
    per_token = {rate: count / ids.shape[1] for rate, count in frames.items()}
    hop = math.prod(config.upsample_rates)
    if per_token == {1.0: 10, 1.25: 8, 1.3: 8} and samples == {r: frames[r] * hop for r in samples}:
        # 10 / 1.3 = 7.7 rounds up to 8 frames; the waveform is frames x hop: shorter, not resampled
        return _correct_choice("tts-vits-speaking-rate")
    return _unexpected(per_token=per_token, samples=samples)


def _speecht5_without_vocoder() -> str:
    import torch
    from transformers import SpeechT5Config, SpeechT5ForTextToSpeech

    config = SpeechT5Config(
        vocab_size=20,
        hidden_size=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        speech_decoder_prenet_units=16,
        speech_decoder_postnet_units=16,
        speech_decoder_postnet_layers=1,
        max_speech_positions=64,
        max_text_positions=64,
    )
    model = SpeechT5ForTextToSpeech(config).eval()
    torch.manual_seed(0)
    with torch.no_grad():
        out = model.generate_speech(
            torch.tensor([[4, 5, 6, 7, 2]]), torch.randn(1, config.speaker_embedding_dim), maxlenratio=2.0
        )
    if out.dim() == 2 and out.shape[-1] == config.num_mel_bins == 80:
        return _correct_choice("tts-speecht5-output-without-vocoder")
    return _unexpected(shape=tuple(out.shape))


def _wav2vec2_multilabel_loss() -> str:
    from unittest import mock

    import torch
    from transformers import Wav2Vec2Config, Wav2Vec2ForSequenceClassification

    config = Wav2Vec2Config(
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        conv_dim=(8,) * 7,
        num_conv_pos_embeddings=16,
        num_conv_pos_embedding_groups=2,
        num_labels=4,
        classifier_proj_size=8,
        problem_type="multi_label_classification",
    )
    model = Wav2Vec2ForSequenceClassification(config).eval()
    used: list[str] = []
    originals = {loss: loss.forward for loss in (torch.nn.CrossEntropyLoss, torch.nn.BCEWithLogitsLoss)}

    def spy(loss):
        def forward(self, *args, **kwargs):
            used.append(loss.__name__)
            return originals[loss](self, *args, **kwargs)

        return forward

    labels = torch.tensor([[1.0, 0.0, 1.0, 0.0]])
    with (
        mock.patch.object(torch.nn.CrossEntropyLoss, "forward", spy(torch.nn.CrossEntropyLoss)),
        mock.patch.object(torch.nn.BCEWithLogitsLoss, "forward", spy(torch.nn.BCEWithLogitsLoss)),
    ):
        try:
            model(torch.randn(1, 16000), labels=labels)
            broke = False
        except ValueError:
            broke = True
    if used == ["CrossEntropyLoss"] and broke:
        return _correct_choice("cls-wav2vec2-multilabel-gotcha")
    return _unexpected(used=used, broke=broke)


def _wav_header_speedup() -> float:
    """16 kHz samples played with a 22050 Hz header: how many times too fast (one real second)."""
    import io

    import numpy as np
    import soundfile as sf

    samples = np.zeros(SR, dtype=np.float32)  # one second of audio generated at 16 kHz
    buffer = io.BytesIO()
    sf.write(buffer, samples, 22050, format="WAV")  # the bug: wrong rate in the header
    buffer.seek(0)
    played_seconds = sf.info(buffer).duration
    return 1.0 / played_seconds


def _vits_tokenizer_g2p() -> str:
    """Run `VitsTokenizer(phonemize=True)` with a recording stand-in for the `phonemizer` package."""
    import json
    import tempfile
    from pathlib import Path
    from types import SimpleNamespace
    from unittest import mock

    from transformers.models.vits import tokenization_vits

    calls: list[dict] = []

    def phonemize(text, **kwargs):
        calls.append(kwargs)
        return text

    with tempfile.TemporaryDirectory() as folder:
        vocab = Path(folder) / "vocab.json"
        vocab.write_text(json.dumps({c: i for i, c in enumerate("_ abcdefghijklmnopqrstuvwxyz")}), encoding="utf-8")
        with (
            mock.patch.object(tokenization_vits, "phonemizer", SimpleNamespace(phonemize=phonemize), create=True),
            mock.patch.object(tokenization_vits, "requires_backends", lambda *a, **k: None),
        ):
            tokenization_vits.VitsTokenizer(str(vocab), phonemize=True)("hello there")
    if (
        calls
        and calls[0].get("backend") == "espeak"
        and calls[0].get("language") == "en-us"
        and calls[0].get("with_stress")
    ):
        return _correct_choice("tts-vits-tokenizer-phonemize")
    return _unexpected(calls=calls)


def _speecht5_stopping() -> str:
    """generate_speech stops at the stop-probability threshold, else at maxlenratio x input length."""
    import torch
    from transformers import SpeechT5Config, SpeechT5ForTextToSpeech

    config = SpeechT5Config(
        vocab_size=20,
        hidden_size=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        speech_decoder_prenet_units=16,
        speech_decoder_postnet_units=16,
        speech_decoder_postnet_layers=1,
        max_speech_positions=256,
        max_text_positions=64,
    )
    model = SpeechT5ForTextToSpeech(config).eval()
    ids, speaker = torch.tensor([[4, 5, 6, 7, 8, 9, 2]]), torch.randn(1, config.speaker_embedding_dim)

    def frames(threshold: float, maxlenratio: float) -> int:
        torch.manual_seed(0)
        with torch.no_grad():
            return model.generate_speech(ids, speaker, threshold=threshold, maxlenratio=maxlenratio).shape[0]

    rf = config.reduction_factor
    never_stops = {
        ratio: frames(threshold=rf + 1.0, maxlenratio=ratio) for ratio in (2.0, 4.0)
    }  # sum of rf probs < rf + 1
    stops_at_once = frames(threshold=0.0, maxlenratio=4.0)
    capped = all(abs(count - ids.shape[1] * ratio) <= 2 * rf for ratio, count in never_stops.items())
    if stops_at_once == rf and capped and never_stops[4.0] > never_stops[2.0]:
        return _correct_choice("tts-autoregressive-failures")
    return _unexpected(never_stops=never_stops, stops_at_once=stops_at_once)


def _tiny_w2v2_classifier(**overrides):
    from transformers import Wav2Vec2Config, Wav2Vec2ForSequenceClassification

    config = Wav2Vec2Config(
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        conv_dim=(8,) * 7,
        num_conv_pos_embeddings=16,
        num_conv_pos_embedding_groups=2,
        num_labels=3,
        classifier_proj_size=8,
        **overrides,
    )
    return Wav2Vec2ForSequenceClassification(config).eval()


def _pooling_with_and_without_mask() -> str:
    import torch

    model = _tiny_w2v2_classifier()
    projected, pooled = [], []
    hooks = [
        model.projector.register_forward_hook(lambda m, args, out: projected.append(out.detach().clone())),
        model.classifier.register_forward_hook(lambda m, args, out: pooled.append(args[0].detach().clone())),
    ]
    real = 16000
    audio = torch.zeros(1, 32000)
    audio[0, :real] = torch.randn(real)
    mask = torch.zeros(1, 32000, dtype=torch.long)
    mask[0, :real] = 1
    try:
        with torch.no_grad():
            model(audio, attention_mask=mask)
            model(audio)
    finally:
        for hook in hooks:
            hook.remove()
    frames = int(model._get_feat_extract_output_lengths(real))
    masked_ok = torch.allclose(pooled[0][0], projected[0][0, :frames].mean(0), atol=1e-6)
    unmasked_ok = torch.allclose(pooled[1][0], projected[1][0].mean(0), atol=1e-6)
    if masked_ok and unmasked_ok and projected[1].shape[1] > frames:
        return _correct_choice("cls-wav2vec2-pooling-mask")
    return _unexpected(masked_ok=masked_ok, unmasked_ok=unmasked_ok)


FACTS: dict[str, Callable[[], object]] = {
    # tts
    "tts-speecht5-speaker-dim": lambda: _config_default("SpeechT5Config", "speaker_embedding_dim"),
    "tts-speecht5-mel-bins": _speecht5_mel_bins,
    "tts-speecht5-reduction-factor": lambda: _config_default("SpeechT5Config", "reduction_factor"),
    "tts-speecht5-hifigan-frame-ms": _hifigan_frame_ms,
    "tts-speecht5-nondeterministic-eval": _speecht5_prenet_cause,
    "tts-pipeline-default-vocoder": _default_vocoder,
    "tts-vits-hop-length": _vits_samples_per_frame,
    "tts-vits-n-fft": _vits_n_fft,
    "tts-vits-noise-scale-default": lambda: _config_default("VitsConfig", "noise_scale"),
    "tts-vits-determinism": _vits_determinism_fix,
    "tts-bark-sampling-rate": _bark_sampling_rate,
    "tts-bark-codebooks": _bark_fine_codebooks,
    "tts-round-trip-wer-and": lambda: _wer("four dollars ninety nine", "four dollars and ninety nine"),
    "tts-vits-speaking-rate": _vits_speaking_rate,
    "tts-vits-tokenizer-phonemize": _vits_tokenizer_g2p,
    "tts-autoregressive-failures": _speecht5_stopping,
    "tts-speecht5-output-without-vocoder": _speecht5_without_vocoder,
    "tts-sampling-rate-mismatch": _wav_header_speedup,
    # audio classification
    "cls-ast-num-patches": _ast_default_patch_count,
    "cls-ast-patch-overlap": _ast_patch_overlap,
    "cls-ast-tiny-positions": _ast_tiny_positions,
    "cls-ast-pooler": _ast_pooler,
    "cls-ast-input-window": _ast_window_seconds,
    "cls-ast-short-clip-shape": _ast_short_clip,
    "cls-weighted-layer-count": _weighted_layer_count,
    "cls-wav2vec2-pooled-frames": _wav2vec2_pooled_frames,
    "cls-multilabel-loss": _multilabel_loss_name,
    "cls-pipeline-score-function": _pipeline_score_function,
    "cls-macro-f1-majority": _macro_f1_majority,
    "cls-balanced-class-weights": _balanced_alarm_weight,
    "cls-average-precision": _average_precision,
    "cls-clap-sampling-rate": _clap_sampling_rate,
    "cls-wav2vec2-multilabel-gotcha": _wav2vec2_multilabel_loss,
    "cls-wav2vec2-pooling-mask": _pooling_with_and_without_mask,
    # deployment
    "dep-whisper-tiny-params": _whisper_tiny_millions,
    "dep-whisper-embedding-share": _whisper_embedding_percent,
    "dep-whisper-small-fp16-mb": _whisper_small_fp16_mb,
    "dep-large-fp32-gb": _large_fp32_gb,
    "dep-int8-size-ratio": _int8_size_ratio,
    "dep-rtf-arithmetic": _rtf,
    "dep-faster-whisper-vad-default": _faster_whisper_vad_default,
    "dep-batch-padding-waste": _batch_padding_fraction,
    "dep-offline-env": _offline_env_var,
    # retail
    "retail-normalizer-colloquial-price": _normalized_colloquial_price,
    "retail-alarm-f1": _alarm_f1,
}


QUESTIONS = load_questions(BANK_FILES)


@pytest.mark.filterwarnings("ignore:At least one mel filter has all zero values")  # ASTFeatureExtractor's own
@pytest.mark.parametrize("question_id", sorted(FACTS))
def test_bank_answer_matches_library(question_id: str) -> None:
    check_fact(QUESTIONS, FACTS, question_id)


def test_verified_tags_match_checks() -> None:
    check_verified_tags(QUESTIONS, FACTS)
