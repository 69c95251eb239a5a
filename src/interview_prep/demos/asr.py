"""ASR demo: transcribe synthetic customer voice queries with Whisper tiny.en and score them.

Queries come from the retail speech generator (spoken by our TTS voice, truth = the
written text). Every query is heard over all three channels: clean, in-store noise (store
ambience at 12 dB SNR) and telephone band (8 kHz, 300-3400 Hz, back to 16 kHz), so the
channels are compared on the same words. Transcripts and truth are normalized with
Whisper's English normalizer before scoring; WER is computed with jiwer, per query and
per channel (total errors / total reference words, shown with both counts).

`--file` transcribes the learner's own recording instead: Silero VAD finds the speech
(Whisper is never run on noise), Whisper transcribes each stretch of speech.
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
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

DEFAULT_COUNT = 8  # queries, each heard over every channel
BATCH = 8  # transcripts per Whisper batch
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


def run(out_dir: Path | None = None, count: int = DEFAULT_COUNT, seed: int = 0, console: Console | None = None,
        file: Path | None = None) -> DemoResult:
    """Generate `count` queries, hear each over every channel, transcribe, score WER, plot lengths and
    WER; with `file`, transcribe that recording instead."""
    started = time.perf_counter()
    console = console or Console(highlight=False)
    if file is not None:
        return _run_file(Path(file), out_dir, console, started)
    import jiwer

    from interview_prep import models
    from interview_prep.audio.speech import make_retail_speech, normalize_text
    from interview_prep.viz.demos import transcription_lengths, wer_per_query

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
            for condition in CONDITIONS:
                clips.append((f"q{i + 1:02d}", clip, condition, channel(clip.audio, condition, seed * 1000 + i)))
            progress.advance(make)
        listen = progress.add_task("transcribing", total=len(clips))
        # batched (same greedy transcripts, several times faster on CPU); results come back in order
        heard_all = asr(({"raw": audio, "sampling_rate": RATE} for *_, audio in clips), batch_size=BATCH)
        for (name, clip, condition, audio), out in zip(clips, heard_all, strict=True):
            heard = out["text"].strip()
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
    by_condition = {condition: channel_score([r for r in rows if r["condition"] == condition])
                    for condition in CONDITIONS}
    audio_seconds = sum(r["seconds"] for r in rows)
    report = dict(demo="asr", model="whisper tiny.en (greedy)", seed=seed, count=count, corpus_wer=round(corpus, 4),
                  by_condition=by_condition, audio_seconds=round(audio_seconds, 2), queries=rows)
    names = list(dict.fromkeys(r["name"] for r in rows))
    truth_words = [next(r["truth_words"] for r in rows if r["name"] == name) for name in names]
    labels = {c: f"{c}: {s['wer']:.1%} ({s['errors']} errors / {s['words']} words)" for c, s in by_condition.items()}
    result = DemoResult("asr", folder, report, figures={
        "transcription_lengths": transcription_lengths(
            names, truth_words, [r["transcript_words"] for r in rows], [r["condition"] for r in rows]),
        "wer_per_query": wer_per_query(
            [r["name"] for r in rows], [r["wer"] for r in rows], [r["condition"] for r in rows],
            report["corpus_wer"], labels),
    })
    save_outputs(result, started)
    _summary(console, report)
    print_outputs(console, result)
    return result


def channel_score(rows: list[dict]) -> dict:
    """Queries, reference words, word errors (S + D + I) and WER of one channel's transcripts."""
    import jiwer

    out = jiwer.process_words([r["truth_normalized"] for r in rows], [r["transcript_normalized"] for r in rows])
    errors = out.substitutions + out.deletions + out.insertions
    words = out.substitutions + out.deletions + out.hits
    return dict(queries=len(rows), words=words, errors=errors, wer=round(errors / words, 4))


def _summary(console: Console, report: dict) -> None:
    table = Table(title="Word error rate (the same queries over each channel)", title_justify="left")
    for column in ("Channel", "Queries", "Words", "Errors", "WER"):
        table.add_column(column, justify="left" if column == "Channel" else "right")
    for condition, score in report["by_condition"].items():
        table.add_row(condition, str(score["queries"]), str(score["words"]), str(score["errors"]),
                      f"{score['wer']:.1%}")
    words = sum(s["words"] for s in report["by_condition"].values())
    errors = sum(s["errors"] for s in report["by_condition"].values())
    table.add_row("[bold]all[/]", str(len(report["queries"])), str(words), str(errors),
                  f"[bold]{report['corpus_wer']:.1%}[/]")
    console.print(table)
    console.print(f"[dim]{words // len(report['by_condition'])} reference words per channel: one word error "
                  f"moves a channel's WER by {len(report['by_condition']) / words:.1%}.[/]")


def transcribe_segments(audio, progress: Progress, asr=None) -> list[dict]:
    """Find speech with Silero VAD and transcribe each stretch (Whisper, 30 s chunks), logging each;
    [{start, end, text}] in seconds, empty when there is no speech (Whisper never hears noise alone)."""
    from interview_prep import models
    from interview_prep.vad import speech_segments

    with step(progress, "finding speech (Silero VAD)"):
        found = speech_segments(audio, RATE)
    if found and asr is None:
        with step(progress, "loading Whisper tiny.en"):
            asr = models.asr_pipeline()
    segments = []
    task = progress.add_task("transcribing the speech", total=len(found))
    for segment in found:
        span = audio[int(segment.start * RATE): int(segment.end * RATE)]
        text = asr({"raw": span, "sampling_rate": RATE}, chunk_length_s=30)["text"].strip()
        segments.append(dict(start=round(segment.start, 2), end=round(segment.end, 2), text=text))
        progress.console.print(Text.assemble((f"{segment.start:6.1f}-{segment.end:.1f} s ", "dim"), repr(text)))
        progress.advance(task)
    return segments


def _run_file(path: Path, out_dir: Path | None, console: Console, started: float) -> DemoResult:
    """Transcribe the learner's recording: VAD-found speech only, one transcript per stretch of speech."""
    from interview_prep.audio.io import load_audio
    from interview_prep.viz.demos import transcript_timeline

    audio = load_audio(path, RATE)  # a missing or unreadable file is an AudioError (one message, exit 2)
    folder = prepare_out_dir("asr", out_dir)
    console.rule(f"[bold]ASR demo[/] · {path.name} → Whisper tiny.en")
    console.print(f"Output folder: {folder}")
    quiet_transformers()
    with progress_bar(console) as progress:
        segments = transcribe_segments(audio, progress)
    if not segments:
        console.print("[yellow]No speech found[/] (Silero VAD): Whisper is not run on noise, where it "
                      "writes words that were never said.")
    transcript = " ".join(s["text"] for s in segments if s["text"])
    report = dict(demo="asr", model="whisper tiny.en (greedy)", file=str(path.resolve()),
                  audio_seconds=round(len(audio) / RATE, 2), transcript=transcript, segments=segments)
    result = DemoResult("asr", folder, report, figures={
        "transcript_timeline": transcript_timeline(audio, RATE, segments, path.name)})
    save_outputs(result, started)
    if transcript:
        console.print(f"[bold]Transcript:[/] {transcript}")
    print_outputs(console, result)
    return result


def main(argv: list[str] | None = None) -> int:
    """`python -m interview_prep.demos.asr [--out DIR] [--count N] [--seed N] [--file PATH]`."""
    return demo_main("asr", run, "Transcribe synthetic customer voice queries and score the WER.", argv)


if __name__ == "__main__":
    raise SystemExit(main())
