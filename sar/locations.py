"""Where sar keeps the user's files: the tracker, their directory additions, drafts and caches.

Everything lives in the user data dir (platformdirs), or under SAR_DATA_DIR when set (tests, portable use, an association's
shared folder). The tracker file can be chosen on its own with `--db PATH` or SAR_DB.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """The folder for sar's own files (not created here: writers create it privately when they first write)."""
    override = os.environ.get("SAR_DATA_DIR")
    return Path(override).expanduser() if override else Path(platformdirs.user_data_dir("sar", appauthor=False))


def default_db_path() -> Path:
    """The tracker file: SAR_DB if set, else `tracker.json` in the data dir."""
    override = os.environ.get("SAR_DB")
    return Path(override).expanduser() if override else data_dir() / "tracker.json"


def db_path(option: str | os.PathLike | None) -> Path:
    """The tracker file for a command: its `--db` option if given, else the default."""
    return Path(option).expanduser() if option else default_db_path()
