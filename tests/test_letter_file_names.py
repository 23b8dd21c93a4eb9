"""Letter files named after the organisation (issue 24.2): `dr-claire-roux.fr.pdf`, not `your-doctor.fr.pdf` and
`your-doctor-2.fr.pdf` (which one is the dermatologist?); the same names on every run, never one organisation's letter
over another's, never a path outside the output folder; the manifest and the follow-ups know which file is which."""

from __future__ import annotations

import csv
import json
import os
from datetime import date
from pathlib import Path

from sar import journey
from sar.cli import main
from sar.inference import infer
from sar.output.files import LETTER_NAMES, write_letters, write_manifest

DAY = date(2026, 11, 23)
PERIGUEUX = {
    "lang": "fr", "first_name": "Marcel", "last_name": "Delpech", "birth_date": "1951-06-02",
    "address": "8 route de Bergerac", "postcode": "24000", "city": "Périgueux",
    "doctor": True, "doctor_name": "Dr Claire Roux", "doctor_specialty": "gp",
    "doctor_2": True, "doctor_2_name": "Dr Anne Petit", "doctor_2_specialty": "specialist",
    "hospital": "public", "hospital_name": "Centre hospitalier de Périgueux", "booking": ["doctolib"],
    "insurance_fund": "msa",
}


def person(**changes):
    return journey.journey_from_document(journey.answers_document({**PERIGUEUX, **changes}))


def write(out: Path, answers=None, only=None, **options):
    found = infer(answers or person())
    if only:
        found = [finding for finding in found if finding.actor.id in only]
    rows = write_letters(answers or person(), found, out, ("txt",), on=DAY, **options)
    write_manifest(out, rows)
    return rows


def names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir() if not path.name.startswith(".")}


def test_letters_are_named_after_the_organisation(tmp_path):
    write(tmp_path)
    folder = tmp_path / "marcel-delpech"
    assert {"dr-claire-roux.fr.txt", "dr-anne-petit.fr.txt", "centre-hospitalier-de-perigueux.fr.txt",
            "doctolib.fr.txt"} <= names(folder)
    assert not [name for name in names(folder) if name.startswith("your-")]
    # The manifest still says which organisation each file is for.
    with (tmp_path / "manifest.csv").open(encoding="utf-8") as f:
        files = {row["actor"]: row["files"] for row in csv.DictReader(f)}
    assert files["your-doctor-2"] == "marcel-delpech/dr-anne-petit.fr.txt"
    assert files["your-hospital"] == "marcel-delpech/centre-hospitalier-de-perigueux.fr.txt"


def test_a_rerun_keeps_the_names_and_rewrites_no_unchanged_file(tmp_path):
    first = write(tmp_path, only_if_changed=True)
    folder = tmp_path / "marcel-delpech"
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    again = write(tmp_path, only_if_changed=True)
    assert [row.files for row in again] == [row.files for row in first]
    assert all(row.unchanged == len(row.files) for row in again)
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == before  # the names' record too


def test_two_organisations_with_one_name_never_overwrite_each_other(tmp_path):
    twins = person(doctor_2_name="Dr Claire Roux", doctor_2_address="1 rue Nouvelle, 24000 Périgueux")
    write(tmp_path, twins)
    folder = tmp_path / "marcel-delpech"
    first, second = folder / "dr-claire-roux.fr.txt", folder / "dr-claire-roux-2.fr.txt"
    assert "1 rue Nouvelle" in second.read_text(encoding="utf-8")
    assert "1 rue Nouvelle" not in first.read_text(encoding="utf-8")
    # Writing the second alone, later, finds its own name again: not the first one's.
    write(tmp_path, twins, only={"your-doctor-2"})
    assert "1 rue Nouvelle" not in first.read_text(encoding="utf-8")
    # A doctor whose name is an organisation's file name does not take that organisation's file.
    write(tmp_path, person(doctor_name="Doctolib"))
    assert "dossier médical" in (folder / "doctolib-2.fr.txt").read_text(encoding="utf-8")  # the doctor's letter
    assert "Doctolib – DPO" in (folder / "doctolib.fr.txt").read_text(encoding="utf-8")  # the platform's


