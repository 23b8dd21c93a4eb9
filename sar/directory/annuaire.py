"""The DILA's Annuaire de l'administration: the postal address of each caisse of the public health insurance.

The Annuaire (api-lannuaire.service-public.gouv.fr, an Opendatasoft portal, Explore API v2.1; Licence Ouverte 2.0) has
a record per office: each CPAM's (CGSS's, CSS's) and each MSA caisse's siège and its counters ("accueil de …"). sar
reads every record of the types `cpam` and `msa` (the CGSS overseas carry `cpam`), page by page within the documented
limits (at most 100 records a call, `offset + limit` at most 10,000), and then decides itself which records are the
caisse's own: a server-side `pivot like "cpam"` also returns other offices, so the exact `type_service_local` is
checked here, and records that are also a Caf, Carsat, URSSAF or Cicas office are left out.

For each caisse of sar/data/caisses.toml, the address kept is, in this order:
  1. the "Adresse postale" (where mail goes, usually a CEDEX) of the caisse's siège;
  2. the "Adresse postale" that the caisse's records carry (all of them, or a strict majority: counters carry the
     caisse's central postal address);
  3. the siège's own address, when no record has a postal address;
and none otherwise: a counter's street address is never taken. Its lines are, in order, complement1, complement2,
numero_voie, service_distribution, then "code_postal nom_commune" (a complement that only names the caisse is left out:
the letter names it already).

The API sends `pivot` and `adresse` as JSON text, the daily bulk file as arrays: both are read. An answer of another
shape stops the run with one line naming the register (UnexpectedAnswer).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import httpx

from sar.directory import caisses as caisses_table
from sar.directory.entries import folded
from sar.directory.fetching import Throttle, Traffic, get_json
from sar.directory.registers import RegisterAddress
from sar.i18n import _

DEFAULT_API = "https://api-lannuaire.service-public.gouv.fr"
DATASET = "api-lannuaire-administration"
PAGE_SIZE = 100  # the documented maximum per call
MAX_RECORDS = 10_000  # `offset + limit` may not pass it (the API answers 400 beyond)
# The DILA publishes no request rate for this API (docs/registers.md); the Opendatasoft platform counts calls per day.
# sar asks at most twice a second, and waits as told on a 429.
MIN_INTERVAL_SECONDS = 0.5
REGISTER = "annuaire"
TYPE_OF_REGIME = {"cpam": "cpam", "msa": "msa"}  # sar's regime -> the Annuaire's `type_service_local`
NOT_AN_INSURER = frozenset({"caf", "carsat", "urssaf", "cicas"})  # offices near a caisse that are not the person's insurer
FIELDS = ("id", "nom", "pivot", "adresse", "url_service_public", "ancien_code_pivot", "code_insee_commune",
          "date_modification")
POSTAL, STREET = "Adresse postale", "Adresse"

throttle = Throttle(MIN_INTERVAL_SECONDS)


class UnexpectedAnswer(ValueError):
    """The Annuaire answered in a shape sar does not know: the run stops and nothing is written."""


def api_base() -> str:
    return os.environ.get("SAR_ANNUAIRE_API", DEFAULT_API).rstrip("/")


def records_url() -> str:
    return f"{api_base()}/api/explore/v2.1/catalog/datasets/{DATASET}/records"


@dataclass(frozen=True)
class Address:
    kind: str  # "Adresse postale" | "Adresse"
    lines: tuple[str, ...]  # street lines, without the town
    postcode: str
    town: str

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        """What makes two addresses the same: postcode, town and the lines that carry a number (a street, a BP)."""
        return self.postcode, folded(self.town), tuple(sorted(folded(line) for line in self.lines
                                                             if re.search(r"\d", line)))


@dataclass(frozen=True)
class Record:
    """One office of the Annuaire, as sar reads it."""

    id: str
    name: str
    types: tuple[str, ...]
    commune: str  # INSEE code of the office's commune
    addresses: tuple[Address, ...]
    url: str = ""
    old_pivot: str = ""

    def address(self, kind: str) -> Address | None:
        return next((a for a in self.addresses if a.kind == kind and (a.lines or a.postcode)), None)

    @property
    def departement(self) -> str:
        code = self.commune.strip().upper()
        if re.fullmatch(r"2[AB]\d{3}", code):
            return code[:2]
        if re.fullmatch(r"\d{5}", code):
            return code[:3] if code.startswith("97") else code[:2]
        for address in self.addresses:
            found = caisses_table.departement_for_postcode(address.postcode)
            if found:
                return found
        return ""

    @property
    def is_siege(self) -> bool:
        return "siege" in folded(self.name)

    @property
    def reference(self) -> str:
        """The record's URL for people, or its id in the dataset."""
        return self.url or f"{DATASET}, id {self.id}"


# -- reading an answer ---------------------------------------------------------------------------------------------------

