"""TUI start-up: time to first frame of `interview-prep` vs a minimal Textual app, and memory.

Both programs run in a real pseudo-terminal (80x24, TERM=xterm-256color), launched as a
user would (`python -m interview_prep`, no arguments). In the same run, rounds are
interleaved and medians compared:

- first frame: from spawn until the screen shows the app's header (the minimal app: a
  Header, a Static and a Footer, i.e. the same frame without our content);
- dashboard ready: until the panels show data loaded by the worker (ours only);
- memory: resident set size (VmRSS) at the first frame and when ready.

The goal is first-frame(ours) / first-frame(minimal) <= 1.5. The learner's data lives in a
temporary INTERVIEW_PREP_HOME (the first round creates the database; it is not counted).

    python benchmarks/tui_startup.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
MINIMAL_APP = '''
from textual.app import App
from textual.widgets import Footer, Header, Static


class Minimal(App):
    TITLE = "Minimal"

    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()


Minimal().run()
'''


def rss_mb(pid: int) -> float:
    """Resident set size of a process, in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def launch(command: list[str], env: dict[str, str], markers: list[bytes], timeout: float = 60.0) -> dict[str, float]:
    """Run `command` in an 80x24 pty; seconds (and RSS) until each marker appears on screen."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True
    )
    os.close(slave)
    seen = b""
    found: dict[str, float] = {}
    try:
        pending = list(markers)
        while pending:
            if time.perf_counter() - start > timeout:
                raise SystemExit(f"{command}: no {pending[0]!r} on screen after {timeout:.0f} s:\n{seen[-2000:]!r}")
            ready, _, _ = select.select([master], [], [], 0.005)
            if not ready:
                continue
            try:
                seen += ANSI.sub(b"", os.read(master, 1 << 16))
            except OSError:
                raise SystemExit(f"{command} ended early:\n{seen[-2000:]!r}") from None
            while pending and pending[0] in seen:
                marker = pending.pop(0).decode()
                found[marker] = time.perf_counter() - start
                found[f"{marker} rss"] = rss_mb(proc.pid)
    finally:
        os.write(master, b"\x11")  # ctrl+q: quit cleanly
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(master)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tui-bench-") as tmp:
        minimal = Path(tmp) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP)
        env = {
            **os.environ,
            "INTERVIEW_PREP_HOME": str(Path(tmp) / "home"),
            "PYTHONPATH": str(SRC),
            "TERM": "xterm-256color",
            "COLUMNS": "80",
            "LINES": "24",
        }
        ours = [sys.executable, "-m", "interview_prep"]
        baseline = [sys.executable, str(minimal)]
        ours_markers = [b"Dashboard", b"new today"]
        launch(ours, env, ours_markers)  # warm-up: creates the database, fills OS caches
        launch(baseline, env, [b"Minimal"])
        samples: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            for name, result in (
                ("minimal", launch(baseline, env, [b"Minimal"])),
                ("ours", launch(ours, env, ours_markers)),
            ):
                for key, value in result.items():
                    samples.setdefault(f"{name} {key}", []).append(value)

    med = {key: statistics.median(values) for key, values in samples.items()}
    first_min, first_ours = med["minimal Minimal"], med["ours Dashboard"]
    print(f"TUI start-up, {args.rounds} interleaved rounds in an 80x24 pty (medians; Python {sys.version.split()[0]})")
    rows = [
        ("minimal Textual app, first frame", "minimal Minimal"),
        ("interview-prep, first frame", "ours Dashboard"),
        ("interview-prep, dashboard data shown", "ours new today"),
    ]
    for label, key in rows:
        print(f"  {label:<38}{med[key] * 1000:7.0f} ms   RSS {med[key + ' rss']:6.1f} MB")
    ratio = first_ours / first_min
    print(f"  first-frame ratio: {ratio:.2f}x (goal <= 1.5x) {'OK' if ratio <= 1.5 else 'OVER GOAL'}")
    spread = {k: (min(v) * 1000, max(v) * 1000) for k, v in samples.items() if not k.endswith("rss")}
    print("  range (ms): " + ", ".join(f"{k} {lo:.0f}-{hi:.0f}" for k, (lo, hi) in spread.items()))


if __name__ == "__main__":
    main()
