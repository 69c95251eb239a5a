"""The mock interview by voice (`interview-prep mock --voice`): questions read aloud by our TTS
voice, spoken answers transcribed by our Whisper, with speaking metrics. No UI here.

- `read_aloud()` speaks a question's prompt (Markdown made speakable) and keeps the WAV with
  the mock: under `<data dir>/mock-audio/unsaved-<start time>/` while it runs, renamed to
  `<data dir>/mock-audio/<mock id>/` when its scorecard is saved (`keep_audio()`).
- `transcribe_answer()` reads a WAV (any rate, mono or stereo), resamples it to 16 kHz, finds
  the speech with Silero VAD and transcribes it with Whisper. A long answer is cut in its pauses
  into pieces under 30 s (Whisper's window), transcribed one by one; the pipeline's own chunking
  (`chunk_length_s=30`, "experimental" for seq2seq models and measured here to drop a middle
  chunk's words) is used only for a stretch of over 30 s without any pause.
- `speaking_metrics()` gives duration, speaking time, words per minute and the long pauses
  (>= `LONG_PAUSE_S` between two speech segments) that the scorecard reports.

torch and transformers are imported inside the functions that need them, so importing this
module (as the mock's CLI and screen do) stays light.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

ASR_RATE = 16000
#: a silence between two speech segments at least this long counts as a long pause
LONG_PAUSE_S = 1.5
#: a long answer is cut in the pauses into pieces of at most this length, each transcribed alone
PIECE_S = 28.0
#: a piece of uninterrupted speech longer than this is transcribed in 30 s chunks
CHUNK_S = 30
_CODE_BLOCK = re.compile(r"```.*?```", re.DOTALL)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def speakable_text(markdown: str) -> str:
    """Markdown as sentences a TTS voice can read: no code blocks, emphasis, backticks or bullets;
    identifiers lose their underscores ("chunk_length_s" -> "chunk length s"); each line or
    bullet ends as a sentence."""
    text = _LINK.sub(r"\1", _CODE_BLOCK.sub(" ", markdown))
    sentences = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)
        line = line.replace("->", " to ").replace("~", "about ")
        line = re.sub(r"[*`#>]|<\|?|\|?>", "", line).replace("_", " ")
        line = " ".join(line.split())
        if line:
            sentences.append(line)
    # a bullet or line that runs on into the next one stays one sentence
    joined: list[str] = []
    for line in sentences:
        if joined and not joined[-1].endswith((".", "!", "?", ":")) and line[:1].islower():
            joined[-1] += " " + line
        else:
            joined.append(line)
    return " ".join(s if s.endswith((".", "!", "?")) else s.rstrip(":;,") + "." for s in joined)


def spoken_question(question) -> str:
    """What is read aloud for a question: its prompt, and its choices (as shown) with their letters."""
    from interview_prep.quiz.checking import letter

    text = question.prompt.strip()
    choices = getattr(question, "choices", None)
    if choices:
        text += "\n" + "\n".join(f"{letter(i).upper()}: {c.text}" for i, c in enumerate(choices))
    return text


# where the audio is kept -------------------------------------------------------------


def audio_root() -> Path:
    """`<data dir>/mock-audio`: one folder per mock interview."""
    from interview_prep import paths

    return paths.data_dir() / "mock-audio"


def staging_dir(started_at: datetime) -> Path:
    """The folder of a running mock interview's audio (it has no id until its scorecard is saved)."""
    return audio_root() / f"unsaved-{started_at.strftime('%Y%m%dT%H%M%S')}"


def mock_audio_dir(mock_id: int) -> Path:
    """The folder of saved mock interview `mock_id`'s audio."""
    return audio_root() / str(mock_id)


def keep_audio(source: str | Path, mock_id: int) -> Path | None:
    """Move a mock's audio from its staging folder to its id's folder (None when it has none)."""
    source, target = Path(source), mock_audio_dir(mock_id)
    if not source.is_dir():
        return None
    if target.exists():
        shutil.rmtree(target)
    source.rename(target)
    return target


