"""Where things stand for a returning person (sar.requests.summary): each request at its step, as the table says."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from sar import i18n, journey
from sar.directory import Contact
from sar.requests import NewRequest, Tracker
from sar.requests.summary import STEPS, answer_to_check, step_of, summarise, waits_for_address

TODAY = date(2026, 11, 23)
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.toml"
CAMILLE = journey.load_answers(EXAMPLE).person
LOUIS = replace(CAMILLE, first_name="Louis", birth_date=date(1990, 1, 2))
POST = Contact(postal="26 rue de Berri\n75008 Paris")


def tracked(tmp_path, *changes, person=CAMILLE, contact=POST, channel="post", kind="access"):
    """One request to "Org", changed by `changes` (functions of the tracker and the request id), as read back."""
    tracker = Tracker(tmp_path / "tracker.json")
    (request,) = tracker.record_requests([NewRequest(person, f"org-{len(tracker.list_requests()) if tracker.exists() else 0}",
                                                     "Org", contact, kind=kind, channel=channel)],
                                         today=date(2026, 9, 1))
    for change in changes:
        change(tracker, request.id)
    return tracker.get(request.id)


sent_on = lambda day: lambda tracker, rid: tracker.mark_sent(rid, day, None)  # noqa: E731
received_on = lambda day: lambda tracker, rid: tracker.mark_received(rid, day)  # noqa: E731
answered = lambda day, **kw: lambda tracker, rid: tracker.mark_answered(rid, day, **kw)  # noqa: E731
followed_up = lambda kind, day: lambda tracker, rid: tracker.mark_followed_up(rid, kind, day)  # noqa: E731


@pytest.mark.parametrize("changes, options, expected", [
    ((), {"contact": Contact()}, "address"),  # a draft with a blank for the address
    ((), {"contact": Contact(postal="x"), "channel": "email"}, "address"),  # an e-mail with no e-mail address
    ((), {}, "post"),  # written with its address, not sent yet
    ((sent_on(date(2026, 9, 1)), received_on(date(2026, 9, 4))), {}, "overdue"),  # due 5 Oct.
    ((sent_on(date(2026, 10, 28)),), {}, "due"),  # received about 2 Nov., due about 2 Dec.: within 14 days
    ((sent_on(date(2026, 11, 20)),), {}, None),  # due about 23 Dec.: nothing to do yet
    ((sent_on(date(2026, 11, 2)), answered(date(2026, 11, 20), missing=["recipients"])), {}, "check"),  # partial
    ((sent_on(date(2026, 11, 2)), answered(date(2026, 11, 20), status="refused")), {}, "check"),
    ((sent_on(date(2026, 11, 2)), answered(date(2026, 11, 20))), {}, "check"),  # answered, items never checked
    ((sent_on(date(2026, 11, 2)), answered(date(2026, 11, 20), missing=[])), {}, None),  # checked: all came
    # the letter asking for the missing items sent: the organisation's move (the home said "1 answer to check" still)
    ((sent_on(date(2026, 11, 2)), answered(date(2026, 11, 20), missing=["recipients"]),
      followed_up("incomplete", date(2026, 11, 21))), {}, None),
    ((sent_on(date(2026, 11, 2)), answered(date(2026, 11, 20), missing=["recipients"]),
      followed_up("incomplete", date(2026, 11, 21)), answered(date(2026, 11, 22), missing=["retention"])), {}, "check"),
    ((sent_on(date(2026, 11, 2)), answered(date(2026, 11, 20))), {"kind": "erasure"}, None),  # no items to check
], ids=["no-address", "no-email", "to-post", "overdue", "due-soon", "not-due", "partial", "refused", "unchecked",
        "complete", "missing-items-asked", "answered-again", "erasure-answered"])
def test_each_request_waits_at_its_step(tmp_path, changes, options, expected):
    request = tracked(tmp_path, *changes, **options)
    assert step_of(request, TODAY) == expected
    assert waits_for_address(request) == (expected == "address")
    assert answer_to_check(request) == (expected == "check")


def test_people_are_summarised_with_their_steps_in_order(tmp_path):
    tracked(tmp_path, sent_on(date(2026, 9, 1)), received_on(date(2026, 9, 4)))
    tracked(tmp_path, contact=Contact())
    tracked(tmp_path, contact=Contact())
    tracked(tmp_path, sent_on(date(2026, 11, 20)))
    tracked(tmp_path, person=LOUIS)
    camille, louis = summarise(Tracker(tmp_path / "tracker.json").list_requests(), TODAY)
    assert (camille.name, camille.requests, camille.sent) == ("Camille Martin", 4, 2)
    assert [step.kind for step in camille.steps] == ["address", "overdue"]
    assert [len(step.requests) for step in camille.steps] == [2, 1]
    assert [step.kind for step in louis.steps] == ["post"]
    assert list(STEPS).index("address") < list(STEPS).index("overdue")


def test_the_summary_speaks_the_persons_language(tmp_path):
    for _ in range(5):
        tracked(tmp_path, contact=Contact())
    tracked(tmp_path, sent_on(date(2026, 9, 1)), received_on(date(2026, 9, 4)))
    (camille,) = summarise(Tracker(tmp_path / "tracker.json").list_requests(), TODAY)
    address, overdue = camille.steps
    assert address.title() == "5 letters wait for an address: Org, Org, Org, 2 more"
    assert overdue.title() == "1 deadline passed: Org (49 days late)"
    assert camille.headline() == "Camille Martin: 6 requests, 1 sent"
    i18n.set_language("fr")
    assert address.title() == "5 lettres attendent une adresse : Org, Org, Org, 2 autres"
    assert "CNIL" in overdue.next_step() and "relance" in overdue.next_step()
    assert camille.headline() == "Camille Martin : 6 demandes, 1 envoyée"
