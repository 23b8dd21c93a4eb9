"""The chat asks only what needs asking (issue 24.3), as the person sees it: answers it can take from what it knows are
stated (and changed with a click), the caisse of the postcode is confirmed with one key, the progress line names fixed
parts instead of a count that grows, and going back skips what the person never answered."""

from __future__ import annotations

from pathlib import Path

from sar import journey
from sar.tui.app import SarApp
from sar.tui.draft import Draft
from sar.tui.widgets.bubble import Bubble
from tests.test_tui_chat import SIZE, chat, draft_until, visible_text

MARCEL = Path(__file__).resolve().parent.parent / "examples" / "marcel-delpech.toml"


def marcel_until(question_id: str) -> None:
    """A draft of Marcel's answers (a farmer in Périgueux, MSA) up to `question_id`, as if he had quit there."""
    draft_until(question_id, MARCEL)


def progress_label(app) -> str:
    return str(app.screen.query_one("#progress-label").render())


async def test_the_town_is_stated_and_back_goes_over_it_to_the_postcode():
    marcel_until("postcode")
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # continue
        await pilot.pause()
        await pilot.press(*"24000", "enter")
        await pilot.pause()
        assert "Votre commune : Périgueux (la seule du code postal 24000)." in visible_text(app)
        assert chat(app).conversation.answers["city"] == "Périgueux"
        assert chat(app).conversation.current.id == "email"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert chat(app).conversation.current.id == "postcode"  # the town was never the person's step
        await pilot.press("enter")  # the postcode offered again, kept
        await pilot.pause()
        assert chat(app).conversation.answers["city"] == "Périgueux"  # stated again
        assert chat(app).conversation.current.id == "email"


async def test_a_stated_answer_is_changed_by_clicking_it():
    app = SarApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # the chat in English
        await pilot.pause()
        assert "Your letters will be written in English, the language of this chat." in visible_text(app)
        assert chat(app).conversation.answers["lang"] == "en"
        stated = next(b for b in app.screen.query(Bubble) if b.question_id == "lang")
        assert str(stated.render()) == "English"
        stated.post_message(Bubble.ChangeAnswer("lang"))
        await pilot.pause()
        assert "In which language should your letters be written?" in visible_text(app)
        await pilot.press("1")  # French
        await pilot.pause()
        assert chat(app).conversation.answers["lang"] == "fr"
        assert chat(app).conversation.current.id == "first_name"
    assert journey.load_partial_answers(Draft().path)["lang"] == "fr"


async def test_the_caisse_of_the_postcode_is_confirmed_with_one_key():
    marcel_until("insurance_fund")
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # continue
        await pilot.pause()
        await pilot.press("2")  # MSA
        await pilot.pause()
        assert ("D'après votre code postal, votre caisse est la MSA Dordogne Lot-et-Garonne. Est-ce bien cela ?"
                in visible_text(app))
        await pilot.press("1")  # yes
        await pilot.pause()
        assert chat(app).conversation.answers["insurance_fund_name"] == "MSA Dordogne Lot-et-Garonne"
        assert chat(app).conversation.current.id == "mutuelle"


async def test_the_progress_line_names_fixed_parts():
    marcel_until("lab_name")
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # continue
        await pilot.pause()
        assert progress_label(app) == "Part 2 of 4: Where you were cared for"
        assert "Which Cerballiance laboratory did you go to? (optional)" in visible_text(app)
        assert "about" not in progress_label(app)


def test_the_progress_is_counted_in_one_place():
    """The chat's progress comes from `sar.interview.progress` alone: the conversation's own count of "questions that
    apply" (the "about 23" that became "43 of about 44", issue 24.3) is gone, not left to drift from it."""
    from sar.tui.conversation import Conversation

    assert not hasattr(Conversation, "progress")