def _decoded(value: object, what: str) -> list:
    """A field the API sends as JSON text and the bulk file as an array (or absent)."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise UnexpectedAnswer(f"{what} is neither JSON text nor an array") from None
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise UnexpectedAnswer(f"{what} is not a list")
    return value


def _text(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, (str, int)) else ""


def parse_address(entry: object) -> Address:
    if not isinstance(entry, Mapping):
        raise UnexpectedAnswer("an address is not an object")
    lines = tuple(line for line in (_text(entry.get(key)) for key in
                                    ("complement1", "complement2", "numero_voie", "service_distribution")) if line)
    return Address(_text(entry.get("type_adresse")), lines, _text(entry.get("code_postal")),
                   _text(entry.get("nom_commune")))


def parse_record(raw: object) -> Record:
    if not isinstance(raw, Mapping):
        raise UnexpectedAnswer("a record is not an object")
    if not isinstance(raw.get("id"), str) or not isinstance(raw.get("nom"), str):
        raise UnexpectedAnswer("a record has no id or name")
    types = []
    for pivot in _decoded(raw.get("pivot"), "pivot"):
        if not isinstance(pivot, Mapping):
            raise UnexpectedAnswer("a pivot entry is not an object")
        types.append(_text(pivot.get("type_service_local")))
    return Record(
        id=raw["id"], name=" ".join(raw["nom"].split()), types=tuple(t for t in types if t),
        commune=_text(raw.get("code_insee_commune")),
        addresses=tuple(parse_address(entry) for entry in _decoded(raw.get("adresse"), "adresse")),
        url=_text(raw.get("url_service_public")), old_pivot=_text(raw.get("ancien_code_pivot")),
    )


def parse_page(document: object) -> tuple[int, list[Record]]:
    """(total_count, records) of one answer of the records endpoint; UnexpectedAnswer for any other shape."""
    if not isinstance(document, Mapping) or not isinstance(document.get("results"), list) \
            or not isinstance(document.get("total_count"), int):
        raise UnexpectedAnswer("no total_count and results list")
    return document["total_count"], [parse_record(raw) for raw in document["results"]]


# -- asking --------------------------------------------------------------------------------------------------------------

def fetch_type(service_type: str, client: httpx.Client, *, sleep: Callable[[float], None],
               traffic: Traffic | None = None, progress: Callable[[int, int], None] | None = None,
               retry: str | None = None) -> list[Record]:
    """Every record the Annuaire returns for `pivot like "<service_type>"`, page by page; the caller filters them.
    `retry` says what to do after a failure (the command line's by default)."""
    register, retry = the_register(), retry or retry_hint()
    records: list[Record] = []
    offset, total = 0, None
    while total is None or offset < total:
        params = {"where": f'pivot like "{service_type}"', "select": ",".join(FIELDS), "order_by": "id",
                  "limit": str(PAGE_SIZE), "offset": str(offset)}
        document = get_json(client, records_url(), params, register=register, retry=retry, throttle=throttle,
                            sleep=sleep, traffic=traffic)
        count, page = parse_page(document)
        if total is None:
            total = count
            if total > MAX_RECORDS:
                raise UnexpectedAnswer(f"{total} records of type {service_type}, more than the API lets sar page through")
        records += page
        if progress is not None:
            progress(len(records), total)
        if not page:
            break
        offset += len(page)
    return records


def the_register() -> str:
    return _("The Annuaire de l'administration (DILA)")


def retry_hint() -> str:
    return _("nothing was changed; try again later with `sar directory update`.")


# -- choosing each caisse's address --------------------------------------------------------------------------------------

_OWN_NAME = re.compile(r"^(caisse (primaire|generale|commune)|caisse de securite|mutualite sociale agricole)")


def letter_lines(address: Address, caisse: caisses_table.Caisse) -> str:
    """The address as the letter's lines; a complement that only names the caisse (the letter names it) is left out."""
    lines = [line for line in address.lines
             if not (_OWN_NAME.match(folded(line)) and caisses_table.names_match(caisse, line))]
    town = " ".join(part for part in (address.postcode, address.town) if part)
    return "\n".join([*lines, town] if town else lines)


def caisse_records(caisse: caisses_table.Caisse, records: Iterable[Record],
                   table: tuple[caisses_table.Caisse, ...]) -> list[Record]:
    """The records that are this caisse's own offices: of its exact type and of no Caf/Carsat/URSSAF/Cicas type, in
    one of its départements; named after it when another caisse of its regime shares a département (Nord, MSA…)."""
    service_type = TYPE_OF_REGIME[caisse.regime]
    shared = caisse.regime == "msa" or any(
        other.id != caisse.id and other.regime == caisse.regime and set(other.departements) & set(caisse.departements)
        for other in table)
    return [record for record in records
            if service_type in record.types and not NOT_AN_INSURER & set(record.types)
            and record.departement in caisse.departements
            and (not shared or caisses_table.names_match(caisse, record.name))]


def choose_address(own: list[Record]) -> tuple[Record, Address] | None:
    """The caisse's postal address among its records (the rules in the module's docstring), with the record it is
    read from."""
    sieges = [(r, r.address(POSTAL)) for r in own if r.is_siege and r.address(POSTAL)]
    if len({address.key for _record, address in sieges}) == 1:
        return sieges[0]
    postal = [(r, r.address(POSTAL)) for r in own if r.address(POSTAL)]
    if postal:
        counts = Counter(address.key for _record, address in postal)
        key, count = counts.most_common(1)[0]
        if count * 2 > len(postal):
            return next((r, a) for r, a in sorted(postal, key=lambda pair: not pair[0].is_siege) if a.key == key)
        return None  # the offices disagree: no address is better than a counter's
    streets = [(r, r.address(STREET)) for r in own if r.is_siege and r.address(STREET)]
    if len({address.key for _record, address in streets}) == 1:
        return streets[0]
    return None


def caisse_addresses(records: list[Record], consulted: str,
                     table: tuple[caisses_table.Caisse, ...] | None = None) -> dict[str, RegisterAddress]:
    """For each caisse of the table, the postal address the Annuaire gives it (when its records give one)."""
    table = caisses_table.load_caisses() if table is None else table
    found = {}
    for caisse in table:
        chosen = choose_address(caisse_records(caisse, records, table))
        if chosen is not None:
            record, address = chosen
            found[caisse.id] = RegisterAddress(letter_lines(address, caisse), REGISTER, record.reference, consulted,
                                               record.name)
    return found
