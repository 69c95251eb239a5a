"""Demo benchmark: wall time of each retail demo, warm, as a user runs it (a fresh process).

Each demo runs once to warm the caches (models, synthetic audio), then `--repeats` times;
the median is compared with the 60 s budget and with a baseline measured in the same run
on the same machine state: a fresh process that loads Whisper tiny.en and transcribes one
query (start-up + model load + one inference). The load average is printed too, since the
machine is shared.

    python benchmarks/demos_speed.py [--repeats 1] [--demos asr tts classify]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BUDGET_S = 60.0
BASELINE = (
    "from interview_prep import models\n"
    "from interview_prep.audio.speech import make_retail_speech\n"
    "clip = make_retail_speech(seed=0)\n"
    "models.asr_pipeline()({'raw': clip.audio, 'sampling_rate': clip.sample_rate})\n"
)


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--demos", nargs="+", default=["asr", "tts", "classify"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, INTERVIEW_PREP_HOME=home, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        if "INTERVIEW_PREP_CACHE" not in env:
            import platformdirs

            env["INTERVIEW_PREP_CACHE"] = platformdirs.user_cache_dir("interview-prep", appauthor=False)
        baseline_cmd = [sys.executable, "-c", BASELINE]
        _timed(baseline_cmd, env)  # warm
        baseline = statistics.median(_timed(baseline_cmd, env) for _ in range(args.repeats))
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"baseline (fresh process: load Whisper, transcribe one query): {baseline:.1f} s")
        print(f"{'demo':<10}{'warm s':>9}{'budget':>9}{'x baseline':>12}")
        for demo in args.demos:
            command = [sys.executable, "-m", f"interview_prep.demos.{demo}"]
            _timed(command, env)  # warm the caches
            seconds = statistics.median(_timed(command, env) for _ in range(args.repeats))
            print(f"{demo:<10}{seconds:>9.1f}{seconds / BUDGET_S:>8.0%} {seconds / baseline:>11.1f}x")


if __name__ == "__main__":
    main()
