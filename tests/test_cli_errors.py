"""A hostile user gets one clear line and a non-zero exit, never a traceback: files that are folders, folders that are
files, missing or unreadable files, read-only folders, dates at the ends of the calendar, absurd numbers."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import pytest

from sar.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "answers.toml")
CSV_HEADER = "first_name,last_name,birth_date,address,postcode,city\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """`sar ARGV` as a user runs it: the exit code (usage errors exit through SystemExit), stdout, stderr."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def one_line_error(err: str) -> str:
    """The error as the user sees it: one `sar: ...` line."""
    assert err.startswith(("sar: ", "sar : ")), err
    assert err.count("\n") == 1, err
    return err


@pytest.fixture
def tracked(tmp_path, capsys):
    """A tracker with the example's letters recorded; returns its path."""
    db = tmp_path / "tracker.json"
    assert main(["letters", "--answers", EXAMPLE, "--out", str(tmp_path / "out"), "--format", "txt", "--track",
                 "--db", str(db), "--date", "2026-11-23"]) == 0
    capsys.readouterr()
    return db


# Files and folders in the way ------------------------------------------------------------------------------------------

def test_letters_out_naming_an_existing_file(tmp_path, capsys):
    existing = tmp_path / "notes.txt"
    existing.write_text("mine")
    code, _out, err = run(capsys, "letters", "--answers", EXAMPLE, "--out", str(existing), "--format", "txt")
    assert code == 2
    assert "is a file, not a folder" in one_line_error(err)
    assert existing.read_text() == "mine"


def test_letters_out_below_an_existing_file(tmp_path, capsys):
    existing = tmp_path / "notes.txt"
    existing.write_text("mine")
    code, _out, err = run(capsys, "letters", "--answers", EXAMPLE, "--out", str(existing / "sub"), "--format", "txt")
    assert code == 2
    assert "cannot be created" in one_line_error(err) and "is a file, not a folder" in err


@pytest.mark.parametrize("command", [["actors"], ["letters", "--out", "OUT"]])
def test_answers_that_are_a_folder_or_missing(tmp_path, capsys, command):
    command = [str(tmp_path / "out") if part == "OUT" else part for part in command]
    folder = tmp_path / "answers.toml"
    folder.mkdir()
    code, _out, err = run(capsys, *command, "--answers", str(folder))
    assert code == 2 and "is a folder, not a file" in one_line_error(err)
    code, _out, err = run(capsys, *command, "--answers", str(tmp_path / "missing.toml"))
    assert code == 2 and "file not found: " in one_line_error(err)
    assert not (tmp_path / "out").exists()


def test_bulk_csv_that_is_a_folder_or_missing(tmp_path, capsys):
    (tmp_path / "members.csv").mkdir()
    code, _out, err = run(capsys, "bulk", str(tmp_path / "members.csv"), "--out", str(tmp_path / "out"))
    assert code == 2 and "is a folder, not a file" in one_line_error(err)
    code, _out, err = run(capsys, "bulk", str(tmp_path / "nobody.csv"), "--out", str(tmp_path / "out"))
    assert code == 2 and "file not found: " in one_line_error(err)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", [
    ["track", "list"], ["track", "due"], ["track", "update", "1", "--sent", "2026-11-24"],
    ["letters", "--answers", EXAMPLE, "--out", "OUT", "--track"], ["followup", "1", "--kind", "reminder", "--out", "OUT"],
])
def test_db_pointing_at_a_folder(tmp_path, capsys, command):
    command = [str(tmp_path / "out") if part == "OUT" else part for part in command]
    code, _out, err = run(capsys, *command, "--db", str(tmp_path))
    assert code == 2
    assert "is a folder: --db takes a file" in one_line_error(err)
    assert not (tmp_path / "out").exists()


def test_sar_db_variable_pointing_at_a_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SAR_DB", str(tmp_path))
    code, _out, err = run(capsys, "track", "list")
    assert code == 2 and "is a folder: --db takes a file" in one_line_error(err)


