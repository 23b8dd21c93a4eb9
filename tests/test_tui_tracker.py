"""The tracker screen as a person uses it in 80×24: dates entered in dialogs, follow-ups written, calendar exported."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import icalendar
import pytest
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from sar import journey
from sar.directory import Contact
from sar.requests import NewRequest, Tracker
from sar.tui.app import SarApp
from sar.tui.draft import Draft
from sar.tui.screens.tracker import DateDialog, FollowupDialog, PathDialog, TrackerScreen
from sar.tui.widgets.reply_checklist import ReplyChecklistDialog

SIZE = (80, 24)
TODAY = date(2026, 11, 23)
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.toml"
CAMILLE = journey.load_answers(EXAMPLE).person
LOUIS = replace(CAMILLE, first_name="Louis", birth_date=date(1990, 1, 2))


@pytest.fixture
def db(tmp_path) -> Path:
    """Camille's letters: Doctolib sent 1 Sept. and received 4 Sept. 2026 (overdue on 23 Nov.), Cerballiance sent
    20 Nov. (not due yet), and a draft to her pharmacy; Louis wrote to Doctolib too."""
    path = tmp_path / "tracker.json"
    tracker = Tracker(path)
    post = Contact(postal="26 rue de Berri\n75008 Paris", email="dpo@doctolib.fr")
    doctolib, cerballiance, _pharmacy, louis = tracker.record_requests([
        NewRequest(CAMILLE, "doctolib", "Doctolib", post),
        NewRequest(CAMILLE, "cerballiance", "Cerballiance", post),
        NewRequest(CAMILLE, "your-pharmacy", "Pharmacie du Parc", post),
        NewRequest(LOUIS, "doctolib", "Doctolib", post),
    ], today=date(2026, 9, 1))
    tracker.mark_sent(doctolib.id, date(2026, 9, 1), "post")
    tracker.mark_received(doctolib.id, date(2026, 9, 4))
    tracker.mark_sent(cerballiance.id, date(2026, 11, 20), "post")
    tracker.mark_sent(louis.id, date(2026, 10, 1), "email")
    return path


def row_texts(screen) -> list[list[str]]:
    table = screen.query_one("#requests", DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


async def open_tracker(app, pilot, db, person=None, **kwargs) -> TrackerScreen:
    await pilot.pause()
    screen = TrackerScreen(db, person=person, today=TODAY, **kwargs)
    await app.push_screen(screen)
    await pilot.pause()
    return screen


def select_row(screen, actor_name: str, person_name: str = "Camille Martin") -> None:
    table = screen.query_one("#requests", DataTable)
    row = next(i for i, r in enumerate(screen.requests.values())
               if r.actor_name == actor_name and r.person_name == person_name)
    table.move_cursor(row=row)


async def test_overdue_requests_stand_out(db):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db, person=Tracker(db).find_person_id(CAMILLE))
        rows = {row[1]: row for row in row_texts(screen)}
        assert rows["Doctolib"][2] == "received, 49 days late"  # due 5 Oct. 2026 (4 Oct. is a Sunday)
        assert "late" not in rows["Cerballiance"][2]
        table = screen.query_one("#requests", DataTable)
        styles = {str(table.get_row_at(i)[1]): table.get_row_at(i)[2].style for i in range(table.row_count)}
        assert "bold" in str(styles["Doctolib"]) and "bold" not in str(styles["Cerballiance"])


async def test_the_people_switcher_shows_one_person_or_everyone(db):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db)
        assert screen.query_one("#people-line").display
        assert len(row_texts(screen)) == 4
        assert {row[4] for row in row_texts(screen)} == {"Camille Martin", "Louis Martin"}
        table = screen.query_one("#requests", DataTable)
        assert sum(column.get_render_width(table) for column in table.columns.values()) <= 78  # no sideways scrolling
        screen.query_one("#people", Select).value = Tracker(db).find_person_id(LOUIS)
        await pilot.pause()
        assert [row[1] for row in row_texts(screen)] == ["Doctolib"]
        labels = [str(column.label) for column in screen.query_one("#requests", DataTable).columns.values()]
        assert "Person" not in labels and "Sent" in labels  # one person: the sending date, not the person's name
        table = screen.query_one("#requests", DataTable)
        assert sum(column.get_render_width(table) for column in table.columns.values()) <= 78


@pytest.mark.parametrize(
    "key, day, check",
    [
        ("r", "2026-11-21", lambda r: r.received == date(2026, 11, 21) and r.status == "received"),
        ("x", "2026-11-22", lambda r: r.extended_on == date(2026, 11, 22) and r.status == "extended"),
        ("a", "2026-11-23", lambda r: r.answered == date(2026, 11, 23) and r.status == "answered"),
    ],
)
async def test_dates_entered_in_a_dialog_change_the_table_and_the_tracker(db, key, day, check):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db, person=Tracker(db).find_person_id(CAMILLE))
        select_row(screen, "Cerballiance")
        await pilot.press(key)
        await pilot.pause()
        # An access request's answer comes with the checklist of what it holds (everything ticked: a complete answer).
        assert isinstance(app.screen, ReplyChecklistDialog if key == "a" else DateDialog)
        assert "Cerballiance" in str(app.screen.query_one(".title").render())
        box = app.screen.query_one("#day", Input)
        box.value = "2026-13-01"
        await pilot.press("enter")
        await pilot.pause()
        assert "there is no month 13" in str(app.screen.query_one("#dialog-error", Static).render())
        box.value = day
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        await app.workers.wait_for_complete()  # the tracker is written in a worker, off the UI thread
        await pilot.pause()
        (request,) = [r for r in Tracker(db).list_requests() if r.actor == "cerballiance"]
        assert check(request)
        row = next(row for row in row_texts(screen) if row[1] == "Cerballiance")
        assert row[2] == request.status


async def test_the_calendar_is_exported_as_ics(db, tmp_path):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_tracker(app, pilot, db)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        app.screen.query_one("#path", Input).value = str(tmp_path / "deadlines.ics")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
    calendar = icalendar.Calendar.from_ical((tmp_path / "deadlines.ics").read_bytes())
    events = [event for event in calendar.walk("VEVENT")]
    assert events and not any("Doctolib" in str(event["SUMMARY"]) for event in events)  # discreet titles
    assert all("request" in str(event["SUMMARY"]) for event in events)


async def write_followup(app, pilot, screen, actor_name: str, kind: str, folder: Path) -> None:
    select_row(screen, actor_name)
    await pilot.press("f")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, FollowupDialog)
    dialog.query_one(f"#kind-{kind}").value = True
    dialog.query_one("#format-pdf", Checkbox).value = False
    dialog.query_one("#folder", Input).value = str(folder)
    dialog.query_one("#save").press()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_reminder_for_an_overdue_request_is_written_then_its_sending_recorded(db, tmp_path):
    letters = tmp_path / "letters"
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db, person=Tracker(db).find_person_id(CAMILLE), letters_folder=letters)
        select_row(screen, "Doctolib")
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.query_one("#folder", Input).value == str(letters)  # the letters' folder by default
        await pilot.press("enter")  # Enter writes the suggested follow-up, a reminder, in every format
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (letters / "camille-martin" / "doctolib.fr.reminder.pdf").is_file()
        await write_followup(app, pilot, screen, "Doctolib", "reminder", letters)
        written = str(screen.query_one("#followup-written", Static).render())
        reminder = letters / "camille-martin" / "doctolib.fr.reminder.txt"
        assert str(reminder) in written and "press S" in written
        assert "5 octobre 2026" in " ".join(reminder.read_text(encoding="utf-8").split())
        assert (letters / "camille-martin" / "doctolib.fr.reminder.eml").is_file()
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one("#kind-reminder").value  # the follow-up just written
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = next(row for row in row_texts(screen) if row[1] == "Doctolib")
        assert row[2].startswith("reminded")
    (request, *_rest) = Tracker(db).list_requests(Tracker(db).find_person_id(CAMILLE))
    assert request.status == "reminded"
    assert [event.what for event in request.events][-2:] == ["note", "reminded"]


async def test_a_complaint_is_written_for_the_cnil(db, tmp_path):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db, person=Tracker(db).find_person_id(CAMILLE))
        await write_followup(app, pilot, screen, "Doctolib", "complaint", tmp_path / "out")
    letter = (tmp_path / "out" / "camille-martin" / "doctolib.fr.complaint.txt").read_text(encoding="utf-8")
    assert "CNIL" in letter


async def test_a_follow_up_too_early_is_refused_inside_its_dialog(db, tmp_path):
    """Issue 24: errors are shown inside the dialog that caused them (the reminder's dialog stays open, with why)."""
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db, person=Tracker(db).find_person_id(CAMILLE))
        await write_followup(app, pilot, screen, "Cerballiance", "reminder", tmp_path / "out")  # sent 3 days ago
        dialog = app.screen
        assert isinstance(dialog, FollowupDialog)
        assert "deadline" in str(dialog.query_one("#dialog-error", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert str(screen.query_one("#followup-written", Static).render()) == ""
    assert not (tmp_path / "out").exists()


async def test_a_draft_is_offered_no_reminder(db):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db, person=Tracker(db).find_person_id(CAMILLE))
        select_row(screen, "Pharmacie du Parc")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert app.screen is screen  # nothing to remind: the letter has not been sent
        assert "Follow-up" not in footer_text(app) and "Sent" in footer_text(app)


# --- the answer, item by item (issue 13) -----------------------------------------------------------------------------

async def answer_with(app, pilot, screen, actor_name: str, day: str, untick: tuple[str, ...]) -> ReplyChecklistDialog:
    select_row(screen, actor_name)
    await pilot.press("a")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ReplyChecklistDialog)
    dialog.query_one("#day", Input).value = day
    for item_id in untick:
        dialog.query_one(f"#item-{item_id}", Checkbox).value = False
    return dialog


