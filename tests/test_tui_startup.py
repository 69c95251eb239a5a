"""Start-up stays light: launching the app (dashboard loaded) imports no torch, transformers,
librosa or matplotlib; `interview-prep` without a terminal prints the help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from interview_prep.cli import main

HEAVY = ("torch", "transformers", "librosa", "matplotlib", "sklearn")

LAUNCH = """
import json, sys
from interview_prep.tui.app import make_app

async def pilot(p):
    await p.pause(0.2)
    await p.app.workers.wait_for_complete()
    await p.pause()
    screen = p.app.screen
    p.app.exit(json.dumps({
        "screen": type(screen).__name__,
        "loaded": screen.data is not None and screen.data.queue is not None,
        "heavy": sorted(m for m in %r if m in sys.modules),
    }))

print(make_app(bank_dir=__import__("pathlib").Path(sys.argv[1])).run(headless=True, auto_pilot=pilot, size=(80, 24)))
"""


def test_launching_the_app_imports_no_heavy_library(isolated_home):
    bank = Path(__file__).parent / "fixtures" / "quiz" / "valid"
    out = subprocess.run(
        [sys.executable, "-c", LAUNCH % (HEAVY,), str(bank)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["screen"] == "DashboardScreen" and report["loaded"]
    assert report["heavy"] == []


def test_no_arguments_without_a_terminal_prints_help(capsys):
    assert main([]) == 0
    assert "usage: interview-prep" in capsys.readouterr().out
