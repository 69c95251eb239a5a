"""Classification demo: retail sound events with our AST classifier, spoken feedback with the
ASR + VADER cascade; accuracy, class distribution and confusion matrices.

Sound events: a balanced set of 1-second store clips (every class of the classifier,
ambience at -10 to 0 dB SNR, where the classifier makes real mistakes, some with a quieter
overlapping event), drawn from the held-out speech pool, classified by the stock
transformers "audio-classification" pipeline. Feedback: spoken customer feedback, each
sentence different, whose words carry the sentiment (truth), classified by VAD-gated
Whisper tiny.en and VADER (which can also answer "neutral"). Classes that neither occur nor
are predicted are left out of the counts and matrices.

`--file` runs both on the learner's own recording: the sound event of every 1 s window
(0.5 s apart) and the sentiment of any speech in it.
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
EVENTS_PER_CLASS = 5
EVENT_SNR_DB = (-10.0, 0.0)
WINDOW_S, HOP_S = 1.0, 0.5  # --file: the classifier's clip length, and the step between windows
SENTIMENT_LABELS = ("positive", "negative", "neutral")


def confusion(truth: list[str], predicted: list[str], labels: list[str]) -> list[list[int]]:
    """Counts: rows = truth label, columns = predicted label (both in `labels` order)."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for t, p in zip(truth, predicted, strict=True):
        matrix[index[t]][index[p]] += 1
    return matrix


def summarize(truth: list[str], predicted: list[str], labels: list[str]) -> dict:
    """Accuracy, truth and predicted counts per class, and the confusion matrix, over the `labels`
    that occur in the truth or the predictions (in `labels` order)."""
    labels = [label for label in labels if label in truth or label in predicted]
    return dict(
        labels=labels,
        accuracy=round(sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth), 4),
        truth_counts={label: truth.count(label) for label in labels},
        predicted_counts={label: predicted.count(label) for label in labels},
        confusion=confusion(truth, predicted, labels),
    )


def distinct_feedback_seeds(count: int, seed: int) -> list[tuple[int, str]]:
    """(seed, sentiment) of `count` feedback clips, alternating sentiments, no sentence twice."""
    from interview_prep.audio.feedback import SENTIMENTS, feedback_text

    chosen, texts, candidate = [], set(), seed * 1000
    while len(chosen) < count:
        sentiment = SENTIMENTS[len(chosen) % len(SENTIMENTS)]
        text = feedback_text(candidate, sentiment)  # what make_feedback(candidate, sentiment) will say
        if text not in texts:
            chosen.append((candidate, sentiment))
            texts.add(text)
        candidate += 1
    return chosen


