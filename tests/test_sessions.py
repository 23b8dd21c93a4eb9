"""One visitor's chat on a shared computer (`sar tui --session`, run by `sar serve` for every page): answers kept apart
from every other chat's, never offered to the next visitor, erased when the chat ends."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time

from sar.cli import main
from sar.cli.serve import served_command
from sar.locations import data_dir
from sar.tui.app import SarApp
from sar.tui.draft import DRAFT_NAME, SESSIONS, Draft
from sar.tui.widgets.bubble import Bubble


def test_each_session_has_its_own_private_folder_erased_at_the_end():
    first, second = Draft.for_session(), Draft.for_session()
    assert first.path.parent != second.path.parent and first.path.name == DRAFT_NAME
    assert stat.S_IMODE(first.path.parent.stat().st_mode) == 0o700
    first.save({"lang": "fr", "first_name": "Anna"})
    assert first.exists() and not second.exists()
    first.close()
    assert not first.path.parent.exists() and second.path.parent.exists()


def test_a_killed_chat_leaves_nothing_for_the_next_visitor():
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    folder = data_dir() / SESSIONS / f"{dead.stdout.strip()}-abandoned"
    folder.mkdir(parents=True)
    (folder / DRAFT_NAME).write_text('first_name = "Anna"\n', encoding="utf-8")
    alive = data_dir() / SESSIONS / f"{os.getppid()}-another-page"  # a chat still running: left alone
    alive.mkdir()
    forgotten = data_dir() / SESSIONS / f"{os.getppid()}-a-day-old"  # a pid reused since: its age tells
    forgotten.mkdir()
    os.utime(forgotten, (time.time() - 2 * 24 * 3600,) * 2)
    Draft.for_session().close()
    assert not folder.exists() and alive.exists() and not forgotten.exists()


async def test_a_session_never_offers_someone_elses_answers():
    Draft().save({"lang": "fr", "first_name": "Anna", "last_name": "Petrova"})  # the computer's own draft
    app = SarApp(lang="en", draft=Draft.for_session())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = "\n".join(str(bubble.render()) for bubble in app.screen.query(Bubble))
    assert "Continue where I left off" not in said and "Anna" not in said
    assert "erased when this chat ends" in said
    app.draft.close()


def test_sar_serve_runs_every_page_as_a_session(tmp_path):
    assert " tui --session " in served_command("fr", tmp_path / "tracker.json")


def test_session_does_not_go_with_answers(tmp_path, capsys):
    assert main(["tui", "--session", "--answers", str(tmp_path / "mine.toml")]) == 2
    assert "--session" in capsys.readouterr().err
