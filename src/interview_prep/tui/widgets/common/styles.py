"""Theme-aware Rich styles for renderables that cannot use Textual's `$variables` (table cells)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App


def theme_color(app: App, name: str) -> str:
    """A colour of the current theme ('success', 'error', 'warning', 'accent', 'primary'...)."""
    return app.theme_variables.get(name) or getattr(app.current_theme, name, None) or "default"


def styled(app: App, text: str, color: str, *, bold: bool = False) -> Text:
    """`text` in the theme colour `color` (a Rich Text, safe from markup)."""
    return Text(text, style=f"{'bold ' if bold else ''}{theme_color(app, color)}")


def score_color(value: float) -> str:
    """'success' from 80%, 'warning' from 50%, else 'error'."""
    return "success" if value >= 0.8 else "warning" if value >= 0.5 else "error"
