"""Sound-event classifier vs a log-mel + logistic-regression baseline, on the same data.

In one run: the baseline is fitted on exactly the clips our AST was trained on (same
generator, seed, SNR range and TTS pool); both are scored on fresh held-out clips (new
seeds, held-out TTS utterances) at several SNRs. The AST runs through the stock
`pipeline("audio-classification")`; ms/clip is measured one clip at a time (as a grader
or demo calls it) and batched. The load average is printed: the machine is shared.

    python benchmarks/audio_classifier.py [--per-class 40] [--snrs 0 5 10 20]
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def logmel_stats(clips: np.ndarray) -> np.ndarray:
    """64-bin log-mel pooled over time: mean, std, max per bin and the dynamic range."""
    import librosa

    out = []
    for x in clips:
        m = librosa.power_to_db(
            librosa.feature.melspectrogram(y=x, sr=16000, n_fft=512, hop_length=160, n_mels=64) + 1e-10
        )
        out.append(np.concatenate([m.mean(1), m.std(1), m.max(1), [m.max() - m.min()]]))
    return np.array(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=40, help="held-out clips per class and SNR")
    parser.add_argument("--snrs", type=float, nargs="+", default=[0.0, 5.0, 10.0, 20.0])
    args = parser.parse_args()

    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from transformers import pipeline

    from interview_prep import models
    from interview_prep.audio.events import EVENT_CLASSES, event_dataset
    from interview_prep.models import events as ev

    print(f"load average at start: {os.getloadavg()}")
    folder = models.model_path("events")
    info = json.loads((folder / "manifest.json").read_text())["info"]
    clf = pipeline("audio-classification", model=str(folder), device="cpu")

    t = time.perf_counter()
    train_x, train_y = event_dataset(
        ev.TRAIN_PER_CLASS, info["seed"] + ev.TRAIN_SEED_OFFSET, ev.TRAIN_SNR_DB, "train"
    )
    gen_s = time.perf_counter() - t
    t = time.perf_counter()
    baseline = make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000)).fit(
        logmel_stats(train_x), train_y
    )
    fit_s = time.perf_counter() - t
    print(f"training set: {len(train_y)} clips (generated in {gen_s:.1f} s); baseline fit {fit_s:.1f} s")
    print(
        f"AST build: {info['params']} params, train {info['train_seconds']} s, total {info['total_seconds']} s, "
        f"cpu {info.get('cpu_seconds', '?')} s"
    )

    n_classes = len(EVENT_CLASSES)
    rows = []
    for snr in args.snrs:
        x, y = event_dataset(args.per_class, 555_000 + int(snr), snr, "test")
        t = time.perf_counter()
        single = [clf({"raw": c, "sampling_rate": 16000}, top_k=1)[0]["label"] for c in x]
        ast_ms = 1000 * (time.perf_counter() - t) / len(x)
        t = time.perf_counter()
        clf(list(x), batch_size=32, top_k=1)
        ast_batch_ms = 1000 * (time.perf_counter() - t) / len(x)
        t = time.perf_counter()
        base_pred = baseline.predict(logmel_stats(x))
        base_ms = 1000 * (time.perf_counter() - t) / len(x)
        ast = ev.classification_metrics(y, np.array([EVENT_CLASSES.index(p) for p in single]), n_classes)
        base = ev.classification_metrics(y, base_pred, n_classes)
        rows.append((snr, ast, base, ast_ms, ast_batch_ms, base_ms))

    print(f"\nheld-out: {args.per_class} clips/class/SNR, {n_classes} classes, 1 s at 16 kHz")
    print(
        f"{'SNR dB':>6} | {'AST acc':>7} {'F1':>6} | {'LogReg acc':>10} {'F1':>6} | "
        f"{'AST ms/clip':>11} {'batched':>7} | {'LogReg ms/clip':>14}"
    )
    for snr, ast, base, ast_ms, ast_batch_ms, base_ms in rows:
        print(
            f"{snr:6.0f} | {ast['accuracy']:7.3f} {ast['macro_f1']:6.3f} | {base['accuracy']:10.3f} "
            f"{base['macro_f1']:6.3f} | {ast_ms:11.1f} {ast_batch_ms:7.1f} | {base_ms:14.1f}"
        )
    mean = np.mean([r[1]["accuracy"] for r in rows]), np.mean([r[2]["accuracy"] for r in rows])
    print(
        f"mean accuracy AST {mean[0]:.3f} vs baseline {mean[1]:.3f}; error ratio (baseline/AST) "
        f"{(1 - mean[1]) / max(1 - mean[0], 1e-9):.2f}x"
    )
    at10 = next((r for r in rows if r[0] == 10.0), rows[0])
    print(f"\nAST confusion at {at10[0]:g} dB (rows truth, columns predicted):")
    width = max(len(c) for c in EVENT_CLASSES)
    for name, row in zip(EVENT_CLASSES, at10[1]["confusion"], strict=True):
        print(f"  {name:>{width}} " + " ".join(f"{v:3d}" for v in row))
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