async def test_unticking_items_of_the_answer_makes_it_partial_with_the_list(db):
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db, person=Tracker(db).find_person_id(CAMILLE))
        dialog = await answer_with(app, pilot, screen, "Doctolib", "2026-11-20", ("recipients", "retention"))
        ticked = [box.id for box in dialog.query(Checkbox) if box.value]
        assert "item-copy" in ticked and "item-medical-record" not in [box.id for box in dialog.query(Checkbox)]
        save = dialog.query_one("#save")
        assert save.region.bottom <= SIZE[1] and save.region.height > 0  # the whole checklist fits in 80×24
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = next(row for row in row_texts(screen) if row[1] == "Doctolib")
        assert row[2] == "partial answer"
        detail = str(screen.query_one("#request-detail", Static).render())
        assert "Missing from the answer: the recipients of your data, how long your data are kept" in detail
    (request,) = [r for r in Tracker(db).list_requests(Tracker(db).find_person_id(CAMILLE)) if r.actor == "doctolib"]
    assert (request.status, request.answered, request.missing) == ("partial", date(2026, 11, 20),
                                                                   ("recipients", "retention"))
    assert request.events[-1].missing == ("recipients", "retention")


async def test_a_medical_record_checklist_asks_for_the_documents_themselves(tmp_path):
    path = tmp_path / "tracker.json"
    tracker = Tracker(path)
    (hospital,) = tracker.record_requests([NewRequest(CAMILLE, "your-hospital", "Hôpital Édouard-Herriot",
                                                      kind="access-medical-record")], today=date(2026, 11, 2))
    tracker.mark_sent(hospital.id, date(2026, 11, 2), "post")
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, path)
        dialog = await answer_with(app, pilot, screen, "Hôpital Édouard-Herriot", "20/11/2026", ("medical-record",))
        label = str(dialog.query_one("#item-medical-record", Checkbox).label)
        assert "dossier médical" in label and "L.1111-7" in label
        assert len(dialog.query(Checkbox)) == 11
        save = dialog.query_one("#save")
        assert 0 < save.region.bottom <= SIZE[1]  # eleven items, and the buttons still show in 80×24
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert Tracker(path).get(hospital.id).missing == ("medical-record",)


