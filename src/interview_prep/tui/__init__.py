"""The Textual app (`interview-prep` with no arguments): see `tui.app` for its structure."""
