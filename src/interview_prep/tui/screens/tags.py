"""Pick a tag to quiz on (a modal list of the bank's tags with their question counts)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interview_prep.quiz.queue import TagOverview

ALL = ""


class TagScreen(ModalScreen[str | None]):
    """Dismisses with the chosen tag, `ALL` for no tag filter, or None when cancelled."""

    DEFAULT_CSS = """
    TagScreen { align: center middle; }
    #tags-dialog { width: 60; max-height: 80%; height: auto; border: round $primary; background: $surface; }
    #tags { height: auto; max-height: 20; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, tags: list[TagOverview], current: tuple[str, ...] = ()):
        super().__init__()
        self.tags = tags
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="tags-dialog") as dialog:
            dialog.border_title = "Quiz on one tag"
            yield Static("[dim]Enter picks a tag; Esc cancels[/dim]")
            options = [Option("All questions (no tag filter)", id="tag:")]
            options += [
                Option(f"{row.tag}  [dim]{row.questions} · {', '.join(row.topics)}[/dim]", id=f"tag:{row.tag}")
                for row in self.tags
            ]
            yield OptionList(*options, id="tags")

    def on_mount(self) -> None:
        tags = self.query_one("#tags", OptionList)
        names = [ALL, *(row.tag for row in self.tags)]
        tags.highlighted = names.index(self.current[0]) if len(self.current) == 1 and self.current[0] in names else 0
        tags.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss((event.option.id or "tag:").removeprefix("tag:"))

    def action_cancel(self) -> None:
        self.dismiss(None)
