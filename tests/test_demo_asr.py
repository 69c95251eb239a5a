"""The ASR demo, run for real: transcripts scored against the generator's truth, plots checked."""

from __future__ import annotations

import json

import pytest
from demo_checks import artist, check_pngs, heights

from interview_prep.cli import main

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    from interview_prep.demos.asr import run

    out = tmp_path_factory.mktemp("asr-demo")
    demo = run(out_dir=out, count=3, seed=1)
    yield demo
    demo.close()


def test_numbers_match_the_truth(result):
    import jiwer

    from interview_prep.audio.speech import make_retail_speech, normalize_text

    queries = result.report["queries"]
    assert [q["condition"] for q in queries] == ["clean", "store noise", "telephone"]
    for i, query in enumerate(queries):
        truth = make_retail_speech(seed=1000 + i, kind="query").text
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


def test_plots_are_valid_pngs_of_the_reported_numbers(result):
    check_pngs(result)
    queries = result.report["queries"]
    lengths = result.figures["transcription_lengths"]
    assert heights(lengths, "truth") == [q["truth_words"] for q in queries]
    assert heights(lengths, "transcript") == [q["transcript_words"] for q in queries]
    wers = result.figures["wer_per_query"]
    assert heights(wers, "wer") == [q["wer"] for q in queries]
    assert list(artist(wers, "corpus").get_ydata()) == [result.report["corpus_wer"]] * 2


def test_cli_prints_the_output_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["demo", "asr", "--count", "1", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert f"Output folder: {tmp_path / 'out'}" in out and "transcription_lengths.png" in out and "WER" in out
    assert (tmp_path / "out" / "wer_per_query.png").is_file()