async def test_after_a_partial_answer_the_follow_up_asks_for_the_missing_items(db, tmp_path):
    Tracker(db).mark_answered(1, date(2026, 11, 20), missing=["recipients"])
    letters = tmp_path / "letters"
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db, person=Tracker(db).find_person_id(CAMILLE), letters_folder=letters)
        select_row(screen, "Doctolib")
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowupDialog)
        assert app.screen.query_one("#kind-incomplete").value  # suggested after a partial answer
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        letter = letters / "camille-martin" / "doctolib.fr.incomplete.txt"
        assert str(letter) in str(screen.query_one("#followup-written", Static).render())
        assert "article 15, paragraphe 1, point c)" in " ".join(letter.read_text(encoding="utf-8").split())
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one("#kind-incomplete").value
        app.screen.query_one("#day", Input).value = "2026-11-23"
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
    request = Tracker(db).get(1)
    assert request.status == "partial" and request.events[-1].what == "completion_asked"
    assert request.events[-1].on == date(2026, 11, 23)


async def test_a_complaint_says_where_it_goes_and_what_to_attach(db, tmp_path):
    Tracker(db).mark_answered(1, date(2026, 11, 20), missing=["recipients"])
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db, person=Tracker(db).find_person_id(CAMILLE))
        await write_followup(app, pilot, screen, "Doctolib", "complaint", tmp_path / "out")
        written = " ".join(str(screen.query_one("#followup-written", Static).render()).split())
    assert "Adresser une plainte" in written and "la réponse de l'organisme du 20 novembre 2026" not in written
    assert "réponse de l'organisme du 20 novembre 2026" in written  # the attachments, as the letter lists them
    assert not (tmp_path / "out" / "camille-martin" / "doctolib.fr.complaint.eml").exists()


