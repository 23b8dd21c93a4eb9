"""A letter as an A4 PDF to print, sign and post, laid out as a French administrative letter.

Sender top left; recipient block on the right at the height of a window envelope's window; place and date; sending mode;
the subject in bold; body; closing; room to sign; enclosures.

Fonts (see ../shared/facts/ecosystem.md §4). sar uses the PDF core font Helvetica with the windows-1252 encoding: no font
file to find or ship, small files (about 2 KiB), four times faster than an embedded TrueType font, and it covers French
and most Western European names once Babel's narrow no-break spaces are normalised. Names outside windows-1252 (Polish
"Ł", Romanian "ș", Czech "č", Turkish "ğ", Vietnamese...) are rendered with DejaVu Sans when that font is found on the
system (or a TTF named by SAR_PDF_FONT): a letter falls back to it only when it needs it. A character that neither can
print (an emoji) is a clear error naming the character and where it is, never a crash or a silent drop.
"""

from __future__ import annotations

import os
import unicodedata
from datetime import datetime, time, timezone
from functools import cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from sar.errors import InputError
from sar.i18n import _
from sar.letters import Letter

# Characters Babel and typographic text produce that windows-1252 lacks, mapped to their printed equivalent.
NORMALISE = str.maketrans({
    "\u202f": "\u00a0",  # narrow no-break space (Babel, before « : ; ! ? » in French)
    "\u2009": "\u00a0",  # thin space
    "\u2007": "\u00a0",  # figure space
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2212": "-",  # minus sign
})

CORE_FONT = "helvetica"
UNICODE_FONT = "sar-unicode"
FONT_SIZE = 10.5
LINE = 4.9  # mm per line
LEFT, RIGHT, TOP, BOTTOM = 25.0, 20.0, 18.0, 20.0
WINDOW_X, WINDOW_Y = 110.0, 48.0  # French DL/C5 window envelopes: address block about 100-190 mm across, 45-90 mm down
PARAGRAPH_GAP = 2.6

_DEJAVU_PLACES = (
    "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu
    "/usr/share/fonts/dejavu",  # Fedora, Arch
    "/usr/share/fonts/TTF",
    "/Library/Fonts",
    str(Path.home() / "Library/Fonts"),
    str(Path.home() / ".local/share/fonts"),
    "C:/Windows/Fonts",
)


_WORD_WIDTHS: dict[tuple, float] = {}
_WORD_WIDTHS_MAX = 20_000


def normalise(text: str) -> str:
    return text.translate(NORMALISE)


@cache
def unicode_font() -> tuple[Path, Path] | None:
    """(regular, bold) TrueType files for names outside windows-1252, or None: SAR_PDF_FONT, else DejaVu Sans if present."""
    chosen = os.environ.get("SAR_PDF_FONT")
    if chosen and Path(chosen).is_file():
        bold = Path(chosen).with_name(Path(chosen).stem + "-Bold" + Path(chosen).suffix)
        return Path(chosen), bold if bold.is_file() else Path(chosen)
    for place in _DEJAVU_PLACES:
        regular, bold = Path(place) / "DejaVuSans.ttf", Path(place) / "DejaVuSans-Bold.ttf"
        if regular.is_file():
            return regular, bold if bold.is_file() else regular
    return None


