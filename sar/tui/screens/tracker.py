"""The tracker: every request with its status and its legal deadline (overdue ones in the error colour), and what to do next.

The person enters the dates that move the clocks (acknowledgement of receipt, extension announced, answer: for an access
request, with what came and what did not, item by item, `sar.replies`), writes the reminder once a deadline has passed,
the letter asking for what a partial answer lacked, or the CNIL complaint (GDPR art. 77), records that it was sent,
exports the deadlines to a calendar, and, in an association, switches between the people the tracker holds.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Input, Label, RadioButton, RadioSet, Select, Static

from sar.errors import InputError, SarError
from sar.i18n import N_, _, format_date
from sar.replies import is_access_request, item, items_for
from sar.requests import DEADLINE_NAMES, STATUS_NAMES, Tracker, cada
from sar.rights import shown_request
from sar.tui.widgets.dialog import Dialog
from sar.tui.widgets.footer import TranslatedFooter
from sar.tui.widgets.reply_checklist import ReplyChecklistDialog, read_past_day

EVERYONE = "*"
FOLLOW_UP_LABELS = (("reminder", N_("Reminder to the organisation")), ("complaint", N_("Complaint to the CNIL")))
INCOMPLETE_LABEL = ("incomplete", N_("Request for the missing items"))
CADA_LABEL = ("cada", N_("Referral to the CADA"))
WRITTEN_LABELS = {"reminder": N_("Reminder written:"), "incomplete": N_("Letter asking for the missing items written:"),
                  "complaint": N_("Complaint to the CNIL written:"), "cada": N_("Referral to the CADA written:")}


def follow_up_kinds(request) -> tuple[tuple[str, str], ...]:
    """The follow-ups this request can have: the letter asking for the missing items only after a partial answer that
    says what it lacked (an access request); the referral to the CADA only for a public hospital's record refused, sent
    without its documents or left unanswered (sar.requests.cada)."""
    kinds = FOLLOW_UP_LABELS
    if request.status == "partial" and request.missing:
        kinds = (FOLLOW_UP_LABELS[0], INCOMPLETE_LABEL, *FOLLOW_UP_LABELS[1:])
    return (*kinds, CADA_LABEL) if cada.route_open(request) else kinds


def suggested_follow_up(request) -> str:
    if request.status == "partial" and request.missing:
        return "incomplete"
    if request.status == "refused" and cada.route_open(request):
        return "cada"
    return "complaint" if request.status == "reminded" else "reminder"
FORMAT_LABELS = (("pdf", N_("PDF")), ("txt", N_("Text")), ("eml", N_("E-mail draft")))


class TrackerScreen(Screen):
    CSS_PATH = "tracker.tcss"
    BINDINGS = [
        Binding("r", "received", N_("Received")),
        Binding("x", "extended", N_("Extended")),
        Binding("a", "answered", N_("Answered")),
        Binding("f", "followup", N_("Reminder")),
        Binding("s", "followup_sent", N_("Reminder sent")),
        # Room is short at 80 columns: these two are in the command palette (ctrl+p) rather than the footer.
        Binding("c", "calendar", N_("Calendar"), show=False),
        # How each organisation answered (sar.tui.screens.stats); in the command palette too, like the calendar.
        Binding("o", "stats", N_("By organisation"), show=False),
        Binding("escape", "back", N_("Back"), show=False),
    ]

    def __init__(self, tracker_path: Path, *, person: str | None = None, today: date | None = None,
                 letters_folder: Path | None = None):
        super().__init__()
        self.tracker = Tracker(tracker_path)
        self.person = person or EVERYONE
        self.today = today or date.today()
        self.letters_folder = letters_folder
        self.several_people = False
        self.followups_written: dict[int, str] = {}  # request id -> kind of the last follow-up written here

    def compose(self):
        with Horizontal(id="people-line"):
            yield Label(_("Person"))
            yield Select([(_("Everyone"), EVERYONE)], value=EVERYONE, id="people", allow_blank=False, compact=True)
        yield DataTable(id="requests", cursor_type="row", zebra_stripes=True)
        yield Static("", id="request-detail", markup=False)
        yield Static("", id="followup-written", markup=False)
        yield TranslatedFooter(app_keys=False)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        try:
            people = self.tracker.people_with_ids() if self.tracker.exists() else []
            requests = self.tracker.list_requests(None if self.person == EVERYONE else self.person)
        except SarError as error:
            self.notify(str(error), severity="error", timeout=20)
            people, requests = [], []
        options = [(_("Everyone"), EVERYONE)] + [(label, person_id) for person_id, label in _people_labels(people)]
        select = self.query_one("#people", Select)
        with self.prevent(Select.Changed):  # the screen is the active pump: its prevent covers these messages
            select.set_options(options)
            select.value = self.person if any(value == self.person for _label, value in options) else EVERYONE
        self.query_one("#people-line").display = len(people) > 1
        table = self.query_one("#requests", DataTable)
        table.clear(columns=True)
        # At 80 columns the person's name takes the place of the sending date (shown below the table). The widths add up
        # to 68, 78 with the cells' padding: no sideways scrolling, and room for "reçue, 49 jours de retard".
        self.several_people = len(people) > 1
        with_person = self.several_people and self.person == EVERYONE
        columns = [("#", 3), (_("Organisation"), 18 if with_person else 20), (_("Status"), 22 if with_person else 25)]
        columns += [(_("Due"), 10), (_("Person"), 14)] if with_person else [(_("Sent"), 10), (_("Due"), 10)]
        for label, width in columns:
            table.add_column(label, width=width)
        error_colour = self.app.current_theme.error or "red"
        for request in requests:
            overdue = request.overdue(self.today)
            style = f"bold {error_colour}" if overdue else ""
            status = _(STATUS_NAMES.get(request.status, request.status))
            if overdue:
                status = _("{status}, {days} days late").format(status=status, days=request.days_late(self.today))
            due = request.due.isoformat() if request.due else "–"
            if with_person:
                cells = [str(request.id), shown_request(request.actor_name, request.kind), status, due,
                         request.person_name]
            else:
                cells = [str(request.id), shown_request(request.actor_name, request.kind), status,
                         request.sent.isoformat() if request.sent else "–", due]
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
        name = shown_request(request.actor_name, request.kind)
        who = f"{name} ({request.person_name})" if self.several_people else name
        lines = [f"{who} — {_(STATUS_NAMES.get(request.status, request.status))}"]
        if request.sent:
            lines.append(_("Sent on {date}").format(date=format_date(request.sent)))
        if request.received:
            text = _("Received on {date}").format(date=format_date(request.received))
            lines.append(text + (_(" (estimated)") if request.received_is_estimate else ""))
        if request.late_extension:  # GDPR art. 12(3): notice within the first month, or no extension
            lines.append(_("Extension announced on {date}, after the first month: it does not extend the deadline "
                           "(GDPR art. 12(3))").format(date=format_date(request.extended_on)))
        if request.answered:
            lines.append(_("Answered on {date}").format(date=format_date(request.answered)))
        if request.missing:
            lines.append(_("Missing from the answer: {items}").format(
                items=", ".join(_(item(name).name) for name in request.missing)))
        route = cada.status_line(request, self.today)  # a public hospital's refusal: the CADA (issue 23.9), first
        if route:
            lines.append(route[:1].upper() + route[1:] + (_(" (F: write the referral)") if not request.cada_referred
                                                          else ""))
        for name, day in request.deadlines():
            lines.append(_("{deadline}: {date}").format(deadline=_(DEADLINE_NAMES.get(name, name)), date=format_date(day)))
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
        # A Changed posted while the options were being set (at mount, on reload) is stale by now: ignore it.
        if isinstance(event.value, str) and event.value == event.select.value and event.value != self.person:
            self.person = event.value
            self.reload()

    def _with_request(self, title: str, change) -> None:
        request = self.selected()
        if request is None:
            self.notify(_("Choose a request first."), severity="warning")
            return

        def done(day: date | None) -> None:
            if day is not None:
                self.record(change, request.id, day)

        self.app.push_screen(DateDialog(title.format(name=request.actor_name), self.today), done)

    @work(thread=True, group="tracker-write")
    def record(self, change, *args) -> None:
        """Write a change to the tracker (it waits for the tracker's file lock, so never on the UI thread), then show it."""
        try:
            change(*args)
        except SarError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=15)
        self.app.call_from_thread(self.reload)

    def commands(self):
        """Command-palette entries for this screen (the app lists them with its own)."""
        yield _("Received (r)"), _("Enter the day the organisation received your request"), self.action_received
        yield _("Extended (x)"), _("Enter the day the organisation said it needs more time"), self.action_extended
        yield _("Answered (a)"), _("Enter the day the organisation answered"), self.action_answered
        yield (_("Reminder or complaint (f)"),
               _("Write the reminder, the letter asking for the missing items, or the complaint to the CNIL"),
               self.action_followup)
        yield _("Reminder sent (s)"), _("Record the day you sent the reminder or the complaint"), self.action_followup_sent
        yield _("Calendar (c)"), _("Save the deadlines as a calendar file (.ics)"), self.action_calendar
        yield _("By organisation (o)"), _("How each organisation answered: figures and delays"), self.action_stats
        if len(self.app.screen_stack) > 2:
            yield _("Back (escape)"), _("Back to the previous screen"), self.action_back

    def action_received(self) -> None:
        self._with_request(_("When did {name} receive your request (acknowledgement of receipt)?"),
                           lambda rid, day: self.tracker.mark_received(rid, day))

    def action_extended(self) -> None:
        self._with_request(_("When did {name} tell you it needs more time?"),
                           lambda rid, day: self.tracker.mark_extended(rid, day))

    def action_answered(self) -> None:
        """An access request's answer is checked item by item (unticked: missing, and the answer is partial); another
        right's answer only needs its day."""
        request = self.selected()
        if request is None or not is_access_request(request.kind):
            self._with_request(_("When did {name} answer?"), lambda rid, day: self.tracker.mark_answered(rid, day))
            return

        def done(answer: tuple[date, tuple[str, ...]] | None) -> None:
            if answer is not None:
                day, missing = answer
                self.record(lambda rid: self.tracker.mark_answered(rid, day, missing=missing), request.id)

        self.app.push_screen(ReplyChecklistDialog(_("When did {name} answer, and with what?").format(
            name=request.actor_name), self.today, items_for(request.kind)), done)

    def action_followup(self) -> None:
        request = self.selected()
        if request is None:
            self.notify(_("Choose a request first."), severity="warning")
            return
        from sar.tui.screens.letters import default_folder

        folder = self.letters_folder or default_folder()

        def chosen(choice: tuple[str, Path, list[str]] | None) -> None:
            if choice is not None:
                self.write_followup(request.id, *choice)

        self.app.push_screen(FollowupDialog(request.actor_name, suggested_follow_up(request), folder,
                                            kinds=follow_up_kinds(request)), chosen)

    @work(exclusive=True, thread=True, group="followup")
    def write_followup(self, request_id: int, kind: str, folder: Path, formats: list[str]) -> None:
        """Render and write the letter (sar.requests.followups); a deadline not yet passed is an InputError told as a notice."""
        from sar.requests.followups import write_followup

        try:
            written = write_followup(self.tracker, request_id, kind, folder, formats, self.today)
        except (SarError, OSError) as error:
            self.app.call_from_thread(self.notify, str(error), severity="warning", timeout=20)
            return
        self.app.call_from_thread(self._followup_written, request_id, kind, written)

    def _followup_written(self, request_id: int, kind: str, written) -> None:
        """What was written, where, and what to do with it (for a complaint: the CNIL's online form, the attachments)."""
        self.followups_written[request_id] = kind
        self.app.written_files += [Path(path) for path in written.files]  # sar serve's downloads
        lines = [_(WRITTEN_LABELS[kind]), *(f"  {path}" for path in written.files), *written.advice,
                 _("When you have sent it, press S to record the day you sent it.")]
        self._say_written("\n".join(lines))
        self.reload()

    def _say_written(self, text: str) -> None:
        """The follow-up just written, under the table; the line takes no room when there is none."""
        written = self.query_one("#followup-written", Static)
        written.update(text)
        written.display = bool(text)

    def action_followup_sent(self) -> None:
        request = self.selected()
        if request is None:
            self.notify(_("Choose a request first."), severity="warning")
            return
        kind = self.followups_written.get(request.id, suggested_follow_up(request))

        def done(choice: tuple[str, date] | None) -> None:
            if choice is not None:
                self._say_written("")
                self.record(self.tracker.mark_followed_up, request.id, *choice)

        self.app.push_screen(
            DateDialog(_("When did you send the follow-up about {name}?").format(name=request.actor_name), self.today,
                       kinds=follow_up_kinds(request), kind=kind),
            done,
        )

    def action_calendar(self) -> None:
        def chosen(path: str | None) -> None:
            if path:
                self.export_calendar(path)

        self.app.push_screen(PathDialog(_("Save the deadlines as a calendar file (.ics):"),
                                        str(Path.home() / "sar-deadlines.ics")), chosen)

    @work(thread=True, group="tracker-write")
    def export_calendar(self, path: str) -> None:
        try:
            count = self.tracker.export_ics(Path(path).expanduser())
        except (SarError, OSError) as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=15)
            return
        self.app.call_from_thread(self.notify, _("{count} deadlines written to {path}").format(count=count, path=path))

    def action_stats(self) -> None:
        from sar.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen(self.tracker.path, person=None if self.person == EVERYONE else self.person,
                                         today=self.today))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def language_changed(self) -> None:
        self.refresh(recompose=True)
        self.call_after_refresh(self.reload)


