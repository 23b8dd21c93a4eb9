"""The tracker: every access request a person sent, its legal deadlines, what happened to it, and what is overdue.

One file (TinyDB, see `sar.storage`) holds several people (an association's volunteer follows everyone they help) in the
tables `people` and `requests`. A request keeps the organisation's contact exactly as it was written on the letter, the
letter's kind and language, the channel, its dates, the deadlines computed from the day of receipt (`sar.deadlines`), its
status and a dated history. Dates are stored as ISO strings. Overdue is never stored: it is computed from today on every read.

Deadline in force (what `due` and "overdue" mean), from the day of receipt:
- GDPR art. 12(3): one month; three months once the organisation has told the person it extends the delay.
- Medical records (letter kind `access-medical-record`, CSP L.1111-7): 8 days. **sar rule**: once the organisation says it
  needs longer (recorded as an extension), the 2 months L.1111-7 allows for information more than 5 years old; the GDPR
  extension cannot lengthen a delay set by the Code de la santé publique.
While only the sending date is known, receipt is estimated (`sar.deadlines.estimated_receipt`) and flagged as an estimate;
entering the acknowledgement-of-receipt date recomputes every deadline.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sar import deadlines
from sar.directory import Contact, actor_name
from sar.errors import InputError
from sar.i18n import N_, _, format_date
from sar.journey import Person
from sar.identity import name_key, person_identity, readable_slug, unique_name
from sar.private_files import write_private
from sar.storage import LOCK_TIMEOUT_SECONDS, open_tracker

PEOPLE = "people"
REQUESTS = "requests"

STATUSES = ("draft", "sent", "received", "extended", "reminded", "complained", "answered", "partial", "refused")
ANSWERED_STATUSES = ("answered", "partial", "refused")
CHANNELS = ("post", "email", "form")
MEDICAL_RECORD_LETTER = "access-medical-record"

STATUS_NAMES = {
    "draft": N_("draft"),
    "sent": N_("sent"),
    "received": N_("received"),
    "extended": N_("extended"),
    "reminded": N_("reminded"),
    "complained": N_("complaint filed"),
    "answered": N_("answered"),
    "partial": N_("partial answer"),
    "refused": N_("refused"),
}
EVENT_NAMES = {
    "recorded": N_("recorded"),
    "sent": N_("sent"),
    "received": N_("received"),
    "extended": N_("delay extended"),
    "answered": N_("answered"),
    "partial": N_("partial answer"),
    "refused": N_("refused"),
    "reminded": N_("reminder sent"),
    "complained": N_("complaint filed with the CNIL"),
    "status": N_("status changed"),
    "note": N_("note"),
}
DEADLINE_NAMES = {
    "gdpr_due": N_("GDPR answer due (art. 12(3), one month)"),
    "extended_due": N_("extended GDPR answer due (art. 12(3), three months)"),
    "csp_due": N_("medical record due (CSP L.1111-7, 8 days)"),
    "csp_due_if_older_than_5_years": N_("medical record due if more than 5 years old (CSP L.1111-7, 2 months)"),
}


class UnknownRequestError(InputError):
    """No request has this id in the tracker."""


def base_person_id(person: Person) -> str:
    """The id a new person gets, readable and typeable (`anna-ivanova-1990-05-05`); `-2`, `-3`... is added when another
    person already has it. An id is never recomputed: the tracker finds a person by `sar.identity`, not by this."""
    return f"{readable_slug(person.full_name)}-{person.birth_date.isoformat()}"


def _person_record(person: Person, person_id: str) -> dict:
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
    }


def _person_from_record(record: Mapping) -> Person:
    return Person(
        first_name=record["first_name"],
        last_name=record["last_name"],
        birth_date=date.fromisoformat(record["birth_date"]),
        address=record.get("address", ""),
        postcode=record.get("postcode", ""),
        city=record.get("city", ""),
        email=record.get("email", ""),
        region=record.get("region", deadlines.DEFAULT_REGION),
    )


@dataclass(frozen=True)
class NewRequest:
    """A letter about to be tracked: who wrote it, to whom, the contact written on it, its kind, language and channel."""

    person: Person
    actor_id: str
    actor_name: str
    contact: Contact = field(default_factory=Contact)
    kind: str = "access"
    lang: str = "fr"
    channel: str = "post"
    sent: date | None = None

    @classmethod
    def from_finding(cls, person: Person, finding, lang: str, channel: str = "post") -> NewRequest:
        """The request for one `sar.inference.Finding` (its actor, contact and letter kind); the organisation's name is
        kept in the letter's language ("Votre pharmacie", not the bundled "Your pharmacy / Votre pharmacie")."""
        return cls(person, finding.actor.id, actor_name(finding.actor, lang), finding.actor.contact, finding.letter,
                   lang, channel)

    def key(self, person_id: str) -> tuple[str, str, str, str]:
        return (person_id, self.actor_id, self.kind, self.lang)


