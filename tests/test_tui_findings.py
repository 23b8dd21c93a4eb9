"""The findings screen in 80×24: a missing contact filled by hand or from the company register, an organisation added."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Input, OptionList, Select, Static

from sar import directory, journey
from sar.bilingual import Bilingual
from sar.inference import Finding
from sar.tui.app import SarApp
from sar.tui.screens.findings import ContactForm, DirectoryPicker, FindingCard, FindingsScreen, LookupDialog
from sar.tui.screens.organisations import WhereToLook

SIZE = (80, 24)
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.toml"
CAMILLE = journey.load_answers(EXAMPLE)


def finding(actor_id: str, **changes) -> Finding:
    actor = replace(directory.get(actor_id), **changes)
    return Finding(actor=actor, likelihood="certain", reasons=(Bilingual("Vous l'avez dit.", "You said so."),),
                   laws=("gdpr-art15",), letter=actor.letter)


def mutuelle() -> Finding:
    """Her mutuelle, named in her answers, but with no address in the directory."""
    return finding("your-mutuelle", name="Harmonie Mutuelle")


async def open_findings(app, pilot, findings) -> FindingsScreen:
    await pilot.pause()
    screen = FindingsScreen(CAMILLE, findings)
    await app.push_screen(screen)
    await pilot.pause()
    return screen


def card(screen, actor_id: str) -> FindingCard:
    return next(c for c in screen.query(FindingCard) if c.finding.actor.id == actor_id)


def contact_of(screen, actor_id: str):
    return next(f for f in screen.findings if f.actor.id == actor_id).actor.contact


async def press_button(pilot, screen, button_id: str) -> None:
    screen.query_one(f"#{button_id}").press()
    await pilot.pause()


async def test_a_missing_contact_typed_by_hand_needs_a_postcode(tmp_path):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(app, pilot, [mutuelle()])
        assert "Contact unknown" in str(card(screen, "your-mutuelle").query_one(".warning").render())
        assert "No address is known for 1 of them" in str(screen.query_one("#findings-intro", Static).render())
        await press_button(pilot, screen, "fill-your-mutuelle")
        form = app.screen
        assert isinstance(form, ContactForm)
        form.query_one("#postal", Input).value = "143 rue Blomet, Paris"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "postcode" in str(form.query_one("#dialog-error", Static).render())
        form.query_one("#postal", Input).value = "143 rue Blomet, 75015 Paris"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert contact_of(screen, "your-mutuelle").postal == "143 rue Blomet\n75015 Paris"
        assert "Post: 143 rue Blomet, 75015 Paris" in str(card(screen, "your-mutuelle").query_one(".details").render())
        assert not card(screen, "your-mutuelle").query(".warning")
        assert "No address is known" not in str(screen.query_one("#findings-intro", Static).render())


async def test_an_organisation_is_added_from_the_directory():
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(app, pilot, [mutuelle()])
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, DirectoryPicker)
        await pilot.press(*"withings")
        await pilot.pause()
        assert app.screen.query_one("#results", OptionList).option_count >= 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert [f.actor.id for f in screen.chosen()] == ["your-mutuelle", "withings"]
        assert "You added it yourself." in str(card(screen, "withings").query_one(".details").render())


async def test_looking_a_contact_up_sends_only_the_name_and_postcode_and_saves_the_address(register):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(app, pilot, [mutuelle()])
        await press_button(pilot, screen, "lookup-your-mutuelle")
        dialog = app.screen
        assert isinstance(dialog, LookupDialog)
        assert dialog.query_one("#lookup-name", Input).value == "Harmonie Mutuelle"  # prefilled
        dialog.query_one("#lookup-postcode", Input).value = "7501"
        await press_button(pilot, dialog, "search-register")
        assert "5 digits" in str(dialog.query_one("#dialog-error", Static).render())
        assert register == []  # a bad postcode is refused before anything is sent
        dialog.query_one("#lookup-postcode", Input).value = "75015"
        await press_button(pilot, dialog, "search-register")
        await app.workers.wait_for_complete()
        await pilot.pause()
        candidates = dialog.query_one("#candidates", OptionList)
        assert candidates.option_count == 1
        assert "143 RUE BLOMET, 75015 PARIS" in str(candidates.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        contact = contact_of(screen, "your-mutuelle")
        assert contact.postal == "143 RUE BLOMET\n75015 PARIS"
        assert contact.source == "https://annuaire-entreprises.data.gouv.fr/entreprise/538518473"
    saved = directory.get("your-mutuelle")
    assert saved.contact.postal == "143 RUE BLOMET\n75015 PARIS" and saved.origin == "user"
    (request,) = register
    assert dict(request.url.params) == {"q": "Harmonie Mutuelle", "code_postal": "75015", "per_page": "10"}
    sent = f"{request.url} {dict(request.headers)} {request.content!r}"
    person = CAMILLE.person
    for private in (person.first_name, person.last_name, person.birth_date.isoformat(), person.postcode, person.email,
                    person.address):
        assert private and private not in sent


async def test_offline_look_up_is_one_line_and_the_address_can_be_typed_by_hand(register):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(app, pilot, [mutuelle()])
        await press_button(pilot, screen, "lookup-your-mutuelle")
        dialog = app.screen
        dialog.query_one("#lookup-name", Input).value = "offline"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        notice = str(dialog.query_one("#dialog-error", Static).render())
        assert "offline" in notice and "\n" not in notice
        assert not dialog.query_one("#candidates").display
        await press_button(pilot, dialog, "by-hand")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
    assert directory.get("your-mutuelle").contact.postal == ""


async def test_no_result_says_so_and_a_slot_without_a_name_is_not_prefilled(register):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(app, pilot, [finding("your-mutuelle")])
        await press_button(pilot, screen, "lookup-your-mutuelle")
        dialog = app.screen
        assert dialog.query_one("#lookup-name", Input).value == ""  # "Your supplementary insurer" is not a name
        assert "Your supplementary insurer in the public" in str(dialog.query_one(".title").render())  # not bilingual
        dialog.query_one("#lookup-name", Input).value = "Zzyzx"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "knows no organisation named 'Zzyzx'" in str(dialog.query_one("#dialog-error", Static).render())


async def test_each_place_has_its_card_and_the_second_doctor_gets_her_own_address(tmp_path):
    """Issue 14.3: two doctors are two cards, each named and with its reason; filling the second one's address leaves
    the first one's alone; the letters screen offers each place's letter."""
    from sar.inference import infer
    from sar.tui.screens.letters import LettersScreen

    two = journey.journey_from_document({"lang": "fr", "person": {
        key: getattr(CAMILLE.person, key) for key in ("first_name", "last_name", "address", "postcode", "city")} | {
        "birth_date": CAMILLE.person.birth_date.isoformat()}, "journey": {
        "doctors": [{"name": "Dr Jeanne Dupont", "address": "3 place Bellecour, 69002 Lyon"},
                    {"name": "Dr Paul Weber", "specialty": "dentist"}]}})
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(app, pilot, infer(two))
        shown = {actor_id: " ".join(str(w.render()) for w in card(screen, actor_id).query(Static))
                 for actor_id in ("your-doctor", "your-doctor-2")}
        assert "You saw Dr Paul Weber, dentist" in shown["your-doctor-2"] and "Weber" not in shown["your-doctor"]
        await press_button(pilot, screen, "fill-your-doctor-2")
        app.screen.query_one("#postal", Input).value = "8 quai Kléber, 67000 Strasbourg"
        await pilot.press("enter")
        await pilot.pause()
        assert contact_of(screen, "your-doctor-2").postal.endswith("67000 Strasbourg")
        assert "3 place Bellecour" in contact_of(screen, "your-doctor").postal
        letters = LettersScreen(two, screen.findings, tmp_path / "tracker.json", folder=tmp_path / "letters")
        await app.push_screen(letters)
        await pilot.pause()
        offered = [str(label) for label, _value in letters.query_one("#which", Select)._options]
        assert "Dr Jeanne Dupont" in offered and "Dr Paul Weber" in offered


# --- issue 24: the farmer's findings ---------------------------------------------------------------------------------

JEAN = journey.journey_from_document({"lang": "fr", "person": {
    "first_name": "Jean", "last_name": "Dubois", "birth_date": "1950-02-03", "address": "5 rue Gambetta",
    "postcode": "24000", "city": "Périgueux"}, "journey": {
    "insurance_fund": "msa", "ald": True, "pharmacy": True, "pharmacy_name": "Pharmacie du Marché",
    "hospital": "public", "hospital_name": "Centre hospitalier de Périgueux"}})


def farmer_findings():
    from sar.inference import infer

    return infer(JEAN)


async def test_a_missing_contact_says_where_to_look_in_its_card_and_in_its_dialog():
    """Issue 24: the CLI's help for a missing contact (what to search for, where) never appeared in the chat."""
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = FindingsScreen(JEAN, farmer_findings())
        await app.push_screen(screen)
        await pilot.pause()
        hint = " ".join(str(card(screen, "msa").query_one(".where-to-look").render()).split())
        assert "délégué à la protection des données" in hint and "msa.fr" in hint
        assert "MSA Dordogne Lot-et-Garonne" in hint
        await press_button(pilot, screen, "fill-msa")
        form = app.screen
        assert isinstance(form, ContactForm)
        in_dialog = " ".join(str(form.query_one(".where-to-look").render()).split())
        assert "msa.fr" in in_dialog
        assert form.query_one("#save").region.bottom <= SIZE[1]  # the hint leaves room for the fields and buttons


