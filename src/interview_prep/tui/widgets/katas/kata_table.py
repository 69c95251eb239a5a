"""The kata list: one row per kata with its status, in study order."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import DataTable

from interview_prep.kata.catalog import Kata
from interview_prep.kata.render import cut
from interview_prep.progress.katas import KataState
from interview_prep.tui.widgets.common.styles import styled

#: kata status -> (icon, theme colour)
STATUS_LOOK = {"pending": ("·", "text-muted"), "failed": ("✗", "error"), "passed": ("✓", "success")}


@dataclass(frozen=True)
class KataRow:
    kata: Kata
    state: KataState


def matches(row: KataRow, track: str | None, status: str | None, search: str) -> bool:
    """Whether a row passes the track and status filters and the search words (id, title, tags)."""
    if track and row.kata.track != track:
        return False
    if status == "todo" and row.state.status == "passed":
        return False
    if status == "done" and row.state.status != "passed":
        return False
    haystack = " ".join((row.kata.id, row.kata.title, *row.kata.tags)).casefold()
    return all(word in haystack for word in search.casefold().split())


class KataTable(DataTable):
    """Katas with status icon, id, title, day, difficulty, hints seen and attempts.

    Titles are cut to the width left by the other columns, so the table fits 80 columns.
    """

    COLUMNS = (" ", "Kata", "Title", "Day", "Level", "Hints", "Tries")

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.rows_shown: list[KataRow] = []

    def show(self, rows: list[KataRow], keep: str | None = None) -> None:
        """Replace the rows, keeping the cursor on kata `keep` when it is still listed."""
        self.rows_shown = rows
        self.clear(columns=True)
        for name in self.COLUMNS:
            self.add_column(name, key=name.strip().lower() or "status")
        scrollbar = 2  # room for the vertical scrollbar's gutter, always (the layout must not depend on timing)
        # status, day, level, hints and tries are fixed; ids and titles share the rest (each cell pads 2)
        left = self.scrollable_content_region.width - scrollbar - (1 + 3 + 5 + 5 + 5) - 2 * len(self.COLUMNS)
        id_room = min(max((len(row.kata.id) for row in rows), default=4), max(12, left - 12))
        room = max(8, left - id_room)
        for row in rows:
            icon, colour = STATUS_LOOK.get(row.state.status, ("?", "warning"))
            self.add_row(
                styled(self.app, icon, colour, bold=True),
                Text(cut(row.kata.id, id_room), style="bold"),
                Text(cut(row.kata.title, room)),
                Text(str(row.kata.day), justify="right"),
                styled(self.app, "★" * row.kata.difficulty, "accent"),
                Text(f"{row.state.hints_seen}/{len(row.kata.hints)}", justify="right"),
                Text(str(row.state.attempts), justify="right"),
                key=row.kata.id,
            )
        ids = [row.kata.id for row in rows]
        if keep in ids:
            self.move_cursor(row=ids.index(keep), animate=False)

    def on_resize(self) -> None:
        if self.rows_shown:
            self.show(self.rows_shown, self.selected_id)

    @property
    def selected_id(self) -> str | None:
        """The kata id under the cursor."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
