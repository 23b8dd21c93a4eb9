"""The caisses of the public health insurance, and the person's own from their postcode.

One entry per caisse (`sar/data/caisses.toml`): a CPAM (a CGSS or the CSS overseas) or an MSA caisse, the départements it
serves, and its data-protection officer's contact exactly as the caisse publishes it, with the page, the date it was read
and the quoted line; or an empty contact and what was searched. An address is never derived from another caisse's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sar.directory.entries import DirectoryError, folded, is_iso_date
from sar.directory.model import Contact
from sar.documents import read_document
from sar.i18n import _

REGIMES = ("cpam", "msa")
CAISSE_KINDS = ("cpam", "cgss", "css", "msa")
COVERAGE_LEVELS = ("stated", "name", "partial", "unverified")


@dataclass(frozen=True)
class Lead:
    """An address that is not the caisse's own current publication (the State's 2015 directory): shown as a lead to
    check, never written on a letter."""

    name: str
    postal: str
    source: str
    quote: str
    entry_update: str


@dataclass(frozen=True)
class Caisse:
    """One caisse of the public health insurance: a CPAM (CGSS, CSS overseas) or an MSA caisse, and the départements
    it serves. Its contact is the data-protection officer's, as the caisse publishes it, or empty (`searched` says
    what was looked for)."""

    id: str
    name: str
    regime: str  # cpam (CPAM, CGSS, CSS) | msa
    kind: str
    departements: tuple[str, ...]
    contact: Contact
    searched: str = ""
    coverage: str = "stated"  # how sure the départements are (MSA; see caisses.toml)
    state_directory_2015: Lead | None = None


def caisses_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "caisses.toml"


def _caisse(entry: Mapping[str, Any]) -> Caisse:
    lead = entry.get("state_directory_2015")
    return Caisse(
        id=entry["id"], name=entry["name"], regime=entry["regime"], kind=entry["kind"],
        departements=tuple(entry["departements"]),
        contact=Contact(postal=entry.get("postal", ""), email=entry.get("email", ""), web_form=entry.get("web_form", ""),
                        source=entry.get("source", ""), quote=entry.get("quote", ""),
                        verified=entry.get("read", "") if entry.get("source") else ""),
        searched=entry.get("searched", ""), coverage=entry.get("coverage", "stated"),
        state_directory_2015=Lead(**{key: str(lead.get(key, "")) for key in Lead.__dataclass_fields__}) if lead else None,
    )


def check_caisses(entries: list[Any]) -> list[str]:
    """Problems with the caisses table: a contact without its source, date and quote, an unknown kind, a twice-used id."""
    problems, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        where = f"caisse {number} ({entry.get('id', '?')})"
        if entry.get("id") in seen:
            problems.append(f"{where}: id appears twice")
        seen.add(entry.get("id"))
        if entry.get("regime") not in REGIMES or entry.get("kind") not in CAISSE_KINDS:
            problems.append(f"{where}: regime must be one of {REGIMES}, kind one of {CAISSE_KINDS}")
        if not entry.get("name") or not entry.get("departements"):
            problems.append(f"{where}: a name and départements are required")
        if any(entry.get(key) for key in ("postal", "email", "web_form")):
            if not (entry.get("source") and is_iso_date(entry.get("read")) and entry.get("quote")):
                problems.append(f"{where}: a contact needs its source, the date it was read and the quoted line")
        elif not entry.get("searched"):
            problems.append(f"{where}: a blank contact needs `searched` (what was looked for)")
        if entry.get("coverage", "stated") not in COVERAGE_LEVELS:
            problems.append(f"{where}: coverage must be one of {COVERAGE_LEVELS}")
    return problems


@cache
def load_caisses() -> tuple[Caisse, ...]:
    """The bundled table of caisses (sar/data/caisses.toml), checked: a DirectoryError lists every problem."""
    entries = list(read_document(caisses_path(), _("directory files")).get("caisse", []))
    problems = check_caisses(entries)
    if problems:
        raise DirectoryError(problems, str(caisses_path()))
    return tuple(_caisse(entry) for entry in entries)


def departement_for_postcode(postcode: str) -> str:
    """The département of a French postcode: "69003" -> "69"; Corsica "20000"-"20199" -> "2A", "20200"-"20999" -> "2B";
    overseas "97xxx" -> "971" to "976" (Saint-Barthélemy 97133 and Saint-Martin 97150 fall in Guadeloupe's 971, whose
    CGSS serves them); "" for anything else (Monaco and the Pacific, 98xxx; not a postcode)."""
    code = postcode.strip().replace(" ", "")
    if not re.fullmatch(r"\d{5}", code) or code.startswith("00"):
        return ""
    if code.startswith("20"):
        return "2A" if int(code) < 20200 else "2B"
    if code.startswith("97"):
        return code[:3] if code[:3] in ("971", "972", "973", "974", "975", "976") else ""
    if code.startswith("98"):
        return ""
    return code[:2]


_NAME_STOP_WORDS = frozenset("cpam caisse primaire d assurance maladie de du des la l le les et en msa cgss css ccss "
                             "generale securite sociale commune mutualite agricole".split())


def _name_words(name: str) -> set[str]:
    return {word for word in re.split(r"[^a-z0-9]+", folded(name.replace("œ", "oe"))) if word} - _NAME_STOP_WORDS


def names_match(caisse: Caisse, name: str) -> bool:
    """Whether a name the person typed ("CPAM du Rhône", "cpam rhone", "MSA Portes de Bretagne") names this caisse:
    every distinctive word of the caisse's name is in it (accents, case and "CPAM", "de", "du"… ignored)."""
    own, typed = _name_words(caisse.name), _name_words(name)
    return bool(own) and own <= typed


def caisse_for(postcode: str, regime: str = "cpam", name_hint: str = "",
               caisses: tuple[Caisse, ...] | None = None) -> tuple[Caisse, ...]:
    """The person's own caisse in `regime` ("cpam": CPAM, CGSS or CSS; "msa"), from their postcode.

    One caisse when the postcode's département has one, or when the name the person gave (`name_hint`, their
    `insurance_fund_name`) picks one of several; several (the candidates, for "one of: ...") when the département has
    several and the name picks none; none for an unknown postcode. A name that matches exactly one caisse of the regime
    elsewhere wins over the postcode: the person knows their caisse (a student, a move), the postcode only suggests it.
    """
    caisses = load_caisses() if caisses is None else caisses
    in_regime = [c for c in caisses if c.regime == regime]
    if name_hint.strip():
        named = [c for c in in_regime if names_match(c, name_hint)]
        if len(named) > 1:  # "CPAM de la Haute-Loire" also holds every word of "CPAM de la Loire"
            most = max(len(_name_words(c.name)) for c in named)
            named = [c for c in named if len(_name_words(c.name)) == most]
        if len(named) == 1:
            return tuple(named)
    departement = departement_for_postcode(postcode)
    return tuple(c for c in in_regime if departement and departement in c.departements)


def search_caisses(text: str, caisses: tuple[Caisse, ...] | None = None) -> list[Caisse]:
    """Caisses whose name, id or département contains every word of `text` (accents and case ignored)."""
    caisses = load_caisses() if caisses is None else caisses
    words = folded(text).split()
    return [c for c in caisses
            if words and all(word in folded(" ".join([c.id, c.name, *c.departements])) for word in words)]


