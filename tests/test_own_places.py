"""The person's own places in one step (`sar directory lookup --answers FILE`): what is shown before anything is sent,
that nothing else is sent, a single match taken, several left to the person, "not found" said, and what is found used
by that person's letters only. Against the recorded answers of tests/fixtures/registers (invented places)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sar.cli import main
from sar.directory import own_places
from sar.inference import infer
from sar.journey import journey_from_document
from sar.letters import render_letter

FARMER = {"first_name": "Bernard", "last_name": "Castéra", "birth_date": "1952-03-08", "address": "12 rue des Lilas",
          "postcode": "32000", "city": "Auch", "email": "bernard.castera@example.org"}
PLACES = {"doctor": True, "doctor_name": "Dr Jeanne Dupont", "doctor_address": "3 place de la Mairie, 32000 Auch",
          "lab": "other", "lab_name": "Laboratoire des Lilas", "pharmacy": True, "pharmacy_name": "Pharmacie des Lilas",
          "hospital": "public", "hospital_name": "Centre hospitalier des Lilas", "insurance_fund": "msa",
          "mutuelle": "Mutuelle des Lilas", "tiers_payant": False, "mon_espace_sante": "active"}
PERSONAL = ["Bernard", "Castéra", "Castera", "1952", "rue des Lilas", "bernard.castera", "example.org", "Dupont",
            "place de la Mairie"]


def document(person=FARMER, **changes) -> dict:
    return {"lang": "fr", "person": person, "journey": {**PLACES, **changes}}


@pytest.fixture
def answers(tmp_path):
    def write(person=FARMER, **changes):
        path = tmp_path / f"answers-{person['first_name']}.json"
        path.write_text(json.dumps(document(person, **changes)))
        return path
    return write


def letter_for(actor_id: str, person=FARMER, **changes):
    journey = journey_from_document(document(person, **changes))
    finding = next(f for f in infer(journey) if f.actor.id == actor_id)
    return finding, render_letter(finding.letter, journey, finding, lang="fr", on=date(2026, 12, 3))


def test_the_places_named_without_an_address_and_what_will_be_sent():
    journey = journey_from_document(document())
    places = own_places.places_to_find(journey)
    assert [(p.actor_id, p.name, p.postcode, dict(p.filters)) for p in places] == [
        ("your-pharmacy", "Pharmacie des Lilas", "32000", {"est_finess": "true"}),
        ("your-lab-site", "Laboratoire des Lilas", "32000", {"est_finess": "true"}),
        ("your-hospital", "Centre hospitalier des Lilas", "32000", {"nature_juridique": "7364"}),
        ("your-mutuelle", "Mutuelle des Lilas", "", {}),
    ]  # the doctor has an address: not looked up
    assert own_places.plan(places, "en") == [
        "Pharmacie des Lilas (pharmacy), postcode 32000", "Laboratoire des Lilas (laboratory), postcode 32000",
        "Centre hospitalier des Lilas (hospital or clinic), postcode 32000", "Mutuelle des Lilas (mutuelle), no postcode"]


def test_a_pharmacy_and_a_public_hospital_known_by_name_get_their_addresses_in_one_step(registers_online, answers,
                                                                                     capsys):
    path = answers()
    assert main(["directory", "lookup", "--answers", str(path), "--yes"]) == 0
    out = capsys.readouterr().out
    plan_at, first_result = out.index("Pharmacie des Lilas (pharmacy), postcode 32000"), out.index("✓")
    assert plan_at < first_result  # what is sent is shown before anything is looked up
    assert "✓ Pharmacie des Lilas: 4 PLACE DES LILAS, 32000 AUCH (Recherche d'entreprises (SIRENE), consulted" in out
    assert "✓ Centre hospitalier des Lilas: 10 ALLEE DES LILAS, 32008 AUCH CEDEX" in out
    assert "✗ Laboratoire des Lilas: not found in the company register" in out
    assert "3 of 4 addresses found" in out
    for actor_id, town in (("your-pharmacy", "32000 AUCH"), ("your-hospital", "32008 AUCH CEDEX"),
                           ("your-mutuelle", "75020 PARIS")):
        finding, letter = letter_for(actor_id)
        assert not letter.recipient_missing and town in letter.recipient
        assert finding.actor.contact.register == "entreprises" and finding.actor.contact.record
    assert letter_for("your-lab-site")[1].recipient_missing  # not found: the visible blank stays


def test_only_the_names_and_the_postcode_shown_are_sent(registers_online, answers, capsys):
    main(["directory", "lookup", "--answers", str(answers()), "--yes"])
    out = capsys.readouterr().out
    assert len(registers_online.requests) == 4
    for request in registers_online.requests:
        params = dict(request.url.params)
        assert set(params) <= {"q", "code_postal", "per_page", "est_finess", "nature_juridique"}
        assert params["q"] in out and params.get("code_postal", "32000") == "32000"
        assert request.method == "GET" and request.content == b""
    sent = registers_online.sent_text()
    assert not [text for text in PERSONAL if text.casefold() in sent.casefold()]


def test_several_candidates_none_is_chosen_until_the_person_chooses(registers_online, answers, capsys):
    parisian = dict(FARMER, postcode="75011", city="Paris")
    path = answers(parisian, pharmacy_name="Pharmacie du Centre", lab="none", hospital="none", mutuelle="none",
                   doctor=False)
    assert main(["directory", "lookup", "--answers", str(path), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "? Pharmacie du Centre: 3 organisations bear this name; none was chosen for you:" in out
    assert "2. PHARMACIE DU CENTRE, 2 RUE DU CENTRE, 75011 PARIS" in out
    assert f"--answers {path} --add N --id your-pharmacy" in out
    changes = dict(pharmacy_name="Pharmacie du Centre", lab="none", hospital="none", mutuelle="none", doctor=False)
    assert letter_for("your-pharmacy", parisian, **changes)[1].recipient_missing
    assert main(["directory", "lookup", "--answers", str(path), "--add", "2", "--id", "your-pharmacy"]) == 0
    assert "2 RUE DU CENTRE, 75011 PARIS" in capsys.readouterr().out
    finding, letter = letter_for("your-pharmacy", parisian, **changes)
    assert not letter.recipient_missing and "2 RUE DU CENTRE" in letter.recipient
    assert len(registers_online.requests) == 1  # choosing sends nothing


def test_without_yes_and_without_a_terminal_nothing_is_sent(registers_online, answers, capsys):
    assert main(["directory", "lookup", "--answers", str(answers())]) == 1
    captured = capsys.readouterr()
    assert "Pharmacie des Lilas (pharmacy), postcode 32000" in captured.out
    assert "Nothing was sent: add --yes" in captured.err
    assert registers_online.requests == []


def test_the_person_may_say_no(registers_online, answers, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["directory", "lookup", "--answers", str(answers())]) == 1
    assert registers_online.requests == []
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert main(["directory", "lookup", "--answers", str(answers())]) == 0
    assert len(registers_online.requests) == 4


def test_json_output(registers_online, answers, capsys):
    assert main(["directory", "lookup", "--answers", str(answers()), "--json", "--yes"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["sent"] is True
    assert [o["status"] for o in document["outcomes"]] == ["found", "not-found", "found", "found"]
    assert document["places"][0] == {"actor_id": "your-pharmacy", "kind": "pharmacy", "name": "Pharmacie des Lilas",
                                     "postcode": "32000", "filters": {"est_finess": "true"}}


def test_offline_is_one_line_and_what_was_found_before_is_kept(registers_online, answers, capsys):
    calls = []

    def second_fails(request):
        calls.append(request)
        if len(calls) == 2:
            registers_online.offline = True
        return registers_online.entreprises(request)

    registers_online.entreprises_override = second_fails
    path = answers()
    assert main(["directory", "lookup", "--answers", str(path), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "are you offline" in err and "Traceback" not in err
    assert not letter_for("your-pharmacy")[1].recipient_missing  # found before the network went


def test_what_is_found_serves_that_person_only(registers_online, answers, capsys):
    main(["directory", "lookup", "--answers", str(answers()), "--yes"])
    neighbour = dict(FARMER, first_name="Odette", last_name="Lagarde", birth_date="1950-01-02")
    assert letter_for("your-pharmacy", neighbour)[1].recipient_missing  # same pharmacy name, another person
    assert letter_for("your-pharmacy", pharmacy_name="Pharmacie du Marché")[1].recipient_missing  # renamed
    kept = list((own_places.data_dir() / own_places.FOLDER).glob("*.json"))
    assert len(kept) == 1 and kept[0].stat().st_mode & 0o777 == 0o600
    assert "Castéra" not in kept[0].name and "Bernard" not in kept[0].read_text()


def test_nothing_to_look_up(registers_online, answers, capsys):
    path = answers(pharmacy_address="4 place des Lilas, 32000 Auch", lab="none", hospital="none", mutuelle="none")
    assert main(["directory", "lookup", "--answers", str(path), "--yes"]) == 0
    assert "nothing to look up" in capsys.readouterr().out and registers_online.requests == []


def test_a_name_or_answers_not_both(answers, capsys):
    assert main(["directory", "lookup", "Pharmacie", "--answers", str(answers())]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["directory", "lookup"]) == 2


# -- sar bulk --lookup: one consent for the run, each person's places for their own letters ------------------------------

BULK_HEADER = ["first_name", "last_name", "birth_date", "address", "postcode", "city", "lang", "doctor", "lab",
               "pharmacy", "pharmacy_name", "hospital", "hospital_name", "insurance_fund", "mutuelle", "tiers_payant",
               "mon_espace_sante"]


def members(tmp_path):
    import csv

    path = tmp_path / "members.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([BULK_HEADER,
            ["Bernard", "Castéra", "1952-03-08", "12 rue des Lilas", "32000", "Auch", "fr", "non", "none", "oui",
             "Pharmacie des Lilas", "public", "Centre hospitalier des Lilas", "msa", "none", "non", "active"],
            ["Inès", "Martin", "1990-06-01", "5 rue Oberkampf", "75011", "Paris", "fr", "non", "none", "oui",
             "Pharmacie du Centre", "none", "", "cpam", "none", "non", "active"]])
    return path


def test_bulk_lookup_asks_once_and_each_persons_letters_use_their_own_places(registers_online, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["bulk", str(members(tmp_path)), "--out", str(out), "--format", "txt", "--jobs", "1", "--lookup",
                 "--yes"]) == 0
    err = capsys.readouterr().err
    assert err.count("This sends to the public company register") == 1
    assert "Bernard Castéra:" in err and "Pharmacie du Centre (pharmacy), postcode 75011" in err
    assert "--lookup: 2 of 3 addresses found" in err
    assert len(registers_online.requests) == 3
    sent = registers_online.sent_text()
    assert "Castéra" not in sent and "Martin" not in sent and "Oberkampf" not in sent
    bernard = next(out.glob("bernard*"))
    assert "4 PLACE DES LILAS" in (bernard / "pharmacie-des-lilas.fr.txt").read_text()
    assert "32008 AUCH CEDEX" in (bernard / "centre-hospitalier-des-lilas.fr.txt").read_text()
    ines = next(out.glob("ines*"))
    assert "RUE DU CENTRE" not in (ines / "pharmacie-du-centre.fr.txt").read_text()  # three candidates: none chosen


def test_bulk_lookup_without_consent_sends_and_writes_nothing(registers_online, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["bulk", str(members(tmp_path)), "--out", str(out), "--format", "txt", "--jobs", "1",
                 "--lookup"]) == 1
    assert registers_online.requests == [] and not out.exists()


def test_the_persons_look_up_leaves_nothing_in_the_shared_cache(registers_online, answers, isolated_user_files, capsys):
    main(["directory", "lookup", "--answers", str(answers()), "--yes"])
    assert not (isolated_user_files / "lookup-cache.json").exists()
