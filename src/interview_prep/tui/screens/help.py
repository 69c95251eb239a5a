"""The help screen: what the current screen is for, its keys, the app's keys and screens.

Built from the screens' BINDINGS and HELP and from the registry, so it never goes stale.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from interview_prep.tui.screens import REGISTRY

GUIDE = (
    "**interview-prep** coaches speech and audio ML interviews: a spaced-repetition quiz and coding "
    "katas graded by hidden tests running real `transformers` pipelines, all offline. "
    "**Ctrl+P** opens the command palette: every action of every screen is there."
)


def _keys(app, binding: Binding) -> str:
    return " / ".join(f"`{app.get_key_display(Binding(key, ''))}`" for key in binding.key.split(","))


def keys_list(app, bindings: list[Binding]) -> str:
    """A Markdown list of key(s) and what they do."""
    rows = [f"- {_keys(app, b)} {b.tooltip or b.description}" for b in bindings if b.description]
    return "\n".join(rows) if rows else "*(no keys of its own)*"


def help_markdown(screen: Screen) -> str:
    """The whole help text for `screen`."""
    from interview_prep.tui.app import InterviewPrepApp, applies, screen_bindings

    app = screen.app
    title = getattr(screen, "TITLE", None) or type(screen).__name__
    parts = [f"## {title}"]
    if text := getattr(screen, "HELP", ""):
        parts.append(text)
    own = [b for b in screen_bindings(screen) if applies(screen, b.action)]
    parts += [f"### Keys on this screen\n\n{keys_list(app, own)}"]
    everywhere = [
        *InterviewPrepApp.BINDINGS,
        Binding("ctrl+p", "", "Command palette: every action of every screen"),
        Binding("ctrl+q", "", "Quit"),
    ]
    parts.append(f"### Everywhere\n\n{keys_list(app, list(Binding.make_bindings(everywhere)))}")
    screens = "\n".join(f"- `{e.key}` **{e.title}**: {e.description}" for e in REGISTRY.values())
    parts.append(f"### Screens (keys on the dashboard)\n\n{screens}")
    parts.append(f"### About\n\n{GUIDE}")
    return "\n\n".join(parts)


class HelpScreen(ModalScreen[None]):
    """Keys and a short guide for the screen it was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,f1,question_mark", "dismiss", "Close")]

    def __init__(self, for_screen: Screen):
        super().__init__()
        self.for_screen = for_screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Help"
            body.border_subtitle = "Esc to close"
            yield Markdown(help_markdown(self.for_screen))
