"""The tracker's statistics screen (issue 25.2): opened with t from the tracker, the table of `sar track stats`, the
figures of the highlighted organisation in words, the bar chart of the delays; snapshots at 80x24 and 120x40, in French
and in English. The tracker is tests/test_stats.py's, whose figures were counted by hand there."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static, TabbedContent

from sar.tui.app import SarApp
from sar.tui.screens.stats import DelayChart, StatsScreen
from sar.tui.screens.tracker import TrackerScreen
from tests.test_stats import ANNA, PERSONAL, TODAY, stats_tracker

pytest.importorskip("pytest_textual_snapshot")


@pytest.fixture
def db(tmp_path):
    return stats_tracker(tmp_path / "association.json").path


def rows(screen) -> list[list[str]]:
    table = screen.query_one("#stats-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


async def test_t_in_the_tracker_opens_the_figures_of_every_organisation(db):
    app = SarApp(lang="en", db_path=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(TrackerScreen(db, today=TODAY))
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert rows(screen)[:2] == [["Doctolib SAS", "4", "2/4", "2/4", "15/20", "0/4", "0/4"],
                                    ["Cerballiance", "3", "0/1", "1/1", "30/30", "1/3", "1/3"]]
        summary = str(screen.query_one("#stats-summary", Static).render())
        assert "11 requests sent by 3 people to 5 organisations" in summary
        await pilot.press("down")  # Cerballiance: its figures in words, with what each rests on
        await pilot.pause()
        detail = str(screen.query_one("#stats-detail", Static).render())
        assert "answered late: 1 of 1 answered (median 30 days, worst 30 days after the deadline)" in detail
        assert "unanswered past the deadline: 1 of 3 sent" in detail
        assert not [word for word in PERSONAL if word in summary + detail]
        await pilot.press("d")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "delays"
        chart = str(screen.query_one(DelayChart).render())
        assert "15/20 d (2)" in chart and "30/30 d (1)" in chart
        doctolib_bar = next(line for line in chart.splitlines() if line.startswith("Doctolib SAS"))
        assert "█░" in doctolib_bar  # the median, then on to the worst
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TrackerScreen)


async def test_one_persons_tracker_gives_that_persons_figures(db):
    from sar.requests import Tracker

    app = SarApp(lang="en", db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.push_screen(TrackerScreen(db, person=Tracker(db).find_person_id(ANNA), today=TODAY))
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert [row[1] for row in rows(app.screen)] == ["1", "1", "1", "1"]
        assert len(rows(app.screen)[0]) == 10  # 120 columns: every figure in the table
        assert "One person's requests." in str(app.screen.query_one("#stats-summary", Static).render())


def showing_stats(db, tab: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.app.push_screen(StatsScreen(db, today=TODAY))
        await pilot.pause()
        if tab == "delays":
            await pilot.press("d")
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("tab", ["figures", "delays"])
@pytest.mark.parametrize("lang, size", [("fr", (80, 24)), ("en", (80, 24)), ("fr", (120, 40)), ("en", (100, 30))],
                         ids=["fr-80x24", "en-80x24", "fr-120x40", "en-100x30"])
def test_stats_screen(snap_compare, db, tab, lang, size):
    assert snap_compare(SarApp(lang=lang), terminal_size=size, run_before=showing_stats(db, tab))