@cache
def _glyphs(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # a dependency of fpdf2

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


def _fields(letter: Letter) -> list[tuple[str, str]]:
    """The letter's texts with the name of the part they are in, for error messages."""
    return [
        (_("sender block"), "\n".join(letter.sender)),
        (_("recipient block"), "\n".join(letter.recipient)),
        (_("place and date"), letter.place_date),
        (_("subject"), letter.subject),
        (_("body"), "\n".join(letter.body)),
        (_("signature"), "\n".join(letter.signature)),
        (_("enclosures"), "\n".join(letter.attachments)),
    ]


def _unprintable(text: str) -> str | None:
    for char in text:
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            return char
    return None


def choose_font(letter: Letter, font: tuple[Path, Path] | None | bool = True) -> tuple[Path, Path] | None:
    """None for the core font, or the TTF pair to embed; raise InputError naming the first character neither can print.

    `font`: True to look for a Unicode TTF when needed, False for the core font only, or a (regular, bold) pair.
    """
    fields = [(name, normalise(text)) for name, text in _fields(letter)]
    if not any(_unprintable(text) for _name, text in fields):
        return None
    ttf = unicode_font() if font is True else (font or None)
    glyphs = _glyphs(ttf[0]) | _glyphs(ttf[1]) if ttf else frozenset()
    for name, text in fields:
        for line in text.splitlines():
            for char in line:
                printable = ord(char) in glyphs if ttf else _unprintable(char) is None
                if printable:
                    continue
                raise InputError(_(
                    "the character {char} ({code}) in the {field} (\u201c{line}\u201d) cannot be printed in a PDF "
                    "letter: replace it, or write this letter as text or e-mail (--format txt,eml)"
                ).format(char=char, code=f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip(), field=name,
                         line=line.strip()[:80]))
    return ttf


class _LetterPdf(FPDF):
    def __init__(self, ttf: tuple[Path, Path] | None):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        if ttf:
            self.add_font(UNICODE_FONT, "", str(ttf[0]))
            self.add_font(UNICODE_FONT, "B", str(ttf[1]))
            self._letter_font = UNICODE_FONT
        else:
            self.core_fonts_encoding = "windows-1252"
            self._letter_font = CORE_FONT
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.set_creator("sar")

    def font(self, bold: bool = False, size: float = FONT_SIZE) -> None:
        self.set_font(self._letter_font, "B" if bold else "", size)

    def _width(self, word: str) -> float:
        """A word's printed width, cached: letters repeat the same words, and measuring is fpdf2's main cost."""
        key = (self._letter_font, self.font_style, self.font_size_pt, word)
        width = _WORD_WIDTHS.get(key)
        if width is None:
            if len(_WORD_WIDTHS) > _WORD_WIDTHS_MAX:  # names differ in every letter of a bulk run: stay bounded
                _WORD_WIDTHS.clear()
            width = _WORD_WIDTHS[key] = self.get_string_width(word)
        return width

    def wrap(self, text: str, width: float) -> list[str]:
        """Break one line of text into lines that fit `width` mm (greedy, on spaces; a too-long word is cut).

        sar breaks lines itself and prints each with cell(): fpdf2's multi_cell re-measures the whole line at every
        character, which made it three quarters of the cost of a letter. Lines are ragged right, as many letters are.
        """
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
              indent: float = 0.0) -> None:
        """Print `text` (lines separated by newlines) from `x`, wrapped to `width` (0: up to the right margin)."""
        self.font(bold)
        left = (self.l_margin if x is None else x) + indent
        available = (width - indent) if width else self.w - self.r_margin - left
        for line in normalise(text).splitlines() or [""]:
            for piece in self.wrap(line, available):
                self.set_x(left)
                self.cell(available, LINE, piece, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text: str) -> None:
        for line in text.splitlines():
            if line.startswith("– "):
                self.font()
                if self.get_y() + LINE > self.page_break_trigger:
                    self.add_page()
                self.set_x(LEFT + 3)
                self.cell(4, LINE, "\u2013")
                self.block(line[2:], x=LEFT + 7)
            else:
                self.block(line)
        self.ln(PARAGRAPH_GAP)


def pdf_bytes(letter: Letter, *, font: tuple[Path, Path] | None | bool = True) -> bytes:
    """The letter as PDF bytes (see the module docstring for the font choice)."""
    pdf = _LetterPdf(choose_font(letter, font))
    if letter.dated:
        # The letter's own date, not the time of writing: the same letter gives the same bytes, so re-running a
        # bulk job rewrites no unchanged file.
        pdf.set_creation_date(datetime.combine(letter.dated, time(12), tzinfo=timezone.utc))
    pdf.set_title(normalise(letter.subject))
    pdf.add_page()
    column = pdf.w - RIGHT - WINDOW_X

    pdf.set_xy(LEFT, TOP)
    pdf.block("\n".join(letter.sender), width=WINDOW_X - LEFT - 8)
    pdf.set_xy(WINDOW_X, max(WINDOW_Y, pdf.get_y() + LINE))
    pdf.block("\n".join(letter.recipient), x=WINDOW_X, width=column)
    pdf.set_y(max(pdf.get_y() + 2 * LINE, 88))
    pdf.block(letter.place_date, x=WINDOW_X, width=column)
    pdf.ln(1.5 * LINE)
    if letter.channel_line:
        pdf.block(letter.channel_line, bold=True)
        pdf.ln(LINE)
    pdf.block(letter.subject_label + letter.subject, bold=True)
    pdf.ln(1.5 * LINE)
    pdf.paragraph(letter.salutation)
    for paragraph in letter.body:
        pdf.paragraph(paragraph)
    pdf.paragraph(letter.closing)
    # Keep the signature with room to sign on one page.
    if pdf.get_y() + 30 > pdf.h - BOTTOM:
        pdf.add_page()
    pdf.ln(LINE)
    pdf.block("\n".join(letter.signature), x=WINDOW_X, width=column)
    pdf.ln(14)
    if letter.attachments:
        needed = LINE * (1 + 1.5 * len(letter.attachments))
        if pdf.get_y() + needed > pdf.h - BOTTOM:
            pdf.add_page()
        pdf.block(letter.attachments_label, bold=True)
        pdf.paragraph("\n".join("– " + item for item in letter.attachments))

    pages = pdf.page
    if pages > 1:
        pdf.set_auto_page_break(False)
        for number in range(1, pages + 1):
            pdf.page = number
            pdf.set_xy(LEFT, pdf.h - 12)
            pdf.font(size=8)
            pdf.cell(pdf.w - LEFT - RIGHT, 4, f"{number}/{pages}", align="R")
        pdf.page = pages
    return bytes(pdf.output())
