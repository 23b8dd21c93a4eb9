"""The tracker's requests as files other programs read: a CSV for a spreadsheet, an iCalendar file for a calendar."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from sar.csv_rows import spreadsheet_safe
from sar.i18n import _, format_date
from sar.requests.model import DEADLINE_NAMES, TrackedRequest

CSV_COLUMNS = (
    "id", "person", "person_name", "actor", "actor_name", "kind", "lang", "channel", "region", "status", "created", "sent",
    "received", "received_is_estimate", "extended", "answered", "due", "gdpr_due", "extended_due", "csp_due",
    "csp_due_if_older_than_5_years", "overdue",
)


def requests_as_csv(requests: Iterable[TrackedRequest], today: date) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for request in requests:
        writer.writerow({key: spreadsheet_safe(value) for key, value in request.as_row(today).items()})
    return buffer.getvalue()


def event_uid(request: TrackedRequest, deadline_name: str) -> str:
    """A stable UID: the same request's same deadline keeps its UID across exports, so calendars update it, not duplicate it."""
    key = "\x1f".join((request.person, request.actor, request.kind, request.lang))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"sar-{digest}-{deadline_name.replace('_', '-')}@sar.invalid"


# An all-day event starts at 00:00; its alarm rings 15 hours before: at 9:00 the day before, not at midnight.
ALARM_BEFORE = timedelta(hours=-15)


def requests_as_calendar(requests: Iterable[TrackedRequest], now: datetime, *,
                         details: bool = False) -> tuple[bytes, int]:
    """An iCalendar document: one all-day event per deadline of each open request, with a reminder at 9:00 the day before.

    A calendar often syncs to a cloud service, so titles are discreet: the request's number and the kind of deadline,
    never the organisation (a doctor's or a clinic's name says something about health) nor the person. The
    organisation, the person and the dates go in the description only when `details` is asked for.
    """
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
            summary = _("{deadline}: request {id}").format(deadline=_(DEADLINE_NAMES[name]), id=request.id)
            received = request.received
            description = _("Details: sar track list. When they answer: sar track update {id} --answered DATE. "
                            "If they do not: sar followup {id} --kind reminder --out DIR").format(id=request.id)
            if details:
                description = _(
                    "Access request from {person} to {actor}, received {estimate}on {received}. "
                    "When they answer: sar track update {id} --answered DATE. "
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
            alarm.add("trigger", ALARM_BEFORE)
            alarm.add("description", _("Tomorrow: {summary}").format(summary=summary))
            event.add_component(alarm)
            calendar.add_component(event)
            count += 1
    return calendar.to_ical(), count