@dataclass(frozen=True)
class Event:
    """One dated step in a request's history: `what` is an EVENT_NAMES key, `note` free text."""

    on: date
    what: str
    note: str = ""

    @property
    def label(self) -> str:
        return _(EVENT_NAMES.get(self.what, self.what))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class TrackedRequest:
    """A request as stored, with its deadlines as dates. `overdue` and `days_late` need today's date."""

    id: int
    person: str
    person_name: str
    actor: str
    actor_name: str
    contact: Contact
    kind: str
    lang: str
    channel: str
    region: str
    status: str
    created: date
    sent: date | None
    received: date | None
    received_is_estimate: bool
    extended_on: date | None
    answered: date | None
    gdpr_due: date | None
    extended_due: date | None
    csp_due: date | None
    csp_due_if_older_than_5_years: date | None
    events: tuple[Event, ...]

    @classmethod
    def from_document(cls, doc_id: int, doc: Mapping) -> TrackedRequest:
        return cls(
            id=int(doc_id),
            person=doc["person"],
            person_name=doc.get("person_name", ""),
            actor=doc["actor"],
            actor_name=doc.get("actor_name", doc["actor"]),
            contact=Contact(**{k: v for k, v in doc.get("contact", {}).items() if k in Contact.__dataclass_fields__}),
            kind=doc["kind"],
            lang=doc["lang"],
            channel=doc.get("channel", "post"),
            region=doc.get("region", deadlines.DEFAULT_REGION),
            status=doc["status"],
            created=date.fromisoformat(doc["created"]),
            sent=_day(doc.get("sent")),
            received=_day(doc.get("received")),
            received_is_estimate=bool(doc.get("received_is_estimate")),
            extended_on=_day(doc.get("extended_on")),
            answered=_day(doc.get("answered")),
            gdpr_due=_day(doc.get("gdpr_due")),
            extended_due=_day(doc.get("extended_due")),
            csp_due=_day(doc.get("csp_due")),
            csp_due_if_older_than_5_years=_day(doc.get("csp_due_if_older_than_5_years")),
            events=tuple(Event(date.fromisoformat(e["date"]), e["what"], e.get("note", "")) for e in doc.get("events", ())),
        )

    @property
    def is_medical_record(self) -> bool:
        return self.kind == MEDICAL_RECORD_LETTER

    @property
    def is_open(self) -> bool:
        """Still waiting for an answer (a draft waits for nothing yet)."""
        return self.status not in ANSWERED_STATUSES and self.status != "draft"

    @property
    def extended(self) -> bool:
        return self.extended_on is not None

    @property
    def due(self) -> date | None:
        """The deadline in force (see the module docstring), or None before the request is sent."""
        if self.is_medical_record:
            return self.csp_due_if_older_than_5_years if self.extended else self.csp_due
        return self.extended_due if self.extended else self.gdpr_due

    def deadlines(self) -> list[tuple[str, date]]:
        """Every deadline that applies, as (DEADLINE_NAMES key, date), in date order."""
        names = ["gdpr_due", "extended_due"] + (["csp_due", "csp_due_if_older_than_5_years"] if self.is_medical_record else [])
        found = [(name, getattr(self, name)) for name in names if getattr(self, name) is not None]
        return sorted(found, key=lambda item: item[1])

    def overdue(self, today: date) -> bool:
        return self.is_open and self.due is not None and today > self.due

    def days_late(self, today: date) -> int:
        """Days since the deadline in force (negative: days left)."""
        return (today - self.due).days if self.due else 0

    def as_row(self, today: date) -> dict[str, Any]:
        """The `sar track ... --json` row (CLI contract in ../shared/DESIGN.md), dates as ISO strings."""
        return {
            "id": self.id,
            "person": self.person,
            "person_name": self.person_name,
            "actor": self.actor,
            "actor_name": self.actor_name,
            "kind": self.kind,
            "lang": self.lang,
            "channel": self.channel,
            "region": self.region,
            "status": self.status,
            "created": _iso(self.created),
            "sent": _iso(self.sent),
            "received": _iso(self.received),
            "received_is_estimate": self.received_is_estimate,
            "extended": self.extended,
            "answered": _iso(self.answered),
            "due": _iso(self.due),
            "gdpr_due": _iso(self.gdpr_due),
            "extended_due": _iso(self.extended_due),
            "csp_due": _iso(self.csp_due),
            "csp_due_if_older_than_5_years": _iso(self.csp_due_if_older_than_5_years),
            "overdue": self.overdue(today),
        }


