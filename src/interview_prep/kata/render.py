"""Grading results as text, shared by the CLI, the TUI and the mock interview.

`test_label` turns a pytest name into words; `hint_pointer` rewrites a failure's "see hint
N" into what the learner can still reveal; `print_results` prints a run with rich (the
CLI's `check` and `watch`, the terminal mock); `cut` shortens a line with an ellipsis.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from interview_prep.kata.catalog import Kata
    from interview_prep.kata.results import Results

STATUS_STYLE = {"pass": "green", "fail": "red", "error": "magenta"}
ICON = {"pass": "✓", "fail": "✗", "error": "!"}
_HINT_LINE = re.compile(r"^see hint (\d+): interview-prep hint (\S+) \d+$", re.MULTILINE)
_REPLAY_LINE = re.compile(r"^seed=\d+ \(replay: .*\)$\n?", re.MULTILINE)


def test_label(name: str) -> str:
    """'test_blank_is_not_index_zero[3]' -> 'blank is not index zero [3]'."""
    base, _, param = name.partition("[")
    text = base.removeprefix("test_").replace("_", " ")
    return f"{text} [{param}" if param else text


def cut(text: str, width: int) -> str:
    """`text` on at most `width` characters, ending with an ellipsis when cut."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def hint_pointer(message: str, next_hint: int | None, *, hints: bool = True) -> str:
    """Point a failure at the hint the learner has not seen yet (or drop hints, as in a mock).

    `next_hint` is the next unseen hint's number (None: all seen)."""

    def pointer(match: re.Match) -> str:
        number, kata = int(match[1]), match[2]
        if not hints:
            return ""
        if next_hint is None:
            return f"hint {number} covers this (all hints shown: interview-prep hint {kata} {number})"
        if number < next_hint:
            return (f"hint {number} covers this (already shown: interview-prep hint {kata} {number}); "
                    f"next unseen: interview-prep hint {kata}")
        return f"see hint {number}: interview-prep hint {kata} {number}"

    text = _HINT_LINE.sub(pointer, message)
    if not hints:
        text = _REPLAY_LINE.sub("", text)
    return text.rstrip("\n")


def print_results(
    console: Console, kata: Kata, results: Results, *, next_hint: int | None = None, hints: bool = True
) -> None:
    """One grading run: a table of tests, the first problem in full, where the evidence is, a summary.

    `hints=False` (a mock interview) leaves out hint and replay pointers, which act on the
    normal workspace."""
    from rich import box
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from interview_prep.kata.results import Status

    table = Table(title=f"{kata.id} · {kata.title}", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Test", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Message", no_wrap=True)
    names = [test_label(test.name) for test in results.tests]
    room = max(20, console.width - max(map(len, names), default=0) - 16)
    for name, test in zip(names, results.tests, strict=True):
        status = str(test.status)
        first = (test.message or "").strip().splitlines()[:1]
        table.add_row(name, f"[{STATUS_STYLE[status]}]{ICON[status]} {status}[/]", Text(cut(first[0] if first else "",
                                                                                            room)))
    if results.tests:
        console.print(table)
    if results.sandbox and not results.sandbox.startswith("confined"):
        console.print(f"[yellow]! your code ran {results.sandbox} (see `interview-prep doctor`)[/]")
    first = next((t for t in results.tests if t.status is not Status.PASS and t.message), None)
    if first is not None:
        body = hint_pointer(first.message, next_hint, hints=hints)
        if first.output and "\n" in first.output:
            body += f"\n\noutput:\n{first.output}"
        console.print(Panel(Text(body), title=test_label(first.name), title_align="left", border_style="red"))
    from interview_prep.kata.evidence import print_folder

    print_folder(console, results)
    passed = results.counts()[Status.PASS]
    took = f"{results.duration_s:.1f} s" + ("" if not hints else f", seed {results.seed}")
    if results.passed:
        console.print(f"[bold green]✓ all {passed} tests passed[/] ({took})")
        return
    if results.status is Status.ERROR and results.message and (first is None or first.message != results.message):
        console.print(Panel(Text(results.message), title="error", title_align="left", border_style="magenta"))
    stuck = f" · stuck? interview-prep hint {kata.id}" if hints and next_hint is not None else ""
    console.print(f"[bold red]✗ {passed} of {len(results.tests)} tests passed[/] ({took}){stuck}")
