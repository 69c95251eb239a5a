"""Where interview-prep keeps things: user cache, user data, workspace and shipped content.

`INTERVIEW_PREP_HOME` overrides everything: cache, data and the default workspace then
live under that one folder (for portable set-ups). `INTERVIEW_PREP_CACHE` overrides the
cache alone (tests isolate data per test but share built models).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "interview-prep"
HOME_ENV = "INTERVIEW_PREP_HOME"
CACHE_ENV = "INTERVIEW_PREP_CACHE"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser().resolve() if value else None


def cache_dir() -> Path:
    """Root of the model cache and the synthetic-audio cache."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser().resolve()
    home = _home()
    if home:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Folder of the progress database and settings."""
    home = _home()
    if home:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_workspace() -> Path:
    """Where `interview-prep init` puts kata starters when no folder is given."""
    home = _home()
    if home:
        return home / "workspace"
    return Path.home() / "interview-prep-workspace"


def content_root() -> Path:
    """Folder holding katas/, quiz/ and solutions/.

    A wheel ships them inside the package (`_content`); a source checkout or an
    editable install uses the repository's top-level folders.
    """
    shipped = _PACKAGE_DIR / "_content"
    if shipped.is_dir():
        return shipped
    return _PACKAGE_DIR.parents[1]


def katas_dir() -> Path:
    return content_root() / "katas"


def quiz_dir() -> Path:
    return content_root() / "quiz"


def solutions_dir() -> Path:
    return content_root() / "solutions"
