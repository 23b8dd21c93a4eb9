"""A letter as an A4 PDF to print, sign, fold in three and post in a French window envelope.

Layout (millimetres from the top left corner of the A4 sheet):
- the sender's block top left (20, 15), left of the envelope's window so it never shows through it;
- the recipient's block where a standard French window envelope shows it (see `WINDOW` below): from (110, 54), at most
  80 mm wide, left-aligned, as La Poste's optical readers expect (AFNOR NF Z10-011: at most 6 lines of 38 characters);
- place and date on the right under the window, so nothing but the address shows through it; sending mode; the subject
  in bold; body; closing; 22 mm of room to sign by hand, then the typed name; the enclosures and the copies
  (« Pièces jointes : », « Copie : ») in the left column beside the room to sign; small fold marks at a third and two
  thirds of the page;
- a letter of the usual length fits on one sheet: the body is set at 10.5 pt, or at 10 or 9.5 pt when that is what it
  takes to fit on one page; a letter that fits at none of these is set at 10.5 pt on two pages, numbered "1/2", "2/2".

Font: every PDF embeds (a subset of) the one font sar ships, Noto Sans, or the TrueType file SAR_PDF_FONT names (see
letter_font.py): every name in Latin (Vietnamese included), Greek or Cyrillic script prints the same on every computer,
and the text extracts and copies as typed. The PDF declares its language and its title (the subject). A character the
font cannot print (an emoji) is a clear error naming the character and where it is, never a crash or a silent drop.
The PDF core font Helvetica (windows-1252, nothing embedded) is kept only for comparison (`core_font=True`): it is
what sar used before, and what benchmarks/letters.py measures the embedded font against.

How the text is set (type settings, line breaking, paragraphs, page breaks) is `sar.output.typesetting`; where each
part of the letter goes on the sheet, here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, time, timezone

from fpdf import ViewerPreferences

from sar.errors import InputError
from sar.i18n import _
from sar.letters import Letter
from sar.output.letter_font import FontFiles, LetterOutputProducer, font_files, glyphs
from sar.output.typesetting import SETTINGS, Setting, Typesetter, normalise

LEFT, RIGHT, TOP, BOTTOM = 20.0, 20.0, 15.0, 16.0
PAGE_NUMBER_Y = 297.0 - 11.0


@dataclass(frozen=True)
class Window:
    """The part of the letter that shows through the window of the envelope, whichever way the letter slides in it.

    A DL envelope (110 x 220 mm, the usual French window envelope for an A4 sheet folded in three) has its window,
    45 x 100 mm, 20 mm from its right edge and 15 mm from its bottom edge, so 50 mm from its top. The folded letter
    (99 x 210 mm) can slide 10 mm sideways and 11 mm up and down in it: the part of the sheet that always shows is
    100-190 mm from the sheet's left edge and 50-84 mm from its top. The recipient's block stays inside it, with a
    10 mm margin on the left (La Poste asks for a clear zone around the address).
    """

    left: float = 100.0
    top: float = 50.0
    right: float = 190.0
    bottom: float = 84.0
    lowest_visible: float = 95.0  # below this nothing can show through the window, however the letter slides


WINDOW = Window()
ADDRESS_X, ADDRESS_Y = 110.0, 54.0
ADDRESS_SIZE, ADDRESS_LINE = 10.0, 4.6  # six lines fit in the window: 54 + 6 x 4.6 = 81.6 <= 84
# Smaller settings for a recipient's block that would not fit the window at 10 pt (La Poste reads 9 to 12 pt).
ADDRESS_SETTINGS = ((10.0, 4.6), (9.5, 4.3), (9.0, 4.0))
SENDER_WIDTH = WINDOW.left - LEFT - 5
PLACE_DATE_Y = WINDOW.lowest_visible + 2
FOLDS = (99.0, 198.0)  # an A4 sheet folded in three equal parts
SIGNATURE_SPACE = 22.0  # mm left blank between the closing and the typed name: room for a handwritten signature


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
        (_("copies"), "\n".join(letter.copies)),
    ]


def _cp1252(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def check_printable(letter: Letter, font: FontFiles | None) -> None:
    """Raise InputError naming the first character of the letter that `font` (None: the core font) cannot print."""
    printable = glyphs(font.regular) & glyphs(font.bold) if font else None
    for name, text in _fields(letter):
        text = normalise(text)
        used = set(text) - {"\n"}
        if printable is not None:
            missing = {char for char in used if ord(char) not in printable}
        else:
            missing = {char for char in used if not _cp1252(char)}
        if not missing:
            continue
        line, char = next((line, char) for line in text.splitlines() for char in line if char in missing)
        raise InputError(_(
            "the character {char} ({code}) in the {field} (\u201c{line}\u201d) cannot be printed in a PDF "
            "letter: replace it, or write this letter as text or e-mail (--format txt,eml)"
        ).format(char=char, code=f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip(), field=name,
                 line=line.strip()[:80]))


def _fold_marks(pdf: Typesetter) -> None:
    pdf.set_draw_color(160)
    pdf.set_line_width(0.2)
    for y in FOLDS:
        pdf.line(4, y, 8, y)


def _lay_out(pdf: Typesetter, letter: Letter) -> float:
    """Set the letter on `pdf` (or only measure it, when pdf.dry); return where the text ends, in mm from the top."""
    pdf.overflowed = False
    column = WINDOW.right - ADDRESS_X
    pdf.set_xy(LEFT, TOP)
    pdf.block("\n".join(letter.sender), width=SENDER_WIDTH, size=ADDRESS_SIZE, line=ADDRESS_LINE)
    sender_end = pdf.get_y()
    pdf.set_xy(ADDRESS_X, ADDRESS_Y)
    recipient = "\n".join(letter.recipient)
    size, line = _address_setting(pdf, recipient, column)
    pdf.block(recipient, x=ADDRESS_X, width=column, size=size, line=line)
    pdf.set_y(max(PLACE_DATE_Y, pdf.get_y() + line))
    pdf.block(letter.place_date, x=ADDRESS_X, width=column)
    pdf.set_y(max(pdf.get_y(), sender_end) + pdf.setting.line)
    if letter.channel_line:
        pdf.block(letter.channel_line, bold=True)
        pdf.skip(0.5 * pdf.setting.line)
    pdf.block(letter.subject_label + letter.subject, bold=True)
    pdf.skip(pdf.setting.line)
    pdf.paragraph(letter.salutation)
    for paragraph in letter.body:
        pdf.paragraph(paragraph)
    # The closing, the room to sign by hand and the typed name stay together on one page, with the enclosures and the
    # copies in the left column beside the room to sign (where French letters set « P.J. » and « Copie »).
    pdf.font()
    closing_lines = len(pdf.wrap(normalise(letter.closing), pdf.w - pdf.l_margin - pdf.r_margin))
    signing = pdf.setting.line * len(letter.signature) + (SIGNATURE_SPACE if letter.channel == "post" else 0)
    pdf.keep(pdf.setting.line * closing_lines + pdf.setting.paragraph_gap + max(signing, _side_notes_height(pdf, letter)))
    pdf.paragraph(letter.closing)
    signing_top = pdf.get_y()
    _side_notes(pdf, letter)
    notes_end = pdf.get_y()
    pdf.set_y(signing_top)
    if letter.channel == "post":
        pdf.skip(SIGNATURE_SPACE)
    pdf.block("\n".join(letter.signature), x=ADDRESS_X, width=column)
    pdf.set_y(max(pdf.get_y(), notes_end))
    return pdf.get_y()


SIDE_WIDTH = ADDRESS_X - LEFT - 5  # the enclosures and copies, left of the typed name


def _side_notes(pdf: Typesetter, letter: Letter) -> None:
    """The enclosures (« Pièces jointes : », a list) and the copies (« Copie : … »), in the left column."""
    if letter.attachments:
        pdf.block(letter.attachments_label, width=SIDE_WIDTH, bold=True)
        for item in letter.attachments:
            pdf.list_item(item, width=SIDE_WIDTH)
    if letter.attachments and letter.copies:
        pdf.skip(0.5 * pdf.setting.line)
    for item in letter.copies:
        pdf.block(f"{letter.copies_label} {item}", width=SIDE_WIDTH)


def _side_notes_height(pdf: Typesetter, letter: Letter) -> float:
    pdf.font(bold=True)
    lines = len(pdf.wrap(normalise(letter.attachments_label), SIDE_WIDTH)) if letter.attachments else 0
    pdf.font()
    lines += sum(len(pdf.wrap(normalise(item), SIDE_WIDTH - 7)) for item in letter.attachments)
    lines += sum(len(pdf.wrap(normalise(f"{letter.copies_label} {item}"), SIDE_WIDTH)) for item in letter.copies)
    return (lines + (0.5 if letter.attachments and letter.copies else 0)) * pdf.setting.line


def _address_setting(pdf: Typesetter, recipient: str, width: float) -> tuple[float, float]:
    """The largest (size, line height) at which the recipient's block fits the envelope's window, else the smallest."""
    for size, line in ADDRESS_SETTINGS:
        pdf.font(size=size)
        lines = sum(len(pdf.wrap(text, width)) for text in normalise(recipient).splitlines())
        if ADDRESS_Y + lines * line <= WINDOW.bottom:
            break
    return size, line


def _one_page_setting(pdf: Typesetter, letter: Letter) -> Setting:
    """The largest setting at which the letter fits on one page, else the first (the letter takes two pages).

    Measuring costs about a tenth of a letter. The first setting is measured; a letter far too long for one page
    (the smallest setting takes at least about three quarters of the first one's height) stops there; otherwise the
    smallest is tried before the ones in between.
    """
    def fits(setting: Setting) -> bool:
        pdf.setting = setting
        end = _lay_out(pdf, letter)
        return not pdf.overflowed and end <= pdf.page_break_trigger

    pdf.dry = True
    try:
        if fits(SETTINGS[0]):
            return SETTINGS[0]
        much_too_long = (pdf.page_break_trigger - PLACE_DATE_Y) < 0.65 * (pdf.get_y() - PLACE_DATE_Y)
        if much_too_long or not fits(SETTINGS[-1]):
            return SETTINGS[0]
        return next(setting for setting in SETTINGS[1:] if fits(setting))  # the last one fits
    finally:
        pdf.dry = False


def pdf_bytes(letter: Letter, *, font: FontFiles | None = None, core_font: bool = False) -> bytes:
    """The letter as PDF bytes, in `font` (default: SAR_PDF_FONT or the font sar ships), or in core Helvetica.

    Raises InputError for a character the font cannot print.
    """
    chosen = None if core_font else (font or font_files())
    check_printable(letter, chosen)
    pdf = Typesetter(chosen, (LEFT, TOP, RIGHT, BOTTOM))
    if letter.dated:
        # The letter's own date, not the time of writing: the same letter gives the same bytes, so re-running a
        # bulk job rewrites no unchanged file.
        pdf.set_creation_date(datetime.combine(letter.dated, time(12), tzinfo=timezone.utc))
    pdf.set_title(normalise(letter.subject))
    pdf.set_lang(letter.lang)
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.setting = _one_page_setting(pdf, letter)
    pdf.add_page()
    _fold_marks(pdf)
    _lay_out(pdf, letter)

    pages = pdf.page
    if pages > 1:
        pdf.set_auto_page_break(False)
        for number in range(1, pages + 1):
            pdf.page = number
            pdf.set_xy(LEFT, PAGE_NUMBER_Y)
            pdf.font(size=8)
            pdf.cell(pdf.w - LEFT - RIGHT, 4, f"{number}/{pages}", align="R")
        pdf.page = pages
    return bytes(pdf.output(output_producer_class=LetterOutputProducer))


__all__ = ["pdf_bytes", "check_printable", "normalise", "WINDOW", "ADDRESS_X", "ADDRESS_Y", "FontFiles"]
