"""How each organisation answered (`sar track stats` in the tracker): the table of figures and a bar chart of the delays.

Opened from the tracker screen (key t; o opens a letter there), over everyone's requests or the person the tracker
shows. The table gives each figure as "count/base" (on time 2/3: two of the three answered); the pane under it says the
highlighted organisation's figures in words, each with what it is counted over, as `sar track stats` prints them. The
chart draws, per organisation with late answers, the median and the worst delay in days after the deadline, with block
characters: it reads without colour, at 80 columns as at 200, and in a screen reader as text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from sar.errors import SarError
from sar.i18n import N_, _
from sar.requests import Tracker
from sar.requests.stats import TrackerStats, organisation_lines, shown_organisation, summary_lines
from sar.tui.widgets.footer import TranslatedFooter
from sar.tui.widgets.words import say_again

MEDIAN_BAR, WORST_BAR = "█", "░"
TAB_TITLES = {"figures": N_("Table"), "delays": N_("Delays")}


def ratio(count: int, base: int) -> str:
    """"2/3": a count and the number of requests it rests on; "–" when it rests on none."""
    return f"{count}/{base}" if base else "–"


WIDE = 110  # from this many columns the table shows every figure; below, the pane under it says the others
TABLE_MARGIN = 4  # the screen's edges and the table's scroll bar


def table_columns(wide: bool, screen_width: int) -> list[tuple[str, int]]:
    """(header, width): each figure's column as wide as the longest word of its header (headers wrap on two lines,
    in either language); the organisation's name takes the rest, and wraps."""
    figures = [_("Requests sent"), _("On time"), _("Late"), _("Days late"), _("Past due")]
    if wide:
        figures += [_("Delay extended"), _("Incomplete"), _("Refused")]
    figures.append(_("CNIL complaints"))
    widths = [max(5, *(len(word) for word in header.split())) for header in figures]
    padding = 2 * (len(figures) + 1)
    organisation = max(14, screen_width - TABLE_MARGIN - padding - sum(widths))
    return [(_("Organisation"), organisation), *zip(figures, widths)]


def table_row(org, wide: bool) -> list[str]:
    delays = f"{org.median_delay:g}/{org.worst_delay}" if org.late_delays else "–"
    row = [shown_organisation(org), str(org.sent), ratio(org.answered_on_time, org.answered),
           ratio(org.answered_late, org.answered), delays, ratio(org.unanswered_past_deadline, org.sent)]
    if wide:
        row += [ratio(org.extended, org.sent), ratio(org.incomplete, org.answered), ratio(org.refused, org.answered)]
    return row + [ratio(org.complaints, org.sent)]


