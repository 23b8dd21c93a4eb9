"""A person is never mistaken for another: identities, folders, duplicate rows, refused characters, old trackers."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sar import identity, notices
from sar.cli import main
from sar.identity import MARKER_NAME, claim_folder, person_identity, readable_slug, remove_leftovers
from sar.journey import AnswersError, Person, journey_from_row
from sar.storage import SCHEMA_VERSION, old_version_path
from sar.requests import NewRequest, Tracker

HEADER = ["first_name", "last_name", "birth_date", "address", "postcode", "city", "lang", "pharmacy", "lab", "mutuelle",
          "first_name_latin", "last_name_latin"]
# A name in Cyrillic comes with its Latin spelling (issue 23.11), as on the carte Vitale.
ANNA = ["Анна", "Иванова", "1990-05-05", "1 rue de Rivoli", "75001", "Paris", "fr", "oui", "none", "none", "Anna",
        "Ivanova"]
OLGA = ["Ольга", "Петрова", "1990-05-05", "2 La Canebière", "13001", "Marseille", "fr", "oui", "none", "none", "Olga",
        "Petrova"]


def write_csv(path: Path, rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *(row + [""] * (len(HEADER) - len(row)) for row in rows)])
    return path


def person(first="Camille", last="Martin", born=date(1985, 4, 12)) -> Person:
    return Person(first, last, born, "12 rue des Lilas", "69003", "Lyon")


def letters_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))  # the marker, the names' record


# --- who is the same person ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, same", [
    (("Camille", "Martin"), ("camille", "MARTIN"), True),             # case
    (("Camille", "Martin"), ("Camille ", "  Martin"), True),          # spaces
    (("Zoë", "Martin"), ("Zoe\u0308", "Martin"), True),               # the same letter, composed or not (NFKC)
    (("Łukasz", "Nowak"), ("Ukasz", "Nowak"), False),                  # slugs alike, people not
    (("Анна", "Иванова"), ("Ольга", "Петрова"), False),                # both slug to nothing in ASCII
    (("Jean", "Paul Martin"), ("Jean Paul", "Martin"), False),         # the names as typed, not their concatenation
])
def test_two_people_are_the_same_only_when_names_and_birth_date_match(a, b, same):
    born = date(1990, 5, 5)
    assert (identity.identity(*a, born) == identity.identity(*b, born)) is same
    assert identity.identity(*a, born) != identity.identity(*a, date(1990, 5, 6))


@pytest.mark.parametrize("name, slug", [
    ("Łukasz Nowak", "lukasz-nowak"), ("Ștefan Popescu", "stefan-popescu"), ("Nguyễn Văn An", "nguyen-van-an"),
    ("Анна Иванова", "anna-ivanova"), ("Zoë Œuvray", "zoe-oeuvray"), ("../../etc/passwd", "etc-passwd"),
    ("Élodie \U0001FAE0", "elodie"), ("", "person"),
])
def test_folder_names_transliterate_instead_of_dropping_letters(name, slug):
    assert readable_slug(name) == slug


# --- the regression: two members born the same day, in Cyrillic ---------------------------------------------------------

def test_two_cyrillic_members_born_the_same_day_keep_their_own_letters_and_requests(tmp_path, capsys):
    source = write_csv(tmp_path / "members.csv", [ANNA, OLGA])
    out, db = tmp_path / "out", tmp_path / "tracker.json"
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt", "--jobs", "1", "--db", str(db),
                 "--date", "2026-11-23"]) == 0
    printed = capsys.readouterr().out
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == ["anna-ivanova-1990-05-05", "olga-petrova-1990-05-05"]
    anna_letter = (out / folders[0] / "cpam-de-paris.fr.txt").read_text(encoding="utf-8")
    olga_letter = (out / folders[1] / "cpam-des-bouches-du-rhone.fr.txt").read_text(encoding="utf-8")
    assert "Anna (Анна)" in anna_letter and "Ivanova (Иванова)" in anna_letter and "Ольга" not in anna_letter
    assert "Olga (Ольга)" in olga_letter and "Petrova (Петрова)" in olga_letter and "Анна" not in olga_letter
    tracker = Tracker(db)
    names = sorted(p.full_name for p in tracker.people())
    assert names == ["Анна Иванова", "Ольга Петрова"]
    requests = tracker.list_requests()
    by_person = {pid: [r for r in requests if r.person == pid] for pid, _p in tracker.people_with_ids()}
    assert len(by_person) == 2 and all(by_person.values())
    letters_on_disk = sum(len(letters_in(out / f)) for f in folders)
    # Every count printed is what is on disk and in the tracker.
    assert f"2 people, {letters_on_disk} letters" in printed
    assert f"{len(requests)} requests in the tracker" in printed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.tuples(st.text(min_size=1, max_size=8).filter(str.strip),
                                st.text(min_size=1, max_size=8).filter(str.strip)), min_size=2, max_size=5),
       born=st.sampled_from([date(1990, 5, 5), date(1990, 5, 6)]))
def test_distinct_people_get_distinct_tracker_entries_and_folders(tmp_path_factory, names, born):
    out = tmp_path_factory.mktemp("out")
    db = out / "tracker.json"
    people = [person(first, last, born) for first, last in names]
    distinct = {person_identity(p) for p in people}
    tracker = Tracker(db)
    tracker.record_requests([NewRequest(p, "doctolib", "Doctolib") for p in people], today=date(2026, 11, 23))
    assert len(tracker.people()) == len(distinct)
    assert len(tracker.list_requests()) == len(distinct)
    folders = {person_identity(p): claim_folder(out, readable_slug(p.full_name), person_identity(p)) for p in people}
    assert len(set(folders.values())) == len(distinct)
    for p in people:  # a rerun finds each person's own folder again
        assert claim_folder(out, readable_slug(p.full_name), person_identity(p)) == folders[person_identity(p)]


def test_a_folder_of_an_older_sar_is_claimed_only_by_the_person_its_manifest_names(tmp_path):
    (tmp_path / "camille-martin").mkdir()
    (tmp_path / "camille-martin" / "doctolib.fr.txt").write_text("old letter")
    (tmp_path / "manifest.csv").write_text("person,actor,kind,lang,files\n"
                                           "Camille Martin,doctolib,access,fr,camille-martin/doctolib.fr.txt\n")
    other = person("Camille", "Martín")  # slugs alike, another person
    assert claim_folder(tmp_path, "camille-martin", person_identity(other), full_name=other.full_name).name == \
        "camille-martin-2"
    camille = person()
    assert claim_folder(tmp_path, "camille-martin", person_identity(camille), full_name=camille.full_name).name == \
        "camille-martin"
    assert (tmp_path / "camille-martin" / "doctolib.fr.txt").read_text() == "old letter"


# --- duplicates and conflicts in one CSV --------------------------------------------------------------------------------

def test_two_rows_for_one_person_give_one_person_and_a_reported_duplicate(tmp_path, capsys):
    again = ["camille", "MARTIN", "1985-04-12", "12 rue des Lilas", "69003", "Lyon", "fr", "oui", "none", "none"]
    other = ["Léo", "Dubois", "1990-01-02", "1 rue X", "69003", "Lyon", "fr", "non", "none", "none"]
    conflict = ["Camille", "Martin", "1985-04-12", "12 rue des Lilas", "69003", "Lyon", "fr", "oui", "biogroup", "none"]
    first = ["Camille", "Martin", "1985-04-12", "12 rue des Lilas", "69003", "Lyon", "fr", "oui", "none", "none"]
    source = write_csv(tmp_path / "members.csv", [first, other, again, conflict])
    out, db = tmp_path / "out", tmp_path / "tracker.json"
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt", "--jobs", "2", "--db", str(db),
                 "--date", "2026-11-23"]) == 1
    printed = capsys.readouterr().out
    errors = list(csv.DictReader((out / "errors.csv").open(encoding="utf-8")))
    assert [e["line"] for e in errors] == ["4", "5"]
    assert "same person as line 2" in errors[0]["reason"] and "counted once" in errors[0]["reason"]
    assert "same person as line 2" in errors[1]["reason"] and "different answers" in errors[1]["reason"]
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == ["camille-martin-1985-04-12", "leo-dubois-1990-01-02"]
    assert "biogroup.fr.txt" not in letters_in(out / folders[0])  # the conflicting row wrote nothing
    requests = Tracker(db).list_requests()
    on_disk = sum(len(letters_in(out / f)) for f in folders)
    assert len(Tracker(db).people()) == 2 and len(requests) == on_disk
    assert f"2 people, {on_disk} letters" in printed and f"{len(requests)} requests in the tracker" in printed


# --- characters with no place in a letter -------------------------------------------------------------------------------

@pytest.mark.parametrize("bad, what", [("\x00", "U+0000"), ("Ca\x1bmille", "U+001B"), ("Cam\u202eille", "U+202E"),
                                       ("\u2066Camille", "U+2066")])
def test_control_and_bidi_characters_are_refused_naming_line_column_and_position(tmp_path, capsys, bad, what):
    row = ["Camille", "Martin", "1985-04-12", "12 rue des Lilas", "69003", "Lyon", "fr", "oui", "none", "none"]
    row[0] = bad
    source = write_csv(tmp_path / "members.csv", [ANNA, row])
    out = tmp_path / "out"
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "line 3, column first_name: character" in err and what in err
    assert [p.name for p in out.iterdir() if p.is_dir()] == ["anna-ivanova-1990-05-05"]  # the good row went through


def test_control_characters_are_refused_in_answers_files_too():
    with pytest.raises(AnswersError) as refused:
        journey_from_row({"first_name": "Camille", "last_name": "Mar\x00tin", "birth_date": "1985-04-12",
                          "address": "1 rue X", "postcode": "69003", "city": "Lyon"})
    assert "last_name" in str(refused.value) and "character 4 (U+0000" in str(refused.value)


def test_tabs_and_line_breaks_are_white_space_not_refused():
    journey = journey_from_row({"first_name": "Camille\t", "last_name": "Martin", "birth_date": "1985-04-12",
                                "address": "1 rue X\n(bât. B)", "postcode": "69003", "city": "Lyon"})
    assert journey.person.first_name == "Camille" and journey.person.address.split() == ["1", "rue", "X", "(bât.", "B)"]


# --- what a killed run leaves behind ------------------------------------------------------------------------------------

def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftover_temporary_files_of_a_dead_process_are_removed_and_counted(tmp_path, capsys):
    source = write_csv(tmp_path / "members.csv", [ANNA])
    out = tmp_path / "out"
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt", "--jobs", "1"]) == 0
    folder = out / "anna-ivanova-1990-05-05"
    dead = _dead_pid()
    stray = folder / f".your-cpam.fr.txt.{dead}.tmp"
    stray.write_text("half a letter")
    alive = folder / f".your-cpam.fr.txt.{os.getpid()}.tmp"  # a live process's temp file is not ours to remove
    alive.write_text("being written")
    claim = out / f"{identity.CLAIM_PREFIX}{dead}-1"
    claim.mkdir()
    (claim / MARKER_NAME).write_text("x")
    capsys.readouterr()
    assert main(["bulk", str(source), "--out", str(out), "--format", "txt", "--jobs", "1"]) == 0
    assert "removed 2 temporary files left by an interrupted run" in capsys.readouterr().out
    assert not stray.exists() and not claim.exists() and alive.exists()
    assert remove_leftovers(out) == 0


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_workers_of_a_killed_bulk_run_exit_by_themselves(tmp_path):
    rows = [[f"Person{i}", "Test", "1980-01-01", "1 rue X", "69003", "Lyon", "fr", "oui", "cerballiance", "mgen"]
            for i in range(400)]
    source = write_csv(tmp_path / "members.csv", rows)
    parent = subprocess.Popen([sys.executable, "-m", "sar", "bulk", str(source), "--out", str(tmp_path / "out"),
                               "--format", "txt", "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    for _ in range(300):  # until the pool has started its two workers (at most 30 s)
        workers = _children(parent.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.1)
    assert len(workers) >= 2, "the bulk run never started its workers"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    for _ in range(150):  # the workers notice within about a second; allow 15 s on a loaded machine
        if not any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


# --- trackers written by the previous schema ----------------------------------------------------------------------------

def _schema_1_tracker_with_a_collision(path: Path) -> None:
    """What sar wrote before: Anna's record overwritten by Olga's (same slug "1990-05-05"), Anna's requests kept."""
    people = {"1": {"id": "1990-05-05", "first_name": "Ольга", "last_name": "Петрова", "birth_date": "1990-05-05",
                    "address": "2 La Canebière", "postcode": "13001", "city": "Marseille", "email": "",
                    "region": "metropole"},
              "2": {"id": "camille-martin-1985-04-12", "first_name": "Camille", "last_name": "Martin",
                    "birth_date": "1985-04-12", "address": "12 rue des Lilas", "postcode": "69003", "city": "Lyon",
                    "email": "", "region": "metropole"}}

    def request(person_id, name, actor):
        return {"person": person_id, "person_name": name, "actor": actor, "actor_name": actor, "contact": {},
                "kind": "access", "lang": "fr", "channel": "post", "region": "metropole", "status": "draft",
                "created": "2026-11-23", "sent": None, "received": None, "received_is_estimate": False,
                "extended_on": None, "answered": None, "gdpr_due": None, "extended_due": None, "csp_due": None,
                "csp_due_if_older_than_5_years": None, "events": [{"date": "2026-11-23", "what": "recorded"}]}

    requests = {"1": request("1990-05-05", "Анна Иванова", "your-cpam"),
                "2": request("1990-05-05", "Анна Иванова", "doctolib"),
                "3": request("1990-05-05", "Ольга Петрова", "your-cpam"),
                "4": request("camille-martin-1985-04-12", "Camille Martin", "your-cpam")}
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 1}}, "people": people, "requests": requests}),
                    encoding="utf-8")


