"""sar never writes a person's letters into its own folders: the templates (`letters/`), the translations (`locales/`) or
the `sar` package. The next `pip install .` would install them, readable by all, and `git add .` would commit them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import sar
from sar.cli import main
from sar.errors import InputError
from sar.inference import infer
from sar.journey import load_answers
from sar.output.files import write_letters
from sar.private_files import refuse_sar_folder
from sar.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "answers.toml")
PACKAGE = Path(sar.__file__).resolve().parent


def snapshot(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


def sar_folders() -> list[Path]:
    return [resource_dir("letters"), resource_dir("locales"), PACKAGE, ROOT / "letters", ROOT / "locales"]


@pytest.mark.parametrize("out", [
    ROOT / "letters",
    ROOT / "letters" / "fr",
    ROOT / "letters" / "new-folder" / "deeper",
    ROOT / "locales",
    PACKAGE,
    PACKAGE / "data",
    resource_dir("letters"),
    ROOT / "examples" / ".." / "letters",
], ids=lambda p: str(p.relative_to(ROOT)) if ROOT in p.parents or p == ROOT else str(p))
def test_sar_letters_refuses_sar_own_folders_and_writes_nothing(out, capsys):
    before = {folder: snapshot(folder) for folder in sar_folders()}
    code = main(["letters", "--answers", EXAMPLE, "--out", str(out), "--format", "txt", "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.startswith("sar: ") and captured.err.count("\n") == 1
    assert "inside sar's own folder" in captured.err and "~/sar-letters" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert {folder: snapshot(folder) for folder in sar_folders()} == before
    assert not (ROOT / "letters" / "new-folder").exists()


def test_a_symlink_into_the_templates_is_refused(tmp_path, capsys):
    link = tmp_path / "innocent-looking"
    link.symlink_to(ROOT / "letters")
    code = main(["letters", "--answers", EXAMPLE, "--out", str(link / "mine"), "--format", "txt"])
    assert code == 2
    assert "inside sar's own folder" in capsys.readouterr().err
    assert not (ROOT / "letters" / "mine").exists()


def test_sar_bulk_refuses_the_templates_folder(tmp_path, capsys):
    rows = tmp_path / "members.csv"
    rows.write_text("first_name,last_name,birth_date,address,postcode,city\nCamille,Martin,1985-04-12,1 rue A,69003,Lyon\n",
                    encoding="utf-8")
    before = snapshot(ROOT / "letters")
    code = main(["bulk", str(rows), "--out", str(ROOT / "letters"), "--format", "txt", "--jobs", "1"])
    assert code == 2
    assert "inside sar's own folder" in capsys.readouterr().err
    assert snapshot(ROOT / "letters") == before


def test_sar_followup_refuses_the_translations_folder(capsys):
    before = snapshot(ROOT / "locales")
    code = main(["followup", "1", "--kind", "reminder", "--out", str(ROOT / "locales")])
    assert code == 2
    assert "inside sar's own folder" in capsys.readouterr().err
    assert snapshot(ROOT / "locales") == before


def test_write_letters_itself_refuses_so_the_tui_is_covered_too():
    """The TUI's letters screen calls write_letters directly, without the CLI's early check."""
    journey = load_answers(EXAMPLE)
    findings = infer(journey)[:1]
    before = snapshot(ROOT / "letters")
    with pytest.raises(InputError, match="inside sar's own folder"):
        write_letters(journey, findings, ROOT / "letters" / "from-the-tui", ("txt",), "en", date(2026, 11, 23))
    assert snapshot(ROOT / "letters") == before


def test_folders_beside_sar_folders_are_fine(tmp_path):
    refuse_sar_folder(tmp_path / "letters")  # a folder merely named "letters" elsewhere
    refuse_sar_folder(Path.home() / "sar-letters")
    refuse_sar_folder(ROOT / "letters-out")  # beside letters/, not in it (the .gitignore keeps it out of git)


def test_the_readme_examples_write_outside_the_checkout():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    outs = re.findall(r"--out\s+([^\s`]+)", readme)
    assert outs and all(out.startswith("~/") for out in outs), outs


def test_gitignore_covers_the_examples_output_and_letters_written_in_the_checkout():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    for pattern in ("sar-letters/", "*.fr.pdf", "*.en.eml", "manifest.csv", "errors.csv"):
        assert pattern in ignored
