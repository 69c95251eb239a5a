"""Move progress between machines: export the store to one JSON file, import it elsewhere.

The export holds every table (attempts, kata state, FSRS cards, reviews, mock interviews,
plan and quiz settings in meta) except machine-local settings (`LOCAL_META_KEYS`: paths
of the workspace and of a custom plan file, an unfinished mock interview). It records the schema version and a SHA-256
checksum of its tables, so a damaged or hand-edited file is refused.

Import checks everything before it writes anything:
1. the envelope (format, version, checksum) with pydantic;
2. every row against its table's columns at the export's schema version, with pydantic
   models built from the schema (strict types, NOT NULL), by loading the rows into an
   in-memory database created by the same migrations (primary keys stay unique);
3. the upgrade to this version's schema (the remaining migrations run in memory);
4. value rules of the current schema (statuses, ratings, ISO times, JSON columns).
Only then does it replace the store's tables in one transaction: it applies completely or
not at all. A store that already holds progress is only replaced when asked to, after a
backup copy is written next to it.

Merging (`merge=True`) keeps this machine's progress and adds the export's: the union of
the logs (reviews, attempts, mock interviews; a row is the same when its key in `LOG_KEYS`
is), kata state combined (passed beats failed, the most hints, the first pass), FSRS card
state rebuilt from the merged review log (`quiz.history.rebuild_cards`), and settings and
plan from this machine. Rows that share a key but differ are conflicts: this machine's row
is kept and each conflict is reported.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, ValidationError, create_model

from interview_prep import __version__
from interview_prep.errors import UserError
from interview_prep.progress.katas import WORKSPACE_KEY
from interview_prep.progress.mocks import UNFINISHED_KEY
from interview_prep.progress.plan import FILE_KEY, START_KEY
from interview_prep.progress.store import MIGRATIONS, Store, utc_now

FORMAT = "interview-prep-progress"
FORMAT_VERSION = 1
LOCAL_META_KEYS = frozenset({WORKSPACE_KEY, FILE_KEY, UNFINISHED_KEY})
MAX_PROBLEMS = 3
Row = dict[str, StrictInt | StrictFloat | StrictStr | None]


class Envelope(BaseModel):
    """The export file's top level."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["interview-prep-progress"]
    version: Literal[1]
    schema_version: int = Field(ge=1)
    app_version: str
    exported_at: str
    checksum: str = Field(pattern=r"^[0-9a-f]{64}$")
    tables: dict[str, list[Row]]


@dataclass(frozen=True)
class TransferSummary:
    """Rows per table that were exported, imported or (merge) added; the backup made; merge conflicts."""

    path: Path
    counts: dict[str, int]
    backup: Path | None = None
    conflicts: tuple[str, ...] = ()


