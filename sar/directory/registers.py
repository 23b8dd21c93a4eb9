"""The State's registers sar reads addresses in, and what it keeps of them.

Two registers answer what is the same for everybody (`sar directory update`, sar.directory.update):

- the DILA's **Annuaire de l'administration** (service-public, Licence Ouverte 2.0): the postal address of each caisse
  of the public health insurance (sar.directory.annuaire);
- the **Recherche d'entreprises** API (INSEE's SIRENE, DINUM): the registered office of an organisation of the bundled
  directory that publishes no address of its own (sar.directory.lookup).

What they answered is kept in one private file of sar's data folder, `registers.json`, written whole or not at all: a
run that fails or is interrupted leaves the previous copy as it was. Every address keeps the register's name, the
record's URL or id and the date it was consulted, and whoever shows it says so: "Annuaire de l'administration (DILA),
consulted 3 December 2026". An organisation's own published contact always stays ahead of a register's address.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sar.directory.model import Actor, Contact
from sar.i18n import N_, format_iso_date, gettext
from sar.locations import data_dir
from sar.private_files import write_private

# Proper names, the same in both languages (the licence asks to cite the source by name).
REGISTER_NAMES = {
    "annuaire": "Annuaire de l'administration (DILA)",
    "entreprises": "Recherche d'entreprises (SIRENE)",
}
FILE_NAME = "registers.json"
FORMAT = 1
STALE_AFTER_DAYS = 31  # the findings screen offers an update when the data is older than a month (or absent)

CONSULTED = N_("{register}, consulted {date}")


@dataclass(frozen=True)
class RegisterAddress:
    """A postal address as a register gives it: its lines, the register, the record (URL or id), the date consulted,
    and the record's own name (which office or company it is)."""

    postal: str
    register: str
    record: str
    consulted: str
    name: str = ""

    def applied_to(self, contact: Contact) -> Contact:
        """`contact` with this postal address and where it was read; its e-mail and web form stay."""
        return replace(contact, postal=self.postal, register=self.register, record=self.record,
                       consulted=self.consulted)

    def as_data(self) -> dict[str, str]:
        return {"postal": self.postal, "register": self.register, "record": self.record, "consulted": self.consulted,
                "name": self.name}


@dataclass(frozen=True)
class RegisterData:
    """What the last complete `sar directory update` kept: addresses by caisse id and by directory id."""

    updated: str = ""  # ISO date of the run; "" when sar has never been updated
    caisses: Mapping[str, RegisterAddress] = field(default_factory=dict)
    organisations: Mapping[str, RegisterAddress] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.updated

    def as_data(self) -> dict[str, Any]:
        return {"format": FORMAT, "updated": self.updated,
                "caisses": {key: value.as_data() for key, value in sorted(self.caisses.items())},
                "organisations": {key: value.as_data() for key, value in sorted(self.organisations.items())}}


EMPTY = RegisterData()


def data_path() -> Path:
    return data_dir() / FILE_NAME


def _addresses(table: Any) -> dict[str, RegisterAddress]:
    if not isinstance(table, Mapping):
        raise ValueError("not a table")
    return {str(key): RegisterAddress(**{name: str(value.get(name, "")) for name in
                                         ("postal", "register", "record", "consulted", "name")})
            for key, value in table.items() if isinstance(value, Mapping) and value.get("postal")}


@lru_cache(maxsize=4)
def _read(path: str, stamp: tuple[int, int]) -> RegisterData:
    del stamp  # part of the cache key only: a rewritten file is read again
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        if document.get("format") != FORMAT:
            return EMPTY
        return RegisterData(str(document.get("updated") or ""), _addresses(document.get("caisses", {})),
                            _addresses(document.get("organisations", {})))
    except (OSError, ValueError, TypeError, AttributeError):
        return EMPTY  # a damaged copy is as good as none: the next update rewrites it


def load() -> RegisterData:
    """The registers' data kept by the last update, or EMPTY when there is none (or it cannot be read)."""
    path = data_path()
    try:
        status = path.stat()
    except OSError:
        return EMPTY
    return _read(str(path), (status.st_mtime_ns, status.st_size))


def save(data: RegisterData) -> Path:
    """Replace the kept data with `data`, privately and atomically (sar.private_files): the old copy stays whole until
    the new one is complete."""
    return write_private(data_path(), json.dumps(data.as_data(), ensure_ascii=False, indent=1) + "\n")


def age_in_days(data: RegisterData, today: date | None = None) -> int | None:
    if data.is_empty:
        return None
    try:
        return ((today or date.today()) - date.fromisoformat(data.updated)).days
    except ValueError:
        return None


def is_stale(data: RegisterData, today: date | None = None) -> bool:
    """True when the registers' data is absent or older than a month: the findings screen then offers an update."""
    age = age_in_days(data, today)
    return age is None or age > STALE_AFTER_DAYS


def provenance(contact: Contact, lang: str | None = None) -> str:
    """Where a register's address comes from, for the person: "Annuaire de l'administration (DILA), consulted
    3 December 2026"; "" for a contact that does not come from a register."""
    if not (contact.register and contact.consulted):
        return ""
    return gettext(CONSULTED, lang).format(register=REGISTER_NAMES.get(contact.register, contact.register),
                                           date=format_iso_date(contact.consulted, lang))


def with_register_addresses(actors: Mapping[str, Actor], data: RegisterData) -> dict[str, Actor]:
    """The directory with the registers' registered offices for the organisations that publish no postal address of
    their own (their own published contact, or the person's own correction, always stays ahead)."""
    result = dict(actors)
    for actor_id, address in data.organisations.items():
        actor = result.get(actor_id)
        if actor is not None and actor.kind == "organisation" and not actor.contact.postal:
            result[actor_id] = replace(actor, contact=address.applied_to(actor.contact))
    return result
