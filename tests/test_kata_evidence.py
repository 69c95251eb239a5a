"""Evidence of failed tests: clips as WAV, one PNG per failed test, stored per attempt; `play`.

The grader-side API is exercised directly (it is active when the run's evidence folder is
set), storing and pruning on fake runs, `play` with a fake player on PATH. The `models`
cases grade real wrong solutions (tests/fixtures/wrong_variants/<kata-id>/<variant>/ and the asr-05
golden case) with the real runner and models, and check what was kept: WAV rates and
durations, the PNG's pixel size, and the data drawn (alignment marks, class scores).
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import jiwer
import numpy as np
import pytest
import soundfile as sf
from PIL import Image
from rich.console import Console

from interview_prep import paths
from interview_prep.cli import main
from interview_prep.kata import evidence
from interview_prep.kata.results import Results, Status, TestResult

FIXTURES = Path(__file__).parent / "fixtures"
WRONG = FIXTURES / "wrong_variants"
SEED = 20240606


@pytest.fixture
def run_folder(tmp_path, monkeypatch) -> Path:
    """A grading run's evidence folder, as the runner sets it for the grading process."""
    folder = tmp_path / "run" / "evidence"
    monkeypatch.setenv(evidence.DIR_ENV, str(folder))
    monkeypatch.setattr(evidence, "_clock", {"start": None, "spent": 0.0, "drawn": []})  # a fresh run
    return folder


def _png_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def _data(folder: Path) -> dict:
    return json.loads((folder / evidence.DATA_NAME).read_text())


# --------------------------------------------------------------------------- grader side


def test_nothing_is_recorded_outside_a_run(monkeypatch):
    monkeypatch.delenv(evidence.DIR_ENV, raising=False)
    evidence.begin("test_x")
    evidence.clip("input", np.zeros(1600, dtype=np.float32), 16000)
    evidence.asr_alignment("a b", "a c")
    assert evidence.finish(keep=True) == []


def test_a_passing_test_keeps_nothing(run_folder):
    evidence.begin("test_passes")
    evidence.clip("input", np.zeros(1600, dtype=np.float32), 16000)
    evidence.waveforms(lambda: pytest.fail("the expected clip is computed only for a failure"),
                       np.zeros(1600, dtype=np.float32), 16000)
    assert evidence.finish(keep=False) == []
    assert not run_folder.exists()


def test_alignment_marks_substitution_deletion_insertion(run_folder):
    evidence.begin("test_transcribe[8000Hz]")
    audio = (0.3 * np.sin(np.arange(12000) * 0.05)).astype(np.float32)
    evidence.clip("query-1", audio, 8000)
    evidence.asr_alignment(["where can i find the headphones", "which aisle has bags"],
                           ["where can i find a headphones today", "which has bags"])
    files = evidence.finish(keep=True)
    folder = run_folder / "test_transcribe-8000Hz"
    assert sorted(files) == sorted(f"test_transcribe-8000Hz/{n}" for n in ("query-1.wav", "evidence.png",
                                                                            "evidence.json"))
    info = sf.info(str(folder / "query-1.wav"))
    assert (info.samplerate, info.frames, info.channels) == (8000, 12000, 1)
    data = _data(folder)
    [panel] = data["panels"]
    first, second = panel["pairs"]
    assert ["S", "the", "a"] in first["ops"] and ["I", "", "today"] in first["ops"]
    assert [op for op in first["ops"] if op[0] != "="] == [["S", "the", "a"], ["I", "", "today"]]
    assert [op for op in second["ops"] if op[0] != "="] == [["D", "aisle", ""]]
    assert (first["substitutions"], first["insertions"], second["deletions"]) == (1, 1, 1)
    assert first["wer"] == pytest.approx(jiwer.wer("where can i find the headphones",
                                                   "where can i find a headphones today"), abs=1e-4)
    # 1000 px wide; 0.5 in + 0.35 in per sentence + 0.62 in per line of words, at 100 dpi
    assert _png_size(folder / "evidence.png") == tuple(data["png_size"]) == (1000, 244)


