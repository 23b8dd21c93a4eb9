"""Journeys to findings: the exact organisations, and how likely, for journeys a patient-association volunteer knows."""

from __future__ import annotations

from datetime import date

import pytest

from sar import inference, interview
from sar.journey import Journey, Person, load_answers

PERSON = Person("Camille", "Martin", date(1985, 4, 12), "12 rue des Lilas", "69003", "Lyon")
NOTHING = {"mon_espace_sante": "closed", "insurance_fund": "other"}  # a journey with no care at all


def journey(lang: str = "en", **answers) -> Journey:
    return Journey(PERSON, lang, interview.complete({**answers}))


CASES = [
    ("no care, closed record, other fund", dict(NOTHING), {"mon-espace-sante": "possible"}),
    ("GP only, CPAM, record unknown", dict(doctor=True),
     {"your-doctor": "certain", "your-cpam": "certain", "mon-espace-sante": "likely"}),
    ("GP on WEDA, booked on Doctolib, record active", dict(doctor=True, doctor_software="weda", booking=("doctolib",),
                                                          mon_espace_sante="active"),
     {"your-doctor": "certain", "doctolib": "certain", "your-cpam": "certain", "mon-espace-sante": "certain",
      "weda": "likely"}),
    ("lab with results online", dict(lab="cerballiance", lab_results_online=True, mon_espace_sante="active"),
     {"your-lab-site": "certain", "your-cpam": "certain", "mon-espace-sante": "certain", "cerballiance": "likely",
      "dedalus-mesanalyses": "possible"}),
    ("pharmacy, DP unknown", dict(pharmacy=True, **NOTHING),
     {"your-pharmacy": "certain", "cnop-dossier-pharmaceutique": "likely", "mon-espace-sante": "possible"}),
    ("pharmacy, no DP", dict(pharmacy=True, dossier_pharmaceutique="no", **NOTHING),
     {"your-pharmacy": "certain", "mon-espace-sante": "possible"}),
    ("public hospital with imaging, ALD, MSA", dict(hospital="public", imaging=True, ald=True, insurance_fund="msa",
                                                   mon_espace_sante="closed"),
     {"your-hospital": "certain", "msa": "certain", "mon-espace-sante": "possible"}),
    ("ALD at a CPAM, private clinic", dict(hospital="private", ald=True, mon_espace_sante="closed"),
     {"your-hospital": "certain", "your-cpam": "certain", "cpam-medical-service": "certain",
      "mon-espace-sante": "possible"}),
    ("mutuelle with tiers payant and optical", dict(mutuelle="mgen", tiers_payant=True,
                                                    special_guarantees=("optical",), **NOTHING),
     {"mgen": "certain", "tiers-payant-operator": "likely", "mon-espace-sante": "possible"}),
    ("a mutuelle sar does not know", dict(mutuelle="Mutuelle des Motards", **NOTHING),
     {"your-mutuelle": "certain", "mon-espace-sante": "possible"}),
    ("teleconsultation and booking", dict(booking=("maiia", "keldoc"), teleconsultation=("qare", "livi", "doctolib"),
                                          **NOTHING),
     {"maiia": "certain", "keldoc": "certain", "qare": "certain", "livi": "certain", "doctolib": "certain",
      "mon-espace-sante": "possible"}),
    ("devices", dict(devices=("apple-health", "fitbit", "withings", "garmin", "samsung-health", "freestyle-libre",
                              "dexcom", "google-fit", "other"), **NOTHING),
     {"apple": "certain", "google": "certain", "withings": "certain", "garmin": "certain", "samsung": "certain",
      "abbott-libreview": "certain", "dexcom": "certain", "mon-espace-sante": "possible"}),
    ("Fitbit alone is Google, likely", dict(devices=("fitbit",), **NOTHING),
     {"google": "likely", "mon-espace-sante": "possible"}),
    ("lab of another group, record closed", dict(lab="other", **NOTHING),
     {"your-lab-site": "certain", "mon-espace-sante": "possible"}),
]


@pytest.mark.parametrize("name, answers, expected", CASES, ids=[case[0] for case in CASES])
def test_journeys_give_exactly_these_actors(name, answers, expected):
    findings = inference.infer(journey(**answers))
    assert {f.actor.id: f.likelihood for f in findings} == expected
    assert len(findings) == len(expected)  # each actor once


