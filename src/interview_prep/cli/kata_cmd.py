"""Kata commands: init, list, check, watch, hint, reset, solution, next."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from interview_prep.kata.catalog import Catalog, Kata
    from interview_prep.kata.results import Results
    from interview_prep.progress.store import Store

_STATUS_STYLE = {
    "passed": "green",
    "failed": "red",
    "pending": "dim",
    "pass": "green",
    "fail": "red",
    "error": "magenta",
}
_ICON = {"pass": "✓", "fail": "✗", "error": "!"}


def register(sub: argparse._SubParsersAction) -> None:
    def workspace_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--workspace", type=Path, metavar="DIR", help="kata workspace (default: found or remembered)"
        )

    p = sub.add_parser("init", help="create a kata workspace (never overwrites your files)")
    p.add_argument(
        "dir", nargs="?", type=Path, help="workspace folder (default: remembered or ~/interview-prep-workspace)"
    )
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("list", help="list katas with their status")
    p.add_argument("--track", choices=["asr", "tts", "classify"], help="only this track")
    p.add_argument("--status", choices=["pending", "failed", "passed"], help="only katas with this status")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("check", help="grade a kata of your workspace")
    p.add_argument("kata", help="kata id, slug or unique prefix (e.g. asr-03)")
    p.add_argument("--json", action="store_true", help="print results.json (Exercism v3) instead of a table")
    p.add_argument("--seed", type=int, help="replay the inputs of an earlier run")
    workspace_option(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("watch", help="re-grade on every save; move on after a pass")
    p.add_argument("kata", nargs="?", help="kata to start with (default: the next unsolved one)")
    p.add_argument("--poll", action="store_true", help="poll for changes instead of file notifications")
    workspace_option(p)
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("hint", help="show the next hint of a kata (or hint N)")
    p.add_argument("kata")
    p.add_argument("number", nargs="?", type=int, help="show this hint (default: the next unseen one)")
    p.set_defaults(func=cmd_hint)

    p = sub.add_parser("reset", help="restore a kata's starter file (your version is backed up)")
    p.add_argument("kata")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    workspace_option(p)
    p.set_defaults(func=cmd_reset)

    p = sub.add_parser("solution", help="show the reference solution (after you pass the kata)")
    p.add_argument("kata")
    p.add_argument("--force", action="store_true", help="show it before passing (recorded in your progress)")
    p.set_defaults(func=cmd_solution)

    p = sub.add_parser("next", help="show the next unsolved kata")
    workspace_option(p)
    p.set_defaults(func=cmd_next)


# ---------------------------------------------------------------------------- shared


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _warn(message: str) -> None:
    """A warning on stderr (stdout may carry JSON)."""
    from rich.console import Console

    Console(stderr=True, highlight=False).print(f"[yellow]warning:[/] {message}")


def _catalog() -> Catalog:
    """The shipped katas; invalid ones are skipped with a warning (dev check lists them)."""
    from interview_prep.kata.catalog import load_catalog

    catalog = load_catalog(strict=False)
    if catalog.problems:
        _warn(f"skipped {len(catalog.problems)} invalid kata file(s); `interview-prep dev check` names them")
    return catalog


def _find(ref: str) -> Kata:
    """One kata by id, slug or prefix, without loading the whole catalog."""
    from interview_prep.kata.catalog import find_kata

    return find_kata(ref)


def _store() -> Store:
    from interview_prep.progress.store import open_store

    store = open_store()
    if store.notice:
        _warn(store.notice)
    return store


def _workspace(store: Store, explicit: Path | None) -> Path:
    from interview_prep import paths
    from interview_prep.kata.workspace import find_workspace
    from interview_prep.progress.katas import WORKSPACE_KEY

    return find_workspace(explicit, store.get_meta(WORKSPACE_KEY), paths.default_workspace())


def _where(workspace: Path, kata: Kata) -> str:
    from interview_prep.kata.workspace import learner_files

    files = learner_files(workspace, kata)
    try:
        return ", ".join(str(f.relative_to(Path.cwd())) for f in files)
    except ValueError:
        return ", ".join(str(f) for f in files)


def _next_pending(catalog: Catalog, store: Store, after: Kata | None = None) -> Kata | None:
    from interview_prep.progress.katas import passed_ids

    passed = passed_ids(store)
    return catalog.next_unsolved(lambda k: k.id in passed, after)


def _humanize(name: str) -> str:
    base, _, param = name.partition("[")
    text = base.removeprefix("test_").replace("_", " ")
    return f"{text} [{param}" if param else text


def _first_line(text: str | None, width: int = 90) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def print_results(console: Console, kata: Kata, results: Results) -> None:
    """The results of one grading run: a table of tests, the first problem in full, a summary."""
    from rich import box
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from interview_prep.kata.results import Status

    table = Table(title=f"{kata.id} · {kata.title}", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Test", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Message", no_wrap=True)
    names = [_humanize(test.name) for test in results.tests]
    room = max(20, console.width - max(map(len, names), default=0) - 16)
    for name, test in zip(names, results.tests, strict=True):
        status = str(test.status)
        table.add_row(
            name, f"[{_STATUS_STYLE[status]}]{_ICON[status]} {status}[/]", Text(_first_line(test.message, room))
        )
    if results.tests:
        console.print(table)
    if results.sandbox and not results.sandbox.startswith("confined"):
        console.print(f"[yellow]! your code ran {results.sandbox} (see `interview-prep doctor`)[/]")
    first = next((t for t in results.tests if t.status is not Status.PASS and t.message), None)
    if first is not None:
        body = first.message + (f"\n\noutput:\n{first.output}" if first.output and "\n" in first.output else "")
        console.print(Panel(Text(body), title=f"{_humanize(first.name)}", title_align="left", border_style="red"))
    passed = results.counts()[Status.PASS]
    took = f"{results.duration_s:.1f} s, seed {results.seed}"
    if results.passed:
        console.print(f"[bold green]✓ all {passed} tests passed[/] ({took})")
        return
    if results.status is Status.ERROR and results.message and (first is None or first.message != results.message):
        console.print(Panel(Text(results.message), title="error", title_align="left", border_style="magenta"))
    console.print(
        f"[bold red]✗ {passed} of {len(results.tests)} tests passed[/] ({took}) · stuck? interview-prep hint {kata.id}"
    )


def grade_and_record(
    store: Store, kata: Kata, workspace: Path, *, seed: int | None = None, on_progress=None
) -> Results:
    """Grade a workspace kata and record the attempt (one transaction)."""
    from interview_prep.kata.sandbox.runner import grade
    from interview_prep.kata.workspace import kata_dir
    from interview_prep.progress.katas import record_results
    from interview_prep.progress.store import utc_now

    started = utc_now()
    results = grade(kata, kata_dir(workspace, kata), seed=seed, on_progress=on_progress)
    record_results(store, kata.id, results, started)
    return results


# ---------------------------------------------------------------------------- commands


def cmd_init(args: argparse.Namespace) -> int:
    from interview_prep import paths
    from interview_prep.kata.workspace import init_workspace
    from interview_prep.progress.katas import WORKSPACE_KEY

    console = _console()
    catalog = _catalog()
    with _store() as store:
        target = args.dir or Path(store.get_meta(WORKSPACE_KEY) or paths.default_workspace())
        report = init_workspace(catalog, target)
        store.set_meta(WORKSPACE_KEY, str(report.root))
    console.print(f"workspace: [bold]{report.root}[/] ({len(catalog)} katas)")
    console.print(f"  created {len(report.created)} file(s)")
    if report.kept:
        console.print(f"  kept {len(report.kept)} existing file(s) unchanged (your edits are safe):")
        for path in report.kept[:10]:
            console.print(f"    {path.relative_to(report.root)}", markup=False)
        if len(report.kept) > 10:
            console.print(f"    … and {len(report.kept) - 10} more")
    for path in report.missing:
        console.print(f"[yellow]warning:[/] missing from the installed content: {path}", markup=True)
    console.print("start with: [bold]interview-prep next[/]")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from rich import box
    from rich.table import Table

    from interview_prep.progress.katas import KataState, states

    console = _console()
    catalog = _catalog()
    with _store() as store:
        known = states(store)
    table = Table(title="Katas", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("Kata", "Title", "Day", "Min", "Status", "Hints", "Tries"):
        table.add_column(
            column,
            justify="right" if column in ("Day", "Min", "Tries") else "left",
            no_wrap=column != "Title",
            min_width=12 if column == "Title" else None,
        )
    shown = 0
    for kata in catalog:
        state = known.get(kata.id, KataState(kata.id))
        if (args.track and kata.track != args.track) or (args.status and state.status != args.status):
            continue
        shown += 1
        table.add_row(
            kata.id,
            kata.title,
            str(kata.day),
            str(kata.minutes),
            f"[{_STATUS_STYLE[state.status]}]{state.status}[/]",
            f"{state.hints_seen}/{len(kata.hints)}",
            str(state.attempts),
        )
    if shown:
        console.print(table)
    else:
        console.print("no kata matches these filters")
    done = sum(1 for k in catalog if known.get(k.id, KataState(k.id)).status == "passed")
    console.print(f"{done}/{len(catalog)} katas passed")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    kata = _find(args.kata)  # parses only this kata's yaml: grading starts sooner
    with _store() as store:
        workspace = _workspace(store, args.workspace)
        if args.json:  # no rich: stdout is exactly results.json
            results = grade_and_record(store, kata, workspace, seed=args.seed)
            print(results.to_json())
            return 0 if results.passed else 1
        console = _console()
        with console.status(f"grading {kata.id}…") as status:

            def progress(event) -> None:
                if event.event == "phase":
                    status.update(f"grading {kata.id}: {event.status}…")
                elif event.event == "start":
                    status.update(f"grading {kata.id}: {_humanize(event.test)}")

            results = grade_and_record(store, kata, workspace, seed=args.seed, on_progress=progress)
        print_results(console, kata, results)
        if results.passed:
            catalog = _catalog()
            following = _next_pending(catalog, store, catalog.get(kata.id))
            console.print(
                f"next: [bold]{following.id}[/] ({following.title})" if following else "every kata is solved!"
            )
    return 0 if results.passed else 1


def cmd_watch(args: argparse.Namespace) -> int:
    from interview_prep.kata.watch import WatchEvent, watch_workspace
    from interview_prep.progress.katas import passed_ids, record_results
    from interview_prep.progress.store import utc_now

    console = _console()
    catalog = _catalog()
    with _store() as store:
        workspace = _workspace(store, args.workspace)
        start = catalog.get(args.kata) if args.kata else None

        def is_done(kata: Kata) -> bool:
            return kata.id in passed_ids(store)

        started = {"at": utc_now()}

        def on_event(event: WatchEvent) -> None:
            if event.kind == "grading":
                started["at"] = utc_now()
                console.rule(f"grading {event.kata.id}")
            elif event.kind == "graded":
                results = event.results
                record_results(store, event.kata.id, results, started["at"])
                print_results(console, event.kata, results)
            elif event.kind == "moved":
                console.print(f"[bold green]{event.message}[/]: edit {_where(workspace, event.kata)}")
            elif event.kind == "watching":
                console.print(f"[dim]watching {_where(workspace, event.kata)} — save to grade, Ctrl-C to stop[/]")
            elif event.kind == "fallback":
                console.print(f"[yellow]{event.message}[/]")
            elif event.kind == "finished":
                console.print(f"[bold green]{event.message}![/]")

        try:
            watch_workspace(catalog, workspace, on_event, is_done=is_done, start=start, poll=args.poll)
        except KeyboardInterrupt:
            console.print("stopped watching")
    return 0


def cmd_hint(args: argparse.Namespace) -> int:
    from interview_prep.errors import UserError
    from interview_prep.progress.katas import reveal_hint, state

    console = _console()
    kata = _find(args.kata)
    total = len(kata.hints)
    with _store() as store:
        seen = state(store, kata.id).hints_seen
        number = args.number if args.number is not None else min(seen + 1, total)
        if not 1 <= number <= total:
            raise UserError(f"{kata.id} has hints 1 to {total}, not {number}")
        reveal_hint(store, kata.id, number)
    console.print(f"[bold]hint {number}/{total}[/] for {kata.id}:")
    console.print(f"  {kata.hints[number - 1]}", markup=False)
    if number == total and seen >= total:
        console.print("[dim]that was the last hint; after a pass, `interview-prep solution` shows a reference[/]")
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    import sys

    from interview_prep.errors import UserError
    from interview_prep.kata.workspace import reset_kata
    from interview_prep.progress.katas import mark_reset

    console = _console()
    kata = _find(args.kata)
    with _store() as store:
        workspace = _workspace(store, args.workspace)
        if not args.yes:
            if not sys.stdin.isatty():
                raise UserError("reset needs confirmation", hint=f"run `interview-prep reset {kata.id} --yes`")
            from rich.prompt import Confirm

            if not Confirm.ask(f"restore the starter of {kata.id}? (your version is kept as a .bak file)"):
                console.print("nothing changed")
                return 1
        restored = reset_kata(workspace, kata)
        mark_reset(store, kata.id)
    for path, backup in restored:
        note = f" (your version: {backup.name})" if backup else " (it was already the starter)"
        console.print(f"restored {path}{note}", markup=False)
    return 0


def cmd_solution(args: argparse.Namespace) -> int:
    from rich.syntax import Syntax

    from interview_prep.errors import UserError
    from interview_prep.progress.katas import mark_solution_viewed, state

    console = _console()
    kata = _find(args.kata)
    with _store() as store:
        passed = state(store, kata.id).ever_passed
        if not passed and not args.force:
            raise UserError(
                f"the solution of {kata.id} opens after you pass it",
                hint=f"`interview-prep hint {kata.id}` helps; `--force` shows it now (recorded in your progress)",
            )
        mark_solution_viewed(store, kata.id, forced=not passed)
    if not passed:
        console.print("[yellow]shown before a pass (recorded)[/]")
    for name in kata.files:
        path = kata.solution_dir / name
        console.rule(f"{kata.id}: {name}")
        console.print(Syntax(path.read_text(encoding="utf-8"), "python", line_numbers=True))
    return 0


def cmd_next(args: argparse.Namespace) -> int:
    console = _console()
    catalog = _catalog()
    with _store() as store:
        workspace = _workspace(store, args.workspace)
        kata = _next_pending(catalog, store)
    if kata is None:
        console.print("[bold green]every kata is solved![/]")
        return 0
    level = "★" * kata.difficulty
    console.print(f"next: [bold]{kata.id}[/] · {kata.title} (day {kata.day}, {level}, ~{kata.minutes} min)")
    console.print(f"  statement: {workspace / kata.rel_path / 'README.md'}", markup=False)
    console.print(f"  edit:      {_where(workspace, kata)}", markup=False)
    console.print(f"  grade:     interview-prep check {kata.id}   (or: interview-prep watch)")
    return 0
