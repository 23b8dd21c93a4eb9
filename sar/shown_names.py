"""An organisation's name as the person reads it: in the language they read sar in (issue 24.5).

A tracked request keeps the name its letter used, in the letter's language: « Votre pharmacie » for a French letter to
a pharmacy the person did not name, "Tiers-payant operator (Almerys, Viamedis, SP Santé…)" for an English one. A list
shows it in the person's language: a name the directory writes differently in each language (a placeholder, a
description) is shown in theirs, with its number if it has one (« Votre médecin (2) » -> "Your doctor (2)"); any other
name (one the person gave, a caisse's, a company's) is the organisation's own and is shown as it is.
"""

from __future__ import annotations

import re
from functools import cache

from sar.bilingual import Bilingual
from sar.i18n import current_language

_NUMBERED = re.compile(r"^(?P<name>.*) \((?P<number>[2-9])\)$")


@cache
def _translated_names() -> dict[str, Bilingual[str]]:
    """Every name the directory writes differently in French and in English, from either spelling to both."""
    from sar.directory import load_directory
    from sar.recipients import IMAGING_CENTRE

    names: dict[str, Bilingual[str]] = {}
    for name in [IMAGING_CENTRE["name"], *(actor.name for actor in load_directory().values())]:
        if name.fr and name.en and name.fr != name.en:
            names.setdefault(name.fr, name)
            names.setdefault(name.en, name)
    return names


def is_directory_wording(name: str) -> bool:
    """Whether `name` is the directory's wording (« Votre pharmacie (2) », "Your CPAM"), not an organisation's own."""
    numbered = _NUMBERED.match(name)
    return (numbered["name"] if numbered else name) in _translated_names()


def shown_name(name: str, lang: str | None = None) -> str:
    """`name` (as a tracked request keeps it) in `lang` (the UI language by default)."""
    lang = lang or current_language()
    numbered = _NUMBERED.match(name)
    base, suffix = (numbered["name"], f" ({numbered['number']})") if numbered else (name, "")
    translated = _translated_names().get(base)
    return f"{translated.get(lang)}{suffix}" if translated else name
