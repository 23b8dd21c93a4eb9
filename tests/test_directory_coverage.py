"""Sources you can check: every bundled contact keeps its page, date and quote; `sar directory search` shows them;
`sar directory coverage` counts, per category, the entries with a sourced postal address, e-mail, or neither."""

from __future__ import annotations

import json

import pytest

from sar import directory
from sar.directory import caisses, coverage
from sar.cli import main
from sar.directory import CONTACT_FIELDS
from sar.documents import read_document

NATIONAL_WITH_POSTAL = {"cnam", "doctolib", "maiia", "livi", "eurofins-biologie", "synlab", "harmonie-mutuelle", "apple",
                        "google", "withings", "garmin", "samsung", "cnil", "cada"}


def bundled() -> list[dict]:
    return list(read_document(directory.bundled_path(), "directory")["actor"])


def test_every_bundled_contact_has_its_source_date_and_quote():
    for entry in bundled():
        contact = entry["contact"]
        assert set(contact) <= set(CONTACT_FIELDS), entry["id"]
        if any(contact.get(key) for key in ("postal", "email", "web_form")):
            assert contact["source"].startswith("https://"), entry["id"]
            assert contact["verified"] and contact.get("quote"), entry["id"]


def test_the_national_organisations_with_a_sourced_postal_address():
    actors = directory.load_directory()
    with_postal = {a.id for a in actors.values() if a.kind != "slot" and a.contact.postal}
    assert with_postal == NATIONAL_WITH_POSTAL
    # A registered office is written for the attention of the DPO; the SIREN is in the notes.
    assert actors["harmonie-mutuelle"].contact.postal.splitlines()[1] == "À l'attention du délégué à la protection des données"
    assert "538 518 473" in actors["harmonie-mutuelle"].notes.fr
    assert actors["alan"].contact.email == "privacy@alan.com" and "2020" in actors["alan"].notes.en
    assert actors["malakoff-humanis"].contact.is_empty  # the only contact found is pre-merger Humanis: left out
    assert "humanis.com" not in json.dumps(bundled())


def test_the_tiers_payant_operators_have_their_own_records_and_the_generic_one_stays():
    actors = directory.load_directory()
    for actor_id in ("almerys", "viamedis", "sp-sante", "tiers-payant-operator"):
        assert actors[actor_id].category == "tiers-payant" and actors[actor_id].contact.is_empty
        assert actors[actor_id].notes.fr and actors[actor_id].notes.en


def test_directory_search_shows_the_source_the_date_and_the_quote(capsys):
    assert main(["directory", "search", "synlab"]) == 0
    out = capsys.readouterr().out
    assert "https://mesresultats.synlab.fr/public/rest/public2/Confidentialite?language=en" in out
    assert "1 December 2026" in out and "data protection officer of SYNLAB Gestion" in out


def test_directory_search_finds_the_caisses_too(capsys):
    assert main(["directory", "search", "maine-et-loire"]) == 0
    out = capsys.readouterr().out
    assert "CPAM de Maine-et-Loire (49)" in out and "dpo.cpam-maine-et-loire@assurance-maladie.fr" in out
    assert "Vous pouvez contacter le DPO de la CPAM de Maine-et-Loire" in out
    assert "MSA Maine-et-Loire (49)" in out and "caisses.toml" in out


def test_directory_search_json_stays_a_list_of_organisations(capsys):
    assert main(["directory", "search", "alan", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    alan = next(entry for entry in found if entry["id"] == "alan")
    assert alan["contact"]["source"] == "https://be-new.alan.com/fr/privacy" and alan["contact"]["quote"]


def test_directory_coverage_prints_one_row_per_category_and_a_total(capsys):
    assert main(["directory", "coverage"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["category", "entries"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:] if line and not line.startswith("-")
            and line.split()[0] in {"caisse-cpam", "caisse-msa", "mutuelle", "lab", "tiers-payant", "total"}}
    assert rows["caisse-cpam"] == ["107", "1", "1", "106"]
    assert rows["caisse-msa"] == ["35", "0", "0", "35"]
    assert rows["tiers-payant"] == ["4", "0", "0", "4"]
    assert rows["lab"] == ["5", "2", "0", "3"]


def test_directory_coverage_json(capsys):
    assert main(["directory", "coverage", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    rows = {row["category"]: row for row in document["categories"]}
    assert "practice" not in rows  # the slots the person fills are not counted
    assert rows["mutuelle"] == {"category": "mutuelle", "entries": 5, "postal": 1, "email": 1, "neither": 3,
                                "postal_with_registers": 1, "neither_with_registers": 3}  # no update has run
    assert document["registers_updated"] is None
    total = document["total"]
    assert total["entries"] == sum(row["entries"] for row in rows.values())
    for row in rows.values():
        assert row["neither"] <= row["entries"] and row["postal"] + row["neither"] <= row["entries"]


@pytest.mark.parametrize("category", ["caisse-cpam", "caisse-msa"])
def test_coverage_counts_only_sourced_contacts(category):
    unsourced = caisses.Caisse("x", "CPAM de test", category.removeprefix("caisse-"), "cpam", ("01",),
                                 directory.Contact(postal="1 rue de la Paix"))
    rows = {row["category"]: row for row in coverage.coverage({}, (unsourced,))}
    assert rows[category] == {"category": category, "entries": 1, "postal": 0, "email": 0, "neither": 1,
                              "postal_with_registers": 0, "neither_with_registers": 1}
