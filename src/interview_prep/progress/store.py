"""SQLite progress store: schema migrations, transactions, corruption handling.

One file (`progress.db` in the user data dir) holds kata attempts and status, the quiz
review log and FSRS card state, the plan and mock-interview results. Every write runs
in a transaction (`with store.transaction() as db:`), so a crash never loses what was
committed; WAL journaling with `synchronous=FULL` makes commits durable. A file that is
not a valid database is moved aside (never silently replaced) and reported.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from interview_prep import paths

DB_NAME = "progress.db"

# Append-only: migration N brings the schema from version N-1 to N. Never edit a
# migration that has shipped; add a new one.
MIGRATIONS: list[str] = [
    # 1: base schema shared by katas, quiz, plan and mock interviews.
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        kata_id TEXT NOT NULL,
        started_at TEXT NOT NULL,          -- ISO 8601, UTC
        duration_s REAL NOT NULL,
        status TEXT NOT NULL,              -- pass | fail | error
        hints_used INTEGER NOT NULL DEFAULT 0,
        results_json TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX attempts_kata ON attempts(kata_id, started_at);
    CREATE TABLE kata_state (
        kata_id TEXT PRIMARY KEY,
        status TEXT NOT NULL DEFAULT 'pending',   -- pending | failed | passed
        hints_seen INTEGER NOT NULL DEFAULT 0,
        solution_viewed INTEGER NOT NULL DEFAULT 0,
        solution_forced INTEGER NOT NULL DEFAULT 0,
        first_passed_at TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE cards (
        question_id TEXT PRIMARY KEY,
        card_json TEXT NOT NULL,           -- the fsrs Card as JSON
        due TEXT NOT NULL,                 -- ISO 8601, UTC
        created_at TEXT NOT NULL
    );
    CREATE INDEX cards_due ON cards(due);
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        question_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,         -- ISO 8601, UTC
        rating INTEGER NOT NULL,           -- 1 again, 2 hard, 3 good, 4 easy
        correct INTEGER,                   -- 1/0; NULL for self-rated open questions
        duration_s REAL NOT NULL,
        answer TEXT NOT NULL DEFAULT '',
        session_id TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX reviews_question ON reviews(question_id, reviewed_at);
    CREATE INDEX reviews_time ON reviews(reviewed_at);
    CREATE TABLE mock_results (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        minutes INTEGER NOT NULL,
        scorecard_json TEXT NOT NULL
    );
    """,
    # 2: quiz: the choice order each review showed (to replay it), flagged and suspended cards.
    """
    ALTER TABLE reviews ADD COLUMN choice_order TEXT NOT NULL DEFAULT '';  -- bank index per shown choice: '2,0,1'
    ALTER TABLE reviews ADD COLUMN shuffle_seed INTEGER;                   -- seed of that showing
    CREATE TABLE card_marks (
        question_id TEXT PRIMARY KEY,
        flagged INTEGER NOT NULL DEFAULT 0,
        suspended INTEGER NOT NULL DEFAULT 0,   -- suspended cards are never scheduled
        updated_at TEXT NOT NULL
    );
    """,
]


def utc_now() -> str:
    """Current time as an ISO 8601 UTC string (the store's only time format)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """An open progress database. Use `open_store()` to get one."""

    def __init__(self, path: Path, conn: sqlite3.Connection, notice: str | None = None):
        self.path = path
        self.conn = conn
        #: set when a corrupt file was moved aside while opening (for the UI to show)
        self.notice = notice

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run writes atomically: commit on success, roll back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.commit()

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        from interview_prep.progress import settings

        with self.transaction() as db:
            db.execute(
                "INSERT INTO meta(key, value) VALUES(?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        if key in settings.KEYS:
            settings.mirror(self)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_path() -> Path:
    return paths.data_dir() / DB_NAME


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        conn.close()
        raise sqlite3.DatabaseError(f"integrity check failed: {check}")
    return conn


def _migrate(conn: sqlite3.Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise sqlite3.DatabaseError(
            f"database schema version {version} is newer than this interview-prep ({len(MIGRATIONS)})"
        )
    for number in range(version + 1, len(MIGRATIONS) + 1):
        # executescript commits first; wrap each migration in its own transaction.
        conn.executescript(f"BEGIN IMMEDIATE;\n{MIGRATIONS[number - 1]}\nPRAGMA user_version = {number};\nCOMMIT;")


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    return target


def open_store(path: Path | None = None) -> Store:
    """Open (creating or migrating as needed) the progress database.

    A file that SQLite cannot read is renamed to `<name>.corrupt-<time>` and a fresh
    database is created with the settings recovered (see `settings`); `Store.notice` then
    says where the old file went and how to bring progress back.
    """
    from interview_prep.progress import settings

    path = Path(path) if path else default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    notice = None
    try:
        conn = _connect(path)
        _migrate(conn)
    except sqlite3.DatabaseError as exc:
        if "newer than" in str(exc):
            from interview_prep.errors import UserError

            raise UserError(str(exc), hint="upgrade interview-prep") from exc
        moved = _move_aside(path)
        conn = _connect(path)
        _migrate(conn)
        kept = settings.recover(path, moved)
        with Store(path, conn).transaction() as db:
            db.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", sorted(kept.items()))
        notice = (
            f"progress database {path} was unreadable ({exc}); moved it to {moved} and started a new one"
            f"{' with your settings (' + ', '.join(sorted(kept)) + ')' if kept else ''}. "
            "To bring your progress back, run `interview-prep progress import FILE` with an export."
        )
    store = Store(path, conn, notice)
    settings.mirror(store)
    return store
