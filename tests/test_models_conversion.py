"""Conversion exactness: our transformers models against the original runtimes."""

from __future__ import annotations

import numpy as np
import pytest
import soxr

pytestmark = pytest.mark.models

UTTERANCES = [
    "Where can I find gluten free pasta?",
    "Do you have the blue running shoes in size ten?",
    "Attention shoppers, the store closes in fifteen minutes.",
]


@pytest.fixture(scope="module")
def whisper_pair():
    import ctranslate2
    from transformers import WhisperForConditionalGeneration, WhisperProcessor

    from interview_prep import models
    from interview_prep.models.whisper import source_dir

    folder = models.model_path("asr")
    hf = WhisperForConditionalGeneration.from_pretrained(folder).eval()
    processor = WhisperProcessor.from_pretrained(folder)
    ct2 = ctranslate2.models.Whisper(str(source_dir()), device="cpu", compute_type="float32")
    return hf, processor, ct2


def _features(processor, tts, text):
    out = tts(text, seed=3)
    audio = soxr.resample(out["audio"], out["sampling_rate"], 16000)
    return processor(audio, sampling_rate=16000, return_tensors="np").input_features


@pytest.mark.parametrize("text", UTTERANCES)
def test_whisper_matches_ctranslate2(whisper_pair, tts, text):
    import ctranslate2
    import torch

    hf, processor, ct2 = whisper_pair
    features = _features(processor, tts, text)
    view = ctranslate2.StorageView.from_array(np.ascontiguousarray(features))

    with torch.no_grad():
        hf_encoded = hf.model.encoder(torch.from_numpy(features)).last_hidden_state.numpy()
    ct2_encoded = np.array(ct2.encode(view, to_cpu=True))
    assert np.abs(hf_encoded - ct2_encoded).max() < 1e-2

    prompt = [50257, 50362]  # <|startoftranscript|> <|notimestamps|>
    result = ct2.generate(view, [prompt], beam_size=1, return_logits_vocab=True)[0]
    ct2_tokens = result.sequences_ids[0]
    hf_tokens = hf.generate(torch.from_numpy(features), num_beams=1)[0].tolist()
    hf_tokens = [t for t in hf_tokens if t not in prompt and t != 50256]
    assert hf_tokens == ct2_tokens, "greedy decoding differs from CTranslate2"

    with torch.no_grad():
        logits = hf(
            input_features=torch.from_numpy(features), decoder_input_ids=torch.tensor([prompt + ct2_tokens])
        ).logits[0].numpy()
    for step, ct2_logits in enumerate(result.logits[0]):
        reference = np.array(ct2_logits).reshape(-1)
        kept = reference > -1e30  # CTranslate2 writes suppressed tokens as -FLT_MAX
        assert kept.sum() > 50_000
        assert np.abs(logits[len(prompt) - 1 + step][kept] - reference[kept]).max() < 1e-2


def test_vits_matches_piper_onnx(tts):
    import onnxruntime
    import torch

    from interview_prep.models.piper import source_files

    model, tokenizer = tts.pipeline.model, tts.pipeline.tokenizer
    ids = tokenizer("Rewards members save an extra ten dollars today.", return_tensors="pt").input_ids
    saved = model.noise_scale, model.noise_scale_duration
    model.noise_scale = model.noise_scale_duration = 0.0
    try:
        with torch.no_grad():
            ours = model(input_ids=ids).waveform[0].numpy()
    finally:
        model.noise_scale, model.noise_scale_duration = saved
    session = onnxruntime.InferenceSession(str(source_files()[0]))
    scales = np.array([0.0, 1.0, 0.0], dtype=np.float32)  # noise, length, noise_w
    theirs = session.run(None, {"input": ids.numpy(), "input_lengths": np.array([ids.shape[1]]), "scales": scales})
    theirs = theirs[0].reshape(-1)
    assert ours.shape == theirs.shape
    assert np.corrcoef(ours, theirs)[0, 1] > 0.999


def test_tokenizer_matches_piper_layout(tts):
    import json

    from interview_prep.models import espeak
    from interview_prep.models.piper import source_files

    id_map = json.loads(source_files()[1].read_text())["phoneme_id_map"]
    text = "Aisle seven, please."
    expected = [id_map["^"][0], id_map["_"][0]]
    for sentence in espeak.phonemize(text):
        for symbol in sentence:
            if symbol in id_map:
                expected += [id_map[symbol][0], id_map["_"][0]]
    expected.append(id_map["$"][0])
    assert tts.pipeline.tokenizer(text).input_ids == expected
