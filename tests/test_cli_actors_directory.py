"""`sar actors` and `sar directory` as a user calls them: output, JSON shape, exit codes."""

from __future__ import annotations

import json

import pytest

from sar import locations
from sar.cli import main

EXAMPLE = "examples/answers.toml"


def test_actors_json_is_one_document_with_the_contract_shape(capsys):
    assert main(["actors", "--answers", EXAMPLE, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [f["likelihood"] for f in document][:1] == ["certain"]
    ids = [f["id"] for f in document]
    assert ids[0] == "your-doctor" and "doctolib" in ids
    for finding in document:
        assert set(finding) == {"id", "name", "likelihood", "reasons", "data", "retention", "laws", "letter", "contact"}
        assert finding["reasons"] and finding["laws"]
    doctor = document[0]
    assert doctor["name"] == "Dr Jeanne Dupont" and doctor["letter"] == "access-medical-record"
    assert doctor["laws"] == ["gdpr-art15", "csp-l1111-7"]


def test_actors_human_form_groups_by_likelihood_and_says_why(capsys):
    assert main(["actors", "--answers", EXAMPLE]) == 0
    out = capsys.readouterr().out
    assert out.index("Certainly hold your data") < out.index("Likely hold your data") < out.index("Possibly hold")
    # reasons in the language the person reads sar in (the tests run in English), though the letters are French
    assert "why: You saw Dr Jeanne Dupont: the practice keeps your medical record" in out
    assert "contact.dataprivacy@doctolib.com" in out
    assert "délégué à la protection des données" in out  # the fund's contact is unknown: what to look for


def test_actors_with_a_bad_answers_file_exits_2_with_one_line_per_problem(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[person]\nfirst_name = "A"\npostcode = "123"\n', encoding="utf-8")
    assert main(["actors", "--answers", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert "5 problems" in lines[0]
    assert any(line.strip().startswith("person.postcode:") for line in lines)
    assert len(lines) == 6


def test_actors_with_a_missing_file_exits_2(tmp_path, capsys):
    assert main(["actors", "--answers", str(tmp_path / "none.toml")]) == 2
    assert "file not found: " in capsys.readouterr().err


def test_directory_list_and_show(capsys):
    assert main(["directory", "list", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert "cnil" in [entry["id"] for entry in listing]
    assert main(["directory", "show", "doctolib"]) == 0
    out = capsys.readouterr().out
    assert "contact.dataprivacy@doctolib.com" in out and "sources:" in out
    assert main(["directory", "show", "doctolib", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["contact"]["email"] == "contact.dataprivacy@doctolib.com" and shown["sources"]


def test_directory_show_unknown_id_exits_2(capsys):
    assert main(["directory", "show", "nope"]) == 2
    assert "sar directory list" in capsys.readouterr().err


def test_directory_search(capsys):
    assert main(["directory", "search", "withings", "--json"]) == 0
    assert [entry["id"] for entry in json.loads(capsys.readouterr().out)] == ["withings"]
    assert main(["directory", "search", "zzzz"]) == 1


def test_directory_add_good_then_bad_file(tmp_path, capsys):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"actor": [{"id": "my-clinic", "name": "Clinique du Parc"}]}), encoding="utf-8")
    assert main(["directory", "add", str(good)]) == 0
    saved = locations.data_dir() / "directory.json"
    before = saved.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "other", "kind": "nope"}]), encoding="utf-8")
    assert main(["directory", "add", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "kind: expected one of" in err and "nothing was changed" in err
    assert saved.read_bytes() == before
    assert main(["directory", "show", "my-clinic"]) == 0


@pytest.mark.parametrize("lang, words", [("fr", "vérifiée le 1er décembre 2026"), ("en", "verified 1 December 2026")])
def test_the_dates_a_source_was_read_are_written_as_people_write_them(monkeypatch, capsys, lang, words):
    """`sar actors` and `sar directory show` said « vérifiée le 2026-12-01 »: dates go through Babel, as elsewhere."""
    import re

    from sar import i18n

    monkeypatch.setenv("SAR_LANG", lang)
    i18n.set_language(lang)
    assert main(["actors", "--answers", "examples/answers.toml"]) == 0
    assert main(["directory", "show", "doctolib"]) == 0
    out = capsys.readouterr().out
    assert words in out
    assert not re.search(r"\(\w+ (le )?\d{4}-\d{2}-\d{2}\)", out)
