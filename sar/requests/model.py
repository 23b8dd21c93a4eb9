"""The request model: what a tracked request is, its closed vocabularies, and the names shown for them.

A request keeps the organisation's contact exactly as it was written on the letter, the letter's kind and language, the
channel, its dates, the deadlines computed from the day of receipt (`sar.deadlines`), its status and a dated history.
Dates are stored as ISO strings. Overdue is never stored: it is computed from today on every read.

Deadline in force (what `due` and "overdue" mean), from the day of receipt:
- GDPR art. 12(3): one month; three months once the organisation has told the person it extends the delay, if it told
  them within the first month (a later notice extends nothing: `late_extension`, sar.requests.lifecycle).
- Medical records (letter kind `access-medical-record`, CSP L.1111-7): 8 days. **sar rule**: once the organisation says it
  needs longer (recorded as an extension), the 2 months L.1111-7 allows for information more than 5 years old; the GDPR
  extension cannot lengthen a delay set by the Code de la santé publique.
- The erasure of Mon Espace Santé (kind `erasure` to `mon-espace-sante`): the express request to delete its data, granted
  within three months at most (CSP R.1111-36). The GDPR month (art. 12(3)) still runs and is shown, but the deletion
  itself is due at three months: the reminder and the complaint wait for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sar import deadlines
from sar.directory import Contact
from sar.errors import InputError
from sar.i18n import N_, _
from sar.journey import Person
from sar.replies import MEDICAL_RECORD_LETTER

PEOPLE = "people"
REQUESTS = "requests"

Status = Literal["draft", "sent", "received", "extended", "reminded", "complained", "answered", "partial", "refused"]
Channel = Literal["post", "email", "form"]
STATUSES: tuple[Status, ...] = ("draft", "sent", "received", "extended", "reminded", "complained", "answered", "partial",
                                "refused")
ANSWERED_STATUSES: tuple[Status, ...] = ("answered", "partial", "refused")
CHANNELS: tuple[Channel, ...] = ("post", "email", "form")

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
    "completion_asked": N_("missing items asked for"),
    "cada_referred": N_("referred to the CADA"),
    "status": N_("status changed"),
    "note": N_("note"),
}
DEADLINE_NAMES = {
    "gdpr_due": N_("GDPR answer due (art. 12(3), one month)"),
    "extended_due": N_("extended GDPR answer due (art. 12(3), three months)"),
    "csp_due": N_("medical record due (CSP L.1111-7, 8 days)"),
    "csp_due_if_older_than_5_years": N_("medical record due if more than 5 years old (CSP L.1111-7, 2 months)"),
    "deletion_due": N_("Mon Espace Santé data deleted by (CSP R.1111-36, three months)"),
}


def is_mon_espace_sante_deletion(kind: str, actor: str) -> bool:
    """The erasure letter to Mon Espace Santé: the express deletion request of CSP R.1111-36 (sar.rights)."""
    from sar.rights import MON_ESPACE_SANTE

    return kind == "erasure" and actor == MON_ESPACE_SANTE


class UnknownRequestError(InputError):
    """No request has this id in the tracker."""


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
    missing_address: bool = False  # the letter's address for `channel` is a blank: it cannot be marked sent (not stored)
    laws: tuple[str, ...] = ()  # the finding's law ids (sar.inference.LAWS): "cada" marks a public body's documents
    files: tuple[str, ...] = ()  # the letter's files as written (absolute paths): what the person posts, or opens again

    def key(self, person_id: str) -> tuple[str, str, str, str]:
        return (person_id, self.actor_id, self.kind, self.lang)


@dataclass(frozen=True)
class Event:
    """One dated step in a request's history: `what` is an EVENT_NAMES key, `note` free text.

    An answer checked item by item (`sar.replies`) keeps what was missing from it: `missing` is a tuple of item ids
    (empty: nothing was missing), or None for an event that carries no check (every other event, and answers recorded
    before sar checked them: the stored event then has no "missing" key, and reads as before).
    """

    on: date
    what: str
    note: str = ""
    missing: tuple[str, ...] | None = None

    @property
    def label(self) -> str:
        return _(EVENT_NAMES.get(self.what, self.what))

    @classmethod
    def from_document(cls, stored: Mapping) -> Event:
        missing = stored.get("missing")
        return cls(date.fromisoformat(stored["date"]), stored["what"], stored.get("note", ""),
                   None if missing is None else tuple(missing))


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
    laws: tuple[str, ...] = ()  # kept from the finding since sar checks replies; older requests have none
    files: tuple[str, ...] = ()  # the letter's files, where they were written (kept since issue 24; older have none)
    deletion_due: date | None = None  # Mon Espace Santé's deletion (CSP R.1111-36); older files have none: read as None
    cada_referred: date | None = None  # a public hospital's refusal referred to the CADA (sar.requests.cada), if it was

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
            events=tuple(Event.from_document(e) for e in doc.get("events", ())),
            laws=tuple(doc.get("laws", ())),
            files=tuple(doc.get("files", ())),
            deletion_due=_day(doc.get("deletion_due")),
            cada_referred=_day(doc.get("cada_referred")),
        )

    @property
    def is_medical_record(self) -> bool:
        return self.kind == MEDICAL_RECORD_LETTER

    @property
    def missing(self) -> tuple[str, ...]:
        """What the latest answer lacked (`sar.replies` item ids), in the table's order; empty when it lacked nothing,
        when it was not checked, or before any answer. A later, more complete answer replaces it; the history keeps both."""
        for event in reversed(self.events):
            if event.what in ANSWERED_STATUSES:
                return event.missing or ()
        return ()

    @property
    def public_body_record(self) -> bool:
        """A medical record held by a public body (a public hospital): its documents are also administrative documents,
        and a refusal or silence can go to the CADA (docs/legal.md, "Medical record held by a public hospital: the CADA").
        Known from the finding's laws ("cada"); a request recorded before sar kept them is not assumed public."""
        return self.is_medical_record and "cada" in self.laws

    @property
    def letter_to_send(self) -> str | None:
        """The letter's file to send or open again: the PDF for a letter posted, the e-mail draft for an e-mail, the
        text for a form (its words are pasted), else the first file kept; None for a request recorded without them."""
        preferred = {"post": ".pdf", "email": ".eml", "form": ".txt"}.get(self.channel, ".pdf")
        return next((name for name in self.files if name.endswith(preferred)), self.files[0] if self.files else None)

    @property
    def first_answered(self) -> date | None:
        """The day of the first answer (complete, partial or refusal): the request had arrived by then."""
        return min((event.on for event in self.events if event.what in ANSWERED_STATUSES), default=None)

    @property
    def receipt_bounded_by_answer(self) -> bool:
        """The receipt is an estimate that the first answer brought back to its own day (sar.requests.lifecycle): say
        "by that day at the latest", not a plain estimate."""
        return self.received_is_estimate and self.received is not None and self.received == self.first_answered

    @property
    def is_open(self) -> bool:
        """Still waiting for an answer (a draft waits for nothing yet)."""
        return self.status not in ANSWERED_STATUSES and self.status != "draft"

    @property
    def extended(self) -> bool:
        """The organisation extended the delay in time: it gave notice within the first month (GDPR art. 12(3))."""
        return self.extended_on is not None and self.extended_due is not None

    @property
    def late_extension(self) -> bool:
        """The organisation gave notice of an extension after the first month: it extends nothing (art. 12(3))."""
        return (self.extended_on is not None and self.gdpr_due is not None and self.extended_on > self.gdpr_due
                and self.extended_due is None)

    @property
    def due(self) -> date | None:
        """The deadline in force (see the module docstring), or None before the request is sent."""
        if self.deletion_due is not None:
            return self.deletion_due
        if self.is_medical_record:
            return self.csp_due_if_older_than_5_years if self.extended else self.csp_due
        return self.extended_due if self.extended else self.gdpr_due

    def deadlines(self) -> list[tuple[str, date]]:
        """Every deadline that applies, as (DEADLINE_NAMES key, date), in date order."""
        names = ["gdpr_due", "extended_due", "deletion_due"] + (
            ["csp_due", "csp_due_if_older_than_5_years"] if self.is_medical_record else [])
        found = [(name, getattr(self, name)) for name in names if getattr(self, name) is not None]
        return sorted(found, key=lambda item: item[1])

    def overdue(self, today: date) -> bool:
        return self.is_open and self.due is not None and today > self.due

    def days_late(self, today: date) -> int:
        """Days since the deadline in force (negative: days left)."""
        return (today - self.due).days if self.due else 0

    def as_row(self, today: date) -> dict[str, Any]:
        """The `sar track ... --json` row (CLI contract in docs/design.md), dates as ISO strings."""
        from sar.requests import cada

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
            "missing": list(self.missing),
            "due": _iso(self.due),
            "gdpr_due": _iso(self.gdpr_due),
            "extended_due": _iso(self.extended_due),
            "csp_due": _iso(self.csp_due),
            "csp_due_if_older_than_5_years": _iso(self.csp_due_if_older_than_5_years),
            "deletion_due": _iso(self.deletion_due),
            "cada_referred": _iso(self.cada_referred),
            "cada_referral_due": _iso(cada.referral_due(self)) if self.cada_referred is None else None,
            "cada_opinion_due": _iso(cada.opinion_due(self)),
            "overdue": self.overdue(today),
            "files": list(self.files),
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
