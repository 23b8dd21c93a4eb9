"""The one font every PDF letter embeds, parsed once per process and subset once per set of characters.

sar ships Noto Sans regular and bold (`sar/fonts/`, SIL Open Font License 1.1, see `sar/fonts/OFL.txt`): Latin with its
extensions (Vietnamese included), Greek and Cyrillic, so "Łukasz", "Ștefan", "Nguyễn" or "Ğül" print the same on every
computer, and the PDF carries the font (a subset) instead of leaving each viewer to substitute its own. `SAR_PDF_FONT`
can name another TrueType file (its bold is the file beside it with "-Bold" before the extension, or the same file).

Why this module exists: fpdf2's `add_font` parses the TrueType file with fontTools for every document, and its output
step runs the fontTools subsetter for every document: together about 100 ms a letter, more than ten times the layout.
Here the file is parsed once per process and each letter gets a light copy of the parsed font; every letter also uses a
fixed base repertoire (ASCII, the French letters and typography), so almost every letter needs the same subset, which is
made once and kept (with its compressed bytes) for the next letters. A name with other characters adds them to its
letter's subset, made once per distinct set of characters.

Only the public `FPDF.output(output_producer_class=...)` hook is used, but the producer below writes the font objects
fpdf2 would write for a TrueType font (Type0 + CIDFontType2 + ToUnicode + CIDToGIDMap + FontFile2), using fpdf2's own
object classes: it is tied to fpdf2 2.8 (pinned in pyproject.toml) and tests/test_output.py checks what it writes.
"""

from __future__ import annotations

import copy
import os
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from fontTools import subset as ftsubset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.output import CIDSystemInfo, OutputProducer, PDFFont, _build_cmap_blocks, _tt_font_widths
from fpdf.syntax import Name, PDFArray, PDFContentStream

from sar.errors import InputError
from sar.i18n import _

SHIPPED = Path(__file__).resolve().parent.parent / "fonts"
SHIPPED_REGULAR = SHIPPED / "NotoSans-Regular.ttf"
SHIPPED_BOLD = SHIPPED / "NotoSans-Bold.ttf"

# Characters put in every subset, so that letters in French (and most Western European languages) share one subset.
BASE_REPERTOIRE = (
    "".join(chr(code) for code in range(0x20, 0x7F))
    + "\u00a0«»’‘“”–—…€°§"
    + "àâäçéèêëîïôöùûüÿœæ"
    + "ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
)
_SUBSETS_MAX = 64  # distinct character sets kept per process (a bulk run of varied names stays bounded)


@dataclass(frozen=True)
class FontFiles:
    """The regular and bold TrueType files of the letters' font."""

    regular: Path
    bold: Path


def font_files() -> FontFiles:
    """SAR_PDF_FONT (and its "-Bold" sibling if there is one) when it names a file, else the font sar ships.

    Raises InputError when SAR_PDF_FONT names a file that is not a font sar can read.
    """
    chosen = os.environ.get("SAR_PDF_FONT")
    if not (chosen and Path(chosen).is_file()):
        return FontFiles(SHIPPED_REGULAR, SHIPPED_BOLD)
    regular = Path(chosen)
    bold = regular.with_name(regular.stem + "-Bold" + regular.suffix)
    files = FontFiles(regular, bold if bold.is_file() else regular)
    for path in {files.regular, files.bold}:
        try:
            _parsed(path, "")
        except Exception as error:  # fontTools raises many kinds of errors for a file that is not a font
            raise InputError(_(
                "SAR_PDF_FONT names {path}, which is not a TrueType font sar can read ({error}): name a .ttf file, "
                "or unset SAR_PDF_FONT to use the font sar ships"
            ).format(path=path, error=error)) from error
    return files


class LetterFont(TTFFont):
    """A TTFFont whose parsed tables are shared by every letter of the process (see `add_letter_font`)."""

    __slots__ = ("codes",)  # character -> its code in this letter's subset, as a one-character string

    def encode_text(self, text: str) -> str:
        """TTFFont.encode_text with the characters' codes kept in a dict: a third of the cost of printing a line."""
        codes = self.codes
        mapped = []
        for char in text:
            code = codes.get(char)
            if code is None:
                picked = self.subset.pick(ord(char))
                if picked is None:  # fpdf2 drops a character the font lacks (check_printable refused it before)
                    continue
                code = codes[char] = chr(picked)
            mapped.append(code)
        return f"({self.escape_text(''.join(mapped))}) Tj"


