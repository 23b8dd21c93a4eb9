"""`sar letters` as a user calls it: files and manifest under OUT, exit codes, and plain words when it cannot run."""

from __future__ import annotations

import csv
import stat

import pytest

import sar.inference
import sar.journey
from letter_fixtures import ACTORS, finding, journey
from sar.cli import main
from sar.directory import Actor


@pytest.fixture
def answers_reader(monkeypatch):
    """Stand in for issue 3's answers loader and inference, which this branch does not have yet."""
    findings = [finding("access-medical-record"), finding("access-vendor"),
                finding("access", Actor("cerballiance", "Cerballiance"))]
    monkeypatch.setattr(sar.journey, "load_answers", lambda path: journey("fr"), raising=False)
    monkeypatch.setattr(sar.inference, "infer", lambda j: findings, raising=False)
    return findings


def test_writes_letters_and_manifest(tmp_path, answers_reader, capsys):
    out = tmp_path / "out"
    code = main(["letters", "--answers", "a.toml", "--out", str(out), "--format", "pdf,eml", "--lang", "en",
                 "--date", "2026-11-22"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    folder = out / "elodie-d-aubigne-uvray"
    assert sorted(p.name for p in folder.iterdir()) == [
        "cerballiance.en.eml", "cerballiance.en.pdf", "doctolib.en.eml", "doctolib.en.pdf",
        "your-doctor.en.eml", "your-doctor.en.pdf"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
    rows = list(csv.DictReader((out / "manifest.csv").open(encoding="utf-8")))
    assert [row["actor"] for row in rows] == ["your-doctor", "doctolib", "cerballiance"]
    assert rows[0]["kind"] == "access-medical-record" and rows[0]["lang"] == "en"
    assert rows[0]["gdpr_due_if_posted_today"] == "2026-12-28"
    assert "fill in the blank by hand" in captured.out  # Cerballiance has no sourced address
    assert "letters written: 3" in captured.out


def test_only_keeps_the_named_organisations(tmp_path, answers_reader, capsys):
    assert main(["letters", "--answers", "a.toml", "--out", str(tmp_path), "--only", "doctolib", "--format", "txt"]) == 0
    assert [p.name for p in (tmp_path / "elodie-d-aubigne-uvray").iterdir()] == ["doctolib.fr.txt"]
    assert main(["letters", "--answers", "a.toml", "--out", str(tmp_path), "--only", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err


def test_an_unprintable_name_fails_that_pdf_with_exit_1(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sar.journey, "load_answers", lambda path: journey("fr", first_name="\U0001FAE0"), raising=False)
    monkeypatch.setattr(sar.inference, "infer", lambda j: [finding("access-vendor")], raising=False)
    assert main(["letters", "--answers", "a.toml", "--out", str(tmp_path), "--format", "pdf,txt"]) == 1
    assert "U+1FAE0" in capsys.readouterr().err
    assert (tmp_path / "d-aubigne-uvray" / "doctolib.fr.txt").exists()


def test_track_is_refused_before_anything_is_written(tmp_path, answers_reader, capsys):
    assert main(["letters", "--answers", "a.toml", "--out", str(tmp_path / "out"), "--track"]) == 2
    assert "--track" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_says_plainly_when_answers_cannot_be_read_yet(tmp_path, monkeypatch, capsys):
    monkeypatch.delattr(sar.journey, "load_answers", raising=False)
    assert main(["letters", "--answers", "a.toml", "--out", str(tmp_path / "out")]) == 2
    assert "cannot run yet" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_unknown_format_is_a_usage_error(tmp_path, answers_reader, capsys):
    assert main(["letters", "--answers", "a.toml", "--out", str(tmp_path), "--format", "pdf,docx"]) == 2
    assert "docx" in capsys.readouterr().err