def checksum(tables: dict[str, list[dict[str, Any]]]) -> str:
    """SHA-256 of the tables in canonical JSON."""
    blob = json.dumps(tables, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def _rows(conn: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    if table == "meta":
        rows = [r for r in rows if r["key"] not in LOCAL_META_KEYS]
    return rows


def export_data(store: Store) -> dict[str, Any]:
    """The store as an export document (a JSON-ready dict)."""
    tables = {table: _rows(store.conn, table) for table in _tables(store.conn)}
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema_version": store.schema_version(),
        "app_version": __version__,
        "exported_at": utc_now(),
        "checksum": checksum(tables),
        "tables": tables,
    }


def export_progress(store: Store, path: Path) -> TransferSummary:
    """Write the export to `path` atomically (a temporary file renamed into place)."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise UserError(f"{path} is a folder", hint="give a file name, e.g. progress.json")
    if not path.parent.is_dir():
        raise UserError(f"folder {path.parent} does not exist", hint="create it or choose another path")
    data = export_data(store)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
            f.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return TransferSummary(path, {t: len(rows) for t, rows in data["tables"].items()})


# ------------------------------------------------------------------------------------ import


def _refuse(path: Path, problems: list[str], hint: str | None = None) -> UserError:
    shown = problems[:MAX_PROBLEMS]
    more = f"\n  ... and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
    detail = shown[0] if len(shown) == 1 and not more else "\n  " + "\n  ".join(shown) + more
    return UserError(
        f"cannot import {path}: {detail}",
        hint=hint or "export again from the other machine with `interview-prep progress export`; "
        "nothing was changed here",
    )


def _pydantic_problems(exc: ValidationError, prefix: str = "") -> list[str]:
    problems = []
    for error in exc.errors():
        loc = prefix + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"])
        value = error.get("input")
        shown = f" (got {value!r})" if not isinstance(value, dict | list) and error["type"] != "missing" else ""
        problems.append(f"{loc.lstrip('.') or '(top level)'}: {error['msg']}{shown}")
    return problems


def read_export(path: Path) -> Envelope:
    """Read and validate an export file's envelope and checksum (raises UserError)."""
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"no export file at {path}", hint="check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _refuse(path, [f"cannot read it ({exc})"]) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _refuse(path, [f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
                             "the file is damaged or truncated"]) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _refuse(path, ["not an interview-prep progress export (no \"format\": \"interview-prep-progress\")"])
    if isinstance(raw.get("version"), int) and raw["version"] > FORMAT_VERSION:
        raise _refuse(path, [f"export format {raw['version']} is newer than this interview-prep understands "
                             f"({FORMAT_VERSION})"], hint="upgrade interview-prep on this machine")
    try:
        envelope = Envelope.model_validate(raw)
    except ValidationError as exc:
        raise _refuse(path, _pydantic_problems(exc)) from None
    if envelope.schema_version > len(MIGRATIONS):
        raise _refuse(path, [f"it was made by a newer interview-prep (progress schema {envelope.schema_version}, "
                             f"this one has {len(MIGRATIONS)})"], hint="upgrade interview-prep on this machine")
    if checksum(envelope.tables) != envelope.checksum:
        raise _refuse(path, ["checksum mismatch: the file was damaged or edited after export"])
    return envelope


_SQL_TYPES = {"INTEGER": StrictInt, "REAL": StrictFloat | StrictInt, "TEXT": StrictStr}


def _row_model(conn: sqlite3.Connection, table: str) -> type[BaseModel]:
    """A strict pydantic model of one table's rows, built from the schema."""
    fields: dict[str, Any] = {}
    for _, name, sql_type, notnull, default, pk in conn.execute(f'PRAGMA table_info("{table}")'):
        kind = _SQL_TYPES.get(sql_type.upper(), StrictInt | StrictFloat | StrictStr)
        required = bool(notnull or pk) and default is None
        fields[name] = (kind, ...) if required else (kind if notnull or pk else kind | None, None)
    return create_model(f"{table}_row", __config__=ConfigDict(extra="forbid", strict=True), **fields)


def _load_rows(conn: sqlite3.Connection, tables: dict[str, list[Row]], path: Path) -> None:
    """Validate the export's rows against the in-memory schema and insert them."""
    expected = set(_tables(conn))
    problems = [f"tables.{t}: unknown table" for t in sorted(set(tables) - expected)]
    problems += [f"tables.{t}: missing" for t in sorted(expected - set(tables))]
    if problems:
        raise _refuse(path, problems)
    for table in sorted(expected):
        model = _row_model(conn, table)
        for index, row in enumerate(tables[table]):
            try:
                values = model.model_validate(row).model_dump(exclude_unset=True)
            except ValidationError as exc:
                problems += _pydantic_problems(exc, f"tables.{table}[{index}]")
                continue
            columns = ", ".join(f'"{c}"' for c in values)
            try:
                conn.execute(f'INSERT INTO "{table}"({columns}) VALUES ({", ".join("?" * len(values))})',
                             tuple(values.values()))
            except sqlite3.IntegrityError as exc:
                problems.append(f"tables.{table}[{index}]: {exc}")
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise _refuse(path, problems)


def _iso(value: Any) -> bool:
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _json(value: Any) -> bool:
    try:
        json.loads(value)
    except (TypeError, ValueError):
        return False
    return True


def _one_of(*allowed: object):
    return lambda value: value in allowed


