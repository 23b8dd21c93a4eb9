"""A finished interview's answers, kept so that the findings can be shown again (sar.finished_journeys)."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date

from sar import journey
from sar.directory import Contact
from sar.finished_journeys import FinishedJourneys, with_tracked_contacts
from sar.inference import infer
from sar.requests import NewRequest, Tracker
from tests.test_tui_chat import EXAMPLE

CAMILLE = journey.load_answers(EXAMPLE)
ANSWERS = journey.journey_as_answers(CAMILLE)


def test_the_answers_are_kept_privately_under_a_name_that_says_nothing(tmp_path):
    kept = FinishedJourneys(tmp_path / "journeys").keep(ANSWERS)
    assert kept.journey.person == CAMILLE.person and kept.finished_on == date.today()
    assert oct(kept.path.stat().st_mode & 0o777) == "0o600"
    assert oct(kept.path.parent.stat().st_mode & 0o777) == "0o700"
    assert "camille" not in kept.path.name.lower() and "martin" not in kept.path.name.lower()
    assert journey.load_answers(kept.path) == CAMILLE


def test_one_file_per_person_the_last_answers_win_and_a_bad_file_is_left_out(tmp_path):
    journeys = FinishedJourneys(tmp_path)
    assert not journeys.exists() and journeys.all() == []
    journeys.keep(ANSWERS)
    journeys.keep({**ANSWERS, "city": "Villeurbanne", "postcode": "69100"})
    louis = journeys.keep({**ANSWERS, "first_name": "Louis"})
    (tmp_path / "broken.toml").write_text("this is not an answers file", encoding="utf-8")
    os.utime(louis.path, (1, 1))  # Louis answered long ago
    assert journeys.exists()
    assert [kept.journey.person.first_name for kept in journeys.all()] == ["Camille", "Louis"]
    assert journeys.of(CAMILLE.person).journey.person.city == "Villeurbanne"
    assert journeys.of(replace(CAMILLE.person, first_name="Anna")) is None
    assert (tmp_path / "broken.toml").read_text(encoding="utf-8") == "this is not an answers file"


def test_reopened_findings_take_back_the_contacts_and_organisations_of_the_letters(tmp_path):
    findings = infer(CAMILLE)
    pharmacy = next(f for f in findings if f.actor.id == "your-pharmacy")
    assert pharmacy.actor.contact.is_empty
    tracker = Tracker(tmp_path / "tracker.json")
    typed = Contact(postal="Pharmacie du Parc\n1 place du Parc\n69003 Lyon")
    hospital = Contact(postal="184 rue du Faubourg Saint-Antoine\n75012 Paris")
    tracker.record_requests([
        NewRequest(CAMILLE.person, "your-pharmacy", "Pharmacie du Parc", typed),
        NewRequest(CAMILLE.person, "added-hopital-saint-antoine", "Hôpital Saint-Antoine", hospital,
                   kind="access-medical-record"),
        NewRequest(CAMILLE.person, "doctolib", "Doctolib", Contact(postal="elsewhere\n75008 Paris"), kind="erasure"),
    ])
    reopened = with_tracked_contacts(findings, tracker.list_requests())
    by_id = {f.actor.id: f for f in reopened}
    assert by_id["your-pharmacy"].actor.contact == typed
    assert by_id["doctolib"].actor.contact == next(f for f in findings if f.actor.id == "doctolib").actor.contact
    added = reopened[-1]
    assert (added.actor.id, added.actor.name.fr, added.letter) == ("added-hopital-saint-antoine", "Hôpital Saint-Antoine",
                                                                   "access-medical-record")
    assert added.actor.contact == hospital and "csp-l1111-7" in added.laws
    assert len(reopened) == len(findings) + 1