class DateDialog(Dialog[date | tuple[str, date]]):
    """Ask for one date (as people write them, see sar.dates; not in the future); refused dates say why and keep the dialog open.

    With `kinds` ((value, label) pairs) it also asks which one, and answers (kind, date) instead of the date.
    """

    DEFAULT_CSS = """
    DateDialog RadioSet {
        width: auto;
        height: auto;
        border: none;
        margin-bottom: 1;
    }
    """
    AUTO_FOCUS = "#day"

    def __init__(self, title: str, today: date, *, kinds=(), kind: str | None = None):
        super().__init__(title)
        self.today = today
        self.kinds = kinds
        self.kind = kind

    def body(self):
        if self.kinds:
            with RadioSet(id="kind"):
                for value, label in self.kinds:
                    yield RadioButton(_(label), value == self.kind, id=f"kind-{value}", compact=True)
        yield Input(self.today.isoformat(), id="day", placeholder=_("e.g. 12/04/2026 or 2026-04-12"))

    def result(self):
        day = read_past_day(self.query_one("#day", Input).value, self.today)
        if not self.kinds:
            return day
        kind = next(value for value, _label in self.kinds if self.query_one(f"#kind-{value}", RadioButton).value)
        return kind, day


class PathDialog(Dialog[str | None]):
    """Ask for a file path (prefilled); answers it, or None when left empty."""

    def __init__(self, title: str, default: str):
        super().__init__(title)
        self.default = default

    def body(self):
        yield Input(self.default, id="path")

    def result(self) -> str | None:
        return self.query_one("#path", Input).value.strip() or None


