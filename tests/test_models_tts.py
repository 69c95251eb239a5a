"""The Piper VITS voice: determinism, output contract, strict loading."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

pytestmark = pytest.mark.models


def test_output_contract_and_determinism(tts):
    first = tts("Paper towels are in aisle seven.", seed=11)
    again = tts("Paper towels are in aisle seven.", seed=11)
    other = tts("Paper towels are in aisle seven.", seed=12)
    assert first["sampling_rate"] == 22050
    audio = first["audio"]
    assert audio.dtype == np.float32 and audio.ndim == 1
    assert np.isfinite(audio).all() and np.abs(audio).max() <= 1.0
    assert 0.8 < len(audio) / 22050 < 5.0
    assert np.array_equal(audio, again["audio"])
    assert not np.array_equal(audio, other["audio"])


def test_speaking_rate_changes_duration(tts):
    slow = tts("Please bring your final purchases to the front registers.", speaking_rate=0.8)
    fast = tts("Please bring your final purchases to the front registers.", speaking_rate=1.25)
    ratio = len(slow["audio"]) / len(fast["audio"])
    assert 1.3 < ratio < 1.9  # durations scale with 1/rate: 1.25/0.8 = 1.56


def test_does_not_disturb_global_rng(tts):
    import torch

    torch.manual_seed(5)
    expected = torch.rand(3)
    torch.manual_seed(5)
    tts("Hello.", seed=1)
    assert torch.equal(torch.rand(3), expected)


@pytest.mark.parametrize("bad", ["", "   ", None])
def test_rejects_empty_text(tts, bad):
    with pytest.raises(ValueError, match="non-empty"):
        tts(bad)


def test_spells_out_prices():
    from interview_prep.models.tts import speakable

    assert speakable("Now $4.99, was $1,200.") == "Now 4 dollars and 99 cents, was 1200 dollars."
    assert speakable("Save 20% on $1.01") == "Save 20 percent on 1 dollar and 1 cent"


def test_refuses_checkpoint_with_missing_weights(tmp_path):
    from safetensors.numpy import load_file, save_file

    from interview_prep import models
    from interview_prep.models.piper_vits import PiperVitsModel

    broken = tmp_path / "tts"
    shutil.copytree(models.model_path("tts"), broken)
    tensors = load_file(broken / "model.safetensors")
    dropped = next(k for k in tensors if k.startswith("decoder.resblocks"))
    del tensors[dropped]
    save_file(tensors, broken / "model.safetensors", metadata={"format": "pt"})
    with pytest.raises(ValueError, match="refusing to load.*missing_keys"):
        PiperVitsModel.from_pretrained(broken)


def test_refuses_checkpoint_with_unexpected_weights(tmp_path):
    from safetensors.numpy import load_file, save_file

    from interview_prep import models
    from interview_prep.models.piper_vits import PiperVitsModel

    broken = tmp_path / "tts"
    shutil.copytree(models.model_path("tts"), broken)
    tensors = load_file(broken / "model.safetensors")
    tensors["posterior_encoder.conv_pre.weight"] = np.zeros((4, 4, 1), dtype=np.float32)
    save_file(tensors, broken / "model.safetensors", metadata={"format": "pt"})
    with pytest.raises(ValueError, match="unexpected_keys"):
        PiperVitsModel.from_pretrained(broken)


def test_resblock2_is_selected_by_config():
    from interview_prep.models.piper_vits import PiperVitsConfig, PiperVitsModel, ResBlock2

    tiny = dict(
        hidden_size=16, ffn_dim=32, num_hidden_layers=1, num_attention_heads=2, flow_size=16,
        spectrogram_bins=9, upsample_initial_channel=16, upsample_rates=[2, 2], upsample_kernel_sizes=[4, 4],
        resblock_kernel_sizes=[3], resblock_dilation_sizes=[[1, 2]], vocab_size=10,
    )
    two = PiperVitsModel(PiperVitsConfig(resblock_type="2", **tiny))
    one = PiperVitsModel(PiperVitsConfig(resblock_type="1", **tiny))
    assert all(isinstance(b, ResBlock2) for b in two.decoder.resblocks)
    assert not any(isinstance(b, ResBlock2) for b in one.decoder.resblocks)
    with pytest.raises(ValueError, match="resblock_type"):
        PiperVitsConfig(resblock_type="3")
