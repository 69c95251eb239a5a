"""How often the classify-25 grader fails its own reference solution, for several train/test sizes.

Features are computed once for every clip of the grader's sentence bank: the reference
solution's Whisper-encoder embeddings and the log-mel statistics of the grader's baseline.
Then, for `--splits` random splits per configuration (train and test clips per class drawn
from the bank, no sentence in both), both linear classifiers are fitted as in a run and the
grader's bar is applied (test accuracy >= max(FLOOR, baseline + MARGIN)). Printed per
configuration: the reference's mean and lowest accuracy, the baseline's mean, and the share of
splits where the reference fails (a correct solution graded as wrong). The `log_mel` wrong
variant uses the baseline's features and classifier, so it scores the baseline and fails by the
margin on every split. Output also goes to benchmarks/results/linear_probe_calibration.json.

    python benchmarks/linear_probe_calibration.py [--splits 300] [--configs 12/10,16/18]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from interview_prep.graders.classify import test_25_linear_probe as grader  # noqa: E402

CONFIGS = "12/10,12/22,16/12,16/18,20/14"  # train/test clips per class


def _solution():
    path = ROOT / "solutions" / "classify" / "25-linear-probe" / "probe.py"
    spec = importlib.util.spec_from_file_location("probe_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", type=int, default=300)
    parser.add_argument("--configs", default=CONFIGS, help=f"train/test clips per class (default {CONFIGS})")
    args = parser.parse_args()
    configs = [tuple(int(n) for n in pair.split("/")) for pair in args.configs.split(",")]
    import torch

    torch.set_num_threads(1)
    bank = grader._bank()
    clips = [grader._clip(item) for label in grader.CLASSES for item in bank[label]]
    labels = [label for label in grader.CLASSES for _ in bank[label]]
    print(f"{len(clips)} clips in the bank; computing features once", flush=True)
    embedded = _solution()._embed(clips, grader.RATE).numpy()
    log_mel = grader._log_mel_stats(clips)
    per_class = {label: [i for i, y in enumerate(labels) if y == label] for label in grader.CLASSES}
    report: dict[str, object] = {"splits": args.splits, "bank_per_class": grader.BANK, "margin": grader.MARGIN,
                                 "floor": grader.FLOOR, "configs": {}}
    print(f"{'train/test per class':>20} {'reference mean':>15} {'lowest':>7} {'baseline mean':>14} "
          f"{'reference fails':>16}")
    for train_n, test_n in configs:
        ref, base, fails = [], [], 0
        for split in range(args.splits):
            gen = np.random.default_rng([split, train_n, test_n])
            train, test = [], []
            for label in grader.CLASSES:
                order = gen.permutation(per_class[label])
                train += list(order[:train_n])
                test += list(order[train_n : train_n + test_n])
            y_train, y_test = [labels[i] for i in train], [labels[i] for i in test]
            mine = grader._accuracy(grader._linear_fit_predict(embedded[train], y_train, embedded[test]), y_test)
            baseline = grader._accuracy(grader._linear_fit_predict(log_mel[train], y_train, log_mel[test]), y_test)
            ref.append(mine)
            base.append(baseline)
            fails += mine < max(grader.FLOOR, baseline + grader.MARGIN) - 1e-9
        row = {"reference_mean": float(np.mean(ref)), "reference_lowest": float(np.min(ref)),
               "baseline_mean": float(np.mean(base)), "reference_fails": fails / args.splits}
        report["configs"][f"{train_n}/{test_n}"] = row
        print(f"{f'{train_n}/{test_n}':>20} {row['reference_mean']:15.3f} {row['reference_lowest']:7.3f} "
              f"{row['baseline_mean']:14.3f} {fails:>9}/{args.splits} ({row['reference_fails']:.1%})", flush=True)
    out = Path(__file__).with_name("results")
    out.mkdir(exist_ok=True)
    (out / "linear_probe_calibration.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
