"""The second visit (issue 24.1): sar opens on where things stand, person by person, with the next step for each; the
organisations found from the last answers come back without answering again; a new interview only when asked."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, OptionList

from sar import journey
from sar.finished_journeys import FinishedJourneys
from sar.requests import Tracker
from sar.tui.app import SarApp
from sar.tui.draft import Draft
from sar.tui.screens.chat import ChatScreen
from sar.tui.screens.findings import FindingCard, FindingsScreen
from sar.tui.screens.home import HomeScreen
from sar.tui.screens.tracker import TrackerScreen
from tests.screen_text import words_on_screen
from tests.test_tui_chat import draft_until
from tests.test_tui_findings import JEAN
from tests.test_tui_tracker import farmer  # noqa: F401 (a fixture: Jean Dubois's letters)

SIZE = (80, 24)
TODAY = date(2026, 11, 23)
JEAN_ANSWERS = journey.journey_as_answers(JEAN)


async def home(app, pilot) -> HomeScreen:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen), app.screen
    return app.screen


def options(screen) -> list[str]:
    steps = screen.query_one("#home-steps", OptionList)
    return [" ".join(str(option.prompt).split()) for option in steps.options]


async def choose(app, pilot, screen, option_id: str) -> None:
    steps = screen.query_one("#home-steps", OptionList)
    steps.highlighted = next(i for i, option in enumerate(steps.options) if option.id == option_id)
    await pilot.press("enter")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_returning_person_sees_where_things_stand_not_question_one(farmer):  # noqa: F811
    """Issue 24: a returning user was sent back to question 1, with no word of the drafts waiting for an address or the
    deadlines running."""
    app = SarApp(lang="fr", db_path=farmer, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        assert not any(isinstance(s, ChatScreen) for s in app.screen_stack)
        shown = options(screen)
        assert "Jean Dubois : 4 demandes, 2 envoyées" in shown
        assert any(line.startswith("2 lettres attendent une adresse : MSA Dordogne Lot-et-Garonne, Pharmacie du Marché")
                   for line in shown)
        assert any(line.startswith("1 délai dépassé : Dr Claire Roux") for line in shown)
        assert any("relance" in line for line in shown)  # the next step
        assert "Question 1" not in words_on_screen(app)


async def test_enter_opens_the_step_on_its_request_and_escape_comes_back(farmer):  # noqa: F811
    app = SarApp(lang="en", db_path=farmer, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        person = Tracker(farmer).find_person_id(JEAN.person)
        await choose(app, pilot, screen, f"step-{person}-overdue")
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        assert tracker.selected().actor_name == "Dr Claire Roux"
        assert app.focused is tracker.query_one("#requests", DataTable)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen


async def test_the_findings_of_the_last_answers_come_back_without_answering_again(farmer):  # noqa: F811
    FinishedJourneys().keep(JEAN_ANSWERS)
    app = SarApp(lang="en", db_path=farmer, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        (findings_option,) = [option.id for option in screen.query_one("#home-steps", OptionList).options
                              if (option.id or "").startswith("findings-")]
        assert any("The organisations found from your answers of" in line for line in options(screen))
        await choose(app, pilot, screen, findings_option)
        assert isinstance(app.screen, FindingsScreen)
        cards = {card.finding.actor.id: card.finding for card in app.screen.query(FindingCard)}
        assert {"msa", "your-pharmacy", "your-hospital"} <= set(cards)
        # The hospital's address, typed for its letter, comes back from the tracker.
        assert "80 avenue Georges Pompidou" in cards["your-hospital"].actor.contact.postal
        assert not any(isinstance(s, ChatScreen) for s in app.screen_stack)  # no question asked again
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "LettersScreen"


async def test_a_new_interview_only_when_asked(farmer):  # noqa: F811
    draft_until("postcode")  # an interview left half-way
    app = SarApp(lang="en", db_path=farmer, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        assert options(screen)[0].startswith("Continue the interview where you left off")
        await choose(app, pilot, screen, "continue")
        assert isinstance(app.screen, ChatScreen) and app.screen.conversation.current.id == "postcode"
        await pilot.press("escape")  # back home; the answers so far are kept
        await pilot.pause()
        assert app.screen is screen and Draft().exists()
        await pilot.press("n")
        await pilot.pause()
        chat = app.screen
        assert isinstance(chat, ChatScreen)
        # Nothing of the earlier interview; the letters' language is the chat's, stated (sar.interview.offer).
        assert chat.conversation.answers == {"lang": "en"} and chat.conversation.current.id == "first_name"
        assert Draft().load() == {"lang": "en"}  # the half-way answers are forgotten


async def test_a_first_visit_starts_with_the_chat():
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)


async def test_a_finished_interview_is_kept_privately_and_offered_at_the_next_visit(tmp_path):
    from tests.test_tui_chat import answer_until

    app = SarApp(lang="en", db_path=tmp_path / "tracker.json")
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot)
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, FindingsScreen)
    (kept,) = FinishedJourneys().all()
    assert kept.journey.person.full_name == "Camille Martin"
    assert oct(kept.path.stat().st_mode & 0o777) == "0o600"
    again = SarApp(lang="en", db_path=tmp_path / "tracker.json")
    async with again.run_test(size=SIZE) as pilot:
        screen = await home(again, pilot)
        assert any("The organisations found from your answers of" in line for line in options(screen))


async def test_a_session_is_never_offered_another_sessions_answers(farmer):  # noqa: F811
    """`sar tui --session` (what `sar serve` runs for each page): the answers kept on this computer, or by another page,
    are not offered; this page's own are erased when its chat ends; a new page opens on the chat, not on a summary of
    the shared tracker's people."""
    FinishedJourneys().keep(JEAN_ANSWERS)  # a person who used sar on this computer
    first = Draft.for_session()
    first.finished_journeys().keep({**JEAN_ANSWERS, "first_name": "Louise"})  # another page's visitor
    visitor = Draft.for_session()
    app = SarApp(lang="fr", db_path=farmer, draft=visitor)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)  # nothing of theirs to come back to
        assert visitor.finished_journeys().all() == []
    first.close()
    assert not first.path.parent.exists()
    assert [kept.journey.person.first_name for kept in FinishedJourneys().all()] == ["Jean"]


