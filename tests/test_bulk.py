"""`sar bulk` as a volunteer uses it: good rows go through, bad rows are named by line and column, re-runs and resumed
runs lose nothing and duplicate nothing."""

from __future__ import annotations

import csv
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sar.cli import main
from sar.identity import MARKER_NAME
from sar.requests import Tracker

HEADER = ["first_name", "last_name", "birth_date", "address", "postcode", "city", "lang", "pharmacy", "lab", "mutuelle",
          "tiers_payant", "devices"]
GOOD = [
    ["Camille", "Martin", "1985-04-12", "12 rue des Lilas", "69003", "Lyon", "fr", "oui", "cerballiance", "mgen", "oui",
     "withings;garmin"],
    ["Zoë", "Œuvray", "1990-01-01", "3 rue de l'Église", "75011", "Paris", "en", "non", "none", "none", "non", ""],
]
BAD = [
    ["Bad", "Date", "1985-02-30", "1 rue X", "69003", "Lyon", "fr", "oui", "none", "none", "non", ""],
    ["No", "Postcode", "1985-02-03", "1 rue X", "6900", "Lyon", "fr", "peut-être", "none", "none", "non", ""],
]


def write_csv(path: Path, rows, *, delimiter=",", encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows([HEADER, *rows])
    return path


def manifest(out: Path) -> list[dict]:
    return list(csv.DictReader((out / "manifest.csv").open(encoding="utf-8")))


def test_good_rows_go_through_and_bad_rows_are_reported(tmp_path, capsys):
    source = write_csv(tmp_path / "members.csv", [GOOD[0], BAD[0], GOOD[1], BAD[1]])
    out, db = tmp_path / "out", tmp_path / "tracker.json"
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt", "--jobs", "1", "--db", str(db),
                 "--date", "2026-11-23"]) == 1
    err = capsys.readouterr().err
    assert "line 3, column birth_date: '1985-02-30': February 1985 has 28 days" in err
    assert "line 5, column postcode" in err and "line 5, column pharmacy" in err
    errors = list(csv.DictReader((out / "errors.csv").open(encoding="utf-8")))
    assert [(e["line"], e["column"]) for e in errors] == [("3", "birth_date"), ("5", "postcode"), ("5", "pharmacy")]
    people = {row["person"] for row in manifest(out)}
    assert people == {"Camille Martin", "Zoë Œuvray"}
    assert sorted(p.name for p in out.iterdir()) == ["camille-martin-1985-04-12", "errors.csv", "manifest.csv",
                                                   "zoe-oeuvray-1990-01-01"]
    letters = list((out / "camille-martin-1985-04-12").iterdir())
    assert {p.name for p in letters} >= {"mgen.fr.txt", "withings.fr.txt", "garmin.fr.txt", "your-pharmacy.fr.txt"}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in letters)
    assert stat.S_IMODE((out / "manifest.csv").stat().st_mode) == 0o600
    assert len(Tracker(db).list_requests()) == len(manifest(out))
    assert (out / "zoe-oeuvray-1990-01-01" / "doctolib.en.txt").exists() is False  # nothing she did not say


@pytest.mark.parametrize("delimiter, encoding", [(";", "cp1252"), (",", "utf-8-sig"), (";", "utf-8")])
def test_french_spreadsheet_exports(tmp_path, delimiter, encoding, capsys):
    source = write_csv(tmp_path / "members.csv", GOOD, delimiter=delimiter, encoding=encoding)
    out = tmp_path / "out"
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt", "--jobs", "1"]) == 0
    assert {row["person"] for row in manifest(out)} == {"Camille Martin", "Zoë Œuvray"}
    # Zoë chose English; the letter to her caisse, a public body, is in French (issue 23.10), her copy in English.
    assert (out / "zoe-oeuvray-1990-01-01" / "cpam-de-paris.en.copy.txt").is_file()
    text = (out / "zoe-oeuvray-1990-01-01" / "cpam-de-paris.fr.txt").read_text(encoding="utf-8")
    assert "Zoë Œuvray" in text and "3 rue de l'Église" in text