# --- issue 24: the farmer's tracker at 80×24, in French -------------------------------------------------------------

JEAN = replace(CAMILLE, first_name="Jean", last_name="Dubois", birth_date=date(1950, 2, 3), address="5 rue Gambetta",
               postcode="24000", city="Périgueux", email="")


@pytest.fixture
def farmer(tmp_path) -> Path:
    """Jean Dubois's letters: his hospital and his doctor posted on 3 Nov. 2026 (the doctor's letter is overdue on
    23 Nov.), his MSA's and his pharmacy's left as drafts for want of an address, his letters' files in a folder."""
    path = tmp_path / "tracker.json"
    folder = tmp_path / "letters" / "jean-dubois"
    folder.mkdir(parents=True)
    files = {name: folder / f"{name}.fr.pdf" for name in ("msa", "hospital", "doctor", "pharmacy")}
    for file in files.values():
        file.write_bytes(b"%PDF-1.4 a letter")
    tracker = Tracker(path)
    hospital_address = Contact(postal="Centre hospitalier de Périgueux\n80 avenue Georges Pompidou\n24000 Périgueux")
    requests = tracker.record_requests([
        NewRequest(JEAN, "msa", "MSA Dordogne Lot-et-Garonne", Contact(), files=(str(files["msa"]),)),
        NewRequest(JEAN, "your-hospital", "Centre hospitalier de Périgueux", hospital_address,
                   kind="access-medical-record", files=(str(files["hospital"]),)),
        NewRequest(JEAN, "your-doctor", "Dr Claire Roux", Contact(postal="2 place Francheville\n24000 Périgueux"),
                   kind="access-medical-record", files=(str(files["doctor"]),)),
        NewRequest(JEAN, "your-pharmacy", "Pharmacie du Marché", Contact(), files=(str(files["pharmacy"]),)),
    ], today=date(2026, 11, 3))
    tracker.mark_sent(requests[1].id, date(2026, 11, 20), "post")
    tracker.mark_sent(requests[2].id, date(2026, 11, 3), "post")
    return path


