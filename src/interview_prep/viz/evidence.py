"""The evidence figure: what went wrong in one failed kata test, as one PNG (Agg, no pyplot).

`render(panels, path)` stacks one panel per record of the test (see
`interview_prep.kata.evidence`), 1000 px wide:

- `waveforms`: waveform (top) and log-mel spectrogram (bottom) of the expected clip (left)
  and the learner's (right) on the same time and frequency axes;
- `asr_alignment`: each reference sentence over its hypothesis, word by word as jiwer
  aligns them, with substitutions (S, orange), deletions (D, red) and insertions (I, blue)
  marked;
- `class_scores`: the score of every class, the truth's next to the learner's, with the
  true class and the learner's answer marked;
- `timelines`: events on a time axis, one lane per class: truth above, prediction below.

`describe(panel)` gives the same content as plain data (`evidence.json`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

WIDTH_IN, DPI = 10.0, 100
LINE_CHARS = 100
OP_COLORS = {"=": "#333333", "S": "#e08a2e", "D": "#c23b3b", "I": "#3b78c2"}
OP_NAMES = {"=": "equal", "S": "substitution", "D": "deletion", "I": "insertion"}
EXPECTED_COLOR, ACTUAL_COLOR, TRUTH_COLOR = "#3b78c2", "#e08a2e", "#2e9e5b"


# --------------------------------------------------------------------------- data


def align(reference: str, hypothesis: str) -> list[list[str]]:
    """jiwer's word alignment as [op, reference word, hypothesis word]; op is =, S, D or I ("" for a missing word)."""
    ref, hyp = reference.split(), hypothesis.split()
    if not ref and not hyp:
        return []
    import jiwer

    ops: list[list[str]] = []
    kinds = {"equal": "=", "substitute": "S", "delete": "D", "insert": "I"}
    for chunk in jiwer.process_words(reference, hypothesis).alignments[0]:
        op = kinds[chunk.type]
        refs = ref[chunk.ref_start_idx:chunk.ref_end_idx]
        hyps = hyp[chunk.hyp_start_idx:chunk.hyp_end_idx]
        for i in range(max(len(refs), len(hyps))):
            ops.append([op, refs[i] if i < len(refs) else "", hyps[i] if i < len(hyps) else ""])
    return ops


def _prepare(panel: dict[str, Any]) -> dict[str, Any]:
    """Compute what a panel shows (once)."""
    if panel["kind"] == "asr_alignment" and "pairs" not in panel:
        pairs = []
        for reference, hypothesis in zip(panel["references"], panel["hypotheses"], strict=False):
            ops = align(reference, hypothesis)
            counts = {op: sum(1 for o in ops if o[0] == op) for op in "SDI"}
            words = len(reference.split())
            wer = (counts["S"] + counts["D"] + counts["I"]) / words if words else float(counts["I"] > 0)
            pairs.append({"reference": reference, "hypothesis": hypothesis, "ops": ops, "substitutions": counts["S"],
                          "deletions": counts["D"], "insertions": counts["I"], "wer": round(wer, 4)})
        panel["pairs"] = pairs
    return panel


def _clip_facts(audio: np.ndarray, rate: int) -> dict[str, float]:
    mono = _mono(audio)
    return {"rate": int(rate), "seconds": round(len(mono) / rate, 4), "channels": 1 if audio.ndim == 1 else
            int(audio.shape[1]), "peak": round(float(np.max(np.abs(mono), initial=0.0)), 4),
            "rms": round(float(np.sqrt(np.mean(mono.astype(np.float64) ** 2))) if mono.size else 0.0, 5)}


def describe(panel: dict[str, Any]) -> dict[str, Any]:
    """A panel as plain data (no arrays)."""
    panel = _prepare(panel)
    if panel["kind"] == "waveforms":
        return {"kind": "waveforms", "title": panel["title"], "labels": panel["labels"],
                "expected": _clip_facts(panel["expected"], panel["rate"]),
                "actual": _clip_facts(panel["actual"], panel["actual_rate"])}
    if panel["kind"] == "asr_alignment":
        return {"kind": "asr_alignment", "title": panel["title"], "pairs": panel["pairs"]}
    return {k: v for k, v in panel.items() if not isinstance(v, np.ndarray)}


# --------------------------------------------------------------------------- layout


def _height(panel: dict[str, Any]) -> float:
    """Height of a panel in inches (fixed by its content, so the PNG size is predictable)."""
    kind = panel["kind"]
    if kind == "waveforms":
        return 4.2
    if kind == "asr_alignment":
        lines = sum(len(_wrap(pair["ops"])) or 1 for pair in _prepare(panel)["pairs"])
        return 0.5 + 0.35 * len(panel["pairs"]) + 0.62 * lines
    if kind == "class_scores":
        return 3.0
    if kind == "timelines":
        labels = {e[0] for e in panel["truth"] + panel["predicted"]}
        return 1.3 + 0.42 * max(2, len(labels))
    raise ValueError(f"unknown evidence panel {kind!r}")


