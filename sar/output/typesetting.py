"""How the letter's text is set on its pages: the type settings, line breaking, paragraphs and list items, page breaks,
and a dry run that only measures. `sar.output.pdf` lays a letter out with it.

sar breaks lines itself and prints each with `FPDF.text()`: fpdf2's `multi_cell` re-measures the whole line at every
character, which made it three quarters of the cost of a letter. Words' widths are cached across letters (bounded).
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from sar.output.letter_font import FontFiles, add_letter_font

# Characters Babel and typographic text produce that windows-1252 (the core font) lacks, mapped to their printed
# equivalent; applied with the embedded font too, so that both set the same text.
NORMALISE = str.maketrans({
    "\u202f": "\u00a0",  # narrow no-break space (Babel, before « : ; ! ? » in French)
    "\u2009": "\u00a0",  # thin space
    "\u2007": "\u00a0",  # figure space
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2212": "-",  # minus sign
})

CORE_FONT = "helvetica"
LETTER_FONT = "sar-letter"


@dataclass(frozen=True)
class Setting:
    """A type size with its line height and the space after a paragraph, in mm."""

    size: float
    line: float
    paragraph_gap: float


SETTINGS = (Setting(10.5, 4.9, 2.4), Setting(10.0, 4.5, 2.0), Setting(9.5, 4.2, 1.7))

_WORD_WIDTHS: dict[tuple, float] = {}
_WORD_WIDTHS_MAX = 20_000


def normalise(text: str) -> str:
    return text.translate(NORMALISE)


class Typesetter(FPDF):
    """An A4 document in portrait, in the letter's font (or core Helvetica), that sets text between `margins`
    (left, top, right, bottom, mm)."""

    def __init__(self, font: FontFiles | None, margins: tuple[float, float, float, float]):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        if font:
            add_letter_font(self, LETTER_FONT, "", font.regular)
            add_letter_font(self, LETTER_FONT, "B", font.bold)
            self._letter_font, self._font_id = LETTER_FONT, str(font.regular)
        else:
            self.core_fonts_encoding = "windows-1252"
            self._letter_font, self._font_id = CORE_FONT, CORE_FONT
        left, top, right, bottom = margins
        self.set_margins(left, top, right)
        self.set_auto_page_break(True, margin=bottom)
        self.set_creator("sar")
        self.setting = SETTINGS[0]
        self.dry = False  # True: print nothing, only find out whether the letter would need a second page
        self.overflowed = False  # set in a dry run where a real one would start a new page
        self._wrapped: dict[tuple, list[str]] = {}

    def font(self, bold: bool = False, size: float | None = None) -> None:
        self.set_font(self._letter_font, "B" if bold else "", size or self.setting.size)

    def _width(self, word: str) -> float:
        """A word's printed width, cached: letters repeat the same words, and measuring is fpdf2's main cost."""
        key = (self._font_id, self.font_style, self.font_size_pt, word)
        width = _WORD_WIDTHS.get(key)
        if width is None:
            if len(_WORD_WIDTHS) > _WORD_WIDTHS_MAX:  # names differ in every letter of a bulk run: stay bounded
                _WORD_WIDTHS.clear()
            width = _WORD_WIDTHS[key] = self.get_string_width(word)
        return width

    def wrap(self, text: str, width: float) -> list[str]:
        """Break one line of text into lines that fit `width` mm (greedy, on spaces; a too-long word is cut).

        sar breaks lines itself and prints each with text() (see print_line): fpdf2's multi_cell re-measures the whole
        line at every character, which made it three quarters of the cost of a letter. Lines are ragged right, as many
        letters are.
        """
        key = (self.font_style, self.font_size_pt, text, width)
        if key in self._wrapped:  # measured in the dry run already
            return self._wrapped[key]
        lines = self._wrapped[key] = self._wrap(text, width)
        return lines

    def _wrap(self, text: str, width: float) -> list[str]:
        space = self._width(" ")
        lines, current, used = [], [], 0.0
        for word in text.split(" "):
            if not word:
                continue
            word_width = self._width(word)
            if current and used + space + word_width <= width:
                current.append(word)
                used += space + word_width
                continue
            if current:
                lines.append(" ".join(current))
            while word_width > width and len(word) > 1:  # a word longer than the line: cut it where it overflows
                cut = next(i for i in range(1, len(word) + 1) if self._width(word[:i]) > width) - 1
                lines.append(word[:max(1, cut)])
                word = word[max(1, cut):]
                word_width = self._width(word)
            current, used = [word], word_width
        if current:
            lines.append(" ".join(current))
        return lines or [""]

    def block(self, text: str, *, x: float | None = None, width: float = 0, bold: bool = False,
              indent: float = 0.0, size: float | None = None, line: float | None = None) -> None:
        """Print `text` (lines separated by newlines) from `x`, wrapped to `width` (0: up to the right margin)."""
        self.font(bold, size)
        line = line or self.setting.line
        left = (self.l_margin if x is None else x) + indent
        available = (width - indent) if width else self.w - self.r_margin - left
        for text_line in normalise(text).splitlines() or [""]:
            for piece in self.wrap(text_line, available):
                if self.dry:
                    self.overflowed |= self.y + line > self.page_break_trigger
                    self.y += line
                    continue
                self.print_line(left, piece, line)

    def paragraph(self, text: str) -> None:
        for text_line in text.splitlines():
            if text_line.startswith("– "):
                self.list_item(text_line[2:])
            else:
                self.block(text_line)
        self.skip(self.setting.paragraph_gap)

    def list_item(self, text: str, width: float = 0) -> None:
        """One item of a list, « – » then its text, indented from the left margin, within `width` mm (0: the margin)."""
        self.font()
        self.keep(self.setting.line)
        if not self.dry:
            self.text(self.l_margin + 3 + self.c_margin, self._baseline(self.setting.line), "\u2013")
        self.block(text, x=self.l_margin + 7, width=width - 7 if width else 0)

    def print_line(self, x: float, text: str, line: float) -> None:
        """Print one line of text from `x` and move down `line` mm, on a new page if this one is full.

        FPDF.text() places the text as cell() would (cell's 1 mm padding, baseline where cell puts it) at a quarter of
        cell()'s cost: sar has already measured and broken the lines, cell() would measure them again.
        """
        self.keep(line)
        self.text(x + self.c_margin, self._baseline(line), text)
        self.set_xy(self.l_margin, self.y + line)

    def _baseline(self, line: float) -> float:
        return self.y + 0.5 * line + 0.3 * self.font_size

    def keep(self, height: float) -> None:
        """Start a new page unless `height` mm are left on this one (in a dry run, note that it would)."""
        if self.get_y() + height > self.page_break_trigger:
            if self.dry:
                self.overflowed = True
            else:
                self.add_page()

    def skip(self, height: float) -> None:
        """Move down `height` mm, back to the left margin."""
        self.set_xy(self.l_margin, self.y + height)