def footer_text(app) -> str:
    from textual.widgets._footer import FooterKey

    return " ".join(f"{key.key} {key.description}" for key in app.screen.query(FooterKey))


async def test_down_moves_between_requests_and_opens_no_hidden_menu(farmer):
    """Issue 24: ↓ opened the hidden "Person" menu (one person: the menu is not shown), and the French footer then read
    "esc Dismiss menu"."""
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, farmer)
        table = screen.query_one("#requests", DataTable)
        assert table.cursor_row == 0
        await pilot.press("down")
        await pilot.pause()
        assert table.cursor_row == 1 and app.focused is table
        assert not screen.query_one("#people", Select).expanded
        assert "Dismiss menu" not in footer_text(app)


async def test_names_are_read_whole_at_80_columns(farmer):
    """Issue 24: the table cut « MSA Dordogne Lot-et- » and « Centre hospitalier d »."""
    from tests.screen_text import column_text

    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_tracker(app, pilot, farmer)
        organisations = column_text(app, "Organisme", "État")
        for name in ("MSA Dordogne Lot-et-Garonne", "Centre hospitalier de Périgueux", "Pharmacie du Marché"):
            assert name in organisations, organisations


async def test_dates_are_shown_and_prefilled_as_people_write_them(farmer):
    """Issue 24: the table showed 2026-11-03 and the date dialogs were prefilled with ISO dates."""
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, farmer)
        row = next(row for row in row_texts(screen) if row[1] == "Dr Claire Roux")
        assert "03/11/2026" in row and "2026-11-03" not in row
        select_row(screen, "Dr Claire Roux", "Jean Dubois")
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one("#day", Input).value == "23/11/2026"


async def test_a_date_the_tracker_refuses_is_told_inside_the_dialog(farmer):
    """Issue 24: a date error closed the dialog (the tracker refused it after the dialog had gone)."""
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, farmer)
        select_row(screen, "Dr Claire Roux", "Jean Dubois")
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#day", Input).value = "01/11/2026"  # before the letter was sent, on 3 Nov.
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is dialog
        assert "before the sending date" in str(dialog.query_one("#dialog-error", Static).render())
        dialog.query_one("#day", Input).value = "06/11/2026"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
    (doctor,) = [r for r in Tracker(farmer).list_requests() if r.actor == "your-doctor"]
    assert doctor.received == date(2026, 11, 6) and not doctor.received_is_estimate


@pytest.mark.parametrize("channel", ["post", "email", "form"])
async def test_a_draft_completed_by_hand_is_recorded_as_sent_with_how(farmer, channel):
    """Issue 24: a draft completed by hand and posted could not be recorded as sent in the chat."""
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, farmer)
        select_row(screen, "MSA Dordogne Lot-et-Garonne", "Jean Dubois")
        await pilot.pause()
        assert "s Sent" in footer_text(app) and "Received" not in footer_text(app)  # a draft: only what applies
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DateDialog)
        assert [str(button.label) for button in dialog.query("RadioButton")] == ["post", "e-mail", "web form"]
        dialog.query_one(f"#kind-{channel}").value = True
        dialog.query_one("#day", Input).value = "21/11/2026"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        row = next(row for row in row_texts(screen) if row[1].startswith("MSA"))
        assert row[2] == "sent"
    (msa,) = [r for r in Tracker(farmer).list_requests() if r.actor == "msa"]
    assert (msa.status, msa.sent, msa.channel) == ("sent", date(2026, 11, 21), channel)


async def test_the_letters_file_is_shown_and_opened(farmer, monkeypatch):
    """Issue 24: the detail pane did not say where the letter's file is."""
    from sar.tui import opener

    opened = []
    monkeypatch.setattr(opener, "open_with_system", lambda path: opened.append(path) or True)
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, farmer)
        select_row(screen, "Pharmacie du Marché", "Jean Dubois")
        await pilot.pause()
        detail = " ".join(str(screen.query_one("#request-detail", Static).render()).split())
        letter = farmer.parent / "letters" / "jean-dubois" / "pharmacy.fr.pdf"
        assert f"Letter: {letter}" in detail
        assert "no postal address: fill it in on the letter, then record the sending" in detail
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert opened == [letter]


