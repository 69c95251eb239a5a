"""What the screens share: the progress store, the question bank, the kata catalog, the
kata workspace and the clock.

Content (bank, catalog) loads lazily and thread-safely: screens load it in thread
workers so the first frame never waits for YAML parsing or pydantic. The store is a
SQLite connection, which belongs to one thread: `store` is the UI thread's; a worker
that needs the database opens its own with `open_store()`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from interview_prep.errors import UserError

if TYPE_CHECKING:
    from interview_prep.kata.catalog import Catalog
    from interview_prep.kata.practice import Practice
    from interview_prep.progress.store import Store
    from interview_prep.quiz.bank import Bank


@dataclass
class Loaded:
    """Problems found while loading content, for the UI to show once."""

    bank_problems: list[str] = field(default_factory=list)
    catalog_problems: list[str] = field(default_factory=list)


class AppContext:
    """Shared services of one app run. Arguments override the defaults (tests use them)."""

    def __init__(
        self,
        *,
        bank_dir: Path | None = None,
        katas_root: Path | None = None,
        workspace: Path | None = None,
        clock: Callable[[], datetime] | None = None,
        tz: tzinfo | None = None,
    ):
        self.bank_dir = bank_dir
        self.katas_root = katas_root
        self.workspace_arg = workspace
        self.tz = tz
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._bank: Bank | None = None
        self._catalog: Catalog | None = None
        self.loaded = Loaded()

    def now(self) -> datetime:
        """The current time (UTC, aware); fixed in tests."""
        return self._clock()

    @property
    def store(self) -> Store:
        """The UI thread's progress store (opened on first use)."""
        if self._store is None:
            from interview_prep.progress.store import open_store

            self._store = open_store()
        return self._store

    def open_store(self) -> Store:
        """A new connection for a worker thread (close it when done: `with ctx.open_store() as s:`)."""
        from interview_prep.progress.store import open_store

        return open_store()

    def peek_meta(self, key: str) -> str | None:
        """Read one setting without opening the store properly (cheap enough before the first frame)."""
        from interview_prep import paths
        from interview_prep.progress import settings
        from interview_prep.progress.store import DB_NAME

        path = paths.data_dir() / DB_NAME
        if not path.is_file():
            return None
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
                row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:  # unreadable: the settings mirror still knows (see `progress.settings`)
            return settings.load(path).get(key)
        return row[0] if row else None

    def bank(self) -> Bank:
        """The question bank (loaded once; bad questions are skipped and listed in `loaded`)."""
        with self._lock:
            if self._bank is None:
                from interview_prep.quiz.bank import load_bank

                bank = load_bank(self.bank_dir)
                self.loaded.bank_problems = [str(p) for p in bank.problems]
                self._bank = bank
            return self._bank

    def catalog(self) -> Catalog:
        """The kata catalog; invalid katas are skipped and listed in `loaded`."""
        with self._lock:
            if self._catalog is None:
                from interview_prep.kata.catalog import load_catalog

                catalog = load_catalog(self.katas_root, strict=False)
                self.loaded.catalog_problems = list(catalog.problems)
                self._catalog = catalog
            return self._catalog

    def workspace(self) -> Path:
        """The learner's kata workspace; raises UserError (with the fix) when there is none."""
        return self.practice(self.store).workspace()

    def practice(self, store: Store) -> Practice:
        """The kata practice service on `store` (the UI thread's, or a worker's own connection)."""
        from interview_prep.kata.practice import Practice

        return Practice(store, catalog=self.catalog, workspace=self.workspace_arg)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def describe(error: BaseException) -> str:
    """One line for a notification: a UserError's message and fix, or the exception's type and text."""
    if isinstance(error, UserError):
        return str(error)
    return f"{type(error).__name__}: {error}"
