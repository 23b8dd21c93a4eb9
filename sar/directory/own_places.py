"""The person's own places in one step: the addresses of the places they named but gave no address for, from the
company register, kept for that person's letters only.

Which places: each pharmacy, laboratory, hospital or clinic, imaging centre and practitioner of the journey that has a
name and no address (sar.care_places), and the mutuelle or tiers-payant operator the person wrote by name. What is sent,
for each: the name the person gave and, for a local place, the person's postcode; nothing else. `plan()` says exactly
that before anything is sent, and the person agrees first (`sar directory lookup --answers FILE`, the chat's findings
screen, `sar bulk --lookup`).

What is taken: a single match (for a pharmacy, a laboratory or a private clinic, among FINESS-registered health
establishments; for a public hospital, among organisations of the legal form of a public hospital, INSEE 7364). Several
matches are kept as candidates for the person to choose from, and none is chosen for them; no match is "not found".

Where it is kept, and why: in a private file per person (`places/<hash of the person's identity>.json` in sar's data
folder, sar.identity), never in the shared directory. An association's tracker and bulk runs hold many people, and one
person's pharmacy is not another's; the person's answers file stays as they wrote it (it has no room for the register,
the record and the date); and the file's name says nothing about whose it is. A place's address is used only while the
person still gives the place the name it was found under.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sar import care_places
from sar.directory.entries import same_name
from sar.directory.model import Contact
from sar.directory.registers import RegisterAddress
from sar.i18n import N_, gettext
from sar.identity import person_identity
from sar.journey import Journey
from sar.locations import data_dir
from sar.private_files import write_private

FOLDER = "places"
FOUND, SEVERAL, NOT_FOUND = "found", "several", "not-found"
REGISTER = "entreprises"

# What kind of organisation each place is, as the register's filters say it: a health establishment registered in
# FINESS, or an organisation of the legal form of a public hospital (INSEE 7364).
FINESS_ONLY = {"est_finess": "true"}
PUBLIC_HOSPITAL = {"nature_juridique": "7364"}

KIND_WORDS = {
    "doctor": N_("practitioner"), "pharmacy": N_("pharmacy"), "lab": N_("laboratory"), "hospital": N_("hospital or clinic"),
    "imaging": N_("imaging centre"), "mutuelle": N_("mutuelle"), "operator": N_("tiers-payant operator"),
}


@dataclass(frozen=True)
class PlaceToFind:
    """A place the person named without an address, and exactly what a look-up sends for it."""

    actor_id: str  # the finding it addresses (your-pharmacy, your-hospital-2, your-mutuelle…)
    kind: str  # a key of KIND_WORDS
    name: str
    postcode: str = ""  # sent with the name for a local place; "" for a mutuelle or an operator
    filters: Mapping[str, str] = field(default_factory=dict)

    def sent(self) -> dict[str, str]:
        """The request's parameters that come from the person: the name and the postcode, nothing else."""
        return {"q": self.name, **({"code_postal": self.postcode} if self.postcode else {})}


@dataclass(frozen=True)
class Candidate:
    name: str
    postal: str
    record: str
    siren: str = ""


@dataclass(frozen=True)
class FoundPlace:
    """What the register answered for one place: FOUND (with its address), SEVERAL (candidates, none chosen) or
    NOT_FOUND; `address` is set when found or chosen by the person."""

    actor_id: str
    name: str
    postcode: str
    status: str
    consulted: str
    candidates: tuple[Candidate, ...] = ()
    address: RegisterAddress | None = None

    def as_data(self) -> dict[str, Any]:
        return {"actor_id": self.actor_id, "name": self.name, "postcode": self.postcode, "status": self.status,
                "consulted": self.consulted, "candidates": [vars(c) for c in self.candidates],
                "address": self.address.as_data() if self.address else None}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> FoundPlace:
        address = data.get("address")
        return cls(str(data["actor_id"]), str(data["name"]), str(data.get("postcode", "")), str(data["status"]),
                   str(data.get("consulted", "")),
                   tuple(Candidate(**{k: str(c.get(k, "")) for k in ("name", "postal", "record", "siren")})
                         for c in data.get("candidates", [])),
                   RegisterAddress(**{k: str(address.get(k, "")) for k in ("postal", "register", "record", "consulted",
                                                                           "name")}) if address else None)


# -- which places, and what is sent ---------------------------------------------------------------------------------------

def _place_filters(place: care_places.Place) -> Mapping[str, str]:
    if place.kind.key in ("pharmacy", "lab"):
        return FINESS_ONLY
    if place.kind.key == "hospital":
        return PUBLIC_HOSPITAL if place.value == "public" else FINESS_ONLY
    return {}


