"""Every key in the footer is readable at 80 columns, in English and in French, on every screen."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from sar.tui.app import SarApp
from sar.tui.screens.findings import FindingsScreen
from sar.tui.screens.letters import LettersScreen
from sar.finished_journeys import FinishedJourneys
from sar.tui.draft import Draft
from sar.tui.screens.home import HomeScreen
from sar.tui.screens.tracker import TrackerScreen
from tests.test_tui_findings import CAMILLE, mutuelle
from tests.test_tui_tracker import db, farmer  # noqa: F401 (fixtures)

WIDTH = 80


def screens(tmp_path):
    return {
        "findings": lambda: FindingsScreen(CAMILLE, [mutuelle()]),
        "letters": lambda: LettersScreen(CAMILLE, [mutuelle()], tmp_path / "tracker.json", folder=tmp_path / "letters"),
        "tracker": lambda: TrackerScreen(tmp_path / "tracker.json"),
        "home": lambda: HomeScreen(tmp_path / "tracker.json", FinishedJourneys(tmp_path), Draft()),
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", ["chat", "findings", "letters", "tracker", "home"])
async def test_footer_keys_fit_in_80_columns(tmp_path, lang, name):
    app = SarApp(lang=lang)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await pilot.pause()
        if name == "chat":
            await pilot.press("1")  # answer the first question: "back" joins the footer
            await pilot.pause()
        else:
            await app.push_screen(screens(tmp_path)[name]())
            await pilot.pause()
        # Screens load in workers and the footer is recomposed after them: on a busy machine one pause is not enough.
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        palette = [key for key in keys if key.has_class("-command-palette")]
        own = [key for key in keys if key not in palette]
        assert own and palette
        limit = min(key.region.x for key in palette)
        clipped = [f"{key.key} {key.description}" for key in own if key.region.right > limit or key.region.width == 0]
        assert not clipped, f"clipped on the {name} screen ({lang}): {clipped}"
        actions = {key.action for key in own}
        assert "app.quit" in actions or "quit" in actions
        if name == "chat":
            assert {"back", "help", "switch_language", "show_tracker"} <= {a.removeprefix("app.") for a in actions}


@pytest.mark.parametrize("name, expected", [
    ("findings", "Add an organisation (a)"),
    ("letters", "Mark as sent (F6)"),
    ("tracker", "Calendar (c)"),
])
async def test_keys_left_out_of_the_footer_are_in_the_command_palette(tmp_path, name, expected):
    app = SarApp(lang="en")
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(screens(tmp_path)[name]())
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert expected in titles and "Language: Français" in titles and "Requests" in titles


async def test_textuals_own_keys_speak_french_too(db):  # noqa: F811 (db: Camille's and Louis's requests)
    """Issue 24: with the person menu open, the French footer read "esc Dismiss menu"."""
    from textual.widgets import Select

    app = SarApp(lang="fr")
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(TrackerScreen(db))
        await pilot.pause()
        people = app.screen.query_one("#people", Select)
        people.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert people.expanded
        await pilot.pause()
        shown = " ".join(str(key.description) for key in app.screen.query(FooterKey))
        assert "Fermer le menu" in shown and "Dismiss" not in shown


def footer_keys(app) -> tuple[list, int]:
    """The screen's own footer keys, and the column where the command palette's key starts."""
    keys = list(app.screen.query(FooterKey))
    palette = [key for key in keys if key.has_class("-command-palette")]
    return [key for key in keys if key not in palette], min(key.region.x for key in palette)


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_the_tracker_shows_its_stats_key_where_there_is_room_and_never_pushes_quit_off(farmer, lang):  # noqa: F811
    """The stats (t) were left out of the tracker's footer, the French footer being full; and a request overdue with
    its letter's file (received, extended, answered, reminder, reminder sent, open) pushed Quit off the edge."""
    from textual.widgets import DataTable

    from tests.test_tui_tracker import TODAY

    app = SarApp(lang=lang)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        screen = TrackerScreen(farmer, today=TODAY)
        await app.push_screen(screen)
        await pilot.pause()
        with_stats = {}
        for row, request in enumerate(screen.requests.values()):
            screen.query_one("#requests", DataTable).move_cursor(row=row)
            await pilot.pause()
            await pilot.pause()
            own, limit = footer_keys(app)
            shown = [f"{key.key} {key.description}" for key in own]
            clipped = [text for key, text in zip(own, shown) if key.region.right > limit or key.region.width == 0]
            assert not clipped, f"{request.actor_name} ({request.status}): {shown}"
            assert "quit" in {key.action.removeprefix("app.") for key in own}, shown
            with_stats[request.actor_name] = any(key.action == "stats" for key in own)
        # A draft, and a letter sent and not due yet (the usual states), show it; a request overdue with its file,
        # whose keys fill the line, leaves it to the command palette.
        assert with_stats == {"MSA Dordogne Lot-et-Garonne": True, "Centre hospitalier de Périgueux": True,
                              "Dr Claire Roux": False, "Pharmacie du Marché": True}
        await pilot.press("t")
        await pilot.pause()
        from sar.tui.screens.stats import StatsScreen

        assert isinstance(app.screen, StatsScreen)
