"""Widgets of the progress screen."""
