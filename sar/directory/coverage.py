"""How many organisations sar can address: per category, entries with a sourced postal address, e-mail, or neither
(`sar directory coverage`), counted from what the organisations publish themselves and again with the addresses the
State's registers gave at the last `sar directory update` (sar.directory.registers)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sar.directory import registers
from sar.directory.caisses import Caisse, load_caisses
from sar.directory.entries import load_directory
from sar.directory.model import Actor, Contact

CAISSE_CATEGORIES = {"cpam": "caisse-cpam", "msa": "caisse-msa"}  # the caisses table, as categories of its own


def _sourced(contact: Contact, field_name: str) -> bool:
    if field_name == "postal":
        return contact.postal_sourced
    return bool(getattr(contact, field_name) and contact.source and contact.verified)


def _contacts(directory: Mapping[str, Actor], caisses: tuple[Caisse, ...],
              data: registers.RegisterData) -> list[tuple[str, Contact]]:
    contacts = [(a.category or "-", a.contact) for a in directory.values() if a.kind != "slot"]
    for caisse in caisses:
        address = data.caisses.get(caisse.id)
        contact = address.applied_to(caisse.contact) if address and caisse.contact.is_empty else caisse.contact
        contacts.append((CAISSE_CATEGORIES[caisse.regime], contact))
    return contacts


def coverage(directory: Mapping[str, Actor] | None = None, caisses: tuple[Caisse, ...] | None = None,
             data: registers.RegisterData | None = None) -> list[dict[str, Any]]:
    """Per category of organisation, how many entries have a sourced postal address, a sourced e-mail, or neither:
    `postal`, `neither` from what the organisations publish; `postal_with_registers`, `neither_with_registers` once
    the registers' addresses (`data`, by default the kept copy) are added.

    The slots the person fills (their doctor, pharmacy…) are left out: they never have an address of sar's own. The
    caisses of the public health insurance count as two categories, caisse-cpam (CPAM, CGSS, CSS) and caisse-msa.
    """
    data = registers.load() if data is None else data
    own = load_directory(registers=False) if directory is None else directory
    caisses = load_caisses() if caisses is None else caisses
    with_registers = registers.with_register_addresses(own, data)
    rows: dict[str, dict[str, Any]] = {}
    for (category, contact), (_same, registered) in zip(_contacts(own, caisses, registers.EMPTY),
                                                        _contacts(with_registers, caisses, data)):
        row = rows.setdefault(category, {"category": category, "entries": 0, "postal": 0, "email": 0, "neither": 0,
                                         "postal_with_registers": 0, "neither_with_registers": 0})
        row["entries"] += 1
        postal, email = _sourced(contact, "postal"), _sourced(contact, "email")
        row["postal"] += postal
        row["email"] += email
        row["neither"] += not (postal or email)
        registered_postal = _sourced(registered, "postal")
        row["postal_with_registers"] += registered_postal
        row["neither_with_registers"] += not (registered_postal or email)
    return sorted(rows.values(), key=lambda row: row["category"])
