"""Reference solution of kata classify-25: a linear probe on Whisper's frozen encoder."""

from collections.abc import Callable

import numpy as np
import soxr
import torch

from interview_prep import models

RATE = 16000
BATCH = 8
Classifier = Callable[[list[np.ndarray]], list[str]]
L2 = 1e-2  # weight decay of the linear layer: 48 clips, 384 features


def _embed(clips: list[np.ndarray], sample_rate: int) -> torch.Tensor:
    """Mean of the encoder's last hidden states over each clip's real frames: (n, hidden)."""
    asr = models.asr_pipeline()
    extractor, encoder = asr.feature_extractor, asr.model.get_encoder().eval()
    waves = [np.asarray(c, dtype=np.float32).reshape(-1) for c in clips]
    if sample_rate != RATE:
        waves = [soxr.resample(w, sample_rate, RATE).astype(np.float32) for w in waves]
    pooled = []
    for i in range(0, len(waves), BATCH):
        inputs = extractor(waves[i : i + BATCH], sampling_rate=RATE, return_tensors="pt",
                           return_attention_mask=True)
        with torch.inference_mode():
            hidden = encoder(inputs.input_features).last_hidden_state  # (b, 1500, hidden): 30 s, padded
        # 2 mel frames (10 ms each) per encoder frame; the mask marks the clip's own mel frames
        real = inputs.attention_mask[:, ::2].unsqueeze(-1).to(hidden.dtype)
        pooled.append((hidden * real).sum(1) / real.sum(1))
    return torch.cat(pooled)


def train_probe(clips: list[np.ndarray], labels: list[str], sample_rate: int) -> Classifier:
    """Fit a linear classifier on frozen Whisper encoder embeddings; return `classify(clips) -> labels`."""
    torch.manual_seed(0)
    classes = sorted(set(labels))
    features = _embed(clips, sample_rate)
    mean, std = features.mean(0), features.std(0) + 1e-6
    x = (features - mean) / std
    y = torch.tensor([classes.index(label) for label in labels])
    layer = torch.nn.Linear(x.shape[1], len(classes))
    optimizer = torch.optim.LBFGS(layer.parameters(), max_iter=200)

    def loss() -> torch.Tensor:
        optimizer.zero_grad()
        value = torch.nn.functional.cross_entropy(layer(x), y) + L2 * layer.weight.pow(2).sum()
        value.backward()
        return value

    optimizer.step(loss)
    layer.eval()

    def classify(new_clips: list[np.ndarray]) -> list[str]:
        with torch.no_grad():
            scores = layer((_embed(new_clips, sample_rate) - mean) / std)
        return [classes[i] for i in scores.argmax(1).tolist()]

    return classify
