"""The letters screen in 80×24: written, sent, and what the person is told (issue 24)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Button, Input, Static

from sar.requests import Tracker
from sar.tui.app import SarApp
from sar.tui.screens.letters import LettersScreen
from sar.tui.screens.tracker import TrackerScreen
from tests.test_tui_findings import CAMILLE, finding, mutuelle

SIZE = (80, 24)
TODAY = date(2026, 11, 23)


async def written_letters(app, pilot, tmp_path, findings) -> LettersScreen:
    await pilot.pause()
    screen = LettersScreen(CAMILLE, findings, tmp_path / "tracker.json", folder=tmp_path / "letters", today=TODAY)
    await app.push_screen(screen)
    await pilot.pause()
    screen.query_one("#format-pdf").value = False  # text and e-mail are enough here (and faster)
    await pilot.press("f5")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_the_sending_line_fits_in_80_columns_in_french(tmp_path):
    """Issue 24: the button read « Marquer comme e… » at 80 columns."""
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await written_letters(app, pilot, tmp_path, [finding("doctolib")])
        button = screen.query_one("#mark-sent", Button)
        label = str(button.label)
        assert label == "Marquer comme envoyées"
        assert button.region.right <= SIZE[0] and button.content_region.width >= len(label)
        for widget in screen.query_one("#sent-line").query("*"):
            assert widget.region.right <= SIZE[0], widget


async def test_the_sending_day_is_prefilled_as_people_write_it_and_a_bad_one_is_told_on_its_line(tmp_path):
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await written_letters(app, pilot, tmp_path, [finding("doctolib")])
        day = screen.query_one("#sent-on", Input)
        assert day.value == "23/11/2026"
        day.value = "31/11/2026"
        await pilot.press("f6")
        await pilot.pause()
        assert "novembre 2026 n'a que 30 jours" in str(screen.query_one("#sent-error", Static).render())
        assert not app._notifications
        assert app.screen is screen


async def test_letters_left_as_drafts_are_one_short_toast_and_the_tracker_says_why(tmp_path):
    """Issue 24: a toast of eleven bullets covered the detail pane for 20 s."""
    app = SarApp(lang="en", db_path=tmp_path / "tracker.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await written_letters(app, pilot, tmp_path, [finding("doctolib"), mutuelle(),
                                                               finding("your-pharmacy")])
        await pilot.press("f6")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TrackerScreen)
        (toast,) = [str(n.message) for n in app._notifications]
        assert "\n" not in toast and "•" not in toast and len(toast) < 160
        assert toast.startswith("1 letter marked sent; 2 left as drafts")
        tracker = app.screen
        await app.workers.wait_for_complete()
        await pilot.pause()
        tracker.query_one("#requests").move_cursor(row=1)
        await pilot.pause()
        detail = " ".join(str(tracker.query_one("#request-detail", Static).render()).split())
        assert "Harmonie Mutuelle" in detail and "no postal address" in detail
        assert "Letter:" in detail and "letters" in detail  # where its file is
    requests = Tracker(tmp_path / "tracker.json").list_requests()
    assert all(request.files and Path(request.files[0]).is_file() for request in requests)


async def test_enter_in_the_sending_day_records_the_sending(tmp_path):
    """Marcel's walk (issue 24): he typed the day he posted the letters and pressed Enter, and nothing happened."""
    app = SarApp(lang="fr", db_path=tmp_path / "tracker.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await written_letters(app, pilot, tmp_path, [finding("doctolib")])
        day = screen.query_one("#sent-on", Input)
        day.focus()
        day.value = "15 octobre 2026"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TrackerScreen)
    (request,) = Tracker(tmp_path / "tracker.json").list_requests()
    assert request.sent == date(2026, 10, 15)


async def test_what_to_do_with_letters_without_an_address_is_in_view_at_80x24(tmp_path):
    """Marcel's walk (issue 24): seven names came first, and « complétez le blanc… » was cut off, at 80x24 and 100x30."""
    from tests.screen_text import words_on_screen

    drafts = ["cnop-dossier-pharmaceutique", "abbott-libreview", "tiers-payant-operator", "cerballiance"]
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await written_letters(app, pilot, tmp_path, [finding("doctolib"), mutuelle()] + [finding(d) for d in drafts])
        assert "5 lettres sans adresse postale : complétez le blanc avant de les poster (" in words_on_screen(app)