#: value rules of the current schema: (table, column) -> (check, what is expected)
_RULES = {
    ("attempts", "status"): (_one_of("pass", "fail", "error"), "pass, fail or error"),
    ("attempts", "started_at"): (_iso, "an ISO 8601 time"),
    ("attempts", "results_json"): (_json, "JSON"),
    ("kata_state", "status"): (_one_of("pending", "failed", "passed"), "pending, failed or passed"),
    ("cards", "card_json"): (_json, "JSON"),
    ("cards", "due"): (_iso, "an ISO 8601 time"),
    ("reviews", "reviewed_at"): (_iso, "an ISO 8601 time"),
    ("reviews", "rating"): (_one_of(1, 2, 3, 4), "a rating 1-4"),
    ("reviews", "correct"): (_one_of(None, 0, 1), "0, 1 or null"),
    ("mock_results", "started_at"): (_iso, "an ISO 8601 time"),
    ("mock_results", "scorecard_json"): (_json, "JSON"),
}


def _check_values(conn: sqlite3.Connection, path: Path) -> dict[str, list[dict[str, Any]]]:
    """Rows of the upgraded in-memory database, after the value rules of the current schema."""
    data = {table: _rows(conn, table) for table in _tables(conn)}
    problems = []
    for (table, column), (rule, expected) in _RULES.items():
        for index, row in enumerate(data.get(table, [])):
            if column in row and not rule(row[column]):
                problems.append(f"tables.{table}[{index}].{column}: expected {expected}, got {row.get(column)!r}")
    if problems:
        raise _refuse(path, problems)
    return data


def _validated_tables(envelope: Envelope, path: Path) -> dict[str, list[dict[str, Any]]]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for migration in MIGRATIONS[: envelope.schema_version]:
            conn.executescript(migration)
        _load_rows(conn, envelope.tables, path)
        for migration in MIGRATIONS[envelope.schema_version :]:
            conn.executescript(migration)
        return _check_values(conn, path)
    finally:
        conn.close()


def _progress_rows(store: Store) -> int:
    """Rows of learner progress in the store (settings in meta, such as the theme, do not count)."""
    rows = sum(len(_rows(store.conn, table)) for table in _tables(store.conn) if table != "meta")
    return rows + (store.get_meta(START_KEY) is not None)


def _backup(store: Store) -> Path:
    target = store.path.with_name(f"{store.path.name}.bak-{time.strftime('%Y%m%d-%H%M%S')}")
    dest = sqlite3.connect(target)
    try:
        store.conn.backup(dest)
    finally:
        dest.close()
    return target


def _replace_tables(db: sqlite3.Connection, data: dict[str, list[dict[str, Any]]]) -> None:
    for table, rows in data.items():
        if table == "meta":
            keep = tuple(LOCAL_META_KEYS)
            db.execute(f"DELETE FROM meta WHERE key NOT IN ({', '.join('?' * len(keep))})", keep)
        else:
            db.execute(f'DELETE FROM "{table}"')
        for row in rows:
            columns = ", ".join(f'"{c}"' for c in row)
            db.execute(f'INSERT INTO "{table}"({columns}) VALUES ({", ".join("?" * len(row))})', tuple(row.values()))


#: logs whose rows have a surrogate id: the columns that say two rows are the same event
LOG_KEYS = {
    "attempts": ("kata_id", "started_at"),
    "reviews": ("question_id", "reviewed_at"),
    "mock_results": ("started_at",),
}
KATA_STATUS_RANK = {"pending": 0, "failed": 1, "passed": 2}


def _key_columns(conn: sqlite3.Connection, table: str) -> tuple[tuple[str, ...], str | None]:
    """(columns identifying a row, surrogate id column or None) of `table`.

    Logs use `LOG_KEYS`; any other table its primary key (a lone INTEGER PRIMARY KEY is a
    surrogate id, so its other columns identify the row).
    """
    info = list(conn.execute(f'PRAGMA table_info("{table}")'))
    pk = [name for _, name, _, _, _, order in sorted(info, key=lambda c: c[5]) if order]
    surrogate = pk[0] if len(pk) == 1 and next(c[2] for c in info if c[1] == pk[0]).upper() == "INTEGER" else None
    if table in LOG_KEYS:
        return LOG_KEYS[table], surrogate
    if surrogate is None and pk:
        return tuple(pk), None
    return tuple(c[1] for c in info if c[1] != surrogate), surrogate