def run(out_dir: Path | None = None, count: int = DEFAULT_COUNT, seed: int = 0, console: Console | None = None,
        file: Path | None = None) -> DemoResult:
    """Classify sound events and `count` spoken feedback clips, report and plot the results; with `file`,
    classify that recording instead."""
    started = time.perf_counter()
    console = console or Console(highlight=False)
    if file is not None:
        return _run_file(Path(file), out_dir, console, started)
    from interview_prep import models
    from interview_prep.audio.events import EVENT_CLASSES, event_dataset
    from interview_prep.audio.feedback import make_feedback
    from interview_prep.sentiment import analyze_feedback
    from interview_prep.viz.demos import class_distribution, confusion_matrix

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
        with step(progress, f"classifying {len(waves)} sound-event clips"):
            inputs = [{"raw": wave, "sampling_rate": 16000} for wave in waves]
            tops = [found[0] for found in classifier(inputs, top_k=1, batch_size=16)]
        for i, (top, label) in enumerate(zip(tops, labels, strict=True)):
            events.append(dict(name=f"e{i + 1:02d}", truth=EVENT_CLASSES[int(label)], predicted=top["label"],
                               score=round(float(top["score"]), 4)))
        task = progress.add_task("feedback: speech → text → sentiment", total=count)
        for i, (clip_seed, sentiment) in enumerate(distinct_feedback_seeds(count, seed)):
            clip = make_feedback(seed=clip_seed, sentiment=sentiment)
            result = analyze_feedback(clip.audio, clip.sample_rate, asr=asr, with_tone=False)
            row = dict(name=f"f{i + 1:02d}", seed=clip_seed, truth=clip.sentiment, predicted=result.sentiment,
                       compound=round(result.compound, 4), text=clip.text, transcript=result.text)
            feedback.append(row)
            ok = row["truth"] == row["predicted"]
            progress.console.print(Text.assemble(
                ("✓ " if ok else "✗ ", "green" if ok else "red"), f"{row['name']} ",
                (f"{row['truth']:>8} → {row['predicted']:<8}", "bold"), f" ({row['compound']:+.2f}) ",
                (repr(row["transcript"]), "dim")))
            progress.advance(task)
    event_stats = summarize([e["truth"] for e in events], [e["predicted"] for e in events], list(EVENT_CLASSES))
    feedback_stats = summarize([f["truth"] for f in feedback], [f["predicted"] for f in feedback],
                               list(SENTIMENT_LABELS))
    event_labels, feedback_labels = event_stats["labels"], feedback_stats["labels"]
    for e in events:
        if e["truth"] != e["predicted"]:
            console.print(Text.assemble(("✗ ", "red"), f"{e['name']} {e['truth']} heard as {e['predicted']} ",
                                        (f"({e['score']:.0%})", "dim")))
    report = dict(demo="classify", seed=seed, events=dict(event_stats, clips=events, snr_db=list(EVENT_SNR_DB)),
                  feedback=dict(feedback_stats, clips=feedback))
    result = DemoResult("classify", folder, report, figures={
        "events_distribution": class_distribution(
            event_labels, list(event_stats["truth_counts"].values()), list(event_stats["predicted_counts"].values()),
            f"Sound events at {EVENT_SNR_DB[0]:g} to {EVENT_SNR_DB[1]:g} dB SNR: truth vs predicted "
            f"(accuracy {event_stats['accuracy']:.0%}, {len(events)} clips)"),
        "events_confusion": confusion_matrix(
            event_labels, event_stats["confusion"],
            f"Sound events at {EVENT_SNR_DB[0]:g} to {EVENT_SNR_DB[1]:g} dB SNR: confusion matrix"),
        "feedback_distribution": class_distribution(
            feedback_labels, list(feedback_stats["truth_counts"].values()),
            list(feedback_stats["predicted_counts"].values()),
            f"Feedback sentiment: truth vs predicted (accuracy {feedback_stats['accuracy']:.0%}, "
            f"{len(feedback)} clips)"),
        "feedback_confusion": confusion_matrix(feedback_labels, feedback_stats["confusion"],
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


def window_starts(samples: int, rate: int = 16000) -> list[int]:
    """Start samples of the WINDOW_S windows, HOP_S apart, that cover `samples` (the last one ends at the end)."""
    size, hop = int(WINDOW_S * rate), int(HOP_S * rate)
    if samples <= size:
        return [0]
    starts = list(range(0, samples - size + 1, hop))
    if starts[-1] + size < samples:
        starts.append(samples - size)
    return starts


def _run_file(path: Path, out_dir: Path | None, console: Console, started: float) -> DemoResult:
    """The sound event of every window of the learner's recording, and the sentiment of its speech."""
    from interview_prep import models
    from interview_prep.audio.events import EVENT_CLASSES
    from interview_prep.audio.io import load_audio
    from interview_prep.demos.asr import transcribe_segments
    from interview_prep.sentiment import text_sentiment
    from interview_prep.viz.demos import event_timeline

    audio = load_audio(path, 16000)  # a missing or unreadable file is an AudioError (one message, exit 2)
    folder = prepare_out_dir("classify", out_dir)
    console.rule(f"[bold]Classification demo[/] · {path.name}: sound events and spoken sentiment")
    console.print(f"Output folder: {folder}")
    quiet_transformers()
    starts = window_starts(len(audio))
    size = int(WINDOW_S * 16000)
    with progress_bar(console) as progress:
        with step(progress, "loading the sound-event classifier"):
            classifier = models.events_pipeline()
        with step(progress, f"classifying {len(starts)} window(s) of {WINDOW_S:g} s"):
            inputs = [{"raw": audio[s: s + size], "sampling_rate": 16000} for s in starts]
            found = classifier(inputs, top_k=len(EVENT_CLASSES), batch_size=16)
        segments = transcribe_segments(audio, progress)
    scores = [[next(f["score"] for f in window if f["label"] == label) for label in EVENT_CLASSES]
              for window in found]
    windows = [dict(start=round(s / 16000, 2), label=window[0]["label"], score=round(float(window[0]["score"]), 4))
               for s, window in zip(starts, found, strict=True)]
    transcript = " ".join(s["text"] for s in segments if s["text"])
    sentiment = text_sentiment(transcript) if transcript else None
    report = dict(
        demo="classify", file=str(path.resolve()), audio_seconds=round(len(audio) / 16000, 2), window_s=WINDOW_S,
        hop_s=HOP_S, windows=windows, event_counts={label: n for label in EVENT_CLASSES
                                                    if (n := sum(w["label"] == label for w in windows))},
        transcript=transcript, sentiment=sentiment.label if sentiment else None,
        compound=round(sentiment.compound, 4) if sentiment else None,
    )
    result = DemoResult("classify", folder, report, figures={
        "event_timeline": event_timeline(list(EVENT_CLASSES), [w["start"] for w in windows], scores, WINDOW_S,
                                         f"{path.name}: sound-event scores per {WINDOW_S:g} s window")})
    save_outputs(result, started)
    spread = ", ".join(f"{label} {n}" for label, n in report["event_counts"].items())
    console.print(f"[bold]Sound events[/] (top class of {len(windows)} window(s)): {spread}")
    if sentiment:
        console.print(f"[bold]Speech:[/] {transcript!r} → [bold]{sentiment.label}[/] ({sentiment.compound:+.2f})")
    else:
        console.print("[bold]Speech:[/] none found (Silero VAD), so no sentiment.")
    print_outputs(console, result)
    return result


def main(argv: list[str] | None = None) -> int:
    """`python -m interview_prep.demos.classify [--out DIR] [--count N] [--seed N] [--file PATH]`."""
    return demo_main("classify", run, "Classify retail sound events and spoken feedback.", argv)


if __name__ == "__main__":
    raise SystemExit(main())
