"""A person's name as a French organisation can find it: in Latin letters.

French organisations file people under the Latin spelling of their name, the one on their carte Vitale and identity
document (docs/legal.md, "Names the organisation can find"). When a name is typed in another script (« Ольга »,
« 王芳 », « محمد »), sar asks for that spelling too (`first_name_latin`, `last_name_latin`) and letters use it, with
the name as typed in brackets where the letter's PDF font can print it (« Olga (Ольга) »).

A name is in Latin script when each of its letters is a Latin letter (Unicode names them "LATIN ..."): « Zoë », « Œuvray »,
« Łukasz », « Nguyễn » are; spaces, hyphens, apostrophes, full stops and marks are not letters and do not count.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# The scripts of the font every PDF letter embeds (Noto Sans, sar/output/letter_font.py): Latin, Greek and Cyrillic.
# tests/test_letter_law.py checks that the shipped font holds the letters of names in each.
PRINTABLE_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


@lru_cache(maxsize=4096)
def _script(character: str) -> str:
    """The script of a letter as Unicode names it ("LATIN", "CYRILLIC", "CJK"...); "" for anything that is not a letter
    of a script (spaces, punctuation, marks, modifier letters such as the apostrophe U+02BC)."""
    if not unicodedata.category(character).startswith("L") or unicodedata.category(character) == "Lm":
        return ""
    return unicodedata.name(character, "").split(" ")[0]


def is_latin(text: str) -> bool:
    """True when every letter of `text` is a Latin letter (an empty text is)."""
    return all(_script(character) in ("", "LATIN") for character in text)


def printable_in_letters(text: str) -> bool:
    """True when every letter of `text` is in a script the letters' font prints."""
    return all(_script(character) in ("", *PRINTABLE_SCRIPTS) for character in text)


def latin(typed: str, latin_spelling: str) -> str:
    """The name a letter is addressed from and signed with: the Latin spelling when there is one, else as typed."""
    return latin_spelling.strip() or typed.strip()


def for_letter(typed: str, latin_spelling: str) -> str:
    """The name as a letter identifies the person: « Ivanova (Иванова) » where the font prints the name as typed,
    « Wang » where it cannot, and the name as typed when it needs no other spelling."""
    typed, latin_spelling = typed.strip(), latin_spelling.strip()
    if not latin_spelling or latin_spelling == typed:
        return typed
    return f"{latin_spelling} ({typed})" if printable_in_letters(typed) else latin_spelling
