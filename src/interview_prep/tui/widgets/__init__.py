"""Widgets grouped by the screen region that shows them; `common` holds shared ones."""
