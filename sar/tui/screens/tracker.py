"""The tracker: every request with its status and its legal deadline (overdue ones in the error colour), and what to do next.

The person records the sending of a letter (a draft completed by hand too: when, and how: post, e-mail, web form), opens
the letter's file, enters the dates that move the clocks (acknowledgement of receipt, extension announced, answer: for an
access request, with what came and what did not, item by item, `sar.replies`), writes the reminder once a deadline has
passed, the letter asking for what a partial answer lacked, or the CNIL complaint (GDPR art. 77), records that it was sent,
exports the deadlines to a calendar, and, in an association, switches between the people the tracker holds.

The footer shows only what applies to the request under the cursor (a draft can be sent, not answered), so that every key
it shows fits in 80 columns; the command palette lists them all. Dates are shown and asked as people write them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Label, Select, Static

from sar.dates import written_date
from sar.errors import SarError
from sar.i18n import N_, _, format_date
from sar.replies import is_access_request, items_for
from sar.requests import STATUS_NAMES, Tracker
from sar.rights import shown_request
from sar.shown_names import shown_name
from sar.tui.screens.request_actions import (
    REQUEST_ACTIONS, applies, follow_up_kinds, letter_file, opening, suggested_follow_up,
)
from sar.tui.screens.request_detail import detail_lines
from sar.tui.screens.tracker_dialogs import (  # noqa: F401 (the dialogs' public names stay importable from here)
    CHANNEL_LABELS, FOLLOW_UP_LABELS, FORMAT_LABELS, INCOMPLETE_LABEL, DateDialog, FollowupDialog, PathDialog,
)
from sar.tui.widgets.footer import TranslatedFooter
from sar.tui.widgets.reply_checklist import ReplyChecklistDialog
from sar.tui.widgets.words import say_again, worded

EVERYONE = "*"
WRITTEN_LABELS = {"reminder": N_("Reminder written:"), "incomplete": N_("Letter asking for the missing items written:"),
                  "complaint": N_("Complaint to the CNIL written:"), "cada": N_("Referral to the CADA written:")}


def letter_folder(request) -> Path | None:
    """The folder the request's letter was written in (the one above the person's own folder), where its follow-up
    goes too, beside it: on a second visit this session wrote nothing, and ~/sar-letters may not be where it is."""
    if not request.files:
        return None
    return Path(request.files[0]).parent.parent


def likely_channel(request) -> str:
    """How a letter was most likely sent, offered first: as recorded, unless that needs a postal address its
    organisation has none of while it has an e-mail (a draft left for want of one, whose e-mail draft was ready)."""
    contact = request.contact
    if request.channel == "post" and not contact.postal and contact.email:
        return "email"
    return request.channel


class TrackerScreen(Screen):
    CSS_PATH = "tracker.tcss"
    AUTO_FOCUS = "#requests"  # ↓ moves between requests (the person menu is reached with Tab)
    BINDINGS = [
        Binding("r", "received", N_("Received")),
        Binding("x", "extended", N_("Extended")),
        Binding("a", "answered", N_("Answered")),
        Binding("f", "followup", N_("Follow-up")),  # a reminder, the missing items, a complaint, the CADA
        # One key, two meanings: a draft's sending, or a follow-up's (the footer shows the one that applies).
        Binding("s", "mark_sent", N_("Sent")),
        Binding("s", "followup_sent", N_("Follow-up sent")),
        Binding("o", "open_letter", N_("Open")),
        # How each organisation answered (sar.tui.screens.stats): shown while the request's own keys leave room.
        Binding("t", "stats", N_("Stats")),
        # Room is short at 80 columns: the calendar is in the command palette (ctrl+p) rather than the footer.
        Binding("c", "calendar", N_("Calendar"), show=False),
        Binding("escape", "back", N_("Back"), show=False),
    ]
    # What the footer leaves to the command palette, first to last, when a request's keys fill 80 columns: the stats
    # and an extension (rare) before the letter's file (the detail pane says where it is) and the receipt.
    FOOTER_SPARE = ("stats", "extended", "open_letter", "received")

    def __init__(self, tracker_path: Path, *, person: str | None = None, today: date | None = None,
                 letters_folder: Path | None = None, request_id: int | None = None):
        super().__init__()
        self.tracker = Tracker(tracker_path)
        self.person = person or EVERYONE
        self.today = today or date.today()
        self.letters_folder = letters_folder
        self.several_people = False
        self.requests: dict[str, object] = {}
        self.followups_written: dict[int, str] = {}  # request id -> kind of the last follow-up written here
        self.written_note: tuple | None = None  # (kind, sar.requests.followups.Written) of the follow-up just written
        self.wanted_request = request_id  # the request to put the cursor on first (from the home screen)

    def compose(self):
        with Horizontal(id="people-line"):
            yield worded(Label(""), N_("Person"))
            yield Select([(_("Everyone"), EVERYONE)], value=EVERYONE, id="people", allow_blank=False, compact=True)
        yield DataTable(id="requests", cursor_type="row", zebra_stripes=True)
        yield Static("", id="request-detail", markup=False)
        yield Static("", id="followup-written", markup=False)
        yield TranslatedFooter(app_keys=False)

    def on_mount(self) -> None:
        self.reload()

    # -- the table ----------------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the tracker again and show it, the cursor staying on the request it was on."""
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
        self.several_people = len(people) > 1
        current = self.selected()
        keep = self.wanted_request if self.wanted_request is not None else (current.id if current else None)
        self.wanted_request = None
        self.requests = {str(r.id): r for r in requests}
        self._fill_table(keep)

    def _fill_table(self, keep: int | None = None) -> None:
        table = self.query_one("#requests", DataTable)
        table.clear(columns=True)
        requests = list(self.requests.values())
        with_person = self.several_people and self.person == EVERYONE
        for label, width in self._columns(requests, with_person):
            table.add_column(label, width=width)
        error_colour = self.app.current_theme.error or "red"
        for request in requests:
            overdue = request.overdue(self.today)
            style = f"bold {error_colour}" if overdue else ""
            status = _(STATUS_NAMES.get(request.status, request.status))
            if overdue:
                status = _("{status}, {days} days late").format(status=status, days=request.days_late(self.today))
            due = written_date(request.due) if request.due else "–"
            sent = written_date(request.sent) if request.sent else "–"
            name = shown_request(request.actor_name, request.kind)
            cells = [str(request.id), name, status, due, request.person_name] if with_person else \
                [str(request.id), name, status, sent, due]
            # height None: a long name wraps onto a second line of its row instead of being cut at the column's edge.
            table.add_row(*(Text(cell, style=style) for cell in cells), key=str(request.id), height=None)
        if not requests:
            self.query_one("#request-detail", Static).update(
                _("No request yet. Requests appear here once you mark your letters as sent.")
            )
            self.refresh_bindings()
            return
        row = next((index for index, request in enumerate(requests) if request.id == keep), 0)
        table.move_cursor(row=row)
        self._detail(row)

    def _columns(self, requests, with_person: bool) -> list[tuple[str, int]]:
        """The columns and their widths: the organisation takes what the others leave of the screen's width (each cell
        has one column of padding on each side, and two are kept for the scroll bar), so nothing scrolls sideways."""
        statuses = [_(STATUS_NAMES.get(r.status, r.status)) for r in requests] or [""]
        late = [_("{status}, {days} days late").format(status=_(STATUS_NAMES.get(r.status, r.status)),
                                                      days=r.days_late(self.today))
                for r in requests if r.overdue(self.today)]
        status_width = max(10, min(25, max(len(text) for text in statuses + late)))
        others = [("#", 3), (_("Status"), status_width)]
        others += [(_("Due"), 10), (_("Person"), 14)] if with_person else [(_("Sent"), 10), (_("Due"), 10)]
        used = sum(width + 2 for _label, width in others) + 2 + 2
        organisation = max(16, min(48, self.size.width - used))
        return [others[0], (_("Organisation"), organisation), *others[1:]]

    def on_resize(self) -> None:
        if self.requests:
            current = self.selected()
            self._fill_table(current.id if current else None)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    def _detail(self, row: int) -> None:
        self.refresh_bindings()  # the footer offers what applies to this request
        request = self.selected(row)
        if request is None:
            return
        lines = detail_lines(request, self.today, with_person=self.several_people)
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

    # -- what applies ----------------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        if action not in REQUEST_ACTIONS:
            return True
        request = self.selected()
        return request is not None and applies(action, request, self.today, request.id in self.followups_written)

    def _chosen(self, action: str):
        """The request under the cursor, if `action` applies to it; else None, and the person is told why."""
        request = self.selected()
        if request is None:
            self.notify(_("Choose a request first."), severity="warning")
            return None
        if not applies(action, request, self.today, request.id in self.followups_written):
            self.notify(_("This does not apply to a request that is {status}.").format(
                status=_(STATUS_NAMES.get(request.status, request.status))), severity="warning")
            return None
        return request

    def _ask_day(self, action: str, title: str, change, **options) -> None:
        """A date dialog that records its answer with `change(request_id, answer)` before it closes."""
        request = self._chosen(action)
        if request is None:
            return
        self.app.push_screen(DateDialog(title.format(name=shown_name(request.actor_name)), self.today,
                                        apply=lambda answer: change(request.id, answer), **options),
                             lambda outcome: self.reload() if outcome is not None else None)

    def commands(self):
        """Command-palette entries for this screen (the app lists them with its own)."""
        yield _("Sent (s)"), _("Record the day you sent a letter, and how"), self.action_mark_sent
        yield _("Received (r)"), _("Enter the day the organisation received your request"), self.action_received
        yield _("Extended (x)"), _("Enter the day the organisation said it needs more time"), self.action_extended
        yield _("Answered (a)"), _("Enter the day the organisation answered"), self.action_answered
        yield (_("Follow-up letter (f)"),
               _("Write the reminder, the letter asking for the missing items, the complaint to the CNIL or the "
                 "referral to the CADA"),
               self.action_followup)
        yield (_("Follow-up sent (s)"), _("Record the day you sent the follow-up letter"),
               self.action_followup_sent)
        yield _("Open the letter (o)"), _("Open the letter's file with its usual program"), self.action_open_letter
        yield _("Calendar (c)"), _("Save the deadlines as a calendar file (.ics)"), self.action_calendar
        yield _("Stats by organisation (t)"), _("How each organisation answered: figures and delays"), \
            self.action_stats
        if len(self.app.screen_stack) > 2:
            yield _("Back (escape)"), _("Back to the previous screen"), self.action_back

    # -- the actions ----------------------------------------------------------------------------------------------------

    def action_mark_sent(self) -> None:
        """A letter leaves: by post, by e-mail or through the organisation's web form (a draft completed by hand too)."""
        request = self.selected()
        self._ask_day("mark_sent", _("When did you send the letter to {name}, and how?"),
                      lambda rid, answer: self.tracker.mark_sent(rid, answer[1], answer[0]),
                      kinds=CHANNEL_LABELS, kind=likely_channel(request) if request else "post")

    def action_received(self) -> None:
        self._ask_day("received", _("When did {name} receive your request (acknowledgement of receipt)?"),
                      lambda rid, day: self.tracker.mark_received(rid, day))

    def action_extended(self) -> None:
        self._ask_day("extended", _("When did {name} tell you it needs more time?"),
                      lambda rid, day: self.tracker.mark_extended(rid, day))

    def action_answered(self) -> None:
        """An access request's answer is checked item by item (unticked: missing, and the answer is partial); another
        right's answer only needs its day."""
        request = self._chosen("answered")
        if request is None:
            return
        if not is_access_request(request.kind):
            self._ask_day("answered", _("When did {name} answer?"), lambda rid, day: self.tracker.mark_answered(rid, day))
            return

        def record(answer: tuple[date, tuple[str, ...]]):
            day, missing = answer
            return self.tracker.mark_answered(request.id, day, missing=missing)

        self.app.push_screen(ReplyChecklistDialog(_("When did {name} answer, and with what?").format(
            name=shown_name(request.actor_name)), self.today, items_for(request.kind), apply=record),
            lambda outcome: self.reload() if outcome is not None else None)

    def action_followup(self) -> None:
        request = self._chosen("followup")
        if request is None:
            return
        from sar.requests.followups import write_followup
        from sar.tui.screens.letters import default_folder

        def write(choice: tuple[str, Path, list[str]]):
            """Render and write the letter (sar.requests.followups); a deadline not yet passed is refused in the dialog."""
            kind, folder, formats = choice
            return kind, write_followup(self.tracker, request.id, kind, folder, formats, self.today)

        def written(outcome) -> None:
            if outcome is not None:
                self._followup_written(request.id, *outcome)

        self.app.push_screen(FollowupDialog(shown_name(request.actor_name), suggested_follow_up(request),
                                            letter_folder(request) or self.letters_folder or default_folder(),
                                            kinds=follow_up_kinds(request),
                                            apply=write), written)

    def _followup_written(self, request_id: int, kind: str, written) -> None:
        """What was written, where, and what to do with it (for a complaint: the CNIL's online form, the attachments)."""
        self.followups_written[request_id] = kind
        self.app.written_files += [Path(path) for path in written.files]  # sar serve's downloads
        self.written_note = (kind, written)
        self._say_written()
        self.reload()

    def _say_written(self) -> None:
        """The follow-up just written, under the table (its advice as it was given); no room taken when there is none."""
        text = ""
        if self.written_note is not None:
            kind, written = self.written_note
            text = "\n".join([_(WRITTEN_LABELS[kind]), *(f"  {path}" for path in written.files), *written.advice,
                              _("When you have sent it, press S to record the day you sent it.")])
        note = self.query_one("#followup-written", Static)
        note.update(text)
        note.display = bool(text)

    def action_followup_sent(self) -> None:
        request = self.selected()
        kind = (self.followups_written.get(request.id, suggested_follow_up(request)) if request else "reminder")

        def record(request_id, choice: tuple[str, date]):
            result = self.tracker.mark_followed_up(request_id, *choice)
            self.written_note = None
            self.app.call_from_thread(self._say_written)
            return result

        self._ask_day("followup_sent", _("When did you send the follow-up about {name}?"), record,
                      kinds=follow_up_kinds(request) if request else FOLLOW_UP_LABELS, kind=kind)

    def action_open_letter(self) -> None:
        """Open the letter's file with the computer's usual program; where there is none (or the chat runs for a web
        page, and the file is on the server), say where the file is."""
        request = self._chosen("open_letter")
        if request is not None:
            self.open_letter(letter_file(request))

    @work(thread=True, group="open-letter")
    def open_letter(self, letter: Path) -> None:
        message, severity, timeout = opening(letter, getattr(self.app, "session", False))
        self.app.call_from_thread(self.notify, message, severity=severity, timeout=timeout)

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
        """Say everything again in the new language, in place: the person shown and the request under the cursor stay
        (a recompose lost both, and the table could be drawn before it and lost)."""
        say_again(self)
        self._say_written()
        self.reload()


def _people_labels(people) -> list[tuple[str, str]]:
    """(id, label) per person: the full name, with the birth date when another person has the same name."""
    from sar.identity import name_key

    names = [name_key(person.full_name) for _id, person in people]
    return [(person_id, _("{name} (born {date})").format(name=person.full_name, date=format_date(person.birth_date))
             if names.count(name_key(person.full_name)) > 1 else person.full_name) for person_id, person in people]
