"""Classification demo: retail sound events with our AST classifier, spoken feedback with the
ASR + VADER cascade; accuracy, class distribution and confusion matrices.

Sound events: a balanced set of 1-second store clips (every class of the classifier,
ambience at 5-20 dB SNR, some with a quieter overlapping event), drawn from the held-out
speech pool, classified by the stock transformers "audio-classification" pipeline.
Feedback: spoken customer feedback whose words carry the sentiment (truth), classified by
VAD-gated Whisper tiny.en and VADER (which can also answer "neutral").
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from interview_prep.demos.common import (
    DemoResult,
    demo_main,
    prepare_out_dir,
    print_outputs,
    progress_bar,
    quiet_transformers,
    save_outputs,
    step,
)

DEFAULT_COUNT = 8  # feedback clips; sound events: EVENTS_PER_CLASS per class
EVENTS_PER_CLASS = 2
EVENT_SNR_DB = (5.0, 20.0)
SENTIMENT_LABELS = ("positive", "negative", "neutral")


def confusion(truth: list[str], predicted: list[str], labels: list[str]) -> list[list[int]]:
    """Counts: rows = truth label, columns = predicted label (both in `labels` order)."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for t, p in zip(truth, predicted, strict=True):
        matrix[index[t]][index[p]] += 1
    return matrix


def summarize(truth: list[str], predicted: list[str], labels: list[str]) -> dict:
    """Accuracy, truth and predicted counts per class, and the confusion matrix."""
    return dict(
        labels=labels,
        accuracy=round(sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth), 4),
        truth_counts={label: truth.count(label) for label in labels},
        predicted_counts={label: predicted.count(label) for label in labels},
        confusion=confusion(truth, predicted, labels),
    )


def run(out_dir: Path | None = None, count: int = DEFAULT_COUNT, seed: int = 0, console: Console | None = None
        ) -> DemoResult:
    """Classify sound events and `count` spoken feedback clips; report and plot the results."""
    from interview_prep import models
    from interview_prep.audio.events import EVENT_CLASSES, event_dataset
    from interview_prep.audio.feedback import SENTIMENTS, make_feedback
    from interview_prep.sentiment import analyze_feedback
    from interview_prep.viz.demos import class_distribution, confusion_matrix

    started = time.perf_counter()
    console = console or Console(highlight=False)
    folder = prepare_out_dir("classify", out_dir)
    console.rule("[bold]Classification demo[/] · store sound events and customer feedback")
    console.print(f"Output folder: {folder}")
    quiet_transformers()
    events, feedback = [], []
    with progress_bar(console) as progress:
        with step(progress, "loading the sound-event classifier and Whisper tiny.en"):
            classifier = models.events_pipeline()
            asr = models.asr_pipeline()
        with step(progress, f"generating {EVENTS_PER_CLASS * len(EVENT_CLASSES)} sound-event clips"):
            waves, labels = event_dataset(EVENTS_PER_CLASS, 7_000 + seed, EVENT_SNR_DB, "test")
        task = progress.add_task("classifying sound events", total=len(waves))
        for i, (wave, label) in enumerate(zip(waves, labels, strict=True)):
            top = classifier({"raw": wave, "sampling_rate": 16000}, top_k=1)[0]
            events.append(dict(name=f"e{i + 1:02d}", truth=EVENT_CLASSES[int(label)], predicted=top["label"],
                               score=round(float(top["score"]), 4)))
            progress.advance(task)
        task = progress.add_task("feedback: speech → text → sentiment", total=count)
        for i in range(count):
            clip = make_feedback(seed=seed * 1000 + i, sentiment=SENTIMENTS[i % len(SENTIMENTS)])
            result = analyze_feedback(clip.audio, clip.sample_rate, asr=asr, with_tone=False)
            row = dict(name=f"f{i + 1:02d}", truth=clip.sentiment, predicted=result.sentiment,
                       compound=round(result.compound, 4), text=clip.text, transcript=result.text)
            feedback.append(row)
            ok = row["truth"] == row["predicted"]
            progress.console.print(Text.assemble(
                ("✓ " if ok else "✗ ", "green" if ok else "red"), f"{row['name']} ",
                (f"{row['truth']:>8} → {row['predicted']:<8}", "bold"), f" ({row['compound']:+.2f}) ",
                (repr(row["transcript"]), "dim")))
            progress.advance(task)
    event_labels = list(EVENT_CLASSES)
    event_stats = summarize([e["truth"] for e in events], [e["predicted"] for e in events], event_labels)
    feedback_stats = summarize([f["truth"] for f in feedback], [f["predicted"] for f in feedback],
                               list(SENTIMENT_LABELS))
    for e in events:
        if e["truth"] != e["predicted"]:
            console.print(Text.assemble(("✗ ", "red"), f"{e['name']} {e['truth']} heard as {e['predicted']} ",
                                        (f"({e['score']:.0%})", "dim")))
    report = dict(demo="classify", seed=seed, events=dict(event_stats, clips=events, snr_db=list(EVENT_SNR_DB)),
                  feedback=dict(feedback_stats, clips=feedback))
    result = DemoResult("classify", folder, report, figures={
        "events_distribution": class_distribution(
            event_labels, list(event_stats["truth_counts"].values()), list(event_stats["predicted_counts"].values()),
            f"Sound events: truth vs predicted (accuracy {event_stats['accuracy']:.0%})"),
        "events_confusion": confusion_matrix(event_labels, event_stats["confusion"], "Sound events: confusion matrix"),
        "feedback_distribution": class_distribution(
            list(SENTIMENT_LABELS), list(feedback_stats["truth_counts"].values()),
            list(feedback_stats["predicted_counts"].values()),
            f"Feedback sentiment: truth vs predicted (accuracy {feedback_stats['accuracy']:.0%})"),
        "feedback_confusion": confusion_matrix(list(SENTIMENT_LABELS), feedback_stats["confusion"],
                                               "Feedback sentiment: confusion matrix"),
    })
    save_outputs(result, started)
    _summary(console, report)
    print_outputs(console, result)
    return result


def _summary(console: Console, report: dict) -> None:
    table = Table(title="Accuracy and class distribution", title_justify="left")
    table.add_column("Task")
    table.add_column("Clips", justify="right")
    table.add_column("Accuracy", justify="right")
    table.add_column("Predicted classes")
    for task, title in (("events", "sound events"), ("feedback", "feedback sentiment")):
        stats = report[task]
        spread = ", ".join(f"{label} {n}" for label, n in stats["predicted_counts"].items() if n)
        table.add_row(title, str(len(stats["clips"])), f"{stats['accuracy']:.0%}", spread)
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    """`python -m interview_prep.demos.classify [--out DIR] [--count N] [--seed N]`."""
    return demo_main("classify", run, "Classify retail sound events and spoken feedback.", argv)


if __name__ == "__main__":
    raise SystemExit(main())
