"""The findings screen's look-up of the person's missing addresses (F) and its offer to update the registers' data
(U), in 80×24, against the recorded answers of tests/fixtures/registers (never the network)."""

from __future__ import annotations

from textual.widgets import Button, OptionList, Static

from sar.journey import journey_from_document
from sar.tui.app import SarApp
from sar.tui.missing_addresses import MissingAddressesDialog
from sar.tui.screens.findings import FindingCard, FindingsScreen

SIZE = (80, 24)
FARMER = {"first_name": "Bernard", "last_name": "Castéra", "birth_date": "1952-03-08", "address": "12 rue des Lilas",
          "postcode": "32000", "city": "Auch"}
PLACES = {"doctor": False, "lab": "none", "pharmacy": True, "pharmacy_name": "Pharmacie des Lilas", "hospital": "public",
          "hospital_name": "Centre hospitalier des Lilas", "insurance_fund": "msa", "mutuelle": "none",
          "tiers_payant": False, "mon_espace_sante": "active"}


def farmer(**changes):
    return journey_from_document({"lang": "fr", "person": {**FARMER, **changes.pop("person", {})},
                                  "journey": {**PLACES, **changes}})


async def findings_of(app, pilot, journey) -> FindingsScreen:
    await pilot.pause()
    screen = FindingsScreen(journey)
    await app.push_screen(screen)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def settle(pilot, condition) -> None:
    """Let the app process its messages until `condition()` holds (a button's press, then a dismissal, then a worker's
    answer take several turns of the message loop on a busy machine); gives up after a bounded number of turns."""
    for _turn in range(50):
        if condition():
            return
        await pilot.pause()


def intro(screen) -> str:
    return str(screen.query_one("#findings-intro", Static).render())


def contact_of(screen, actor_id: str):
    return next(f for f in screen.findings if f.actor.id == actor_id).actor.contact


async def test_the_missing_addresses_are_found_in_one_step_after_the_person_saw_what_is_sent(registers_online):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await findings_of(app, pilot, farmer())
        assert "Press F to find the 2 missing addresses online" in intro(screen)
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MissingAddressesDialog)
        plan = str(dialog.query_one("#plan", Static).render())
        assert "Pharmacie des Lilas (pharmacy), postcode 32000" in plan and "nothing else about you" in plan
        assert registers_online.requests == []  # nothing is sent before the person says so
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot, lambda: str(dialog.query_one("#send", Button).label) == "Done")
        outcomes = str(dialog.query_one("#outcomes", Static).render())
        assert "✓ Pharmacie des Lilas: 4 PLACE DES LILAS, 32000 AUCH" in outcomes
        assert str(dialog.query_one("#send", Button).label) == "Done"
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen is screen)
        assert app.screen is screen
        assert contact_of(screen, "your-pharmacy").postal == "4 PLACE DES LILAS\n32000 AUCH"
        assert contact_of(screen, "your-hospital").postal == "10 ALLEE DES LILAS\n32008 AUCH CEDEX"
        card = next(c for c in screen.query(FindingCard) if c.finding.actor.id == "your-pharmacy")
        assert "Source: Recherche d'entreprises (SIRENE), consulted" in str(card.query_one(".details").render())
        assert "Press F" not in intro(screen)
    sent = registers_online.sent_text()
    assert "Castéra" not in sent and "Bernard" not in sent and "rue des Lilas" not in sent


async def test_with_several_candidates_none_is_chosen_until_the_person_picks_one(registers_online):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        journey = farmer(person={"postcode": "75011", "city": "Paris"}, pharmacy_name="Pharmacie du Centre",
                         hospital="none")
        screen = await findings_of(app, pilot, journey)
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot, lambda: dialog.query_one("#choices", OptionList).display)
        choices = dialog.query_one("#choices", OptionList)
        assert choices.display and choices.option_count == 4  # three pharmacies, and "None of these"
        assert choices.highlighted is None  # nothing pre-selected
        assert "3 organisations bear this name; none was chosen for you" in str(
            dialog.query_one("#outcomes", Static).render())
        assert contact_of(screen, "your-pharmacy").postal == ""
        choices.highlighted = 1
        await pilot.press("enter")
        await settle(pilot, lambda: str(dialog.query_one("#send", Button).label) == "Done")
        await pilot.press("enter")  # Done
        await settle(pilot, lambda: app.screen is screen)
        assert contact_of(screen, "your-pharmacy").postal == "2 RUE DU CENTRE\n75011 PARIS"


async def test_cancelled_before_sending_sends_nothing(registers_online):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await findings_of(app, pilot, farmer())
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and registers_online.requests == []
        assert contact_of(screen, "your-pharmacy").postal == ""


async def test_the_update_is_offered_while_addresses_are_missing_and_sends_nothing_about_the_person(registers_online):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await findings_of(app, pilot, farmer())
        assert "Press U to read the caisses' and companies' addresses" in intro(screen)
        assert "it sends nothing about you" in intro(screen)
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert contact_of(screen, "msa").postal == "61 allée de Brienne\n31064 Toulouse Cedex 9"
        assert "Press U" not in intro(screen)  # fresh data: no more offer
    sent = registers_online.sent_text()
    assert "Castéra" not in sent and "32000" not in sent and "Bernard" not in sent


async def test_offline_update_says_so_in_one_line(registers_online):
    registers_online.offline = True
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await findings_of(app, pilot, farmer())
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert contact_of(screen, "msa").postal == ""
        assert any("are you offline" in str(n.message) and "\n" not in str(n.message) for n in app._notifications)


async def test_offline_update_in_the_chat_says_to_press_u_again_not_to_run_a_command(registers_online):
    """Marcel's walk (issue 24): offline, U told a person in the chat to run `sar directory update`."""
    registers_online.offline = True
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await findings_of(app, pilot, farmer())
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = [str(n.message) for n in app._notifications if "hors ligne" in str(n.message)]
        assert said and "appuyez sur U pour réessayer plus tard" in said[0]
        assert "sar directory update" not in said[0]
