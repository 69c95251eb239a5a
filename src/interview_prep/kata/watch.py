"""Watch mode: re-grade a kata whenever the learner saves it; move on after a pass.

`watch_workspace` is UI-independent: it reports `WatchEvent`s to a callback (the CLI
prints them, the TUI can show them). It uses watchfiles (inotify and friends) and falls
back to polling when native watching is unavailable, or always with `poll=True`. A
`WarmPool` keeps a grading process ready for the watched kata, so a check after a save
pays only for the learner's code and the model calls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from interview_prep.kata.catalog import Catalog, Kata
from interview_prep.kata.results import Results
from interview_prep.kata.sandbox.runner import Progress
from interview_prep.kata.sandbox.warm import WarmPool
from interview_prep.kata.workspace import kata_dir, learner_files

POLL_DELAY_MS = 300
READY_MS = 100  # the watcher yields (nothing) this often while no file changes: "watching" means watching


@dataclass
class WatchEvent:
    """`watching` (the current kata), `grading`, `graded` (with results), `moved` (to the
    next kata after a pass), `finished` (nothing left), or `fallback` (polling now)."""

    kind: str
    kata: Kata | None = None
    results: Results | None = None
    message: str = ""


def watch_workspace(
    catalog: Catalog,
    workspace: Path,
    on_event: Callable[[WatchEvent], None],
    *,
    is_done: Callable[[Kata], bool],
    start: Kata | None = None,
    poll: bool = False,
    stop_event: threading.Event | None = None,
    cancel_event: threading.Event | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    seed: int | None = None,
    grade_first: bool = True,
) -> None:
    """Grade on every save until `stop_event` is set (or Ctrl-C).

    Setting `cancel_event` cancels the grading run in progress (the UI clears it again);
    watching goes on.

    `is_done(kata)` says whether a kata counts as solved (the caller records results in
    `on_event` for `graded` events before the next kata is chosen). Saving any kata's
    file grades that kata; after a pass the current kata becomes the next unsolved one.
    """
    import watchfiles

    current = start or catalog.next_unsolved(is_done)
    if current is None:
        on_event(WatchEvent("finished", message="every kata is solved"))
        return
    targets: dict[str, Kata] = {}
    for kata in catalog:
        for path in learner_files(workspace, kata):
            targets[str(path.resolve())] = kata

    pool = WarmPool()

    def run(kata: Kata) -> Kata | None:
        """Grade `kata`; return the kata to watch next, or None when all are solved."""
        on_event(WatchEvent("grading", kata))
        results = pool.grade(kata, kata_dir(workspace, kata), on_progress=on_progress, seed=seed,
                             cancel_event=cancel_event)
        on_event(WatchEvent("graded", kata, results))
        if not results.passed:
            return kata
        following = catalog.next_unsolved(is_done, after=kata)
        if following is None:
            on_event(WatchEvent("finished", kata, message="every kata is solved"))
            return None
        on_event(WatchEvent("moved", following, message=f"{kata.id} passed; next: {following.id}"))
        pool.prepare(following)
        return following

    try:
        pool.prepare(current)
        if grade_first:
            current = run(current)
            if current is None:
                return
        force_polling = poll
        while True:
            announced = False
            try:
                for changes in watchfiles.watch(
                    workspace,
                    watch_filter=lambda _change, path: path in targets,
                    force_polling=force_polling,
                    poll_delay_ms=POLL_DELAY_MS,
                    stop_event=stop_event,
                    step=50,
                    rust_timeout=READY_MS,
                    yield_on_timeout=True,
                ):
                    if not announced:  # the watcher has taken its first look: every save from now on is seen
                        on_event(WatchEvent("watching", current))
                        announced = True
                    changed = {targets[path].id for change, path in changes if change != watchfiles.Change.deleted}
                    for kata in [k for k in catalog if k.id in changed]:
                        current = run(kata)
                        if current is None:
                            return
                        on_event(WatchEvent("watching", current))
                return
            except OSError as exc:
                if force_polling:
                    raise
                force_polling = True
                on_event(WatchEvent("fallback", current, message=f"file notifications unavailable ({exc}); polling"))
    finally:
        pool.close()
