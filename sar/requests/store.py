"""The tracker: every access request a person sent, in one file that several people share (an association's volunteer
follows everyone they help). Each method is one transaction on the file (`sar.storage`): read, change, one atomic write.

What a request is: `sar.requests.model`; how it changes: `sar.requests.lifecycle`; who the people are:
`sar.requests.people`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sar.errors import InputError
from sar.i18n import _
from sar.identity import person_identity
from sar.journey import Person
from sar.private_files import write_private
from sar.replies import check_missing, status_of_answer
from sar.requests import lifecycle
from sar.requests.exports import requests_as_calendar, requests_as_csv
from sar.requests.model import (
    ANSWERED_STATUSES, PEOPLE, REQUESTS, NewRequest, RequestHistory, TrackedRequest, UnknownRequestError, check_status,
    parse_request_id,
)
from sar.requests.people import person_from_record, upsert_people
from sar.storage import LOCK_TIMEOUT_SECONDS, open_tracker


FOLLOW_UP_EVENTS = {"reminder": "reminded", "complaint": "complained", "incomplete": "completion_asked",
                    "cada": "cada_referred"}


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
            return upsert_people(db, [person])[person_identity(person)]

    def people(self) -> list[Person]:
        return [person for _id, person in self.people_with_ids()]

    def people_with_ids(self) -> list[tuple[str, Person]]:
        """Every person, with the id `sar track list --person` takes, in the order they were first recorded."""
        with self._read() as db:
            return [(record["id"], person_from_record(record)) for record in db.table(PEOPLE).all()]

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
            ids_of = upsert_people(db, [new.person for new in new_requests])
            keys = [new.key(ids_of[person_identity(new.person)]) for new in new_requests]
            table = db.table(REQUESTS)
            existing = {
                (doc["person"], doc["actor"], doc["kind"], doc["lang"]): doc.doc_id for doc in table.all()
            }
            to_insert: dict[tuple, dict] = {}
            for new, key in zip(new_requests, keys):
                if key not in existing and key not in to_insert:
                    to_insert[key] = lifecycle.new_document(new, key[0], today)
            if to_insert:
                ids = table.insert_multiple(list(to_insert.values()))
                existing.update(zip(to_insert, ids))
            # A letter written again (another folder, another day) is found where it was written last.
            rewritten = {existing[key]: list(new.files) for new, key in zip(new_requests, keys)
                         if new.files and key not in to_insert}
            for doc_id, files in rewritten.items():
                if table.get(doc_id=doc_id).get("files") != files:
                    table.update({"files": files}, doc_ids=[doc_id])
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
            document = lifecycle.copy_document(stored)
            change(document)
            table.update(document, doc_ids=[doc_id])
        return TrackedRequest.from_document(doc_id, document)

    def _unknown(self, doc_id: int) -> UnknownRequestError:
        return UnknownRequestError(
            _("there is no request {id} in the tracker {path}; see `sar track list`.").format(id=doc_id, path=self.path)
        )

    def _record(self, request_id, event: str, on: date, *, note: str = "", channel: str | None = None,
                missing: tuple[str, ...] | None = None) -> TrackedRequest:
        doc_id = parse_request_id(request_id)
        return self._update(doc_id, lambda document: lifecycle.apply(document, event, on, note=note, channel=channel,
                                                                    request_id=doc_id, missing=missing))

    def mark_sent(self, request_id, sent: date, channel: str | None = None, *, note: str = "") -> TrackedRequest:
        """The day the letter left. Until the receipt is known, it is estimated from this (and flagged as an estimate)."""
        return self._record(request_id, "sent", sent, note=note, channel=channel)

    def mark_received(self, request_id, received: date, *, note: str = "") -> TrackedRequest:
        """The real day of receipt (acknowledgement of receipt): every deadline is recomputed from it."""
        return self._record(request_id, "received", received, note=note)

    def mark_extended(self, request_id, on: date, *, note: str = "") -> TrackedRequest:
        """On `on`, the organisation told the person it extends the delay by two months (GDPR art. 12(3)); a notice given
        after the first month is kept but extends nothing (sar.requests.lifecycle)."""
        return self._record(request_id, "extended", on, note=note)

    def mark_answered(self, request_id, answered: date, status: str | None = None, *, note: str = "",
                      missing: Iterable[str] | None = None) -> TrackedRequest:
        """The organisation answered, on `answered`: fully (`answered`), in part (`partial`) or by refusing (`refused`).

        With `missing` (ids of `sar.replies.ITEMS`), the answer was checked item by item: something missing makes it
        partial, nothing missing complete; the ids are checked against the request's letter kind and kept on the
        answer's event. A later answer is recorded the same way, as a new event; the earlier ones stay.
        """
        if status is not None and status not in ANSWERED_STATUSES:
            raise InputError(
                _("an answer's status is one of {choices}, not {value!r}").format(
                    choices=", ".join(ANSWERED_STATUSES), value=status
                )
            )
        checked = None
        if missing is not None:
            request = self.get(request_id)
            checked = check_missing(request.kind, missing, request_id=request.id)
            if status is not None and status != status_of_answer(checked):
                raise InputError(_(
                    "an answer with missing items is partial: leave out --status, or give --status partial"
                ) if checked else _("an answer with nothing missing is complete: leave out --status"))
            status = status_of_answer(checked)
        return self._record(request_id, status or "answered", answered, note=note, missing=checked)

    def set_status(self, request_id, status: str, *, today: date | None = None, note: str = "") -> TrackedRequest:
        """Set the status directly. A status that carries a date takes the date of what happened, never today's: sent and
        received need theirs (mark_sent/mark_received); an answer's kind (answered, partial, refused) keeps the day of
        the answer already recorded, or needs it."""
        check_status(status)
        today = today or date.today()
        if status in ("sent", "received"):
            raise InputError(
                _("to mark a request {status}, give the date: --{status} DATE").format(status=status)
            )
        if status == "draft":
            raise InputError(_("a request cannot go back to draft: its history keeps what happened."))
        if status == "extended":
            raise InputError(_("give the day the organisation told you it extends the delay: --extended DATE"))
        if status in ANSWERED_STATUSES:
            request = self.get(request_id)
            if request.answered is None:
                raise InputError(_("give the day of the answer: --answered DATE --status {status}").format(status=status))
            # Still partial: what the answer lacked stays recorded on the new event.
            missing = request.missing if status == "partial" and request.missing else None
            return self._record(request_id, status, request.answered, note=note, missing=missing)
        return self._record(request_id, status, today, note=note)

    def mark_followed_up(self, request_id, kind: str, on: date | None = None, *, note: str = "") -> TrackedRequest:
        """A reminder was sent to the organisation (`kind="reminder"`), a complaint filed with the CNIL ("complaint"),
        the letter asking for the items a partial answer lacked was sent ("incomplete"; the request stays partial), or
        a public hospital's refusal was referred to the CADA ("cada"; the request keeps its status)."""
        event = FOLLOW_UP_EVENTS.get(kind)
        if event is None:
            raise InputError(_("a follow-up is a reminder, a complaint or a request for the missing items, not "
                               "{value!r}").format(value=kind))
        return self._record(request_id, event, on or date.today(), note=note)

    def add_note(self, request_id, text: str, *, today: date | None = None) -> TrackedRequest:
        return self._record(request_id, "note", today or date.today(), note=text)

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

    def stats(self, person: str | None = None, today: date | None = None):
        """How each organisation answered (`sar.requests.stats`), over every request or one person's."""
        from sar.requests.stats import tracker_stats

        with self._read() as db:
            table = (db.storage.read() or {}).get(REQUESTS, {})  # raw documents, as `due` reads them
            return tracker_stats(table.values(), today or date.today(), person=person)

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
            person=person_from_record(record),
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

    def export_ics(self, path: str | os.PathLike, now: datetime | None = None, *, details: bool = False) -> int:
        """Write the deadlines of open requests as an iCalendar file (private); returns the number of events.
        Titles are discreet; `details` adds the organisation and the person to each event's description."""
        calendar, count = requests_as_calendar(self.list_requests(), now or datetime.now(timezone.utc), details=details)
        write_private(Path(path), calendar)
        return count


def _field_equals(name: str, value: Any):
    from tinydb import Query

    return Query()[name] == value