@dataclass(frozen=True)
class RequestHistory:
    """What a reminder to the organisation or a complaint to the CNIL (GDPR art. 77) needs to say about one request:
    who asked, whom, with which letter and contact, when it was sent and received, the deadlines, and its history."""

    request: TrackedRequest
    person: Person
    today: date
    overdue: bool
    days_late: int
    deadlines: tuple[tuple[str, date], ...]
    history: tuple[Event, ...]


def _request_document(new: NewRequest, person_id: str, today: date) -> dict:
    if new.channel not in CHANNELS:
        raise InputError(_("unknown channel {value!r}: choose post, email or form").format(value=new.channel))
    document = {
        "person": person_id,
        "person_name": new.person.full_name,
        "actor": new.actor_id,
        "actor_name": new.actor_name,
        "contact": asdict(new.contact) if isinstance(new.contact, Contact) else dict(new.contact),
        "kind": new.kind,
        "lang": new.lang,
        "channel": new.channel,
        "region": new.person.region,
        "status": "draft",
        "created": today.isoformat(),
        "sent": None,
        "received": None,
        "received_is_estimate": False,
        "extended_on": None,
        "answered": None,
        "gdpr_due": None,
        "extended_due": None,
        "csp_due": None,
        "csp_due_if_older_than_5_years": None,
        "events": [{"date": today.isoformat(), "what": "recorded", "note": ""}],
    }
    if new.sent:
        _apply_sent(document, new.sent, new.channel)
    return document


def _compute_deadlines(document: dict) -> None:
    """Recompute the stored deadlines from the day of receipt (real or estimated) and the extension, if any."""
    received, region = _day(document["received"]), document["region"]
    for name in DEADLINE_NAMES:
        document[name] = None
    if received is None:
        return
    gdpr = deadlines.gdpr_deadlines(received, region)
    document["gdpr_due"] = gdpr.due.due.isoformat()
    if document.get("extended_on"):
        document["extended_due"] = gdpr.extended_due.due.isoformat()
    if document["kind"] == MEDICAL_RECORD_LETTER:
        csp = deadlines.medical_record_deadlines(received, region)
        document["csp_due"] = csp.due.due.isoformat()
        document["csp_due_if_older_than_5_years"] = csp.due_if_older_than_5_years.due.isoformat()


