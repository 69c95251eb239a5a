"""A framed message for empty states and errors (instead of a crash or a blank screen)."""

from __future__ import annotations

from typing import Literal

from textual.markup import escape
from textual.widgets import Static

Severity = Literal["information", "warning", "error", "success"]


class Notice(Static):
    """A panel saying what happened and what to do; `severity` picks the frame colour."""

    def __init__(self, title: str = "", body: str = "", *, severity: Severity = "information", id: str | None = None):
        super().__init__(id=id, classes=f"notice -{severity}")
        self.show_message(title, body, severity=severity)

    def show_message(self, title: str, body: str, *, severity: Severity = "information", markup: bool = False) -> None:
        """Replace the message; `body` is plain text unless `markup` is set."""
        for name in ("information", "warning", "error", "success"):
            self.set_class(name == severity, f"-{name}")
        self.border_title = title
        self.update(body if markup else escape(body))
