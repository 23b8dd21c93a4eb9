"""The bottom of the chat: the question asked now (and its help, when asked), the reason an answer was refused, the
quick replies and the input.

The question stands here, above its replies and outside the scrolling log, so that it never scrolls out of sight (at
80×24, three rows of quick replies used to push it out); a long help scrolls inside, under the question. A letter typed
while a quick reply has the focus starts a typed answer ("…or type its name"), and a number picks a quick reply wherever
the focus is but in the input (`take_key`, called by the screen, which sees every key).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static

from sar.tui.widgets.bubble import Bubble, BubbleRow
from sar.tui.widgets.quick_replies import QuickReplies


class ReplyArea(Vertical):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.typing_over_replies = False  # letters typed over the quick replies are going to the input

    def compose(self):
        yield VerticalScroll(id="current", can_focus=False)
        yield Static("", id="error", markup=False)
        yield Vertical(id="replies")
        with Horizontal(id="answer-line"):
            yield Input(id="answer")

    class Resized(Message):
        """The reply area took or gave back room (a help shown, rows of replies): the log above changed height."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())

    @property
    def input(self) -> Input:
        return self.query_one("#answer", Input)

    @property
    def input_shown(self) -> bool:
        return self.query_one("#answer-line").display

    # -- the question -------------------------------------------------------------------------------------------------

    def ask(self, text: str) -> Bubble:
        """Ask `text`: it replaces the question asked before (which the screen put in the log)."""
        self.clear_question()
        bubble = Bubble(text, "assistant")
        self.query_one("#current").mount(BubbleRow(bubble))
        return bubble

    def clear_question(self) -> None:
        self.query_one("#current").remove_children()

    def show_help(self, text: str) -> None:
        """The question's help under it, once; the question stays first in view."""
        current = self.query_one("#current", VerticalScroll)
        if not current.query(".help"):
            current.mount(BubbleRow(Bubble(text, "help")))
            current.call_after_refresh(current.scroll_home, animate=False)

    # -- the answer ---------------------------------------------------------------------------------------------------

    def clear(self) -> None:
        """No quick replies, no input, no error."""
        self.query_one("#replies").remove_children()
        self.query_one("#answer-line").display = False
        self.set_error("")

    def show_replies(self, choices, *, multiple: bool = False, selected: Any = None) -> None:
        self.clear()
        self.query_one("#replies").mount(QuickReplies(choices, multiple=multiple, selected=selected))

    def show_input(self, placeholder: str, value: str = "", *, focus: bool = True, select: bool = True) -> None:
        """The input, holding `value`: selected (typing replaces an answer offered again), or with the cursor after it
        when `select` is false (text typed and never sent: typing goes on)."""
        self.query_one("#answer-line").display = True
        box = self.input
        box.placeholder = placeholder
        box.value = value
        box.select_on_focus = select
        box.cursor_position = len(value)
        self.typing_over_replies = False
        if focus:
            box.focus()

    def set_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(f"⚠ {message}" if message else "")
        error.display = bool(message)

    def take_key(self, event: events.Key) -> None:
        """A letter typed while a quick reply has focus is the start of a typed answer ("…or type its name"); a number
        picks a quick reply wherever the focus is, but in the input.

        Keys typed quickly all reach the quick reply before the focus moves, so once typing has started here every
        printable key (spaces and digits too) goes to the input.
        """
        box = self.input
        character = event.character
        replies = self.query(QuickReplies)
        if (character and character in "123456789" and replies and not box.has_focus and not self.typing_over_replies
                and not any(reply.has_focus_within for reply in replies)):
            # The focus moved off the quick replies (Tab, the help button, a click in the log): a number still picks.
            event.stop()
            replies.first().choose(int(character))
            return
        if not (character and character.isprintable()) or box.has_focus or not self.input_shown:
            return
        if self.typing_over_replies or not (character.isdigit() or character in " ?"):
            event.stop()
            self.typing_over_replies = True
            box.select_on_focus = False  # else the focus would select this first letter and the next would replace it
            box.focus()
            box.insert_text_at_cursor(character)
