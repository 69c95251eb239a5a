"""The ASR demo, run for real: transcripts scored against the generator's truth, the same queries
over every channel with their counts, plots checked; and the demo on the learner's own file."""

from __future__ import annotations

import json

import numpy as np
import pytest
from demo_checks import artist, check_pngs, heights

from interview_prep.cli import main

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    from interview_prep.demos.asr import run

    out = tmp_path_factory.mktemp("asr-demo")
    demo = run(out_dir=out, count=2, seed=1)
    yield demo
    demo.close()


def test_numbers_match_the_truth(result):
    import jiwer

    from interview_prep.audio.speech import make_retail_speech, normalize_text

    queries = result.report["queries"]
    assert [(q["name"], q["condition"]) for q in queries] == [
        (f"q0{i}", c) for i in (1, 2) for c in ("clean", "store noise", "telephone")
    ]
    for query in queries:
        truth = make_retail_speech(seed=1000 + int(query["name"][1:]) - 1, kind="query").text
        assert query["truth"] == truth and query["truth_normalized"] == normalize_text(truth)
        assert query["truth_words"] == len(normalize_text(truth).split())
        assert query["transcript_words"] == len(normalize_text(query["transcript"]).split()) > 0
        assert query["wer"] == pytest.approx(jiwer.wer(normalize_text(truth), normalize_text(query["transcript"])),
                                             abs=1e-4)
    corpus = jiwer.wer([normalize_text(q["truth"]) for q in queries],
                       [normalize_text(q["transcript"]) for q in queries])
    assert result.report["corpus_wer"] == pytest.approx(corpus, abs=1e-4)
    assert result.report["corpus_wer"] < 0.5  # the real model understands most of it
    assert json.loads((result.out_dir / "report.json").read_text())["corpus_wer"] == result.report["corpus_wer"]


def test_channels_are_compared_on_the_same_words_with_their_counts(result):
    import jiwer

    from interview_prep.demos.asr import CONDITIONS, DEFAULT_COUNT

    assert DEFAULT_COUNT * len(CONDITIONS) >= 24  # enough transcripts for a channel comparison to mean something
    queries = result.report["queries"]
    scores = result.report["by_condition"]
    truths = {c: [q["truth"] for q in queries if q["condition"] == c] for c in CONDITIONS}
    assert truths["clean"] == truths["store noise"] == truths["telephone"]  # paired: only the channel differs
    for condition, score in scores.items():
        rows = [q for q in queries if q["condition"] == condition]
        out = jiwer.process_words([q["truth_normalized"] for q in rows], [q["transcript_normalized"] for q in rows])
        assert score["queries"] == len(rows) == 2
        assert score["words"] == sum(q["truth_words"] for q in rows)
        assert score["errors"] == out.substitutions + out.deletions + out.insertions
        assert score["wer"] == pytest.approx(score["errors"] / score["words"], abs=1e-4)
    key = [t.get_text() for t in result.figures["wer_per_query"].legends[0].get_texts()]
    for condition, score in scores.items():
        assert f"{condition}: {score['wer']:.1%} ({score['errors']} errors / {score['words']} words)" in key


def test_plots_are_valid_pngs_of_the_reported_numbers(result):
    check_pngs(result)
    queries = result.report["queries"]
    lengths = result.figures["transcription_lengths"]
    assert heights(lengths, "truth") == [q["truth_words"] for q in queries[::3]]
    assert heights(lengths, "transcript") == [q["transcript_words"] for q in queries]
    wers = result.figures["wer_per_query"]
    assert heights(wers, "wer") == [q["wer"] for q in queries]
    assert list(artist(wers, "corpus").get_ydata()) == [result.report["corpus_wer"]] * 2


def test_every_wer_bar_is_labelled_so_a_zero_is_visible(result):
    axes = result.figures["wer_per_query"].axes[0]
    wers = [q["wer"] for q in result.report["queries"]]
    assert [t.get_text() for t in axes.texts] == [f"{w:.0%}" for w in wers]
    assert any(w == 0 for w in wers)  # clean synthetic queries: Whisper gets some exactly right


def test_cli_prints_the_output_folder_and_the_counts(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["demo", "asr", "--count", "1", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert f"Output folder: {tmp_path / 'out'}" in out and "transcription_lengths.png" in out
    assert "Words" in out and "Errors" in out and "one word error moves a channel's WER by" in out
    assert (tmp_path / "out" / "wer_per_query.png").is_file()


def test_own_file_is_transcribed_and_noise_is_not(tmp_path, capsys, monkeypatch):
    import soundfile

    from interview_prep.audio.events import store_ambience
    from interview_prep.audio.io import resample
    from interview_prep.audio.speech import make_retail_speech, normalize_text
    from interview_prep.demos.asr import run

    monkeypatch.setenv("COLUMNS", "200")
    clip = make_retail_speech(seed=42, kind="query")
    voice = resample(np.concatenate([np.zeros(8000, np.float32), clip.audio]), clip.sample_rate, 44100)
    soundfile.write(tmp_path / "mine.flac", np.stack([voice, voice], axis=1), 44100)  # stereo FLAC at 44.1 kHz
    demo = run(out_dir=tmp_path / "out", file=tmp_path / "mine.flac")
    assert normalize_text(demo.report["transcript"]) == normalize_text(clip.text)
    assert demo.report["segments"] and demo.report["segments"][0]["start"] >= 0.3  # the half second of silence
    check_pngs(demo)
    soundfile.write(tmp_path / "noise.wav", 0.3 * store_ambience(32000, 1, 16000), 16000)
    quiet = run(out_dir=tmp_path / "out2", file=tmp_path / "noise.wav")
    assert quiet.report["transcript"] == "" and quiet.report["segments"] == []
    assert "No speech found" in capsys.readouterr().out
