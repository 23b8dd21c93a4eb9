"""What James Whitfield, a British man in Paris, stumbled on in the English chat at 100x30 and 80x24 (issue 24's walk):
each test failed before its fix."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from sar import journey
from sar.directory import Contact
from sar.finished_journeys import FinishedJourneys
from sar.requests import NewRequest, Tracker
from sar.inference import infer
from sar.replies import items_for
from sar.tui.app import SarApp
from sar.tui.screens.findings import ContactForm, FindingCard, FindingsScreen
from sar.tui.screens.letters import LettersScreen
from sar.tui.screens.tracker import FollowupDialog, TrackerScreen
from sar.tui.widgets.reply_checklist import ReplyChecklistDialog
from tests.screen_text import screen_text, words_on_screen

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
JAMES = journey.load_answers(EXAMPLES / "james-whitfield.toml")
TODAY = date(2026, 12, 3)


def james_finding(actor_id: str):
    return next(f for f in infer(JAMES) if f.actor.id == actor_id)


async def test_the_answer_checklist_names_every_item_and_its_article_uncut(tmp_path):
    """At 100x30 and 80x24 the English item read "…and their logic (GDPR art. 15(1)(h)…"."""
    for size in ((100, 30), (80, 24)):
        app = SarApp(lang="en", db_path=tmp_path / "tracker.json")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await app.push_screen(ReplyChecklistDialog("When did Doctolib SAS answer, and with what?", TODAY,
                                                       items_for("access-medical-record")))
            await pilot.pause()
            shown = words_on_screen(app)
            for item in items_for("access-medical-record"):
                assert f"{item.name} ({item.source})" in shown, (size, item.id)
            assert "…" not in shown.replace("(rectification, erasure…)", "")


async def test_the_letter_preview_cuts_no_word_at_80_columns(tmp_path):
    """At 80x24 the subject of his doctor's letter read "(Article L.1111-7 of the French Pu"."""
    app = SarApp(lang="en", db_path=tmp_path / "tracker.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(LettersScreen(JAMES, [james_finding("your-doctor")], tmp_path / "tracker.json",
                                            folder=tmp_path / "letters", today=TODAY))
        await pilot.pause()
        inside_the_box = " ".join(screen_text(app).replace("│", " ").split())
        assert "of the French Public Health Code and Article 15 GDPR" in inside_the_box


async def test_on_a_second_visit_the_follow_up_goes_beside_the_letter_it_follows(tmp_path):
    """He wrote his letters in a folder of his own; back the next day, Doctolib's incomplete answer recorded, the
    follow-up offered ~/sar-letters, so the letter asking for the missing items landed away from the first one."""
    folder = tmp_path / "my letters"
    letter = folder / "james-whitfield" / "doctolib.en.pdf"
    db = tmp_path / "tracker.json"
    tracker = Tracker(db)
    (doctolib,) = tracker.record_requests([
        NewRequest(JAMES.person, "doctolib", "Doctolib SAS", Contact(postal="54 quai Charles Pasqua\n92300 Levallois"),
                   lang="en", files=(str(letter), str(letter.with_suffix(".txt"))))], today=TODAY)
    tracker.mark_sent(doctolib.id, TODAY, "post")
    tracker.mark_answered(doctolib.id, TODAY, missing=("recipients",))
    app = SarApp(lang="en", db_path=db)  # a new visit: this session wrote no letter
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.push_screen(TrackerScreen(db, today=TODAY))
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowupDialog)
        assert app.screen.query_one("#folder", Input).value == str(folder)


async def test_letters_written_again_on_a_second_visit_go_to_the_folder_of_the_first_ones(tmp_path):
    """Back the next day with the CPAM's address found, he opened the organisations found again and wrote the letters:
    the screen offered ~/sar-letters, not the folder where his first letters (and the tracker's files) were."""
    folder = tmp_path / "my letters"
    db = tmp_path / "tracker.json"
    Tracker(db).record_requests([
        NewRequest(JAMES.person, "doctolib", "Doctolib SAS", Contact(postal="54 quai Charles Pasqua\n92300 Levallois"),
                   lang="en", files=(str(folder / "james-whitfield" / "doctolib.en.pdf"),))], today=TODAY)
    FinishedJourneys().keep(journey.journey_as_answers(JAMES))
    app = SarApp(lang="en", db_path=db, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        steps = app.screen.query_one("#home-steps", OptionList)
        steps.highlighted = next(i for i, option in enumerate(steps.options)
                                 if (option.id or "").startswith("findings-"))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, LettersScreen)
        assert app.screen.query_one("#folder", Input).value == str(folder)


