"""`sar bulk`: every letter for every person of a CSV file (for associations)."""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from datetime import date

from babel.numbers import format_decimal

from sar.cli.common import (EXIT_OK, EXIT_SOME_FAILED, add_db_option, input_file, language, output_folder,
                            request_date, tracker_path)
from sar.errors import InputError
from sar.i18n import _, babel_locale, current_language, ngettext


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "bulk",
        help=_("write the letters for every person of a CSV file"),
        description=_(
            "Read a CSV file with one person per row (the answers file's keys as columns, lists separated by `;`), and "
            "write every letter, a manifest, and tracker entries. Bad rows are reported with their line number; the good "
            "rows go through. A row is all or nothing: one whose letters cannot all be written in every format asked "
            "for writes nothing."
        ),
        epilog=_("Example: sar bulk members.csv --out ~/sar-letters --format pdf --db association.json"),
    )
    parser.add_argument("csv", metavar="CSV", help=_("the CSV file (UTF-8 or Windows-1252, `,` or `;` separated)"))
    parser.add_argument("--out", required=True, metavar="DIR", help=_("folder to write the letters in"))
    parser.add_argument("--format", default="pdf,txt,eml", metavar="pdf,txt,eml", help=_("formats to write (default: all three)"))
    parser.add_argument("--lang", type=language, metavar="fr|en", help=_("language of the letters (default: each row's)"))
    parser.add_argument("--jobs", type=_positive, metavar="N", help=_("parallel workers (default: the number of CPUs)"))
    parser.add_argument("--date", type=request_date, metavar="DATE", help=_("date written on the letters (default: today)"))
    parser.add_argument("--combined", action="store_true",
                        help=_("also gather every PDF letter, in order, into combined.pdf for printing"))
    parser.add_argument("--lookup", action="store_true",
                        help=_("first find online the addresses the rows lack (pharmacies, hospitals… named without an "
                               "address): shows every name and postcode sent, asks once for the whole run"))
    parser.add_argument("--yes", action="store_true", help=_("with --lookup: send without asking (still shown)"))
    add_db_option(parser)
    parser.set_defaults(func=run)


MAX_JOBS = 256  # more worker processes than this only exhausts the machine (each holds a copy of sar)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_JOBS:
        raise argparse.ArgumentTypeError(_("{value!r} is not a number of workers: write 1 to {most}").format(
            value=text, most=MAX_JOBS))
    return value


