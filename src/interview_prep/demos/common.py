"""What the demos share: the output folder, the progress bar, the result and `main()`."""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from interview_prep import paths
from interview_prep.demos.arguments import add_arguments
from interview_prep.errors import UserError

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass
class DemoResult:
    """What a demo measured (`report`, also saved as report.json), the figures it saved and any other
    outputs (`extra`: one line each, e.g. a folder of WAV files)."""

    name: str
    out_dir: Path
    report: dict[str, Any]
    figures: dict[str, Figure] = field(default_factory=dict)
    pngs: dict[str, Path] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def close(self) -> None:
        """Release the figures' memory."""
        self.figures.clear()


def default_out_dir(name: str) -> Path:
    return paths.data_dir() / "demos" / name


def prepare_out_dir(name: str, out_dir: Path | None) -> Path:
    """The output folder (created); a file in the way is a user error."""
    folder = Path(out_dir).expanduser() if out_dir else default_out_dir(name)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file, not a folder", hint="pass another --out folder")
    folder.mkdir(parents=True, exist_ok=True)
    return folder.resolve()


def progress_bar(console: Console) -> Progress:
    """The demos' progress display: spinner, task, bar, n/total, elapsed."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


@contextmanager
def step(progress: Progress, description: str) -> Iterator[None]:
    """A one-shot task (e.g. loading a model) shown as a finished bar when done."""
    task = progress.add_task(description, total=1)
    yield
    progress.update(task, completed=1)


def quiet_transformers() -> None:
    """Keep library warnings out of the demo's log (errors still show)."""
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()


def save_outputs(result: DemoResult, started: float) -> DemoResult:
    """Save every figure as `<name>.png` and the report as report.json."""
    from interview_prep.viz.demos import save

    for name, figure in result.figures.items():
        result.pngs[name] = save(figure, result.out_dir / f"{name}.png")
    result.seconds = time.perf_counter() - started
    result.report["seconds"] = round(result.seconds, 2)
    result.report["pngs"] = {name: path.name for name, path in result.pngs.items()}
    (result.out_dir / "report.json").write_text(json.dumps(result.report, indent=2, ensure_ascii=False) + "\n")
    return result


def print_outputs(console: Console, result: DemoResult) -> None:
    console.print(f"[bold]Output folder:[/] {result.out_dir}")
    for path in result.pngs.values():
        console.print(f"  • {path.name}")
    console.print("  • report.json")
    for line in result.extra:
        console.print(f"  • {line}")
    console.print(f"[dim]Finished in {result.seconds:.1f} s.[/]")


def demo_main(name: str, run: Callable[..., DemoResult], description: str, argv: list[str] | None = None) -> int:
    """Command line of one demo (also used by `interview-prep demo <name>`)."""
    parser = argparse.ArgumentParser(prog=f"python -m interview_prep.demos.{name}", description=description)
    add_arguments(parser, name)
    return run_from_args(name, run, parser.parse_args(argv))


def run_from_args(name: str, run: Callable[..., DemoResult], args: argparse.Namespace) -> int:
    """Run a demo with parsed arguments; user errors become one message and exit code 2."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    console = Console(highlight=False)
    options: dict[str, Any] = {"out_dir": args.out, "seed": args.seed, "console": console}
    if args.count is not None:
        options["count"] = args.count
    for own in ("file", "text"):
        if getattr(args, own, None) is not None:
            options[own] = getattr(args, own)
    try:
        result = run(**options)
    except UserError as exc:
        err = Console(stderr=True, highlight=False)
        err.print(f"[bold red]error:[/] {exc.message}")
        if exc.hint:
            err.print(f"[yellow]fix:[/] {exc.hint}")
        return 2
    result.close()
    return 0
