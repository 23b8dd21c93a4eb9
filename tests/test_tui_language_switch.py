"""A language switch (ctrl+l, or F2 in a web page) says every screen again in the other language, and loses nothing the
person did on it: the tracker's person and request under the cursor, the letters' formats and folder, the rights' words,
the stats' tab, the chat's words typed and not sent. Every screen of the chat, at 80×24, from English to French."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, Select, TabbedContent

from sar.requests import Tracker
from sar.tui.app import SarApp
from sar.tui.screens.findings import FindingsScreen
from sar.tui.screens.letters import LettersScreen
from sar.tui.screens.rights import RightsScreen
from sar.tui.screens.stats import StatsScreen
from sar.tui.screens.tracker import TrackerScreen
from sar.tui.widgets.ticks import Choice, Tick
from tests.screen_text import fully_in_view, words_on_screen
from tests.test_tui_chat import draft_until
from tests.test_tui_snapshots import TODAY, camille_findings
from tests.test_tui_tracker import CAMILLE, db, farmer, select_row  # noqa: F401 (fixtures)

SIZE = (80, 24)


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def switch(app, pilot, key: str = "ctrl+l") -> str:
    await pilot.press(key)
    await settle(app, pilot)
    assert app.lang == "fr"
    return words_on_screen(app)


def in_french(words: str, *french: str, english: tuple[str, ...] = ()) -> None:
    """The screen's words are French: its own words and the footer's, and none of the English ones it showed."""
    for word in (*french, "Quitter"):
        assert word in words, f"{word!r} not on screen: {words}"
    for word in (*english, "Quit "):
        assert word not in words, f"{word!r} still on screen: {words}"


async def test_the_home(farmer):  # noqa: F811
    app = SarApp(lang="en", db_path=farmer, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        steps = app.screen.query_one("#home-steps", OptionList)
        await pilot.press("down")
        highlighted = steps.highlighted_option.id
        in_french(await switch(app, pilot), "Bon retour", "lettres attendent une adresse", english=("Welcome back",))
        assert app.screen.query_one("#home-steps", OptionList).highlighted_option.id == highlighted


async def test_the_chat_keeps_what_was_typed_and_its_help_button_fits():
    draft_until("mutuelle")  # part 3 of 4, whose French name is the longest
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # continue where I left off
        await pilot.pause()
        await pilot.press("H", "a", "r", "m")  # the start of a mutuelle's name, typed over the quick replies
        await pilot.pause()
        words = await switch(app, pilot)
        in_french(words, "Étape 3 sur 4 : Votre assurance maladie", english=("Part 3 of 4",))
        assert app.screen.query_one("#answer", Input).value == "Harm"
        button = app.screen.query_one("#help-button")
        assert str(button.label) == "? Explications" and fully_in_view(app, button)


async def test_the_findings_keep_what_was_unticked():
    camille, findings = camille_findings()
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(FindingsScreen(camille, findings))
        await settle(app, pilot)
        unticked = findings[1].actor.id
        app.screen.query_one(f"#pick-{unticked}", Tick).value = False
        await pilot.pause()
        in_french(await switch(app, pilot), "Voici qui détient probablement", english=("Here is who",))
        assert app.screen.query_one(f"#pick-{unticked}", Tick).value is False
        assert unticked not in {f.actor.id for f in app.screen.chosen()}


async def test_the_letters_keep_the_formats_and_the_folder(tmp_path):
    camille, findings = camille_findings()
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(LettersScreen(camille, findings, tmp_path / "tracker.json", folder=tmp_path, today=TODAY))
        await settle(app, pilot)
        app.screen.query_one("#format-txt", Tick).value = False
        app.screen.query_one("#folder", Input).value = "/home/camille/lettres"
        app.screen.query_one("#which", Select).value = 2
        await pilot.pause()
        in_french(await switch(app, pilot), "Écrire les lettres", "Brouillon de courriel",
                  english=("Write the letters", "E-mail draft"))
        assert app.screen.query_one("#format-txt", Tick).value is False
        assert app.screen.query_one("#folder", Input).value == "/home/camille/lettres"
        assert app.screen.query_one("#which", Select).value == 2
        # Nothing written yet: the sending line stays hidden (the recompose used to show it).
        assert not app.screen.query_one("#sent-line").display


@pytest.mark.parametrize("key", ["ctrl+l", "f2"])
async def test_the_tracker_keeps_the_person_and_the_request(db, key):  # noqa: F811
    from sar.tui.served import WEB_KEYS

    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.set_keymap(WEB_KEYS)  # as in a web page (sar serve), where F2 switches the language
        camille = Tracker(db).find_person_id(CAMILLE)
        screen = TrackerScreen(db, person=camille, today=TODAY)
        await app.push_screen(screen)
        await settle(app, pilot)
        select_row(screen, "Pharmacie du Parc")
        await pilot.pause()
        words = await switch(app, pilot, key)
        in_french(words, "Organisme", "État", "brouillon", english=("Organisation", "Status", "draft"))
        assert screen.person == camille and screen.query_one("#people", Select).value == camille
        assert screen.selected().actor_name == "Pharmacie du Parc"
        assert len(screen.requests) == 3  # Camille's only, not Louis's too
        assert screen.query_one("#requests", DataTable).row_count == 3


async def test_the_rights_keep_the_right_and_the_words_typed():
    _camille, findings = camille_findings()
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(RightsScreen(findings))
        await settle(app, pilot)
        app.screen.query_one("#right-erasure", Choice).value = True
        app.screen.query_one("#rights-details", Input).value = "my old address"
        await pilot.pause()
        in_french(await switch(app, pilot), "Le droit à l'effacement", "Passer à la lettre",
                  english=("The right to erasure", "Go on to the letter"))
        assert app.screen.right == "erasure" and app.screen.query_one("#right-erasure", Choice).value
        assert app.screen.query_one("#rights-details", Input).value == "my old address"


async def test_the_stats_keep_the_tab(tmp_path):
    from tests.test_stats import stats_tracker

    path = stats_tracker(tmp_path / "association.json").path
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(StatsScreen(path, today=TODAY))
        await settle(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        in_french(await switch(app, pilot), "Retards", "Les demandes de tout le monde",
                  english=("Delays", "Everyone's requests"))
        assert app.screen.query_one(TabbedContent).active == "delays"


def test_every_screen_is_tested_here():
    """A screen added to the chat gets its language switch tested here too."""
    screens = {path.stem for path in (Path(__file__).parent.parent / "sar" / "tui" / "screens").glob("*.tcss")}
    tested = {name.removeprefix("test_the_").split("_")[0] for name in globals() if name.startswith("test_the_")}
    assert screens <= tested, screens - tested
