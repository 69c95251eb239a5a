"""Helpers shared by the TUI tests: the app on fixture content, a fixed clock, waiting helpers."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from interview_prep.tui.app import InterviewPrepApp, make_app

FIXTURES = Path(__file__).parent / "fixtures"
BANK = FIXTURES / "quiz" / "valid"
TUI_CONTENT = FIXTURES / "tui"
NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
KATA = "asr-03-ctc-greedy-decode"
KATA_FILE = Path("asr/03-ctc-greedy-decode/ctc_decode.py")


def kata_content(tmp_path: Path, timeout_s: float | None = None) -> Path:
    """A copy of the fixture katas and solutions; returns the katas root (optionally with a short timeout)."""
    root = tmp_path / "content"
    shutil.copytree(TUI_CONTENT, root, dirs_exist_ok=True)
    if timeout_s is not None:
        for path in (root / "katas").glob("*/*/kata.yaml"):
            text = path.read_text().replace("timeout_s: 20", f"timeout_s: {timeout_s:g}")
            path.write_text(text)
    return root / "katas"


def workspace_for(katas_root: Path, home: Path) -> Path:
    """A real workspace (`interview-prep init`) of the fixture katas."""
    from interview_prep.kata.catalog import load_catalog
    from interview_prep.kata.workspace import init_workspace

    return init_workspace(load_catalog(katas_root, strict=False), home / "workspace").root


def app_for(
    katas_root: Path | None = None,
    workspace: Path | None = None,
    *,
    bank: Path = BANK,
    now: datetime = NOW,
    theme: str = "textual-dark",
) -> InterviewPrepApp:
    """The app on fixture content, with a fixed clock, UTC days and no cursor blink."""
    return make_app(
        bank_dir=bank,
        katas_root=katas_root or TUI_CONTENT / "katas",
        workspace=workspace,
        clock=lambda: now,
        tz=UTC,
        cursor_blink=False,
        theme=theme,
    )


async def settle(pilot, seconds: float = 0.05) -> None:
    """Let the screen handle its pending events (mount, resume: they start the load workers),
    then let the workers finish and the screen handle what they posted.

    Waiting on the screen's queues, not on a fixed delay, keeps this right on a loaded machine.
    """
    await pilot.pause(seconds)
    await pilot._wait_for_screen()
    await pilot.app.workers.wait_for_complete()
    await pilot._wait_for_screen()
    await pilot.pause()


async def wait_until(pilot, condition, timeout: float = 180.0) -> None:
    """Pump the app until `condition()` holds (grading runs in a real subprocess)."""
    deadline = datetime.now() + timedelta(seconds=timeout)
    while not condition():
        if datetime.now() > deadline:
            raise AssertionError("condition not reached in time")
        await pilot.pause(0.05)
    await pilot.pause()


def notifications(app: InterviewPrepApp) -> list[str]:
    """Title and message of every notification shown so far."""
    return [f"{n.title}: {n.message}" for n in app._notifications]
