"""The directory: every actor id of docs/design.md, each sourced; contacts empty or sourced; user additions checked."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from sar import directory, locations
from sar.errors import InputError

DESIGN_IDS = [
    "your-doctor", "your-pharmacy", "your-hospital", "your-lab-site", "cnam", "your-cpam", "cpam-medical-service", "msa",
    "mon-espace-sante", "cnop-dossier-pharmaceutique", "doctolib", "maiia", "keldoc", "qare", "livi", "weda", "axisante",
    "hellodoc", "cerballiance", "biogroup", "eurofins-biologie", "synlab", "inovie", "dedalus-mesanalyses",
    "harmonie-mutuelle", "mgen", "malakoff-humanis", "axa", "alan", "your-mutuelle", "tiers-payant-operator", "apple",
    "google", "withings", "garmin", "samsung", "abbott-libreview", "dexcom", "cnil",
]
BUNDLED = directory.load_directory()


def test_every_design_actor_id_is_in_the_directory():
    assert set(DESIGN_IDS) <= set(BUNDLED)


@pytest.mark.parametrize("actor", list(BUNDLED.values()), ids=list(BUNDLED))
def test_every_entry_has_a_role_in_both_languages_sources_and_a_verified_date(actor):
    assert actor.role.get("fr") and actor.role.get("en")
    assert actor.sources
    assert date.fromisoformat(actor.verified) <= date.today()
    assert actor.kind in directory.KINDS and actor.letter in directory.LETTER_KINDS
    assert actor.controller in directory.CONTROLLER_ROLES


@pytest.mark.parametrize("actor", list(BUNDLED.values()), ids=list(BUNDLED))
def test_every_contact_is_empty_or_sourced_and_dated(actor):
    contact = actor.contact
    if contact.is_empty:
        return
    assert contact.source.startswith("http"), "a contact must say where it was read"
    assert date.fromisoformat(contact.verified) <= date.today()
    if contact.email:
        assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", contact.email)


def test_slots_carry_no_invented_contact():
    for slot_id in directory.SLOT_ANSWERS:
        assert BUNDLED[slot_id].kind == "slot"
        assert BUNDLED[slot_id].contact.is_empty


def test_known_sourced_contacts_are_the_ones_in_the_facts():
    assert BUNDLED["doctolib"].contact.email == "contact.dataprivacy@doctolib.com"
    assert "Levallois-Perret" in BUNDLED["doctolib"].contact.postal
    assert BUNDLED["maiia"].contact.email == "DPO@cegedim-sante.com"
    assert BUNDLED["msa"].contact.is_empty  # no sourced contact yet: left empty, never guessed


def test_get_and_search():
    assert directory.get("doctolib").name.fr.startswith("Doctolib")
    with pytest.raises(InputError, match="sar directory list"):
        directory.get("nope")
    assert "dexcom" in [a.id for a in directory.search("DEXCOM")]
    assert "cnop-dossier-pharmaceutique" in [a.id for a in directory.search("pharmaceutique")]
    assert directory.search("zzzz-nothing") == []


def test_slot_names_follow_the_language():
    assert directory.actor_name(BUNDLED["your-doctor"], "fr") == "Votre médecin"
    assert directory.actor_name(BUNDLED["your-doctor"], "en") == "Your doctor"
    assert directory.actor_name(BUNDLED["doctolib"], "en") == BUNDLED["doctolib"].name.fr == BUNDLED["doctolib"].name.en


def test_fill_slot_uses_what_the_user_gave():
    filled = directory.fill_slot(BUNDLED["your-pharmacy"], "Pharmacie du Parc", "1 rue X, 69003 Lyon", "p@example.org")
    assert filled.name.fr == filled.name.en == "Pharmacie du Parc"
    assert filled.contact.postal == "Pharmacie du Parc\n1 rue X, 69003 Lyon"
    assert filled.contact.email == "p@example.org" and filled.contact.source == ""
    assert directory.fill_slot(BUNDLED["your-pharmacy"]) == BUNDLED["your-pharmacy"]
    assert directory.slot_values("your-mutuelle", {"mutuelle": "none"}) == ("", "")
    assert directory.slot_values("your-cpam", {"insurance_fund_name": "CPAM du Rhône"}) == ("CPAM du Rhône", "")


GOOD = """\
[[actor]]
id = "my-clinic"
name = "Clinique du Parc"
kind = "organisation"
role = { fr = "Ma clinique", en = "My clinic" }
[actor.contact]
postal = "DPO\\n1 rue du Parc\\n69006 Lyon"
email = "dpo@clinique.example"

[[actor]]
id = "msa"
[actor.contact]
email = "dpo@msa.example"
"""


def test_user_entries_are_added_privately_and_override_by_id(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert directory.add_user_entries(path) == ["my-clinic", "msa"]
    saved = locations.data_dir() / "directory.json"
    assert saved.stat().st_mode & 0o777 == 0o600
    known = directory.load_directory()
    assert known["my-clinic"].contact.postal == "DPO\n1 rue du Parc\n69006 Lyon" and known["my-clinic"].origin == "user"
    assert known["msa"].contact.email == "dpo@msa.example"
    assert known["msa"].role == BUNDLED["msa"].role  # only the fields given are corrected
    # adding again merges with what is there
    (tmp_path / "more.json").write_text(json.dumps([{"id": "my-clinic", "category": "hospital"}]), encoding="utf-8")
    directory.add_user_entries(tmp_path / "more.json")
    known = directory.load_directory()
    assert known["my-clinic"].category == "hospital" and known["my-clinic"].contact.email == "dpo@clinique.example"


BAD = """\
[[actor]]
id = "Bad Id"

[[actor]]
id = "x-clinic"
kind = "hospital"
colour = "red"
role = "a clinic"
[actor.contact]
email = "nope"
verified = "yesterday"
"""


def test_a_bad_user_file_lists_every_problem_and_changes_nothing(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(directory.DirectoryError) as error:
        directory.add_user_entries(path)
    text = "\n".join(error.value.problems)
    for expected in ("entry 1: id", "kind: expected one of", "colour: unknown field", "role: expected a table",
                     "contact.email: expected an e-mail", "contact.verified: expected a date"):
        assert expected in text
    assert len(error.value.problems) == 6
    assert not (locations.data_dir() / "directory.json").exists()