def test_hostile_fields_stay_data_and_stay_inside_out(tmp_path, capsys):
    hostile = list(GOOD[1])
    hostile[0], hostile[1], hostile[3] = "{{ 7*7 }}", "../../../etc", "{% raw %}" + "x" * 250
    empty_required = list(GOOD[1])
    empty_required[0] = ""
    too_long = list(GOOD[1])
    too_long[0] = "A" * 400
    source = write_csv(tmp_path / "members.csv", [hostile, empty_required, too_long])
    out = tmp_path / "out"
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt", "--jobs", "1"]) == 1
    errors = list(csv.DictReader((out / "errors.csv").open(encoding="utf-8")))
    assert [(e["line"], e["column"]) for e in errors] == [("3", "first_name"), ("4", "first_name")]
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    assert folder.parent == out and folder.name == "7-7-etc-1990-01-01"
    letter = next(p for p in folder.iterdir() if p.name != MARKER_NAME).read_text(encoding="utf-8")
    assert "{{ 7*7 }} ../../../etc" in letter and "{% raw %}" in letter


def test_rerun_adds_nothing_and_rewrites_nothing(tmp_path, capsys):
    source = write_csv(tmp_path / "members.csv", GOOD)
    out, db = tmp_path / "out", tmp_path / "tracker.json"
    args = ["bulk", str(source), "--out", str(out), "--format", "txt,pdf", "--db", str(db), "--jobs", "2",
            "--date", "2026-11-23"]
    assert main(args) == 0
    first = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.rglob("*.*") if p.parent != out and p.name != MARKER_NAME}
    letters = sum(not p.name.startswith(".") for p in first)  # the folder's record of letter names is no letter
    requests = len(Tracker(db).list_requests())
    capsys.readouterr()
    assert main(args) == 0
    assert f"({0} files written, {letters} unchanged)" in capsys.readouterr().out
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.rglob("*.*") if p.parent != out and p.name != MARKER_NAME} == first
    assert len(Tracker(db).list_requests()) == requests