def test_a_name_never_steers_a_path_outside_the_output_folder(tmp_path):
    out = tmp_path / "out"
    write(out, person(doctor_name="../../../etc/passwd", doctor_2_name="/", hospital_name="CON"))
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert written and all(out.resolve() in path.resolve().parents for path in written)
    folder = out / "marcel-delpech"
    assert {"etc-passwd.fr.txt", "your-doctor-2.fr.txt", "con-2.fr.txt"} <= names(folder)
    # A record of names tampered with is not followed out of the folder either.
    record = json.loads((folder / LETTER_NAMES).read_text(encoding="utf-8"))
    record["your-doctor"]["name"] = "../../evil"
    (folder / LETTER_NAMES).write_text(json.dumps(record), encoding="utf-8")
    write(out)
    assert not (tmp_path / "evil.fr.txt").exists() and not list(tmp_path.rglob("evil*"))


def test_an_organisation_named_later_has_its_files_renamed_and_the_manifest_follows(tmp_path):
    write(tmp_path, person(doctor_name=""))  # first without the doctor's name: the letter has a blank
    folder = tmp_path / "marcel-delpech"
    assert "your-doctor.fr.txt" in names(folder)
    write(tmp_path, person(doctor_name=""), only={"your-doctor"}, right="erasure")
    write(tmp_path)  # the name given: the same letters, now named after the doctor
    assert {"dr-claire-roux.fr.txt", "dr-claire-roux.fr.erasure.txt"} <= names(folder)
    assert not [name for name in names(folder) if name.startswith("your-doctor.")]
    with (tmp_path / "manifest.csv").open(encoding="utf-8") as f:
        files = {(row["actor"], row["kind"]): row["files"] for row in csv.DictReader(f)}
    assert files[("your-doctor", "erasure")] == "marcel-delpech/dr-claire-roux.fr.erasure.txt"


def test_a_folder_of_an_older_sar_keeps_its_letters_under_their_new_names(tmp_path):
    folder = tmp_path / "marcel-delpech"
    write(tmp_path)
    record = json.loads((folder / LETTER_NAMES).read_text(encoding="utf-8"))
    for actor_id, entry in record.items():  # what an older sar wrote: files named by id, and no record of names
        for name in names(folder):
            if name.startswith(entry["name"] + "."):
                (folder / name).rename(folder / (actor_id + name[len(entry["name"]):]))
    (folder / LETTER_NAMES).unlink()
    assert {"your-doctor.fr.txt", "your-doctor-2.fr.txt", "your-hospital.fr.txt"} <= names(folder)
    write(tmp_path)
    assert {"dr-claire-roux.fr.txt", "dr-anne-petit.fr.txt", "centre-hospitalier-de-perigueux.fr.txt",
            "doctolib.fr.txt"} <= names(folder)
    assert not [name for name in names(folder) if name.startswith("your-") or "-2." in name]


def test_a_follow_up_sits_beside_its_letter(tmp_path, monkeypatch, capsys):
    answers = tmp_path / "answers.toml"
    journey.write_answers(person(), answers)
    out, db = tmp_path / "out", tmp_path / "tracker.json"
    assert main(["letters", "--answers", str(answers), "--out", str(out), "--format", "txt", "--track",
                 "--db", str(db), "--date", "2026-09-01"]) == 0
    capsys.readouterr()
    from sar.requests import Tracker

    doctor = next(r for r in Tracker(db).list_requests() if r.actor == "your-doctor-2")
    assert main(["track", "update", str(doctor.id), "--sent", "2026-09-01", "--db", str(db)]) == 0
    assert main(["followup", str(doctor.id), "--kind", "reminder", "--out", str(out), "--format", "txt",
                 "--db", str(db), "--date", "2026-11-23"]) == 0
    assert (out / "marcel-delpech" / "dr-anne-petit.fr.reminder.txt").is_file()
    assert os.stat(out / "marcel-delpech" / LETTER_NAMES).st_mode & 0o777 == 0o600
