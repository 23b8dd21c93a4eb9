"""The chat reads dates and places as people give them: a day-first date echoed as understood, the holiday region from
the postcode without the seven-way question, the town suggested from the postcode."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from sar.tui.app import SarApp
from sar.tui.widgets.bubble import Bubble
from tests.test_tui_chat import SIZE, chat, draft_until, visible_text


async def start_at(pilot, question_id: str) -> None:
    """Resume the draft saved just before `question_id` (the first quick reply is "continue")."""
    await pilot.press("1")
    await pilot.pause()
    assert chat(pilot.app).conversation.current.id == question_id


async def test_a_day_first_birth_date_is_echoed_as_understood():
    draft_until("birth_date")
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await start_at(pilot, "birth_date")
        await pilot.press(*"12/04/1985", "enter")
        await pilot.pause()
        assert chat(app).conversation.answers["birth_date"] == date(1985, 4, 12)
        assert "12 avril 1985" in visible_text(app)
        assert chat(app).conversation.current.id == "address"


async def test_an_impossible_birth_date_says_why_in_the_chat():
    draft_until("birth_date")
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await start_at(pilot, "birth_date")
        await pilot.press(*"30/02/1985", "enter")
        await pilot.pause()
        error = str(app.screen.query_one("#error", Static).render())
        assert "février 1985 n'a que 28 jours" in error
        assert app.screen.query_one("#answer", Input).value == "30/02/1985"


async def test_a_57000_postcode_states_alsace_moselle_without_the_seven_way_question():
    draft_until("postcode")
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await start_at(pilot, "postcode")
        await pilot.press(*"57000", "enter")
        await pilot.pause()
        # Metz is the only town of 57000: stated, not asked (issue 24.3).
        assert chat(app).conversation.answers["city"] == "Metz"
        assert "Your town: Metz (the only one with the postcode 57000)." in visible_text(app)
        assert chat(app).conversation.current.id == "email"
        for _skip in ("email", "nir"):
            await pilot.press("enter")
            await pilot.pause()
        # The postcode decides the holidays: stated too, and no key asked for.
        assert chat(app).conversation.answers["region"] == "alsace-moselle"
        assert "Public holidays: Alsace-Moselle (from 57000)" in visible_text(app)
        assert "Where do you live?" not in visible_text(app)
        assert chat(app).conversation.current.id == "doctor"


async def test_the_stated_region_can_be_changed():
    draft_until("region")
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await start_at(pilot, "doctor")  # the region was stated on the way
        assert "Jours fériés : France métropolitaine (d'après 69003)" in visible_text(app)
        region = next(b for b in app.screen.query(Bubble) if b.question_id == "region")
        region.post_message(Bubble.ChangeAnswer("region"))  # a click on the answer
        await pilot.pause()
        assert "Où habitez-vous ?" in visible_text(app)
        labels = [str(b.label) for b in app.screen.query("QuickReplies Button")]
        assert len(labels) == 7 and "2 Alsace-Moselle" in labels
        await pilot.press("2")
        await pilot.pause()
        assert chat(app).conversation.answers["region"] == "alsace-moselle"
        assert "Alsace-Moselle" in visible_text(app)


async def test_towns_of_the_postcode_are_quick_replies_and_another_can_be_typed():
    draft_until("postcode")
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await start_at(pilot, "postcode")
        await pilot.press(*"20200", "enter")
        await pilot.pause()
        labels = [str(b.label) for b in app.screen.query("QuickReplies Button")]
        assert labels == ["1 Bastia", "2 San-Martino-di-Lota", "3 Santa-Maria-di-Lota", "4 Ville-di-Pietrabugno"]
        await pilot.press(*"Erbalunga", "enter")  # a hamlet: typed over the quick replies
        await pilot.pause()
        assert chat(app).conversation.answers["city"] == "Erbalunga"


async def test_a_postcode_with_many_towns_asks_to_type_and_keeps_the_proper_spelling():
    draft_until("postcode")
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await start_at(pilot, "postcode")
        await pilot.press(*"51300", "enter")
        await pilot.pause()
        assert chat(app).conversation.current.id == "city"
        assert not app.screen.query("QuickReplies Button")  # 46 towns: no wall of buttons
        await pilot.press(*"vitry le francois", "enter")
        await pilot.pause()
        assert chat(app).conversation.answers["city"] == "Vitry-le-François"
