"""The rows of a `sar bulk` CSV, checked and reported: the header's columns, the same person on two lines, and why a row's
letters cannot all be written. Each problem is a `RowError` (line, column, reason) for errors.csv and the terminal; the
run itself is `sar.bulk.run`.

One person is one person (`sar.identity`): two rows with the same names and birth date give one person, reported with
both line numbers; if their answers differ, the later row is refused as a conflict rather than silently preferred.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from sar import interview
from sar.care_places import numbered_key
from sar.csv_rows import CsvRow
from sar.errors import InputError
from sar.i18n import _, gettext
from sar.identity import identity, name_key
from sar.output.files import RenderedLetter

ERROR_COLUMNS = ("line", "column", "reason")


@dataclass(frozen=True)
class RowError:
    """A row that could not be used: its line in the file (header = line 1), the column at fault, and why."""

    line: int
    column: str
    reason: str


def check_columns(header: list[str]) -> None:
    """Refuse a header with unknown columns (a typo would otherwise fail every row) or without the required ones."""
    known = {q.id for q in interview.QUESTIONS}
    unknown = [name for name in header if name and name not in known]
    # A column required only for some rows (the Latin spelling of a name in another script) may be left out.
    missing = [q.id for q in interview.QUESTIONS if q.required and q.ask_if is None and q.id not in header]
    problems = []
    if unknown:
        problems.append(_("line 1: unknown column(s): {names}").format(names=", ".join(unknown)))
    if missing:
        problems.append(_("line 1: missing required column(s): {names}").format(names=", ".join(missing)))
    if problems:
        problems.append(_("the columns are the answers file's keys: {names}").format(
            names=", ".join(q.id for q in interview.QUESTIONS if numbered_key(q.id) is None)))
        problems.append(_("and, for a second place of a kind, the same keys numbered from 2: doctor_2_name, "
                          "doctor_2_specialty, pharmacy_2_name, lab_2, hospital_2…"))
        raise InputError("\n".join(problems))


LATIN_SPELLING_COLUMNS = {"first_name": "first_name_latin", "last_name": "last_name_latin"}


def rendering_errors(row: CsvRow, rendered: list[RenderedLetter]) -> tuple[RowError, ...]:
    """Why a row's letters cannot all be written: a cell the PDF letters cannot print is named by its column (a name:
    with the columns that give its Latin spelling); any other failure names the letter. Each reason is said once."""
    pdf_failed = any(error.startswith("pdf:") for letter in rendered for error in letter.errors)
    errors: list[RowError] = []
    for column, char in (_unprintable_cells(row.values) if pdf_failed else {}).items():
        where = f"{char} (U+{ord(char):04X} {unicodedata.name(char, '')})".replace(" )", ")")
        if column in LATIN_SPELLING_COLUMNS:
            reason = gettext(
                "{value!r} cannot be printed in a PDF letter (the character {char}): give the name's Latin spelling "
                "in the columns first_name_latin and last_name_latin, or leave pdf out of --format; nothing was "
                "written for this row")
        else:
            reason = gettext(
                "{value!r} cannot be printed in a PDF letter (the character {char}): write it in Latin letters, or "
                "leave pdf out of --format; nothing was written for this row")
        errors.append(RowError(row.line, column, reason.format(value=row.values[column], char=where)))
    if not errors:
        seen = set()
        for letter in rendered:
            for error in letter.errors:
                if error not in seen:
                    seen.add(error)
                    errors.append(RowError(row.line, "", gettext(
                        "letter to {actor} cannot be written ({error}): nothing was written for this row").format(
                        actor=letter.finding.actor.id, error=error)))
    return tuple(errors)


def _unprintable_cells(values: dict[str, str | None]) -> dict[str, str]:
    """{column: the first character of its cell that the PDF letters' font cannot print}, in the file's column order."""
    from sar.output.pdf import normalise

    printable = _pdf_printable()
    found = {}
    for column, value in values.items():
        char = next((c for c in normalise(value or "") if c not in "\n" and ord(c) not in printable), None)
        if column and char is not None:
            found[column] = char
    return found


@cache
def _pdf_printable() -> frozenset[int]:
    from sar.output.letter_font import font_files, glyphs

    font = font_files()
    return glyphs(font.regular) & glyphs(font.bold)


class _SamePeople:
    """The rows already seen, by identity: a later row for the same person is a duplicate (same answers) or a conflict.

    Decided in the parent, before a row reaches a worker, so that a second row can never overwrite the first one's
    letters. Keeps a line number and a hash of the answers per person: a few dozen bytes each.
    """

    def __init__(self):
        self.seen: dict[str, tuple[int, int]] = {}

    def check(self, row: CsvRow) -> RowError | None:
        key = _row_identity(row)
        if key is None:
            return None  # the worker will say what is wrong with the name or the birth date
        answers = hash(tuple(sorted((k, name_key(v or "")) for k, v in row.values.items() if k)))
        first = self.seen.setdefault(key, (row.line, answers))
        if first[0] == row.line:
            return None
        if first[1] == answers:
            return RowError(row.line, "", gettext(
                "the same person as line {first} (same names and birth date, same answers): counted once").format(
                first=first[0]))
        return RowError(row.line, "", gettext(
            "the same person as line {first} (same names and birth date) with different answers: this row was not "
            "used; keep one line per person").format(first=first[0]))


def _row_identity(row: CsvRow) -> str | None:
    try:
        first = interview.validate(interview.question("first_name"), row.values.get("first_name") or "")
        last = interview.validate(interview.question("last_name"), row.values.get("last_name") or "")
        born = interview.validate(interview.question("birth_date"), row.values.get("birth_date") or "")
    except InputError:
        return None
    return identity(first, last, born)


def without_duplicates(rows: Iterable[CsvRow], refused: dict[int, RowError]) -> Iterator[CsvRow]:
    """The rows of people not seen before; a later row of a person already seen goes to `refused` (line -> error)."""
    same_people = _SamePeople()
    for row in rows:
        duplicate = same_people.check(row)
        if duplicate is None:
            yield row
        else:
            refused[row.line] = duplicate