def keep_answer(source: str | Path, folder: Path, name: str) -> str:
    """Copy the learner's answer recording into the mock's folder; returns its file name."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if Path(source).resolve() != target.resolve():
        shutil.copyfile(source, target)
    return name


# reading questions aloud ---------------------------------------------------------------


def question_wav_name(position: int, question_id: str) -> str:
    return f"q{position:02d}-{question_id}-question.wav"


def answer_wav_name(position: int, question_id: str) -> str:
    return f"q{position:02d}-{question_id}-answer.wav"


def read_aloud(text: str, path: Path, tts=None, seed: int = 0) -> Path:
    """Synthesize `text` (Markdown) with our voice into the WAV `path` (kept if it already exists)."""
    from interview_prep.audio.io import save_audio

    path = Path(path)
    if path.is_file():
        return path
    if tts is None:
        from interview_prep import models

        tts = models.tts_pipeline()
    out = tts(speakable_text(text), seed=seed)
    tmp = path.with_suffix(".part.wav")
    save_audio(tmp, out["audio"], out["sampling_rate"])
    tmp.replace(path)
    return path


# spoken answers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakingMetrics:
    """How an answer was spoken: clip length, time from first to last speech, words per minute
    over that time, and the long pauses (start, end in seconds) between speech segments."""

    duration_s: float
    speech_s: float
    words: int
    wpm: float
    long_pauses: list[tuple[float, float]] = field(default_factory=list)
    long_pause_s: float = LONG_PAUSE_S


def speaking_metrics(segments: list, duration_s: float, text: str, long_pause_s: float = LONG_PAUSE_S
                     ) -> SpeakingMetrics:
    """Metrics from VAD speech segments (objects with `start` and `end`, seconds) and the transcript."""
    words = len(re.findall(r"[\w'’-]+", text))
    if not segments:
        return SpeakingMetrics(round(duration_s, 2), 0.0, words, 0.0, [], long_pause_s)
    speech = segments[-1].end - segments[0].start
    pauses = [(round(a.end, 2), round(b.start, 2)) for a, b in zip(segments, segments[1:], strict=False)
              if b.start - a.end >= long_pause_s]
    wpm = words / (speech / 60) if speech > 0 else 0.0
    return SpeakingMetrics(round(duration_s, 2), round(speech, 2), words, round(wpm, 1), pauses, long_pause_s)


@dataclass(frozen=True)
class SpokenAnswer:
    """A transcribed spoken answer and how it was spoken."""

    text: str
    metrics: SpeakingMetrics
    path: Path | None = None


def transcribe_audio(audio: np.ndarray, sample_rate: int, asr=None) -> SpokenAnswer:
    """Transcribe a spoken answer: resample to 16 kHz, VAD, Whisper from first to last speech."""
    from interview_prep.audio.io import check_audio, resample, to_mono
    from interview_prep.vad import speech_segments

    check_audio(audio)
    mono = resample(to_mono(np.asarray(audio, dtype=np.float32)), int(sample_rate), ASR_RATE)
    duration = len(mono) / ASR_RATE
    segments = speech_segments(mono, ASR_RATE)
    text = ""
    if segments:
        if asr is None:
            from interview_prep import models

            asr = models.asr_pipeline()
        texts = []
        for start, end in pieces(segments):
            span = mono[int(start * ASR_RATE): int(end * ASR_RATE)]
            chunking = {"chunk_length_s": CHUNK_S} if len(span) > CHUNK_S * ASR_RATE else {}
            texts.append(asr({"raw": span, "sampling_rate": ASR_RATE}, **chunking)["text"].strip())
        text = " ".join(t for t in texts if t)
    return SpokenAnswer(text, speaking_metrics(segments, duration, text))


def pieces(segments: list, max_s: float = PIECE_S) -> list[tuple[float, float]]:
    """Consecutive speech segments grouped into pieces of at most `max_s` seconds, cut in the
    pauses between segments (so no word is cut); a single longer segment stays one piece (and is
    then transcribed in 30 s chunks)."""
    out: list[list[float]] = []
    for segment in segments:
        if out and segment.end - out[-1][0] <= max_s:
            out[-1][1] = segment.end
        else:
            out.append([segment.start, segment.end])
    return [(a, b) for a, b in out]


def transcribe_answer(path: str | Path, asr=None) -> SpokenAnswer:
    """Transcribe the spoken answer in the audio file `path` (AudioError if it cannot be read)."""
    from interview_prep.audio.io import read_audio

    audio, rate = read_audio(path)
    answer = transcribe_audio(audio, rate, asr)
    return SpokenAnswer(answer.text, answer.metrics, Path(path))


def find_answer_file(answers_dir: Path, position: int, question_id: str) -> Path | None:
    """The learner's recorded answer in `answers_dir`: `<question id>.wav`, `q<NN>.wav` or `<N>.wav`."""
    for name in (f"{question_id}.wav", f"q{position:02d}.wav", f"{position}.wav"):
        candidate = Path(answers_dir) / name
        if candidate.is_file():
            return candidate
    return None
