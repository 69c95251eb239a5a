"""Transformers classes for Piper VITS voices: our own config, model and tokenizer.

Piper "medium" voices use HiFi-GAN ResBlock2 (one dilated conv per dilation), which
transformers' `VitsHifiGan` lacks. `PiperVitsModel` is a `VitsModel` subclass that builds
ResBlock2 when `config.resblock_type == "2"` and drops the training-only modules Piper
does not export, so every parameter must come from the checkpoint. `register()` adds the
classes to the transformers Auto registries (their public extension API; nothing in
transformers is patched). Loading a checkpoint with missing or unexpected weights fails
loudly instead of producing noise.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from torch import nn
from transformers import (
    AutoConfig,
    AutoModelForTextToWaveform,
    AutoTokenizer,
    VitsConfig,
    VitsModel,
    VitsTokenizer,
)
from transformers.models.vits.modeling_vits import VitsHifiGan

from interview_prep.models import espeak


class PiperVitsConfig(VitsConfig):
    """`VitsConfig` plus the HiFi-GAN residual block type and the espeak-ng voice."""

    model_type = "piper-vits"

    def __init__(self, resblock_type: str = "2", espeak_voice: str = "en-us", **kwargs):
        if resblock_type not in ("1", "2"):
            raise ValueError(f"resblock_type must be '1' or '2', not {resblock_type!r}")
        self.resblock_type = resblock_type
        self.espeak_voice = espeak_voice
        super().__init__(**kwargs)


class ResBlock2(nn.Module):
    """HiFi-GAN ResBlock2: x = conv_d(leaky_relu(x)) + x for each dilation d."""

    def __init__(self, channels: int, kernel_size: int, dilation: tuple[int, ...], slope: float):
        super().__init__()
        self.slope = slope
        self.convs = nn.ModuleList(
            nn.Conv1d(channels, channels, kernel_size, 1, dilation=d, padding=(kernel_size * d - d) // 2)
            for d in dilation
        )

    def forward(self, hidden_states: torch.Tensor) -> torch.Tensor:
        for conv in self.convs:
            hidden_states = conv(nn.functional.leaky_relu(hidden_states, self.slope)) + hidden_states
        return hidden_states


class PiperHifiGan(VitsHifiGan):
    """`VitsHifiGan` whose residual blocks are ResBlock2 when the config asks for them."""

    def __init__(self, config: PiperVitsConfig):
        super().__init__(config)
        if config.resblock_type == "2":
            blocks = []
            for i in range(len(config.upsample_rates)):
                channels = config.upsample_initial_channel // (2 ** (i + 1))
                for kernel, dilation in zip(config.resblock_kernel_sizes, config.resblock_dilation_sizes, strict=True):
                    blocks.append(ResBlock2(channels, kernel, tuple(dilation), config.leaky_relu_slope))
            self.resblocks = nn.ModuleList(blocks)


class PiperVitsModel(VitsModel):
    """Inference-only VITS for Piper voices (no posterior encoder, no duration posterior)."""

    config_class = PiperVitsConfig

    def __init__(self, config: PiperVitsConfig):
        super().__init__(config)
        self.decoder = PiperHifiGan(config)
        # Training-only parts that Piper does not export: remove them so that every
        # remaining parameter must be present in the checkpoint.
        del self.posterior_encoder
        predictor = self.duration_predictor
        for name in ("post_conv_pre", "post_conv_proj", "post_conv_dds", "post_flows"):
            delattr(predictor, name)
        # Reverse inference skips flows[1] ("a useless vflow"); keep the index layout.
        predictor.flows[1] = nn.Identity()
        self.post_init()

    @classmethod
    def from_pretrained(cls, *args, **kwargs):  # noqa: D102 - same API as the base class
        want_info = kwargs.pop("output_loading_info", False)
        model, info = super().from_pretrained(*args, output_loading_info=True, **kwargs)
        problems = {k: sorted(info.get(k) or []) for k in ("missing_keys", "unexpected_keys", "mismatched_keys")}
        problems = {k: v for k, v in problems.items() if v}
        if problems:
            summary = "; ".join(f"{k}: {len(v)} (e.g. {v[0]})" for k, v in problems.items())
            raise ValueError(f"refusing to load an incomplete Piper VITS checkpoint ({summary})")
        return (model, info) if want_info else model


class PiperPhonemeTokenizer(VitsTokenizer):
    """Text -> Piper phoneme ids via libespeak-ng: `^ _ p1 _ p2 _ ... pn _ $`.

    Sentences are joined with a space; symbols missing from the voice's map are dropped,
    as Piper does.
    """

    def __init__(self, vocab_file: str, espeak_voice: str = "en-us", **kwargs):
        for key in ("add_blank", "normalize", "phonemize"):
            kwargs.pop(key, None)
        kwargs.setdefault("pad_token", "_")
        kwargs.setdefault("unk_token", "_")
        self.espeak_voice = espeak_voice
        super().__init__(vocab_file, add_blank=False, normalize=False, phonemize=False, **kwargs)
        self.init_kwargs["espeak_voice"] = espeak_voice

    def prepare_for_tokenization(self, text: str, is_split_into_words: bool = False, **kwargs):
        kwargs.pop("normalize", None)
        sentences = espeak.phonemize(text, self.espeak_voice)
        symbols = [s for s in " ".join("".join(sent) for sent in sentences) if s in self.encoder and s != "_"]
        return "^_" + "".join(s + "_" for s in symbols) + "$", kwargs


def write_tokenizer(out_dir: Path, phoneme_id_map: dict[str, list[int]], espeak_voice: str) -> None:
    """Save a `PiperPhonemeTokenizer` for the voice's phoneme map into `out_dir`."""
    vocab = {symbol: ids[0] for symbol, ids in phoneme_id_map.items()}
    vocab_file = out_dir / "vocab.json"
    vocab_file.write_text(json.dumps(vocab, ensure_ascii=False, indent=1), encoding="utf-8")
    PiperPhonemeTokenizer(str(vocab_file), espeak_voice=espeak_voice).save_pretrained(out_dir)


def register() -> None:
    """Make `AutoConfig`, `AutoModelForTextToWaveform` and `AutoTokenizer` know Piper VITS."""
    AutoConfig.register(PiperVitsConfig.model_type, PiperVitsConfig, exist_ok=True)
    AutoModelForTextToWaveform.register(PiperVitsConfig, PiperVitsModel, exist_ok=True)
    AutoTokenizer.register(PiperVitsConfig, slow_tokenizer_class=PiperPhonemeTokenizer, exist_ok=True)


register()