async def test_where_no_program_opens_files_the_person_is_told_where_the_letter_is(farmer, monkeypatch):
    from sar.tui import opener

    monkeypatch.setattr(opener, "open_with_system", lambda path: False)
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, farmer)
        select_row(screen, "Pharmacie du Marché", "Jean Dubois")
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "Aucun programme" in messages and "pharmacy.fr.pdf" in messages


def test_without_a_desktop_there_is_no_opener_to_take_over_the_terminal(monkeypatch):
    """xdg-open without a graphical session falls back to a text browser, in the chat's own terminal: not used."""
    import sys as system

    from sar.tui import opener

    monkeypatch.setattr(system, "platform", "linux")
    assert opener.system_opener({}) is None
    assert opener.system_opener({"DISPLAY": ":0"}) in (None, [opener.shutil.which("xdg-open")])


async def test_a_web_pages_chat_opens_nothing_on_the_server(farmer, monkeypatch):
    from sar.tui import opener

    opened = []
    monkeypatch.setattr(opener, "open_with_system", lambda path: opened.append(path) or True)
    app = SarApp(lang="en", draft=Draft.for_session())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, farmer)
        select_row(screen, "Pharmacie du Marché", "Jean Dubois")
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = " ".join(str(n.message) for n in app._notifications)
    assert not opened and "on the computer that runs sar" in messages


async def test_a_notice_of_extension_after_the_first_month_extends_nothing(db):
    """Issue 23.8: Doctolib's month ended on 5 Oct. 2026; a notice entered as 20 Oct. is kept, the request stays
    overdue, and the detail says why."""
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db, person=Tracker(db).find_person_id(CAMILLE))
        select_row(screen, "Doctolib")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, DateDialog)
        app.screen.query_one("#day", Input).value = "2026-10-20"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        request = next(r for r in Tracker(db).list_requests() if r.actor == "doctolib" and r.person_name == "Camille Martin")
        assert (request.extended_on, request.status, request.due) == (date(2026, 10, 20), "received", date(2026, 10, 5))
        select_row(screen, "Doctolib")
        await pilot.pause()
        detail = " ".join(str(screen.query_one("#request-detail", Static).render()).split())
        assert "after the first month: it does not extend the deadline (GDPR art. 12(3))" in detail
        assert "49 days late" in {row[1]: row for row in row_texts(screen)}["Doctolib"][2]


async def test_a_public_hospitals_refusal_offers_the_referral_to_the_cada(tmp_path):
    """Issue 23.9: the tracker screen names the CADA route for a public hospital's record refused, offers the referral
    among the follow-ups (suggested after a refusal), and records its sending."""
    path = tmp_path / "tracker.json"
    tracker = Tracker(path)
    [hospital] = tracker.record_requests([NewRequest(CAMILLE, "your-hospital", "Hôpital Édouard-Herriot",
                                                     Contact(postal="5 place d'Arsonval\n69003 Lyon"),
                                                     kind="access-medical-record", laws=("gdpr-art15", "csp-l1111-7",
                                                                                         "cada"))],
                                         today=date(2026, 10, 1))
    tracker.mark_sent(hospital.id, date(2026, 10, 1), "post")
    tracker.mark_received(hospital.id, date(2026, 10, 5))
    tracker.mark_answered(hospital.id, date(2026, 10, 20), "refused")
    letters = tmp_path / "letters"
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, path, letters_folder=letters)
        detail = " ".join(str(screen.query_one("#request-detail", Static).render()).split())
        assert "refer it to the CADA by 21 December 2026 (CRPA R.343-1)" in detail
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowupDialog) and app.screen.query_one("#kind-cada").value
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        letter = letters / "camille-martin" / "hopital-edouard-herriot.fr.cada.txt"
        assert "TSA 50730" in letter.read_text(encoding="utf-8")
        assert not (letters / "camille-martin" / "hopital-edouard-herriot.fr.cada.eml").exists()
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one("#kind-cada").value
        app.screen.query_one("#day", Input).value = "2026-11-02"
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        detail = " ".join(str(screen.query_one("#request-detail", Static).render()).split())
        assert "Referred to the CADA on 2 November 2026" in detail and "7 December 2026" in detail
    assert Tracker(path).get(hospital.id).cada_referred == date(2026, 11, 2)


