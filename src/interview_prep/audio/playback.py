"""Play a WAV file through the system's player, if it has one; a missing player is no error.

`play(path)` tries, in order, the players found on PATH: `paplay` (PulseAudio/PipeWire),
`aplay` (ALSA), `afplay` (macOS) and `ffplay -nodisp -autoexit` (FFmpeg). The first that
plays the file to its end wins. With none (or none that works: no sound device, say) it
plays nothing and says where the WAV is, so the learner can open it another way.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

#: (program, arguments before the file), in the order they are tried
PLAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("paplay", ()),
    ("aplay", ("-q",)),
    ("afplay", ()),
    ("ffplay", ("-nodisp", "-autoexit", "-loglevel", "error")),
)


@dataclass
class Playback:
    """What `play` did: `played` with `player`, or not, with `message` saying where the file is."""

    path: Path
    played: bool = False
    player: str | None = None
    message: str = ""
    tried: list[str] = field(default_factory=list)


def players() -> list[list[str]]:
    """Command lines (without the file) of the players available on PATH, in the order tried."""
    found = []
    for program, arguments in PLAYERS:
        where = shutil.which(program)
        if where:
            found.append([where, *arguments])
    return found


def play(path: Path | str, *, timeout_s: float | None = 600.0) -> Playback:
    """Play `path` with the first system player that works; never raises for a missing or failing player."""
    path = Path(path)
    result = Playback(path=path)
    for command in players():
        name = Path(command[0]).name
        result.tried.append(name)
        try:
            done = subprocess.run([*command, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, timeout=timeout_s, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            result.played, result.player = True, name
            result.message = f"played {path} with {name}"
            return result
    if result.tried:
        result.message = (f"could not play it with {', '.join(result.tried)} (no sound device?); "
                          f"the WAV is at {path}")
    else:
        result.message = (f"no audio player found (paplay, aplay, afplay or ffplay); open the WAV yourself: {path}")
    return result