async def test_a_place_he_did_not_name_gets_its_name_in_the_contact_dialog_and_on_its_letter(tmp_path):
    """He did not know his pharmacy's name in the interview; found on a receipt, it had nowhere to go: the dialog asked
    only an address, so the letter kept "[recipient's name: fill in]" and its files stayed "your-pharmacy"."""
    app = SarApp(lang="en", db_path=tmp_path / "tracker.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.show_findings(JAMES, [james_finding("your-pharmacy")])  # as the home shows the findings of his answers
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FindingsScreen)
        screen.query_one("#fill-your-pharmacy").press()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        assert app.focused is form.query_one("#place-name", Input)
        await pilot.press(*"Pharmacie Oberkampf")
        form.query_one("#postal", Input).value = "20 rue Oberkampf, 75011 Paris"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        (card,) = screen.query(FindingCard)
        assert str(card.query_one("#pick-your-pharmacy").label) == "Pharmacie Oberkampf"
        await pilot.press("w")
        await pilot.pause()
        letter = str(app.screen.query_one("#preview", Static).render())
        assert "Pharmacie Oberkampf" in letter and "20 rue Oberkampf" in letter
        assert "fill in" not in letter
        app.screen.query_one("#folder", Input).value = str(tmp_path / "letters")
        app.screen.query_one("#format-pdf").value = False
        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (tmp_path / "letters" / "james-whitfield" / "pharmacie-oberkampf.en.txt").is_file()


async def test_the_contact_dialog_of_a_named_organisation_asks_no_name(tmp_path):
    app = SarApp(lang="en", db_path=tmp_path / "tracker.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(ContactForm(james_finding("your-cpam").actor))
        await pilot.pause()
        assert not app.screen.query("#place-name")


async def test_with_the_name_field_the_contact_dialog_keeps_its_buttons_in_view_at_80x24(tmp_path):
    app = SarApp(lang="fr", db_path=tmp_path / "tracker.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(ContactForm(james_finding("your-pharmacy").actor))
        await pilot.pause()
        for field in ("#place-name", "#postal", "#email", "#save", "#cancel"):
            assert app.screen.query_one(field).region.bottom <= 23, field  # above the dialog's bottom border


async def test_offline_the_registers_update_points_to_this_screens_key_not_a_command(registers_online):
    """Offline, U on the findings said "try again later with `sar directory update`": a command for a terminal he never
    used; the chat's own key is U."""
    registers_online.offline = True
    app = SarApp(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.push_screen(FindingsScreen(JAMES, [james_finding("your-cpam")]))
        await pilot.pause()
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (said,) = [str(n.message) for n in app._notifications if "offline" in str(n.message)]
        assert "sar directory update" not in said
        assert said.endswith("nothing was changed; press U to try again later.")


async def test_his_last_answer_stays_in_view_when_he_opens_a_questions_help():
    """At 100x30, F1 on "Do you have a Dossier Pharmaceutique?" took room from the log, which then stopped short of his
    last answers (the pharmacy's address left empty, no other pharmacy): they seemed gone."""
    from sar.tui.widgets.bubble import Bubble
    from tests.screen_text import fully_in_view
    from tests.test_tui_chat import chat, draft_until

    draft_until("dossier_pharmaceutique", EXAMPLES / "james-whitfield.toml")
    app = SarApp(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")  # continue where I left off
        await pilot.pause()
        assert chat(app).conversation.current.id == "dossier_pharmaceutique"
        await pilot.press("f1")
        await pilot.pause()
        await pilot.pause()
        assert "pharmacists' professional order" in words_on_screen(app)  # the help is shown
        answered = [bubble for bubble in app.screen.query(Bubble) if bubble.author == "person"][-1]
        assert fully_in_view(app, answered)


async def test_a_draft_to_an_organisation_known_only_by_e_mail_is_offered_as_sent_by_e_mail(tmp_path):
    """His letters were marked sent by post; Alan, which publishes only an e-mail, stayed a draft. Recording it sent,
    the dialog offered "post", which he had to change to the one way he could have sent it."""
    from sar.tui.widgets.ticks import Choice

    db = tmp_path / "tracker.json"
    Tracker(db).record_requests([NewRequest(JAMES.person, "alan", "Alan", Contact(email="privacy@alan.com"), lang="en",
                                            channel="post")], today=TODAY)
    app = SarApp(lang="en", db_path=db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.push_screen(TrackerScreen(db, today=TODAY))
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one("#kind-email", Choice).value
        assert not app.screen.query_one("#kind-post", Choice).value
