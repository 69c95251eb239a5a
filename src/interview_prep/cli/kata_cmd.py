"""Kata commands: init, list, check, watch, hint, reset, solution, next.

Each command opens the store, asks the practice service (`kata.practice`) and prints;
results are printed by `kata.render`, as in the TUI and the mock interview.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from interview_prep.kata.catalog import Catalog, Kata
    from interview_prep.kata.practice import Practice
    from interview_prep.progress.store import Store

_STATUS_STYLE = {"passed": "green", "failed": "red", "pending": "dim"}


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


def _practice(store: Store, args: argparse.Namespace) -> Practice:
    from interview_prep.kata.practice import Practice

    return Practice(store, catalog=_catalog, workspace=getattr(args, "workspace", None))


def _where(workspace: Path, kata: Kata) -> str:
    from interview_prep.kata.workspace import learner_files

    files = learner_files(workspace, kata)
    try:
        return ", ".join(str(f.relative_to(Path.cwd())) for f in files)
    except ValueError:
        return ", ".join(str(f) for f in files)


def _show(console: Console, practice: Practice, kata: Kata, results) -> None:
    from interview_prep.kata.render import print_results

    print_results(console, kata, results, next_hint=practice.next_hint_number(kata))


# ---------------------------------------------------------------------------- commands


def cmd_init(args: argparse.Namespace) -> int:
    console = _console()
    with _store() as store:
        practice = _practice(store, args)
        report = practice.init_workspace(args.dir)
        count = len(practice.catalog())
    console.print(f"workspace: [bold]{report.root}[/] ({count} katas)")
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
    import sys

    from rich import box
    from rich.table import Table

    from interview_prep.progress.katas import KataState, states

    console = _console()
    catalog = _catalog()
    with _store() as store:
        known = states(store)
    rows = []
    for kata in catalog:
        state = known.get(kata.id, KataState(kata.id))
        if (args.track and kata.track != args.track) or (args.status and state.status != args.status):
            continue
        rows.append((kata, state))
    if not sys.stdout.isatty():  # piped: one line per kata, tab-separated, nothing cut
        for kata, state in rows:
            fields = [kata.id, state.status, f"day {kata.day}", f"{kata.minutes} min",
                      f"hints {state.hints_seen}/{len(kata.hints)}", f"tries {state.attempts}", kata.title]
            print("\t".join(fields))
        return 0
    table = Table(title="Katas", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("Kata", "Title", "Day", "Min", "Status", "Hints", "Tries"):
        table.add_column(
            column,
            justify="right" if column in ("Day", "Min", "Tries") else "left",
            no_wrap=column != "Title",
            min_width=12 if column == "Title" else None,
        )
    for kata, state in rows:
        table.add_row(
            kata.id,
            kata.title,
            str(kata.day),
            str(kata.minutes),
            f"[{_STATUS_STYLE.get(state.status, '')}]{state.status}[/]",
            f"{state.hints_seen}/{len(kata.hints)}",
            str(state.attempts),
        )
    if rows:
        console.print(table)
    else:
        console.print("no kata matches these filters")
    done = sum(1 for k in catalog if known.get(k.id, KataState(k.id)).status == "passed")
    console.print(f"{done}/{len(catalog)} katas passed")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from interview_prep.kata.render import test_label

    kata = _find(args.kata)  # parses only this kata's yaml: grading starts sooner
    with _store() as store:
        practice = _practice(store, args)
        if args.json:  # no rich: stdout is exactly results.json
            results = practice.check(kata, seed=args.seed)
            print(results.to_json())
            return 0 if results.passed else 1
        console = _console()
        with console.status(f"grading {kata.id}…") as status:

            def progress(event) -> None:
                if event.event == "phase":
                    status.update(f"grading {kata.id}: {event.status}…")
                elif event.event == "start":
                    status.update(f"grading {kata.id}: {test_label(event.test)}")

            results = practice.check(kata, seed=args.seed, on_progress=progress)
        _show(console, practice, kata, results)
        if results.passed:
            following = practice.next_kata(after=kata)
            console.print(
                f"next: [bold]{following.id}[/] ({following.title})" if following else "every kata is solved!"
            )
    return 0 if results.passed else 1


def cmd_watch(args: argparse.Namespace) -> int:
    from interview_prep.kata.watch import WatchEvent

    console = _console()
    with _store() as store:
        practice = _practice(store, args)
        workspace = practice.workspace()
        start = practice.catalog().get(args.kata) if args.kata else None

        def on_event(event: WatchEvent) -> None:
            if event.kind == "grading":
                console.rule(f"grading {event.kata.id}")
            elif event.kind == "graded":
                _show(console, practice, event.kata, event.results)
            elif event.kind == "moved":
                console.print(f"[bold green]{event.message}[/]: edit {_where(workspace, event.kata)}")
            elif event.kind == "watching":
                console.print(f"[dim]watching {_where(workspace, event.kata)} — save to grade, Ctrl-C to stop[/]")
            elif event.kind == "fallback":
                console.print(f"[yellow]{event.message}[/]")
            elif event.kind == "finished":
                console.print(f"[bold green]{event.message}![/]")

        try:
            practice.watch(on_event, start=start, poll=args.poll)
        except KeyboardInterrupt:
            console.print("stopped watching")
    return 0


def cmd_hint(args: argparse.Namespace) -> int:
    console = _console()
    kata = _find(args.kata)
    with _store() as store:
        practice = _practice(store, args)
        hint = practice.hint(kata, args.number)
        unseen = practice.next_hint_number(kata)
    console.print(f"[bold]hint {hint.number}/{hint.total}[/] for {kata.id}:")
    console.print(f"  {hint.text}", markup=False)
    if unseen is None and hint.last:
        console.print("[dim]that was the last hint; after a pass, `interview-prep solution` shows a reference[/]")
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    import sys

    from interview_prep.errors import UserError

    console = _console()
    kata = _find(args.kata)
    with _store() as store:
        practice = _practice(store, args)
        practice.workspace()  # no workspace: say so before asking
        if not args.yes:
            if not sys.stdin.isatty():
                raise UserError("reset needs confirmation", hint=f"run `interview-prep reset {kata.id} --yes`")
            from rich.prompt import Confirm

            if not Confirm.ask(f"restore the starter of {kata.id}? (your version is kept as a .bak file)"):
                console.print("nothing changed")
                return 1
        restored = practice.reset(kata)
    for path, backup in restored:
        note = f" (your version: {backup.name})" if backup else " (it was already the starter)"
        console.print(f"restored {path}{note}", markup=False)
    return 0


def cmd_solution(args: argparse.Namespace) -> int:
    import sys

    from rich.syntax import Syntax

    from interview_prep.progress.katas import state

    kata = _find(args.kata)
    with _store() as store:
        forced = args.force and not state(store, kata.id).ever_passed
        files = _practice(store, args).solution(kata, force=args.force)
    if not sys.stdout.isatty():  # redirected: the plain file(s), nothing added
        if forced:
            _warn("shown before a pass (recorded)")
        for text in files.values():
            sys.stdout.write(text)
        return 0
    console = _console()
    if forced:
        console.print("[yellow]shown before a pass (recorded)[/]")
    for name, text in files.items():
        console.rule(f"{kata.id}: {name}")
        console.print(Syntax(text, "python", line_numbers=True))
    return 0


def cmd_next(args: argparse.Namespace) -> int:
    console = _console()
    with _store() as store:
        practice = _practice(store, args)
        workspace = practice.workspace()
        kata = practice.next_kata()
    if kata is None:
        console.print("[bold green]every kata is solved![/]")
        return 0
    level = "★" * kata.difficulty
    console.print(f"next: [bold]{kata.id}[/] · {kata.title} (day {kata.day}, {level}, ~{kata.minutes} min)")
    console.print(f"  statement: {workspace / kata.rel_path / 'README.md'}", markup=False)
    console.print(f"  edit:      {_where(workspace, kata)}", markup=False)
    console.print(f"  grade:     interview-prep check {kata.id}   (or: interview-prep watch)")
    return 0
