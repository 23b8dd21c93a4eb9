"""The chat as `sar serve` shows it in a web page: keys the browser leaves to the page, and the letters downloaded.

Browsers keep some keys for themselves (ctrl+t opens a tab, ctrl+n a window, ctrl+w closes the page, and, when the page
is not focused, ctrl+r reloads it and ctrl+l goes to the address bar): in a web page, the app's actions are also on
function keys, which browsers leave to the page, and the footer shows those (`WEB_KEYS`, applied as Textual's keymap).

The letters a page's chat wrote are files on the computer that runs `sar serve`; the person in front of the page needs
them on their own. F9 (in a web page only) lists the files this chat wrote, letters and follow-ups: each can be
downloaded, or all of them as one .zip archive (Textual's `App.deliver_binary`, which textual-serve turns into a
download of the page, behind the same secret as the page). Only this chat's own files are listed: one visitor never
sees another's.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from sar.i18n import N_, _
from sar.tui.widgets.dialog import Dialog

# Binding id -> keys, in a web page: the first one is the one the footer shows.
WEB_KEYS = {
    "sar.language": "f2,ctrl+l",
    "sar.theme": "f4,ctrl+t",
    "sar.requests": "f8,ctrl+r",
}
DOWNLOAD_KEY = "f9"
ARCHIVE_NAME = "sar-letters.zip"


def existing_files(paths: Iterable[Path]) -> list[Path]:
    """The files still there, each once, in the order they were written."""
    return [path for path in dict.fromkeys(Path(p) for p in paths) if path.is_file()]


def letters_archive(paths: Iterable[Path]) -> bytes:
    """Every file in one .zip archive, under its person's folder and its own name (`anna-ivanova/doctolib.fr.pdf`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        names: set[str] = set()
        for path in paths:
            name = f"{path.parent.name}/{path.name}"
            number = 2
            while name in names:  # two folders of one name: keep both files
                name = f"{path.parent.name}-{number}/{path.name}"
                number += 1
            names.add(name)
            archive.write(path, name)
    return buffer.getvalue()


class DownloadDialog(Dialog[None]):
    """The files this chat wrote, each with its button, and one button for all of them as an archive."""

    DEFAULT_CSS = """
    DownloadDialog #downloads {
        height: auto;
        max-height: 14;
    }
    DownloadDialog #downloads Button {
        width: 100%;
        margin-bottom: 0;
    }
    """
    SAVE_LABEL = N_("Close")
    AUTO_FOCUS = "#download-all, #cancel"  # Enter downloads them all (or, with none, closes)

    def __init__(self, files: Iterable[Path]):
        super().__init__(_("Download the letters this chat wrote"))
        self.files = existing_files(files)

    def body(self) -> ComposeResult:
        if not self.files:
            yield Static(_("No letter written yet: write the letters first, then download them here."), classes="hint")
            return
        yield Static(_("They download to this computer, the one in front of you."), classes="hint")
        with VerticalScroll(id="downloads"):
            yield Button(_("All of them, as one archive ({name})").format(name=ARCHIVE_NAME), id="download-all",
                         variant="primary", compact=True)
            for number, path in enumerate(self.files):
                yield Button(f"{path.parent.name}/{path.name}", id=f"download-{number}", compact=True)

    def buttons(self) -> ComposeResult:
        yield Button(_(self.SAVE_LABEL), id="cancel", compact=True)

    @on(Button.Pressed, "#download-all")
    def _all(self) -> None:
        self.app.deliver_binary(io.BytesIO(letters_archive(self.files)), save_filename=ARCHIVE_NAME,
                                mime_type="application/zip")
        self.notify(_("Downloading {name}").format(name=ARCHIVE_NAME))

    @on(Button.Pressed, "#downloads Button")
    def _one(self, event: Button.Pressed) -> None:
        if event.button.id == "download-all":
            return
        path = self.files[int(event.button.id.removeprefix("download-"))]
        self.app.deliver_binary(path, save_filename=path.name)
        self.notify(_("Downloading {name}").format(name=path.name))

    def result(self) -> None:
        return None
