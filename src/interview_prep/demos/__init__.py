"""End-to-end retail demos on the real models: `asr`, `tts` and `classify`.

Each module has `run()` (returns a `DemoResult`: the numbers, the figures and where they
were saved) and `main()` (`python -m interview_prep.demos.<name>` or `interview-prep
demo <name>`). They show progress bars, log what they measure, save PNG plots and a
`report.json` to an output folder they print (default: `demos/<name>` in the data dir).
"""

DEMOS = ("asr", "tts", "classify")