async def test_the_end_of_a_long_hint_is_read_with_the_keyboard():
    """Walking as Marcel at 80x24: the dialog's hint scrolled with the mouse only, and its last line (what to fill in)
    stayed hidden. The dialog opens on its first field; shift+tab reaches the hint, whose end the arrows bring in view."""
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = FindingsScreen(JEAN, farmer_findings())
        await app.push_screen(screen)
        await pilot.pause()
        await press_button(pilot, screen, "fill-msa")
        form = app.screen
        assert isinstance(form, ContactForm) and form.focused is form.query_one("#postal", Input)
        advice = form.query_one(WhereToLook)
        assert advice.max_scroll_y > 0  # long: it needs scrolling at this size
        await pilot.press("shift+tab")
        assert form.focused is advice
        await pilot.press("end")
        await pilot.pause()
        assert advice.scroll_y == advice.max_scroll_y


async def test_an_organisation_not_in_the_directory_is_added_with_its_name_and_address():
    """Issue 24: « Saint-Antoine » found nothing, and nothing else was offered."""
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(app, pilot, [mutuelle()])
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Saint-Antoine")
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        offered = str(results.get_option_at_index(results.option_count - 1).prompt)
        assert "Saint-Antoine" in offered and "adresse" in offered
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#new-name", Input).value == "Saint-Antoine"
        form.query_one("#new-name", Input).value = "Hôpital Saint-Antoine"
        form.query_one("#postal", Input).value = "184 rue du Faubourg Saint-Antoine, 75012 Paris"
        form.query_one("#cared-for").value = True
        form.query_one("#save").press()
        await pilot.pause()
        assert app.screen is screen
        added = screen.findings[-1]
        assert added.actor.name.get("fr") == "Hôpital Saint-Antoine"
        assert added.actor.contact.postal == "184 rue du Faubourg Saint-Antoine\n75012 Paris"
        assert added.letter == "access-medical-record" and "csp-l1111-7" in added.laws
        assert [f.actor.id for f in screen.chosen()][-1] == added.actor.id


async def test_the_focus_stays_on_the_card_whose_dialog_closed():
    """Issue 24: after a dialog the focus jumped to the first card."""
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(app, pilot, [finding("doctolib"), mutuelle(), finding("your-pharmacy")])
        fill = screen.query_one("#fill-your-pharmacy")
        fill.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#postal", Input).value = "1 place du Marché, 24000 Périgueux"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert app.focused is not None and card(screen, "your-pharmacy") in app.focused.ancestors_with_self
        assert app.focused.region.y < SIZE[1]  # in view


async def test_ticked_and_unticked_read_apart_without_colour():
    """Issue 24: ticked and unticked cards both read ▐X▌."""
    from tests.screen_text import screen_text

    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_findings(app, pilot, [finding("doctolib"), mutuelle()])
        card(screen, "doctolib").query_one("#pick-doctolib").toggle()
        await pilot.pause()
        text = screen_text(app)
        assert "[ ] Doctolib" in text and "[x] Harmonie Mutuelle" in text and "▐X▌" not in text