def test_a_killed_run_resumes_without_loss(tmp_path):
    """Kill a real `sar bulk` with SIGKILL once it has written some letters; the re-run completes everything once."""
    rows = []
    for n in range(30):
        row = list(GOOD[0])
        row[0], row[2] = f"Membre{n}", f"19{50 + n % 40}-0{1 + n % 9}-1{n % 9}"
        rows.append(row)
    source = write_csv(tmp_path / "members.csv", rows)
    out, db = tmp_path / "out", tmp_path / "tracker.json"
    command = [sys.executable, "-m", "sar", "bulk", str(source), "--out", str(out), "--format", "txt,pdf", "--db",
               str(db), "--jobs", "2", "--date", "2026-11-23"]
    env = dict(os.environ, SAR_LANG="en")
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    # Wait (bounded, on the child itself) until some letters exist, then kill the whole process group mid-run.
    for _ in range(600):
        if out.is_dir() and sum(1 for _ in out.rglob("*.pdf")) >= 15:
            break
        try:
            child.wait(timeout=0.02)
            break
        except subprocess.TimeoutExpired:
            pass
    killed = child.poll() is None
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    if killed:
        assert not (out / "manifest.csv").exists()  # the manifest only appears when a run completes
    finished = subprocess.run(command, env=env, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    people = {row["person"] for row in manifest(out)}
    assert len(people) == 30
    tracked = Tracker(db).list_requests()
    assert len(tracked) == len(manifest(out))
    assert len({(r.person, r.actor) for r in tracked}) == len(tracked)
    assert not list(out.rglob("*.tmp")) and not list(out.glob("*.partial"))


def test_unknown_columns_are_refused_before_any_row(tmp_path, capsys):
    path = tmp_path / "members.csv"
    path.write_text("first_name,last_name,birth_date,address,postcode,city,mutuele\n", encoding="utf-8")
    assert main(["bulk", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "unknown column(s): mutuele" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_combined_pdf_holds_every_letter_in_manifest_order(tmp_path, capsys, monkeypatch):
    from pypdf import PdfReader

    import sar.bulk.combined

    monkeypatch.setattr(sar.bulk.combined, "COMBINED_LETTERS_PER_FILE", 5)
    source = write_csv(tmp_path / "members.csv", GOOD)
    out = tmp_path / "out"
    assert main(["bulk", str(source), "--out", str(out), "--format", "pdf", "--jobs", "1", "--combined"]) == 0
    rows = manifest(out)
    parts = sorted(out.glob("combined-*.pdf"))
    assert len(parts) == -(-len(rows) // 5) and not (out / "combined.pdf").exists()
    # a letter sent in French keeps the person's own copy beside its PDF (.copy.txt): only the PDFs are gathered
    singles = [PdfReader(out / next(f for f in row["files"].split(";") if f.endswith(".pdf"))) for row in rows]
    combined_pages = [page.extract_text() for part in parts for page in PdfReader(part).pages]
    assert combined_pages == [page.extract_text() for single in singles for page in single.pages]
    assert all(stat.S_IMODE(part.stat().st_mode) == 0o600 for part in parts)


def test_combined_needs_pdf(tmp_path, capsys):
    source = write_csv(tmp_path / "members.csv", GOOD)
    assert main(["bulk", str(source), "--out", str(tmp_path / "out"), "--format", "txt", "--combined"]) == 2
    assert "add pdf to --format" in capsys.readouterr().err


ARABIC = ["مريم", "الحسني", "1988-06-30", "5 rue Myrha", "75018", "Paris", "fr", "oui", "biogroup", "none", "oui",
          "garmin"]


def summary_counts(out: str) -> dict[str, int]:
    """The figures of the run's summary lines, by what they count."""
    import re

    numbers = {}
    for pattern, name in ((r"(\d+) (?:person|people),", "people"), (r", (\d+) letters? \(", "letters"),
                          (r"\((\d+) files? written", "written"), (r", (\d+) unchanged\)", "unchanged"),
                          (r"(\d+) requests? in the tracker", "tracked"), (r"(\d+) rows? to fix", "refused")):
        found = re.search(pattern, out)
        numbers[name] = int(found.group(1)) if found else 0
    return numbers


def letter_files(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file() and p.parent != out and not p.name.startswith(".")]


def test_a_row_that_cannot_be_written_in_every_format_writes_nothing_and_the_summary_counts_what_is_on_disk(
        tmp_path, capsys):
    """Issue 25.3: a row whose PDF letter cannot be printed used to leave .txt letters the tracker did not know, and the
    summary counted the person among those written. (A name in another script now gives its Latin spelling, issue
    23.11: an address the PDF font cannot print is what still fails at rendering.)"""
    unprintable = list(GOOD[1])
    unprintable[0], unprintable[3] = "Inès", "5 rue Myrha \U0001F3E0"
    source = write_csv(tmp_path / "members.csv", [GOOD[0], unprintable, GOOD[1]])
    out, db = tmp_path / "out", tmp_path / "tracker.json"
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt,pdf", "--jobs", "1", "--db", str(db),
                 "--date", "2026-11-23"]) == 1
    captured = capsys.readouterr()
    errors = list(csv.DictReader((out / "errors.csv").open(encoding="utf-8")))
    assert [(e["line"], e["column"]) for e in errors] == [("3", "address")]
    assert "cannot be printed in a PDF letter (the character \U0001F3E0 (U+1F3E0 HOUSE BUILDING))" in errors[0]["reason"]
    assert "nothing was written for this row" in errors[0]["reason"]
    assert "line 3, column address:" in captured.err
    # Nothing of that row on disk, in the manifest or in the tracker.
    assert sorted(p.name for p in out.iterdir()) == ["camille-martin-1985-04-12", "errors.csv", "manifest.csv",
                                                   "zoe-oeuvray-1990-01-01"]
    rows = manifest(out)
    assert {row["person"] for row in rows} == {"Camille Martin", "Zoë Œuvray"}
    tracked = Tracker(db).list_requests()
    assert {r.person_name for r in tracked} == {"Camille Martin", "Zoë Œuvray"}
    # The summary's counts are what is on disk and in the tracker.
    counts = summary_counts(captured.out)
    files = letter_files(out)
    assert counts == {"people": 2, "letters": len(rows), "written": len(files), "unchanged": 0, "tracked": len(tracked),
                      "refused": 1}
    assert sorted(str(p.relative_to(out)) for p in files) == sorted(
        name for row in rows for name in row["files"].split(";"))


def test_a_name_in_another_script_asks_for_its_latin_spelling_and_then_goes_through(tmp_path, capsys):
    """Issue 25.3 with 23.11: a name in Arabic script without its Latin spelling is refused naming the columns to
    fill, before anything is written; with them, every format is written and the PDF carries the Latin spelling."""
    source = write_csv(tmp_path / "members.csv", [ARABIC])
    out, db = tmp_path / "out", tmp_path / "tracker.json"
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt,pdf", "--jobs", "1", "--db", str(db)]) == 1
    errors = list(csv.DictReader((out / "errors.csv").open(encoding="utf-8")))
    assert {(e["line"], e["column"]) for e in errors} == {("2", "first_name_latin"), ("2", "last_name_latin")}
    assert not [p for p in out.iterdir() if p.is_dir()] and not db.exists() or not Tracker(db).list_requests()
    capsys.readouterr()
    with (tmp_path / "latin.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([[*HEADER, "first_name_latin", "last_name_latin"], [*ARABIC, "Maryam", "Al-Hassani"]])
    assert main(["bulk", str(tmp_path / "latin.csv"), "--out", str(out), "--format", "txt,pdf", "--jobs", "1",
                 "--db", str(db)]) == 0
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    assert "Maryam Al-Hassani" in (folder / "your-pharmacy.fr.txt").read_text(encoding="utf-8")
    assert (folder / "your-pharmacy.fr.pdf").is_file()
    counts = summary_counts(capsys.readouterr().out)
    assert counts["written"] == len(letter_files(out)) and counts["tracked"] == len(Tracker(db).list_requests())


def test_the_same_row_goes_through_when_pdf_is_not_asked_for(tmp_path, capsys):
    unprintable = list(GOOD[1])
    unprintable[3] = "5 rue Myrha \U0001F3E0"
    source = write_csv(tmp_path / "members.csv", [unprintable])
    out = tmp_path / "out"
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt", "--jobs", "1"]) == 0
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    assert "5 rue Myrha \U0001F3E0" in (folder / "cpam-de-paris.fr.txt").read_text(encoding="utf-8")


def test_another_unprintable_cell_is_named_by_its_column(tmp_path, capsys):
    emoji = list(GOOD[1])
    emoji[3] = "3 rue de l'Église \U0001F3E0"
    source = write_csv(tmp_path / "members.csv", [emoji])
    out = tmp_path / "out"
    assert main(["bulk", str(source), "--out", str(out), "--format", "pdf,txt", "--jobs", "1"]) == 1
    (error,) = csv.DictReader((out / "errors.csv").open(encoding="utf-8"))
    assert (error["line"], error["column"]) == ("2", "address")
    assert "write it in Latin letters, or leave pdf out of --format" in error["reason"]
    assert sorted(p.name for p in out.iterdir()) == ["errors.csv", "manifest.csv"]


def test_a_disk_failure_half_way_through_a_row_takes_back_what_the_row_wrote(tmp_path, capsys, monkeypatch):
    import sar.output.files

    real = sar.output.files.write_private_if_changed
    calls = []

    def failing_on_the_second_file_of_the_second_person(path, payload):
        calls.append(path)
        if "zoe" in str(path) and sum("zoe" in str(p) for p in calls) == 2:
            raise OSError(28, "No space left on device")
        return real(path, payload)

    monkeypatch.setattr(sar.output.files, "write_private_if_changed", failing_on_the_second_file_of_the_second_person)
    source = write_csv(tmp_path / "members.csv", GOOD)
    out, db = tmp_path / "out", tmp_path / "tracker.json"
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt", "--jobs", "1", "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert "line 3: nothing was written for this row: No space left on device" in captured.err
    assert sorted(p.name for p in out.iterdir()) == ["camille-martin-1985-04-12", "errors.csv", "manifest.csv"]
    counts = summary_counts(captured.out)
    assert counts["people"] == 1 and counts["written"] == len(letter_files(out)) == counts["letters"]
    assert counts["tracked"] == len(Tracker(db).list_requests()) == len(manifest(out))


def test_the_tracker_knows_where_each_bulk_letter_is(tmp_path, capsys):
    source = write_csv(tmp_path / "members.csv", [GOOD[0]])
    out, db = tmp_path / "out", tmp_path / "tracker.json"
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt,pdf", "--jobs", "1", "--db", str(db),
                 "--date", "2026-11-23"]) == 0
    requests = Tracker(db).list_requests()
    written = {str(path) for path in (out / "camille-martin-1985-04-12").iterdir() if not path.name.startswith(".")}
    assert requests and all(request.files for request in requests)
    assert {name for request in requests for name in request.files} == written
    mgen = next(request for request in requests if request.actor == "mgen")
    assert mgen.files == (str(out / "camille-martin-1985-04-12" / "mgen.fr.txt"),
                          str(out / "camille-martin-1985-04-12" / "mgen.fr.pdf"))
