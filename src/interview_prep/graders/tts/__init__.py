"""Graders of the TTS track."""
