"""The tracker: every request with its status and its legal deadline (overdue ones in the error colour), and what to do next.

The person enters the dates that move the clocks (acknowledgement of receipt, extension announced, answer), exports the
deadlines to a calendar, and, in an association, switches between the people the tracker holds.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from sar.errors import SarError
from sar.i18n import N_, _, format_date
from sar.tracker import DEADLINE_NAMES, STATUS_NAMES, Tracker
from sar.tui.widgets.footer import TranslatedFooter

EVERYONE = "*"


class TrackerScreen(Screen):
    CSS_PATH = "tracker.tcss"
    BINDINGS = [
        Binding("r", "received", N_("Received")),
        Binding("x", "extended", N_("Extended")),
        Binding("a", "answered", N_("Answered")),
        Binding("f", "followup", N_("Reminder")),
        Binding("c", "calendar", N_("Calendar")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, tracker_path: Path, *, person: str | None = None, today: date | None = None):
        super().__init__()
        self.tracker = Tracker(tracker_path)
        self.person = person or EVERYONE
        self.today = today or date.today()

    def compose(self):
        with Horizontal(id="people-line"):
            yield Label(_("Person"))
            yield Select([(_("Everyone"), EVERYONE)], value=EVERYONE, id="people", allow_blank=False, compact=True)
        yield DataTable(id="requests", cursor_type="row", zebra_stripes=True)
        yield Static("", id="request-detail", markup=False)
        yield TranslatedFooter()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        try:
            people = self.tracker.people() if self.tracker.exists() else []
            requests = self.tracker.list_requests(None if self.person == EVERYONE else self.person)
        except SarError as error:
            self.notify(str(error), severity="error", timeout=20)
            people, requests = [], []
        from sar.tracker import person_id

        options = [(_("Everyone"), EVERYONE)] + [(p.full_name, person_id(p)) for p in people]
        select = self.query_one("#people", Select)
        with select.prevent(Select.Changed):
            select.set_options(options)
            select.value = self.person if any(value == self.person for _label, value in options) else EVERYONE
        self.query_one("#people-line").display = len(people) > 1
        table = self.query_one("#requests", DataTable)
        table.clear(columns=True)
        for label, width in (("#", 3), (_("Organisation"), 26), (_("Status"), 22), (_("Sent"), 10), (_("Due"), 10)):
            table.add_column(label, width=width)
        if len(people) > 1 and self.person == EVERYONE:
            table.add_column(_("Person"), width=20)
        error_colour = self.app.current_theme.error or "red"
        for request in requests:
            overdue = request.overdue(self.today)
            style = f"bold {error_colour}" if overdue else ""
            status = _(STATUS_NAMES.get(request.status, request.status))
            if overdue:
                status = _("{status}, {days} days late").format(status=status, days=request.days_late(self.today))
            cells = [
                str(request.id),
                request.actor_name,
                status,
                request.sent.isoformat() if request.sent else "–",
                request.due.isoformat() if request.due else "–",
            ]
            if len(people) > 1 and self.person == EVERYONE:
                cells.append(request.person_name)
            table.add_row(*(Text(cell, style=style) for cell in cells), key=str(request.id))
        self.requests = {str(r.id): r for r in requests}
        if not requests:
            self.query_one("#request-detail", Static).update(
                _("No request yet. Requests appear here once you mark your letters as sent.")
            )
        else:
            self._detail(table.cursor_row)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    def _detail(self, row: int) -> None:
        request = self.selected(row)
        if request is None:
            return
        lines = [f"{request.actor_name} — {_(STATUS_NAMES.get(request.status, request.status))}"]
        if request.received:
            text = _("Received on {date}").format(date=format_date(request.received))
            lines.append(text + (_(" (estimated)") if request.received_is_estimate else ""))
        for name, day in request.deadlines():
            lines.append(f"{_(DEADLINE_NAMES.get(name, name))}: {format_date(day)}")
        self.query_one("#request-detail", Static).update("\n".join(lines))

    def selected(self, row: int | None = None):
        table = self.query_one("#requests", DataTable)
        row = table.cursor_row if row is None else row
        if not self.requests or row is None or row < 0 or row >= table.row_count:
            return None
        key = table.coordinate_to_cell_key((row, 0)).row_key.value
        return self.requests.get(key)

    @on(Select.Changed, "#people")
    def _person(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.person = event.value
            self.reload()

    def _with_request(self, title: str, change) -> None:
        request = self.selected()
        if request is None:
            self.notify(_("Choose a request first."), severity="warning")
            return

        def done(day: date | None) -> None:
            if day is None:
                return
            try:
                change(request.id, day)
            except SarError as error:
                self.notify(str(error), severity="error", timeout=15)
            self.reload()

        self.app.push_screen(DateDialog(title.format(name=request.actor_name), self.today), done)

    def action_received(self) -> None:
        self._with_request(_("When did {name} receive your request (acknowledgement of receipt)?"),
                           lambda rid, day: self.tracker.mark_received(rid, day))

    def action_extended(self) -> None:
        self._with_request(_("When did {name} tell you it needs more time?"),
                           lambda rid, day: self.tracker.mark_extended(rid, day))

    def action_answered(self) -> None:
        self._with_request(_("When did {name} answer?"), lambda rid, day: self.tracker.mark_answered(rid, day))

    def action_followup(self) -> None:
        self.notify(
            _("Reminders and CNIL complaints are not in this version of sar yet. Your deadlines are in the table."),
            severity="warning",
            timeout=10,
        )

    def action_calendar(self) -> None:
        def chosen(path: str | None) -> None:
            if not path:
                return
            try:
                count = self.tracker.export_ics(Path(path).expanduser())
            except (SarError, OSError) as error:
                self.notify(str(error), severity="error", timeout=15)
                return
            self.notify(_("{count} deadlines written to {path}").format(count=count, path=path))

        self.app.push_screen(PathDialog(_("Save the deadlines as a calendar file (.ics):"),
                                        str(Path.home() / "sar-deadlines.ics")), chosen)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def language_changed(self) -> None:
        self.refresh(recompose=True)
        self.call_after_refresh(self.reload)


class DateDialog(ModalScreen[date | None]):
    """Ask for one date (YYYY-MM-DD, not in the future); refused dates say why and keep the dialog open."""

    CSS_PATH = "tracker.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, today: date):
        super().__init__()
        self.title_text = title
        self.today = today

    def compose(self):
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="title")
            yield Input(self.today.isoformat(), id="day", placeholder=_("YYYY-MM-DD, e.g. 1985-04-12"))
            yield Static("", id="dialog-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), id="save", variant="primary", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        text = self.query_one("#day", Input).value.strip()
        error = self.query_one("#dialog-error", Static)
        try:
            day = date.fromisoformat(text)
        except ValueError:
            error.update("⚠ " + _("{value!r} is not a real date: write it as YYYY-MM-DD").format(value=text))
            return
        if day > self.today:
            error.update("⚠ " + _("{date} is in the future").format(date=day.isoformat()))
            return
        self.dismiss(day)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class PathDialog(ModalScreen[str | None]):
    CSS_PATH = "tracker.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, default: str):
        super().__init__()
        self.title_text = title
        self.default = default

    def compose(self):
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="title")
            yield Input(self.default, id="path")
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), id="save", variant="primary", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        self.dismiss(self.query_one("#path", Input).value.strip() or None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
