"""The tracker's dialogs: a day (with, where it matters, how or which), a file path, and which follow-up to write.

Each is a `sar.tui.widgets.dialog.Dialog`: given `apply` (record the day in the tracker, write the follow-up), it stays
open until the tracker has taken the answer, and a refusal (a receipt before the sending, a reminder before the deadline)
is told inside it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.containers import Horizontal
from textual.widgets import Input, RadioSet

from sar.dates import written_date
from sar.errors import InputError
from sar.i18n import N_, _
from sar.tui.widgets.dialog import Dialog
from sar.tui.widgets.reply_checklist import read_past_day
from sar.tui.widgets.ticks import Choice, Tick

FOLLOW_UP_LABELS = (("reminder", N_("Reminder to the organisation")), ("complaint", N_("Complaint to the CNIL")))
INCOMPLETE_LABEL = ("incomplete", N_("Request for the missing items"))
CHANNEL_LABELS = (("post", N_("post")), ("email", N_("e-mail")), ("form", N_("web form")))
FORMAT_LABELS = (("pdf", N_("PDF")), ("txt", N_("Text")), ("eml", N_("E-mail draft")))
DAY_EXAMPLE = N_("e.g. 12/04/2026 or 12 April 2026")


class DateDialog(Dialog[date | tuple[str, date]]):
    """Ask for one date (as people write them, see sar.dates; not in the future); refused dates say why and keep the
    dialog open. The field is prefilled with `today` as people write it (03/12/2026), never as an ISO date.

    With `kinds` ((value, label) pairs) it also asks which one (the follow-up, or how the letter was sent), and answers
    (kind, date) instead of the date.
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

    def __init__(self, title: str, today: date, *, kinds=(), kind: str | None = None, apply=None):
        super().__init__(title, apply=apply)
        self.today = today
        self.kinds = kinds
        self.kind = kind

    def body(self):
        if self.kinds:
            with RadioSet(id="kind"):
                for value, label in self.kinds:
                    yield Choice(_(label), value == self.kind, id=f"kind-{value}", compact=True)
        yield Input(written_date(self.today), id="day", placeholder=_(DAY_EXAMPLE))

    def result(self):
        day = read_past_day(self.query_one("#day", Input).value, self.today)
        if not self.kinds:
            return day
        kind = next(value for value, _label in self.kinds if self.query_one(f"#kind-{value}", Choice).value)
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
    answers (kind, folder, formats), or what `apply` made of them (the follow-up written)."""

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

    def __init__(self, actor_name: str, kind: str, folder: Path, *, kinds=FOLLOW_UP_LABELS, apply=None):
        super().__init__(_("Write a follow-up about {name}").format(name=actor_name), apply=apply)
        self.actor_name = actor_name
        self.kind = kind
        self.folder = folder
        self.kinds = tuple(kinds)

    def body(self):
        with RadioSet(id="kind"):
            for value, label in self.kinds:
                yield Choice(_(label), value == self.kind, id=f"kind-{value}", compact=True)
        with Horizontal(id="formats"):
            for fmt, label in FORMAT_LABELS:
                yield Tick(_(label), True, id=f"format-{fmt}", compact=True)
        yield Input(str(self.folder), id="folder")

    def result(self) -> tuple[str, Path, list[str]]:
        kind = next(value for value, _label in self.kinds if self.query_one(f"#kind-{value}", Choice).value)
        formats = [fmt for fmt, _label in FORMAT_LABELS if self.query_one(f"#format-{fmt}", Tick).value]
        folder = self.query_one("#folder", Input).value.strip()
        if not formats:
            raise InputError(_("Choose at least one format."))
        if not folder:
            raise InputError(_("Give the folder to write the letter in."))
        return kind, Path(folder).expanduser(), formats
