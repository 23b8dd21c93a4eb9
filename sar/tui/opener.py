"""Open a letter's file with the program the computer uses for it (a PDF viewer, a mail program), or say that none exists.

The system's own opener is used: `open` on macOS, `os.startfile` on Windows, `xdg-open` elsewhere, and only with a
graphical session (without one, xdg-open falls back to a text browser that would take over the chat's terminal). Where
there is none (a server without a desktop), where the opener fails (no program for PDF files), or where the chat runs for a
web page (`sar serve`: the file is on the server, not on the computer of the person reading the page), the screen says
where the file is. Opening waits a few seconds for the opener's verdict: call it off the UI thread.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


VERDICT_SECONDS = 5  # an opener that fails (no program for the file) says so at once; one still running has opened it


def system_opener(environ=None) -> list[str] | None:
    """The command that opens a file with its usual program here, or None when the computer has none."""
    environ = os.environ if environ is None else environ
    if sys.platform == "darwin":
        return ["open"]
    if os.name == "nt":
        return []  # os.startfile
    if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return None  # no desktop: nothing to open a PDF in
    found = shutil.which("xdg-open")
    return [found] if found else None


def open_with_system(path: Path) -> bool:
    """Open `path` with its usual program; False when there is no program to open it with, or the opener failed."""
    command = system_opener()
    if command is None:
        return False
    try:
        if not command:
            os.startfile(path)  # type: ignore[attr-defined]  # Windows only
            return True
        process = subprocess.Popen([*command, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    try:
        return process.wait(timeout=VERDICT_SECONDS) == 0
    except subprocess.TimeoutExpired:
        return True  # still running: the program it started holds the file
