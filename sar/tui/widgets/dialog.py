"""`Dialog`: the one shape of every sar dialog: a title, a body, an error line, Save and Cancel, Escape to cancel.

A dialog is a `ModalScreen[T]` that answers a `T` (or None when cancelled). Subclasses write `body()` (the fields) and
`result()` (read the fields, return the answer, or raise InputError, whose message shows on the error line and keeps the
dialog open). Enter in a field and the Save button both save.

A dialog given `apply` (a function of the answer: record a date in the tracker, write a letter) runs it before closing, in
a worker (the tracker waits for its file lock), and answers what it returns. Whatever refuses the answer there (a date
before the sending, a reminder before the deadline) is told on the dialog's own error line, and the dialog stays open with
what was typed: an error is shown where it was caused. The dialog's styles are its own DEFAULT_CSS, scoped to the
dialog classes: no screen's stylesheet reaches into a dialog, and no dialog's into a screen.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from sar.errors import InputError, SarError
from sar.i18n import N_, _

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """Compose hooks: `body()` (required), `buttons()` (Save and Cancel unless overridden); `result()` gives the answer."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > #dialog {
        width: 70;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        padding: 0 1;
        background: $surface;
    }
    Dialog > #dialog > .title {
        width: 1fr;
        text-style: bold;
        margin-bottom: 1;
    }
    Dialog > #dialog > .hint {
        color: $text-muted;
        margin-bottom: 1;
    }
    Dialog > #dialog > #dialog-error {
        color: $text-error;
        height: auto;
        display: none;
    }
    Dialog > #dialog > .buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    Dialog > #dialog > .buttons > Button {
        margin-left: 2;
    }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    SAVE_LABEL = N_("Save")

    def __init__(self, title: str, *, apply: Callable[[Any], Any] | None = None):
        super().__init__()
        self.title_text = title
        self.apply = apply
        self.applying = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="title")
            yield from self.body()
            yield Static("", id="dialog-error", markup=False)
            with Horizontal(classes="buttons"):
                yield from self.buttons()

    def body(self) -> ComposeResult:
        raise NotImplementedError

    def buttons(self) -> ComposeResult:
        yield Button(_(self.SAVE_LABEL), id="save", variant="primary", compact=True)
        yield Button(_("Cancel"), id="cancel", compact=True)

    def result(self) -> T | None:
        """The answer from the fields; raise InputError to say what is wrong and keep the dialog open."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        """One line under the fields (a refusal starts with ⚠), shown only when there is one; an empty message hides it."""
        error = self.query_one("#dialog-error", Static)
        error.update(message)
        error.display = bool(message)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save_asked(self) -> None:
        self.action_save()  # a method subclasses may override (a handler bound by @on would not be)

    @on(Button.Pressed, "#cancel")
    def _cancel_asked(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        if self.applying:
            return
        try:
            answer = self.result()
        except InputError as refused:
            self.show_error(f"⚠ {refused}")
            return
        if self.apply is None:
            self.dismiss(answer)
            return
        self._busy(True)
        self._apply(answer)

    @work(exclusive=True, group="dialog-apply")
    async def _apply(self, answer: Any) -> None:
        """Apply the answer in a thread (the tracker waits for its file lock); close with the outcome, or say why not.
        The dialog closes from here, on the app's loop, once the work is done: a worker of the dialog that waited for
        its own dialog to close would be cancelled by the closing."""
        try:
            outcome = await asyncio.to_thread(self.apply, answer)
        except (SarError, OSError) as refused:
            self._refused(str(refused))
            return
        self.dismiss(outcome)

    def _refused(self, message: str) -> None:
        self._busy(False)
        self.show_error(f"⚠ {message}")

    def _busy(self, busy: bool) -> None:
        """While the answer is being applied, Save waits (pressed twice, a date would be recorded twice)."""
        self.applying = busy
        for button in self.query("#save"):
            button.disabled = busy

    def action_cancel(self) -> None:
        self.dismiss(None)
