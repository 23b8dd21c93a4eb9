"""Import organisations from the open datarequests.org company database (CC0, public repo datenanfragen/data).

A record is a JSON object such as `{"slug": "garmin", "name": "Garmin Würzburg GmbH", "address": "...\\n97074 Würzburg",
"email": "euprivacy@garmin.com", "web": "https://garmin.com", "sources": [...], "relevant-countries": ["all"],
"quality": "verified"}`. What fits sar's directory is mapped (name, postal address, e-mail, sources); the record's own page
is kept as the contact's source. The database gives no date of verification, so none is claimed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sar.directory.model import Actor, Contact
from sar.errors import InputError
from sar.i18n import _
from sar.private_files import slugify

RECORD_PAGE = "https://www.datarequests.org/company/{slug}/"


@dataclass(frozen=True)
class ImportProblem:
    """A record that could not be imported: its position in the file and why."""

    index: int
    reason: str


def actor_from_record(record: dict) -> Actor:
    """Map one datarequests.org record to an `Actor`; raises ValueError naming the missing field."""
    if not isinstance(record, dict):
        raise ValueError(_("a record must be a JSON object"))
    name = str(record.get("name") or "").strip()
    if not name:
        raise ValueError(_("the record has no name"))
    slug = slugify(str(record.get("slug") or name), fallback="")
    if not slug:
        raise ValueError(_("the record has no usable slug"))
    countries = [str(c).lower() for c in record.get("relevant-countries") or []]
    quality = str(record.get("quality") or "")
    note_en = f"Imported from datarequests.org (record quality: {quality or 'unknown'})."
    note_fr = f"Importé depuis datarequests.org (qualité de la fiche : {quality or 'inconnue'})."
    if countries and not ({"all", "fr"} & set(countries)):
        note_en += " The record is not marked as relevant for France."
        note_fr += " La fiche n'est pas indiquée comme pertinente pour la France."
    sources = tuple(str(s) for s in record.get("sources") or [] if s)
    page = RECORD_PAGE.format(slug=slug)
    address = str(record.get("address") or "").strip()
    email = str(record.get("email") or "").strip()
    return Actor(
        id=slug,
        name=name,
        kind="organisation",
        category="imported",
        controller="controller",
        letter="access",
        role={
            "en": "Organisation imported from the datarequests.org company database.",
            "fr": "Organisme importé depuis la base d'entreprises de datarequests.org.",
        },
        notes={"en": note_en, "fr": note_fr},
        sources=(page, *sources),
        verified="",
        contact=Contact(postal=address, email=email, source=page if (address or email) else ""),
    )


def read_records(path: Path) -> tuple[list[Actor], list[ImportProblem]]:
    """All actors a file of records (one object or a list of objects) gives, and the records that could not be used."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(_("cannot read {path}: {error}").format(path=path, error=error.strerror)) from None
    except ValueError as error:
        raise InputError(_("{path} is not valid JSON: {error}").format(path=path, error=error)) from None
    records = document if isinstance(document, list) else [document]
    actors, problems = [], []
    for index, record in enumerate(records, start=1):
        try:
            actors.append(actor_from_record(record))
        except ValueError as error:
            problems.append(ImportProblem(index, str(error)))
    return actors, problems
