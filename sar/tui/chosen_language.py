"""The language a person chose for the chat, remembered for their next visit.

Walking as a British man in Paris: he chose English at the first question, and came back to a home screen in French
(sar started in the system's language, which was not his). The chat now keeps the last language chosen (at the first
question, or with ctrl+l) in sar's data folder, a private file holding "fr" or "en"; `sar --lang` still wins. A web
page's chat (`sar serve`, a session) neither reads nor writes it: one visitor's choice is not the next one's.
"""

from __future__ import annotations

from pathlib import Path

from sar.i18n import LANGUAGES

FILE_NAME = "language"


def _path() -> Path:
    from sar.locations import data_dir

    return data_dir() / FILE_NAME


def remembered() -> str | None:
    """The language chosen last on this computer, or None (never chosen, or the file unreadable)."""
    try:
        lang = _path().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return lang if lang in LANGUAGES else None


def remember(lang: str) -> None:
    """Keep `lang` for the next visit; a folder that cannot be written only means it is asked again."""
    from sar.errors import SarError
    from sar.private_files import make_private_dir, write_private

    if lang not in LANGUAGES or remembered() == lang:
        return
    try:
        make_private_dir(_path().parent)
        write_private(_path(), lang + "\n")
    except (OSError, SarError):
        pass