@cache
def _parsed(path: Path, style: str) -> LetterFont:
    """The font file parsed once: cmap, widths, descriptor. Raises fontTools' errors for a file that is no font."""
    return LetterFont(FPDF(), path, f"letter{style}", style)


@cache
def glyphs(path: Path) -> frozenset[int]:
    """The code points the font file can print."""
    return frozenset(_parsed(path, "").cmap)


def is_plain_truetype(path: Path) -> bool:
    """True for a TrueType-outline font (glyf table), the kind the cached writer handles; False for CFF/OpenType."""
    font = _parsed(path, "")
    return "glyf" in font.ttfont and not font.is_cff and font.color_font is None


@cache
def _prepared(path: Path, style: str) -> LetterFont:
    """The parsed font with the base repertoire picked, in a fixed order: the same characters always get the same codes.

    Only the regular style gets it: names are set in regular, and bold only sets the subject and a few labels, which
    come from the templates, so a handful of bold subsets serve every letter.
    """
    font = copy.copy(_parsed(path, style))
    font.subset = SubsetMap(font)
    font.codes = {}
    for char in BASE_REPERTOIRE if style == "" else "":
        code = font.subset.pick(ord(char))
        if code is not None:
            font.codes[char] = chr(code)
    return font


def add_letter_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
    """Register the font `path` in `pdf` as (`family`, `style`) without parsing it again.

    The copy shares the parsed tables (read-only) and gets its own copy of the prepared subset map.
    """
    if not is_plain_truetype(path):
        pdf.add_font(family, style, str(path))  # fpdf2's own (slower) path
        return
    prepared = _prepared(path, style)
    font = copy.copy(prepared)
    font.i = len(pdf.fonts) + 1
    font.fontkey = f"{family}{style}"
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    subset = font.subset = copy.copy(prepared.subset)
    subset.font = font
    subset._char_id_per_glyph = dict(prepared.subset._char_id_per_glyph)
    subset._reserved = list(prepared.subset._reserved)
    font.codes = dict(prepared.codes)
    pdf.fonts[font.fontkey] = font


@dataclass(frozen=True)
class _Subset:
    compressed: bytes  # the subset TrueType file, zlib-compressed as the PDF stream stores it
    length: int  # its uncompressed length (/Length1)
    glyph_ids: dict[str, int]  # glyph name -> glyph id in the subset


_SUBSETS: OrderedDict[tuple[Path, tuple[str, ...]], _Subset] = OrderedDict()


@cache
def _file_bytes(path: Path) -> bytes:
    return path.read_bytes()


def _subset(path: Path, glyph_names: tuple[str, ...]) -> _Subset:
    key = (path, glyph_names)
    found = _SUBSETS.get(key)
    if found is not None:
        _SUBSETS.move_to_end(key)
        return found
    # The options fpdf2 uses, without hinting: instructions only matter on screens at small sizes, and dropping them
    # makes the embedded font about a third smaller.
    options = ftsubset.Options(notdef_outline=True, recommended_glyphs=True, hinting=False)
    options.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "DSIG"]
    font = TTFont(BytesIO(_file_bytes(path)), recalcTimestamp=False, lazy=True)  # 5x faster, same bytes
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(glyphs=list(glyph_names))
    subsetter.subset(font)
    out = BytesIO()
    font.save(out)
    data = out.getvalue()
    found = _Subset(zlib.compress(data), len(data), {name: font.getGlyphID(name) for name in font.getGlyphOrder()})
    _SUBSETS[key] = found
    if len(_SUBSETS) > _SUBSETS_MAX:
        _SUBSETS.popitem(last=False)
    return found


class _Compressed(PDFContentStream):
    """A stream from already-compressed bytes (fpdf2's streams compress what they are given)."""

    def __init__(self, compressed: bytes, length1: int | None = None) -> None:
        super().__init__(contents=compressed, compress=False)
        self.filter = Name("FlateDecode")
        if length1 is not None:
            self.length1 = length1  # a /FontFile2's uncompressed length


@dataclass(frozen=True)
class _Written:
    """What a font's PDF objects hold for one subset map: the same for every letter with the same characters."""

    subset: _Subset
    widths: str  # the CIDFont's /W array
    to_unicode: bytes  # compressed ToUnicode CMap
    cid_to_gid: bytes  # compressed CIDToGIDMap


_WRITTEN: OrderedDict[tuple, _Written] = OrderedDict()


