"""Widgets of the plan screen."""
