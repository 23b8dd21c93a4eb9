"""`sar directory update` as a user runs it, against the recorded answers of both registers (never the network): what
it keeps and where it shows, that it sends nothing about anyone, and that a failure changes nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
import pytest

from sar.cli import main
from sar.directory import registers
from sar.i18n import format_date
from sar.inference import infer
from sar.journey import journey_from_document
from sar.letters import render_letter

PERSON = {"first_name": "Bernadette", "last_name": "Lacoste-Zerbib", "birth_date": "1952-03-08",
          "address": "7 chemin des Vignes Hautes", "postcode": "32000", "city": "Auch", "email": "b.lacoste@example.org",
          "nir": "252033201300125"}
PERSONAL_STRINGS = ["Bernadette", "Lacoste", "Zerbib", "1952", "chemin des Vignes", "Vignes", "b.lacoste", "example.org",
                    "252033201300125", "32000", "Auch"]


def journey(fund="msa", **answers):
    return journey_from_document({"lang": "fr", "person": PERSON, "journey": {
        "doctor": False, "lab": "none", "pharmacy": False, "hospital": "none", "insurance_fund": fund,
        "insurance_fund_name": "", "mutuelle": "mgen", "tiers_payant": False, "mon_espace_sante": "active",
        **answers}})


def updated(capsys) -> str:
    assert main(["directory", "update"]) == 0
    return capsys.readouterr().out


def today_in(lang: str) -> str:
    return format_date(date.today(), lang)


def test_update_keeps_the_caisses_and_organisations_addresses_privately(registers_online, isolated_user_files, capsys):
    out = updated(capsys)
    assert "Read 109 records of the Annuaire de l'administration" in out
    assert "105 of 142 caisses" in out and "5 of 5 organisations" in out
    kept = isolated_user_files / "registers.json"
    assert kept.stat().st_mode & 0o777 == 0o600
    document = json.loads(kept.read_text())
    assert document["caisses"]["cpam-32"]["postal"] == "11 rue de Châteaudun\n32012 Auch Cedex"
    assert document["organisations"]["mgen"]["record"] == "https://annuaire-entreprises.data.gouv.fr/entreprise/775685399"
    assert document["updated"] == date.today().isoformat()


def test_progress_goes_to_stderr_and_the_summary_says_what_was_read(registers_online, capsys):
    main(["directory", "update"])
    captured = capsys.readouterr()
    assert "nothing about you is sent" in captured.err
    assert "MSA offices: 2/2" in captured.err and "organisations of sar's directory: 5/5" in captured.err
    assert "requests" in captured.out and "kB" in captured.out and "letters' addresses gained" in captured.out


def test_the_caisse_fund_and_mon_espace_sante_letters_carry_the_caisse_postal_address_and_its_source(registers_online,
                                                                                                     capsys):
    updated(capsys)
    findings = {f.actor.id: f for f in infer(journey("msa"))}
    for actor_id in ("msa", "mon-espace-sante"):
        finding = findings[actor_id]
        assert finding.actor.contact.postal == "61 allée de Brienne\n31064 Toulouse Cedex 9"
        assert registers.provenance(finding.actor.contact, "en") == \
            f"Annuaire de l'administration (DILA), consulted {today_in('en')}"
        assert "consulté le" in registers.provenance(finding.actor.contact, "fr")
        letter = render_letter(finding.letter, journey("msa"), finding, lang="fr", on=date.today())
        assert not letter.recipient_missing and "31064 TOULOUSE CEDEX 9" in letter.recipient
    cpam = {f.actor.id: f for f in infer(journey("cpam"))}
    assert not render_letter(cpam["your-cpam"].letter, journey("cpam"), cpam["your-cpam"], lang="fr", on=date.today()).recipient_missing
    assert "Annuaire de l'administration (DILA)" in cpam["your-cpam"].actor.notes.get("en")


def test_an_organisations_own_published_address_stays_ahead(registers_online, capsys):
    updated(capsys)
    from sar.directory import load_directory

    directory = load_directory()
    assert directory["doctolib"].contact.postal.startswith("Doctolib – DPO") and not directory["doctolib"].contact.register
    assert directory["mgen"].contact.register == "entreprises"
    assert directory["apple"].contact.postal.startswith("Apple Distribution International")  # foreign, untouched


def test_actors_search_coverage_and_the_manifest_show_where_the_address_comes_from(registers_online, capsys, tmp_path):
    updated(capsys)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"lang": "fr", "person": PERSON, "journey": {
        "doctor": False, "lab": "none", "pharmacy": False, "hospital": "none", "insurance_fund": "msa",
        "insurance_fund_name": "", "mutuelle": "mgen", "tiers_payant": False, "mon_espace_sante": "active"}}))
    assert main(["actors", "--answers", str(answers)]) == 0
    source = f"Annuaire de l'administration (DILA), consulted {today_in('en')}"
    assert f"postal address from: {source}" in capsys.readouterr().out
    assert main(["directory", "search", "gers"]) == 0
    assert source in capsys.readouterr().out
    assert main(["directory", "coverage"]) == 0
    coverage = capsys.readouterr().out
    assert "107 → " not in coverage and " 1 → 103" in coverage  # caisse-cpam: 1 from the caisses, 103 with the registers
    assert main(["letters", "--answers", str(answers), "--out", str(tmp_path / "out"), "--format", "txt"]) == 0
    manifest = (tmp_path / "out" / "manifest.csv").read_text()
    assert f"Annuaire de l'administration (DILA), consulté le {today_in('fr')}" in manifest


# -- nothing about any person -------------------------------------------------------------------------------------------

def test_update_sends_nothing_about_a_person_and_the_same_requests_whoever_runs_it(registers_online, tmp_path,
                                                                                monkeypatch, capsys):
    updated(capsys)
    first = [str(r.url) for r in registers_online.requests]
    # A second user, with answers, a tracker and their own directory additions in their data folder.
    other = tmp_path / "other-user"
    other.mkdir()
    (other / "answers.json").write_text(json.dumps({"person": PERSON}))
    (other / "directory.json").write_text(json.dumps({"actor": [{"id": "keldoc", "contact": {
        "postal": "1 rue des Vignes Hautes\n32000 Auch"}}]}))
    monkeypatch.setenv("SAR_DATA_DIR", str(other))
    registers_online.requests.clear()
    updated(capsys)
    second = [str(r.url) for r in registers_online.requests]
    assert first == second
    sent = registers_online.sent_text()
    assert not [text for text in PERSONAL_STRINGS if text.casefold() in sent.casefold()]
    assert all(r.method == "GET" and r.content == b"" for r in registers_online.requests)


def test_update_takes_no_answers_file():
    with pytest.raises(SystemExit):
        main(["directory", "update", "--answers", "x.toml"])


# -- failures change nothing --------------------------------------------------------------------------------------------

@pytest.fixture
def previous_copy(registers_online, capsys, isolated_user_files) -> tuple[Path, bytes]:
    updated(capsys)
    path = isolated_user_files / "registers.json"
    return path, path.read_bytes()


def run_failing(capsys) -> str:
    assert main(["directory", "update"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.strip().splitlines()[-1]


def test_offline_is_one_line_exit_1_and_the_previous_copy_stays(previous_copy, registers_online, capsys):
    path, before = previous_copy
    registers_online.offline = True
    line = run_failing(capsys)
    assert "Annuaire de l'administration (DILA) could not be reached (are you offline?)" in line
    assert "try again later with `sar directory update`" in line
    assert path.read_bytes() == before


@pytest.mark.parametrize("answer, expected", [
    (httpx.Response(503, text="maintenance"), "answered with an error (503)"),
    (httpx.Response(200, json={"results": "oops"}), "answered in a shape sar does not know"),
    (httpx.Response(200, text="<html>"), "sent an answer sar cannot read"),
])
def test_a_register_down_or_answering_oddly_changes_nothing(previous_copy, registers_online, capsys, answer, expected):
    path, before = previous_copy
    registers_online.annuaire_override = lambda request: answer
    line = run_failing(capsys)
    assert "Annuaire de l'administration" in line and expected in line
    assert path.read_bytes() == before


def test_the_company_register_down_half_way_changes_nothing(previous_copy, registers_online, capsys):
    path, before = previous_copy
    registers_online.entreprises_override = lambda request: httpx.Response(500)
    line = run_failing(capsys)
    assert line.startswith("sar: The company register answered with an error (500)")
    assert path.read_bytes() == before


def test_an_interrupted_update_leaves_the_previous_copy_whole(previous_copy, registers_online, capsys):
    path, before = previous_copy
    calls = []

    def interrupted(request):
        calls.append(request)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return registers_online.entreprises(request)

    registers_online.entreprises_override = interrupted
    assert main(["directory", "update"]) == 130
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".registers.json.*.tmp"))


def test_without_an_update_letters_keep_their_visible_blank(registers_online):
    registers_online.offline = True
    finding = next(f for f in infer(journey("msa")) if f.actor.id == "msa")
    assert render_letter(finding.letter, journey("msa"), finding, lang="fr", on=date.today()).recipient_missing
    assert not registers_online.requests  # writing letters never asks a register


def test_every_siren_of_the_directory_is_sourced():
    from sar.directory import bundled_directory

    sources = (Path(__file__).resolve().parent.parent / "sar" / "data" / "SOURCES.md").read_text(encoding="utf-8")
    sirens = {actor.id: actor.siren for actor in bundled_directory().values() if actor.siren}
    assert len(sirens) >= 10
    assert [actor_id for actor_id, siren in sirens.items() if siren not in sources] == []


def test_a_brand_is_never_asked_by_itself(registers_online, capsys):
    """Only a sourced SIREN or legal name goes to the company register: a brand ("SP Santé", "Almerys") may be the
    exact name of an unrelated company, whose office would then head a letter about the person's health."""
    updated(capsys)
    asked = [r.url.params.get("q", "") for r in registers_online.requests if "/search" in r.url.path]
    assert "Conseil national de l'ordre des pharmaciens" in asked  # its legal name, given by the law
    for brand in ("Almerys", "SP Santé", "Keldoc", "Viamedis", "Cerballiance", "Dedalus"):
        assert brand not in asked
    from sar.directory import load_directory

    directory = load_directory()
    assert not directory["almerys"].contact.register and not directory["almerys"].contact.postal
    assert directory["cnop-dossier-pharmaceutique"].contact.register == "entreprises"


UPDATE_HINT = "sar directory update reads the caisses' and companies' addresses in the State's registers"


def test_sar_letters_names_the_commands_that_fill_its_blanks(registers_online, capsys, tmp_path):
    """Letters written with blanks end on the one or two commands that fill them: the person's own places by name
    (a pharmacy named without its address), and the update while the registers' data is absent; not once it is read."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"lang": "fr", "person": PERSON, "journey": {
        "doctor": False, "lab": "none", "pharmacy": True, "pharmacy_name": "Pharmacie du Gers", "hospital": "none",
        "insurance_fund": "msa", "insurance_fund_name": "", "mutuelle": "mgen", "tiers_payant": False,
        "mon_espace_sante": "active"}}))

    def letters() -> str:
        assert main(["letters", "--answers", str(answers), "--out", str(tmp_path / "out"), "--format", "txt"]) == 0
        return capsys.readouterr().out

    before = letters()
    lookup = (f"1 of your places can be looked up by its name: sar directory lookup --answers {answers} (only its name "
              "and your postcode are sent)")
    assert UPDATE_HINT in before and lookup in before
    updated(capsys)
    after = letters()
    assert UPDATE_HINT not in after and lookup in after
