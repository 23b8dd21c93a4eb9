"""Places from the postcode: the region whose public holidays count for deadlines, and the towns a postcode serves.

Both are suggestions the person can change: the chat states them instead of asking, and answers files or CSV rows without a
`region` get the one their postcode implies.

- Holidays (sar.deadlines.REGIONS): Bas-Rhin (67), Haut-Rhin (68) and Moselle (57) keep Good Friday and 26 December
  (Code du travail, art. L.3134-13, local law of Alsace-Moselle); each overseas department (971 Guadeloupe, 972 Martinique,
  973 Guyane, 974 La Réunion, 976 Mayotte) has its own abolition-of-slavery day (loi n° 83-550 of 30 June 1983). Everywhere
  else, Corsica (20xxx, departments 2A and 2B) included, metropolitan holidays apply.
  Saint-Barthélemy (97133) and Saint-Martin (97150) have postcodes in Guadeloupe's 971 range; they are overseas
  collectivities with abolition days of their own (9 October, 28 May) that sar's regions do not hold yet, so they get
  Guadeloupe's calendar, the nearest sar has. Saint-Pierre-et-Miquelon (975xx) gets metropolitan holidays.
- Towns: `sar/data/postcodes.tsv.gz`, built by scripts/build_postcodes.py from the Base Adresse Nationale's `codes-postaux`
  (DGFiP FIMOCT and INSEE COG, Licence Ouverte); sources in sar/data/SOURCES.md. A postcode it does not know is typed.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import cache
from pathlib import Path

from sar.deadlines import DEFAULT_REGION, REGIONS

ALSACE_MOSELLE_DEPARTMENTS = ("57", "67", "68")
POSTCODE_TABLE = Path(__file__).resolve().parent / "data" / "postcodes.tsv.gz"


def region_for_postcode(postcode: str) -> str:
    """The holiday region (a key of sar.deadlines.REGIONS) that a postcode, or a department code such as 2A, implies."""
    code = postcode.strip().upper()
    if code[:2] in ALSACE_MOSELLE_DEPARTMENTS:
        return "alsace-moselle"
    if code[:3] in REGIONS:
        return code[:3]
    return DEFAULT_REGION


# Saint-Barthélemy and Saint-Martin: postcodes in Guadeloupe's range, holidays of their own (see the module docstring).
OVERSEAS_COLLECTIVITIES = ("97133", "97150")


def region_decided_by_postcode(postcode: str) -> bool:
    """Whether the postcode alone tells whose holidays count: everywhere but the two collectivities sar gives
    Guadeloupe's calendar for want of their own (the chat then asks to confirm instead of stating it)."""
    code = postcode.strip().replace(" ", "")
    return bool(code) and code not in OVERSEAS_COLLECTIVITIES


@cache
def _towns() -> dict[str, tuple[str, ...]]:
    with gzip.open(POSTCODE_TABLE, "rt", encoding="utf-8") as table:
        return {
            postcode: tuple(names.split("|"))
            for postcode, names in (line.rstrip("\n").split("\t") for line in table if line.strip())
        }


def towns_for_postcode(postcode: str) -> tuple[str, ...]:
    """The towns (communes) a postcode serves, in dictionary order; () for a postcode the bundled table does not know."""
    return _towns().get(postcode.strip().replace(" ", ""), ())


_SAINT = {"st": "saint", "ste": "sainte"}


def town_key(name: str) -> str:
    """A town's name as compared: no case, accents, hyphens or apostrophes, and "St"/"Ste" read as Saint/Sainte, so that
    "st etienne", "SAINT ETIENNE" and « Saint-Étienne » are one town."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.split(r"[\s\-'’.]+", plain)
    return " ".join(_SAINT.get(word, word) for word in words if word)


def spelled_as_in_table(typed: str, towns: tuple[str, ...]) -> str:
    """`typed` as the table spells it when it names one of `towns` (« saint etienne » -> « Saint-Étienne »), else as typed."""
    key = town_key(typed)
    return next((town for town in towns if town_key(town) == key), typed)
