"""Quick replies: the answers of a choice question as buttons, chosen by click, number key, or arrows and Enter.

For a question with several answers (devices, booking websites) the buttons toggle and a "Done" button sends the set.
"""

from __future__ import annotations

from typing import Any, Sequence

from textual import events
from textual.binding import Binding
from textual.containers import Grid
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Button

from sar.i18n import _

MAX_COLUMNS = 4


class QuickReplies(Grid):
    """Buttons for `choices` (value, label already translated); posts `Chosen` with a value, or a tuple when `multiple`."""

    BINDINGS = [
        Binding("left,up", "app.focus_previous", show=False),
        Binding("right,down", "app.focus_next", show=False),
    ]

    class Chosen(Message):
        def __init__(self, value: Any):
            super().__init__()
            self.value = value

    def __init__(self, choices: Sequence[tuple[Any, str]], *, multiple: bool = False, selected: Any = None, **kwargs):
        super().__init__(**kwargs)
        self.choices = list(choices)
        self.multiple = multiple
        if multiple:
            self.selected: list[Any] = list(selected or ())
        else:
            self.selected = [] if selected is None else [selected]

    def compose(self):
        for number, (value, label) in enumerate(self.choices, start=1):
            yield Button(
                self._label(number, value, label),
                id=f"choice-{number}",
                compact=True,
                classes="choice -selected" if value in self.selected else "choice",
            )
        if self.multiple:
            yield Button(_("Done ✓"), id="choices-done", compact=True, variant="primary", classes="done")

    def _label(self, number: int, value: Any, label: str) -> str:
        key = str(number) if number <= 9 else " "
        if self.multiple:
            return f"{key} {'☑' if value in self.selected else '☐'} {label}"
        return f"{key} {label}"

    def on_mount(self) -> None:
        width = max(len(label) for _value, label in self.choices) + (8 if self.multiple else 6)
        available = max(20, self.app.size.width - 4)
        self.styles.grid_size_columns = max(1, min(MAX_COLUMNS, available // width, len(self.choices)))
        self.focus_start()

    def focus_start(self) -> None:
        """Focus the answer given before (when a question is asked again), else the first button."""
        target = 1
        for number, (value, _label) in enumerate(self.choices, start=1):
            if value in self.selected:
                target = number
                break
        try:
            # Several answers: number keys toggle, and Enter sends the set (even an empty one, meaning "none").
            button = self.query_one("#choices-done" if self.multiple else f"#choice-{target}", Button)
        except NoMatches:  # removed before it was shown (the conversation moved on)
            return
        button.focus()

    def choose(self, number: int) -> None:
        """Pick (or, for several answers, toggle) the `number`th choice, counting from 1."""
        if not 1 <= number <= len(self.choices):
            return
        value, label = self.choices[number - 1]
        if not self.multiple:
            self.post_message(self.Chosen(value))
            return
        if value in self.selected:
            self.selected.remove(value)
        else:
            self.selected.append(value)
        button = self.query_one(f"#choice-{number}", Button)
        button.label = self._label(number, value, label)
        button.set_class(value in self.selected, "-selected")

    def done(self) -> None:
        order = [value for value, _label in self.choices]
        self.post_message(self.Chosen(tuple(sorted(self.selected, key=order.index))))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "choices-done":
            self.done()
        elif event.button.id and event.button.id.startswith("choice-"):
            self.choose(int(event.button.id.removeprefix("choice-")))

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() and event.character != "0":
            event.stop()
            self.choose(int(event.character))
            if self.multiple:  # numbers toggle; Enter then means "done", not "toggle the focused one back"
                self.query_one("#choices-done", Button).focus()
