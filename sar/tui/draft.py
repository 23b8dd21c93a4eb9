"""The answers so far, saved after every step so that quitting (or a crash) loses nothing.

The draft is an ordinary answers file (TOML, written 0600 by `sar.journey.write_answers`) in the sar data folder, or at
`--answers PATH`; the person can also hand it to `sar actors --answers` later.

A *session* draft (`Draft.for_session`, `sar tui --session`, which `sar serve` runs for every page) belongs to one visitor
of a shared computer: it lives in its own private folder, so that two pages open at once never mix their answers and
the next visitor is never offered to "continue where I left off" with someone else's; it is erased when the chat ends,
with the answers of the interviews finished in it (`Draft.finished_journeys`).
A folder left by a chat that was killed is removed by the next session.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Mapping

from sar import journey
from sar.identity import process_alive
from sar.locations import data_dir

DRAFT_NAME = "draft.toml"
SESSIONS = "sessions"


class Draft:
    def __init__(self, path: str | Path | None = None, *, session: bool = False):
        self.path = Path(path).expanduser() if path else data_dir() / DRAFT_NAME
        self.session = session  # one visitor's draft on a shared computer, erased at the end (see the module docstring)

    @classmethod
    def for_session(cls) -> Draft:
        folder = data_dir() / SESSIONS
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _remove_abandoned(folder)
        own = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=folder))  # 0700, a name no other chat has
        return cls(own / DRAFT_NAME, session=True)

    def close(self) -> None:
        """The end of the chat: a session's answers are erased (those in a letter or the tracker stay there)."""
        if self.session:
            shutil.rmtree(self.path.parent, ignore_errors=True)

    def exists(self) -> bool:
        return self.path.is_file()

    def load(self) -> dict[str, Any]:
        """The answers saved so far; InputError (with what is wrong) if the file cannot be read back."""
        return journey.load_partial_answers(self.path)

    def save(self, answers: Mapping[str, Any]) -> None:
        journey.write_answers(answers, self.path)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)

    def finished_journeys(self):
        """Where finished interviews are kept (`sar.finished_journeys`): the sar data folder's, or, for a session, its
        own folder's, erased with it, so that a visitor is never offered another's answers."""
        from sar.finished_journeys import FinishedJourneys

        return FinishedJourneys(self.path.parent / "journeys" if self.session else None)


ABANDONED_AFTER_SECONDS = 24 * 3600  # no visitor's chat lasts a day: after a restart, a reused pid must not keep it


def _remove_abandoned(folder: Path) -> None:
    """Session folders whose chat process is gone (killed, or the machine stopped), or untouched for a day (its pid
    may have been reused since a restart): their answers go too. A draft is saved after every answer, which touches
    its folder."""
    now = time.time()
    for entry in folder.iterdir():
        pid = entry.name.split("-", 1)[0]
        if not (entry.is_dir() and pid.isdigit()):
            continue
        stale = now - entry.stat().st_mtime > ABANDONED_AFTER_SECONDS
        if stale or not process_alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)