async def test_the_tracker_s_dialogs_name_the_organisation_in_the_language_of_the_chat(tmp_path):
    """The dialogs' titles took the tracked name as it is, a French placeholder in an English chat."""
    path = tmp_path / "tracker.json"
    Tracker(path).record_requests([NewRequest(CAMILLE, "your-pharmacy", "Votre pharmacie (2)", Contact())],
                                  today=date(2026, 11, 3))
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_tracker(app, pilot, path)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, DateDialog)
        assert "When did you send the letter to Your pharmacy (2), and how?" in " ".join(
            str(app.screen.query_one("#dialog > .title").render()).split())


async def test_an_answer_makes_the_estimated_receipt_moot(tmp_path):
    """Walking as James: Doctolib answered the day he posted his letter, and the pane still said it would receive it
    five days later ("Received on 8 December 2026 (estimated)" above "Answered on 3 December 2026")."""
    path = tmp_path / "tracker.json"
    tracker = Tracker(path)
    (doctolib,) = tracker.record_requests([NewRequest(CAMILLE, "doctolib", "Doctolib SAS", Contact(postal="Paris"))],
                                          today=date(2026, 11, 3))
    tracker.mark_sent(doctolib.id, date(2026, 11, 3), "post")
    app = SarApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, path)
        assert "(estimated)" in str(screen.query_one("#request-detail", Static).render())
        tracker.mark_answered(doctolib.id, date(2026, 11, 3), missing=("retention",))
        screen.reload()
        await pilot.pause()
        detail = str(screen.query_one("#request-detail", Static).render())
        assert "Answered on 3 November 2026" in detail and "Received" not in detail


@pytest.mark.parametrize("key, title", [
    ("r", "Quand votre demande a-t-elle été reçue par Cerballiance (accusé de réception) ?"),
    ("x", "Quand avez-vous appris que Cerballiance a besoin de plus de temps ?"),
    ("a", "Quand avez-vous reçu la réponse de Cerballiance, et que contient-elle ?"),
])
async def test_the_french_dialogs_do_not_give_the_organisation_a_gender(db, key, title):
    """Marcel's walk (issue 24): « Quand Pharmacie du Marché a-t-il répondu » took a pharmacy for a man; the question
    is asked of the person, whom the French knows as « vous »."""
    app = SarApp(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db, person=Tracker(db).find_person_id(CAMILLE))
        select_row(screen, "Cerballiance")
        await pilot.press(key)
        await pilot.pause()
        said = " ".join(str(app.screen.query_one("#dialog > .title").render()).split())
        assert said == title and "a-t-il" not in said


@pytest.mark.parametrize("lang, key, title", [
    ("en", "f Follow-up", "Write a follow-up about Doctolib"),
    ("fr", "f Courrier", "Donner suite à votre demande à Doctolib"),
])
async def test_the_follow_up_key_is_named_for_every_letter_it_writes(db, lang, key, title):
    """Walking as James: after a partial answer the footer offered "f Reminder", and its dialog wrote the letter asking
    for the missing items (« Relance » in French, and a title that spoke only of a reminder or a complaint)."""
    Tracker(db).mark_answered(1, date(2026, 11, 20), missing=["recipients"])
    app = SarApp(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(app, pilot, db, person=Tracker(db).find_person_id(CAMILLE))
        select_row(screen, "Doctolib")
        await pilot.pause()
        assert key in footer_text(app)
        assert "Reminder" not in footer_text(app) and "Relance" not in footer_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowupDialog)
        assert " ".join(str(app.screen.query_one("#dialog > .title").render()).split()) == title
