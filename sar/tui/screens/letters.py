"""The letters: preview each one as it will print, write them (PDF, text, e-mail draft) into a folder, then mark them sent.

Writing runs in a worker with a progress bar (fifty PDFs must not freeze the screen). Marking them sent records one request
per organisation in the tracker, with the sending mode and date that start the legal clocks (GDPR art. 12(3)), and where
each letter's files are (the tracker opens them again). The sending day is asked as people write it; a day that cannot be
read is told on the sending line itself. Letters left as drafts (no address yet) are one short notice: the tracker says, for
each, what to do.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, ProgressBar, RadioSet, Select, Static

from sar.dates import parse_date, written_date
from sar.errors import InputError, SarError
from sar.i18n import N_, _, format_date, ngettext
from sar.inference import Finding
from sar.tui.screens.findings import shown_name
from sar.tui.widgets.footer import TranslatedFooter
from sar.tui.widgets.ticks import Choice, Tick
from sar.tui.widgets.words import say_again, worded

FORMAT_LABELS = (("pdf", N_("PDF")), ("txt", N_("Text")), ("eml", N_("E-mail draft")))


def default_folder() -> Path:
    return Path.home() / "sar-letters"


def drafts_notice(sent: int, drafts: int) -> str:
    """One line for the letters marked sent and those left as drafts; the tracker says, for each draft, what to do."""
    return _("{sent}; {drafts}: the requests say what to do with each.").format(
        sent=ngettext("{count} letter marked sent", "{count} letters marked sent", sent).format(count=sent),
        drafts=ngettext("{count} left as a draft (its address is missing)",
                        "{count} left as drafts (their address is missing)", drafts).format(count=drafts))


class LettersScreen(Screen):
    CSS_PATH = "letters.tcss"
    BINDINGS = [
        Binding("f5", "write", N_("Write")),
        Binding("f6", "mark_sent", N_("Mark as sent")),
        Binding("o", "open_letter", N_("Open")),
        Binding("escape", "back", N_("Back")),
    ]

    class Tracked(Message):
        """The letters are recorded as sent requests in the tracker."""

        def __init__(self, person_id: str, folder: Path):
            super().__init__()
            self.person_id = person_id
            self.folder = folder  # where the letters were written (follow-ups go there too)

    def __init__(self, journey, findings: list[Finding], tracker_path: Path, *, folder: Path | None = None,
                 today: date | None = None, right: str = "access", details: str = ""):
        super().__init__()
        self.right = right  # another right than access (sar.rights), with the person's own words
        self.details = details
        self.today = today or date.today()  # the letters' date and the sending day offered (tests fix it)
        self.journey = journey
        self.findings = list(findings)
        self.tracker_path = Path(tracker_path)
        self.folder = Path(folder) if folder else default_folder()
        self.written: list = []  # manifest rows of the last writing

    def compose(self):
        yield Select(self._letter_options(), value=0, allow_blank=False, id="which", compact=True)
        with VerticalScroll(id="preview-box"):
            yield Static("", id="preview", markup=False)
        with Horizontal(classes="controls"):
            for fmt, label in FORMAT_LABELS:
                yield worded(Tick("", True, id=f"format-{fmt}", compact=True), label)
            yield Input(str(self.folder), id="folder", compact=True)
        with Horizontal(classes="controls"):
            yield worded(Button("", id="write", variant="primary", compact=True), N_("Write the letters"))
            yield ProgressBar(total=len(self.findings), show_eta=False, id="writing")
        with VerticalScroll(id="written-box"):
            yield Static("", id="written", markup=False)
        # Two lines, so that the button's words fit in 80 columns in French too (« Marquer comme envoyées »).
        with Vertical(id="sent-line"):
            with Horizontal(classes="controls"):
                yield worded(Label(""), N_("Sent by"))
                with RadioSet(id="channel"):
                    yield worded(Choice("", True, id="channel-post", compact=True), N_("post"))
                    yield worded(Choice("", id="channel-email", compact=True), N_("e-mail"))
                yield worded(Label(""), N_("on"))
                yield Input(written_date(self.today), id="sent-on", compact=True)
            with Horizontal(classes="controls"):
                yield worded(Button("", id="mark-sent", compact=True, variant="primary"), N_("Mark as sent"))
                yield worded(Label("", classes="hint"), N_("the legal deadlines run from the day you sent them"))
            yield Static("", id="sent-error", markup=False)
        yield TranslatedFooter(app_keys=False)

    def _letter_options(self) -> list[tuple[str, int]]:
        """The letters to preview, each named in the UI language."""
        return [(shown_name(f.actor), i) for i, f in enumerate(self.findings)]

    def on_mount(self) -> None:
        self.query_one("#sent-line").display = False
        self.show_preview(0)

    @on(Select.Changed, "#which")
    def _which(self, event: Select.Changed) -> None:
        if isinstance(event.value, int):
            self.show_preview(event.value)

    def show_preview(self, index: int) -> None:
        """The text rendering of the letter, as `sar letters --format txt` writes it."""
        from sar.letters import letter_language, render_letter
        from sar.output.text import letter_text

        finding = self.findings[index]
        try:  # the letter to send: in French to a French public body (sar.letters.letter_language)
            letter = render_letter(self.kind(finding), self.journey, finding, on=self.today, details=self.details,
                                   lang=letter_language(self.kind(finding), finding.actor, self.journey.lang))
            text = letter_text(letter)
        except SarError as error:
            text = _("This letter cannot be written: {error}").format(error=error)
        self.query_one("#preview", Static).update(text)

    def kind(self, finding: Finding) -> str:
        return finding.letter if self.right == "access" else self.right

    def formats(self) -> list[str]:
        return [fmt for fmt, _label in FORMAT_LABELS if self.query_one(f"#format-{fmt}", Tick).value]

    @on(Button.Pressed, "#write")
    def action_write(self) -> None:
        formats = self.formats()
        if not formats:
            self.notify(_("Choose at least one format."), severity="warning")
            return
        folder = Path(self.query_one("#folder", Input).value.strip() or default_folder()).expanduser()
        self.query_one("#write", Button).disabled = True
        self.write(folder, formats)

    @work(exclusive=True, thread=True)
    def write(self, folder: Path, formats: list[str]) -> None:
        from sar.output.files import write_letters, write_manifest

        bar = self.query_one("#writing", ProgressBar)
        self.app.call_from_thread(bar.update, total=len(self.findings), progress=0)
        rows = []
        try:
            for finding in self.findings:
                rows += write_letters(self.journey, [finding], folder, formats, right=self.right,
                                      details=self.details)
                self.app.call_from_thread(bar.advance, 1)
            write_manifest(folder, rows)
        except (SarError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._wrote, folder, rows)

    def _failed(self, message: str) -> None:
        self.query_one("#write", Button).disabled = False
        self.notify(_("The letters could not be written: {error}").format(error=message), severity="error", timeout=15)

    def _wrote(self, folder: Path, rows: list) -> None:
        self.written = rows
        self.folder = folder
        self.app.written_files += [folder / name for row in rows for name in row.files]  # sar serve's downloads
        self.query_one("#write", Button).disabled = False
        self._show_written()
        self.query_one("#sent-line").display = True
        self.refresh_bindings()

    def _show_written(self) -> None:
        """What was written, where, and what is missing from which letter, in the UI language."""
        folder, rows = self.folder, self.written
        files = sum(len(row.files) for row in rows)
        lines = [_("{files} files written in {folder}.").format(files=files, folder=folder)]
        names = {f.actor.id: shown_name(f.actor) for f in self.findings}
        no_postal = [names.get(row.actor, row.actor) for row in rows if "post" in row.missing_addresses]
        no_email = [names.get(row.actor, row.actor) for row in rows if "email" in row.missing_addresses]
        # What to do comes first, the names last: at 80x24 the box shows four lines of a list that may run to ten names.
        if no_postal:
            lines.append(ngettext("{count} letter has no postal address: fill in the blank before posting it ({actors}).",
                                  "{count} letters have no postal address: fill in the blank before posting them "
                                  "({actors}).", len(no_postal)).format(count=len(no_postal), actors=", ".join(no_postal)))
        if no_email:
            lines.append(ngettext("{count} letter has no e-mail address: send it by post, or fill in the blank in its "
                                  "e-mail draft ({actors}).",
                                  "{count} letters have no e-mail address: send them by post, or fill in the blank in "
                                  "their e-mail drafts ({actors}).", len(no_email)).format(count=len(no_email),
                                                                                            actors=", ".join(no_email)))
        from sar.output.summary import row_notes

        lines += [f"{names.get(row.actor, row.actor)}: {note}" for row in rows for note in row_notes(row)]
        failed = [f"{names.get(row.actor, row.actor)}: {row.error}" for row in rows if row.error]
        lines += failed
        self.query_one("#written", Static).update("\n".join(lines))

    @on(Button.Pressed, "#mark-sent")
    @on(Input.Submitted, "#sent-on")  # Enter after typing the day, as in every dialog
    def action_mark_sent(self) -> None:
        if not self.written:
            self.notify(_("Write the letters first."), severity="warning")
            return
        text = self.query_one("#sent-on", Input).value.strip()
        try:
            sent = parse_date(text)
            if sent > date.today():
                raise InputError(_("{date} is in the future").format(date=format_date(sent)))
        except InputError as error:
            self._sending_refused(str(error))
            self.query_one("#sent-on", Input).focus()
            return
        self._sending_refused("")
        channel = "email" if self.query_one("#channel-email", Choice).value else "post"
        self.track(sent, channel)

    def _sending_refused(self, message: str) -> None:
        """Why the sending cannot be recorded, on the sending line (where the day was typed), or nothing."""
        error = self.query_one("#sent-error", Static)
        error.update(f"⚠ {message}" if message else "")
        error.display = bool(message)

    @work(exclusive=True, thread=True)
    def track(self, sent: date, channel: str) -> None:
        from sar.requests import Tracker
        from sar.requests.recording import letters_as_requests, record_letters

        tracker = Tracker(self.tracker_path)
        letters = letters_as_requests(self.journey.person, self.findings, self.written, self.journey.lang, channel,
                                      kind=None if self.right == "access" else self.right, folder=self.folder)
        try:
            recorded = record_letters(tracker, letters, sent=sent)
            person = recorded.requests[0].person if recorded.requests else tracker.find_person_id(self.journey.person)
        except SarError as error:
            self.app.call_from_thread(self._sending_refused, str(error))
            return
        if recorded.drafts:  # only letters that can have been sent are marked sent (issue 12); the tracker says why
            self.app.call_from_thread(self.notify, drafts_notice(len(recorded.requests) - len(recorded.drafts),
                                                                 len(recorded.drafts)), severity="warning", timeout=10)
        self.app.call_from_thread(self.post_message, self.Tracked(person or "", self.folder))

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "open_letter":
            return bool(self.written)
        return True

    def action_open_letter(self) -> None:
        """Open the file of the letter shown (written in the chosen folder), or say where it is."""
        index = self.query_one("#which", Select).value
        finding = self.findings[index if isinstance(index, int) else 0]
        row = next((row for row in self.written if row.actor == finding.actor.id and row.files), None)
        if row is None:
            self.notify(_("This letter was not written."), severity="warning")
            return
        files = [self.folder / name for name in row.files]
        self.open_letter(next((file for file in files if file.suffix == ".pdf"), files[0]))

    @work(thread=True, group="open-letter")
    def open_letter(self, letter: Path) -> None:
        from sar.tui.screens.request_actions import opening

        message, severity, timeout = opening(letter, getattr(self.app, "session", False))
        self.app.call_from_thread(self.notify, message, severity=severity, timeout=timeout)

    def commands(self):
        """Command-palette entries for this screen (the app lists them with its own)."""
        yield _("Write the letters (F5)"), _("Write them in the formats and folder chosen"), self.action_write
        yield _("Mark as sent (F6)"), _("Record the letters as sent: the legal deadlines start"), self.action_mark_sent
        yield _("Open the letter (o)"), _("Open the letter's file with its usual program"), self.action_open_letter
        yield _("Back (escape)"), _("Back to the organisations found"), self.action_back

    def action_back(self) -> None:
        self.app.pop_screen()

    def language_changed(self) -> None:
        """Say everything again in the new language, in place: the letter shown, the formats ticked, the folder and the
        sending day typed stay as the person left them."""
        say_again(self)
        which = self.query_one("#which", Select)
        shown = which.value
        with self.prevent(Select.Changed):
            which.set_options(self._letter_options())
            which.value = shown if isinstance(shown, int) else 0
        self.show_preview(which.value)
        if self.written:
            self._show_written()
