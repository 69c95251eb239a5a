"""Widgets of the dashboard screen."""
