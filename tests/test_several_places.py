"""Several of each (issue 14.3): two doctors, two labs, two pharmacies... in answers files (lists or numbered keys), in
CSV columns, in the findings (one per place, shared organisations once) and in the letters and tracker (one each)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sar import care_places, inference, journey
from sar.cli import main
from sar.requests import Tracker

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PERSON = {"first_name": "Camille", "last_name": "Martin", "birth_date": "1985-04-12", "address": "12 rue des Lilas",
          "postcode": "69003", "city": "Lyon"}


def from_journey(**answers) -> journey.Journey:
    return journey.journey_from_document({"lang": "fr", "person": PERSON, "journey": answers})


def problems(**answers) -> list[str]:
    with pytest.raises(journey.AnswersError) as refused:
        from_journey(**answers)
    return [str(problem) for problem in refused.value.problems]


# -- answers files ---------------------------------------------------------------------------------------------------

def test_lists_of_tables_become_places_in_their_order():
    j = from_journey(
        doctors=[{"name": "Dr Jeanne Dupont", "specialty": "gp", "software": "weda"},
                 {"name": "Dr Anne Roux", "specialty": "specialist", "address": "5 rue Vauban, 69006 Lyon"}],
        labs=[{"group": "cerballiance", "name": "Cerballiance Lyon 3"}, {"name": "Laboratoire du Parc"}],
        pharmacies=[{"name": "Pharmacie des Lilas"}, {"name": "Pharmacie de la Gare"}],
        hospitals=[{"kind": "private", "name": "Clinique du Parc"}],
        imaging=[{"name": "Radiologie Bellecour"}],
    )
    doctors = j.places(care_places.DOCTOR)
    assert [(d.actor_id, d.name, d.get("specialty")) for d in doctors] == [
        ("your-doctor", "Dr Jeanne Dupont", "gp"), ("your-doctor-2", "Dr Anne Roux", "specialist")]
    assert [(lab.actor_id, lab.value) for lab in j.places(care_places.LAB)] == [
        ("your-lab-site", "cerballiance"), ("your-lab-site-2", "other")]  # a lab by its name alone: not a group's
    assert j.answer("hospital") == "private" and j.answer("imaging") is True and j.answer("imaging_name")
    assert len(j.places(care_places.PHARMACY)) == 2


def test_single_keys_keep_working_and_mean_the_first_place():
    j = journey.load_answers(EXAMPLES / "answers.toml")
    assert [d.actor_id for d in j.places(care_places.DOCTOR)] == ["your-doctor"]
    assert j.answer("doctor_name") == "Dr Jeanne Dupont" and j.answer("doctor_2") is False


def test_problems_name_the_list_and_the_place_counted_from_one():
    found = problems(doctors=[{"name": "Dr A"}, {"nom": "Dr B"}, {"specialty": "astrologer"}],
                     hospitals=[{"name": "CHU"}])
    assert any(p.startswith("journey.doctors[2].nom: unknown key") for p in found)
    assert any(p.startswith("journey.doctors[3].specialty: 'astrologer'") for p in found)
    assert any(p.startswith("journey.hospitals[1].kind: say whether it is a public hospital") for p in found)


def test_a_list_and_the_same_places_keys_together_are_refused():
    found = problems(doctors=[{"name": "Dr A"}], doctor_name="Dr B")
    assert found == ["journey.doctor_name: journey.doctors already lists these places: give this one there too"]


def test_numbered_keys_in_a_file_imply_the_place_and_a_gap_is_refused():
    j = from_journey(doctor=True, doctor_name="Dr A", doctor_2_name="Dr B")
    assert [d.name for d in j.places(care_places.DOCTOR)] == ["Dr A", "Dr B"]
    found = problems(doctor=True, doctor_3_name="Dr C")
    assert found == ["journey.doctor_3_name: there is no journey.doctor_2 before it: number the places without a gap"]


def test_a_draft_with_several_places_reads_back_as_it_was(tmp_path):
    j = from_journey(doctors=[{"name": "Dr A"}, {"name": "Dr B", "specialty": "dentist"}], labs=[{"name": "Labo"}])
    path = journey.write_answers(j, tmp_path / "answers.toml")
    again = journey.load_answers(path)
    assert again.answers == j.answers
    assert journey.load_answers(journey.write_answers(j, tmp_path / "answers.json")).answers == j.answers


def test_the_example_with_two_doctors_and_two_labs_reads():
    j = journey.load_answers(EXAMPLES / "answers-several.toml")
    assert len(j.places(care_places.DOCTOR)) >= 2 and len(j.places(care_places.LAB)) >= 2


# -- inference: one finding per place, shared organisations once -------------------------------------------------------

def ids(findings) -> list[str]:
    return [finding.actor.id for finding in findings]


def reasons_of(findings, actor_id: str, lang: str = "en") -> str:
    return " ".join(reason.get(lang) for reason in next(f for f in findings if f.actor.id == actor_id).reasons)


@pytest.mark.parametrize("answers, present, absent", [
    # two practitioners: two findings, in order
    ({"doctors": [{"name": "Dr A"}, {"name": "Dr B", "specialty": "dentist"}]},
     ["your-doctor", "your-doctor-2"], ["your-doctor-3"]),
    # two practices on the same software: one vendor finding
    ({"doctors": [{"name": "Dr A", "software": "weda"}, {"name": "Dr B", "software": "weda"}]},
     ["your-doctor", "your-doctor-2", "weda"], []),
    # two labs of one group: a letter to each lab, one to the group
    ({"labs": [{"group": "biogroup", "name": "Biogroup Lyon 3"}, {"group": "biogroup", "name": "Biogroup Lyon 6"}]},
     ["your-lab-site", "your-lab-site-2", "biogroup"], []),
    # two labs of two groups: two group findings
    ({"labs": [{"group": "biogroup"}, {"group": "synlab"}]},
     ["your-lab-site", "your-lab-site-2", "biogroup", "synlab"], []),
    # a hospital and a clinic
    ({"hospitals": [{"kind": "public", "name": "CHU"}, {"kind": "private", "name": "Clinique"}]},
     ["your-hospital", "your-hospital-2"], []),
    # an imaging centre named: its own finding; imaging with no centre named stays a note
    ({"imaging": [{"name": "Radiologie Bellecour"}]}, ["your-imaging-centre"], []),
    ({"imaging": True}, [], ["your-imaging-centre"]),
    # two pharmacies
    ({"pharmacies": [{"name": "P1"}, {}]}, ["your-pharmacy", "your-pharmacy-2"], []),
])
def test_one_finding_per_place(answers, present, absent):
    found = ids(inference.infer(from_journey(**answers)))
    assert all(actor_id in found for actor_id in present), found
    assert [actor_id for actor_id in found if actor_id in present] == present  # in the order given
    assert not set(absent) & set(found)
    assert len(found) == len(set(found))


def test_each_finding_names_its_place_and_a_shared_one_names_them_all():
    findings = inference.infer(from_journey(
        doctors=[{"name": "Dr Jeanne Dupont", "specialty": "gp", "software": "weda"},
                 {"name": "Dr Paul Weber", "specialty": "dentist", "software": "weda"}],
        labs=[{"group": "biogroup", "name": "Biogroup Lyon 3", "results_online": True},
              {"group": "biogroup", "name": "Biogroup Lyon 6", "results_online": True}]))
    assert "You saw Dr Paul Weber, dentist" in reasons_of(findings, "your-doctor-2")
    assert "Vous avez consulté Dr Paul Weber, chirurgien-dentiste" in reasons_of(findings, "your-doctor-2", "fr")
    assert "Dr Jeanne Dupont" not in reasons_of(findings, "your-doctor-2")
    assert "Dr Jeanne Dupont, general practitioner; Dr Paul Weber, dentist use WEDA" in reasons_of(findings, "weda")
    assert "Biogroup Lyon 3; Biogroup Lyon 6" in reasons_of(findings, "biogroup")
    assert "Biogroup Lyon 3; Biogroup Lyon 6" in reasons_of(findings, "dedalus-mesanalyses")
    assert ids(findings).count("dedalus-mesanalyses") == 1


def test_each_place_is_its_own_addressee():
    findings = {f.actor.id: f for f in inference.infer(from_journey(
        pharmacies=[{"name": "Pharmacie des Lilas", "address": "1 rue des Lilas, 69003 Lyon"}, {}]))}
    first, second = findings["your-pharmacy"].actor, findings["your-pharmacy-2"].actor
    assert first.name.fr == "Pharmacie des Lilas" and "1 rue des Lilas" in first.contact.postal
    assert second.unnamed and second.name.en == "Your pharmacy (2)"  # a blank in the letter, told apart on screen
    assert second.contact.postal == ""  # the first pharmacy's address is not the second's


def test_the_same_answers_give_the_same_ids_every_time():
    answers = {"doctors": [{"name": "Dr A"}, {"name": "Dr B"}], "labs": [{"name": "L1"}, {"name": "L2"}]}
    assert ids(inference.infer(from_journey(**answers))) == ids(inference.infer(from_journey(**answers)))


# -- CSV -----------------------------------------------------------------------------------------------------------------

CSV_HEADER = ["first_name", "last_name", "birth_date", "address", "postcode", "city", "doctor", "doctor_name",
              "doctor_2_name", "doctor_2_specialty", "lab", "lab_2", "lab_2_name", "pharmacy", "pharmacy_2_name"]


def test_csv_numbered_columns_give_one_letter_per_place_and_a_bad_one_is_reported_by_line(tmp_path, capsys):
    source = tmp_path / "members.csv"
    with source.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            CSV_HEADER,
            ["Camille", "Martin", "1985-04-12", "12 rue des Lilas", "69003", "Lyon", "oui", "Dr Jeanne Dupont",
             "Dr Paul Weber", "dentist", "cerballiance", "biogroup", "Biogroup Lyon 6", "oui", "Pharmacie de la Gare"],
            ["Jean", "Schmitt", "1952-09-30", "4 rue du Dôme", "67000", "Strasbourg", "oui", "Dr A",
             "Dr B", "astrologer", "none", "", "", "non", ""],
        ])
    out = tmp_path / "out"
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt", "--jobs", "1",
                 "--db", str(tmp_path / "tracker.json"), "--date", "2026-11-23"]) == 1
    err = capsys.readouterr().err
    assert "line 3, column doctor_2_specialty: 'astrologer'" in err
    letters = {p.name for p in (out / "camille-martin-1985-04-12").iterdir()}
    # Each letter is named after its place (issue 24.2); a place given no name keeps its id.
    assert {"dr-jeanne-dupont.fr.txt", "dr-paul-weber.fr.txt", "your-lab-site.fr.txt", "biogroup-lyon-6.fr.txt",
            "cerballiance.fr.txt", "biogroup.fr.txt", "your-pharmacy.fr.txt", "pharmacie-de-la-gare.fr.txt"} <= letters
    assert "Dr Paul Weber" in (out / "camille-martin-1985-04-12" / "dr-paul-weber.fr.txt").read_text()
    assert not (out / "jean-schmitt-1952-09-30").exists()


def test_the_example_members_csv_has_a_member_with_several_places():
    rows = list(csv.DictReader((EXAMPLES / "members.csv").open(encoding="utf-8")))
    assert any(row.get("doctor_2_name") for row in rows)


# -- letters and tracking ------------------------------------------------------------------------------------------------

def test_one_letter_and_one_tracked_request_per_place_and_tracking_again_adds_nothing(tmp_path, capsys):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"lang": "fr", "person": PERSON, "journey": {
        "doctors": [{"name": "Dr Jeanne Dupont", "address": "3 place Bellecour, 69002 Lyon"},
                    {"name": "Dr Paul Weber", "specialty": "dentist", "address": "8 quai Kléber, 67000 Strasbourg"}],
        "labs": [{"group": "cerballiance", "name": "Cerballiance Lyon 3"}, {"group": "cerballiance"}],
        "mon_espace_sante": "closed", "insurance_fund": "other"}}), encoding="utf-8")
    out, db = tmp_path / "letters", tmp_path / "tracker.json"
    command = ["letters", "--answers", str(answers), "--out", str(out), "--format", "txt", "--track", "--db", str(db),
               "--date", "2026-11-23"]
    assert main(command) == 0
    written = sorted(p.name for p in (out / "camille-martin").iterdir() if p.suffix == ".txt")
    assert {"dr-jeanne-dupont.fr.txt", "dr-paul-weber.fr.txt", "cerballiance-lyon-3.fr.txt", "your-lab-site-2.fr.txt",
            "cerballiance.fr.txt"} <= set(written)
    second = (out / "camille-martin" / "dr-paul-weber.fr.txt").read_text()
    assert "Dr Paul Weber" in second and "8 quai Kléber" in second and "Dr Jeanne Dupont" not in second
    requests = Tracker(db).list_requests()
    actors = [r.actor for r in requests]
    assert len(actors) == len(set(actors)) == len(written)
    assert {"your-doctor", "your-doctor-2", "your-lab-site", "your-lab-site-2"} <= set(actors)
    capsys.readouterr()
    assert main(command) == 0
    assert len(Tracker(db).list_requests()) == len(requests)  # the same ids: nothing added
