"""The learner's progress: one SQLite file in the user data dir (see `store`)."""

from interview_prep.progress.store import Store, open_store

__all__ = ["Store", "open_store"]
