"""A French run of the CLI is French throughout: argparse's own words (usage, errors, help headings) and the counts,
which agree with their number ("1 personne", never "1 personnes" or "1 people")."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from sar.cli import main

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "answers.toml")
CSV_HEADER = "first_name,last_name,birth_date,address,postcode,city\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def french(monkeypatch):
    monkeypatch.setenv("SAR_LANG", "fr")


def test_a_missing_required_option_is_told_in_french(french, capsys):
    code, _out, err = run(capsys, "letters")
    assert code == 2
    assert err.startswith("utilisation : sar letters ")
    assert "sar letters : erreur : les arguments suivants sont obligatoires : --answers, --out" in err
    for english in ("usage:", "error:", "the following arguments are required"):
        assert english not in err


def test_an_invalid_choice_is_told_in_french(french, capsys):
    code, _out, err = run(capsys, "followup", "1", "--kind", "reminde", "--out", "x")
    assert code == 2
    assert "argument --kind : choix invalide : 'reminde' (choisissez parmi 'reminder', 'incomplete', 'complaint', 'cada')" in err
    assert "invalid choice" not in err


def test_an_unknown_command_and_an_unknown_option_are_told_in_french(french, capsys):
    code, _out, err = run(capsys, "lettres")
    assert code == 2 and "argument COMMANDE : choix invalide : 'lettres'" in err
    code, _out, err = run(capsys, "deadline", "--received", "2027-01-31", "--bogus")
    assert code == 2 and "arguments non reconnus : --bogus" in err


def test_help_headings_are_french(french, capsys):
    code, out, _err = run(capsys, "deadline", "--help")
    assert code == 0
    assert out.startswith("utilisation : sar deadline ")
    assert re.search(r"-h, --help +afficher ce message d'aide et quitter", out)
    assert "\noptions :\n" in out  # the same word in French, with French punctuation
    code, out, _err = run(capsys, "--help")
    assert "\narguments positionnels :\n" in out and "afficher la version de sar et quitter" in out
    for english in ("usage:", "positional arguments", "show this help message and exit", "show program's version"):
        assert english not in out


def test_english_runs_keep_argparse_english(capsys):
    code, _out, err = run(capsys, "letters")
    assert code == 2
    assert err.startswith("usage: sar letters ")
    assert "the following arguments are required: --answers, --out" in err
    code, out, _err = run(capsys, "deadline", "--help")
    assert "show this help message and exit" in out


def test_bulk_counts_agree_with_their_number(french, tmp_path, capsys):
    members = tmp_path / "adherents.csv"
    members.write_text(CSV_HEADER + "Camille,Martin,1985-04-12,12 rue des Lilas,69003,Lyon\n", encoding="utf-8")
    db = tmp_path / "suivi.json"
    code, out, _err = run(capsys, "bulk", str(members), "--out", str(tmp_path / "out"), "--format", "txt", "--jobs", "1",
                          "--db", str(db), "--date", "2026-11-23")
    assert code == 0
    assert "1 personne, " in out and "1 personnes" not in out
    assert re.search(r" en \d+,\d s ; manifeste : ", out), out  # a French decimal comma
    assert " demandes dans le suivi " in out or " demande dans le suivi " in out
    code, out, _err = run(capsys, "bulk", str(members), "--out", str(tmp_path / "out"), "--format", "txt", "--jobs", "1",
                          "--date", "2026-11-23")
    assert "(0 fichier écrit, " in out  # French counts 0 as singular


def test_bulk_counts_in_english(tmp_path, capsys):
    members = tmp_path / "members.csv"
    members.write_text(CSV_HEADER + "Camille,Martin,1985-04-12,12 rue des Lilas,69003,Lyon\n"
                       + "Bad,Row,not-a-date,1 rue A,69003,Lyon\n", encoding="utf-8")
    code, out, _err = run(capsys, "bulk", str(members), "--out", str(tmp_path / "out"), "--format", "txt", "--jobs", "1",
                          "--date", "2026-11-23")
    assert code == 1
    assert "1 person, " in out and "1 people" not in out
    assert "1 row to fix: see " in out


def test_days_agree_with_their_number(french, tmp_path, capsys):
    db = tmp_path / "suivi.json"
    assert main(["letters", "--answers", EXAMPLE, "--out", str(tmp_path / "out"), "--format", "txt",
                 "--track", "--db", str(db), "--only", "doctolib"]) == 0
    assert main(["track", "update", "1", "--received", date.today().isoformat(), "--db", str(db)]) == 0
    capsys.readouterr()
    code, out, _err = run(capsys, "track", "due", "--within", "1", "--db", str(db))  # due in a month: nothing within 1
    assert code == 0
    assert out.rstrip().endswith(" 1 jour."), out
    code, out, _err = run(capsys, "track", "due", "--within", "2", "--db", str(db))
    assert out.rstrip().endswith(" 2 jours."), out


def test_letters_track_names_the_status_in_french(french, tmp_path, capsys):
    code, out, _err = run(capsys, "letters", "--answers", EXAMPLE, "--out", str(tmp_path / "out"), "--format", "txt",
                          "--track", "--db", str(tmp_path / "suivi.json"), "--only", "doctolib")
    assert code == 0
    assert "demande 1 : Doctolib SAS (brouillon)" in out and "(draft)" not in out
