"""Widgets of the katas screen."""
