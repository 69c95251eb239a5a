"""The Textual app: `interview-prep` with no arguments opens it on the dashboard.

Structure (follow it when adding a screen):

- `app.py`: `InterviewPrepApp` (global bindings, theme, command palette, navigation),
  `make_app()` (the factory the CLI and the tests use) and `run_app()`.
- `context.py`: `AppContext`, what screens share: progress store, question bank, kata
  catalog, workspace, clock. Content loads lazily in thread workers; no logic lives here,
  only access to the components (quiz, kata, plan, progress, viz).
- `screens/__init__.py`: `REGISTRY`, the one place screens are registered
  (name, title, dashboard key, "module:Class", description). The dashboard keys, the
  palette's "Open ..." commands and the help screen are built from it; modules are
  imported on first use, so start-up stays light.
- `screens/<name>.py`: one module per screen, subclassing `screens.base.BaseScreen`;
  its BINDINGS feed the footer, the help screen and the command palette (every binding
  with a description becomes a palette command), `check_action` hides what does not
  apply. Modal screens (help, confirm) have their own modules too.
- `widgets/<screen>/`: widgets grouped by the screen region that shows them;
  `widgets/common/` holds shared ones.
- `app.tcss`: the one stylesheet. Use theme variables ($primary, $success, $panel...)
  so the light and dark themes both work.

To add a screen: write `screens/<name>.py` and add a `ScreenEntry` to `REGISTRY`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from interview_prep.tui.context import AppContext
from interview_prep.tui.screens import REGISTRY
from interview_prep.tui.screens.base import BaseScreen
from interview_prep.tui.screens.dashboard import DashboardScreen

THEME_KEY = "tui.theme"
DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
#: Textual's palette commands that ours replace
DUPLICATES = frozenset({"Keys"})
#: screen bindings that only repeat an app command of the palette (left out there)
APP_COMMANDS = ("app.open(", "app.quit")


def load_screen_class(name: str) -> type[Screen]:
    """The screen class registered as `name` (its module is imported now)."""
    module, _, attr = REGISTRY[name].target.partition(":")
    return getattr(importlib.import_module(module), attr)


class InterviewPrepApp(App[None]):
    """The app a learner lives in: dashboard, quiz, katas, progress."""

    CSS_PATH = "app.tcss"
    TITLE = "interview-prep"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", tooltip="Keys and how this screen works"),
        Binding("ctrl+t", "toggle_dark", "Light/dark", show=False, tooltip="Switch between light and dark"),
    ]

    def __init__(self, context: AppContext, *, cursor_blink: bool = True, theme: str | None = None):
        super().__init__()
        self.context = context
        self.cursor_blink = cursor_blink
        self._fixed_theme = theme
        self._warned_bank = False

    def get_default_screen(self) -> Screen:
        return DashboardScreen()

    def on_mount(self) -> None:
        self.theme = self._fixed_theme or self.context.peek_meta(THEME_KEY) or DARK_THEME
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: object) -> None:
        if self._fixed_theme is None:
            self.context.store.set_meta(THEME_KEY, self.theme)

    def on_unmount(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, BaseScreen):
                screen.stop_background()
        self.context.close()

    # navigation ---------------------------------------------------------------------

    def open_screen(self, name: str, **kwargs: object) -> None:
        """Show the registered screen `name`: go back to it if it is open, else push a new one."""
        cls = load_screen_class(name)
        for index, screen in enumerate(self.screen_stack):
            if type(screen) is cls and not kwargs:
                while len(self.screen_stack) > index + 1:
                    self.pop_screen()
                return
        self.push_screen(cls(**kwargs))

    def action_open(self, name: str) -> None:
        """Open a registered screen by name."""
        self.open_screen(name)

    def action_home(self) -> None:
        """Back to the dashboard."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_help(self) -> None:
        """Show the keys and a short guide for the current screen."""
        from interview_prep.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_dark(self) -> None:
        """Switch between the light and the dark theme."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def warn_bank_problems(self) -> None:
        """Notify once per run that some questions were skipped."""
        problems = self.context.loaded.bank_problems
        if problems and not self._warned_bank:
            self._warned_bank = True
            shown = "\n".join(f"• {p}" for p in problems[:3])
            more = f"\n… and {len(problems) - 3} more" if len(problems) > 3 else ""
            self.notify(
                f"{shown}{more}\nThose questions are skipped; `interview-prep dev check` lists every problem.",
                title=f"{len(problems)} problem(s) in the question bank",
                severity="warning",
                timeout=10,
                markup=False,
            )

    # command palette ----------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action: open each registered screen, the current screen's keys, app commands."""
        yield SystemCommand("Dashboard (home)", "Back to the dashboard", self.action_home)
        for entry in REGISTRY.values():
            yield SystemCommand(entry.palette_title, f"{entry.description} (key on the dashboard: {entry.key})",
                                partial(self.open_screen, entry.name))
        yield from screen_commands(screen)
        yield SystemCommand("Help (keys)", "Keys and how the current screen works", self.action_help)
        yield SystemCommand("Light/dark theme", "Switch between the light and the dark theme", self.action_toggle_dark)
        # Textual's own "Keys" panel duplicates our help screen: one entry, "Help (keys)"
        yield from (c for c in super().get_system_commands(screen) if c.title not in DUPLICATES)


