"""The answers so far, saved after every step so that quitting (or a crash) loses nothing.

The draft is an ordinary answers file (TOML, written 0600 by `sar.journey.write_answers`) in the sar data folder, or at
`--answers PATH`; the person can also hand it to `sar actors --answers` later.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from sar import journey
from sar.locations import data_dir

DRAFT_NAME = "draft.toml"


class Draft:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path).expanduser() if path else data_dir() / DRAFT_NAME

    def exists(self) -> bool:
        return self.path.is_file()

    def load(self) -> dict[str, Any]:
        """The answers saved so far; InputError (with what is wrong) if the file cannot be read back."""
        return journey.load_partial_answers(self.path)

    def save(self, answers: Mapping[str, Any]) -> None:
        journey.write_answers(answers, self.path)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
