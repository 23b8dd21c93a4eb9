"""The CLI's date options as a user types them: day-first and written-out dates work like ISO ones, and a date that cannot
exist is a one-line error with exit code 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sar.cli import main
from sar.journey import Person
from sar.requests import NewRequest, Tracker

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "answers.toml")


def run_sar(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sar", *args], capture_output=True, text=True, env={"SAR_LANG": lang, "PATH": ""}
    )


@pytest.mark.parametrize(
    "written, lang",
    [("2027-01-31", "en"), ("31/01/2027", "en"), ("31.01.2027", "fr"), ("31 janvier 2027", "fr"),
     ("31 January 2027", "en"), ("31st Jan 2027", "en"), ("31 janv. 2027", "en")],
)
def test_deadline_reads_the_received_date_as_written(written, lang):
    result = run_sar("deadline", "--received", written, "--json", lang=lang)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["received"] == "2027-01-31"


@pytest.mark.parametrize(
    "args, lang, message",
    [
        (["deadline", "--received", "30/02/2027"], "en", "argument --received: '30/02/2027': February 2027 has 28 days"),
        (["deadline", "--received", "30/02/2027"], "fr", "« 30/02/2027 » : février 2027 n'a que 28 jours"),
        (["deadline", "--received", "01/31/2027"], "en", "perhaps you meant 31/01/2027"),
        (["letters", "--answers", EXAMPLE, "--out", "x", "--date", "32 mars 2027"], "fr", "mars 2027 n'a que 31 jours"),
        (["track", "update", "1", "--sent", "12 Smarch 2026"], "en", "'Smarch' is not the name of a month"),
        (["track", "update", "1", "--answered", "12/04/26"], "en", "write the year with four digits"),
    ],
)
def test_an_impossible_date_is_one_line_and_exit_2(tmp_path, args, lang, message):
    tracker = ["--db", str(tmp_path / "tracker.json")] if args[0] == "track" else []
    result = run_sar(*args, *tracker, lang=lang)
    assert result.returncode == 2
    assert message in result.stderr
    lines = result.stderr.splitlines()
    [error] = [line for line in lines if message in line]
    assert lines[-1].startswith(("Run `sar", "Lancez `sar")) and lines[-2] == error  # usage, the error, where to get help
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_track_update_takes_a_day_first_date(tmp_path, capsys):
    db = tmp_path / "tracker.json"
    person = Person("Camille", "Martin", date(1985, 4, 12), "12 rue des Lilas", "69003", "Lyon")
    Tracker(db).record_requests([NewRequest(person, "doctolib", "Doctolib")], today=date(2026, 3, 1))
    assert main(["track", "update", "1", "--sent", "2/3/2026", "--db", str(db)]) == 0
    assert main(["track", "update", "1", "--received", "5 mars 2026", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["track", "list", "--json", "--db", str(db)]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["sent"], row["received"]) == ("2026-03-02", "2026-03-05")


def test_letters_date_option_is_written_in_the_letter(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["letters", "--answers", EXAMPLE, "--out", str(out), "--format", "txt", "--lang", "fr",
                 "--date", "1/3/2027", "--only", "doctolib"]) == 0
    text = (out / "camille-martin" / "doctolib.fr.txt").read_text(encoding="utf-8")
    assert "1er mars 2027" in text
