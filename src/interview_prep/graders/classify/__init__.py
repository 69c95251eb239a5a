"""Graders of the audio-classification track."""
