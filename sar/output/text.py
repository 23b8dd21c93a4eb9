"""A letter as plain UTF-8 text: the layout of a posted letter, or the body of an e-mail."""

from __future__ import annotations

from sar.letters import Letter

WIDTH = 78
RIGHT_COLUMN = 40  # where the recipient block and the date start, as on paper: 38 characters, La Poste's line
SIGNATURE_LINES = 5  # blank lines between the closing and the typed name: room to sign a printed copy by hand


def _fill(line: str, width: int, first: str, rest: str) -> list[str]:
    """Greedy word wrap, as textwrap.wrap(break_on_hyphens=False) does, several times faster (bulk runs wrap a lot).

    Words are separated by ASCII spaces only: no-break spaces (« », 15 h) hold their words together. A word longer
    than the line is cut.
    """
    line = line.replace("\t", " ")
    if len(first) + len(line) <= width and "  " not in line:
        return [first + line.strip(" ")] if line.strip(" ") else []  # most lines fit as they are
    lines, current, has_word, indent = [], first, False, first
    for word in line.split(" "):
        if not word:
            continue
        while True:
            room = width - len(current) - has_word
            if len(word) <= room:
                current, has_word = current + (" " if has_word else "") + word, True
                break
            if len(word) > width - len(indent) and (room > 0 or not has_word):
                # Too long for any line: fill this one and carry the rest over, as textwrap does.
                cut = max(1, room)
                lines.append(current + (" " if has_word else "") + word[:cut])
                word, current, has_word, indent = word[cut:], rest, False, rest
                continue
            lines.append(current)
            current, has_word, indent = rest, False, rest
    if has_word:
        lines.append(current)
    return lines


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap a paragraph; list items ("– ...") get a hanging indent so their continuation lines align."""
    lines = []
    for line in text.splitlines():
        hanging = indent + "  " if line.startswith("– ") else indent
        lines += _fill(line, width, indent, hanging) or [indent]
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
        lines += _body(letter, width) + [""] * SIGNATURE_LINES + _right(letter.signature)
    if letter.attachments:
        lines += ["", letter.attachments_label] + [wrapped for item in letter.attachments
                                                   for wrapped in _wrap("– " + item, width)]
    if letter.copies:
        lines += [""] + [wrapped for item in letter.copies for wrapped in _wrap(f"{letter.copies_label} {item}", width)]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def text_bytes(letter: Letter) -> bytes:
    return letter_text(letter).encode("utf-8")
