"""Settings survive a corrupt progress database: theme, workspace and quiz limits come back,
`next` still finds the workspace, and the notice says how to import progress again."""

from __future__ import annotations

import pytest

from interview_prep.cli import main
from interview_prep.progress import settings
from interview_prep.progress.days import ROLLOVER_KEY
from interview_prep.progress.katas import WORKSPACE_KEY
from interview_prep.progress.plan import FILE_KEY
from interview_prep.progress.store import DB_NAME, open_store
from interview_prep.tui.app import THEME_KEY
from interview_prep.tui.context import AppContext


def corrupt(db) -> None:
    db.write_bytes(b"this is not a database" * 100)
    for side in ("-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)


def test_the_mirrored_keys_are_the_settings_the_app_uses():
    assert {THEME_KEY, WORKSPACE_KEY, FILE_KEY, ROLLOVER_KEY} <= settings.KEYS


def test_settings_come_back_after_the_database_is_moved_aside(isolated_home):
    with open_store() as store:
        store.set_meta(THEME_KEY, "textual-light")
        store.set_meta(ROLLOVER_KEY, "5")
        db = store.path
    corrupt(db)
    assert AppContext().peek_meta(THEME_KEY) == "textual-light"  # the TUI's first frame, before the store opens
    with open_store() as store:
        assert "moved it to" in store.notice and "`interview-prep progress import FILE`" in store.notice
        assert "quiz.rollover_hour" in store.notice
        assert store.get_meta(THEME_KEY) == "textual-light" and store.get_meta(ROLLOVER_KEY) == "5"


def test_next_finds_a_custom_workspace_after_corruption(isolated_home, tmp_path, capsys):
    workspace = tmp_path / "my-katas"
    assert main(["init", str(workspace)]) == 0
    with open_store() as store:
        db = store.path
    assert db.name == DB_NAME
    corrupt(db)
    capsys.readouterr()
    assert main(["next"]) == 0
    captured = capsys.readouterr()
    assert "no kata workspace" not in captured.err and str(workspace) in captured.out + captured.err


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"[1, 2]"])
def test_an_unreadable_settings_file_is_ignored(tmp_path, garbage):
    (tmp_path / settings.FILE_NAME).write_bytes(garbage)
    assert settings.load(tmp_path / DB_NAME) == {}
    with open_store(tmp_path / DB_NAME) as store:
        store.set_meta(THEME_KEY, "textual-dark")
    assert settings.load(tmp_path / DB_NAME) == {THEME_KEY: "textual-dark"}
