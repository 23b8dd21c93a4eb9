"""What each screen looks like, at 80×24 and 100×30, in French and in English (pytest-textual-snapshot).

A layout that breaks (a cut-off label, a footer key pushed out, a dialog taller than the terminal) changes an SVG here.
Everything that could differ between runs is fixed: the dates (`today`), the data dir and tracker (tmp paths from
conftest), the letters' folder shown. After a deliberate change of layout: `pytest tests/test_tui_snapshots.py
--snapshot-update`, then look at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest

from sar import journey
from sar.directory import Contact
from sar.requests import NewRequest, Tracker
from sar.tui.app import SarApp
from sar.tui.screens.findings import FindingsScreen
from sar.tui.screens.letters import LettersScreen
from sar.tui.screens.tracker import TrackerScreen
from tests.test_tui_chat import draft_until

pytest.importorskip("pytest_textual_snapshot")

TODAY = date(2026, 11, 23)
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.toml"
SIZES = {"80x24": (80, 24), "100x30": (100, 30)}
LANGUAGES = ("fr", "en")

every_layout = pytest.mark.parametrize(
    "lang, size", [(lang, size) for lang in LANGUAGES for size in SIZES.values()],
    ids=[f"{lang}-{name}" for lang in LANGUAGES for name in SIZES],
)


def camille_findings():
    from sar.inference import infer

    camille = journey.load_answers(EXAMPLE)
    return camille, infer(camille)


def farmer_tracker(tmp_path) -> Path:
    """Jean Dubois's letters (Périgueux, MSA): his MSA's, his pharmacy's and his tiers-payant operator's left as drafts
    for want of an address, his hospital's and his doctor's posted (the doctor's is overdue on 23 Nov. 2026)."""
    from tests.test_tui_findings import JEAN

    path = tmp_path / "tracker.json"
    tracker = Tracker(path)
    folder = "/home/jean/sar-letters/jean-dubois"
    requests = tracker.record_requests([
        NewRequest(JEAN.person, "msa", "MSA Dordogne Lot-et-Garonne", Contact(), files=(f"{folder}/msa.fr.pdf",)),
        NewRequest(JEAN.person, "your-hospital", "Centre hospitalier de Périgueux",
                   Contact(postal="Centre hospitalier de Périgueux\n80 avenue Georges Pompidou\n24000 Périgueux"),
                   kind="access-medical-record", files=(f"{folder}/your-hospital.fr.pdf",)),
        NewRequest(JEAN.person, "your-doctor", "Dr Claire Roux", Contact(postal="2 place Francheville\n24000 Périgueux"),
                   kind="access-medical-record", files=(f"{folder}/your-doctor.fr.pdf",)),
        NewRequest(JEAN.person, "your-pharmacy", "Pharmacie du Marché", Contact(),
                   files=(f"{folder}/your-pharmacy.fr.pdf",)),
        NewRequest(JEAN.person, "tiers-payant-operator", "Opérateur de tiers payant (Almerys, Viamedis, SP Santé…)",
                   Contact(), files=(f"{folder}/tiers-payant-operator.fr.pdf",)),
    ], today=date(2026, 11, 3))
    tracker.mark_sent(requests[1].id, date(2026, 11, 20), "post")
    tracker.mark_sent(requests[2].id, date(2026, 11, 3), "post")
    return path


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def showing(make_screen):
    """A run_before that pushes the screen `make_screen()` over the chat and waits until it is drawn."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.app.push_screen(make_screen())
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@every_layout
def test_chat_first_question(snap_compare, lang, size):
    assert snap_compare(SarApp(lang=lang), terminal_size=size)


@every_layout
def test_chat_question_with_quick_replies(snap_compare, lang, size):
    draft_until("lab")  # Camille has answered up to her doctor; the chat asks about lab tests, yes or no

    async def resume(pilot) -> None:
        await pilot.pause()
        await pilot.press("1")  # continue where I left off
        await pilot.pause()

    assert snap_compare(SarApp(lang=lang), terminal_size=size, run_before=resume)


@every_layout
def test_findings_of_the_example_journey(snap_compare, lang, size):
    camille, findings = camille_findings()
    assert snap_compare(SarApp(lang=lang), terminal_size=size,
                        run_before=showing(lambda: FindingsScreen(camille, findings)))


@every_layout
def test_letters_preview(snap_compare, lang, size, tmp_path):
    camille, findings = camille_findings()
    screen = lambda: LettersScreen(camille, findings, tmp_path / "tracker.json",  # noqa: E731
                                   folder=Path("/home/camille/sar-letters"), today=TODAY)
    assert snap_compare(SarApp(lang=lang), terminal_size=size, run_before=showing(screen))


@every_layout
def test_home_of_a_returning_person(snap_compare, lang, size, tmp_path):
    """Jean Dubois comes back: drafts waiting for an address, a deadline passed, one near, his last answers."""
    from sar.finished_journeys import FinishedJourneys
    from tests.test_tui_findings import JEAN

    path = farmer_tracker(tmp_path)
    FinishedJourneys().keep(journey.journey_as_answers(JEAN))
    # The day his answers were kept is shown: fix it.
    for kept in FinishedJourneys().all():
        stamp = datetime(2026, 11, 3, 12).timestamp()
        os.utime(kept.path, (stamp, stamp))
    assert snap_compare(SarApp(lang=lang, db_path=path, today=TODAY), terminal_size=size,
                        run_before=lambda pilot: settle(pilot))


@every_layout
def test_tracker_of_the_farmer(snap_compare, lang, size, tmp_path):
    """Long names wrap in their column (« MSA Dordogne Lot-et-Garonne », « Centre hospitalier de Périgueux »); dates as
    people write them; the footer offers what applies to the request under the cursor (a draft: sent, open)."""
    path = farmer_tracker(tmp_path)
    assert snap_compare(SarApp(lang=lang, today=TODAY), terminal_size=size,
                        run_before=showing(lambda: TrackerScreen(path, today=TODAY)))


@every_layout
def test_tracker_with_an_overdue_request(snap_compare, lang, size, tmp_path):
    camille = journey.load_answers(EXAMPLE).person
    path = tmp_path / "tracker.json"
    tracker = Tracker(path)
    post = Contact(postal="26 rue de Berri\n75008 Paris", email="dpo@doctolib.fr")
    doctolib, cerballiance = tracker.record_requests([
        NewRequest(camille, "doctolib", "Doctolib", post),
        NewRequest(camille, "cerballiance", "Cerballiance", post),
    ], today=date(2026, 9, 1))
    tracker.mark_sent(doctolib.id, date(2026, 9, 1), "post")
    tracker.mark_received(doctolib.id, date(2026, 9, 4))  # due 5 Oct.: 49 days late on 23 Nov.
    tracker.mark_sent(cerballiance.id, date(2026, 11, 20), "post")
    assert snap_compare(SarApp(lang=lang), terminal_size=size,
                        run_before=showing(lambda: TrackerScreen(path, today=TODAY)))


def dialogs():
    from sar.tui.screens.findings import ContactForm, LookupDialog
    from sar.replies import items_for
    from sar.tui.screens.tracker import DateDialog, FollowupDialog, FOLLOW_UP_LABELS
    from sar.tui.widgets.reply_checklist import ReplyChecklistDialog
    from tests.test_tui_findings import mutuelle

    from sar.tui.screens.findings import NewOrganisationForm
    from sar.tui.screens.tracker_dialogs import CHANNEL_LABELS
    from tests.test_tui_findings import farmer_findings

    return {
        "contact": lambda: ContactForm(mutuelle().actor),
        # The MSA's: where to look, above the fields.
        "contact-msa": lambda: ContactForm(next(f for f in farmer_findings() if f.actor.id == "msa").actor),
        "new-organisation": lambda: NewOrganisationForm("Saint-Antoine"),
        "sent": lambda: DateDialog("Quand et comment avez-vous envoyé la lettre à MSA Dordogne Lot-et-Garonne ?", TODAY,
                                   kinds=CHANNEL_LABELS, kind="post"),
        "lookup": lambda: LookupDialog(mutuelle().actor),
        "date": lambda: DateDialog("Doctolib ?", TODAY, kinds=FOLLOW_UP_LABELS, kind="reminder"),
        "followup": lambda: FollowupDialog("Doctolib", "reminder", Path("/home/camille/sar-letters")),
        # The longest checklist: a medical record's eleven items (sar.replies).
        "checklist": lambda: ReplyChecklistDialog("Quand l'Hôpital Édouard-Herriot a-t-il répondu, et avec quoi ?", TODAY,
                                                  items_for("access-medical-record")),
    }


@pytest.mark.parametrize("dialog", ["contact", "contact-msa", "new-organisation", "lookup", "date", "sent", "followup",
                                    "checklist"])
def test_dialogs_in_french_at_80x24(snap_compare, dialog):
    """The dialogs' own layout (sar.tui.widgets.dialog) in the language whose words are longest, on the smallest screen."""
    assert snap_compare(SarApp(lang="fr"), terminal_size=(80, 24), run_before=showing(dialogs()[dialog]))


@every_layout
def test_other_rights_with_a_warning(snap_compare, lang, size):
    from sar.tui.screens.rights import RightsScreen

    _camille, findings = camille_findings()

    async def erasure_of_the_record(pilot) -> None:
        await showing(lambda: RightsScreen(findings))(pilot)
        pilot.app.screen.query_one("#right-erasure").value = True  # to her doctor: the record is kept 20 years
        await pilot.pause()

    assert snap_compare(SarApp(lang=lang), terminal_size=size, run_before=erasure_of_the_record)
