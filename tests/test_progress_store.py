"""The SQLite progress store: migrations, transactions, corrupt files."""

from __future__ import annotations

import sqlite3

import pytest

from interview_prep.errors import UserError
from interview_prep.progress.store import MIGRATIONS, default_path, open_store


def test_new_store_is_migrated_to_latest(isolated_home):
    with open_store() as store:
        assert store.path == default_path()
        assert str(store.path).startswith(str(isolated_home))
        assert store.schema_version() == len(MIGRATIONS)
        tables = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"meta", "attempts", "kata_state", "cards", "reviews", "mock_results"} <= tables
        assert store.notice is None


def test_meta_round_trip_survives_reopen(tmp_path):
    with open_store(tmp_path / "p.db") as store:
        store.set_meta("plan.start", "2026-11-01")
        store.set_meta("plan.start", "2026-11-02")
    with open_store(tmp_path / "p.db") as store:
        assert store.get_meta("plan.start") == "2026-11-02"
        assert store.get_meta("missing", "default") == "default"


def test_failed_transaction_rolls_back(tmp_path):
    with open_store(tmp_path / "p.db") as store:
        with pytest.raises(RuntimeError):
            with store.transaction() as db:
                db.execute("INSERT INTO meta(key, value) VALUES('a', '1')")
                raise RuntimeError("crash mid-write")
        assert store.get_meta("a") is None
        with store.transaction() as db:
            db.execute("INSERT INTO meta(key, value) VALUES('b', '2')")
    with open_store(tmp_path / "p.db") as store:
        assert store.get_meta("b") == "2"


def test_corrupt_file_is_moved_aside_and_reported(tmp_path):
    path = tmp_path / "progress.db"
    path.write_bytes(b"this is not a database" * 200)
    with open_store(path) as store:
        assert store.notice and "moved it to" in store.notice
        assert store.schema_version() == len(MIGRATIONS)
    kept = list(tmp_path.glob("progress.db.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not a database")


def test_newer_schema_is_refused_not_replaced(tmp_path):
    path = tmp_path / "progress.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(UserError, match="newer than this interview-prep"):
        open_store(path)
    assert path.exists() and not list(tmp_path.glob("*.corrupt-*"))