class _ProgressLine:
    """Counts and rate on stderr: redrawn in place on a terminal, a line every few seconds otherwise (logs, CI)."""

    def __init__(self, expected_rows: int):
        self.expected = expected_rows
        self.tty = sys.stderr.isatty()
        self.last = 0.0
        self.shown_rows = -1

    def __call__(self, counts) -> None:
        now = time.monotonic()
        if counts.rows == self.shown_rows or (now - self.last < (0.2 if self.tty else 5.0) and counts.rows < self.expected):
            return
        self.last, self.shown_rows = now, counts.rows
        text = " · ".join((
            ngettext("{rows}/{expected} row", "{rows}/{expected} rows", self.expected).format(
                rows=counts.rows, expected=self.expected),
            ngettext("{count} letter", "{count} letters", counts.letters).format(count=counts.letters),
            _("{rate:.0f} letters/s").format(rate=counts.letters_per_second),
            ngettext("{count} row refused", "{count} rows refused", counts.failed_rows).format(count=counts.failed_rows),
        ))
        sys.stderr.write(("\r" + text + "\x1b[K") if self.tty else text + "\n")
        sys.stderr.flush()

    def error(self, row_error) -> None:
        prefix = "\r\x1b[K" if self.tty else ""
        where = _("line {line}, column {column}").format(line=row_error.line, column=row_error.column) \
            if row_error.column else _("line {line}").format(line=row_error.line)
        sys.stderr.write(prefix + _("{where}: {reason}").format(where=where, reason=row_error.reason) + "\n")

    def done(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


def _csv_problem(path, error: csv.Error) -> str:
    """Python's csv module speaks English; say what is wrong with the file in the user's language."""
    if "field larger than field limit" in str(error):
        return _("{path}: a cell holds more than {limit} characters; is this the members' CSV file?").format(
            path=path, limit=csv.field_size_limit())
    return _("{path} cannot be read as a CSV file ({reason})").format(path=path, reason=error)


def _look_up_places(csv_path, yes: bool) -> bool:
    """`--lookup`: each person's places named without an address, looked up with one consent for the whole run (what
    is sent is shown first) and kept for that person's letters only (sar.directory.own_places). False when the person
    running sar did not agree: nothing was sent, and no letter is written."""
    from sar.cli import place_lookup
    from sar.csv_rows import read_rows
    from sar.directory import own_places
    from sar.identity import person_identity
    from sar.journey import AnswersError, journey_from_row

    people, seen = [], set()
    _header, rows = read_rows(csv_path)
    for row in rows:
        try:
            journey = journey_from_row(row.values)
        except AnswersError:
            continue  # the run reports the row with its line and column
        if person_identity(journey.person) in seen:
            continue
        seen.add(person_identity(journey.person))
        places = own_places.places_to_find(journey)
        if places:
            people.append((journey, places))
    if not people:
        print(_("--lookup: every place the rows name has an address; nothing to look up."), file=sys.stderr)
        return True
    print("\n".join(place_lookup.plan_text(people, named=True)), file=sys.stderr)
    if not place_lookup.agreed(yes):
        return False
    found = count = 0
    for journey, places in people:
        outcomes = place_lookup.look_up_and_keep(journey, places)
        count += len(outcomes)
        found += sum(1 for outcome in outcomes if outcome.status == own_places.FOUND)
    print(ngettext("--lookup: {found} of {count} address found, kept for each person's letters.",
                   "--lookup: {found} of {count} addresses found, kept for each person's letters.", count).format(
        found=found, count=count), file=sys.stderr)
    return True


def run(args: argparse.Namespace) -> int:
    from sar.bulk import BulkJob, run_bulk
    from sar.csv_rows import count_data_lines

    csv_path = input_file(args.csv)
    out = output_folder(args.out)
    database = tracker_path(args.db) if args.db else None
    if args.lookup and not _look_up_places(csv_path, args.yes):
        return EXIT_SOME_FAILED
    try:
        expected = count_data_lines(csv_path)
        line = _ProgressLine(expected)
        job = BulkJob(out, tuple(args.format.split(",")), args.lang, args.date or date.today(), args.combined)
        report = run_bulk(csv_path, job, jobs=args.jobs or os.cpu_count(), db_path=database,
                          progress=line, on_error=line.error)
    except csv.Error as error:
        raise InputError(_csv_problem(csv_path, error)) from None
    line.done()
    counts = report.progress
    if report.leftovers_removed:
        print(ngettext("removed {count} temporary file left by an interrupted run",
                       "removed {count} temporary files left by an interrupted run",
                       report.leftovers_removed).format(count=report.leftovers_removed))
    print(_("{people}, {letters} ({written}, {unchanged}) in {seconds} s; manifest: {manifest}").format(
        people=ngettext("{count} person", "{count} people", counts.people).format(count=counts.people),
        letters=ngettext("{count} letter", "{count} letters", counts.letters).format(count=counts.letters),
        written=ngettext("{count} file written", "{count} files written", counts.files_written).format(
            count=counts.files_written),
        unchanged=ngettext("{count} unchanged", "{count} unchanged", counts.files_unchanged).format(
            count=counts.files_unchanged),
        seconds=format_decimal(counts.elapsed, "0.0", locale=babel_locale(current_language())), manifest=report.manifest))
    for path in report.combined:
        print(_("for printing: {path}").format(path=path))
    if args.db:
        print(ngettext("{count} request in the tracker {path}", "{count} requests in the tracker {path}",
                       counts.tracked).format(count=counts.tracked, path=database))
    if report.errors_file:
        print(ngettext("{count} row to fix: see {path} (line, column, reason)",
                       "{count} rows to fix: see {path} (line, column, reason)", counts.failed_rows).format(
            count=counts.failed_rows, path=report.errors_file))
        return EXIT_SOME_FAILED
    return EXIT_OK
