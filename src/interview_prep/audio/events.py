"""Synthetic retail sound events: dry event waveforms, store ambience, and labelled clips.

Each event waveform starts at its first sample and ends with its last (no silent padding),
so a clip's truth onset/offset is exact. Speech-bearing classes (customer speech, PA
announcement, crowd babble) are built from a pool of TTS utterances (`speech.speech_pool`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from interview_prep.audio.cache import cached
from interview_prep.audio.degrade import colored_noise, noise_gain_for_snr
from interview_prep.audio.io import resample
from interview_prep.audio.items import EventClip
from interview_prep.audio.levels import db_to_gain, normalize_peak, normalize_rms, rms, trim
from interview_prep.audio.seeding import Seed, as_rng

EVENTS_VERSION = 1
DEFAULT_RATE = 16000
EVENT_CLASSES = (
    "scanner_beep",
    "door_chime",
    "cash_drawer",
    "card_reader_error",
    "pa_announcement",
    "customer_speech",
    "crowd_babble",
    "background_music",
    "silence",
)
SPEECH_CLASSES = frozenset({"pa_announcement", "customer_speech", "crowd_babble"})
SILENCE = "silence"

SpeechPool = Sequence[np.ndarray]


def event_waveform(
    label: str,
    seed: Seed,
    sample_rate: int = DEFAULT_RATE,
    speech_pool: SpeechPool | None = None,
    length_s: float | None = None,
) -> np.ndarray:
    """Dry waveform of one `label` event, peak 1.0, active from its first to its last sample.

    `length_s` sets the length of the open-ended classes (music, babble, silence); the
    others have their natural length. Speech classes need `speech_pool` (16 kHz utterances
    when sample_rate is 16000; they are used at `sample_rate` as given).
    """
    rng = as_rng(seed)
    if label not in EVENT_CLASSES:
        raise ValueError(f"unknown event class {label!r}; choose one of {', '.join(EVENT_CLASSES)}")
    if label in SPEECH_CLASSES and not speech_pool:
        raise ValueError(f"event class {label!r} needs a speech pool of TTS utterances")
    sr = sample_rate
    if label == SILENCE:
        return np.zeros(int(round((length_s or 1.0) * sr)), np.float32)
    if label == "scanner_beep":
        x = _scanner_beep(rng, sr)
    elif label == "door_chime":
        x = _door_chime(rng, sr)
    elif label == "cash_drawer":
        x = _cash_drawer(rng, sr)
    elif label == "card_reader_error":
        x = _card_reader_error(rng, sr)
    elif label == "background_music":
        x = _music(rng, sr, length_s or rng.uniform(2.0, 5.0))
    elif label == "customer_speech":
        x = _customer_speech(rng, sr, speech_pool)
    elif label == "pa_announcement":
        x = _pa_announcement(rng, sr, speech_pool)
    else:
        x = _crowd_babble(rng, sr, speech_pool, length_s or rng.uniform(2.0, 5.0))
    return normalize_peak(trim(x), 0.0)


def store_ambience(n: int, seed: Seed, sample_rate: int = DEFAULT_RATE) -> np.ndarray:
    """Background bed of a store: HVAC noise (two colors), mains hum, slow level drift; unit RMS."""
    rng = as_rng(seed)
    colors = rng.choice(["white", "pink", "brown"], size=2, replace=False)
    mix = rng.uniform(0.2, 0.8)
    x = mix * colored_noise(n, rng, str(colors[0])) + (1 - mix) * colored_noise(n, rng, str(colors[1]))
    t = np.arange(n) / sample_rate
    mains = rng.choice([50.0, 60.0])
    hum_level = db_to_gain(rng.uniform(-35.0, -15.0))
    for k, amp in ((1, 1.0), (2, 0.5), (3, 0.3)):
        x += hum_level * amp * np.sin(2 * np.pi * k * mains * t + rng.uniform(0, 2 * np.pi))
    drift = 1.0 + db_to_gain(-18.0) * np.sin(
        2 * np.pi * rng.uniform(0.05, 0.4) * t + rng.uniform(0, 2 * np.pi)
    )
    return normalize_rms((x * drift).astype(np.float32), 0.0)


def make_event_clip(
    label: str,
    seed: int = 0,
    duration: float = 1.0,
    snr_db: float = 20.0,
    sample_rate: int = DEFAULT_RATE,
    distractor_prob: float = 0.0,
    peak_dbfs: float | None = None,
    speech_pool: SpeechPool | None = None,
    use_cache: bool = True,
) -> EventClip:
    """A `duration`-second clip with one `label` event over store ambience at `snr_db`.

    SNR is event power over ambience power within the event's span. With probability
    `distractor_prob` a quieter event of another class (10-20 dB below) overlaps it.
    The clip peak is `peak_dbfs` (random in [-25, -1] when None). Silence clips hold only
    quiet room tone (RMS -75 to -55 dBFS); their truth span is the whole clip.
    Speech classes (and distractors) default to the held-out ("test") TTS pool.
    """
    if speech_pool is None and (label in SPEECH_CLASSES or distractor_prob > 0):
        from interview_prep.audio.speech import speech_pool as load_pool

        speech_pool = load_pool("test")
    params = dict(
        label=label,
        duration=duration,
        snr_db=snr_db,
        sample_rate=sample_rate,
        distractor_prob=distractor_prob,
        peak_dbfs=peak_dbfs,
        pool=_pool_id(speech_pool),
    )

    def build() -> EventClip:
        return event_clip(
            label, as_rng(seed), duration, snr_db, sample_rate, distractor_prob, peak_dbfs, speech_pool
        )

    return cached("event_clip", EVENTS_VERSION, params, seed, build, EventClip) if use_cache else build()


def event_clip(
    label: str,
    rng: np.random.Generator,
    duration: float = 1.0,
    snr_db: float = 20.0,
    sample_rate: int = DEFAULT_RATE,
    distractor_prob: float = 0.0,
    peak_dbfs: float | None = None,
    speech_pool: SpeechPool | None = None,
) -> EventClip:
    """Uncached core of `make_event_clip`, drawing from `rng` (for building datasets fast)."""
    n = int(round(duration * sample_rate))
    bed = store_ambience(n, rng, sample_rate)
    if label == SILENCE:
        audio = normalize_rms(bed, rng.uniform(-75.0, -55.0))
        return EventClip(
            audio=audio, sample_rate=sample_rate, label=label, onset=0.0, offset=duration, snr_db=None
        )
    event = event_waveform(label, rng, sample_rate, speech_pool, length_s=max(duration, 2.0))
    fg, start, end = _place(event, n, rng)
    mix = fg + noise_gain_for_snr(fg, bed, snr_db, (start, end)) * bed
    if rng.random() < distractor_prob:
        others = [
            c for c in EVENT_CLASSES if c not in (label, SILENCE) and (speech_pool or c not in SPEECH_CLASSES)
        ]
        other = str(rng.choice(others))
        dist, d0, d1 = _place(
            event_waveform(other, rng, sample_rate, speech_pool, max(duration, 2.0)), n, rng
        )
        level = rms(fg[start:end]) * db_to_gain(-rng.uniform(10.0, 20.0)) / max(rms(dist[d0:d1]), 1e-12)
        mix = mix + level * dist
    target = rng.uniform(-25.0, -1.0) if peak_dbfs is None else peak_dbfs
    return EventClip(
        audio=normalize_peak(mix, target),
        sample_rate=sample_rate,
        label=label,
        onset=start / sample_rate,
        offset=end / sample_rate,
        snr_db=float(snr_db),
    )


def event_dataset(
    n_per_class: int,
    seed: int,
    snr_db: float | tuple[float, float],
    split: str = "test",
    duration: float = 1.0,
    distractor_prob: float = 0.3,
    sample_rate: int = DEFAULT_RATE,
) -> tuple[np.ndarray, np.ndarray]:
    """A balanced labelled set: (clips [N, samples] float32, labels [N] indices into EVENT_CLASSES).

    `snr_db` is fixed or drawn uniformly from a (low, high) range per clip. Speech classes use
    the `split` TTS pool ("train" for training only). Clip i draws from its own
    `default_rng([seed, i])`, so sets with different seeds are independent.
    """
    from interview_prep.audio.speech import speech_pool

    pool = speech_pool(split, sample_rate)
    clips, labels = [], []
    for i in range(n_per_class * len(EVENT_CLASSES)):
        rng = np.random.default_rng([seed, i])
        k = i % len(EVENT_CLASSES)
        snr = float(rng.uniform(*snr_db)) if isinstance(snr_db, tuple) else float(snr_db)
        clips.append(
            event_clip(EVENT_CLASSES[k], rng, duration, snr, sample_rate, distractor_prob, None, pool).audio
        )
        labels.append(k)
    return np.stack(clips), np.array(labels, dtype=np.int64)


def _place(event: np.ndarray, n: int, rng: np.random.Generator) -> tuple[np.ndarray, int, int]:
    """Put `event` at a random position in n samples (cropping a random window if longer)."""
    out = np.zeros(n, np.float32)
    if len(event) <= n:
        start = int(rng.integers(0, n - len(event) + 1))
        out[start : start + len(event)] = event
        return out, start, start + len(event)
    skip = int(rng.integers(0, len(event) - n + 1))
    out[:] = event[skip : skip + n]
    return out, 0, n


def _pool_id(pool: SpeechPool | None) -> str | None:
    """Content hash of a speech pool (it is part of the cache key)."""
    if not pool:
        return None
    import hashlib

    h = hashlib.sha256()
    for u in pool:
        h.update(np.ascontiguousarray(u, dtype=np.float32).tobytes())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------- event synthesis


def _envelope(m: int, sr: int, attack: float = 0.003, release: float = 0.005) -> np.ndarray:
    e = np.ones(m, np.float32)
    na, nr = max(1, min(m, int(attack * sr))), max(1, min(m, int(release * sr)))
    e[:na] = np.linspace(1.0 / na, 1.0, na)
    e[m - nr :] *= np.linspace(1.0, 0.0, nr, endpoint=False)
    return e


def _tone(
    freq: float, m: int, sr: int, partials: Sequence[tuple[float, float]] = ((1.0, 1.0),)
) -> np.ndarray:
    t = np.arange(m) / sr
    x = np.zeros(m)
    for ratio, amp in partials:
        if freq * ratio < 0.45 * sr:
            x += amp * np.sin(2 * np.pi * freq * ratio * t)
    return x.astype(np.float32)


def _scanner_beep(rng: np.random.Generator, sr: int) -> np.ndarray:
    f = rng.uniform(1800.0, 4200.0)
    square = rng.random() < 0.4
    parts = []
    for k in range(int(rng.integers(1, 3))):
        if k:
            parts.append(np.zeros(int(rng.uniform(0.05, 0.15) * sr), np.float32))
        m = int(rng.uniform(0.06, 0.2) * sr)
        tone = _tone(f, m, sr, ((1, 1.0), (3, 0.33), (5, 0.2)) if square else ((1, 1.0),))
        parts.append(tone * _envelope(m, sr))
    return np.concatenate(parts)


def _door_chime(rng: np.random.Generator, sr: int) -> np.ndarray:
    f1 = rng.uniform(550.0, 1100.0)
    ratios = [1.0, rng.choice([0.8, 0.75, 0.84])]
    if rng.random() < 0.3:
        ratios.append(ratios[1] * rng.choice([0.8, 0.89]))
    spacing, tau = rng.uniform(0.3, 0.5), rng.uniform(0.25, 0.45)
    ring, step = int(3.5 * tau * sr), int(spacing * sr)  # each tone rings down to about -30 dB
    out = np.zeros(step * (len(ratios) - 1) + ring, np.float32)
    for k, r in enumerate(ratios):
        s = k * step
        t = np.arange(ring) / sr
        tone = _tone(f1 * r, ring, sr, ((1, 1.0), (2.0, 0.4), (3.01, 0.2), (4.2, 0.08)))
        out[s : s + ring] += tone * np.exp(-t / tau).astype(np.float32) * _envelope(ring, sr, 0.002, 0.02)
    return out


def _cash_drawer(rng: np.random.Generator, sr: int) -> np.ndarray:
    from scipy.signal import butter, sosfilt

    slide_n = int(rng.uniform(0.15, 0.3) * sr)
    slide = sosfilt(butter(2, rng.uniform(800, 1800), fs=sr, output="sos"), rng.standard_normal(slide_n))
    slide = (
        slide / (np.abs(slide).max() + 1e-9) * np.linspace(0.3, 0.8, slide_n) * _envelope(slide_n, sr, 0.01)
    )
    thunk_n = int(0.12 * sr)
    t = np.arange(thunk_n) / sr
    thunk = np.sin(2 * np.pi * rng.uniform(70, 140) * t) * np.exp(-t / 0.03)
    thunk[: int(0.004 * sr)] += rng.standard_normal(int(0.004 * sr)) * 0.5
    coins_n = int(rng.uniform(0.35, 0.7) * sr)
    coins = np.zeros(coins_n)
    for _ in range(int(rng.integers(8, 22))):
        s = int(rng.integers(0, coins_n - int(0.04 * sr)))
        m = int(rng.uniform(0.015, 0.04) * sr)
        tt = np.arange(m) / sr
        ring = sum(np.sin(2 * np.pi * min(rng.uniform(2500, 7000), 0.45 * sr) * tt) for _ in range(3))
        hit = (ring + 0.5 * rng.standard_normal(m)) * np.exp(-tt / rng.uniform(0.004, 0.015))
        coins[s : s + m] += rng.uniform(0.3, 1.0) * hit
    coins = coins / (np.abs(coins).max() + 1e-9)
    out = np.zeros(slide_n + thunk_n // 2 + coins_n + thunk_n, np.float32)
    out[:slide_n] += slide
    out[slide_n : slide_n + thunk_n] += thunk
    c0 = slide_n + thunk_n // 2
    out[c0 : c0 + coins_n] += 0.8 * coins
    end = c0 + coins_n
    return (out[:end] * _envelope(end, sr, 0.002, 0.01)).astype(np.float32)


def _card_reader_error(rng: np.random.Generator, sr: int) -> np.ndarray:
    f = rng.uniform(250.0, 600.0)
    detune = 2 ** (rng.choice([1, 6]) / 12)  # minor second or tritone: an unpleasant buzz
    square = [(k, 1.0 / k) for k in range(1, 12, 2)]
    parts = []
    for k in range(int(rng.integers(2, 5))):
        if k:
            parts.append(np.zeros(int(rng.uniform(0.06, 0.12) * sr), np.float32))
        m = int(rng.uniform(0.1, 0.25) * sr)
        buzz = _tone(f, m, sr, square) + 0.6 * _tone(f * detune, m, sr, square)
        parts.append(buzz * _envelope(m, sr, 0.003, 0.008))
    return np.concatenate(parts)


def _music(rng: np.random.Generator, sr: int, length_s: float) -> np.ndarray:
    n = int(length_s * sr)
    root = 110.0 * 2 ** (rng.integers(0, 12) / 12)
    scale = [0, 2, 4, 5, 7, 9, 11] if rng.random() < 0.6 else [0, 2, 3, 5, 7, 8, 10]
    beat = 60.0 / rng.uniform(80, 140)
    out = np.zeros(n, np.float32)
    pad_partials = ((1, 1.0), (2, 0.3), (3, 0.1))
    pluck_partials = ((1, 1.0), (2, 0.5), (3, 0.25), (4, 0.12))
    bar = int(4 * beat * sr)
    for s in range(0, n, bar):  # chords, one per bar
        degree = int(rng.choice([0, 3, 4, 5]))
        m = min(bar, n - s)
        chord = sum(
            _tone(root * 2 ** (scale[(degree + k) % 7] / 12 + (degree + k) // 7), m, sr, pad_partials)
            for k in (0, 2, 4)
        )
        out[s : s + m] += 0.25 * chord * _envelope(m, sr, 0.05, 0.05)
    step = int(beat / rng.choice([1, 2]) * sr)
    for s in range(0, n, step):  # melody, one octave up
        if rng.random() < 0.2:
            continue
        m = min(step, n - s)
        f = 2 * root * 2 ** (scale[int(rng.integers(0, 7))] / 12)
        t = np.arange(m) / sr
        out[s : s + m] += (
            _tone(f, m, sr, pluck_partials) * np.exp(-t / (0.4 * beat)) * _envelope(m, sr, 0.005, 0.01)
        )
    return out * _envelope(n, sr, 0.01, 0.03)


def _voice(utt: np.ndarray, rng: np.random.Generator, low: float, high: float) -> np.ndarray:
    """Another 'speaker': shift pitch and tempo together by resampling (factor in [low, high])."""
    factor = rng.uniform(low, high)
    return resample(utt, 1000, int(round(1000 / factor)))


def _reverb(x: np.ndarray, rng: np.random.Generator, sr: int, rt60: float, wet: float) -> np.ndarray:
    """Convolve with a synthetic room (direct path + exponentially decaying noise tail)."""
    from scipy.signal import fftconvolve

    m = int(0.5 * rt60 * sr)  # tail cut at -30 dB
    t = np.arange(m) / sr
    ir = rng.standard_normal(m) * np.exp(-6.9 * t / rt60) * wet / np.sqrt(m / 4)
    ir[0] = 1.0
    return fftconvolve(x, ir)[: len(x) + m].astype(np.float32)


def _customer_speech(rng: np.random.Generator, sr: int, pool: SpeechPool) -> np.ndarray:
    utt = _voice(pool[int(rng.integers(len(pool)))], rng, 0.88, 1.15)
    return _reverb(utt, rng, sr, rng.uniform(0.2, 0.4), rng.uniform(0.05, 0.2))


def _pa_announcement(rng: np.random.Generator, sr: int, pool: SpeechPool) -> np.ndarray:
    from scipy.signal import butter, sosfilt

    f = rng.uniform(500.0, 800.0)
    notes = [f, f * 1.26, f * 1.5] if rng.random() < 0.5 else [f * 1.5, f * 1.26, f]
    note_n = int(rng.uniform(0.18, 0.25) * sr)
    t = np.arange(note_n) / sr
    ding = np.concatenate(
        [
            _tone(g, note_n, sr, ((1, 1.0), (2, 0.3))) * np.exp(-t / 0.12) * _envelope(note_n, sr)
            for g in notes
        ]
    )
    gap = np.zeros(int(rng.uniform(0.1, 0.3) * sr), np.float32)
    voice = _voice(pool[int(rng.integers(len(pool)))], rng, 0.9, 1.1)
    band = butter(4, (rng.uniform(250, 400), rng.uniform(3200, 4200)), btype="bandpass", fs=sr, output="sos")
    voice = np.tanh(2.0 * sosfilt(band, voice) / (np.abs(voice).max() + 1e-9)).astype(np.float32)
    rt60, wet = rng.uniform(0.8, 1.4), rng.uniform(0.3, 0.5)
    return _reverb(np.concatenate([ding, gap, voice]), rng, sr, rt60, wet)


def _crowd_babble(rng: np.random.Generator, sr: int, pool: SpeechPool, length_s: float) -> np.ndarray:
    from scipy.signal import butter, sosfilt

    n = int(length_s * sr)
    out = np.zeros(n, np.float32)
    for _ in range(int(rng.integers(4, 9))):
        pos = -int(rng.uniform(0.0, 1.5) * sr)
        g = db_to_gain(rng.uniform(-6.0, 0.0))
        while pos < n:
            utt = _voice(pool[int(rng.integers(len(pool)))], rng, 0.8, 1.25)
            s = max(pos, 0)
            seg = utt[s - pos : s - pos + n - s]
            out[s : s + len(seg)] += g * seg / (rms(utt) + 1e-9)
            pos += len(utt) + int(rng.uniform(0.05, 0.4) * sr)
    lowpass = butter(2, rng.uniform(2500, 4000), fs=sr, output="sos")
    room = _reverb(sosfilt(lowpass, out).astype(np.float32), rng, sr, rng.uniform(0.6, 1.2), 0.5)[:n]
    return room * _envelope(n, sr, 0.01, 0.02)
