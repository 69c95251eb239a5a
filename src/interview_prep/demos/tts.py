"""TTS demo: speak product descriptions with our Piper VITS voice and analyse the audio lengths.

Descriptions come from the retail text generator and are synthesized fresh (seeded) at
speaking_rate 1.0; then the first one is spoken again (same seed) at a sweep of speaking rates. Per
clip: duration (samples / 22050 Hz), words as spoken (counted on the voice's own
espeak-ng phonemization, so "$47.95" counts as "forty seven dollars and ninety five
cents"), words per minute, phonemes per second. A least-squares line gives seconds per
word. The WAV files are saved next to the plot.
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

DEFAULT_COUNT = 8
SWEEP_RATES = (0.8, 0.9, 1.0, 1.1, 1.25)
FRAME_MS = 256 / 22050 * 1000  # one VITS output frame: 256 samples at 22050 Hz
WHY_NOT_PROPORTIONAL = (
    "VITS divides each phoneme's predicted length by speaking_rate, then rounds it up to whole frames of "
    f"256 samples ({FRAME_MS:.1f} ms). Most phonemes of this voice last only one or two frames, so the "
    "rounding gives back much of the speed-up; the 0.2 s pauses between sentences do not scale at all."
)
_NOT_PHONEMES = set(" ˈˌː.,;:!?-")


def spoken_units(text: str) -> tuple[int, int]:
    """(words, phonemes) as the voice says `text` (after spelling out money and percentages)."""
    from interview_prep.models.espeak import phonemize
    from interview_prep.models.tts import speakable

    sentences = ["".join(clause) for clause in phonemize(speakable(text))]
    words = sum(len(s.split()) for s in sentences)
    phonemes = sum(1 for s in sentences for symbol in s if symbol not in _NOT_PHONEMES)
    return words, phonemes


def _measure(name: str, text: str, rate: float, audio, sr: int, wav: Path, folder: Path) -> dict:
    words, phonemes = spoken_units(text)
    duration = len(audio) / sr
    return dict(
        name=name, text=text, speaking_rate=rate, sampling_rate=sr, samples=len(audio),
        duration_s=round(duration, 3), words=words, phonemes=phonemes,
        words_per_minute=round(words / duration * 60, 1), phonemes_per_second=round(phonemes / duration, 2),
        wav=str(wav.relative_to(folder)),
    )


def run(out_dir: Path | None = None, count: int = DEFAULT_COUNT, seed: int = 0, console: Console | None = None,
        text: str | None = None) -> DemoResult:
    """Synthesize `count` product descriptions (or `text`) and a speaking-rate sweep of the first;
    measure and plot lengths."""
    import numpy as np

    from interview_prep import models
    from interview_prep.audio.io import save_audio
    from interview_prep.audio.speech import retail_text
    from interview_prep.viz.demos import speech_lengths

    started = time.perf_counter()
    console = console or Console(highlight=False)
    folder = prepare_out_dir("tts", out_dir)
    if text is not None:
        texts, prefix = [" ".join(text.split())], "text"
        console.rule("[bold]TTS demo[/] · your text → Piper VITS (transformers)")
    else:
        texts, prefix = [retail_text(np.random.default_rng([seed, i]), "description") for i in range(count)], "d"
        console.rule("[bold]TTS demo[/] · product descriptions → Piper VITS (transformers)")
    console.print(f"Output folder: {folder}")
    quiet_transformers()
    # the sweep speaks the first text again with its seed: at rate 1.0 it is that clip (not synthesized twice)
    names = ["text"] if text is not None else [f"{prefix}{i + 1:02d}" for i in range(len(texts))]
    jobs = [(name, words, 1.0, seed * 1000 + i) for i, (name, words) in enumerate(zip(names, texts, strict=True))]
    jobs += [(f"rate-{rate:.2f}", texts[0], rate, seed * 1000) for rate in SWEEP_RATES if rate != 1.0]
    clips, sweep = [], []
    with progress_bar(console) as progress:
        with step(progress, "loading the Piper voice"):
            tts = models.tts_pipeline()
        task = progress.add_task("synthesizing", total=len(jobs))
        for name, words, rate, synth_seed in jobs:
            out = tts(words, seed=synth_seed, speaking_rate=rate)
            audio, sr = out["audio"], int(out["sampling_rate"])
            wav = save_audio(folder / "wav" / f"{name}.wav", audio, sr)
            row = _measure(name, words, rate, audio, sr, wav, folder)
            (sweep if name.startswith("rate-") else clips).append(row)
            progress.console.print(Text.assemble(
                ("♪ ", "cyan"), f"{name:<9} ", (f"rate {rate:.2f}", "dim"), f"  {row['duration_s']:5.2f} s  "
                f"{row['words']:2d} words  {row['words_per_minute']:5.0f} wpm  ", (repr(words), "dim")))
            progress.advance(task)
    if 1.0 in SWEEP_RATES:
        sweep.append(dict(clips[0], name="rate-1.00"))
        sweep.sort(key=lambda r: r["speaking_rate"])
    for row in sweep:  # the length against rate 1.0, and what a proportional speed-up would give
        row["relative_duration"] = round(row["duration_s"] / clips[0]["duration_s"], 3)
        row["proportional_duration"] = round(1 / row["speaking_rate"], 3)
    durations = [r["duration_s"] for r in clips]
    words = [r["words"] for r in clips]
    fit = [round(float(v), 4) for v in np.polyfit(words, durations, 1)] if len(set(words)) > 1 else [None, None]
    report = dict(
        demo="tts", model="Piper en_US-joe-medium (VITS)", seed=seed, count=len(clips),
        total_seconds=round(sum(durations), 3), mean_duration_s=round(float(np.mean(durations)), 3),
        min_duration_s=min(durations), max_duration_s=max(durations),
        words_per_minute=round(sum(words) / sum(durations) * 60, 1),
        seconds_per_word_fit=fit[0], intercept_s_fit=fit[1],
        clips=clips, rate_sweep=sweep, why_not_proportional=WHY_NOT_PROPORTIONAL,
    )
    result = DemoResult("tts", folder, report, figures={
        "speech_lengths": speech_lengths(
            [r["name"] for r in clips], durations, words, [r["words_per_minute"] for r in clips],
            [r["speaking_rate"] for r in sweep], [r["duration_s"] for r in sweep]),
    }, extra=[f"wav/ ({len(clips) + len(sweep) - 1} WAV files, 22050 Hz: each clip and the speaking_rate sweep)"])
    save_outputs(result, started)
    _summary(console, report)
    print_outputs(console, result)
    return result


def _summary(console: Console, report: dict) -> None:
    console.print(
        f"{report['count']} clip(s): {report['total_seconds']:.1f} s of speech, "
        f"{report['min_duration_s']:.2f}-{report['max_duration_s']:.2f} s each (mean "
        f"{report['mean_duration_s']:.2f} s), {report['words_per_minute']:.0f} words per minute"
        + (f", about {report['seconds_per_word_fit']:.2f} s per word." if report["seconds_per_word_fit"] else ".")
    )
    table = Table(title="speaking_rate sweep (same text, same seed)", title_justify="left")
    for column in ("speaking_rate", "Duration (s)", "× rate 1.0", "if proportional", "Words per minute"):
        table.add_column(column, justify="right")
    for row in report["rate_sweep"]:
        table.add_row(f"{row['speaking_rate']:.2f}", f"{row['duration_s']:.2f}", f"{row['relative_duration']:.2f}",
                      f"{row['proportional_duration']:.2f}", f"{row['words_per_minute']:.0f}")
    console.print(table)
    fastest = report["rate_sweep"][-1]
    console.print(f"[bold]Why rate {fastest['speaking_rate']:.2f} gives {fastest['relative_duration']:.2f}× the "
                  f"length, not {fastest['proportional_duration']:.2f}×:[/] {report['why_not_proportional']}")


def main(argv: list[str] | None = None) -> int:
    """`python -m interview_prep.demos.tts [--out DIR] [--count N] [--seed N] [--text TEXT]`."""
    return demo_main("tts", run, "Synthesize product descriptions and analyse the audio lengths.", argv)


if __name__ == "__main__":
    raise SystemExit(main())
