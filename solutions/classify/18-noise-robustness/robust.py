"""Reference solution of kata classify-18: exact-SNR mixing, accuracy vs SNR, and noise-augmented fine-tuning."""

from collections.abc import Callable

import numpy as np
import torch
from transformers import ASTFeatureExtractor, ASTForAudioClassification

from interview_prep import models

RATE = 16000


def mix_at_snr(clean: np.ndarray, noise: np.ndarray, snr_db: float) -> np.ndarray:
    """clean + g * noise[:len(clean)], with g chosen so that the mix has exactly `snr_db` dB SNR."""
    clean = np.asarray(clean, dtype=np.float64)
    noise = np.asarray(noise, dtype=np.float64)[: len(clean)]
    clean_power, noise_power = np.mean(clean**2), np.mean(noise**2)
    if clean_power == 0 or noise_power == 0:
        raise ValueError("SNR is undefined when the clean clip or the noise is silent")
    gain = np.sqrt(clean_power / (noise_power * 10 ** (snr_db / 10)))
    return (clean + gain * noise).astype(np.float32)


def accuracy_vs_snr(clips: list[np.ndarray], labels: list[str], noise: np.ndarray, snrs: list[float]) -> list[float]:
    """Accuracy of the events pipeline on the clips mixed with `noise` at each SNR in `snrs` (same order)."""
    pipe = models.events_pipeline()
    result = []
    for snr in snrs:
        mixes = [mix_at_snr(clip, noise, snr) for clip in clips]
        predicted = [out[0]["label"] for out in pipe(mixes, top_k=1)]
        result.append(sum(p == y for p, y in zip(predicted, labels, strict=True)) / len(labels))
    return result


def train_robust(
    clips: list[np.ndarray], labels: list[str], noise: np.ndarray
) -> Callable[[list[np.ndarray]], list[str]]:
    """Fine-tune the events model on the clips plus noisy copies (-10..10 dB); return a batch classifier."""
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    base = models.model_path("events")
    extractor = ASTFeatureExtractor.from_pretrained(base)
    model = ASTForAudioClassification.from_pretrained(base)
    names = [model.config.id2label[i] for i in range(model.config.num_labels)]
    waves, targets = [], []
    for clip, label in zip(clips, labels, strict=True):
        waves.append(np.asarray(clip, dtype=np.float32))
        targets.append(names.index(label))
        for _ in range(4):  # noisy copies: random SNR, random stretch of the noise recording
            start = int(rng.integers(0, len(noise) - len(clip) + 1))
            waves.append(mix_at_snr(clip, noise[start:], float(rng.uniform(-10.0, 10.0))))
            targets.append(names.index(label))
    features = extractor(waves, sampling_rate=RATE, return_tensors="pt")["input_values"]
    target = torch.tensor(targets)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
    model.train()
    for _ in range(3):
        order = torch.from_numpy(rng.permutation(len(target)))
        for i in range(0, len(target), 32):
            batch = order[i:i + 32]
            loss = torch.nn.functional.cross_entropy(model(input_values=features[batch]).logits, target[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    model.eval()

    def classify(batch: list[np.ndarray]) -> list[str]:
        inputs = extractor([np.asarray(x, dtype=np.float32) for x in batch], sampling_rate=RATE, return_tensors="pt")
        with torch.no_grad():
            return [names[i] for i in model(**inputs).logits.argmax(-1).tolist()]

    return classify
