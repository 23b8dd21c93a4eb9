"""`sar directory update`: read in the State's registers what is the same for everybody, and keep it.

One run asks the Annuaire de l'administration for every office of the types `cpam` and `msa` and keeps each caisse's
postal address (sar.directory.annuaire); then asks the company register for the registered office of each organisation
of the bundled directory that publishes no postal address of its own, by its SIREN or its exact legal name
(sar.directory.lookup.registered_office). The requests are built from sar's own data only: the same whoever runs it,
with no answers file and nothing about any person.

The result replaces `registers.json` (sar.directory.registers) only once everything has been read: offline, a register
down, an answer of an unexpected shape, or Ctrl-C, and the previous copy stays as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx

from sar.directory import annuaire, lookup, registers
from sar.directory.caisses import load_caisses
from sar.directory.entries import bundled_directory
from sar.directory.fetching import RegisterUnavailable, Traffic
from sar.directory.model import Actor
from sar.i18n import _

# Organisations whose letters go to the person's own caisse (sar.recipients) or that stand for one the person names, and
# foreign companies, which are not in SIRENE (the controllers of LibreView and Dexcom's apps are American companies,
# docs/actors.md): the register has nothing to add for them.
NOT_ASKED = frozenset({"cpam-medical-service", "msa", "mon-espace-sante", "tiers-payant-operator", "abbott-libreview",
                       "dexcom"})

Progress = Callable[[str, int, int], None]  # (step: "cpam" | "msa" | "entreprises", done, total)


@dataclass(frozen=True)
class UpdateReport:
    """What a run read and kept, for its summary."""

    records_read: int
    caisses_found: int
    caisses_gained: int  # caisses whose letters had no postal address of the caisse's own publication
    caisses_total: int
    caisses_before: int
    organisations_found: int
    organisations_asked: int
    organisations_before: int
    requests: int
    bytes_received: int
    seconds: float
    path: Path

    @property
    def gained(self) -> int:
        """Letters' addresses the registers add to what the organisations publish themselves."""
        return self.caisses_gained + self.organisations_found


def organisations_to_ask(directory: dict[str, Actor] | None = None) -> list[Actor]:
    """The bundled organisations that publish no postal address of their own and that the register can name: by a
    `siren` or a `legal_name` read in their own publication (sar/data/SOURCES.md). A brand ("SP Santé", "Keldoc") is
    never asked by itself: it may be the exact name of an unrelated company, whose address would then head a letter
    about the person's health. In directory order. Only the bundled directory is read, never the user's additions: the
    requests are the same whoever runs sar (a user's own correction still wins over the register's answer in their
    letters, sar.directory.registers)."""
    directory = bundled_directory() if directory is None else directory
    return [actor for actor in directory.values()
            if actor.kind == "organisation" and not actor.contact.postal and actor.id not in NOT_ASKED
            and (actor.siren or actor.legal_name)]


def names_of(actor: Actor) -> tuple[str, ...]:
    """The name an organisation bears in the register: its sourced legal name, or none (it is then asked by SIREN)."""
    return (actor.legal_name,) if actor.legal_name else ()


def run_update(*, client: httpx.Client | None = None, sleep: Callable[[float], None] = time.sleep,
               progress: Progress | None = None, today: date | None = None,
               clock: Callable[[], float] = time.monotonic, retry: str | None = None) -> UpdateReport:
    """Read both registers and replace the kept copy; RegisterUnavailable (nothing written) on any failure, ending on
    `retry`: what to do next where the person is (`sar directory update` again, by default; the chat's key)."""
    retry = retry or annuaire.retry_hint()
    started = clock()
    consulted = (today or date.today()).isoformat()
    before = registers.load()
    traffic = Traffic()
    own_client = client is None
    client = client or httpx.Client()
    to_ask = organisations_to_ask()
    try:
        records: dict[str, annuaire.Record] = {}
        for service_type in ("cpam", "msa"):
            def step(done: int, total: int, service_type: str = service_type) -> None:
                if progress is not None:
                    progress(service_type, done, total)
            for record in annuaire.fetch_type(service_type, client, sleep=sleep, traffic=traffic, progress=step,
                                              retry=retry):
                records.setdefault(record.id, record)
        caisses = annuaire.caisse_addresses(list(records.values()), consulted)
        organisations = {}
        for number, actor in enumerate(to_ask, start=1):
            office = lookup.registered_office(siren=actor.siren, names=names_of(actor), client=client, sleep=sleep,
                                              traffic=traffic, retry=retry)
            if office is not None:
                organisations[actor.id] = registers.RegisterAddress(office.postal, lookup.REGISTER, office.record,
                                                                    consulted, office.name)
            if progress is not None:
                progress("entreprises", number, len(to_ask))
    except annuaire.UnexpectedAnswer as error:
        raise RegisterUnavailable(_("{register} answered in a shape sar does not know ({detail}); {retry}").format(
            register=annuaire.the_register(), detail=error, retry=retry)) from None
    finally:
        if own_client:
            client.close()
    path = registers.save(registers.RegisterData(consulted, caisses, organisations))
    table = load_caisses()
    return UpdateReport(
        records_read=len(records), caisses_found=len(caisses),
        caisses_gained=sum(1 for caisse in table if caisse.id in caisses and not caisse.contact.postal),
        caisses_total=len(table),
        caisses_before=len(before.caisses), organisations_found=len(organisations), organisations_asked=len(to_ask),
        organisations_before=len(before.organisations), requests=traffic.requests,
        bytes_received=traffic.bytes_received, seconds=clock() - started, path=path)
