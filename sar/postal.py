"""Addresses as La Poste reads them (norme AFNOR NF Z 10-011, which La Poste's guidance on writing addresses follows).

An address is at most 6 lines of at most 38 characters, from the addressee's name down to the locality; the last line
holds the postcode and the town alone, in capitals, with no accents nor punctuation (« 69002 LYON »,
« 75986 PARIS CEDEX 20 »). Mail for abroad takes a 7th line, the country, in capitals; mail within France takes none.
The country is named in the letter's language (« IRLANDE » in French, « IRELAND » in English: French and English are
the Universal Postal Union's languages, both read at the sorting office), from Babel's territory names.

Addresses come as lines (sar/data directory entries, "\\n"-separated) or as one line typed by a person
(« 3 place Bellecour, 69002 Lyon »): a French postcode and town at the end of a line, and a post box (« CS 22305 »,
« BP 735 », « TSA 80715 »: line 5 of the norm), are put on lines of their own.
Lines other than the last are printed as given (they are the organisation's own, as its source gives them).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from babel import Locale

# The languages a directory address may name its country in (the country's own language among them).
_COUNTRY_NAME_LANGUAGES = ("fr", "en", "de", "es", "it", "nl", "pt")
_COUNTRY_ALIASES = {"uk": "GB", "great britain": "GB", "usa": "US", "u.s.a.": "US", "eire": "IE"}
HOME_COUNTRY = "FR"

_TOWN_AT_END = re.compile(r"^(?P<before>.*?\S)[,\s]+(?P<town>\d{5}\s+[^\d\s,].*)$")
_POST_BOX = re.compile(r",\s*(?=(?:CS|BP|TSA|CP)\s*\d)", re.IGNORECASE)  # « …, CS 22305 »: line 5, a line of its own
_FRENCH_TOWN = re.compile(r"^(?P<postcode>\d{5})\s+(?P<town>\S.*)$")
_PUNCTUATION = re.compile(r"[-'’,.;:/()]+")


def _unaccented(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char))


def _key(text: str) -> str:
    return " ".join(_unaccented(text).casefold().split())


@cache
def _countries() -> dict[str, str]:
    """Country names (accents and case ignored) in the languages above, to their ISO 3166 code."""
    names: dict[str, str] = {}
    for lang in _COUNTRY_NAME_LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if code.isalpha() and len(code) == 2:
                names.setdefault(_key(name), code)
    names.update(_COUNTRY_ALIASES)
    return names


def country_code(line: str) -> str | None:
    """The ISO code of the country `line` names ("Ireland", "Deutschland", "Royaume-Uni"), or None."""
    return _countries().get(_key(line))


def country_line(code: str, lang: str) -> str:
    """The country line of an address abroad, in the letter's language and in capitals: « IRLANDE », « IRELAND »."""
    name = Locale(lang).territories.get(code, code)
    return _unaccented(name).upper()


def town_line(postcode: str, town: str) -> str:
    """A French last line: « 69002 LYON », « 92130 ISSY LES MOULINEAUX » (capitals, no accents, no punctuation)."""
    town = " ".join(_PUNCTUATION.sub(" ", _unaccented(town)).upper().split())
    return f"{postcode} {town}".strip()


def _split_towns(lines: list[str]) -> list[str]:
    out = []
    for line in (part for whole in lines for part in _POST_BOX.split(whole)):
        match = _TOWN_AT_END.match(line)
        out += [match["before"], match["town"]] if match else [line]
    return out


def address_lines(lines: list[str] | tuple[str, ...], lang: str) -> tuple[str, ...]:
    """An address (its lines, name first) laid out for La Poste: the locality last, the country only abroad."""
    lines = _split_towns([line for line in lines if line.strip()])
    code = country_code(lines[-1]) if len(lines) > 1 else None
    if code is not None:
        lines = lines[:-1]
    if code not in (None, HOME_COUNTRY):
        # Abroad: the country's own way of writing the locality, in capitals, then the country.
        return (*lines[:-1], lines[-1].upper(), country_line(code, lang))
    towns = [index for index, line in enumerate(lines) if _FRENCH_TOWN.match(line)]
    if not towns:
        return tuple(lines)
    index = towns[-1]
    match = _FRENCH_TOWN.match(lines[index])
    return (*lines[:index], *lines[index + 1:], town_line(match["postcode"], match["town"]))
