"""A git merge driver for gettext catalogs: the union of both sides' messages (ours wins when both translate one).

Set up once per clone:
    git config merge.po.driver "python scripts/merge_po.py %O %A %B %P"
(.gitattributes routes *.po and *.pot here.) Run `python scripts/i18n.py update` after the merge to drop messages no
longer in the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def load(path: str, locale: str | None):
    with open(path, "rb") as f:
        return read_po(f, locale=locale)


def _translated(string) -> bool:
    """A translation is there when every form is (plural messages have a tuple of forms)."""
    return all(string) if isinstance(string, tuple) else bool(string)


def main(base: str, ours: str, theirs: str, path: str = "") -> int:
    # `path` (git's %P) says which catalog this is: locales/fr/LC_MESSAGES/messages.po is French, whose plural messages
    # have three forms; read without it, a header-less catalog would keep only two.
    parts = Path(path).parts
    locale = parts[parts.index("LC_MESSAGES") - 1] if "LC_MESSAGES" in parts else None
    ours_catalog = load(ours, locale)
    for message in load(theirs, locale):
        if not message.id:
            continue
        mine = ours_catalog.get(message.id, message.context)
        if mine is None:
            ours_catalog[message.id] = message
        elif not _translated(mine.string) and _translated(message.string):
            mine.string = message.string
    with open(ours, "wb") as f:  # the layout of `scripts/i18n.py update`, so a merge changes only what it merges
        write_po(f, ours_catalog, sort_output=True, no_location=True,
                 omit_header=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
