"""ASR demo: transcribe synthetic customer voice queries with Whisper tiny.en and score them.

Queries come from the retail speech generator (spoken by our TTS voice, truth = the
written text) over three channels: clean, in-store noise (store ambience at 12 dB SNR)
and telephone band (8 kHz, 300-3400 Hz, back to 16 kHz). Transcripts and truth are
normalized with Whisper's English normalizer before scoring; WER is computed with jiwer,
per query and over the whole set (total errors / total reference words).
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

DEFAULT_COUNT = 9
CONDITIONS = ("clean", "store noise", "telephone")
STORE_SNR_DB = 12.0
RATE = 16000


def channel(audio, condition: str, seed: int):
    """The query as heard over `condition` (16 kHz float32)."""
    from interview_prep.audio.degrade import mix_at_snr, telephone
    from interview_prep.audio.events import store_ambience
    from interview_prep.audio.io import resample
    from interview_prep.audio.levels import normalize_peak

    if condition == "store noise":
        return normalize_peak(mix_at_snr(audio, store_ambience(len(audio), seed, RATE), STORE_SNR_DB), -3.0)
    if condition == "telephone":
        narrow, narrow_rate = telephone(audio, RATE)
        return resample(narrow, narrow_rate, RATE)
    return audio


def run(out_dir: Path | None = None, count: int = DEFAULT_COUNT, seed: int = 0, console: Console | None = None
        ) -> DemoResult:
    """Generate `count` queries, transcribe them, score WER, plot lengths and WER."""
    import jiwer

    from interview_prep import models
    from interview_prep.audio.speech import make_retail_speech, normalize_text
    from interview_prep.viz.demos import transcription_lengths, wer_per_query

    started = time.perf_counter()
    console = console or Console(highlight=False)
    folder = prepare_out_dir("asr", out_dir)
    console.rule("[bold]ASR demo[/] · customer voice queries → Whisper tiny.en")
    console.print(f"Output folder: {folder}")
    rows = []
    quiet_transformers()
    with progress_bar(console) as progress:
        with step(progress, "loading Whisper tiny.en"):
            asr = models.asr_pipeline()
        make = progress.add_task("synthesizing queries (TTS, cached)", total=count)
        clips = []
        for i in range(count):
            clip = make_retail_speech(seed=seed * 1000 + i, kind="query")
            condition = CONDITIONS[i % len(CONDITIONS)]
            clips.append((f"q{i + 1:02d}", clip, condition, channel(clip.audio, condition, seed * 1000 + i)))
            progress.advance(make)
        listen = progress.add_task("transcribing", total=count)
        for name, clip, condition, audio in clips:
            heard = asr({"raw": audio, "sampling_rate": RATE})["text"].strip()
            truth_norm, heard_norm = normalize_text(clip.text), normalize_text(heard)
            wer = jiwer.wer(truth_norm, heard_norm) if heard_norm else 1.0
            rows.append(dict(
                name=name, condition=condition, seconds=round(len(audio) / RATE, 2), truth=clip.text,
                transcript=heard, truth_normalized=truth_norm, transcript_normalized=heard_norm,
                truth_words=len(truth_norm.split()), transcript_words=len(heard_norm.split()), wer=round(wer, 4),
            ))
            mark = ("✓", "green") if wer == 0 else ("~", "yellow") if wer < 0.3 else ("✗", "red")
            progress.console.print(Text.assemble(
                mark, f" {name} ", (f"{condition:>11}", "dim"), f" WER {wer:6.1%}  ", (f"{clip.text!r} → ", "dim"),
                repr(heard)))
            progress.advance(listen)
    corpus = jiwer.wer([r["truth_normalized"] for r in rows], [r["transcript_normalized"] or "" for r in rows])
    by_condition = {}
    for condition in CONDITIONS:
        subset = [r for r in rows if r["condition"] == condition]
        if subset:
            by_condition[condition] = round(jiwer.wer([r["truth_normalized"] for r in subset],
                                                      [r["transcript_normalized"] for r in subset]), 4)
    audio_seconds = sum(r["seconds"] for r in rows)
    report = dict(demo="asr", model="whisper tiny.en (greedy)", seed=seed, count=count, corpus_wer=round(corpus, 4),
                  wer_by_condition=by_condition, audio_seconds=round(audio_seconds, 2), queries=rows)
    names = [r["name"] for r in rows]
    conditions = [r["condition"] for r in rows]
    result = DemoResult("asr", folder, report, figures={
        "transcription_lengths": transcription_lengths(
            names, [r["truth_words"] for r in rows], [r["transcript_words"] for r in rows], conditions),
        "wer_per_query": wer_per_query(names, [r["wer"] for r in rows], conditions, report["corpus_wer"]),
    })
    save_outputs(result, started)
    _summary(console, report)
    print_outputs(console, result)
    return result


def _summary(console: Console, report: dict) -> None:
    table = Table(title="Word error rate", title_justify="left")
    table.add_column("Channel")
    table.add_column("Queries", justify="right")
    table.add_column("WER", justify="right")
    for condition, wer in report["wer_by_condition"].items():
        n = sum(r["condition"] == condition for r in report["queries"])
        table.add_row(condition, str(n), f"{wer:.1%}")
    table.add_row("[bold]all[/]", str(report["count"]), f"[bold]{report['corpus_wer']:.1%}[/]")
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    """`python -m interview_prep.demos.asr [--out DIR] [--count N] [--seed N]`."""
    return demo_main("asr", run, "Transcribe synthetic customer voice queries and score the WER.", argv)


if __name__ == "__main__":
    raise SystemExit(main())
