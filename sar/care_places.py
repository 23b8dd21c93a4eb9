"""The places of a care journey, several of each: the practitioners seen, the pharmacies, laboratories, hospitals or
clinics, and imaging centres.

A year of care has a GP, a gynaecologist, a dentist, two labs: each is its own controller of what it keeps about the
person (GDPR art. 4(7); for health professionals and establishments, CSP L.1111-7), so each gets its own finding, its
own letter and its own tracked request.

Every place is stored with numbered keys, the first as it always was (`doctor`, `doctor_name`, `lab`, `lab_name`...),
the next ones numbered from 2 (`doctor_2`, `doctor_2_name`, `lab_2`...): the chat asks them ("another one?"), the CSV
for `sar bulk` has them as columns, and an answers file may give them so or as a list of tables (`doctors = [{ name =
"..." }]`, read by sar.journey into these keys). The key without a field (`doctor`, `lab_2`) says whether the place
exists: yes or no for a practitioner, pharmacy or imaging centre; the laboratory's group, or "none", for a lab; public,
private or "none" for a hospital.

Each place's actor id is its slot's (`your-doctor`) for the first and the slot's followed by its number for the next
(`your-doctor-2`): readable, and the same each time the same answers are read, so tracking the letters again adds
nothing (a request is keyed by person, actor id, kind and language: sar.requests.model). The ids follow the order the
places are given in: a place added later goes at the end of its list, so that those already tracked keep their ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

MAX_PLACES = 9  # of each kind: the chat stops asking "another one?" after the ninth


@dataclass(frozen=True)
class PlaceKind:
    """One kind of place: its key (`doctor`), its list in answers files (`doctors`), the directory slot its letter
    starts from, the fields a place of this kind has, and the value of the key that says there is no such place.

    `presence` is the name, in a list's table, of the value the key holds (`group` for a lab, `kind` for a hospital);
    empty for a yes/no kind, where being listed is the presence.
    """

    key: str
    plural: str
    slot: str
    fields: tuple[str, ...]
    absent: Any = False
    presence: str = ""

    def key_of(self, number: int, field: str = "") -> str:
        """The answer's key: `doctor`, `doctor_name` for the first; `doctor_2`, `doctor_2_name` for the second."""
        base = self.key if number == 1 else f"{self.key}_{number}"
        return f"{base}_{field}" if field else base

    def present(self, answers: Mapping[str, Any], number: int) -> bool:
        return answers.get(self.key_of(number), self.absent) not in (self.absent, "", None, False)

    def actor_id(self, number: int) -> str:
        return self.slot if number == 1 else f"{self.slot}-{number}"


DOCTOR = PlaceKind("doctor", "doctors", "your-doctor", ("name", "specialty", "address", "software"))
PHARMACY = PlaceKind("pharmacy", "pharmacies", "your-pharmacy", ("name", "address"))
LAB = PlaceKind("lab", "labs", "your-lab-site", ("name", "address", "results_online"), absent="none", presence="group")
HOSPITAL = PlaceKind("hospital", "hospitals", "your-hospital", ("name", "address"), absent="none", presence="kind")
IMAGING = PlaceKind("imaging", "imaging", "your-imaging-centre", ("name", "address"))
PLACE_KINDS: tuple[PlaceKind, ...] = (DOCTOR, PHARMACY, LAB, HOSPITAL, IMAGING)
BY_PLURAL = {kind.plural: kind for kind in PLACE_KINDS}

_NUMBERED = re.compile(r"^(doctor|pharmacy|lab|hospital|imaging)_([2-9])(?:_([a-z_]+))?$")
_BY_KEY = {kind.key: kind for kind in PLACE_KINDS}


def numbered_key(key: str) -> tuple[PlaceKind, int, str] | None:
    """(kind, number, field) of a numbered key (`doctor_2_name` -> DOCTOR, 2, "name"); None for any other key."""
    match = _NUMBERED.match(key)
    if not match:
        return None
    kind = _BY_KEY[match.group(1)]
    field = match.group(3) or ""
    return (kind, int(match.group(2)), field) if field in ("", *kind.fields) else None


@dataclass(frozen=True)
class Place:
    """One place the person went to: its kind, its number among those of its kind, and what the person said of it
    (`value`: the key's own answer, e.g. the lab's group; `fields`: name, address...)."""

    kind: PlaceKind
    number: int
    value: Any
    fields: Mapping[str, Any]

    @property
    def actor_id(self) -> str:
        return self.kind.actor_id(self.number)

    @property
    def name(self) -> str:
        return str(self.fields.get("name") or "")

    @property
    def address(self) -> str:
        return str(self.fields.get("address") or "")

    def get(self, field: str, default: Any = "") -> Any:
        return self.fields.get(field, default)


def places(answers: Mapping[str, Any], kind: PlaceKind) -> list[Place]:
    """The places of `kind`, in the order given; the numbering stops at the first one that is absent (the chat never
    asks for a third doctor without a second, and sar.journey refuses such a gap in a file)."""
    found = []
    for number in range(1, MAX_PLACES + 1):
        if not kind.present(answers, number):
            break
        fields = {field: answers.get(kind.key_of(number, field), "") for field in kind.fields}
        found.append(Place(kind, number, answers.get(kind.key_of(number)), fields))
    return found