def _apply_sent(document: dict, sent: date, channel: str | None, note: str = "") -> None:
    if channel:
        if channel not in CHANNELS:
            raise InputError(_("unknown channel {value!r}: choose post, email or form").format(value=channel))
        document["channel"] = channel
    document["sent"] = sent.isoformat()
    if document["received"] is None or document["received_is_estimate"]:
        document["received"] = deadlines.estimated_receipt(sent, document["channel"], document["region"]).isoformat()
        document["received_is_estimate"] = True
    if document["status"] == "draft":
        document["status"] = "sent"
    document["events"].append({"date": sent.isoformat(), "what": "sent", "note": note})
    _compute_deadlines(document)


def parse_request_id(text: str | int) -> int:
    """A request id as typed: "12" or "#12"."""
    value = str(text).strip().lstrip("#")
    if not value.isdigit():
        raise UnknownRequestError(
            _("{value!r} is not a request id: request ids are numbers, see `sar track list`.").format(value=str(text))
        )
    return int(value)


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise InputError(_("unknown status {value!r}: choose one of {choices}").format(value=status, choices=", ".join(STATUSES)))
    return status


class Tracker:
    """The requests recorded in one tracker file. Each method is one transaction: read, change, one atomic write."""

    def __init__(self, path: str | os.PathLike, *, lock_timeout: float = LOCK_TIMEOUT_SECONDS):
        self.path = Path(path)
        self.lock_timeout = lock_timeout

    def exists(self) -> bool:
        return self.path.is_file()

    def _write(self):
        return open_tracker(self.path, write=True, timeout=self.lock_timeout)

    def _read(self):
        return open_tracker(self.path, write=False)

    # --- people ---------------------------------------------------------------------------------------------------------

    def add_person(self, person: Person) -> str:
        """Record (or update) a person; returns their id. Recording the same person again changes nothing else."""
        with self._write() as db:
            return _upsert_people(db, [person])[person_identity(person)]

    def people(self) -> list[Person]:
        return [person for _id, person in self.people_with_ids()]

    def people_with_ids(self) -> list[tuple[str, Person]]:
        """Every person, with the id `sar track list --person` takes, in the order they were first recorded."""
        with self._read() as db:
            return [(record["id"], _person_from_record(record)) for record in db.table(PEOPLE).all()]

    def find_person_id(self, person: Person) -> str | None:
        """The id of this person (same names and birth date, see `sar.identity`), or None if not recorded yet."""
        wanted = person_identity(person)
        with self._read() as db:
            return next((record["id"] for record in db.table(PEOPLE).all() if record.get("identity") == wanted), None)

    # --- recording ------------------------------------------------------------------------------------------------------

    def record_request(self, new: NewRequest, *, today: date | None = None) -> TrackedRequest:
        """Record one letter as a request; recording the same (person, organisation, kind, language) returns the existing one."""
        return self.record_requests([new], today=today)[0]

    def record_requests(self, new_requests: Iterable[NewRequest], *, today: date | None = None) -> list[TrackedRequest]:
        """Record many letters in one transaction (one write of the file), skipping those already recorded.

        Returns the requests in the order given, existing or new.
        """
        today = today or date.today()
        new_requests = list(new_requests)
        with self._write() as db:
            ids_of = _upsert_people(db, [new.person for new in new_requests])
            keys = [new.key(ids_of[person_identity(new.person)]) for new in new_requests]
            table = db.table(REQUESTS)
            existing = {
                (doc["person"], doc["actor"], doc["kind"], doc["lang"]): doc.doc_id for doc in table.all()
            }
            to_insert: dict[tuple, dict] = {}
            for new, key in zip(new_requests, keys):
                if key not in existing and key not in to_insert:
                    to_insert[key] = _request_document(new, key[0], today)
            if to_insert:
                ids = table.insert_multiple(list(to_insert.values()))
                existing.update(zip(to_insert, ids))
            stored = db.table(REQUESTS)
            result = []
            for key in keys:
                doc_id = existing[key]
                result.append(TrackedRequest.from_document(doc_id, stored.get(doc_id=doc_id)))
        return result

    # --- updates --------------------------------------------------------------------------------------------------------

    def _update(self, request_id: int | str, change) -> TrackedRequest:
        doc_id = parse_request_id(request_id)
        if not self.exists():
            raise self._unknown(doc_id)
        with self._write() as db:
            table = db.table(REQUESTS)
            stored = table.get(doc_id=doc_id)
            if stored is None:
                raise self._unknown(doc_id)
            document = _copy_document(stored)
            change(document)
            table.update(document, doc_ids=[doc_id])
        return TrackedRequest.from_document(doc_id, document)

    def _unknown(self, doc_id: int) -> UnknownRequestError:
        return UnknownRequestError(
            _("there is no request {id} in the tracker {path}; see `sar track list`.").format(id=doc_id, path=self.path)
        )

    def mark_sent(self, request_id, sent: date, channel: str | None = None, *, note: str = "") -> TrackedRequest:
        """The day the letter left. Until the receipt is known, it is estimated from this (and flagged as an estimate)."""

        def change(document):
            _check_order(document, sent=sent)
            _apply_sent(document, sent, channel, note)

        return self._update(request_id, change)

    def mark_received(self, request_id, received: date, *, note: str = "") -> TrackedRequest:
        """The real day of receipt (acknowledgement of receipt): every deadline is recomputed from it."""

        def change(document):
            _check_order(document, received=received)
            document["received"] = received.isoformat()
            document["received_is_estimate"] = False
            if document["status"] in ("draft", "sent"):
                document["status"] = "received"
            document["events"].append({"date": received.isoformat(), "what": "received", "note": note})
            _compute_deadlines(document)

        return self._update(request_id, change)

    def mark_extended(self, request_id, on: date | None = None, *, note: str = "") -> TrackedRequest:
        """The organisation told the person it extends the delay by two months (GDPR art. 12(3))."""
        on = on or date.today()

        def change(document):
            if document["received"] is None:
                raise InputError(
                    _("request {id} has no sending or receipt date yet: record --sent or --received first.").format(
                        id=parse_request_id(request_id)
                    )
                )
            document["extended_on"] = on.isoformat()
            if document["status"] in ("draft", "sent", "received"):
                document["status"] = "extended"
            document["events"].append({"date": on.isoformat(), "what": "extended", "note": note})
            _compute_deadlines(document)

        return self._update(request_id, change)

    def mark_answered(self, request_id, answered: date, status: str = "answered", *, note: str = "") -> TrackedRequest:
        """The organisation answered: fully (`answered`), in part (`partial`) or by refusing (`refused`)."""
        if status not in ANSWERED_STATUSES:
            raise InputError(
                _("an answer's status is one of {choices}, not {value!r}").format(
                    choices=", ".join(ANSWERED_STATUSES), value=status
                )
            )

        def change(document):
            _check_order(document, answered=answered)
            document["answered"] = answered.isoformat()
            document["status"] = status
            document["events"].append({"date": answered.isoformat(), "what": status, "note": note})

        return self._update(request_id, change)

    def set_status(self, request_id, status: str, *, today: date | None = None, note: str = "") -> TrackedRequest:
        """Set the status directly. Statuses that carry a date (sent, received) need it: use mark_sent/mark_received."""
        check_status(status)
        today = today or date.today()
        if status in ("sent", "received"):
            raise InputError(
                _("to mark a request {status}, give the date: --{status} YYYY-MM-DD").format(status=status)
            )
        if status == "extended":
            return self.mark_extended(request_id, today, note=note)
        if status in ANSWERED_STATUSES:
            return self.mark_answered(request_id, today, status, note=note)

        def change(document):
            document["status"] = status
            what = status if status in EVENT_NAMES else "status"
            document["events"].append({"date": today.isoformat(), "what": what, "note": note or status})

        return self._update(request_id, change)

    def mark_followed_up(self, request_id, kind: str, on: date | None = None, *, note: str = "") -> TrackedRequest:
        """A reminder was sent to the organisation (`kind="reminder"`) or a complaint filed with the CNIL ("complaint")."""
        status = {"reminder": "reminded", "complaint": "complained"}.get(kind)
        if status is None:
            raise InputError(_("a follow-up is a reminder or a complaint, not {value!r}").format(value=kind))
        return self.set_status(request_id, status, today=on, note=note)

    def add_note(self, request_id, text: str, *, today: date | None = None) -> TrackedRequest:
        today = today or date.today()
        return self._update(request_id, lambda document: _add_note(document, text, today))

    # --- reading --------------------------------------------------------------------------------------------------------

    def get(self, request_id) -> TrackedRequest:
        doc_id = parse_request_id(request_id)
        with self._read() as db:
            stored = db.table(REQUESTS).get(doc_id=doc_id)
        if stored is None:
            raise self._unknown(doc_id)
        return TrackedRequest.from_document(doc_id, stored)

    def list_requests(self, person: str | None = None, status: str | None = None) -> list[TrackedRequest]:
        """Every request (of one person, with one status), by id."""
        if status is not None:
            check_status(status)
        with self._read() as db:
            requests = [TrackedRequest.from_document(doc.doc_id, doc) for doc in db.table(REQUESTS)]
        return sorted(
            (r for r in requests if (person is None or r.person == person) and (status is None or r.status == status)),
            key=lambda r: r.id,
        )

    def due(self, within_days: int = 14, today: date | None = None) -> list[TrackedRequest]:
        """Open requests whose deadline in force has passed (most overdue first), then those due within `within_days`."""
        today = today or date.today()
        limit = (today + timedelta(days=within_days)).isoformat()
        found = []
        with self._read() as db:
            # The raw table (ISO strings), not TinyDB Documents: at 100,000 requests, copying every record is the cost.
            table = (db.storage.read() or {}).get(REQUESTS, {})
            for doc_id, doc in table.items():
                if doc["status"] in ANSWERED_STATUSES or doc["status"] == "draft" or doc["received"] is None:
                    continue
                if min(d for d in (doc["gdpr_due"], doc["extended_due"], doc["csp_due"]) if d) > limit:
                    continue  # the deadline in force is never before the earliest of these
                request = TrackedRequest.from_document(int(doc_id), doc)
                if request.due is not None and request.due.isoformat() <= limit:
                    found.append(request)
        return sorted(found, key=lambda r: (not r.overdue(today), r.due, r.id))

    def history(self, request_id, today: date | None = None) -> RequestHistory:
        """Everything a reminder or a CNIL complaint about this request needs (see RequestHistory)."""
        today = today or date.today()
        request = self.get(request_id)
        with self._read() as db:
            record = db.table(PEOPLE).get(_field_equals("id", request.person))
        if record is None:
            raise InputError(_("request {id} names a person the tracker does not know.").format(id=request.id))
        return RequestHistory(
            request=request,
            person=_person_from_record(record),
            today=today,
            overdue=request.overdue(today),
            days_late=request.days_late(today),
            deadlines=tuple(request.deadlines()),
            history=request.events,
        )

    # --- exports --------------------------------------------------------------------------------------------------------

    def export_csv(self, path: str | os.PathLike, today: date | None = None) -> int:
        """Write every request as a CSV row (private file); returns the number of rows."""
        today = today or date.today()
        requests = self.list_requests()
        write_private(Path(path), requests_as_csv(requests, today))
        return len(requests)

    def export_ics(self, path: str | os.PathLike, now: datetime | None = None) -> int:
        """Write the deadlines of open requests as an iCalendar file (private); returns the number of events."""
        calendar, count = requests_as_calendar(self.list_requests(), now or datetime.now(timezone.utc))
        write_private(Path(path), calendar)
        return count