async def test_the_home_says_everything_again_in_the_other_language(farmer):  # noqa: F811
    app = SarApp(lang="en", db_path=farmer, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        assert any(line.startswith("2 letters wait for an address") for line in options(screen))
        await pilot.press("ctrl+l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(line.startswith("2 lettres attendent une adresse") for line in options(app.screen))
        assert "Bon retour" in words_on_screen(app)


async def test_drafts_are_named_in_the_language_of_the_chat(tmp_path):
    """A French letter to a place the person did not name keeps its French placeholder in the tracker (« Votre
    pharmacie », « Opérateur de tiers payant … »); the English home listed the drafts with those French words."""
    from sar.directory import Contact
    from sar.requests import NewRequest

    path = tmp_path / "tracker.json"
    Tracker(path).record_requests([
        NewRequest(JEAN.person, "your-pharmacy", "Votre pharmacie", Contact()),
        NewRequest(JEAN.person, "tiers-payant-operator", "Opérateur de tiers payant (Almerys, Viamedis, SP Santé…)",
                   Contact()),
    ], today=date(2026, 11, 3))
    app = SarApp(lang="en", db_path=path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        waiting = next(line for line in options(screen) if line.startswith("2 letters wait for an address"))
        assert "Your pharmacy, Tiers-payant operator (Almerys, Viamedis, SP Santé…)" in waiting
        assert "Votre" not in words_on_screen(app) and "Opérateur" not in words_on_screen(app)


async def test_a_returning_person_is_greeted_in_the_language_they_chose(farmer, tmp_path):  # noqa: F811
    """Walking as a British man in Paris: he chose English at the first question and came back to a home screen in
    French, the system's language. (Here the system speaks English and the person chooses French.)"""
    first = SarApp(db_path=tmp_path / "first-visit.json")
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert first.screen.stage == "language"
        await pilot.press("1")  # Français
        await pilot.pause()
    session = Draft.for_session()
    try:  # a web page's visitor (sar serve) is not the person who chose: the system's language, and asked
        assert SarApp(db_path=farmer, draft=session).lang == "en"
    finally:
        session.close()
    again = SarApp(db_path=farmer, today=TODAY)
    async with again.run_test(size=SIZE) as pilot:
        await home(again, pilot)
        assert again.lang == "fr" and "Bon retour" in words_on_screen(again)
        await pilot.press("ctrl+l")  # English from now on, next time too
        await pilot.pause()
    assert SarApp(db_path=farmer).lang == "en"
    assert SarApp(lang="fr", db_path=farmer).lang == "fr"  # --lang still wins
