"""Open a letter's file with the program the computer uses for it (a PDF viewer, a mail program), or say that none exists.

The system's own opener is used: `open` on macOS, `os.startfile` on Windows, `xdg-open` elsewhere. Where there is none
(a server without a desktop), or where the chat runs for a web page (`sar serve`: the file is on the server, not on the
computer of the person reading the page), nothing is started and the screen says where the file is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def system_opener() -> list[str] | None:
    """The command that opens a file with its usual program here, or None when the computer has none."""
    if sys.platform == "darwin":
        return ["open"]
    if os.name == "nt":
        return []  # os.startfile
    found = shutil.which("xdg-open")
    return [found] if found else None


def open_with_system(path: Path) -> bool:
    """Open `path` with its usual program, without waiting for it; False when there is no program to open it with."""
    command = system_opener()
    if command is None:
        return False
    try:
        if not command:
            os.startfile(path)  # type: ignore[attr-defined]  # Windows only
        else:
            subprocess.Popen([*command, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    return True
