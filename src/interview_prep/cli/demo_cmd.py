"""`interview-prep demo asr|tts|classify`: the end-to-end retail demos with plots."""

from __future__ import annotations

import argparse

DESCRIPTIONS = {
    "asr": "transcribe synthetic customer voice queries, report WER, plot transcription lengths",
    "tts": "synthesize product descriptions, analyse and plot the audio lengths",
    "classify": "classify retail sound events and spoken feedback, report accuracy, plot distribution "
    "and confusion matrices",
}


def register(sub: argparse._SubParsersAction) -> None:
    from interview_prep.demos.arguments import add_arguments

    parser = sub.add_parser(
        "demo",
        help="end-to-end retail demos on the real models (PNG plots)",
        description="Run a retail demo on the real models; it prints its progress, what it measured and "
        "the folder where it saved its PNG plots and report.json. asr and classify take your own audio "
        "(--file), tts your own text (--text). Also: python -m interview_prep.demos.NAME",
    )
    demo_sub = parser.add_subparsers(dest="demo", metavar="DEMO", required=True)
    for name, description in DESCRIPTIONS.items():
        demo = demo_sub.add_parser(name, help=description, description=description[0].upper() + description[1:] + ".")
        add_arguments(demo, name)
        demo.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import importlib

    from interview_prep.demos.common import run_from_args

    module = importlib.import_module(f"interview_prep.demos.{args.demo}")
    return run_from_args(args.demo, module.run, args)
