"""People in the tracker: found by identity (`sar.identity`), never by a slug, each with a unique, readable id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from sar import deadlines
from sar.identity import name_key, person_identity, readable_slug, unique_name
from sar.journey import Person
from sar.requests.model import PEOPLE

def base_person_id(person: Person) -> str:
    """The id a new person gets, readable and typeable (`anna-ivanova-1990-05-05`); `-2`, `-3`... is added when another
    person already has it. An id is never recomputed: the tracker finds a person by `sar.identity`, not by this."""
    return f"{readable_slug(person.full_name)}-{person.birth_date.isoformat()}"


def person_record(person: Person, person_id: str) -> dict:
    # The NIR is left out: only the insurance fund's letter needs it, and that letter is written from the answers file.
    return {
        "id": person_id,
        "identity": person_identity(person),
        "first_name": person.first_name,
        "last_name": person.last_name,
        "birth_date": person.birth_date.isoformat(),
        "address": person.address,
        "postcode": person.postcode,
        "city": person.city,
        "email": person.email,
        "region": person.region,
        # The Latin spelling of a name typed in another script: follow-up letters give it too (sar.names).
        "first_name_latin": person.first_name_latin,
        "last_name_latin": person.last_name_latin,
    }


def person_from_record(record: Mapping) -> Person:
    return Person(
        first_name=record["first_name"],
        last_name=record["last_name"],
        birth_date=date.fromisoformat(record["birth_date"]),
        address=record.get("address", ""),
        postcode=record.get("postcode", ""),
        city=record.get("city", ""),
        email=record.get("email", ""),
        region=record.get("region", deadlines.DEFAULT_REGION),
        first_name_latin=record.get("first_name_latin", ""),
        last_name_latin=record.get("last_name_latin", ""),
    )


def upsert_people(db, people: Iterable[Person]) -> dict[str, str]:
    """Record or update each person, found by identity (never by a slug); returns {identity: person id}.

    A person the tracker only knows by the full name of their requests (a tracker migrated from schema 1, see
    `sar.migrations`) is adopted by the first record with that full name and birth date.
    """
    table = db.table(PEOPLE)
    records = table.all()
    by_identity = {doc["identity"]: doc for doc in records if doc.get("identity")}
    taken = {doc["id"] for doc in records}
    ids: dict[str, str] = {}
    for person in {person_identity(p): p for p in people}.values():
        key = person_identity(person)
        known = by_identity.get(key) or _recovered_record(records, person)
        if known is None:
            record = person_record(person, unique_name(base_person_id(person), taken))
            taken.add(record["id"])
            table.insert(record)
        else:
            record = person_record(person, known["id"])
            if dict(known) != record:
                table.update(_replace_with(record), doc_ids=[known.doc_id])
        by_identity[key] = record
        ids[key] = record["id"]
    return ids


def _replace_with(record: dict):
    def replace(document: dict) -> None:
        document.clear()
        document.update(record)

    return replace


def _recovered_record(records, person: Person):
    wanted = (name_key(person.full_name), person.birth_date.isoformat())
    return next((doc for doc in records if doc.get("recovered") and not doc.get("identity")
                 and (doc.get("full_name_key"), doc.get("birth_date")) == wanted), None)
