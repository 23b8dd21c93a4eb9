"""Each screen's styles stay on that screen: a dialog looks the same whichever screens were shown before it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sar import journey
from sar.tui.app import SarApp
from sar.tui.screens.findings import FindingsScreen
from sar.tui.screens.letters import LettersScreen
from sar.tui.screens.tracker import DateDialog, TrackerScreen

SIZE = (80, 24)
TODAY = date(2026, 11, 23)
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.toml"
STYLES = ("width", "height", "max_height", "margin", "padding", "border", "color", "background", "text_style", "align",
          "display")


def looks(screen) -> dict[str, tuple]:
    """What the eye sees of each widget of `screen`: its place on screen and the styles that draw it."""
    return {
        f"{index}:{type(widget).__name__}#{widget.id}": (widget.region, *(str(getattr(widget.styles, name)) for name in STYLES))
        for index, widget in enumerate(screen.query("*"))
    }


async def date_dialog_looks(tmp_path: Path, screens_before) -> dict[str, tuple]:
    app = SarApp(lang="en", db_path=tmp_path / "tracker.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for screen in screens_before():
            await app.push_screen(screen)
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
        await app.push_screen(TrackerScreen(tmp_path / "tracker.json", today=TODAY))
        await pilot.pause()
        await app.push_screen(DateDialog("When did Doctolib receive your request?", TODAY))
        await pilot.pause()
        return looks(app.screen)


async def test_the_findings_and_letters_styles_do_not_change_the_trackers_date_dialog(tmp_path):
    camille = journey.load_answers(EXAMPLE)

    def findings_and_letters():
        from sar.inference import infer

        findings = infer(camille)
        return [FindingsScreen(camille, findings), LettersScreen(camille, findings, tmp_path / "tracker.json")]

    alone = await date_dialog_looks(tmp_path, lambda: [])
    after_the_others = await date_dialog_looks(tmp_path, findings_and_letters)
    assert after_the_others == alone
