"""The examples the README points at work as it says: `examples/members.csv` for `sar bulk`, one folder of letters per
member, and the README documents how to run sar and where it keeps its files."""

from __future__ import annotations

import csv
from pathlib import Path

from sar.cli import main

ROOT = Path(__file__).resolve().parent.parent
MEMBERS = ROOT / "examples" / "members.csv"


def test_the_sample_csv_gives_letters_for_every_member(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "letters"
    code = main(["bulk", "examples/members.csv", "--out", str(out), "--format", "txt", "--jobs", "1"])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    with MEMBERS.open(encoding="utf-8", newline="") as f:
        members = list(csv.DictReader(f))
    assert len(members) >= 3
    folders = {path.name: path for path in out.iterdir() if path.is_dir()}
    for member in members:
        name = f"{member['first_name']} {member['last_name']}"
        # bulk names each member's folder from their name and birth date: camille-martin-1985-04-12
        # a name in another script comes with its Latin spelling (first_name_latin, last_name_latin), as letters give it
        last_name = member.get("last_name_latin") or member["last_name"]
        folder = next((path for slug, path in folders.items() if slug.endswith(member["birth_date"])
                       and last_name.lower() in slug), None)
        assert folder is not None, f"no letters for {name}: {sorted(folders)}"
        letters = list(folder.glob(f"*.{member['lang']}.txt"))
        assert len(letters) >= 3, (name, letters)
    assert f"{len(members)} people, " in printed.out
    with (out / "manifest.csv").open(encoding="utf-8", newline="") as f:
        assert {row["person"] for row in csv.DictReader(f)} == {
            f"{m['first_name']} {m['last_name']}" for m in members}


def test_the_sample_csv_holds_varied_journeys():
    with MEMBERS.open(encoding="utf-8", newline="") as f:
        members = list(csv.DictReader(f))
    assert {m["lang"] for m in members} == {"fr", "en"}
    assert len({m["region"] for m in members}) >= 3
    assert len({m["hospital"] for m in members}) >= 2 and any(";" in m["devices"] for m in members)
    assert any(m["first_name_latin"] and m["last_name_latin"] for m in members)  # a name in another script


def test_the_readme_says_how_to_run_sar_and_where_its_files_are():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needed in (".venv/bin/sar", "pipx install", "SAR_DATA_DIR", "examples/members.csv"):
        assert needed in readme
