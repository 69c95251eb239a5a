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


def run(out_dir: Path | None = None, count: int = DEFAULT_COUNT, seed: int = 0, console: Console | None = None
        ) -> DemoResult:
    """Synthesize `count` product descriptions and a speaking-rate sweep; measure and plot lengths."""
    import numpy as np

    from interview_prep import models
    from interview_prep.audio.io import save_audio
    from interview_prep.audio.speech import retail_text
    from interview_prep.viz.demos import speech_lengths

    started = time.perf_counter()
    console = console or Console(highlight=False)
    folder = prepare_out_dir("tts", out_dir)
    console.rule("[bold]TTS demo[/] · product descriptions → Piper VITS (transformers)")
    console.print(f"Output folder: {folder}")
    quiet_transformers()
    texts = [retail_text(np.random.default_rng([seed, i]), "description") for i in range(count)]
    # the sweep speaks d01 again with d01's seed: at rate 1.0 it is d01 itself (not synthesized twice)
    jobs = [(f"d{i + 1:02d}", text, 1.0, seed * 1000 + i) for i, text in enumerate(texts)]
    jobs += [(f"rate-{rate:.2f}", texts[0], rate, seed * 1000) for rate in SWEEP_RATES if rate != 1.0]
    clips, sweep = [], []
    with progress_bar(console) as progress:
        with step(progress, "loading the Piper voice"):
            tts = models.tts_pipeline()
        task = progress.add_task("synthesizing", total=len(jobs))
        for name, text, rate, synth_seed in jobs:
            out = tts(text, seed=synth_seed, speaking_rate=rate)
            audio, sr = out["audio"], int(out["sampling_rate"])
            wav = save_audio(folder / "wav" / f"{name}.wav", audio, sr)
            row = _measure(name, text, rate, audio, sr, wav, folder)
            (sweep if name.startswith("rate-") else clips).append(row)
            progress.console.print(Text.assemble(
                ("♪ ", "cyan"), f"{name:<9} ", (f"rate {rate:.2f}", "dim"), f"  {row['duration_s']:5.2f} s  "
                f"{row['words']:2d} words  {row['words_per_minute']:5.0f} wpm  ", (repr(text), "dim")))
            progress.advance(task)
    if 1.0 in SWEEP_RATES:
        sweep.append(dict(clips[0], name="rate-1.00"))
        sweep.sort(key=lambda r: r["speaking_rate"])
    durations = [r["duration_s"] for r in clips]
    words = [r["words"] for r in clips]
    slope, intercept = np.polyfit(words, durations, 1) if len(set(words)) > 1 else (float("nan"), float("nan"))
    report = dict(
        demo="tts", model="Piper en_US-joe-medium (VITS)", seed=seed, count=count,
        total_seconds=round(sum(durations), 3), mean_duration_s=round(float(np.mean(durations)), 3),
        min_duration_s=min(durations), max_duration_s=max(durations),
        words_per_minute=round(sum(words) / sum(durations) * 60, 1),
        seconds_per_word_fit=round(float(slope), 4), intercept_s_fit=round(float(intercept), 4),
        clips=clips, rate_sweep=sweep,
    )
    result = DemoResult("tts", folder, report, figures={
        "speech_lengths": speech_lengths(
            [r["name"] for r in clips], durations, words, [r["words_per_minute"] for r in clips],
            [r["speaking_rate"] for r in sweep], [r["duration_s"] for r in sweep]),
    })
    save_outputs(result, started)
    _summary(console, report)
    print_outputs(console, result)
    return result


def _summary(console: Console, report: dict) -> None:
    console.print(
        f"{report['count']} descriptions: {report['total_seconds']:.1f} s of speech, "
        f"{report['min_duration_s']:.2f}-{report['max_duration_s']:.2f} s each (mean "
        f"{report['mean_duration_s']:.2f} s), {report['words_per_minute']:.0f} words per minute, "
        f"about {report['seconds_per_word_fit']:.2f} s per word."
    )
    table = Table(title="speaking_rate sweep (same description)", title_justify="left")
    for column in ("speaking_rate", "Duration (s)", "Words per minute"):
        table.add_column(column, justify="right")
    for row in report["rate_sweep"]:
        table.add_row(f"{row['speaking_rate']:.2f}", f"{row['duration_s']:.2f}", f"{row['words_per_minute']:.0f}")
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    """`python -m interview_prep.demos.tts [--out DIR] [--count N] [--seed N]`."""
    return demo_main("tts", run, "Synthesize product descriptions and analyse the audio lengths.", argv)


if __name__ == "__main__":
    raise SystemExit(main())
