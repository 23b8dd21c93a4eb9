"""Reading a spreadsheet export row by row, whatever French office software produced it.

French spreadsheets export `;`-separated CSV (the comma is the decimal separator), often in Windows-1252; others write
`,` and UTF-8, with or without a byte-order mark. We detect the encoding with one streaming pass (bounded memory: the file
is never held whole), the delimiter from the header line, and yield each row with the line number a spreadsheet shows,
so an error can point at it.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sar.errors import InputError
from sar.i18n import _

CHUNK_BYTES = 1 << 16


def count_data_lines(path: Path) -> int:
    """About how many data rows the file has (its lines minus the header): for a progress bar, before reading it."""
    return max(0, scan(path)[1] - 1)


@dataclass(frozen=True)
class CsvRow:
    """One data row: the line it starts on (the header is line 1), its values by column name, and any cells beyond the
    header's columns (a sign of a stray delimiter, reported rather than dropped)."""

    line: int
    values: dict[str, str]
    extra_cells: tuple[str, ...] = ()


def scan(path: Path) -> tuple[str, int]:
    """The file's encoding and its number of lines, in one streaming pass.

    "utf-8-sig" if the whole file decodes as UTF-8 (BOM or not), else "cp1252" (Windows-1252, Excel's French default).
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    encoding, lines, last = "utf-8-sig", 0, b"\n"
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK_BYTES):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
            if encoding != "cp1252":
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    encoding = "cp1252"
    if encoding != "cp1252":
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            encoding = "cp1252"
    return encoding, lines + (last != b"\n")


def detect_encoding(path: Path) -> str:
    return scan(path)[0]


def detect_delimiter(header_line: str) -> str:
    """`;` or `,`, whichever separates more header cells (the header has no quoted commas in practice)."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_rows(path: Path) -> tuple[list[str], Iterator[CsvRow]]:
    """The header's column names and an iterator over the data rows, read lazily.

    Blank lines are skipped. Raises InputError when the file cannot be read or has no header.
    """
    path = Path(path)
    try:
        encoding = detect_encoding(path)
        handle = open(path, encoding=encoding, newline="")
    except OSError as error:
        raise InputError(_("cannot read {path}: {error}").format(path=path, error=error.strerror)) from None
    first_line = handle.readline()
    if not first_line.strip():
        handle.close()
        raise InputError(_("{path} is empty: the first line must name the columns").format(path=path))
    delimiter = detect_delimiter(first_line)
    header = [name.strip() for name in next(csv.reader([first_line], delimiter=delimiter))]
    duplicates = sorted({name for name in header if header.count(name) > 1 and name})
    if duplicates:
        handle.close()
        raise InputError(_("{path}: column named twice: {names}").format(path=path, names=", ".join(duplicates)))

    def rows() -> Iterator[CsvRow]:
        with handle:
            reader = csv.reader(handle, delimiter=delimiter)
            line = 2  # the header was line 1
            for cells in reader:
                start = line
                line = reader.line_num + 2  # line_num counts physical lines read by this reader (quoted newlines too)
                if not any(cell.strip() for cell in cells):
                    continue
                values = {name: cells[i].strip() if i < len(cells) else "" for i, name in enumerate(header) if name}
                extra = tuple(cell for cell in cells[len(header):] if cell.strip())
                yield CsvRow(start, values, extra)

    return header, rows()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula (OWASP CSV injection)


def spreadsheet_safe(value):
    """A cell a spreadsheet will not run as a formula: a name typed as "=HYPERLINK(...)" stays text. The one rule for
    every CSV sar writes (manifest, errors, tracker export); values that are not text pass unchanged."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
