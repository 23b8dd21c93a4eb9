"""`sar directory lookup` and `sar directory import` as a user calls them, with the register faked in-process."""

from __future__ import annotations

import json

import httpx

from sar import directory
from sar.cli import main
from tests.test_datarequests import GARMIN


def test_lookup_lists_candidates(register, capsys):
    assert main(["directory", "lookup", "Harmonie Mutuelle"]) == 0
    out = capsys.readouterr().out
    assert "1. HARMONIE MUTUELLE (SIREN 538518473)" in out
    assert "143 RUE BLOMET, 75015 PARIS" in out
    assert [dict(r.url.params) for r in register] == [{"q": "Harmonie Mutuelle", "per_page": "10"}]


def test_lookup_json(register, capsys):
    assert main(["directory", "lookup", "Harmonie Mutuelle", "--postcode", "75015", "--json"]) == 0
    (candidate,) = json.loads(capsys.readouterr().out)
    assert candidate["siren"] == "538518473"
    assert register[0].url.params["code_postal"] == "75015"


def test_lookup_then_add_gives_the_mutuelle_an_address(register, capsys):
    assert directory.get("your-mutuelle").contact.postal == ""
    assert main(["directory", "lookup", "Harmonie Mutuelle", "--add", "1", "--id", "your-mutuelle"]) == 0
    assert "Added to your directory as your-mutuelle" in capsys.readouterr().out
    actor = directory.get("your-mutuelle")
    assert actor.contact.postal == "143 RUE BLOMET\n75015 PARIS"
    assert actor.contact.source == "https://annuaire-entreprises.data.gouv.fr/entreprise/538518473"
    assert actor.origin == "user"
    assert actor.kind == "slot"  # a correction keeps what the bundled entry says


def test_lookup_add_a_new_organisation(register, capsys):
    assert main(["directory", "lookup", "Harmonie Mutuelle", "--add", "1"]) == 0
    assert directory.get("harmonie-mutuelle").contact.postal == "143 RUE BLOMET\n75015 PARIS"


def test_lookup_add_out_of_range(register, capsys):
    assert main(["directory", "lookup", "Harmonie Mutuelle", "--add", "2"]) == 2
    assert "there is no result 2" in capsys.readouterr().err


def test_lookup_with_no_result_exits_1(register, capsys):
    assert main(["directory", "lookup", "Zzyzx"]) == 1
    assert "knows no organisation named 'Zzyzx'" in capsys.readouterr().out


def test_lookup_offline_is_one_line_and_exit_2(register, capsys):
    assert main(["directory", "lookup", "offline"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "are you offline" in err


def test_import_records(tmp_path, capsys):
    path = tmp_path / "records.json"
    path.write_text(json.dumps([dict(GARMIN, slug="garmin-test"), {"slug": "x"}]))
    assert main(["directory", "import", str(path)]) == 1
    captured = capsys.readouterr()
    assert "record 2: the record has no name; skipped" in captured.err
    assert "garmin-test" in captured.out
    imported = directory.get("garmin-test")
    assert imported.contact.email == "euprivacy@garmin.com"
    assert imported.contact.source == "https://www.datarequests.org/company/garmin-test/"


def test_nothing_but_lookup_touches_the_network(monkeypatch, capsys):
    """Inferring and listing never make a request: only an explicit look-up does, and it carries only the name."""
    def refuse(*args, **kwargs):
        raise AssertionError("a network request was made")

    monkeypatch.setattr(httpx.Client, "send", refuse)
    monkeypatch.setattr(httpx.AsyncClient, "send", refuse)
    assert main(["actors", "--answers", "examples/answers.toml", "--json"]) == 0
    assert main(["directory", "list"]) == 0
    assert main(["deadline", "--received", "2027-01-31"]) == 0


def test_the_lookup_request_carries_nothing_about_the_person(register, capsys):
    from sar.journey import load_answers

    person = load_answers("examples/answers.toml").person
    assert main(["directory", "lookup", "Harmonie Mutuelle", "--postcode", "75015"]) == 0
    (request,) = register
    sent = str(request.url) + request.content.decode() + str(dict(request.headers))
    for value in (person.first_name, person.last_name, person.address, person.postcode, person.city, person.email,
                  person.birth_date.isoformat()):
        assert value and value not in sent
