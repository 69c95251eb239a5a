"""The demos on the learner's own input: a missing file, a file that is not audio or an empty text
ends in one clear message (exit 2), before any model is loaded."""

from __future__ import annotations

import pytest

from interview_prep.cli import main


@pytest.mark.parametrize("demo", ["asr", "classify"])
def test_missing_file_is_one_clear_message(demo, tmp_path, capsys):
    assert main(["demo", demo, "--file", str(tmp_path / "nope.wav"), "--out", str(tmp_path / "out")]) == 2
    err = "".join(capsys.readouterr().err.split())  # the message wraps at the terminal's width, even in a path
    assert "nope.wav" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()  # nothing was started


@pytest.mark.parametrize("demo", ["asr", "classify"])
def test_a_file_that_is_not_audio_is_one_clear_message(demo, tmp_path, capsys):
    notes = tmp_path / "notes.wav"
    notes.write_text("these are my notes, not a recording\n")
    assert main(["demo", demo, "--file", str(notes), "--out", str(tmp_path / "out")]) == 2
    err = "".join(capsys.readouterr().err.split())  # the message wraps at the terminal's width, even in a path
    assert "notes.wav" in err and "notareadableaudiofile" in err and "Traceback" not in err


def test_empty_text_is_refused(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "tts", "--text", "   "])
    assert exit_info.value.code == 2
    assert "give some words to speak" in capsys.readouterr().err


def test_options_fit_each_demo(capsys):
    with pytest.raises(SystemExit):
        main(["demo", "tts", "--file", "x.wav"])
    assert "unrecognized arguments: --file" in capsys.readouterr().err
