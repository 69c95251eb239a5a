"""The base of every full screen: shared bindings, the app's context, cursor-blink control."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.screen import Screen

if TYPE_CHECKING:
    from interview_prep.tui.app import InterviewPrepApp
    from interview_prep.tui.context import AppContext


class BaseScreen(Screen):
    """A screen of the app. Subclasses set TITLE, BINDINGS (footer, help, palette) and HELP."""

    #: what the screen is for, shown at the top of the help screen (Markdown)
    HELP: ClassVar[str] = ""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    @property
    def ctx(self) -> AppContext:
        return self.interview_app.context

    @property
    def interview_app(self) -> InterviewPrepApp:
        return self.app  # type: ignore[return-value]

    def action_back(self) -> None:
        """Return to the previous screen."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def stop_background(self) -> None:
        """Stop threads this screen started (grading, watching); the app calls it on exit."""

    def on_unmount(self) -> None:
        self.stop_background()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Tests turn cursor blinking off so snapshots are stable."""
        if not self.interview_app.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False  # type: ignore[attr-defined]
