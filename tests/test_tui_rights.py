"""The other rights in the TUI (issue 13.3): from the findings, press R, choose an organisation and a right, read whether
it can work there, then write and track the letter, in 80×24."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Button, Checkbox, DataTable, Input, RadioButton, Select, Static

from sar import directory, journey
from sar.bilingual import Bilingual
from sar.inference import Finding
from sar.tui.app import SarApp
from sar.tui.screens.findings import FindingsScreen
from sar.tui.screens.letters import LettersScreen
from sar.tui.screens.rights import RightsScreen
from sar.tui.screens.tracker import TrackerScreen

SIZE = (80, 24)
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.toml"
CAMILLE = journey.load_answers(EXAMPLE)


def finding(actor_id: str) -> Finding:
    actor = directory.get(actor_id)
    return Finding(actor=actor, likelihood="certain", reasons=(Bilingual("Vous l'avez dit.", "You said so."),),
                   laws=("gdpr-art15",), letter=actor.letter)


async def open_rights(app, pilot, findings) -> RightsScreen:
    app.journey = CAMILLE
    await pilot.pause()
    await app.push_screen(FindingsScreen(CAMILLE, findings))
    await pilot.pause()
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(app.screen, RightsScreen)
    return app.screen


def advice(screen) -> str:
    return str(screen.query_one("#rights-advice", Static).render())


async def choose(pilot, screen, right: str, actor_index: int | None = None) -> None:
    if actor_index is not None:
        screen.query_one("#rights-actor", Select).value = actor_index
    screen.query_one(f"#right-{right}", RadioButton).value = True
    await pilot.pause()


async def test_portability_to_the_cpam_offers_no_letter(tmp_path):
    app = SarApp(lang="en", db_path=tmp_path / "tracker.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_rights(app, pilot, [finding("your-cpam"), finding("doctolib")])
        await choose(pilot, screen, "portability", 0)
        assert "No letter" in advice(screen) and "20(3)" in advice(screen)
        assert screen.query_one("#rights-go", Button).disabled
        await choose(pilot, screen, "portability", 1)  # a platform account: it applies
        assert not screen.query_one("#rights-go", Button).disabled
        assert "No letter" not in advice(screen)


async def test_erasure_of_a_medical_record_warns_and_needs_write_it_anyway(tmp_path):
    app = SarApp(lang="en", db_path=tmp_path / "tracker.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_rights(app, pilot, [finding("your-doctor")])
        await choose(pilot, screen, "erasure")
        assert "R.1112-7" in advice(screen) and "rectification or restriction can work instead" in advice(screen)
        assert screen.query_one("#rights-insist", Checkbox).display
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, RightsScreen)  # not without "write it anyway"
        screen.query_one("#rights-insist", Checkbox).value = True
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, LettersScreen) and app.screen.right == "erasure"


async def test_rectification_needs_the_persons_words_then_writes_and_tracks_that_letter(tmp_path):
    db = tmp_path / "tracker.json"
    app = SarApp(lang="en", db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_rights(app, pilot, [finding("doctolib")])
        await choose(pilot, screen, "rectification")
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, RightsScreen)  # refused at the question: no words yet
        screen.query_one("#rights-details", Input).value = "my phone number is 06 12 34 56 78"
        await pilot.press("f5")
        await pilot.pause()
        letters = app.screen
        assert isinstance(letters, LettersScreen)
        preview = " ".join(str(letters.query_one("#preview", Static).render()).split())
        assert "(article 16 du RGPD)" in preview and "my phone number is 06 12 34 56 78" in preview
        letters.query_one("#folder", Input).value = str(tmp_path / "out")
        letters.action_write()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (tmp_path / "out" / "camille-martin" / "doctolib.fr.rectification.pdf").is_file()
        letters.query_one("#sent-on", Input).value = "2026-11-02"
        letters.action_mark_sent()
        await app.workers.wait_for_complete()
        await pilot.pause()
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = tracker.query_one(DataTable)
        assert "Doctolib SAS (rectification request)" in [str(cell) for cell in table.get_row_at(0)]
    [request] = json.loads(db.read_text(encoding="utf-8"))["requests"].values()
    assert (request["actor"], request["kind"], request["status"], request["sent"]) == (
        "doctolib", "rectification", "sent", "2026-11-02")
    assert request["gdpr_due"]  # the one-month clock of art. 12(3) runs from the estimated receipt


async def test_down_then_enter_chooses_the_next_right(tmp_path):
    """Issue 24: on the rights screen ↓ then Enter did nothing (↓ opened the organisation's menu, Enter closed it)."""
    from tests.screen_text import screen_text

    app = SarApp(lang="fr", db_path=tmp_path / "tracker.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_rights(app, pilot, [finding("your-doctor"), finding("doctolib")])
        assert screen.right == "rectification"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.right == "erasure"
        assert not screen.query_one("#rights-actor", Select).expanded
        assert "R.1112-7" in advice(screen)  # the erasure's advice, for her doctor's record
        text = screen_text(app)
        assert "(•) Le droit à l'effacement" in text and "( ) Le droit de rectification" in text


async def test_an_objection_asks_for_the_grounds_and_direct_marketing_does_not(tmp_path):
    """Issue 23.6: the rights screen asks for the grounds relating to the person's situation (art. 21(1)) and goes on
    without them only for direct marketing (art. 21(2))."""
    app = SarApp(lang="en", db_path=tmp_path / "tracker.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_rights(app, pilot, [finding("doctolib")])
        await choose(pilot, screen, "objection")
        assert "particular situation" in advice(screen)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, RightsScreen)  # no grounds yet: no letter
        await choose(pilot, screen, "objection-marketing")
        assert "no reason" in advice(screen)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, LettersScreen) and app.screen.right == "objection-marketing"
