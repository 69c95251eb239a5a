"""The TTS demo, run for real: measured lengths checked against the saved audio, the rate sweep
against a proportional speed-up, plots checked; and the demo on the learner's own text."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from demo_checks import artist, check_pngs, heights

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    from interview_prep.demos.tts import run

    demo = run(out_dir=tmp_path_factory.mktemp("tts-demo"), count=3, seed=2)
    yield demo
    demo.close()


def test_lengths_match_the_saved_audio(result):
    import soundfile

    from interview_prep.audio.speech import retail_text

    clips = result.report["clips"]
    assert len(clips) == 3
    for i, clip in enumerate(clips):
        assert clip["text"] == retail_text(np.random.default_rng([2, i]), "description")
        info = soundfile.info(result.out_dir / clip["wav"])
        assert (info.frames, info.samplerate) == (clip["samples"], clip["sampling_rate"]) == (info.frames, 22050)
        assert clip["duration_s"] == pytest.approx(info.frames / info.samplerate, abs=1e-3)
        assert clip["words"] >= len(clip["text"].split())  # numbers and prices are spoken as more words
        assert clip["words_per_minute"] == pytest.approx(clip["words"] / clip["duration_s"] * 60, abs=0.1)
        assert 100 < clip["words_per_minute"] < 300  # a plausible human-like pace
    total = sum(c["duration_s"] for c in clips)
    assert result.report["total_seconds"] == pytest.approx(total, abs=1e-3)
    slope = np.polyfit([c["words"] for c in clips], [c["duration_s"] for c in clips], 1)[0]
    assert result.report["seconds_per_word_fit"] == pytest.approx(slope, abs=1e-3)


def test_faster_speaking_rate_gives_shorter_audio(result):
    sweep = result.report["rate_sweep"]
    rates = [row["speaking_rate"] for row in sweep]
    durations = [row["duration_s"] for row in sweep]
    assert rates == sorted(rates) and len(rates) == 5 and all(row["text"] == sweep[0]["text"] for row in sweep)
    assert all(a > b for a, b in zip(durations, durations[1:], strict=False))
    assert next(r for r in sweep if r["speaking_rate"] == 1.0)["duration_s"] == result.report["clips"][0]["duration_s"]


def test_sweep_says_how_far_from_proportional_and_why(result):
    sweep = {row["speaking_rate"]: row for row in result.report["rate_sweep"]}
    base = sweep[1.0]["duration_s"]
    for rate, row in sweep.items():
        assert row["relative_duration"] == pytest.approx(row["duration_s"] / base, abs=1e-3)
        assert row["proportional_duration"] == pytest.approx(1 / rate, abs=1e-3)
    # faster speech shrinks the clip less than 1/rate: VITS rounds every phoneme up to whole frames
    assert sweep[1.25]["proportional_duration"] < sweep[1.25]["relative_duration"] < 1
    assert "rounds it up to whole frames" in result.report["why_not_proportional"]
    line = artist(result.figures["speech_lengths"], "proportional")
    assert line.get_ydata()[0] == pytest.approx(base / line.get_xdata()[0])


def test_plot_is_a_valid_png_of_the_reported_numbers(result):
    check_pngs(result)
    figure = result.figures["speech_lengths"]
    clips, sweep = result.report["clips"], result.report["rate_sweep"]
    offsets = artist(figure, "durations").get_offsets()
    assert offsets.tolist() == [[c["words"], c["duration_s"]] for c in clips]
    assert heights(figure, "wpm") == [c["words_per_minute"] for c in clips]
    line = artist(figure, "sweep")
    assert list(line.get_xdata()) == [r["speaking_rate"] for r in sweep]
    assert list(line.get_ydata()) == [r["duration_s"] for r in sweep]


def test_runs_as_a_module(tmp_path):
    env = dict(os.environ, COLUMNS="200")
    done = subprocess.run([sys.executable, "-m", "interview_prep.demos.tts", "--count", "1", "--out",
                           str(tmp_path)], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"Output folder: {tmp_path}" in done.stdout and "speech_lengths.png" in done.stdout
    assert "wav/ (5 WAV files" in done.stdout and len(list((tmp_path / "wav").glob("*.wav"))) == 5
    assert "Why rate 1.25 gives" in done.stdout
    assert (tmp_path / "speech_lengths.png").stat().st_size > 0 and (tmp_path / "report.json").is_file()
    bad = subprocess.run([sys.executable, "-m", "interview_prep.demos.tts", "--out", str(tmp_path / "report.json")],
                         capture_output=True, text=True, env=env, timeout=600)
    assert bad.returncode == 2 and "is a file, not a folder" in bad.stderr and "Traceback" not in bad.stderr


def test_own_text_is_spoken_and_swept(tmp_path, capsys, monkeypatch):
    import soundfile

    from interview_prep.cli import main

    monkeypatch.setenv("COLUMNS", "200")
    text = "Welcome to the store. Fresh bread is $2.50 until noon."
    assert main(["demo", "tts", "--text", text, "--out", str(tmp_path)]) == 0
    report = __import__("json").loads((tmp_path / "report.json").read_text())
    assert [c["name"] for c in report["clips"]] == ["text"] and report["clips"][0]["text"] == text
    assert report["clips"][0]["words"] >= 12  # "$2.50" is spoken as "two dollars and fifty cents"
    assert report["seconds_per_word_fit"] is None  # one clip: no line to fit
    assert {r["text"] for r in report["rate_sweep"]} == {text} and len(report["rate_sweep"]) == 5
    assert soundfile.info(tmp_path / "wav" / "text.wav").frames == report["clips"][0]["samples"]
    assert "your text" in capsys.readouterr().out
