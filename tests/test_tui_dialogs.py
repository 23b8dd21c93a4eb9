"""The dialogs share one shape (sar.tui.widgets.dialog): Escape cancels, a refusal says why and keeps the dialog open,
the domain checks are the core's, and the tracker is written off the UI thread."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from sar.requests import Tracker
from sar.tui.app import SarApp
from sar.tui.screens.findings import ContactForm, DirectoryPicker, LookupDialog
from sar.tui.screens.tracker import DateDialog, FollowupDialog, PathDialog
from sar.tui.widgets.dialog import Dialog
from tests.test_tui_findings import SIZE, mutuelle, open_findings, press_button
from tests.test_tui_tracker import CAMILLE, TODAY, db, open_tracker, select_row  # noqa: F401 (db is a fixture)


def error_line(dialog) -> str:
    return str(dialog.query_one("#dialog-error", Static).render())


@pytest.mark.parametrize("make", [
    lambda: ContactForm(mutuelle().actor),
    lambda: DirectoryPicker(),
    lambda: LookupDialog(mutuelle().actor),
    lambda: DateDialog("When?", TODAY),
    lambda: PathDialog("Where?", "/tmp/x.ics"),
    lambda: FollowupDialog("Doctolib", "reminder", Path("/tmp")),
], ids=["contact", "directory", "lookup", "date", "path", "followup"])
async def test_every_dialog_has_the_same_shape_and_escape_cancels(make):
    answers = []
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = make()
        assert isinstance(dialog, Dialog)
        await app.push_screen(dialog, answers.append)
        await pilot.pause()
        assert dialog.query_one(".title").render() and dialog.query_one("#cancel").label.plain == "Annuler"
        assert error_line(dialog) == ""
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not dialog
    assert answers == [None]


async def test_the_contact_form_checks_the_postcode_as_the_interview_does():
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(app, pilot, [mutuelle()])
        await press_button(pilot, screen, "fill-your-mutuelle")
        form = app.screen
        form.query_one("#postal", Input).value = "143 rue Blomet, 00000 Paris"  # five digits, but no French postcode
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and "postcode" in error_line(form)
        form.query_one("#postal", Input).value = "143 rue Blomet, 75015 Paris"
        form.query_one("#email", Input).value = "not an address"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and "is not an e-mail address" in error_line(form)


async def test_the_directory_picker_says_when_nothing_matches_and_offers_to_add_it_by_name():
    from sar.tui.screens.findings import NewOrganisationForm

    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(app, pilot, [mutuelle()])
        await pilot.press("a")
        await pilot.pause()
        picker = app.screen
        await pilot.press(*"zzqxw")
        await pilot.pause()
        assert "No organisation of the directory matches 'zzqxw'" in error_line(picker)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewOrganisationForm)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert len(screen.findings) == 1


async def test_a_date_entered_in_a_dialog_is_written_off_the_ui_thread(db, monkeypatch):  # noqa: F811
    threads = []
    real = Tracker.mark_received

    def mark_received(self, *args, **kwargs):
        threads.append(threading.current_thread())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Tracker, "mark_received", mark_received)
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db, person=Tracker(db).find_person_id(CAMILLE))
        select_row(screen, "Cerballiance")
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#day", Input).value = "2026-11-21"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = next(row for row in screen.requests.values() if row.actor_name == "Cerballiance")
        assert row.received == date(2026, 11, 21)
    assert threads and all(thread is not threading.main_thread() for thread in threads)
