"""The tracker's model: a request's life, its deadlines from the day of receipt, idempotent recording, exports."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legal_examples import LEGAL_MD_EXAMPLES
from icalendar import Calendar

from sar import deadlines, storage
from sar.directory import Contact
from sar.errors import InputError
from sar.journey import Person
from sar.requests import NewRequest, Tracker, UnknownRequestError

CAMILLE = Person("Camille", "Martin", date(1985, 4, 12), "12 rue des Lilas", "69003", "Lyon", email="camille@example.org")
LEO = Person("Léo", "Dubois", date(1990, 1, 2), "1 rue Haute", "57000", "Metz", region="alsace-moselle")
DAY = date(2026, 3, 1)


def new(person=CAMILLE, actor="doctolib", kind="access-vendor", lang="fr", **extra) -> NewRequest:
    return NewRequest(person, actor, actor.title(), Contact(email=f"dpo@{actor}.example"), kind, lang, **extra)


@pytest.fixture
def tracker(tmp_path) -> Tracker:
    return Tracker(tmp_path / "tracker.json")


def test_lifecycle_sent_estimated_then_received_recomputes_then_extended_then_answered(tracker):
    request = tracker.record_request(new(kind="access"), today=DAY)
    assert (request.id, request.status, request.due) == (1, "draft", None)

    # Sent Monday 2 March 2026 by registered post: receipt estimated 3 working days later, deadlines from the estimate.
    request = tracker.mark_sent(1, date(2026, 3, 2))
    assert (request.status, request.received, request.received_is_estimate) == ("sent", date(2026, 3, 5), True)
    assert request.due == request.gdpr_due == date(2026, 4, 7)  # 5 April is Easter Sunday, 6 April Easter Monday

    # The acknowledgement of receipt says 14 April: everything moves, the estimate flag goes.
    request = tracker.mark_received(1, date(2026, 4, 14))
    assert (request.status, request.received, request.received_is_estimate) == ("received", date(2026, 4, 14), False)
    assert request.due == date(2026, 5, 15)  # 14 May 2026 is Ascension
    assert request.extended_due is None

    request = tracker.mark_extended(1, date(2026, 5, 2), note="they need more time")
    assert (request.status, request.extended_due, request.due) == ("extended", date(2026, 7, 15), date(2026, 7, 15))

    assert request.overdue(date(2026, 7, 16)) and not request.overdue(date(2026, 7, 15))
    request = tracker.mark_answered(1, date(2026, 7, 1), "partial")
    assert (request.status, request.answered, request.overdue(date(2026, 8, 1))) == ("partial", date(2026, 7, 1), False)
    assert [(e.on, e.what, e.note) for e in request.events] == [
        (DAY, "recorded", ""),
        (date(2026, 3, 2), "sent", ""),
        (date(2026, 4, 14), "received", ""),
        (date(2026, 5, 2), "extended", "they need more time"),
        (date(2026, 7, 1), "partial", ""),
    ]


def test_a_later_sending_date_does_not_undo_a_real_receipt_date(tracker):
    tracker.record_request(new(), today=DAY)
    tracker.mark_received(1, date(2026, 3, 5))
    assert tracker.mark_sent(1, date(2026, 3, 2)).received == date(2026, 3, 5)


def test_email_requests_are_received_the_day_they_are_sent(tracker):
    tracker.record_request(new(channel="email"), today=DAY)
    request = tracker.mark_sent(1, date(2026, 1, 31))
    assert (request.received, request.received_is_estimate, request.due) == (date(2026, 1, 31), True, date(2026, 3, 2))


@pytest.mark.parametrize("received, region, gdpr, extended, csp, csp_old", LEGAL_MD_EXAMPLES)
def test_medical_record_requests_get_the_l1111_7_deadlines(tracker, received, region, gdpr, extended, csp, csp_old):
    person = LEO if region == "alsace-moselle" else CAMILLE
    tracker.record_request(new(person, "your-doctor", "access-medical-record"), today=DAY)
    request = tracker.mark_received(1, date.fromisoformat(received))
    row = request.as_row(date(2020, 1, 1))
    assert (row["region"], row["gdpr_due"], row["csp_due"], row["csp_due_if_older_than_5_years"]) == (region, gdpr, csp, csp_old)
    assert row["due"] == csp  # the 8 days of L.1111-7 are the clock in force for the record itself
    row = tracker.mark_extended(1, date.fromisoformat(received)).as_row(date(2020, 1, 1))
    assert (row["extended_due"], row["due"]) == (extended, csp_old)  # then the 2 months L.1111-7 allows, no more


def test_other_letters_have_no_l1111_7_deadlines(tracker):
    tracker.record_request(new(kind="access-insurer"), today=DAY)
    request = tracker.mark_received(1, date(2026, 3, 5))
    assert (request.csp_due, request.csp_due_if_older_than_5_years) == (None, None)
    assert [name for name, _ in request.deadlines()] == ["gdpr_due"]


def test_recording_twice_returns_the_existing_request(tracker):
    first = tracker.record_request(new(), today=DAY)
    tracker.mark_sent(first.id, date(2026, 3, 2))
    again = tracker.record_request(new(), today=date(2026, 5, 1))
    assert again.id == first.id and again.status == "sent" and again.created == DAY
    assert tracker.record_request(new(lang="en"), today=DAY).id == 2  # another language is another letter
    assert tracker.record_request(new(LEO), today=DAY).id == 3  # another person too
    assert len(tracker.list_requests()) == 3
    assert [person_id for person_id, _p in tracker.people_with_ids()] == ["camille-martin-1985-04-12", "leo-dubois-1990-01-02"]


def test_a_batch_is_one_write_of_the_file_and_skips_what_is_recorded(tracker, monkeypatch):
    tracker.record_request(new(actor="actor-7"), today=DAY)
    writes = []
    real_write = storage.write_database
    monkeypatch.setattr(storage, "write_database", lambda path, data, **kw: (writes.append(path), real_write(path, data, **kw)))
    batch = [new(person, f"actor-{i}") for person in (CAMILLE, LEO) for i in range(150)] + [new(actor="actor-1")]
    recorded = tracker.record_requests(batch, today=DAY)
    assert len(writes) == 1
    assert len(recorded) == 301 and recorded[7].id == 1 and recorded[-1].id == recorded[1].id
    assert len({r.id for r in recorded}) == 300 == len(tracker.list_requests())
    assert tracker.record_requests(batch, today=DAY) == recorded and len(writes) == 1  # nothing new: nothing written


def test_the_contact_is_kept_as_sent(tracker):
    contact = Contact(postal="DPO\n1 rue X\n75001 Paris", email="dpo@x.example", source="https://x.example", verified="2026-01-01")
    tracker.record_request(NewRequest(CAMILLE, "x", "X", contact, "access", "fr"), today=DAY)
    assert tracker.get(1).contact == contact


def test_bad_ids_statuses_and_dates_are_refused(tracker):
    tracker.record_request(new(), today=DAY)
    tracker.mark_sent(1, date(2026, 3, 2))
    with pytest.raises(UnknownRequestError, match="no request 9"):
        tracker.add_note(9, "x")
    with pytest.raises(UnknownRequestError, match="not a request id"):
        tracker.get("abc")
    assert tracker.get("#1").id == 1
    with pytest.raises(InputError, match="unknown status 'done'"):
        tracker.set_status(1, "done")
    with pytest.raises(InputError, match="before the sending date"):
        tracker.mark_received(1, date(2026, 3, 1))
    with pytest.raises(InputError, match="give the date"):
        tracker.set_status(1, "received")
    assert tracker.get(1).received == date(2026, 3, 5)  # nothing changed


def test_due_lists_overdue_first_then_due_soon(tracker):
    today = date(2026, 6, 1)
    received = {
        "late-a-lot": date(2026, 3, 2),   # due 2 April: 60 days late
        "late-a-bit": date(2026, 4, 27),  # due 27 May
        "soon": date(2026, 5, 5),         # due 5 June
        "later": date(2026, 5, 28),       # due 29 June: outside 14 days
        "answered": date(2026, 3, 2),
        "draft": None,
    }
    tracker.record_requests([new(actor=name) for name in received], today=DAY)
    for request_id, (name, day) in enumerate(received.items(), start=1):
        if day:
            tracker.mark_received(request_id, day)
    tracker.mark_answered(5, date(2026, 4, 1))
    due = tracker.due(14, today)
    assert [r.actor for r in due] == ["late-a-lot", "late-a-bit", "soon"]
    assert [r.overdue(today) for r in due] == [True, True, False]
    assert [r.actor for r in tracker.due(40, today)][-1] == "later"
    assert tracker.due(14, date(2026, 1, 1)) == []


def test_list_filters_by_person_and_status(tracker):
    tracker.record_requests([new(actor="a"), new(LEO, actor="b"), new(LEO, actor="c")], today=DAY)
    tracker.mark_sent(3, date(2026, 3, 2))
    assert [r.id for r in tracker.list_requests(person=tracker.find_person_id(LEO))] == [2, 3]
    assert [r.id for r in tracker.list_requests(status="sent")] == [3]
    assert tracker.list_requests(person="nobody") == []


def test_followup_carries_what_a_reminder_or_complaint_needs(tracker):
    tracker.record_request(new(actor="your-doctor", kind="access-medical-record"), today=DAY)
    tracker.mark_sent(1, date(2026, 3, 2), note="registered letter 1A 234")
    tracker.mark_received(1, date(2026, 3, 5))
    followup = tracker.history(1, today=date(2026, 3, 20))
    assert followup.person == CAMILLE
    assert (followup.overdue, followup.days_late) == (True, 7)
    assert followup.deadlines[0] == ("csp_due", date(2026, 3, 13))
    assert [(e.on, e.what, e.note) for e in followup.history][1] == (date(2026, 3, 2), "sent", "registered letter 1A 234")
    assert followup.request.contact.email == "dpo@your-doctor.example"
    assert tracker.mark_followed_up(1, "reminder", date(2026, 3, 21)).status == "reminded"
    assert tracker.due(0, date(2026, 3, 22))[0].id == 1  # a reminded request is still waiting


def test_ics_has_one_all_day_event_per_deadline_with_an_alarm_the_day_before(tracker, tmp_path):
    tracker.record_requests([new(actor="your-doctor", kind="access-medical-record"), new(actor="doctolib"), new(actor="x")],
                            today=DAY)
    tracker.mark_received(1, date(2026, 3, 5))
    tracker.mark_received(2, date(2026, 4, 14))
    tracker.mark_extended(2, date(2026, 4, 20))
    tracker.mark_received(3, date(2026, 3, 5))
    tracker.mark_answered(3, date(2026, 3, 20))  # answered: no more deadlines to watch
    now = datetime(2026, 4, 21, 9, tzinfo=timezone.utc)
    assert tracker.export_ics(tmp_path / "a.ics", now=now) == 5
    events = Calendar.from_ical((tmp_path / "a.ics").read_bytes()).walk("VEVENT")
    starts = sorted((str(e["summary"]).split(":")[0], e.decoded("dtstart")) for e in events)
    # Discreet titles (a calendar may sync to a cloud): no organisation, no person; details only when asked for.
    assert all("your-doctor" not in str(e["summary"]) and "Camille" not in str(e["summary"] + e["description"])
               for e in events)
    assert starts == sorted([
        ("medical record due (CSP L.1111-7, 8 days)", date(2026, 3, 13)),
        ("GDPR answer due (art. 12(3), one month)", date(2026, 4, 7)),
        ("medical record due if more than 5 years old (CSP L.1111-7, 2 months)", date(2026, 5, 5)),
        ("GDPR answer due (art. 12(3), one month)", date(2026, 5, 15)),
        ("extended GDPR answer due (art. 12(3), three months)", date(2026, 7, 15)),
    ])
    for event in events:
        assert type(event.decoded("dtstart")) is date  # all-day
        assert event.decoded("dtend") == event.decoded("dtstart") + timedelta(days=1)
        (alarm,) = event.walk("VALARM")
        # 9:00 the day before (the all-day event starts at 00:00), not midnight.
        assert (str(alarm["action"]), alarm.decoded("trigger")) == ("DISPLAY", timedelta(hours=-15))
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == 5
    tracker.export_ics(tmp_path / "b.ics", now=now + timedelta(days=3))
    assert sorted(uids) == sorted(str(e["uid"]) for e in Calendar.from_ical((tmp_path / "b.ics").read_bytes()).walk("VEVENT"))
    assert oct((tmp_path / "a.ics").stat().st_mode & 0o777) == "0o600"
    tracker.export_ics(tmp_path / "c.ics", now=now, details=True)
    detailed = Calendar.from_ical((tmp_path / "c.ics").read_bytes()).walk("VEVENT")
    assert any("Camille" in str(e["description"]) for e in detailed)
    assert all("Camille" not in str(e["summary"]) for e in detailed)


def test_csv_export_has_one_row_per_request_and_defuses_formulas(tracker, tmp_path):
    tracker.record_requests([NewRequest(CAMILLE, "your-doctor", "=HYPERLINK(\"x\")"), new()], today=DAY)
    tracker.mark_received(2, date(2026, 3, 5))
    assert tracker.export_csv(tmp_path / "r.csv", today=date(2026, 4, 8)) == 2
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text())))
    assert rows[0]["actor_name"] == "'=HYPERLINK(\"x\")"
    assert (rows[1]["id"], rows[1]["due"], rows[1]["overdue"]) == ("2", "2026-04-07", "True")


def test_record_letters_marks_sent_only_letters_with_an_address(tmp_path):
    """Issue 12.7: "mark as sent" never records as sent a letter whose address is a blank; it says which and why."""
    from sar.directory import Actor, Contact
    from sar.inference import Finding
    from sar.output.files import ManifestRow
    from sar.requests.recording import letters_as_requests, record_letters

    with_address = Actor("doctolib", "Doctolib", contact=Contact(postal="54 quai Charles Pasqua\n92300 Levallois-Perret"))
    without = Actor("qare", "Qare")
    findings = [Finding(a, "certain", (), ("gdpr-art15",), "access-vendor") for a in (with_address, without)]
    rows = [ManifestRow(CAMILLE.full_name, a.id, "access-vendor", "fr", (f"x/{a.id}.fr.pdf",), "", "")
            for a in (with_address, without)]
    tracker = Tracker(tmp_path / "tracker.json")
    recorded = record_letters(tracker, letters_as_requests(CAMILLE, findings, rows, "fr", "post"), sent=date(2026, 3, 2))
    status = {r.actor: r.status for r in tracker.list_requests()}
    assert status == {"doctolib": "sent", "qare": "draft"}
    assert [(r.actor, reason.startswith("no postal address")) for r, reason in recorded.drafts] == [("qare", True)]


# -- an answer proves receipt: the estimate is never later than the first answer ---------------------------------------------

def test_an_estimated_receipt_is_never_after_the_answer(tracker):
    """Posted Tuesday 1 December 2026, receipt estimated Friday 4 December; an answer on 2 December proves the letter
    arrived by then: the estimate moves back to the answer's day, the deadlines with it, and it stays an estimate."""
    tracker.record_request(new(), today=date(2026, 12, 1))
    assert tracker.mark_sent(1, date(2026, 12, 1)).received == date(2026, 12, 4)
    request = tracker.mark_answered(1, date(2026, 12, 2))
    assert (request.received, request.received_is_estimate, request.receipt_bounded_by_answer) == (
        date(2026, 12, 2), True, True)
    assert request.gdpr_due == date(2027, 1, 4)  # one month from 2 December: 2 January 2027 is a Saturday
    request = tracker.mark_sent(1, date(2026, 11, 30))  # the sending date corrected: still not after the answer
    assert (request.received, request.receipt_bounded_by_answer) == (date(2026, 12, 2), True)
    request = tracker.mark_received(1, date(2026, 12, 1))  # the real date, once known, is the person's
    assert (request.received, request.received_is_estimate, request.receipt_bounded_by_answer) == (
        date(2026, 12, 1), False, False)


def test_an_answer_after_the_estimate_leaves_it_alone(tracker):
    tracker.record_request(new(), today=date(2026, 12, 1))
    tracker.mark_sent(1, date(2026, 12, 1))
    request = tracker.mark_answered(1, date(2026, 12, 10), missing=("retention",))
    assert (request.received, request.received_is_estimate, request.receipt_bounded_by_answer) == (
        date(2026, 12, 4), True, False)


@settings(max_examples=60, deadline=None)
@given(sent=st.dates(date(2026, 1, 1), date(2027, 12, 20)), answered_after=st.integers(0, 10),
       channel=st.sampled_from(["post", "email"]))
def test_the_receipt_is_never_after_the_first_answer(tmp_path_factory, sent, answered_after, channel):
    tracker = Tracker(tmp_path_factory.mktemp("tracker") / "tracker.json")
    tracker.record_request(new(channel=channel), today=sent)
    tracker.mark_sent(1, sent)
    request = tracker.mark_answered(1, sent + timedelta(days=answered_after))
    assert sent <= request.received <= request.answered
    assert request.gdpr_due == deadlines.gdpr_deadlines(request.received, request.region).due.due