def _field_equals(name: str, value: Any):
    from tinydb import Query

    return Query()[name] == value


def _upsert_people(db, people: Iterable[Person]) -> dict[str, str]:
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
            record = _person_record(person, unique_name(base_person_id(person), taken))
            taken.add(record["id"])
            table.insert(record)
        else:
            record = _person_record(person, known["id"])
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


def _copy_document(document: Mapping) -> dict:
    copy = dict(document)
    copy["events"] = [dict(event) for event in document.get("events", [])]
    copy["contact"] = dict(document.get("contact", {}))
    return copy


def _add_note(document: dict, text: str, today: date | None = None) -> None:
    if text:
        document["events"].append({"date": (today or date.today()).isoformat(), "what": "note", "note": text})


def _check_order(document: dict, *, sent: date | None = None, received: date | None = None, answered: date | None = None):
    """Refuse dates that contradict each other (a receipt before the letter was sent): a typo would move every deadline."""
    stored_sent = _day(document.get("sent"))
    stored_received = None if document.get("received_is_estimate") else _day(document.get("received"))
    if received and stored_sent and received < stored_sent:
        raise InputError(
            _("the receipt date {received} is before the sending date {sent}: check the dates.").format(
                received=received.isoformat(), sent=stored_sent.isoformat()
            )
        )
    if sent and stored_received and sent > stored_received:
        raise InputError(
            _("the sending date {sent} is after the receipt date {received}: check the dates.").format(
                received=stored_received.isoformat(), sent=sent.isoformat()
            )
        )
    first = stored_sent or stored_received
    if answered and first and answered < first:
        raise InputError(
            _("the answer date {answered} is before the request was sent ({sent}): check the dates.").format(
                answered=answered.isoformat(), sent=first.isoformat()
            )
        )


