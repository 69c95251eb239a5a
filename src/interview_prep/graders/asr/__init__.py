"""Graders of the ASR track."""
