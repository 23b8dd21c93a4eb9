"""Tracker files written by an older sar, brought to today's schema when they are opened (`sar.storage`).

Schema 1 → 2: in schema 1 a person's id was the ASCII slug of their name plus their birth date, and two people whose
slugs matched (two names in Cyrillic born the same day slug to the same "1990-05-05") shared one person record: the
second overwrote the first, and the first person's requests were filed under the second. Schema 2 finds people by
identity (`sar.identity`: names as typed and birth date) and keeps ids unique. The migration:
- gives every person record its identity, keeping its id (ids people typed keep working);
- gives back to their own person the requests whose stored name (`person_name`, written on every request) is not the
  name of the person record they point to. Only the full name and birth date of that person survived in schema 1, so the
  recovered record holds just these (marked `recovered`); the next letter recorded for that person completes it.
"""

from __future__ import annotations

from datetime import date

from sar.identity import identity, name_key, readable_slug, unique_name

PEOPLE = "people"
REQUESTS = "requests"


def migrate_1_to_2(data: dict) -> tuple[dict, int]:
    """Schema 1 data → schema 2 data (a new dict), and how many requests were given back to their own person."""
    people = {doc_id: dict(record) for doc_id, record in data.get(PEOPLE, {}).items()}
    requests = {doc_id: dict(document) for doc_id, document in data.get(REQUESTS, {}).items()}
    by_id = {}
    for record in people.values():
        try:
            born = date.fromisoformat(record["birth_date"])
            record["identity"] = identity(record.get("first_name", ""), record.get("last_name", ""), born)
        except (KeyError, TypeError, ValueError):
            record["identity"] = None
        by_id[record.get("id")] = record
    taken = set(by_id)
    next_doc_id = max((int(doc_id) for doc_id in people), default=0) + 1
    recovered: dict[tuple[str, str], str] = {}
    moved = 0
    for document in requests.values():
        owner = by_id.get(document.get("person"))
        name = document.get("person_name") or ""
        if owner is None or not name or name_key(name) == name_key(_full_name(owner)):
            continue
        key = (document["person"], name_key(name))
        if key not in recovered:
            birth = owner.get("birth_date", "")
            recovered_id = unique_name(f"{readable_slug(name)}-{birth}", taken)
            taken.add(recovered_id)
            people[str(next_doc_id)] = {
                "id": recovered_id, "first_name": name, "last_name": "", "birth_date": birth, "address": "",
                "postcode": "", "city": "", "email": "", "region": document.get("region", owner.get("region", "metropole")),
                "identity": None, "full_name_key": name_key(name), "recovered": True,
            }
            next_doc_id += 1
            recovered[key] = recovered_id
        document["person"] = recovered[key]
        moved += 1
    migrated = {table: dict(content) for table, content in data.items()}
    migrated[PEOPLE] = people
    migrated[REQUESTS] = requests
    return migrated, moved


def _full_name(record: dict) -> str:
    return f"{record.get('first_name', '')} {record.get('last_name', '')}".strip()

