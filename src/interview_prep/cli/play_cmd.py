"""`interview-prep play PATH|KATA [N]`: listen to a WAV, or to clip N of a kata's last failure."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from interview_prep.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "play",
        help="play a WAV file, or clip N of a kata's last failed check (its evidence)",
        description="Play a WAV file, or clip N (default 1) of the evidence kept by a kata's last failed check. "
        "Uses paplay, aplay, afplay or ffplay when one is installed; otherwise prints where the WAV is.",
    )
    parser.add_argument("target", metavar="PATH|KATA", help="a WAV file, or a kata id, slug or unique prefix")
    parser.add_argument("number", metavar="N", nargs="?", type=int, default=1,
                        help="which clip of the kata's last failure (default 1; the list is printed)")
    parser.set_defaults(func=run)


def _kata_id(ref: str) -> str:
    """The kata id `ref` names; a kata with stored evidence under exactly that name also counts."""
    from interview_prep.kata import evidence
    from interview_prep.kata.catalog import kata_files, resolve

    ids = [f"{path.parent.parent.name}-{path.parent.name}" for path in kata_files()]
    try:
        return resolve(ref, ids)
    except UserError:
        if evidence.kata_folder(ref).is_dir():
            return ref
        raise


def _clip_lines(folder: Path, clips: list[Path]) -> list[str]:
    """'N  test/clip.wav  (role, seconds at rate)' for each clip."""
    facts: dict[Path, str] = {}
    for data in folder.glob("*/evidence.json"):
        try:
            for clip in json.loads(data.read_text(encoding="utf-8")).get("clips", []):
                facts[data.parent / clip["file"]] = f"{clip['role']}, {clip['seconds']:.2f} s at {clip['rate']} Hz"
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    return [f"{n:>3}  {clip.relative_to(folder)}" + (f"  ({facts[clip]})" if clip in facts else "")
            for n, clip in enumerate(clips, 1)]


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.text import Text

    from interview_prep.audio.playback import play
    from interview_prep.kata import evidence

    console = Console(highlight=False, soft_wrap=True)  # paths stay whole, to copy
    path = Path(args.target).expanduser()
    if path.is_file():
        wav = path
    elif path.suffix.lower() in (".wav", ".flac", ".ogg"):
        raise UserError(f"no file {path}", hint="give a WAV file, or a kata id to hear its last failure's clips")
    else:
        kata_id = _kata_id(args.target)
        folder = evidence.latest(kata_id)
        if folder is None:
            raise UserError(f"{kata_id} has no failed check with evidence yet",
                            hint=f"interview-prep check {kata_id} keeps the clips of failed tests")
        clips = evidence.clips(folder)
        if not clips:
            raise UserError(f"the last failure of {kata_id} kept no clip ({folder})",
                            hint="its evidence.png and evidence.json show what went wrong")
        console.print(f"clips of {kata_id}'s last failure ({folder}):")
        for line in _clip_lines(folder, clips):
            console.print(line, markup=False)
        if not 1 <= args.number <= len(clips):
            raise UserError(f"there is no clip {args.number}: the last failure of {kata_id} kept {len(clips)}",
                            hint=f"interview-prep play {kata_id} N, with N from 1 to {len(clips)}")
        wav = clips[args.number - 1]
        console.print(f"playing clip {args.number}: {wav.relative_to(folder)}", markup=False)
    outcome = play(wav)
    console.print(Text(outcome.message, style="" if outcome.played else "yellow"))
    return 0