def test_an_old_tracker_is_migrated_once_with_its_backup_and_requests_given_back(tmp_path, monkeypatch):
    db = tmp_path / "tracker.json"
    _schema_1_tracker_with_a_collision(db)
    original = db.read_bytes()
    said: list[str] = []
    monkeypatch.setattr(notices, "_handler", said.append)
    tracker = Tracker(db)
    requests = tracker.list_requests()
    assert len(said) == 1 and "2 requests filed under another person's name" in said[0]
    assert old_version_path(db, 1).read_bytes() == original
    assert json.loads(db.read_text(encoding="utf-8"))["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    ids = dict(tracker.people_with_ids())
    owner = {r.id: ids[r.person].full_name for r in requests}
    assert owner == {1: "Анна Иванова", 2: "Анна Иванова", 3: "Ольга Петрова", 4: "Camille Martin"}
    assert "1990-05-05" in ids and "camille-martin-1985-04-12" in ids  # ids people typed keep working
    tracker.list_requests()
    assert len(said) == 1  # said once
    # Anna's next letter completes her recovered record instead of creating a third person.
    anna = Person("Анна", "Иванова", date(1990, 5, 5), "1 rue de Rivoli", "75001", "Paris")
    again = tracker.record_request(NewRequest(anna, "doctolib", "Doctolib"), today=date(2026, 12, 1))
    assert again.id == 2 and len(tracker.people()) == 3
    assert next(p for p in tracker.people() if p.first_name == "Анна").city == "Paris"


def test_the_cli_says_once_that_it_migrated_the_tracker(tmp_path, capsys):
    db = tmp_path / "tracker.json"
    _schema_1_tracker_with_a_collision(db)
    assert main(["track", "list", "--db", str(db)]) == 0
    assert "written by an older sar" in capsys.readouterr().err
    assert main(["track", "list", "--db", str(db)]) == 0
    assert "older sar" not in capsys.readouterr().err