def test_export_to_a_folder_or_below_a_file(tracked, tmp_path, capsys):
    code, _out, err = run(capsys, "track", "export", "--ics", str(tmp_path), "--db", str(tracked))
    assert code == 2 and "is a folder: give the name of a file" in one_line_error(err)
    code, _out, err = run(capsys, "track", "export", "--csv", str(tracked / "x.csv"), "--db", str(tracked))
    assert code == 2 and "cannot be created" in one_line_error(err)


def test_followup_out_naming_an_existing_file(tracked, tmp_path, capsys):
    assert main(["track", "update", "1", "--sent", "2026-11-24", "--db", str(tracked)]) == 0
    existing = tmp_path / "notes.txt"
    existing.write_text("mine")
    code, _out, err = run(capsys, "followup", "1", "--kind", "reminder", "--out", str(existing), "--db", str(tracked),
                          "--date", "2027-03-01")
    assert code == 2 and "is a file, not a folder" in one_line_error(err)


@pytest.mark.parametrize("command", [["directory", "add"], ["directory", "import"]])
def test_directory_files_that_are_folders(tmp_path, capsys, command):
    code, _out, err = run(capsys, *command, str(tmp_path))
    assert code == 2 and "is a folder, not a file" in one_line_error(err)


def test_tui_answers_that_are_a_folder(tmp_path, capsys):
    code, _out, err = run(capsys, "tui", "--answers", str(tmp_path))
    assert code == 2 and "is a folder, not a file" in one_line_error(err)


