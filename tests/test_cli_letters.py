"""`sar letters` as a user calls it: files and manifest under OUT, exit codes, and plain words on bad input."""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path

from sar.cli import main
from sar.requests import Tracker

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "answers.toml")


def answers_file(tmp_path, **person) -> str:
    """The example answers with some of the person's fields replaced (TOML basic strings, escaped)."""
    text = Path(EXAMPLE).read_text(encoding="utf-8")
    for key, value in person.items():
        lines = [line for line in text.splitlines() if line.startswith(f"{key} = ")]
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        text = text.replace(lines[0], f'{key} = "{escaped}"')
    path = tmp_path / "answers.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_writes_letters_and_manifest(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["letters", "--answers", EXAMPLE, "--out", str(out), "--format", "pdf,eml", "--lang", "en",
                 "--date", "2026-11-22", "--only", "your-doctor", "doctolib", "cerballiance"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    folder = out / "camille-martin"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "cerballiance.en.eml", "cerballiance.en.pdf", "doctolib.en.eml", "doctolib.en.pdf",
        "dr-jeanne-dupont.en.eml", "dr-jeanne-dupont.en.pdf"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())  # the owner marker too
    rows = list(csv.DictReader((out / "manifest.csv").open(encoding="utf-8")))
    assert [row["actor"] for row in rows] == ["your-doctor", "doctolib", "cerballiance"]
    assert rows[0]["kind"] == "access-medical-record" and rows[0]["lang"] == "en"
    assert rows[0]["gdpr_due_if_posted_today"] == "2026-12-28"
    assert "no postal address is known" in captured.out  # Cerballiance has no sourced address
    assert "letters written: 3" in captured.out


def test_only_keeps_the_named_organisations(tmp_path, capsys):
    assert main(["letters", "--answers", EXAMPLE, "--out", str(tmp_path), "--only", "doctolib", "--format", "txt"]) == 0
    assert [p.name for p in (tmp_path / "camille-martin").iterdir() if not p.name.startswith(".")] == ["doctolib.fr.txt"]
    assert main(["letters", "--answers", EXAMPLE, "--out", str(tmp_path), "--only", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err


def test_an_unprintable_name_fails_that_pdf_with_exit_1(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SAR_PDF_FONT", str(tmp_path / "no-such-font.ttf"))
    answers = answers_file(tmp_path, first_name="\U0001FAE0")
    assert main(["letters", "--answers", answers, "--out", str(tmp_path / "out"), "--format", "pdf,txt",
                 "--only", "doctolib"]) == 1
    assert "U+1FAE0" in capsys.readouterr().err
    assert (tmp_path / "out" / "martin" / "doctolib.fr.txt").exists()


def test_template_syntax_and_path_tricks_in_a_name_stay_data(tmp_path, capsys):
    answers = answers_file(tmp_path, first_name="{{ 7*7 }}", last_name="../../../etc/passwd")
    out = tmp_path / "out"
    assert main(["letters", "--answers", answers, "--out", str(out), "--format", "txt", "--only", "doctolib"]) == 0
    (letter,) = out.rglob("doctolib.fr.txt")
    assert out.resolve() in letter.resolve().parents
    assert "{{ 7*7 }} ../../../etc/passwd" in letter.read_text(encoding="utf-8")
    assert "49" not in letter.read_text(encoding="utf-8").split("Objet")[0]


def test_track_records_each_letter_once(tmp_path, capsys):
    db = tmp_path / "tracker.json"
    args = ["letters", "--answers", EXAMPLE, "--out", str(tmp_path / "out"), "--format", "txt", "--track",
            "--db", str(db), "--only", "doctolib", "your-doctor"]
    assert main(args) == 0
    assert "request 2: Doctolib SAS (draft)" in capsys.readouterr().out  # in the order of the findings
    assert main(args) == 0  # re-running adds no duplicate
    capsys.readouterr()
    assert main(["track", "list", "--db", str(db), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted((r["actor"], r["kind"], r["status"]) for r in rows) == [
        ("doctolib", "access-vendor", "draft"), ("your-doctor", "access-medical-record", "draft")]
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_a_damaged_tracker_stops_letters_before_anything_is_written(tmp_path, capsys):
    db = tmp_path / "tracker.json"
    db.write_text("{not json")
    assert main(["letters", "--answers", EXAMPLE, "--out", str(tmp_path / "out"), "--track", "--db", str(db)]) == 2
    assert not (tmp_path / "out").exists()
    assert db.read_text() == "{not json"


def test_a_bad_answers_file_writes_nothing(tmp_path, capsys):
    bad = answers_file(tmp_path, postcode="6900")
    assert main(["letters", "--answers", bad, "--out", str(tmp_path / "out")]) == 2
    assert "postcode" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_unknown_format_is_a_usage_error(tmp_path, capsys):
    assert main(["letters", "--answers", EXAMPLE, "--out", str(tmp_path), "--format", "pdf,docx"]) == 2
    assert "docx" in capsys.readouterr().err


def test_tracked_slot_names_are_in_the_letters_language(tmp_path, capsys):
    db = tmp_path / "tracker.json"
    assert main(["letters", "--answers", EXAMPLE, "--out", str(tmp_path / "out"), "--format", "txt", "--track",
                 "--db", str(db), "--only", "your-pharmacy"]) == 0
    capsys.readouterr()
    assert main(["track", "list", "--db", str(db), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["actor_name"] == "Votre pharmacie"


def test_tracked_letters_keep_their_files_and_track_list_says_where(tmp_path, capsys, monkeypatch):
    """`--track` stores each letter's files on its request (absolute, whatever --out was given as), as the chat does:
    `track list` and the chat's tracker can then say where the letter to send is."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SAR_LANG", "en")
    db = tmp_path / "tracker.json"
    assert main(["letters", "--answers", EXAMPLE, "--out", "out", "--format", "pdf,txt", "--track", "--db", str(db),
                 "--only", "doctolib", "--date", "2026-11-22"]) == 0
    (request,) = Tracker(db).list_requests()
    folder = tmp_path / "out" / "camille-martin"
    assert request.files == (str(folder / "doctolib.fr.pdf"), str(folder / "doctolib.fr.txt"))
    assert all(Path(name).is_file() for name in request.files)
    capsys.readouterr()
    assert main(["track", "list", "--db", str(db)]) == 0
    assert f"letter: {folder / 'doctolib.fr.pdf'}" in capsys.readouterr().out
    assert main(["track", "list", "--db", str(db), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["files"] == list(request.files)