def screen_bindings(screen: Screen) -> list[Binding]:
    """The bindings our screen classes declare (not Textual's own), the most specific class first.

    A key declared again by a subclass replaces the base class's binding of that key.
    """
    taken: set[str] = set()
    result: list[Binding] = []
    for cls in type(screen).__mro__:
        if not cls.__module__.startswith("interview_prep.") or "BINDINGS" not in cls.__dict__:
            continue
        own = list(Binding.make_bindings(cls.__dict__["BINDINGS"]))
        result += [binding for binding in own if binding.key not in taken]
        taken |= {binding.key for binding in own}
    merged: dict[str, Binding] = {}
    for binding in result:  # one entry per action, keys joined ("j,down")
        known = merged.get(binding.action)
        merged[binding.action] = binding if known is None else known.with_key(f"{known.key},{binding.key}")
    return list(merged.values())


def applies(screen: Screen, action: str) -> bool:
    """False when the screen hides the action right now (its `check_action` returns False)."""
    _, name, params = parse_action(action)
    return screen.check_action(name, params) is not False


def screen_commands(screen: Screen) -> Iterable[SystemCommand]:
    """A palette command for each described binding of `screen` that applies now."""
    title = getattr(screen, "TITLE", None) or type(screen).__name__
    for binding in screen_bindings(screen):
        if not binding.description or binding.action == "back" or not applies(screen, binding.action):
            continue
        if binding.action.startswith(APP_COMMANDS):  # the app's own "Open ..." and "Quit" entries
            continue
        keys = ", ".join(screen.app.get_key_display(Binding(k, "")) for k in binding.key.split(","))
        yield SystemCommand(
            f"{title}: {binding.description}",
            f"{binding.tooltip or binding.description} (key: {keys})",
            partial(screen.run_action, binding.action),
        )


def make_app(
    *,
    bank_dir: Path | None = None,
    katas_root: Path | None = None,
    workspace: Path | None = None,
    clock: Callable[[], datetime] | None = None,
    tz: tzinfo | None = None,
    cursor_blink: bool = True,
    theme: str | None = None,
) -> InterviewPrepApp:
    """Build the app; every argument overrides a default (the tests pin content, clock and theme)."""
    context = AppContext(bank_dir=bank_dir, katas_root=katas_root, workspace=workspace, clock=clock, tz=tz)
    return InterviewPrepApp(context, cursor_blink=cursor_blink, theme=theme)


def run_app() -> int:
    """Run the app in the terminal (the CLI's no-argument entry point)."""
    make_app().run()
    return 0
