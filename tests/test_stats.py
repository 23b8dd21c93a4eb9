"""`sar track stats`: figures checked by hand on a small tracker of three people, as the core computes them and as the CLI
prints them (text, JSON, CSV); nothing in them names a person.

The tracker (`stats_tracker`), as of 30 June 2026. Every receipt on Monday 2 March 2026 has its GDPR deadline on
Thursday 2 April (`sar deadline --received 2026-03-02`: extended 2 June; a medical record's 8 days: 10 March).

    #  person  organisation                       what happened                             counts as
    1  Anna    Doctolib                           answered 20 March                         on time
    2  Bruno   Doctolib                           partial 12 April (recipients, retention)  late 10 days; incomplete
    3  Chloé   Doctolib                           extended 25 March, answered 15 May        extended; on time (2 June)
    4  Anna    Cerballiance                       no answer; complaint 1 May                past the deadline; complaint
    5  Bruno   Cerballiance                       extended 20 April (too late: no effect),  extended; late 30 days
                                                  answered 2 May
    6  Chloé   Cerballiance                       received 15 June (due 15 July)            still within the deadline
    7  Anna    Pharmacie du Parc, 75011 Paris     refused 5 April                           late 3 days; refused
    8  Bruno   Pharmacie du Parc, 75011 Paris     partial 10 March (recipients)             on time; incomplete
    9  Chloé   Pharmacie du Parc, 69003 Lyon      sent 1 June, receipt estimated            within the deadline
   10  Anna    Centre hospitalier de Périgueux    medical record, answered 20 March         late 10 days (8-day rule)
   11  Bruno   MGEN                               a draft, never sent                       not counted
   12  Chloé   Doctolib (her erasure request)     answered 22 April                         late 20 days

So Doctolib: 4 sent, 4 answered, 2 on time, 2 late (10 and 20 days: median 15, worst 20), 1 extended, 1 incomplete.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from sar.cli import main
from sar.directory import Contact
from sar.journey import Person
from sar.requests import NewRequest, Tracker

TODAY = date(2026, 6, 30)
ANNA = Person("Anna", "Ivanova", date(1990, 5, 5), "3 rue de la Paix", "75002", "Paris")
BRUNO = Person("Bruno", "Lefèvre", date(1972, 11, 30), "8 quai Saint-Antoine", "69002", "Lyon")
CHLOE = Person("Chloé", "Ngata", date(2001, 2, 14), "1 place du Marché", "24000", "Périgueux")
PARC_PARIS = Contact(postal="Pharmacie du Parc\n10 boulevard Voltaire\n75011 Paris")
PARC_LYON = Contact(postal="Pharmacie du Parc\n4 cours Gambetta\n69003 Lyon")
HOSPITAL = Contact(postal="Centre hospitalier de Périgueux\n80 avenue Georges Pompidou\n24000 Périgueux")
MARCH_2 = date(2026, 3, 2)


def stats_tracker(path) -> Tracker:
    tracker = Tracker(path)
    requests = tracker.record_requests([
        NewRequest(ANNA, "doctolib", "Doctolib SAS"),
        NewRequest(BRUNO, "doctolib", "Doctolib SAS"),
        NewRequest(CHLOE, "doctolib", "Doctolib SAS", lang="en"),
        NewRequest(ANNA, "cerballiance", "Cerballiance"),
        NewRequest(BRUNO, "cerballiance", "Cerballiance"),
        NewRequest(CHLOE, "cerballiance", "Cerballiance"),
        NewRequest(ANNA, "your-pharmacy", "Pharmacie du Parc", PARC_PARIS),
        NewRequest(BRUNO, "your-pharmacy", "Pharmacie du Parc", PARC_PARIS),
        NewRequest(CHLOE, "your-pharmacy", "Pharmacie du Parc", PARC_LYON),
        NewRequest(ANNA, "your-hospital", "Centre hospitalier de Périgueux", HOSPITAL, kind="access-medical-record"),
        NewRequest(BRUNO, "mgen", "MGEN"),
        NewRequest(CHLOE, "doctolib", "Doctolib SAS", kind="erasure"),
    ], today=date(2026, 2, 27))
    ids = [request.id for request in requests]
    for number in (1, 2, 3, 4, 5, 7, 8, 10, 12):
        tracker.mark_received(ids[number - 1], MARCH_2)
    tracker.mark_answered(ids[0], date(2026, 3, 20))
    tracker.mark_answered(ids[1], date(2026, 4, 12), missing=["recipients", "retention"])
    tracker.mark_extended(ids[2], date(2026, 3, 25))
    tracker.mark_answered(ids[2], date(2026, 5, 15))
    tracker.mark_followed_up(ids[3], "complaint", date(2026, 5, 1))
    tracker.mark_extended(ids[4], date(2026, 4, 20))
    tracker.mark_answered(ids[4], date(2026, 5, 2))
    tracker.mark_received(ids[5], date(2026, 6, 15))
    tracker.mark_answered(ids[6], date(2026, 4, 5), "refused")
    tracker.mark_answered(ids[7], date(2026, 3, 10), missing=["recipients"])
    tracker.mark_sent(ids[8], date(2026, 6, 1))
    tracker.mark_answered(ids[9], date(2026, 3, 20))
    tracker.mark_answered(ids[11], date(2026, 4, 22))
    return tracker


@pytest.fixture
def tracker(tmp_path) -> Tracker:
    return stats_tracker(tmp_path / "association.json")


def figures(organisation) -> dict:
    return {name: getattr(organisation, name) for name in (
        "sent", "answered", "answered_on_time", "answered_late", "late_delays", "unanswered_past_deadline", "waiting",
        "extended", "incomplete", "refused", "complaints", "receipt_estimated")}


def test_the_figures_of_the_small_tracker_are_those_counted_by_hand(tracker):
    stats = tracker.stats(today=TODAY)
    assert (stats.people, stats.sent) == (3, 11)  # the draft to MGEN is not a request sent
    by_name = {(org.organisation, org.named): org for org in stats.organisations}
    assert [org.organisation for org in stats.organisations] == [
        "Doctolib SAS", "Cerballiance", "Pharmacie du Parc", "Centre hospitalier de Périgueux", "Pharmacie du Parc"]
    doctolib, cerballiance = by_name["Doctolib SAS", True], by_name["Cerballiance", True]
    assert figures(doctolib) == dict(sent=4, answered=4, answered_on_time=2, answered_late=2, late_delays=[10, 20],
                                     unanswered_past_deadline=0, waiting=0, extended=1, incomplete=1, refused=0,
                                     complaints=0, receipt_estimated=0)
    assert doctolib.lacked_most_often() == [("recipients", 1), ("retention", 1)]
    assert (doctolib.median_delay, doctolib.worst_delay) == (15, 20)
    # An extension told on 20 April, after the first month, does not move the 2 April deadline (GDPR art. 12(3)).
    assert figures(cerballiance) == dict(sent=3, answered=1, answered_on_time=0, answered_late=1, late_delays=[30],
                                         unanswered_past_deadline=1, waiting=1, extended=1, incomplete=0, refused=0,
                                         complaints=1, receipt_estimated=0)
    paris, lyon = (org for org in stats.organisations if org.organisation == "Pharmacie du Parc")
    assert (paris.place, paris.sent, lyon.place, lyon.sent) == ("75011 Paris", 2, "69003 Lyon", 1)  # two pharmacies
    assert figures(paris) == dict(sent=2, answered=2, answered_on_time=1, answered_late=1, late_delays=[3],
                                  unanswered_past_deadline=0, waiting=0, extended=0, incomplete=1, refused=1,
                                  complaints=0, receipt_estimated=0)
    assert paris.actor == "your-pharmacy" and paris.lacked_most_often() == [("recipients", 1)]
    assert figures(lyon) == dict(sent=1, answered=0, answered_on_time=0, answered_late=0, late_delays=[],
                                 unanswered_past_deadline=0, waiting=1, extended=0, incomplete=0, refused=0,
                                 complaints=0, receipt_estimated=1)
    hospital = by_name["Centre hospitalier de Périgueux", True]
    assert (hospital.answered_late, hospital.late_delays) == (1, [10])  # the 8 days of CSP L.1111-7: 10 March


def test_one_persons_figures(tracker):
    anna = tracker.find_person_id(ANNA)
    stats = tracker.stats(person=anna, today=TODAY)
    assert (stats.people, stats.sent) == (1, 4)
    assert {org.organisation: org.sent for org in stats.organisations} == {
        "Doctolib SAS": 1, "Cerballiance": 1, "Pharmacie du Parc": 1, "Centre hospitalier de Périgueux": 1}


def test_an_unnamed_slot_is_not_taken_for_one_organisation(tmp_path):
    tracker = Tracker(tmp_path / "t.json")
    first, second = tracker.record_requests([NewRequest(ANNA, "your-pharmacy", "Votre pharmacie"),
                                             NewRequest(BRUNO, "your-pharmacy", "Your pharmacy", lang="en")],
                                            today=MARCH_2)
    for request in (first, second):
        tracker.mark_received(request.id, MARCH_2)
    (unnamed,) = tracker.stats(today=TODAY).organisations
    assert (unnamed.named, unnamed.actor, unnamed.sent) == (False, "your-pharmacy", 2)


@pytest.fixture
def fixed_today(monkeypatch):
    import sar.cli.track_stats

    class FixedDate(date):
        @classmethod
        def today(cls):
            return TODAY

    monkeypatch.setattr(sar.cli.track_stats, "date", FixedDate)


PERSONAL = ("Anna", "Ivanova", "Bruno", "Lefèvre", "Chloé", "Ngata", "1990", "1972", "2001", "anna-", "bruno-",
            "chloe-", "rue de la Paix", "quai Saint-Antoine")


def test_json_gives_each_figure_with_what_it_rests_on_and_no_person(tracker, capsys, fixed_today):
    assert main(["track", "stats", "--json", "--db", str(tracker.path)]) == 0
    out = capsys.readouterr().out
    document = json.loads(out)
    assert not [word for word in PERSONAL if word in out]
    assert (document["as_of"], document["people"], document["sent"]) == ("2026-06-30", 3, 11)
    doctolib = next(org for org in document["organisations"] if org["actor"] == "doctolib")
    assert doctolib["answered_late"] == {"count": 2, "out_of_answered": 4, "median_delay_days": 15,
                                         "worst_delay_days": 20}
    assert doctolib["incomplete"] == {"count": 1, "out_of_answered": 4, "items_recorded_for": 1,
                                      "lacked_most_often": [{"item": "recipients", "count": 1},
                                                            {"item": "retention", "count": 1}]}
    cerballiance = next(org for org in document["organisations"] if org["actor"] == "cerballiance")
    assert cerballiance["unanswered_past_deadline"] == {"count": 1, "out_of_sent": 3}
    assert cerballiance["complaints"] == {"count": 1, "out_of_sent": 3}


def test_csv_one_row_per_organisation(tracker, capsys, fixed_today):
    assert main(["track", "stats", "--csv", "--db", str(tracker.path)]) == 0
    out = capsys.readouterr().out
    assert not [word for word in PERSONAL if word in out]
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["organisation"] for row in rows][:2] == ["Doctolib SAS", "Cerballiance"]
    doctolib = rows[0]
    assert {key: doctolib[key] for key in ("sent", "answered", "answered_on_time", "answered_late", "median_delay_days",
                                           "worst_delay_days", "extended", "incomplete", "lacked_most_often")} == {
        "sent": "4", "answered": "4", "answered_on_time": "2", "answered_late": "2", "median_delay_days": "15",
        "worst_delay_days": "20", "extended": "1", "incomplete": "1", "lacked_most_often": "recipients:1;retention:1"}


def test_text_says_what_each_figure_is_counted_over(tracker, capsys, fixed_today):
    assert main(["track", "stats", "--db", str(tracker.path)]) == 0
    out = capsys.readouterr().out
    assert not [word for word in PERSONAL if word in out]
    assert out.startswith("11 requests sent by 3 people to 5 organisations, as of 30 June 2026.\n")
    block = out[out.index("Doctolib SAS — 4 requests sent"):].split("\n\n")[0]
    assert "answered within the deadline: 2 of 4 answered" in block
    assert "answered late: 2 of 4 answered (median 15 days, worst 20 days after the deadline)" in block
    assert "incomplete answers: 1 of 4 answered; lacked most often: " in block
    assert "complaints to the CNIL: 0 of 4 sent" in block
    assert "receipt estimated from the sending date for 1 of 1" in out
    assert "Pharmacie du Parc (75011 Paris) — 2 requests sent" in out
    lyon = out[out.index("Pharmacie du Parc (69003 Lyon) — 1 request sent"):]
    assert "still within the deadline: 1 of 1 sent" in lyon and "of 0" not in lyon  # no answer: no "0 of 0 answered"


def test_text_in_french(tracker, capsys, fixed_today, monkeypatch):
    monkeypatch.setenv("SAR_LANG", "fr")
    assert main(["track", "stats", "--db", str(tracker.path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("11 demandes envoyées par 3 personnes à 5 organismes, au 30 juin 2026.")
    assert "répondu en retard : 2 sur 4 réponses (médiane 15 jours, au pire 20 jours après l'échéance)" in out


def test_nothing_tracked_and_unknown_person(tmp_path, capsys):
    missing = tmp_path / "none.json"
    assert main(["track", "stats", "--db", str(missing)]) == 0
    assert "Nothing is tracked yet" in capsys.readouterr().out
    assert main(["track", "stats", "--json", "--db", str(missing)]) == 0
    assert json.loads(capsys.readouterr().out)["organisations"] == []
    assert not missing.exists()
    stats_tracker(tmp_path / "t.json")
    assert main(["track", "stats", "--person", "nobody", "--db", str(tmp_path / "t.json")]) == 2
    assert "there is no person nobody in the tracker" in capsys.readouterr().err
