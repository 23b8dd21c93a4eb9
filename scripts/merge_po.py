"""A git merge driver for gettext catalogs: the union of both sides' messages (ours wins when both translate one).

Set up once per clone:
    git config merge.po.driver "python scripts/merge_po.py %O %A %B"
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


def main(base: str, ours: str, theirs: str) -> int:
    ours_catalog = load(ours, None)
    locale = str(ours_catalog.locale) if ours_catalog.locale else None
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
                 omit_header=Path(ours).suffix == ".pot" or not ours_catalog.locale)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
