"""Settings that survive a corrupt progress database.

The meta keys in `KEYS` (theme, workspace, plan file, quiz limits) are mirrored in a small
`settings.json` next to `progress.db`. When the database is unreadable and moved aside,
`recover()` brings them back: what the corrupt file still yields, else the mirror.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview_prep.progress.store import Store

FILE_NAME = "settings.json"
#: theme (tui.app.THEME_KEY), workspace (progress.katas), plan file (progress.plan), quiz limits
KEYS = frozenset({
    "tui.theme", "kata.workspace", "plan.file", "quiz.new_per_day", "quiz.reviews_per_day", "quiz.rollover_hour",
})


def settings_path(db_path: Path) -> Path:
    return Path(db_path).with_name(FILE_NAME)


def load(db_path: Path) -> dict[str, str]:
    """The mirrored settings ({} when the file is missing or unreadable)."""
    try:
        data = json.loads(settings_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if k in KEYS and isinstance(v, str)} if isinstance(data, dict) else {}


def _write(db_path: Path, values: dict[str, str]) -> None:
    target = settings_path(db_path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{FILE_NAME}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(values, f, indent=1, sort_keys=True)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def mirror(store: Store) -> None:
    """Make `settings.json` hold the store's current settings (written only when they changed)."""
    marks = ", ".join("?" * len(KEYS))
    values = dict(store.query(f"SELECT key, value FROM meta WHERE key IN ({marks})", tuple(sorted(KEYS))))
    if values != load(store.path):
        try:
            _write(store.path, values)
        except OSError:
            pass  # a read-only data dir: the database itself still holds them


def _salvage(corrupt: Path) -> dict[str, str]:
    """Settings still readable in a corrupt database file."""
    try:
        with sqlite3.connect(f"file:{corrupt}?mode=ro", uri=True, timeout=1) as conn:
            rows = conn.execute("SELECT key, value FROM meta").fetchall()
    except sqlite3.Error:
        return {}
    return {k: v for k, v in rows if k in KEYS and isinstance(v, str)}


def recover(db_path: Path, corrupt: Path) -> dict[str, str]:
    """The settings to restore after `db_path` was moved aside to `corrupt`."""
    return load(db_path) | _salvage(corrupt)
