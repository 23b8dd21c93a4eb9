"""How many organisations sar can address: per category, entries with a sourced postal address, e-mail, or neither
(`sar directory coverage`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sar.directory.caisses import Caisse, load_caisses
from sar.directory.entries import load_directory
from sar.directory.model import Actor, Contact

CAISSE_CATEGORIES = {"cpam": "caisse-cpam", "msa": "caisse-msa"}  # the caisses table, as categories of its own


def _sourced(contact: Contact, field_name: str) -> bool:
    return bool(getattr(contact, field_name) and contact.source and contact.verified)


def coverage(directory: Mapping[str, Actor] | None = None,
             caisses: tuple[Caisse, ...] | None = None) -> list[dict[str, Any]]:
    """Per category of organisation, how many entries have a sourced postal address, a sourced e-mail, or neither.

    The slots the person fills (their doctor, pharmacy…) are left out: they never have an address of sar's own. The
    caisses of the public health insurance count as two categories, caisse-cpam (CPAM, CGSS, CSS) and caisse-msa.
    """
    directory = load_directory() if directory is None else directory
    caisses = load_caisses() if caisses is None else caisses
    contacts: list[tuple[str, Contact]] = [(a.category or "-", a.contact) for a in directory.values() if a.kind != "slot"]
    contacts += [(CAISSE_CATEGORIES[c.regime], c.contact) for c in caisses]
    rows: dict[str, dict[str, Any]] = {}
    for category, contact in contacts:
        row = rows.setdefault(category, {"category": category, "entries": 0, "postal": 0, "email": 0, "neither": 0})
        row["entries"] += 1
        postal, email = _sourced(contact, "postal"), _sourced(contact, "email")
        row["postal"] += postal
        row["email"] += email
        row["neither"] += not (postal or email)
    return sorted(rows.values(), key=lambda row: row["category"])