def places_to_find(journey: Journey, found: Mapping[str, FoundPlace] | None = None) -> list[PlaceToFind]:
    """The person's places that have a name and no address, and no address found already under that name."""
    found = load(journey) if found is None else found
    postcode = journey.person.postcode.strip()
    wanted = []
    for kind in care_places.PLACE_KINDS:
        for place in journey.places(kind):
            if place.name.strip() and not place.address.strip():
                wanted.append(PlaceToFind(place.actor_id, kind.key, place.name.strip(), postcode, _place_filters(place)))
    from sar.inference import MUTUELLE_IDS, TIERS_PAYANT_OPERATORS  # the ones the directory knows (they import us)

    mutuelle = str(journey.answer("mutuelle") or "")
    if mutuelle not in ("", "none", *MUTUELLE_IDS):
        wanted.append(PlaceToFind("your-mutuelle", "mutuelle", mutuelle.strip()))
    operator = str(journey.answer("tiers_payant_operator") or "")
    if journey.answer("tiers_payant") and operator not in ("", "unknown", *TIERS_PAYANT_OPERATORS):
        wanted.append(PlaceToFind("tiers-payant-operator", "operator", operator.strip()))
    return [place for place in wanted if len(place.name) >= 3 and address_for(found, place.actor_id, place.name) is None]


def plan(places: Iterable[PlaceToFind], lang: str | None = None) -> list[str]:
    """What will be sent, one line a place, in the person's language: "Pharmacie du Centre (pharmacy), postcode 32000"."""
    lines = []
    for place in places:
        kind = gettext(KIND_WORDS[place.kind], lang)
        if place.postcode:
            lines.append(gettext(N_("{name} ({kind}), postcode {postcode}"), lang).format(
                name=place.name, kind=kind, postcode=place.postcode))
        else:
            lines.append(gettext(N_("{name} ({kind}), no postcode"), lang).format(name=place.name, kind=kind))
    return lines


# -- asking ------------------------------------------------------------------------------------------------------------

def _acceptable(candidate, place: PlaceToFind) -> bool:
    """A candidate of the kind asked for, when the register says what it is (the filters already ask for it)."""
    if place.filters is PUBLIC_HOSPITAL and candidate.legal_form:
        return candidate.legal_form in ("7364",)
    return bool(candidate.address)


def look_up(places: Iterable[PlaceToFind], *, client=None, sleep: Callable[[float], None] = time.sleep,
            today: date | None = None, on_each: Callable[[FoundPlace], None] | None = None) -> list[FoundPlace]:
    """Ask the company register for each place (only `place.sent()` and its kind's filters); the outcomes, in order.

    A register down stops the run with LookupUnavailable; what was found before it is returned through `on_each`."""
    from sar.directory import lookup  # the network library is loaded only when a look-up is asked for

    consulted = (today or date.today()).isoformat()
    outcomes = []
    for place in places:
        results = [c for c in lookup.search_places(place.name, place.postcode or None, place.filters, client=client,
                                                   sleep=sleep) if _acceptable(c, place)]
        candidates = tuple(Candidate(c.name, c.postal, c.record, c.siren) for c in results)
        if len(candidates) == 1:
            only = candidates[0]
            outcome = FoundPlace(place.actor_id, place.name, place.postcode, FOUND, consulted, candidates,
                                 RegisterAddress(only.postal, REGISTER, only.record, consulted, only.name))
        else:
            outcome = FoundPlace(place.actor_id, place.name, place.postcode, SEVERAL if candidates else NOT_FOUND,
                                 consulted, candidates)
        outcomes.append(outcome)
        if on_each is not None:
            on_each(outcome)
    return outcomes


def chosen(outcome: FoundPlace, number: int) -> FoundPlace:
    """The person's choice among several candidates (1-based): that candidate becomes the place's address."""
    if not 1 <= number <= len(outcome.candidates):
        raise IndexError(number)
    pick = outcome.candidates[number - 1]
    return replace(outcome, status=FOUND,
                   address=RegisterAddress(pick.postal, REGISTER, pick.record, outcome.consulted, pick.name))


# -- keeping them, per person ------------------------------------------------------------------------------------------

def person_key(journey: Journey) -> str:
    """A stable name for the person's file that says nothing about them (sar.identity: same person, same key)."""
    return hashlib.sha256(person_identity(journey.person).encode("utf-8")).hexdigest()[:32]


def path_for(journey: Journey) -> Path:
    return data_dir() / FOLDER / f"{person_key(journey)}.json"


def load(journey: Journey) -> dict[str, FoundPlace]:
    """The person's places found so far, by actor id; {} when none (or the file cannot be read)."""
    try:
        document = json.loads(path_for(journey).read_text(encoding="utf-8"))
        if document.get("person") != person_key(journey):
            return {}
        return {entry["actor_id"]: FoundPlace.from_data(entry) for entry in document.get("places", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save(journey: Journey, outcomes: Iterable[FoundPlace]) -> Path:
    """Keep `outcomes` in the person's file (private, atomic), over what it held for the same places."""
    places = load(journey)
    for outcome in outcomes:
        places[outcome.actor_id] = outcome
    document = {"person": person_key(journey), "places": [place.as_data() for place in places.values()]}
    return write_private(path_for(journey), json.dumps(document, ensure_ascii=False, indent=1) + "\n")


def address_for(found: Mapping[str, FoundPlace], actor_id: str, name: str) -> RegisterAddress | None:
    """The address found for this place while the person still names it so."""
    place = found.get(actor_id)
    if place is None or place.address is None or not same_name(place.name, name):
        return None
    return place.address


def contact_for(journey: Journey, actor_id: str, name: str, contact: Contact) -> Contact:
    """`contact` with the address found for this person's place, if any (used by sar.recipients)."""
    if contact.postal or not name.strip():
        return contact
    address = address_for(load(journey), actor_id, name)
    return address.applied_to(contact) if address is not None else contact