def test_the_example_file_gives_what_a_volunteer_expects():
    findings = inference.infer(load_answers("examples/answers.toml"))
    assert {f.actor.id: f.likelihood for f in findings} == {
        "your-doctor": "certain", "doctolib": "certain", "your-cpam": "certain", "your-pharmacy": "certain",
        "your-lab-site": "certain", "mon-espace-sante": "certain", "cnop-dossier-pharmaceutique": "likely",
        "cerballiance": "likely", "dedalus-mesanalyses": "possible",
    }


def test_findings_are_sorted_certain_likely_possible():
    findings = inference.infer(journey(**CASES[3][1]))
    order = [inference.LIKELIHOODS.index(f.likelihood) for f in findings]
    assert order == sorted(order)


def test_one_actor_found_by_several_rules_keeps_every_reason_and_the_strongest_likelihood():
    findings = {f.actor.id: f for f in inference.infer(journey(mutuelle="mgen", tiers_payant=True, ald=True,
                                                                special_guarantees=("dental", "hospital")))}
    mgen = findings["mgen"]
    assert mgen.likelihood == "certain"
    assert len(mgen.reasons) == 4
    assert any("dental, hospital" in reason.en and "dentaires, d'hospitalisation" in reason.fr for reason in mgen.reasons)


@pytest.mark.parametrize("hospital, laws", [
    ("public", ("gdpr-art15", "csp-l1111-7", "cada")),
    ("private", ("gdpr-art15", "csp-l1111-7")),
])
def test_cada_applies_to_public_hospitals_only(hospital, laws):
    finding = next(f for f in inference.infer(journey(hospital=hospital)) if f.actor.id == "your-hospital")
    assert finding.laws == laws and finding.letter == "access-medical-record"


def test_slots_take_what_the_person_gave():
    findings = {f.actor.id: f for f in inference.infer(journey(
        doctor=True, doctor_name="Dr Jeanne Dupont", doctor_address="3 place Bellecour, 69002 Lyon",
        insurance_fund_name="CPAM du Rhône", mon_espace_sante="active"))}
    doctor = findings["your-doctor"].actor
    assert doctor.name.fr == doctor.name.en == "Dr Jeanne Dupont"
    assert doctor.contact.postal == "Dr Jeanne Dupont\n3 place Bellecour, 69002 Lyon"
    assert doctor.contact.source == ""  # given by the person, not read in a published source
    assert findings["your-cpam"].actor.name.get("en") == "CPAM du Rhône"
    assert all("Dr Jeanne Dupont" in text for text in findings["your-doctor"].reasons[0].values())


@pytest.mark.parametrize("letters_lang", ["fr", "en"])
def test_findings_carry_both_languages_whatever_the_letters_language(letters_lang):
    finding = inference.infer(journey(letters_lang, doctor=True))[0]
    assert finding.actor.id == "your-doctor"
    assert "médecin" in finding.reasons[0].fr and "doctor" in finding.reasons[0].en
    assert "ordonnances" in finding.data.fr and "prescriptions" in finding.data.en
    assert finding.retention.fr.startswith("20 ans après") and finding.retention.en.startswith("20 years after")


def test_notes_name_the_destinations_no_one_can_be_written_to():
    notes = " ".join(inference.notes(journey(doctor=True, imaging=True)))  # message ids, English
    assert "Vidal" in notes and "AWS" in notes and "radiology" in notes


def test_finding_as_json_follows_the_contract():
    finding = next(f for f in inference.infer(journey(booking=("doctolib",))) if f.actor.id == "doctolib")
    document = inference.finding_as_json(finding, "en")
    assert set(document) == {"id", "name", "likelihood", "reasons", "data", "retention", "laws", "letter", "contact"}
    assert set(document["contact"]) == {"postal", "email", "web_form", "source", "verified", "register", "record",
                                        "consulted"}  # register, record, consulted: a State register's address
    assert document["contact"]["register"] == ""  # Doctolib publishes its own
    assert document["contact"]["email"] == "contact.dataprivacy@doctolib.com"
    assert document["letter"] == "access-vendor" and document["laws"] == ["gdpr-art15"]


def test_every_rule_points_at_a_known_actor_and_law():
    from sar import directory

    known = directory.load_directory()
    for rule in inference.RULES:
        assert rule.likelihood in inference.LIKELIHOODS
        assert set(rule.laws) <= set(inference.LAWS)
        if isinstance(rule.actor, str):
            assert rule.actor in known
