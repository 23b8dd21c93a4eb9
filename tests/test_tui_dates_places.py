"""The chat reads dates and places as people give them: a day-first date echoed as understood, the holiday region from
the postcode without the seven-way question, the town suggested from the postcode."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from sar.tui.app import SarApp
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
