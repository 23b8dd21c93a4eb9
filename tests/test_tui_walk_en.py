"""What James Whitfield, a British man in Paris, stumbled on in the English chat at 100x30 and 80x24 (issue 24's walk):
each test failed before its fix."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sar import journey
from sar.inference import infer
from sar.replies import items_for
from sar.tui.app import SarApp
from sar.tui.screens.letters import LettersScreen
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