class FollowupDialog(Dialog[tuple[str, Path, list[str]]]):
    """Which follow-up to write (reminder, the missing items, or CNIL complaint: `kinds`), in which formats and folder;
    answers (kind, folder, formats)."""

    DEFAULT_CSS = """
    FollowupDialog RadioSet {
        width: auto;
        height: auto;
        border: none;
        margin-bottom: 1;
    }
    FollowupDialog #formats {
        height: auto;
        margin-bottom: 1;
    }
    FollowupDialog #formats Checkbox {
        margin-right: 2;
    }
    """
    AUTO_FOCUS = "#save"  # Enter writes the suggested follow-up; Tab reaches the choices
    SAVE_LABEL = N_("Write")

    def __init__(self, actor_name: str, kind: str, folder: Path, *, kinds=FOLLOW_UP_LABELS):
        super().__init__(_("Write a follow-up about {name}").format(name=actor_name))
        self.actor_name = actor_name
        self.kind = kind
        self.folder = folder
        self.kinds = tuple(kinds)

    def body(self):
        with RadioSet(id="kind"):
            for value, label in self.kinds:
                yield RadioButton(_(label), value == self.kind, id=f"kind-{value}", compact=True)
        with Horizontal(id="formats"):
            for fmt, label in FORMAT_LABELS:
                yield Checkbox(_(label), True, id=f"format-{fmt}", compact=True)
        yield Input(str(self.folder), id="folder")

    def result(self) -> tuple[str, Path, list[str]]:
        kind = next(value for value, _label in self.kinds if self.query_one(f"#kind-{value}", RadioButton).value)
        formats = [fmt for fmt, _label in FORMAT_LABELS if self.query_one(f"#format-{fmt}", Checkbox).value]
        folder = self.query_one("#folder", Input).value.strip()
        if not formats:
            raise InputError(_("Choose at least one format."))
        if not folder:
            raise InputError(_("Give the folder to write the letter in."))
        return kind, Path(folder).expanduser(), formats


def _people_labels(people) -> list[tuple[str, str]]:
    """(id, label) per person: the full name, with the birth date when another person has the same name."""
    from sar.identity import name_key
    from sar.i18n import format_date

    names = [name_key(person.full_name) for _id, person in people]
    return [(person_id, _("{name} (born {date})").format(name=person.full_name, date=format_date(person.birth_date))
             if names.count(name_key(person.full_name)) > 1 else person.full_name) for person_id, person in people]
