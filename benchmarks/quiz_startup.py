"""Start-up time of `interview-prep quiz` until the first question is on screen.

Launches the CLI in a subprocess (fresh data dir, an answer fed through stdin), times it
until "Question 1/" appears on stdout, and compares the median with a bare
`python -c pass` measured in the same run. Then proves that the quiz path does not import
torch/transformers/librosa/matplotlib/sklearn, and lists the slowest imports.

    python benchmarks/quiz_startup.py [--repeats 7] [--bank DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("torch", "transformers", "librosa", "matplotlib", "sklearn")


def _env(home: str) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, "INTERVIEW_PREP_HOME": home}


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("interview-prep")
    return [str(script)] if script.exists() else [sys.executable, "-m", "interview_prep"]


def time_to_first_question(bank: str, home: str) -> float:
    """Seconds from launch until the first question's header is printed."""
    start = time.perf_counter()
    proc = subprocess.Popen([*_cli(), "quiz", "--bank", bank, "--limit", "1"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=_env(home))
    proc.stdin.write("?\n")
    proc.stdin.close()
    elapsed = None
    for line in proc.stdout:
        if elapsed is None and "Question 1/" in line:
            elapsed = time.perf_counter() - start
    proc.wait()
    if elapsed is None:
        raise SystemExit("the quiz never showed a question")
    return elapsed


def time_bare_python() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def heavy_modules_loaded(bank: str, home: str) -> list[str]:
    """Run the quiz path in-process in a fresh interpreter and list heavy modules it imported."""
    code = (
        "import sys\nfrom interview_prep.cli import main\n"
        f"main(['quiz', '--bank', {bank!r}, '--limit', '1'])\n"
        f"print('HEAVY=' + ','.join(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], stdin=subprocess.DEVNULL, capture_output=True,
                         text=True, env=_env(home), check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("HEAVY="))
    return [m for m in line.removeprefix("HEAVY=").split(",") if m]


def slowest_imports(bank: str, home: str, count: int = 8) -> list[tuple[float, str]]:
    """Top-level packages by cumulative import time (ms) on the quiz path (-X importtime)."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-m", "interview_prep", "quiz", "--bank", bank,
                          "--limit", "1"], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                         env=_env(home)).stderr
    totals: dict[str, float] = {}
    for line in err.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            if not name.startswith("  "):  # top-level import: its cumulative time
                totals[name.strip()] = int(parts[1]) / 1000
    return sorted(((ms, name) for name, ms in totals.items()), reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--bank", help="question bank folder (default: the shipped bank, else a fixture)")
    args = parser.parse_args()
    shipped = ROOT / "quiz"
    bank = args.bank or str(shipped if any(shipped.glob("*.yaml")) else ROOT / "tests/fixtures/quiz/valid")
    with tempfile.TemporaryDirectory() as home:
        time_to_first_question(bank, home)  # warm the OS file cache
        quiz = [time_to_first_question(bank, home) for _ in range(args.repeats)]
        bare = [time_bare_python() for _ in range(args.repeats)]
        heavy = heavy_modules_loaded(bank, home)
        slow = slowest_imports(bank, home)
    q, b = statistics.median(quiz), statistics.median(bare)
    print(f"bank: {bank}")
    print(f"interview-prep quiz -> first question: median {q * 1000:.0f} ms over {args.repeats} runs "
          f"(min {min(quiz) * 1000:.0f}, max {max(quiz) * 1000:.0f})")
    print(f"python -c pass:                     median {b * 1000:.0f} ms")
    print(f"ratio: {q / b:.1f}x a bare interpreter")
    print(f"heavy modules imported on the quiz path: {heavy or 'none'} (checked: {', '.join(HEAVY)})")
    print("slowest top-level imports (cumulative ms): "
          + ", ".join(f"{name} {ms:.0f}" for ms, name in slow))
    if heavy:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
