"""A letter as plain UTF-8 text: the layout of a posted letter, or the body of an e-mail."""

from __future__ import annotations

import textwrap

from sar.letters import Letter

WIDTH = 78
RIGHT_COLUMN = 40  # where the recipient block and the date start, as on paper


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap a paragraph; list items ("– ...") get a hanging indent so their continuation lines align."""
    lines = []
    for line in text.splitlines():
        if line.startswith("– "):
            lines += textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent + "  ",
                                   break_long_words=True, break_on_hyphens=False) or [indent]
        else:
            lines += textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent,
                                   break_long_words=True, break_on_hyphens=False) or [indent]
    return lines


def _right(lines, width: int = WIDTH) -> list[str]:
    out = []
    for line in lines:
        out += _wrap(line, width, indent=" " * RIGHT_COLUMN)
    return out


def _body(letter: Letter, width: int) -> list[str]:
    lines = [letter.salutation, ""]
    for paragraph in letter.body:
        lines += _wrap(paragraph, width) + [""]
    lines += _wrap(letter.closing, width)
    return lines


def letter_text(letter: Letter, width: int = WIDTH) -> str:
    """The whole letter as text. A posted letter keeps its frame; an e-mail body starts at the salutation."""
    if letter.channel == "email":
        lines = _body(letter, width) + [""] + list(letter.sender_contact)
    else:
        lines = []
        for line in letter.sender:
            lines += _wrap(line, width)
        lines += [""] + _right(letter.recipient) + [""] + _right([letter.place_date]) + [""]
        lines += _wrap(letter.channel_line, width) + [""]
        lines += _wrap(letter.subject_label + letter.subject, width) + [""]
        lines += _body(letter, width) + ["", "", ""] + _right(letter.signature)
    if letter.attachments:
        lines += ["", letter.attachments_label] + [wrapped for item in letter.attachments
                                                   for wrapped in _wrap("– " + item, width)]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def text_bytes(letter: Letter) -> bytes:
    return letter_text(letter).encode("utf-8")
