"""The sound-event classifier: trained by us, loaded by a stock pipeline, accurate on fresh clips."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from interview_prep.audio.events import EVENT_CLASSES, event_dataset
from interview_prep.models.events import classification_metrics, fbank_batch, feature_extractor

HELD_OUT_SEED = 987_654  # never used by the build


def test_batched_features_match_the_feature_extractor():
    fe = feature_extractor()
    rng = np.random.default_rng(0)
    clips = (0.1 * rng.standard_normal((6, 16000))).astype(np.float32)
    clips[1] *= 1e-4
    clips[2, :9000] = 0.0
    expected = fe(list(clips), sampling_rate=16000, return_tensors="np")["input_values"]
    np.testing.assert_allclose(fbank_batch(clips, fe), expected, atol=2e-4)


def test_metrics_from_a_known_confusion():
    truth = np.array([0, 0, 1, 1, 2, 2])
    pred = np.array([0, 1, 1, 1, 2, 0])
    m = classification_metrics(truth, pred, 3)
    assert m["accuracy"] == pytest.approx(4 / 6, abs=1e-4)
    assert m["confusion"] == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]
    f1 = [2 * 0.5 * 0.5 / 1.0, 2 * (2 / 3) * 1 / (2 / 3 + 1), 2 * 1 * 0.5 / 1.5]
    assert m["macro_f1"] == pytest.approx(np.mean(f1), abs=1e-4)


def test_training_augmentation_blends_pairs_and_keeps_the_mel_floor():
    """Mixup: each output row is lam * (clip + gain) + (1 - lam) * (partner + its gain), its label
    blended with the same lam; gains stay within GAIN_AUG_DB and never push a bin below the floor."""
    import torch

    from interview_prep.models.events import _MEL_FLOOR, GAIN_AUG_DB, _augment, _normalize

    fe = feature_extractor()
    fe.mean, fe.std = -5.0, 4.0
    floor = float(_normalize(np.float32(np.log(_MEL_FLOOR)), fe))
    max_shift = GAIN_AUG_DB * np.log(10) / 10 / (2 * fe.std)  # the largest gain in normalized units
    rng = np.random.default_rng(0)
    x = torch.from_numpy(rng.uniform(floor + 2 * max_shift, floor + 4 * max_shift, (8, 100, 64)).astype(np.float32))
    x[0] = floor  # an all-silent clip: its gain can only be clamped away or raise it
    y = torch.nn.functional.one_hot(torch.arange(8), 9).float()
    out_x, out_y = _augment(x, y, fe, floor, rng)
    assert out_x.shape == x.shape and float(out_x.min()) >= floor - 1e-6
    np.testing.assert_allclose(out_y.sum(1).numpy(), 1.0, atol=1e-6)
    gains = []
    for i in range(1, 8):
        partner = [j for j in range(8) if j != i and out_y[i, j] > 1e-6]
        if not partner:  # paired with itself
            continue
        (p,) = partner
        lam = float(out_y[i, i])
        if p == 0:
            continue
        residual = (out_x[i] - (lam * x[i] + (1 - lam) * x[p])).numpy()
        assert np.ptp(residual) < 1e-4 and abs(float(residual.mean())) <= max_shift + 1e-5  # one gain per clip
        gains.append(float(residual.mean()))
    assert len(gains) >= 4 and max(abs(g) for g in gains) > 0.05 * max_shift  # gains are applied
    silent, _ = _augment(torch.full((16, 100, 64), floor), torch.ones(16, 9) / 9, fe, floor, rng)
    assert float(silent.min()) >= floor - 1e-6 and float(silent.max()) > floor  # lowered gains are clamped


@pytest.mark.models
def test_tiny_build_is_deterministic(tmp_path):
    """Same seed, same bytes, whatever thread count the caller uses (a tiny training run: the real
    build uses the same code); the caller's thread count is restored."""
    import torch

    from interview_prep.models.events import BUILD_THREADS, build_events_model

    kwargs = dict(seed=3, train_per_class=4, epochs=1, eval_per_class=1)
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(1)
        metrics = build_events_model(tmp_path / "a", **kwargs)
        assert torch.get_num_threads() == 1 and metrics["torch_threads"] == BUILD_THREADS
        torch.set_num_threads(BUILD_THREADS)
        build_events_model(tmp_path / "b", **kwargs)
    finally:
        torch.set_num_threads(before)
    a, b = ((tmp_path / d / "model.safetensors").read_bytes() for d in ("a", "b"))
    assert a == b
    build_events_model(tmp_path / "c", **{**kwargs, "seed": 4})
    assert (tmp_path / "c" / "model.safetensors").read_bytes() != a


@pytest.fixture(scope="module")
def model_dir():
    from interview_prep import models

    return models.model_path("events")


@pytest.mark.models
def test_pipeline_accuracy_on_fresh_clips_at_10db(model_dir):
    from transformers import pipeline

    clf = pipeline("audio-classification", model=str(model_dir), device="cpu")
    clips, labels = event_dataset(20, HELD_OUT_SEED, 10.0, split="test")
    preds = [r[0]["label"] for r in clf(list(clips), batch_size=32, top_k=1)]
    pred_idx = np.array([EVENT_CLASSES.index(p) for p in preds])
    metrics = classification_metrics(labels, pred_idx, len(EVENT_CLASSES))
    assert metrics["accuracy"] >= 0.93, metrics
    assert metrics["macro_f1"] >= 0.92, metrics
    assert set(preds) == set(EVENT_CLASSES)


@pytest.mark.models
def test_build_reports_metrics_in_the_manifest(model_dir):
    manifest = json.loads((model_dir / "manifest.json").read_text())
    info = manifest["info"]
    assert info["classes"] == list(EVENT_CLASSES)
    assert info["snr_10db"]["accuracy"] >= 0.93
    cm = np.array(info["snr_10db"]["confusion"])
    assert cm.shape == (9, 9) and cm.sum() == 9 * info["eval_per_class"]


@pytest.mark.models
def test_folder_loads_with_transformers_alone(model_dir, tmp_path):
    """No project code: a fresh interpreter with only transformers classifies a saved clip."""
    clips, labels = event_dataset(1, HELD_OUT_SEED + 1, 20.0, split="test")
    np.save(tmp_path / "clips.npy", clips)
    code = (
        "import sys, numpy as np\n"
        "from transformers import pipeline\n"
        "clf = pipeline('audio-classification', model=sys.argv[1], device='cpu')\n"
        "clips = np.load(sys.argv[2])\n"
        "print(' '.join(r[0]['label'] for r in clf(list(clips), top_k=1)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", code, str(model_dir), str(tmp_path / "clips.npy")],
        capture_output=True,
        text=True,
        check=True,
        env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"},
    ).stdout.split()
    assert len(out) == len(EVENT_CLASSES)
    assert sum(p == EVENT_CLASSES[y] for p, y in zip(out, labels, strict=True)) >= 7