class DelayChart(Widget):
    """A horizontal bar per organisation with late answers: █ up to the median delay, ░ on to the worst, then the
    figures and how many late answers they rest on. Scaled to the widget's width."""

    DEFAULT_CSS = """
    DelayChart {
        height: auto;
    }
    """

    def __init__(self, stats: TrackerStats | None = None, **kwargs):
        super().__init__(**kwargs)
        self.stats = stats

    def show(self, stats: TrackerStats) -> None:
        self.stats = stats
        self.refresh(layout=True)

    def late(self):
        return [org for org in (self.stats.organisations if self.stats else ()) if org.late_delays]

    def get_content_height(self, container, viewport, width: int) -> int:
        return 2 + max(1, len(self.late()))

    def render(self) -> Text:
        late = self.late()
        text = Text(_("Delays of late answers, in days after the deadline ({median} median, {worst} worst)").format(
            median=MEDIAN_BAR, worst=WORST_BAR) + "\n\n", style="bold")
        if not late:
            text.append(_("No answer came late."))
            return text
        width = max(self.size.width, 40)
        names = [shown_organisation(org) for org in late]
        label_width = min(max(len(name) for name in names), width * 2 // 5)
        figures = [_("{median}/{worst} d ({count})").format(median=f"{org.median_delay:g}", worst=org.worst_delay,
                                                           count=org.answered_late) for org in late]
        bar_width = max(width - label_width - max(len(figure) for figure in figures) - 3, 5)
        longest = max(org.worst_delay for org in late) or 1
        for name, figure, org in zip(names, figures, late):
            worst = max(1, round(org.worst_delay * bar_width / longest))
            median = min(worst, max(1 if org.median_delay else 0, round(org.median_delay * bar_width / longest)))
            label = name if len(name) <= label_width else name[:label_width - 1] + "…"
            text.append(f"{label:<{label_width}} ")
            text.append(MEDIAN_BAR * median, style="bold")
            text.append(WORST_BAR * (worst - median))
            text.append(f" {figure}\n")
        return text


class StatsScreen(Screen):
    """The figures of `sar.requests.stats` for the tracker (or one person's requests), as a table and a chart."""

    CSS_PATH = "stats.tcss"
    AUTO_FOCUS = "#stats-table"
    BINDINGS = [
        Binding("t", "show_tab('figures')", N_("Table")),
        Binding("d", "show_tab('delays')", N_("Delays")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, tracker_path: Path, *, person: str | None = None, today: date | None = None):
        super().__init__()
        self.tracker = Tracker(tracker_path)
        self.person = person
        self.today = today or date.today()
        self.stats: TrackerStats | None = None
        self.wide = False

    def compose(self):
        yield Static("", id="stats-summary", markup=False)
        with TabbedContent(initial="figures"):
            with TabPane(_(TAB_TITLES["figures"]), id="figures"):
                yield DataTable(id="stats-table", cursor_type="row", zebra_stripes=True, header_height=2)
                yield Static("", id="stats-detail", markup=False)
            with TabPane(_(TAB_TITLES["delays"]), id="delays"):
                yield DelayChart(id="delay-chart")
        yield TranslatedFooter(app_keys=False)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        try:
            self.stats = self.tracker.stats(person=self.person, today=self.today) if self.tracker.exists() else \
                TrackerStats(self.today, 0, 0, ())
        except SarError as error:
            self.notify(str(error), severity="error", timeout=20)
            self.stats = TrackerStats(self.today, 0, 0, ())
        scope = _("Everyone's requests.") if self.person is None else _("One person's requests.")
        summary = summary_lines(self.stats) if self.stats.organisations else [
            _("No request has been sent yet: the figures count requests once they are sent.")]
        self.query_one("#stats-summary", Static).update(" ".join([scope, *summary]))
        self._fill_table()
        self.query_one("#delay-chart", DelayChart).show(self.stats)
        self._detail(self.query_one("#stats-table", DataTable).cursor_row)

    def _fill_table(self) -> None:
        table = self.query_one("#stats-table", DataTable)
        self.wide = self.app.size.width >= WIDE
        row = table.cursor_row
        table.clear(columns=True)
        for header, width in table_columns(self.wide, self.app.size.width):
            table.add_column(header, width=width)
        for number, org in enumerate(self.stats.organisations):
            table.add_row(*table_row(org, self.wide), key=str(number), height=None)  # a long name wraps
        if row:
            table.move_cursor(row=row)

    def on_resize(self) -> None:
        if self.stats is not None:
            self._fill_table()

    @on(DataTable.RowHighlighted, "#stats-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    def _detail(self, row: int | None) -> None:
        organisations = self.stats.organisations if self.stats else ()
        text = "\n".join(organisation_lines(organisations[row])) if organisations and row is not None and \
            0 <= row < len(organisations) else ""
        self.query_one("#stats-detail", Static).update(text)

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def commands(self):
        yield _("Table (t)"), _("The figures of each organisation"), lambda: self.action_show_tab("figures")
        yield _("Delays (d)"), _("The chart of the delays of late answers"), lambda: self.action_show_tab("delays")
        yield _("Back (escape)"), _("Back to the requests"), self.action_back

    def action_back(self) -> None:
        self.app.pop_screen()

    def language_changed(self) -> None:
        """Say everything again in the new language, in place: the tab shown and the organisation under the cursor
        stay."""
        say_again(self)
        tabs = self.query_one(TabbedContent)
        for pane_id, title in TAB_TITLES.items():
            tabs.get_tab(pane_id).label = _(title)
        self.reload()


__all__ = ["DelayChart", "StatsScreen"]
