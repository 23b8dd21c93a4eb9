"""A message in the chat: the assistant's (left) or the person's (right, click to change the answer)."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static


class Bubble(Static):
    """One chat message. `author` is "assistant", "person" or "help" (a help text asked for, shown muted)."""

    def __init__(self, text: str, author: str = "assistant", *, question_id: str | None = None, **kwargs):
        super().__init__(text, markup=False, classes=f"bubble {author}", **kwargs)
        self.author = author
        self.question_id = question_id
        if author == "person" and question_id:
            self.tooltip = "✎"

    class ChangeAnswer(Message):
        """The person clicked one of their answers: ask that question again."""

        def __init__(self, question_id: str):
            super().__init__()
            self.question_id = question_id

    def on_click(self) -> None:
        if self.author == "person" and self.question_id:
            self.post_message(self.ChangeAnswer(self.question_id))


class BubbleRow(Horizontal):
    """A full-width row holding one bubble, aligned left (assistant) or right (person)."""

    def __init__(self, bubble: Bubble):
        super().__init__(bubble, classes=f"bubble-row {bubble.author}-row")
        self.bubble = bubble
