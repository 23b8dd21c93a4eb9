"""`ReplyChecklistDialog`: the day an access request was answered, and what came with the answer, item by item.

The items are those a complete answer to this kind of request holds (`sar.replies.items_for`: the copy, art. 15(1)(a)-(h),
15(2), and the documents themselves for a medical record), each ticked "received" by default: the person unticks what
is missing, and an answer with something unticked is recorded as partial, with the list (`Tracker.mark_answered`).
"""

from __future__ import annotations

from datetime import date

from textual.containers import Vertical
from textual.widgets import Input, Label

from sar.dates import parse_date, written_date
from sar.errors import InputError
from sar.i18n import _, format_date
from sar.replies import ReplyItem
from sar.tui.widgets.dialog import Dialog
from sar.tui.widgets.ticks import Tick


def read_past_day(text: str, today: date) -> date:
    """A day as people write it (sar.dates), refused if it has not come yet: it is the day something happened."""
    day = parse_date(text.strip())  # says why a date cannot be read
    if day > today:  # parse_date leaves plausibility to its caller
        raise InputError(_("{date} is in the future").format(date=format_date(day)))
    return day


class ReplyChecklistDialog(Dialog[tuple[date, tuple[str, ...]]]):
    """Answers (day of the answer, ids of the items missing from it, in the table's order)."""

    DEFAULT_CSS = """
    ReplyChecklistDialog > #dialog {
        width: 80;  /* the whole width at 80x24: "(GDPR art. 15(1)(h))" ends the longest item, uncut */
    }
    ReplyChecklistDialog #items {
        height: auto;
        margin-bottom: 0;
    }
    ReplyChecklistDialog #items Checkbox {
        width: 1fr;
    }
    """
    AUTO_FOCUS = "#day"

    def __init__(self, title: str, today: date, items: tuple[ReplyItem, ...], *, apply=None):
        super().__init__(title, apply=apply)
        self.today = today
        self.items = items

    def body(self):
        yield Input(written_date(self.today), id="day", placeholder=_("e.g. 12/04/2026 or 12 April 2026"), compact=True)
        yield Label(_("What came with the answer? Untick what is missing."), classes="hint")
        with Vertical(id="items"):
            for entry in self.items:
                yield Tick(_("{name} ({source})").format(name=_(entry.name), source=_(entry.source)), True,
                               id=f"item-{entry.id}", compact=True)

    def result(self) -> tuple[date, tuple[str, ...]]:
        day = read_past_day(self.query_one("#day", Input).value, self.today)
        missing = tuple(entry.id for entry in self.items if not self.query_one(f"#item-{entry.id}", Tick).value)
        return day, missing