def _combine_kata_state(mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """One kata's state from two machines: passed beats failed, most hints, first pass, latest update."""
    passes = [t for t in (mine["first_passed_at"], theirs["first_passed_at"]) if t]
    return mine | {
        "status": max(mine["status"], theirs["status"], key=lambda s: KATA_STATUS_RANK.get(s, 0)),
        "hints_seen": max(mine["hints_seen"], theirs["hints_seen"]),
        "solution_viewed": max(mine["solution_viewed"], theirs["solution_viewed"]),
        "solution_forced": max(mine["solution_forced"], theirs["solution_forced"]),
        "first_passed_at": min(passes) if passes else None,
        "updated_at": max(mine["updated_at"], theirs["updated_at"]),
    }


def _merge_rows(
    conn: sqlite3.Connection, mine: dict[str, list[dict[str, Any]]], theirs: dict[str, list[dict[str, Any]]]
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int], list[str]]:
    """(merged tables, rows added per table, conflicts): this machine's rows first, then the export's new ones."""
    merged: dict[str, list[dict[str, Any]]] = {}
    added: dict[str, int] = {}
    conflicts: list[str] = []
    for table, rows in mine.items():
        key_columns, surrogate = _key_columns(conn, table)
        index = {tuple(row[c] for c in key_columns): i for i, row in enumerate(rows)}
        result = list(rows)
        added[table] = 0
        for row in theirs.get(table, []):
            key = tuple(row[c] for c in key_columns)
            if key not in index:
                index[key] = len(result)
                result.append({c: v for c, v in row.items() if c != surrogate})
                added[table] += 1
                continue
            local = result[index[key]]
            if table == "kata_state":
                result[index[key]] = _combine_kata_state(local, row)
            elif table != "cards" and any(local[c] != v for c, v in row.items() if c != surrogate):
                what = ", ".join(f"{c}={v}" for c, v in zip(key_columns, key, strict=True))
                differ = [c for c, v in row.items() if c != surrogate and local[c] != v]
                verb = "differs" if len(differ) == 1 else "differ"
                conflicts.append(f"{table} ({what}): {', '.join(differ)} {verb}; kept this machine's")
        merged[table] = result
    return merged, added, conflicts


def _rebuilt(data: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The tables with every card's FSRS state replayed from the (merged) review log."""
    from interview_prep.quiz.history import rebuild_cards

    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        for migration in MIGRATIONS:
            conn.executescript(migration)
        with Store(Path(":memory:"), conn).transaction() as db:
            _replace_tables(db, data)
        rebuild_cards(Store(Path(":memory:"), conn), write=True)
        return {table: _rows(conn, table) for table in _tables(conn)}
    finally:
        conn.close()


def import_progress(store: Store, path: Path, *, replace: bool = False, merge: bool = False) -> TransferSummary:
    """Validate the export at `path` completely, then make the store hold its progress:
    exactly (a fresh store, or `replace`), or merged with this machine's (`merge`).

    Raises UserError (and changes nothing) when the file is invalid, or when the store
    already holds progress and neither `replace` nor `merge` is given.
    """
    path = Path(path).expanduser()
    envelope = read_export(path)
    data = _validated_tables(envelope, path)
    backup = None
    conflicts: list[str] = []
    counts = {t: len(rows) for t, rows in data.items()}
    existing = _progress_rows(store)
    if existing:
        if not (replace or merge):
            raise UserError(
                f"this machine already has progress ({existing} row(s) in {store.path})",
                hint="pass --merge to add the export to it, or --replace to overwrite it (a backup copy is kept)",
            )
        if merge:
            mine = {table: _rows(store.conn, table) for table in _tables(store.conn)}
            data, counts, conflicts = _merge_rows(store.conn, mine, data)
            data = _rebuilt(data)
        backup = _backup(store)
    with store.transaction() as db:
        _replace_tables(db, data)
    return TransferSummary(path, counts, backup, tuple(conflicts))
