"""Customer-feedback sentiment from audio: a words cascade and a prosody (tone) feature.

What each part can and cannot detect:

- Sentiment (`analyze_feedback`, `text_sentiment`): our ASR (Whisper tiny.en, gated by
  the VAD) transcribes, then the VADER lexicon scores the words. It detects sentiment that
  is *said* ("rude", "excellent", "refund"). It misses sarcasm ("great, another hour in
  line"), domain words VADER does not know, negations it mis-scopes, and anything lost to
  ASR errors. It ignores how the words sound.
- Tone (`prosody_features`, `tone_from_prosody`): pitch level and speaking rate (pitch
  range is measured too). It only says whether the delivery is "upbeat" (higher, faster)
  or "flat" (lower, slower) than a reference. That is not sentiment: an angry complaint
  can be upbeat by this measure, a polite compliment flat. It is not emotion recognition
  either. The reference is our TTS voice (a low male voice, median pitch near 88 Hz); for
  any other speaker pass that speaker's neutral `baseline`, or the verdict mostly
  reflects the speaker's natural pitch.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from interview_prep.audio.io import check_audio, resample, to_mono

POSITIVE_THRESHOLD = 0.05  # VADER's own recommended cut-offs on the compound score
NEGATIVE_THRESHOLD = -0.05
PROSODY_RATE = 16000
# Our TTS voice's neutral delivery (measured on feedback clips); the tones sit either side.
REFERENCE_PROSODY = {"pitch_median_hz": 88.0, "syllable_rate": 4.5}


@dataclass(frozen=True)
class TextSentiment:
    """VADER on a text: `label` positive/negative/neutral from the `compound` score in [-1, 1]."""

    label: str
    compound: float


@dataclass(frozen=True)
class Prosody:
    """How an utterance is delivered: median pitch (Hz), pitch range (10th-90th percentile,
    semitones), syllable-like energy peaks per second of speech, and voiced fraction."""

    pitch_median_hz: float
    pitch_range_semitones: float
    syllable_rate: float
    voiced_fraction: float


@dataclass(frozen=True)
class FeedbackAnalysis:
    """Result of the reference cascade: transcript, its sentiment, and the delivery's tone."""

    text: str
    sentiment: str
    compound: float
    tone: str | None
    prosody: Prosody | None


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def text_sentiment(text: str) -> TextSentiment:
    """Sentiment of `text` from the VADER lexicon (words only)."""
    compound = float(_vader().polarity_scores(text)["compound"])
    if compound >= POSITIVE_THRESHOLD:
        label = "positive"
    elif compound <= NEGATIVE_THRESHOLD:
        label = "negative"
    else:
        label = "neutral"
    return TextSentiment(label, compound)


def prosody_features(audio: np.ndarray, sample_rate: int) -> Prosody:
    """Pitch level/range (librosa pYIN) and speaking rate (peaks of the voiced energy envelope)."""
    import librosa
    from scipy.signal import find_peaks

    check_audio(audio)
    y = resample(to_mono(audio), sample_rate, PROSODY_RATE)
    hop = 160
    f0, voiced, _ = librosa.pyin(y, fmin=60, fmax=400, sr=PROSODY_RATE, frame_length=1024, hop_length=hop)
    f0 = f0[voiced & np.isfinite(f0)]
    if f0.size < 5:
        return Prosody(0.0, 0.0, 0.0, float(np.mean(voiced)) if voiced.size else 0.0)
    lo, hi = np.percentile(f0, [10, 90])
    energy = librosa.feature.rms(y=y, frame_length=400, hop_length=hop)[0]
    envelope = np.convolve(energy, np.hanning(7) / np.hanning(7).sum(), mode="same")
    active = np.flatnonzero(envelope > envelope.max() * 0.1)
    peaks, _ = find_peaks(envelope, prominence=envelope.max() * 0.05, distance=8)  # >= 80 ms apart
    speech_seconds = max((active[-1] - active[0] + 1) * hop / PROSODY_RATE, 1e-3)
    return Prosody(
        pitch_median_hz=float(np.median(f0)),
        pitch_range_semitones=float(12 * np.log2(hi / lo)),
        syllable_rate=float(len(peaks) / speech_seconds),
        voiced_fraction=float(np.mean(voiced)),
    )


def tone_from_prosody(prosody: Prosody, baseline: Prosody | None = None) -> str:
    """ "upbeat" or "flat" from pitch level and speaking rate relative to `baseline`
    (default: REFERENCE_PROSODY, our TTS voice's neutral delivery).

    Score = semitones above the baseline pitch / 2 + (rate - baseline rate) / 0.5 syllables/s;
    positive means upbeat. Pitch range is reported but not used: our generator does not
    control it, and on short clips it is the noisiest of the three measures.
    """
    ref_pitch = REFERENCE_PROSODY["pitch_median_hz"] if baseline is None else baseline.pitch_median_hz
    ref_rate = REFERENCE_PROSODY["syllable_rate"] if baseline is None else baseline.syllable_rate
    if prosody.pitch_median_hz <= 0 or ref_pitch <= 0:
        return "flat"
    score = 12 * np.log2(prosody.pitch_median_hz / ref_pitch) / 2 + (prosody.syllable_rate - ref_rate) / 0.5
    return "upbeat" if score > 0 else "flat"


def analyze_feedback(
    audio: np.ndarray, sample_rate: int, asr=None, with_tone: bool = True
) -> FeedbackAnalysis:
    """Reference cascade: VAD-gated ASR -> VADER sentiment, plus the prosodic tone.

    No speech found: empty text, "neutral", and no tone.
    """
    from interview_prep.vad import transcribe_speech

    text = transcribe_speech(audio, sample_rate, asr)
    if not text:
        return FeedbackAnalysis("", "neutral", 0.0, None, None)
    sentiment = text_sentiment(text)
    prosody = prosody_features(audio, sample_rate) if with_tone else None
    tone = tone_from_prosody(prosody) if prosody is not None else None
    return FeedbackAnalysis(text, sentiment.label, sentiment.compound, tone, prosody)
