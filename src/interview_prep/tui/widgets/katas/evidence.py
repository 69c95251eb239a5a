"""A failed test's evidence in the kata screen: its picture, drawn in the terminal, and its clips.

The picture (`evidence.png`, see `kata.evidence`) is rendered with textual-image (the
terminal's graphics protocol where it has one, half-blocks otherwise); `p` on the kata
screen plays the clips one after another (`audio.playback`, a system player if there is
one, else where the WAV is).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

PICTURE = "evidence.png"


class EvidenceView(Vertical):
    """The picture and the clip list of one test (hidden when the test kept no evidence)."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.clips: list[Path] = []
        self.next_clip = 0

    def compose(self) -> ComposeResult:
        yield Static(id="evidence-caption")

    def show(self, files: list[str]) -> None:
        """Show the evidence files of one test (or hide the view when there are none)."""
        paths = [Path(f) for f in files]
        self.clips = [p for p in paths if p.suffix == ".wav" and p.is_file()]
        self.next_clip = 0
        picture = next((p for p in paths if p.name == PICTURE and p.is_file()), None)
        for old in self.query(".evidence-picture"):
            old.remove()
        self.display = bool(picture or self.clips)
        if not self.display:
            return
        if picture is not None:
            from textual_image.widget import Image  # imported on first use: no cost at start-up

            self.mount(Image(picture, classes="evidence-picture"), before=0)
        names = ", ".join(f"{n}. {p.name}" for n, p in enumerate(self.clips, 1))
        clips = f"p plays the clips in turn: {names}" if self.clips else "no clips"
        where = (picture or self.clips[0]).parent
        self.query_one("#evidence-caption", Static).update(f"[dim]{clips}\nin {where}[/dim]")

    def take_clip(self) -> Path | None:
        """The clip `p` plays now (cycling through the test's clips)."""
        if not self.clips:
            return None
        clip = self.clips[self.next_clip % len(self.clips)]
        self.next_clip += 1
        return clip
