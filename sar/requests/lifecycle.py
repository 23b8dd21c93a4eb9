"""The life of a request, as a table: which event may happen in which status, what status follows, which date it sets.

    event       may happen when the request is      status becomes          date kept in
    sent        any status                          sent (from draft only)  sent (receipt estimated from it)
    received    any status                          received (from draft, sent)   received
    extended    sent, received, extended, reminded  extended (from sent, received), extended_on (the day of the
                                                    if the notice came within       notice)
                                                    the first month
    answered    any status                          answered                answered
    partial     any status                          partial                 answered
    refused     any status                          refused                 answered
    reminded    any status but draft                reminded                -
    complained  any status but draft                complained              -
    completion_asked  partial                       unchanged (partial)     -
    cada_referred  any status but draft; a public   unchanged               cada_referred
                hospital's medical record only
    note        any status                          unchanged               -

An answer (answered, partial, refused) may keep what it lacked: the ids of `sar.replies` items, checked against the
request's letter kind, stored on its event as `missing` (a partial answer with something missing; an empty list for a
complete one). A later answer is a new event with its own date: the earlier answers stay in the history, and the
request's answer date becomes the later one (never an earlier one: a later answer dated before the one recorded is
refused). `completion_asked` is the letter asking for the missing items (`sar followup --kind incomplete`), sent.
A complaint to the CNIL may follow a partial answer at once (the answer came and is incomplete); the letter then does
not say that the deadline has passed unless it has (`sar.requests.followups`).

An extension counts only if the organisation gave notice of it within one month of receipt (GDPR art. 12(3)): by the
GDPR deadline (`gdpr_due`). A later notice is kept (its day, in the history: a complaint may cite it) but extends
nothing: no `extended_due`, the status stays, and the reminder and the complaint are not held back. Whether a notice
counts is decided from the deadlines each time they are computed, so a corrected date of receipt decides it again.

Dates are those that happened: an event's date is the one the person gives, never today by default for a date the
tracker keeps, and recording an event never rewrites another event's date (a partial answer keeps the day of the answer).
Dates that contradict each other (a receipt before the sending) are refused: a typo would move every deadline.
While only the sending date is known, receipt is estimated (`sar.deadlines.estimated_receipt`) and flagged as an estimate,
never later than the first answer (an answer proves the request had arrived: the estimate is then that day, "at the
latest"); entering the acknowledgement-of-receipt date recomputes every deadline.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Literal

from sar import deadlines
from sar.directory import Contact
from sar.errors import InputError
from sar.i18n import N_, _, format_date
from sar.requests.model import (
    ANSWERED_STATUSES, CHANNELS, DEADLINE_NAMES, EVENT_NAMES, MEDICAL_RECORD_LETTER, STATUS_NAMES, STATUSES, NewRequest,
    Status, _day, is_mon_espace_sante_deletion,
)

EventKind = Literal["sent", "received", "extended", "answered", "partial", "refused", "reminded", "complained",
                    "completion_asked", "cada_referred", "note"]
ANY: frozenset[Status] = frozenset(STATUSES)


@dataclass(frozen=True)
class Transition:
    """One row of the table: when `event` may be recorded, the status it moves to (from `moves_from` only), and the
    document field that keeps its date (None: the date is only in the history)."""

    event: EventKind
    allowed_in: frozenset[Status]
    new_status: Status | None
    moves_from: frozenset[Status]
    date_field: str | None


TRANSITIONS: dict[str, Transition] = {t.event: t for t in (
    Transition("sent", ANY, "sent", frozenset({"draft"}), "sent"),
    Transition("received", ANY, "received", frozenset({"draft", "sent"}), "received"),
    Transition("extended", frozenset({"sent", "received", "extended", "reminded"}), "extended",
               frozenset({"draft", "sent", "received"}), "extended_on"),
    Transition("answered", ANY - {"draft"}, "answered", ANY - {"draft"}, "answered"),
    Transition("partial", ANY - {"draft"}, "partial", ANY - {"draft"}, "answered"),
    Transition("refused", ANY - {"draft"}, "refused", ANY - {"draft"}, "answered"),
    Transition("reminded", ANY - {"draft"}, "reminded", ANY - {"draft"}, None),
    Transition("complained", ANY - {"draft"}, "complained", ANY - {"draft"}, None),
    Transition("completion_asked", frozenset({"partial"}), None, frozenset(), None),
    Transition("cada_referred", ANY - {"draft"}, None, frozenset(), "cada_referred"),
    Transition("note", ANY, None, frozenset(), None),
)}


def apply(document: dict, event: str, on: date, *, note: str = "", channel: str | None = None,
          request_id: int | None = None, missing: tuple[str, ...] | None = None) -> None:
    """Record `event` on the stored request `document` (changed in place), as the table says. `missing`: for an answer
    checked item by item, what it lacked (already validated by `sar.replies.check_missing`)."""
    transition = TRANSITIONS[event]
    status = document["status"]
    if event == "extended" and document["received"] is None:
        raise InputError(_("request {id} has no sending or receipt date yet: record --sent or --received first.").format(
            id=request_id))
    if status not in transition.allowed_in:
        raise InputError(_("request {id} is {status}: it cannot be marked {event}.").format(
            id=request_id, status=_(STATUS_NAMES.get(status, status)), event=_(EVENT_NAMES.get(event, event))))
    if transition.date_field in ("sent", "received", "answered"):
        _check_order(document, **{transition.date_field: on})
    if event == "completion_asked":
        _check_order(document, asked=on)
    if event == "extended":
        _check_order(document, notice=on)
    if event == "cada_referred":
        if document["kind"] != MEDICAL_RECORD_LETTER or "cada" not in document.get("laws", ()):
            raise InputError(_(
                "request {id} is not a medical-record request to a hospital you said is public: the CADA hears the "
                "refusals of public bodies"
            ).format(id=request_id))
        _check_order(document, referred=on)
    if transition.date_field == "answered" and document.get("answered") and on < date.fromisoformat(document["answered"]):
        raise InputError(_(
            "request {id} already has an answer dated {previous}: a later answer cannot be dated {answered}; check the date."
        ).format(id=request_id, previous=format_date(date.fromisoformat(document["answered"])),
                 answered=format_date(on)))
    if event == "sent" and channel:
        if channel not in CHANNELS:
            raise InputError(_("unknown channel {value!r}: choose post, email or form").format(value=channel))
        document["channel"] = channel
    if transition.date_field:
        document[transition.date_field] = on.isoformat()
    if event == "received":
        document["received_is_estimate"] = False
    if transition.new_status and status in transition.moves_from and not (event == "extended" and _late_notice(document, on)):
        document["status"] = transition.new_status
    if event != "note" or note:
        stored = {"date": on.isoformat(), "what": event, "note": note}
        if missing is not None and transition.date_field == "answered":
            stored["missing"] = list(missing)
        document["events"].append(stored)
    estimate_moved = estimate_receipt(document)
    if estimate_moved or event in ("sent", "received", "extended"):
        compute_deadlines(document)


def estimate_receipt(document: dict) -> bool:
    """While the day of receipt is not known, estimate it (`sar.deadlines.estimated_receipt`: posted, three working
    days later), and never after the first answer: an answer proves that the request had arrived by then. Run on every
    event, so a request stored before this rule is set right at its next event. True when the estimate changed."""
    if document["sent"] is None or not (document["received"] is None or document["received_is_estimate"]):
        return False
    estimate = deadlines.estimated_receipt(date.fromisoformat(document["sent"]), document.get("channel", "post"),
                                           document.get("region", deadlines.DEFAULT_REGION))
    answer = first_answer(document)
    if answer is not None and answer < estimate:
        estimate = answer
    changed = document["received"] != estimate.isoformat()
    document["received"], document["received_is_estimate"] = estimate.isoformat(), True
    return changed


def first_answer(document: dict) -> date | None:
    """The day of the first answer (complete, partial or refusal), None before any."""
    return min((date.fromisoformat(event["date"]) for event in document["events"]
                if event["what"] in ANSWERED_STATUSES), default=None)


def new_document(new: NewRequest, person_id: str, today: date) -> dict:
    """A request as first stored: a draft, its contact as written on the letter, "recorded" today."""
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
    if new.laws:
        document["laws"] = list(new.laws)
    if new.files:
        document["files"] = list(new.files)
    if new.sent:
        apply(document, "sent", new.sent, channel=new.channel)
    return document


def compute_deadlines(document: dict) -> None:
    """Recompute the stored deadlines from the day of receipt (real or estimated) and the extension, if any: the GDPR's,
    L.1111-7's for a medical record, R.1111-36's for the deletion of Mon Espace Santé (sar.requests.model)."""
    received, region = _day(document["received"]), document["region"]
    for name in DEADLINE_NAMES:
        document[name] = None
    if received is None:
        return
    gdpr = deadlines.gdpr_deadlines(received, region)
    document["gdpr_due"] = gdpr.due.due.isoformat()
    if document.get("extended_on") and not _late_notice(document, date.fromisoformat(document["extended_on"])):
        document["extended_due"] = gdpr.extended_due.due.isoformat()
    if is_mon_espace_sante_deletion(document["kind"], document["actor"]):
        document["deletion_due"] = deadlines.mon_espace_sante_deletion(received, region).due.isoformat()
    if document["kind"] == MEDICAL_RECORD_LETTER:
        csp = deadlines.medical_record_deadlines(received, region)
        document["csp_due"] = csp.due.due.isoformat()
        document["csp_due_if_older_than_5_years"] = csp.due_if_older_than_5_years.due.isoformat()


def _late_notice(document: dict, notice: date) -> bool:
    """A notice of extension given after the first month (after `gdpr_due`): it extends nothing (GDPR art. 12(3))."""
    gdpr_due = _day(document.get("gdpr_due"))
    return gdpr_due is not None and notice > gdpr_due


def copy_document(document) -> dict:
    copy = dict(document)
    copy["events"] = [dict(event) for event in document.get("events", [])]
    copy["contact"] = dict(document.get("contact", {}))
    if "laws" in document:
        copy["laws"] = list(document["laws"])
    if "files" in document:
        copy["files"] = list(document["files"])
    return copy


# Dates that cannot stand in this order, as a table: (the date given, "before" or "after", the date stored it is compared
# with, the message). A typo would move every deadline, or make a complaint say something false. "first" is the day the
# request was sent (or received, when only that is known).
ORDER_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("sent", "after", "answered", N_("the sending date {sent} is after the answer date {answered}: check the dates.")),
    ("received", "after", "answered",
     N_("the receipt date {received} is after the answer date {answered}: check the dates.")),
    ("asked", "before", "answered", N_("the missing items cannot have been asked for on {asked}, before the answer of "
                                       "{answered}: check the date.")),
    ("received", "before", "sent", N_("the receipt date {received} is before the sending date {sent}: check the dates.")),
    ("sent", "after", "received", N_("the sending date {sent} is after the receipt date {received}: check the dates.")),
    ("notice", "before", "first", N_("the notice of extension cannot be dated {notice}, before the request was sent "
                                     "({sent}): check the date.")),
    ("referred", "before", "first", N_("the referral to the CADA cannot be dated {referred}, before the request was "
                                       "sent ({sent}): check the date.")),
    ("answered", "before", "first", N_("the answer date {answered} is before the request was sent ({sent}): check the "
                                       "dates.")),
)


def _check_order(document: dict, **given: date) -> None:
    """Refuse a date given (`sent`, `received`, `answered`, `asked`: the missing items asked for, `notice` of an
    extension, `referred` to the CADA) that contradicts a date stored (ORDER_RULES); the dates are told as people write
    them, in their language."""
    stored_sent = _day(document.get("sent"))
    stored = {"sent": stored_sent,
              "received": None if document.get("received_is_estimate") else _day(document.get("received")),
              "answered": _day(document.get("answered"))}
    stored["first"] = stored_sent or stored["received"]
    for given_name, wrong_when, stored_name, message in ORDER_RULES:
        day, other = given.get(given_name), stored[stored_name]
        if day is None or other is None or not (day > other if wrong_when == "after" else day < other):
            continue
        raise InputError(_(message).format(**{given_name: format_date(day),
                                              "sent" if stored_name == "first" else stored_name: format_date(other)}))


__all__ = ["TRANSITIONS", "Transition", "apply", "new_document", "compute_deadlines", "copy_document", "ANSWERED_STATUSES"]