def size(panels: list[dict[str, Any]]) -> tuple[int, int]:
    """The PNG's size in pixels (width, height)."""
    return int(round(WIDTH_IN * DPI)), int(round(sum(_height(p) for p in panels) * DPI))


def render(panels: list[dict[str, Any]], path: Path) -> tuple[int, int]:
    """Draw `panels` stacked into one PNG at `path`; returns its size in pixels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    heights = [_height(p) for p in panels]
    figure = Figure(figsize=(WIDTH_IN, sum(heights)), dpi=DPI)  # fixed margins: constrained layout doubles the time
    FigureCanvasAgg(figure)
    subfigures = figure.subfigures(len(panels), 1, height_ratios=heights, squeeze=False)[:, 0]
    for sub, panel, height in zip(subfigures, panels, heights, strict=True):
        _DRAW[panel["kind"]](sub, panel, height)
    figure.savefig(path, format="png", dpi=DPI, pil_kwargs={"compress_level": 1})  # fast to write, a bit larger
    return size(panels)


# --------------------------------------------------------------------------- waveforms


def _mono(audio: np.ndarray) -> np.ndarray:
    return audio if audio.ndim == 1 else audio.mean(axis=1)


def _envelope(ax, audio: np.ndarray, rate: int, color: str) -> None:
    """The waveform; long clips as their min/max envelope (fast, same look)."""
    x = _mono(audio)
    if len(x) <= 8000:
        ax.plot(np.arange(len(x)) / rate, x, color=color, linewidth=0.6)
        return
    bins = 1000
    edges = np.linspace(0, len(x), bins + 1).astype(int)
    lows = np.minimum.reduceat(x, edges[:-1])
    highs = np.maximum.reduceat(x, edges[:-1])
    ax.fill_between(edges[:-1] / rate, lows, highs, color=color, linewidth=0)


def _hz_to_mel(hz):
    return 2595.0 * np.log10(1.0 + np.asarray(hz, dtype=np.float64) / 700.0)


def _mel_to_hz(mel):
    return 700.0 * (10.0 ** (np.asarray(mel, dtype=np.float64) / 2595.0) - 1.0)


def log_mel(audio: np.ndarray, rate: int, fmax: float, n_mels: int = 64) -> tuple[np.ndarray, float]:
    """(log-mel power in dB, shape (n_mels, frames), with a 80 dB floor below the peak; hop in seconds)."""
    x = _mono(audio).astype(np.float64)
    n_fft = int(2 ** np.ceil(np.log2(0.025 * rate)))
    hop = max(1, int(0.010 * rate), int(np.ceil(len(x) / 3000)))
    if len(x) < n_fft:
        x = np.pad(x, (0, n_fft - len(x)))
    frames = np.lib.stride_tricks.sliding_window_view(x, n_fft)[::hop] * np.hanning(n_fft)
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    freqs = np.fft.rfftfreq(n_fft, 1.0 / rate)
    edges = _mel_to_hz(np.linspace(0.0, _hz_to_mel(fmax), n_mels + 2))
    lower, centre, upper = edges[:-2, None], edges[1:-1, None], edges[2:, None]
    bank = np.maximum(0.0, np.minimum((freqs - lower) / (centre - lower), (upper - freqs) / (upper - centre)))
    mel = 10.0 * np.log10(np.maximum(power @ bank.T, 1e-10)).T
    return np.maximum(mel, mel.max() - 80.0), hop / rate


def _margins(height: float, *, left: float = 0.75, bottom: float = 0.5, top: float = 0.45, **more: float) -> dict:
    """gridspec margins of a panel `height` inches high, given in inches."""
    return {"left": left / WIDTH_IN, "right": 1 - 0.2 / WIDTH_IN, "bottom": bottom / height, "top": 1 - top / height,
            **more}


def _time_ticks(seconds: float) -> list[float]:
    """At most 7 round tick positions from 0 to `seconds`."""
    step = next((s for s in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60) if seconds / s <= 6), 120)
    return [round(i * step, 3) for i in range(int(seconds / step) + 1)]


def _draw_waveforms(sub, panel: dict[str, Any], height: float) -> None:
    clips = [(panel["expected"], int(panel["rate"])), (panel["actual"], int(panel["actual_rate"]))]
    seconds = max(len(a) / r for a, r in clips)
    fmax = min(8000.0, min(r for _, r in clips) / 2)
    peak = max(1.0, *(float(np.max(np.abs(a), initial=0.0)) for a, _ in clips))
    axes = sub.subplots(2, 2, sharex=True, gridspec_kw={"height_ratios": [1, 1.3], "hspace": 0.25, "wspace": 0.12,
                                                         **_margins(height, top=0.75)})
    images = [log_mel(a, r, fmax) for a, r in clips]
    top = max(float(m.max()) for m, _ in images)
    floor = top - 80.0
    for column, ((audio, rate), label, color, (mel, _)) in enumerate(
        zip(clips, panel["labels"], (EXPECTED_COLOR, ACTUAL_COLOR), images, strict=True)
    ):
        wave, spec = axes[0, column], axes[1, column]
        _envelope(wave, audio, rate, color)
        facts = _clip_facts(audio, rate)
        wave.set_title(f"{label}: {facts['seconds']:.2f} s at {rate} Hz, peak {facts['peak']:.2f}", fontsize=9)
        wave.set_ylim(-peak, peak)
        wave.set_yticks([-peak, 0.0, peak], [f"{-peak:g}", "0", f"{peak:g}"])  # fixed ticks: drawing is faster
        for axes_ in (wave, spec):
            axes_.set_xticks(_time_ticks(seconds), [f"{t:g}" for t in _time_ticks(seconds)])
        wave.axhline(0.0, color="#bbbbbb", linewidth=0.5)
        wave.set_xlim(0, seconds)
        spec.imshow(mel, origin="lower", aspect="auto", cmap="magma", vmin=floor, vmax=top,
                    extent=(0, len(_mono(audio)) / rate, 0, mel.shape[0]))
        ticks = [t for t in (0, 500, 1000, 2000, 4000, 8000) if t <= fmax]
        spec.set_yticks([float(_hz_to_mel(t) / _hz_to_mel(fmax) * mel.shape[0]) for t in ticks],
                        [f"{t // 1000}k" if t >= 1000 else str(t) for t in ticks], fontsize=7)
        spec.set_xlabel("time (s)", fontsize=8)
        spec.tick_params(labelsize=7)
        wave.tick_params(labelsize=7)
    axes[0, 0].set_ylabel("amplitude", fontsize=8)
    axes[1, 0].set_ylabel("log-mel (Hz)", fontsize=8)
    sub.suptitle(panel["title"] or "expected vs actual: waveform and log-mel spectrogram", fontsize=10)


# --------------------------------------------------------------------------- ASR alignment


def _wrap(ops: list[list[str]]) -> list[list[list[str]]]:
    lines, line, used = [], [], 0
    for op in ops:
        width = max(len(op[1]), len(op[2]), 1) + 1
        if line and used + width > LINE_CHARS:
            lines.append(line)
            line, used = [], 0
        line.append(op)
        used += width
    if line:
        lines.append(line)
    return lines


def _draw_alignment(sub, panel: dict[str, Any], height: float) -> None:
    from matplotlib.patches import Rectangle

    pairs = _prepare(panel)["pairs"]
    ax = sub.subplots(gridspec_kw=_margins(height, left=0.1, bottom=0.05, top=0.4))
    rows = sum(0.6 + 1.8 * max(1, len(_wrap(p["ops"]))) for p in pairs)
    ax.set_xlim(-9, LINE_CHARS + 1)
    ax.set_ylim(-rows - 0.3, 0.2)
    ax.axis("off")
    y = 0.0
    text = {"family": "monospace", "fontsize": 9, "va": "center"}
    for number, pair in enumerate(pairs, 1):
        summary = (f"sentence {number}: WER {pair['wer']:.2f} · {pair['substitutions']} substituted, "
                   f"{pair['deletions']} deleted, {pair['insertions']} inserted")
        ax.text(-9, y - 0.25, summary, fontsize=9, va="center", weight="bold")
        y -= 0.6
        for line in _wrap(pair["ops"]) or [[]]:
            ax.text(-9, y - 0.3, "said", color="#555555", **text)
            ax.text(-9, y - 0.9, "heard", color="#555555", **text)
            x = 0.0
            for op, ref, hyp in line:
                width = max(len(ref), len(hyp), 1)
                color = OP_COLORS[op]
                if op != "=":
                    ax.add_patch(Rectangle((x - 0.3, y - 1.55), width + 0.6, 1.5, color=color, alpha=0.15, linewidth=0))
                    ax.text(x + width / 2, y - 1.4, op, color=color, ha="center", family="monospace", fontsize=8,
                            va="center", weight="bold")
                ax.text(x, y - 0.3, ref or "·" * len(hyp), color=color if op != "=" else OP_COLORS["="], **text)
                ax.text(x, y - 0.9, hyp or "·" * len(ref), color=color if op != "=" else OP_COLORS["="], **text)
                x += width + 1
            y -= 1.8
    handles = [Rectangle((0, 0), 1, 1, color=OP_COLORS[op], alpha=0.5, label=f"{op} {OP_NAMES[op]}") for op in "SDI"]
    ax.legend(handles=handles, loc="upper right", fontsize=8, ncols=3, frameon=False)
    sub.suptitle(panel["title"] or "what was said vs what was heard (word alignment)", fontsize=10)


# --------------------------------------------------------------------------- class scores


def _draw_scores(sub, panel: dict[str, Any], height: float) -> None:
    expected, actual = panel["expected"], panel["actual"]
    classes = sorted(set(expected) | set(actual), key=lambda c: (-expected.get(c, -1.0), c))
    ax = sub.subplots(gridspec_kw=_margins(height, bottom=0.8))
    x = np.arange(len(classes))
    ax.bar(x - 0.2, [expected.get(c, 0.0) for c in classes], 0.4, color=EXPECTED_COLOR, label="expected")
    mine = [c for c in classes if c in actual]
    ax.bar([classes.index(c) + 0.2 for c in mine], [actual[c] for c in mine], 0.4, color=ACTUAL_COLOR,
           label="yours")
    ax.set_xticks(x, [c.replace("_", " ") for c in classes], rotation=20, ha="right", fontsize=8)
    for tick, name in zip(ax.get_xticklabels(), classes, strict=True):
        if name == panel["truth"]:
            tick.set_color(TRUTH_COLOR)
            tick.set_fontweight("bold")
    if panel.get("predicted") in classes:
        spot = classes.index(panel["predicted"])
        ax.annotate("your answer", (spot + 0.2, min(1.0, actual.get(panel["predicted"], 0.0)) + 0.02),
                    ha="center", fontsize=8, color=ACTUAL_COLOR)
    if panel["truth"] in classes:
        ax.axvspan(classes.index(panel["truth"]) - 0.45, classes.index(panel["truth"]) + 0.45, color=TRUTH_COLOR,
                   alpha=0.1, label=f"truth: {panel['truth']}")
    ax.set_ylim(0, 1.1)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0], ["0", "0.25", "0.5", "0.75", "1"])
    ax.set_ylabel("score", fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    ax.legend(fontsize=8, loc="upper right", ncols=3, frameon=False)
    sub.suptitle(panel["title"] or f"class scores: expected vs yours (truth {panel['truth']})", fontsize=10)


# --------------------------------------------------------------------------- timelines


def _draw_timelines(sub, panel: dict[str, Any], height: float) -> None:
    truth, predicted = panel["truth"], panel["predicted"]
    labels = sorted({e[0] for e in truth + predicted})
    ax = sub.subplots(gridspec_kw=_margins(height, left=1.25, top=0.6))
    for row, label in enumerate(labels):
        ax.broken_barh([(on, off - on) for name, on, off in truth if name == label], (row + 0.05, 0.4),
                       color=EXPECTED_COLOR)
        ax.broken_barh([(on, off - on) for name, on, off in predicted if name == label], (row - 0.45, 0.4),
                       color=ACTUAL_COLOR)
        ax.axhline(row + 0.5, color="#dddddd", linewidth=0.5)
    end = panel.get("duration") or max([e[2] for e in truth + predicted], default=1.0)
    if panel.get("duration"):
        ax.axvline(panel["duration"], color="#c23b3b", linewidth=1, linestyle="--")
        ax.text(panel["duration"], len(labels) - 0.55, "end of recording ", color="#c23b3b", fontsize=7, va="top",
                ha="right")
    right = max(end, max([e[2] for e in truth + predicted], default=0.0))
    ax.set_xlim(0, right)
    ax.set_xticks(_time_ticks(right), [f"{t:g}" for t in _time_ticks(right)])
    ax.set_ylim(-0.5, max(1, len(labels)) - 0.5)
    ax.set_yticks(range(len(labels)), [label.replace("_", " ") for label in labels], fontsize=8)
    ax.set_xlabel("time (s)", fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=EXPECTED_COLOR, label="truth (upper lane)"),
                       Patch(color=ACTUAL_COLOR, label="yours (lower lane)")],
              fontsize=8, loc="upper right", ncols=2, frameon=False, bbox_to_anchor=(1.0, 1.12))
    sub.suptitle(panel["title"] or "event timelines: truth vs yours", fontsize=10)


_DRAW = {
    "waveforms": _draw_waveforms,
    "asr_alignment": _draw_alignment,
    "class_scores": _draw_scores,
    "timelines": _draw_timelines,
}