def test_data_dir_that_is_a_file(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    data.write_text("")
    monkeypatch.setenv("SAR_DATA_DIR", str(data))
    code, _out, err = run(capsys, "track", "list")
    assert code == 2 and "is a file, not a folder" in one_line_error(err)


# Permissions (sar checks with os.access; as root every file is readable, so the refusal is simulated there) -----------

def _deny(monkeypatch, denied: Path, mode: int) -> None:
    real_access = os.access

    def access(path, wanted, *args, **kwargs):
        if Path(path) == denied and wanted & mode:
            return False
        return real_access(path, wanted, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


def test_out_in_a_read_only_folder(tmp_path, capsys, monkeypatch):
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    _deny(monkeypatch, read_only, os.W_OK)
    code, _out, err = run(capsys, "letters", "--answers", EXAMPLE, "--out", str(read_only / "letters"), "--format", "txt")
    assert code == 2 and "permission denied: you may not write in" in one_line_error(err)
    assert list(read_only.iterdir()) == []


def test_unreadable_answers_and_csv(tmp_path, capsys, monkeypatch):
    answers = tmp_path / "answers.toml"
    answers.write_text(Path(EXAMPLE).read_text(encoding="utf-8"), encoding="utf-8")
    members = tmp_path / "members.csv"
    members.write_text(CSV_HEADER, encoding="utf-8")
    for path, command in ((answers, ["actors", "--answers", str(answers)]),
                          (members, ["bulk", str(members), "--out", str(tmp_path / "out")])):
        with monkeypatch.context() as patch:
            _deny(patch, path, os.R_OK)
            code, _out, err = run(capsys, *command)
        assert code == 2 and "permission denied: you may not read" in one_line_error(err)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, and root bypasses them")
def test_out_in_a_really_read_only_folder(tmp_path, capsys):
    read_only = tmp_path / "read-only"
    read_only.mkdir(mode=0o500)
    try:
        code, _out, err = run(capsys, "letters", "--answers", EXAMPLE, "--out", str(read_only / "x"), "--format", "txt")
    finally:
        read_only.chmod(0o700)
    assert code == 2 and "permission denied" in one_line_error(err)


def test_an_os_error_while_writing_is_told_in_french(tracked, capsys, monkeypatch):
    """The last line of defence: an OSError the checks did not foresee (a full disk, a file locked by another program)."""
    from sar.requests import Tracker

    def full_disk(self, path, **options):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(Tracker, "export_ics", full_disk)
    monkeypatch.setenv("SAR_LANG", "fr")
    code, _out, err = run(capsys, "track", "export", "--ics", "deadlines.ics", "--db", str(tracked))
    assert code == 2
    assert one_line_error(err) == "sar : plus de place sur le disque pour écrire deadlines.ics\n"
    assert "No space" not in err


def test_file_not_found_is_told_in_french(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SAR_LANG", "fr")
    code, _out, err = run(capsys, "bulk", str(tmp_path / "adherents.csv"), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err == f"sar : fichier introuvable : {tmp_path / 'adherents.csv'}\n"
    assert "No such file" not in err


# Dates and numbers at the ends of the range ----------------------------------------------------------------------------

@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1999-12-31", "2100-01-01"])
@pytest.mark.parametrize("command", [
    ["deadline", "--received"], ["deadline", "--json", "--received"],
    ["track", "update", "1", "--sent"], ["track", "update", "1", "--received"], ["track", "update", "1", "--answered"],
    ["letters", "--answers", EXAMPLE, "--out", "OUT", "--date"], ["bulk", "CSV", "--out", "OUT", "--date"],
    ["followup", "1", "--kind", "reminder", "--out", "OUT", "--date"],
])
def test_dates_out_of_range_are_refused_for_every_date_option(tmp_path, capsys, command, day):
    members = tmp_path / "members.csv"
    members.write_text(CSV_HEADER + "Camille,Martin,1985-04-12,1 rue A,69003,Lyon\n", encoding="utf-8")
    command = [{"OUT": str(tmp_path / "out"), "CSV": str(members)}.get(part, part) for part in command]
    code, out, err = run(capsys, *command, day)
    assert code == 2
    assert f"'{day}' is out of range: sar takes dates from 1 January 2000 to 31 December 2099" in err
    assert out == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("day", ["2000-01-01", "2099-12-31"])
def test_the_ends_of_the_range_work(tracked, capsys, day):
    code, out, _err = run(capsys, "deadline", "--received", day, "--json")
    assert code == 0 and f'"received": "{day}"' in out
    for option in ("--sent", "--received", "--answered"):
        code, _out, err = run(capsys, "track", "update", "1", option, day, "--db", str(tracked))
        if day < date.today().isoformat():
            assert code == 0
        else:  # a step is recorded once it has happened: the far end of the range is refused in one line
            assert code == 2 and "is in the future" in err and "Traceback" not in err


@pytest.mark.parametrize("within", ["99999999999", "3651", "-1"])
def test_huge_within_is_refused(capsys, within):
    code, _out, err = run(capsys, "track", "due", "--within", within)
    assert code == 2 and "is not a number of days from 0 to 3650" in err


def test_the_largest_within_works(tracked, capsys):
    code, _out, _err = run(capsys, "track", "due", "--within", "3650", "--db", str(tracked))
    assert code == 0


def test_huge_jobs_is_refused(tmp_path, capsys):
    members = tmp_path / "members.csv"
    members.write_text(CSV_HEADER, encoding="utf-8")
    code, _out, err = run(capsys, "bulk", str(members), "--out", str(tmp_path / "out"), "--jobs", "100000")
    assert code == 2 and "is not a number of workers: write 1 to 256" in err


def test_a_csv_with_a_giant_cell(tmp_path, capsys):
    """Python's csv module refuses cells over 128 KiB with an English error; sar says it in one line."""
    members = tmp_path / "members.csv"
    members.write_text(CSV_HEADER + "A" * 200_000 + ",Martin,1985-04-12,1 rue A,69003,Lyon\n", encoding="utf-8")
    code, _out, err = run(capsys, "bulk", str(members), "--out", str(tmp_path / "out"), "--format", "txt", "--jobs", "1")
    assert code == 2
    assert "a cell holds more than 131072 characters" in one_line_error(err)


def test_an_os_error_names_the_file_asked_for_not_the_temporary_one(tracked, capsys, monkeypatch, tmp_path):
    from sar.requests import Tracker

    def vanished_folder(self, path, **options):
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(tmp_path / ".deadlines.ics.4242.tmp"))

    monkeypatch.setattr(Tracker, "export_ics", vanished_folder)
    code, _out, err = run(capsys, "track", "export", "--ics", str(tmp_path / "deadlines.ics"), "--db", str(tracked))
    assert code == 2
    assert one_line_error(err) == f"sar: file not found: {tmp_path / 'deadlines.ics'}\n"