CSV_COLUMNS = (
    "id", "person", "person_name", "actor", "actor_name", "kind", "lang", "channel", "region", "status", "created", "sent",
    "received", "received_is_estimate", "extended", "answered", "due", "gdpr_due", "extended_due", "csp_due",
    "csp_due_if_older_than_5_years", "overdue",
)


def _spreadsheet_safe(value: Any) -> Any:
    # A name typed by the user and starting with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def requests_as_csv(requests: Iterable[TrackedRequest], today: date) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for request in requests:
        writer.writerow({key: _spreadsheet_safe(value) for key, value in request.as_row(today).items()})
    return buffer.getvalue()


def event_uid(request: TrackedRequest, deadline_name: str) -> str:
    """A stable UID: the same request's same deadline keeps its UID across exports, so calendars update it, not duplicate it."""
    key = "\x1f".join((request.person, request.actor, request.kind, request.lang))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"sar-{digest}-{deadline_name.replace('_', '-')}@sar.invalid"


def requests_as_calendar(requests: Iterable[TrackedRequest], now: datetime) -> tuple[bytes, int]:
    """An iCalendar document: one all-day event per deadline of each open request, with a reminder the day before."""
    from icalendar import Alarm, Calendar
    from icalendar import Event as CalendarEvent

    calendar = Calendar()
    calendar.add("prodid", "-//sar//access requests//FR")
    calendar.add("version", "2.0")
    count = 0
    for request in requests:
        if not request.is_open:
            continue
        for name, day in request.deadlines():
            summary = _("{deadline}: {actor} (request {id})").format(
                deadline=_(DEADLINE_NAMES[name]), actor=request.actor_name, id=request.id
            )
            received = request.received
            description = _(
                "Access request from {person} to {actor}, received {estimate}on {received}. "
                "When they answer: sar track update {id} --answered YYYY-MM-DD. "
                "If they do not: sar followup {id} --kind reminder --out DIR"
            ).format(
                person=request.person_name,
                actor=request.actor_name,
                estimate=_("(estimated) ") if request.received_is_estimate else "",
                received=format_date(received) if received else "?",
                id=request.id,
            )
            event = CalendarEvent()
            event.add("uid", event_uid(request, name))
            event.add("dtstamp", now)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("summary", summary)
            event.add("description", description)
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", timedelta(days=-1))
            alarm.add("description", _("Tomorrow: {summary}").format(summary=summary))
            event.add_component(alarm)
            calendar.add_component(event)
            count += 1
    return calendar.to_ical(), count