def test_waveforms_keep_both_clips_and_draw_them(run_folder):
    rate = 22050
    t = np.arange(int(1.5 * rate)) / rate
    expected = (0.4 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    actual = expected[: rate // 2] * 0.25
    evidence.begin("test_trim")
    evidence.waveforms(lambda: (expected, rate), actual, rate, actual_rate=16000, name="trim")
    evidence.finish(keep=True)
    folder = run_folder / "test_trim"
    for name, frames, sample_rate in (("trim-expected.wav", len(expected), rate),
                                      ("trim-actual.wav", len(actual), 16000)):
        info = sf.info(str(folder / name))
        assert (info.samplerate, info.frames) == (sample_rate, frames)
    data = _data(folder)
    assert data["panels"][0]["expected"]["seconds"] == pytest.approx(1.5, abs=1e-3)
    assert data["panels"][0]["actual"]["peak"] == pytest.approx(0.1, abs=1e-3)
    assert _png_size(folder / "evidence.png") == (1000, 420)


def test_class_scores_and_timelines_in_one_png(run_folder):
    evidence.begin("test_detect")
    evidence.class_scores("door_chime", {"door_chime": 0.7, "music": 0.2, "silence": 0.1},
                          [("music", 0.6), ("door_chime", 0.3)], predicted="music")
    evidence.timelines([("scanner_beep", 1.0, 1.4), ("music", 3.0, 9.0)], [("music", 2.5, 8.0)], duration=20.0)
    evidence.finish(keep=True)
    data = _data(run_folder / "test_detect")
    scores, lines = data["panels"]
    assert scores["truth"] == "door_chime" and scores["actual"] == {"music": 0.6, "door_chime": 0.3}
    assert lines["truth"][0] == ["scanner_beep", 1.0, 1.4] and lines["predicted"] == [["music", 2.5, 8.0]]
    assert _png_size(run_folder / "test_detect" / "evidence.png") == (1000, 300 + 214)


def test_a_broken_expected_clip_never_costs_the_rest(run_folder):
    evidence.begin("test_broken")
    evidence.clip("input", np.ones(800, dtype=np.int16) * 1000, 8000)
    evidence.waveforms(lambda: 1 / 0, np.zeros(100, dtype=np.float32), 8000)
    files = evidence.finish(keep=True)
    assert "test_broken/input.wav" in files
    assert any("ZeroDivisionError" in note for note in _data(run_folder / "test_broken")["notes"])


def test_pictures_after_the_first_stay_within_the_budget(run_folder, monkeypatch):
    audio = np.zeros(2205, dtype=np.float32)
    monkeypatch.setattr(evidence, "_clock", {"start": time.perf_counter() - 10.0, "spent": 3.0, "drawn": [3.0]})
    evidence.begin("test_later")  # 10 s into the run, 3 s of it evidence: another 3 s picture is over 10 %
    evidence.waveforms(lambda: pytest.fail("no picture, so no reference is made"), audio, 22050, name="out")
    assert evidence.finish(keep=True) == ["test_later/out-actual.wav", "test_later/evidence.json"]
    data = _data(run_folder / "test_later")
    assert "png_size" not in data and any("no picture for this test" in note for note in data["notes"])
    monkeypatch.setattr(evidence, "_clock", {"start": time.perf_counter() - 100.0, "spent": 3.0, "drawn": [3.0]})
    evidence.begin("test_much_later")  # 100 s into the run: 6 s of evidence is within 1 s + 10 % of 97 s
    evidence.waveforms(audio, audio, 22050, name="out")
    assert "test_much_later/evidence.png" in evidence.finish(keep=True)


# --------------------------------------------------------------------------- app side


def _fake_run(tmp_path: Path, name: str = "run") -> tuple[Path, Results]:
    source = tmp_path / name / "evidence"
    (source / "test_a").mkdir(parents=True)
    sf.write(str(source / "test_a" / "input.wav"), np.zeros(1600, dtype=np.float32), 16000)
    (source / "test_a" / "evidence.json").write_text("{}")
    secret = tmp_path / "secret.txt"
    secret.write_text("not evidence")
    (source / "test_a" / "link.wav").symlink_to(secret)
    results = Results(kata_id="asr-05-transcribe-queries", seed=7, tests=[
        TestResult(name="test_a", status=Status.FAIL, message="wrong",
                   evidence=["test_a/input.wav", "test_a/evidence.json", "test_a/link.wav", "../secret.txt",
                             "test_a/missing.wav"]),
        TestResult(name="test_b", status=Status.PASS),
    ])
    return source, results


def test_store_copies_listed_plain_files_only(tmp_path):
    source, results = _fake_run(tmp_path)
    folder = evidence.store("asr-05-transcribe-queries", source, results)
    assert folder is not None and folder.parent == paths.data_dir() / "evidence" / "asr-05-transcribe-queries"
    assert folder.name.endswith("-seed7")
    assert results.tests[0].evidence == [str(folder / "test_a" / "input.wav"), str(folder / "test_a" / "evidence.json")]
    assert not (folder / "test_a" / "link.wav").exists()
    data = results.to_dict()
    assert data["tests"][0]["evidence"] == results.tests[0].evidence and "evidence" not in data["tests"][1]
    assert Results.from_dict(json.loads(results.to_json())).tests[0].evidence == results.tests[0].evidence
    assert evidence.clips(folder) == [folder / "test_a" / "input.wav"]
    results.evidence_dir = folder
    assert str(folder) in evidence.describe(results)
    assert "interview-prep play asr-05-transcribe-queries N" in evidence.describe(results)
    console = Console(record=True, width=60)
    evidence.print_folder(console, results)  # what `check` prints after the results
    assert f"evidence of 1 failed test: {folder} " in console.export_text()  # on one line, to copy


def test_store_keeps_the_newest_attempts(tmp_path):
    kept = []
    for attempt in range(evidence.KEEP + 3):
        source, results = _fake_run(tmp_path, f"run{attempt}")
        kept.append(evidence.store("asr-05-transcribe-queries", source, results))
        time.sleep(0.002)  # attempt folders are named by the time, to the millisecond
    left = evidence.attempts("asr-05-transcribe-queries")
    assert left == kept[-evidence.KEEP:] and len(left) == evidence.KEEP
    assert evidence.latest("asr-05-transcribe-queries") == kept[-1]
    assert all(not folder.exists() for folder in kept[: -evidence.KEEP])


def test_store_without_evidence_or_when_off(tmp_path, monkeypatch):
    results = Results(kata_id="k", tests=[TestResult(name="test_a", status=Status.FAIL, message="m")])
    assert evidence.store("k", tmp_path / "nothing", results) is None
    assert not (paths.data_dir() / "evidence").exists()
    monkeypatch.setenv(evidence.SWITCH_ENV, "off")
    assert evidence.grading_env(tmp_path) == {}
    monkeypatch.delenv(evidence.SWITCH_ENV)
    assert evidence.grading_env(tmp_path) == {evidence.DIR_ENV: str(tmp_path / "evidence")}


# --------------------------------------------------------------------------- play


def _fake_player(folder: Path, name: str, code: int = 0) -> Path:
    """An executable `name` that records its arguments (one per line) and exits with `code`."""
    folder.mkdir(exist_ok=True)
    log = folder / f"{name}.log"
    script = folder / name
    script.write_text(f'#!/bin/sh\nfor a in "$@"; do echo "$a" >> "{log}"; done\nexit {code}\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return log


def test_play_a_file_with_the_first_player(tmp_path, monkeypatch, capsys):
    bin_dir = tmp_path / "bin"
    paplay = _fake_player(bin_dir, "paplay", code=1)  # no sound server: the next player is tried
    aplay = _fake_player(bin_dir, "aplay")
    monkeypatch.setenv("PATH", str(bin_dir))
    wav = tmp_path / "clip.wav"
    sf.write(str(wav), np.zeros(800, dtype=np.float32), 8000)
    assert main(["play", str(wav)]) == 0
    assert paplay.read_text().split() == [str(wav)]
    assert aplay.read_text().split() == ["-q", str(wav)]
    assert f"played {wav} with aplay" in capsys.readouterr().out.replace("\n", "")


def test_play_without_a_player_says_where_the_file_is(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    wav = tmp_path / "clip.wav"
    sf.write(str(wav), np.zeros(800, dtype=np.float32), 8000)
    assert main(["play", str(wav)]) == 0
    out = capsys.readouterr().out.replace("\n", "")
    assert "no audio player found" in out and str(wav) in out


def test_play_clip_n_of_the_last_failure(tmp_path, monkeypatch, capsys):
    source, results = _fake_run(tmp_path)
    sf.write(str(source / "test_a" / "output.wav"), np.zeros(400, dtype=np.float32), 8000)
    results.tests[0].evidence.append("test_a/output.wav")
    folder = evidence.store("asr-05-transcribe-queries", source, results)
    log = _fake_player(tmp_path / "bin", "ffplay")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert main(["play", "asr-05", "2"]) == 0
    assert log.read_text().split() == ["-nodisp", "-autoexit", "-loglevel", "error",
                                       str(folder / "test_a" / "output.wav")]
    out = capsys.readouterr().out
    assert "1  test_a/input.wav" in out and "2  test_a/output.wav" in out
    assert main(["play", "asr-05", "3"]) == 2
    assert "there is no clip 3" in capsys.readouterr().err.replace("\n", " ")
    assert main(["play", "tts-10"]) == 2  # no failure kept yet


# --------------------------------------------------------------------------- real runs


@pytest.fixture(scope="module")
def pool(zygotes):
    """A warm pool that keeps evidence (the session's does not), forking from the session's zygotes."""
    from interview_prep.kata.sandbox.warm import WarmPool

    pool = WarmPool(zygotes=zygotes)
    yield pool
    pool.close()


def _grade(pool, kata_id: str, source: Path) -> Results:
    from interview_prep.kata.catalog import load_catalog

    return pool.grade(load_catalog().get(kata_id), source, seed=SEED)


def _failed_folders(results: Results) -> dict[str, Path]:
    assert results.evidence_dir is not None and results.evidence_dir.is_dir()
    assert results.evidence_dir.parent == paths.data_dir() / "evidence" / results.kata_id
    folders = {}
    for test in results.tests:
        if test.status is Status.PASS:
            assert not test.evidence
            continue
        assert test.evidence and all(Path(p).is_file() for p in test.evidence), test
        folders[test.name] = Path(test.evidence[0]).parent
        png, data = folders[test.name] / evidence.PNG_NAME, _data(folders[test.name])
        if len(folders) == 1 or str(png) in test.evidence:  # the first failed test always gets its picture
            assert str(png) in test.evidence
            assert _png_size(png) == tuple(data["png_size"])
            assert _png_size(png)[0] == 1000
        else:  # later ones get one within the time budget; their clips and data are kept regardless
            assert "png_size" not in data and str(folders[test.name] / evidence.DATA_NAME) in test.evidence
    return folders


@pytest.mark.models
def test_tts_failure_keeps_our_voice_and_yours(pool):
    results = _grade(pool, "tts-10-synthesize", WRONG / "tts-10-synthesize" / "resampled_16k")
    assert results.status is Status.FAIL
    folders = _failed_folders(results)
    folder = folders["test_returns_float32_audio_and_its_rate"]
    data = _data(folder)
    clips = {clip["role"]: clip for clip in data["clips"]}
    assert (clips["expected"]["rate"], clips["actual"]["rate"]) == (22050, 16000)
    for clip in data["clips"]:
        info = sf.info(str(folder / clip["file"]))
        assert info.samplerate == clip["rate"] and info.frames / info.samplerate == pytest.approx(clip["seconds"],
                                                                                                   abs=1e-3)
        assert 0.5 < clip["seconds"] < 10
    [panel] = data["panels"]
    assert panel["kind"] == "waveforms" and panel["labels"] == ["our voice", "yours"]
    assert panel["expected"]["seconds"] == pytest.approx(panel["actual"]["seconds"], abs=0.01)  # same speech, 16 kHz
    assert _png_size(folder / evidence.PNG_NAME) == (1000, 420)


@pytest.mark.models
def test_asr_failure_keeps_the_queries_and_the_word_alignment(pool, tmp_path, monkeypatch, capsys):
    results = _grade(pool, "asr-05-transcribe-queries", FIXTURES / "grading_cases" / "asr05_fail_no_resampling")
    folders = _failed_folders(results)
    folder = folders["test_other_sample_rates"]
    rates = sorted(sf.info(str(wav)).samplerate for wav in folder.glob("*.wav"))
    assert rates == [8000, 44100]
    [panel] = _data(folder)["panels"]
    assert panel["kind"] == "asr_alignment"
    for pair in panel["pairs"]:
        words = jiwer.process_words(pair["reference"], pair["hypothesis"])
        assert (pair["substitutions"], pair["deletions"], pair["insertions"]) == (
            words.substitutions, words.deletions, words.insertions)
        assert [op[1] for op in pair["ops"] if op[1]] == pair["reference"].split()
        assert [op[2] for op in pair["ops"] if op[2]] == pair["hypothesis"].split()
        for op, said, heard in pair["ops"]:
            assert (op == "=") == (said == heard) and (op == "S") == bool(said != heard and said and heard)
    assert sum(pair["substitutions"] for pair in panel["pairs"]) > 0
    # `play` plays the first of those clips through a fake player
    log = _fake_player(tmp_path / "bin", "paplay")
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + os.pathsep + os.environ["PATH"])
    assert main(["play", "asr-05-transcribe-queries", "1"]) == 0
    [played] = log.read_text().split()
    assert Path(played) == evidence.clips(results.evidence_dir)[0]
    assert Path(played).parent.parent == results.evidence_dir


@pytest.mark.models
def test_classification_failure_keeps_scores_against_the_truth(pool):
    results = _grade(pool, "classify-16-classify-events", WRONG / "classify-16-classify-events" / "no_resample")
    folders = _failed_folders(results)
    folder = folders["test_resamples_to_16k"]
    data = _data(folder)
    [clip] = data["clips"]
    assert clip["rate"] in (22050, 44100) and clip["seconds"] == pytest.approx(1.0, abs=0.01)
    [panel] = data["panels"]
    assert panel["kind"] == "class_scores" and panel["truth"] in clip["file"]
    assert len(panel["expected"]) == 9 and 1 <= len(panel["actual"]) <= 3
    assert any(abs(panel["actual"][c] - panel["expected"][c]) > 0.05 for c in panel["actual"])


@pytest.mark.models
def test_sentiment_failure_keeps_the_missed_clips_and_the_truth(pool):
    from interview_prep.audio.feedback import make_feedback

    rate, bank, sentiments = 22050, range(1000, 1012), ("positive", "negative")  # the grader's RATE, BANK, SENTIMENTS
    kata_id = "classify-19-feedback-sentiment"
    results = _grade(pool, kata_id, WRONG / kata_id / "tone_only")
    assert results.status is Status.FAIL
    folders = _failed_folders(results)
    assert list(folders) == ["test_classify_spoken_feedback"]  # the text-only test passes and keeps nothing
    folder = folders["test_classify_spoken_feedback"]
    data = _data(folder)
    assert 2 <= len(data["clips"]) and len(data["panels"]) == min(len(data["clips"]), evidence.MAX_PANELS)
    for clip, panel in zip(data["clips"], data["panels"], strict=False):
        _, sentiment, tone, _ = clip["file"].split("-")  # missed-<truth>-<tone>-<n>.wav
        assert panel["kind"] == "class_scores" and panel["truth"] == sentiment
        assert panel["predicted"] != sentiment and panel["actual"] == {panel["predicted"]: 1.0}
        assert panel["expected"] == {s: float(s == sentiment) for s in sentiments}
        info = sf.info(str(folder / clip["file"]))
        assert (info.samplerate, info.channels, info.subtype) == (rate, 1, "PCM_16") and clip["rate"] == rate
        kept, _ = sf.read(str(folder / clip["file"]), dtype="float32")
        spoken = [make_feedback(seed=s, sentiment=sentiment, tone=tone, sample_rate=rate).audio for s in bank]
        assert any(len(audio) == len(kept) and np.allclose(np.clip(audio, -1, 1), kept, atol=1e-3) for audio in spoken)
    png = folder / evidence.PNG_NAME
    [test] = [t for t in results.tests if t.name == "test_classify_spoken_feedback"]
    assert png.stat().st_size > 0 and str(png) in test.evidence
    assert _png_size(png) == (1000, 300 * len(data["panels"]))  # 3 in per class-scores panel, at 100 dpi
