"""Widgets of the mock interview screen."""
