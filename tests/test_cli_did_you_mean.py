"""A misspelled command or sub-command is answered with the closest one ("did you mean")."""

from __future__ import annotations

import pytest

from interview_prep.cli import main


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["chek", "asr-04-wer"], "did you mean `interview-prep check`?"),
        (["mock", "lsit"], "did you mean `interview-prep mock list`?"),
        (["progress", "imprt", "x.json"], "did you mean `interview-prep progress import`?"),
    ],
)
def test_a_misspelled_command_gets_the_closest_one(argv, suggestion, capsys):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice" in err and suggestion in err


def test_nothing_close_means_no_suggestion(capsys):
    with pytest.raises(SystemExit):
        main(["xyzzy"])
    assert "did you mean" not in capsys.readouterr().err