def _written(font: LetterFont) -> _Written:
    key = (font.ttffile, tuple((glyph.glyph_id, code) for glyph, code in font.subset.items() if glyph is not None))
    found = _WRITTEN.get(key)
    if found is not None:
        _WRITTEN.move_to_end(key)
        return found
    subset = _subset(Path(font.ttffile), tuple(sorted(set(font.subset.get_all_glyph_names()))))
    cid_to_gid = bytearray(2 * 65536)  # every 2-byte code, as fpdf2 writes it
    for glyph, code in font.subset.items():
        if glyph is not None:
            gid = subset.glyph_ids[glyph.glyph_name]
            cid_to_gid[2 * code], cid_to_gid[2 * code + 1] = gid >> 8, gid & 0xFF
    found = _Written(subset, _tt_font_widths(font), zlib.compress(_to_unicode(font)), zlib.compress(bytes(cid_to_gid)))
    _WRITTEN[key] = found
    if len(_WRITTEN) > _SUBSETS_MAX:
        _WRITTEN.popitem(last=False)
    return found


def _to_unicode(font: LetterFont) -> bytes:
    """The CMap that maps each code back to its character: what makes copy-paste and pdftotext work."""
    entries = [
        f"<{code:04X}> <{''.join(_utf16_hex(char) for char in glyph.unicode)}>\n"
        for glyph, code in font.subset.items()
        if glyph is not None and isinstance(glyph.unicode, tuple) and glyph.unicode
    ]
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
        "<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{_build_cmap_blocks(entries, 'bfchar')}"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode("latin-1")


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


class LetterOutputProducer(OutputProducer):
    """fpdf2's output, with the letter fonts written from the per-process caches."""

    def _add_fonts(self, image_objects_per_index, gfxstate_objs_per_name, pattern_objs_per_name):
        fonts = self.fpdf.fonts  # fpdf2 writes every font in this registry: hide ours from it for a moment
        every = dict(fonts)
        ours = {key: font for key, font in every.items() if isinstance(font, LetterFont)}
        for key in ours:
            del fonts[key]
        try:
            written = super()._add_fonts(image_objects_per_index, gfxstate_objs_per_name, pattern_objs_per_name)
        finally:
            fonts.clear()
            fonts.update(every)
        for font in sorted(ours.values(), key=lambda font: font.i):
            written[font.i] = self._add_letter_font(font)
        return written

    def _add_letter_font(self, font: LetterFont) -> PDFFont:
        """The objects fpdf2 writes for a TrueType font (see fpdf/output.py, OutputProducer._add_fonts)."""
        cached = _written(font)
        name = f"{_tag(cached.subset)}+{font.name}"

        composite = PDFFont(subtype="Type0", base_font=name, encoding="Identity-H")
        self._add_pdf_obj(composite, "fonts")
        cid_font = PDFFont(subtype="CIDFontType2", base_font=name, d_w=font.desc.missing_width, w=cached.widths)
        self._add_pdf_obj(cid_font, "fonts")
        composite.descendant_fonts = PDFArray([cid_font])

        to_unicode = _Compressed(cached.to_unicode)
        self._add_pdf_obj(to_unicode, "fonts")
        composite.to_unicode = to_unicode

        system_info = CIDSystemInfo()
        self._add_pdf_obj(system_info, "fonts")
        cid_font.c_i_d_system_info = system_info

        descriptor = copy.copy(font.desc)
        descriptor.font_name = Name(name)
        self._add_pdf_obj(descriptor, "fonts")
        cid_font.font_descriptor = descriptor

        cid_to_gid_map = _Compressed(cached.cid_to_gid)
        self._add_pdf_obj(cid_to_gid_map, "fonts")
        cid_font.c_i_d_to_g_i_d_map = cid_to_gid_map

        font_file = _Compressed(cached.subset.compressed, cached.subset.length)
        self._add_pdf_obj(font_file, "fonts")
        descriptor.font_file2 = font_file

        font.subset.pick.cache_clear()  # fpdf2 caches these per SubsetMap in a module-wide cache
        font.subset.get_glyph.cache_clear()
        return composite


def _tag(subset: _Subset) -> str:
    """The six capital letters a subset font's name starts with (PDF 32000-1 §9.6.4), derived from its glyphs."""
    number = zlib.crc32(" ".join(sorted(subset.glyph_ids)).encode())
    letters = []
    for _position in range(6):
        number, digit = divmod(number, 26)
        letters.append(chr(ord("A") + digit))
    return "".join(letters)


__all__ = ["FontFiles", "font_files", "glyphs", "add_letter_font", "LetterOutputProducer"]
