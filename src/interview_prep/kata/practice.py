"""The practice service: what a learner does with katas, once, below every front end.

Like `quiz.session`, it is UI-free: the CLI, the TUI and the mock interview call it and
only render. A `Practice` works on one progress store (SQLite connections belong to one
thread: a worker thread makes its own `Practice` on its own store).

- workspace: `workspace()` resolves it (explicit folder, the remembered one, the
  current folder, the default) and `init_workspace()` creates and remembers it;
- `check()` = grade (warm when a `WarmPool` is given) + record the attempt;
- `watch()` = watch mode with every run recorded before the next kata is chosen;
- `hint()`, `reset()`, `solution()` and `next_kata()`: one definition each ("next" is
  the first unsolved kata after the one passed last, in study order, wrapping around).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from interview_prep.errors import UserError

if TYPE_CHECKING:
    from interview_prep.kata.catalog import Catalog, Kata
    from interview_prep.kata.results import Results
    from interview_prep.kata.sandbox.runner import Progress
    from interview_prep.kata.sandbox.warm import WarmPool
    from interview_prep.kata.watch import WatchEvent
    from interview_prep.kata.workspace import InitReport
    from interview_prep.progress.store import Store


@dataclass(frozen=True)
class Hint:
    """A revealed hint: `number` of `total`, its text, and whether it was the last one."""

    number: int
    total: int
    text: str

    @property
    def last(self) -> bool:
        return self.number == self.total


class Practice:
    """Kata practice on one store; `catalog` loads lazily (a single `check` needs only its kata)."""

    def __init__(
        self,
        store: Store,
        *,
        catalog: Catalog | Callable[[], Catalog] | None = None,
        workspace: Path | None = None,
    ):
        self.store = store
        self._catalog = catalog
        self.explicit_workspace = workspace

    # ------------------------------------------------------------------ content

    def catalog(self) -> Catalog:
        if callable(self._catalog):
            self._catalog = self._catalog()
        if self._catalog is None:
            from interview_prep.kata.catalog import load_catalog

            self._catalog = load_catalog(strict=False)
        return self._catalog

    # ------------------------------------------------------------------ workspace

    def workspace(self) -> Path:
        """The learner's workspace; a UserError with the fix when there is none."""
        from interview_prep import paths
        from interview_prep.kata.workspace import find_workspace
        from interview_prep.progress.katas import WORKSPACE_KEY

        return find_workspace(self.explicit_workspace, self.store.get_meta(WORKSPACE_KEY), paths.default_workspace())

    def init_workspace(self, target: Path | None = None) -> InitReport:
        """Create (or complete) the workspace and remember it; never overwrites the learner's files."""
        from interview_prep import paths
        from interview_prep.kata.workspace import init_workspace
        from interview_prep.progress.katas import WORKSPACE_KEY

        remembered = self.store.get_meta(WORKSPACE_KEY)
        folder = target or self.explicit_workspace or Path(remembered or paths.default_workspace())
        report = init_workspace(self.catalog(), folder)
        self.store.set_meta(WORKSPACE_KEY, str(report.root))
        return report

    def folder(self, kata: Kata) -> Path:
        from interview_prep.kata.workspace import kata_dir

        return kata_dir(self.workspace(), kata)

    # ------------------------------------------------------------------ grading

    def check(
        self,
        kata: Kata,
        *,
        seed: int | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        cancel_event: threading.Event | None = None,
        pool: WarmPool | None = None,
        folder: Path | None = None,
        record: bool = True,
    ) -> Results:
        """Grade the learner's files of `kata` (its workspace folder, or `folder`) and record the
        attempt (a cancelled run, or `record=False` as in a mock interview, is not recorded)."""
        from interview_prep.kata.sandbox.runner import grade
        from interview_prep.progress.katas import record_results
        from interview_prep.progress.store import utc_now

        source = folder or self.folder(kata)
        started = utc_now()
        options = {"seed": seed, "on_progress": on_progress, "cancel_event": cancel_event}
        results = pool.grade(kata, source, **options) if pool is not None else grade(kata, source, **options)
        cancelled = cancel_event is not None and cancel_event.is_set()
        if record and not cancelled:
            record_results(self.store, kata.id, results, started)
        return results

    def watch(
        self,
        on_event: Callable[[WatchEvent], None],
        *,
        start: Kata | None = None,
        poll: bool = False,
        stop_event: threading.Event | None = None,
        cancel_event: threading.Event | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        grade_first: bool = True,
    ) -> None:
        """Watch mode: grade on every save, record each run, move on after a pass."""
        from interview_prep.kata.watch import watch_workspace
        from interview_prep.progress.katas import passed_ids, record_results
        from interview_prep.progress.store import utc_now

        started = {"at": utc_now()}

        def recording(event: WatchEvent) -> None:
            if event.kind == "grading":
                started["at"] = utc_now()
            elif event.kind == "graded" and event.kata is not None and event.results is not None:
                if not (cancel_event is not None and cancel_event.is_set()):
                    record_results(self.store, event.kata.id, event.results, started["at"])
            on_event(event)

        watch_workspace(
            self.catalog(),
            self.workspace(),
            recording,
            is_done=lambda kata: kata.id in passed_ids(self.store),
            start=start or self.next_kata(),
            poll=poll,
            stop_event=stop_event,
            cancel_event=cancel_event,
            on_progress=on_progress,
            grade_first=grade_first,
        )

    # ------------------------------------------------------------------ help

    def hint(self, kata: Kata, number: int | None = None) -> Hint:
        """Reveal hint `number` (default: the next unseen one, or the last again); remembered."""
        from interview_prep.progress.katas import reveal_hint, state

        total = len(kata.hints)
        seen = state(self.store, kata.id).hints_seen
        number = number if number is not None else min(seen + 1, total)
        if not 1 <= number <= total:
            raise UserError(f"{kata.id} has hints 1 to {total}, not {number}")
        reveal_hint(self.store, kata.id, number)
        return Hint(number, total, kata.hints[number - 1])

    def next_hint_number(self, kata: Kata) -> int | None:
        """The hint a learner has not seen yet (None when all are seen)."""
        from interview_prep.progress.katas import state

        seen = state(self.store, kata.id).hints_seen
        return seen + 1 if seen < len(kata.hints) else None

    def reset(self, kata: Kata) -> list[tuple[Path, Path | None]]:
        """Restore the starter files (the learner's are backed up); (file, backup or None) each."""
        from interview_prep.kata.workspace import reset_kata
        from interview_prep.progress.katas import mark_reset

        restored = reset_kata(self.workspace(), kata)
        mark_reset(self.store, kata.id)
        return restored

    def solution(self, kata: Kata, *, force: bool = False) -> dict[str, str]:
        """The reference solution's files (name -> text); only after a pass unless `force` (recorded)."""
        from interview_prep.progress.katas import mark_solution_viewed, state

        passed = state(self.store, kata.id).ever_passed
        if not passed and not force:
            raise UserError(
                f"the solution of {kata.id} opens after you pass it",
                hint=f"`interview-prep hint {kata.id}` helps; `--force` shows it now (recorded in your progress)",
            )
        files = {}
        for name in kata.files:
            try:
                files[name] = (kata.solution_dir / name).read_text(encoding="utf-8")
            except OSError as exc:
                raise UserError(f"the solution of {kata.id} cannot be read: {exc}") from None
        mark_solution_viewed(self.store, kata.id, forced=not passed)
        return files

    def next_kata(self, after: Kata | None = None) -> Kata | None:
        """The next unsolved kata: after `after`, else after the kata passed last (study order, wrapping)."""
        from interview_prep.progress.katas import passed_ids

        catalog = self.catalog()
        if after is None:
            row = self.store.query(
                "SELECT kata_id FROM attempts WHERE status = 'pass' ORDER BY started_at DESC, id DESC LIMIT 1"
            )
            ids = {kata.id for kata in catalog}
            after = catalog.get(row[0]["kata_id"]) if row and row[0]["kata_id"] in ids else None
        passed = passed_ids(self.store)
        return catalog.next_unsolved(lambda k: k.id in passed, after)
