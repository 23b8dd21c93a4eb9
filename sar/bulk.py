"""Bulk generation for associations: a CSV of people in; every letter, a manifest, an error report and tracker entries out.

Rows stream from the file in small batches to a pool of worker processes (one per core by default); at most a few batches
are in flight, so memory stays flat whatever the file's size. Each worker validates its rows with the interview's own
validators, infers the findings and writes the letters. The parent keeps the file's order: it appends to the manifest and
to `errors.csv` as results arrive, and records tracker entries in batches (one locked write per batch, never one per
letter).

Re-running the same CSV is safe: a letter file that already holds the same bytes is left alone, the tracker skips requests
it already has, and the manifest is replaced only when the run completes. A run killed half-way and started again
completes without loss, and removes the temporary files the killed run left. Workers whose parent was killed exit by
themselves.

A row is all or nothing: its letters are rendered in every format asked for before any of its files is written, and a
row with one letter that cannot be written (a name the PDF font cannot print) writes nothing and records nothing; it is
reported with its line, column and reason. So the counts of the summary (people, letters, files) are what is on disk and
in the tracker.

One person is one person (`sar.identity`): two rows with the same names and birth date give one person, reported with
both line numbers; if their answers differ, the later row is refused as a conflict rather than silently preferred.
"""

from __future__ import annotations

import csv
import io
import os
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from datetime import date
from itertools import islice
from pathlib import Path

from sar import interview
from sar.care_places import numbered_key
from sar.identity import MARKER_NAME, identity, name_key, remove_leftovers
from sar.directory import load_directory
from sar.csv_rows import CsvRow, read_rows
from sar.errors import InputError
from sar.i18n import _, gettext
from sar.inference import infer
from sar.journey import AnswersError, Journey, journey_from_row
from sar.output.files import (MANIFEST_COLUMNS, MANIFEST_NAME, ManifestRow, RenderedLetter, check_formats, person_folder,
                              letter_names, render_letters, write_rendered)
from sar.output.file_names import LETTER_NAMES
from sar.csv_rows import spreadsheet_safe
from sar.private_files import AtomicPrivateFile, inside, make_private_dir, write_private
from sar.requests.recording import letters_as_requests, record_letters

ERRORS_NAME = "errors.csv"
COMBINED_NAME = "combined"
COMBINED_LETTERS_PER_FILE = 1000  # one printable file per thousand letters keeps memory bounded (and printers happy)
ERROR_COLUMNS = ("line", "column", "reason")
BATCH_ROWS = 8  # rows per task: small enough to keep every core busy to the end, large enough to amortise the hand-off
BATCHES_IN_FLIGHT_PER_JOB = 3
BULK_LOCK_TIMEOUT_SECONDS = 900.0
TRACKER_BATCH_PEOPLE = 1000  # tracker entries are written once per this many people (and at the end)


@dataclass(frozen=True)
class BulkJob:
    """What to write for every row: the output folder, the formats, the letters' language (None: each row's own), and
    whether to also gather every PDF, in order, into files for printing."""

    out_dir: Path
    formats: tuple[str, ...]
    lang: str | None
    on: date
    combined: bool = False


@dataclass(frozen=True)
class RowError:
    """A row that could not be used: its line in the file (header = line 1), the column at fault, and why."""

    line: int
    column: str
    reason: str


@dataclass(frozen=True)
class RowOutcome:
    line: int
    errors: tuple[RowError, ...] = ()
    journey: Journey | None = None
    manifest: tuple[ManifestRow, ...] = ()
    letters: tuple = ()  # sar.requests.NewRequest, one per letter written (they travel back from the worker)
    files_written: int = 0
    files_unchanged: int = 0


@dataclass
class BulkProgress:
    """Counts so far, for a progress bar: rows read, people done, rows refused, letters written, seconds spent."""

    rows: int = 0
    people: int = 0
    failed_rows: int = 0
    letters: int = 0
    files_written: int = 0
    files_unchanged: int = 0
    tracked: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @property
    def letters_per_second(self) -> float:
        return self.letters / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(frozen=True)
class BulkReport:
    progress: BulkProgress
    manifest: Path
    errors_file: Path | None
    combined: tuple[Path, ...] = ()
    leftovers_removed: int = 0  # temporary files an interrupted earlier run had left in OUT


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


@cache
def _directory() -> dict:
    """The directory, read once per worker process rather than once per person."""
    return load_directory()


def person_folder_name(journey: Journey) -> str:
    """Name and birth date: two members who share a name never share a folder (and it matches the tracker's person id)."""
    return f"{journey.person.full_name} {journey.person.birth_date.isoformat()}"


def process_row(row: CsvRow, job: BulkJob) -> RowOutcome:
    """Validate one row, infer its findings and write its letters (runs in a worker process).

    A row is all or nothing: every letter is rendered in every format asked for before anything of the row reaches the
    disk, and a row with a letter that cannot be written is refused whole (no folder, no file, no tracker entry). A
    failure of the disk while its files are written removes those it had added.
    """
    errors = [RowError(row.line, "", gettext("more cells than columns: {cells}").format(cells="; ".join(row.extra_cells)))
              ] if row.extra_cells else []
    try:
        journey = journey_from_row(row.values)
    except AnswersError as error:
        errors += [RowError(row.line, problem.key, problem.message) for problem in error.problems]
    if errors:
        return RowOutcome(row.line, errors=tuple(errors))
    lang = job.lang or journey.lang
    findings = infer(journey, _directory())
    rendered = render_letters(journey, findings, job.formats, lang, job.on)
    if any(letter.errors for letter in rendered):
        return RowOutcome(row.line, errors=_rendering_errors(row, rendered))
    try:
        manifest = _write_row(journey, rendered, job, lang)
    except OSError as error:
        return RowOutcome(row.line, errors=(RowError(row.line, "", gettext(
            "nothing was written for this row: {error}").format(error=error.strerror or error)),))
    letters = tuple(letters_as_requests(journey.person, findings, manifest, lang, "post",
                                        folder=Path(job.out_dir).resolve()))  # where the tracker finds each letter
    written = sum(len(m.files) for m in manifest)
    unchanged = sum(m.unchanged for m in manifest)
    return RowOutcome(row.line, journey=journey, manifest=tuple(manifest), letters=letters,
                      files_written=written - unchanged, files_unchanged=unchanged)


def _write_row(journey: Journey, rendered: list[RenderedLetter], job: BulkJob, lang: str) -> list[ManifestRow]:
    """Write a row's rendered letters; if the disk fails half-way, remove the files this row added (and its folder, if
    nothing else is in it) before the error goes on."""
    folder = person_folder(job.out_dir, journey.person, person_folder_name(journey))
    before = {entry.name for entry in folder.iterdir()}
    added = {LETTER_NAMES}  # the record of the folder's letter names, if this row made it
    try:
        names = letter_names(folder, (letter.finding for letter in rendered), lang, durable=False)
        added |= {name for letter in rendered for name in letter.file_names(names[letter.finding.actor.id], lang)}
        return write_rendered(journey, rendered, job.out_dir, lang, job.on, folder=folder, only_if_changed=True)
    except OSError:
        for name in added - before:
            (folder / name).unlink(missing_ok=True)
        if {entry.name for entry in folder.iterdir()} <= {MARKER_NAME}:
            (folder / MARKER_NAME).unlink(missing_ok=True)
            folder.rmdir()
        raise


LATIN_SPELLING_COLUMNS = {"first_name": "first_name_latin", "last_name": "last_name_latin"}


def _rendering_errors(row: CsvRow, rendered: list[RenderedLetter]) -> tuple[RowError, ...]:
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


def _watch_parent(parent_pid: int) -> None:
    """In each worker: exit as soon as the parent is gone (a killed `sar bulk` must not leave workers behind)."""
    if hasattr(os, "getppid"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: Linux sends SIGTERM when the parent dies
        except (OSError, AttributeError):
            pass
        import threading

        def watch() -> None:
            while True:
                time.sleep(1.0)
                if os.getppid() != parent_pid:
                    os._exit(1)

        threading.Thread(target=watch, name="sar-parent-watch", daemon=True).start()


def _process_batch(batch: list[CsvRow], job: BulkJob, ui_lang: str) -> list[RowOutcome]:
    from sar.i18n import set_language

    set_language(ui_lang)  # error reasons in the volunteer's language, in every worker
    return [process_row(row, job) for row in batch]


def _batches(rows: Iterator[CsvRow], size: int) -> Iterator[list[CsvRow]]:
    while batch := list(islice(rows, size)):
        yield batch


def _without_duplicates(rows: Iterable[CsvRow], refused: dict[int, RowError]) -> Iterator[CsvRow]:
    """The rows of people not seen before; a later row of a person already seen goes to `refused` (line -> error)."""
    same_people = _SamePeople()
    for row in rows:
        duplicate = same_people.check(row)
        if duplicate is None:
            yield row
        else:
            refused[row.line] = duplicate


def _ordered_results(executor: Executor | None, batches: Iterable[list[CsvRow]], job: BulkJob, ui_lang: str,
                     in_flight: int) -> Iterator[RowOutcome]:
    """Outcomes in the file's order, with at most `in_flight` batches submitted ahead (bounded memory)."""
    if executor is None:
        for batch in batches:
            yield from _process_batch(batch, job, ui_lang)
        return
    pending: deque[Future] = deque()
    for batch in batches:
        pending.append(executor.submit(_process_batch, batch, job, ui_lang))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


class _StreamedCsv:
    """A private CSV file written row by row under a temporary name, put in place only when complete."""

    def __init__(self, path: Path, columns: Iterable[str]):
        self.file = AtomicPrivateFile(path, temp=path.with_name(path.name + ".partial"), text=True)
        self.writer = csv.writer(self.file.handle, lineterminator="\n")
        self.writer.writerow(columns)
        self.rows = 0

    def write(self, row: Iterable[str]) -> None:
        self.writer.writerow([spreadsheet_safe(cell) for cell in row])
        self.rows += 1

    def finish(self) -> Path:
        return self.file.commit()

    def abandon(self) -> None:
        self.file.abandon()


def run_bulk(
    csv_path: Path,
    job: BulkJob,
    *,
    jobs: int | None = None,
    db_path: Path | None = None,
    progress: Callable[[BulkProgress], None] | None = None,
    on_error: Callable[[RowError], None] | None = None,
    ui_lang: str | None = None,
) -> BulkReport:
    """Write every letter for every good row of `csv_path`; report the bad rows (line, column, reason) in errors.csv."""
    from sar.i18n import current_language

    ui_lang = ui_lang or current_language()
    job = BulkJob(Path(job.out_dir), check_formats(job.formats), job.lang, job.on, job.combined)
    if job.combined and "pdf" not in job.formats:
        raise InputError(_("--combined gathers the PDF letters: add pdf to --format"))
    header, rows = read_rows(Path(csv_path))
    check_columns(header)
    tracker = None
    if db_path is not None:
        from sar.requests import Tracker

        # A bulk run is a batch job: it waits for another sar holding the tracker (another bulk run writing its batch)
        # rather than stop with letters written but not tracked.
        tracker = Tracker(db_path, lock_timeout=BULK_LOCK_TIMEOUT_SECONDS)
        tracker.list_requests()  # a damaged or locked tracker stops the run before anything is written
    out_dir = make_private_dir(job.out_dir)
    leftovers = remove_leftovers(out_dir)
    job = BulkJob(out_dir.resolve(), job.formats, job.lang, job.on, job.combined)
    manifest = _StreamedCsv(inside(out_dir, MANIFEST_NAME), MANIFEST_COLUMNS)
    errors = _StreamedCsv(inside(out_dir, ERRORS_NAME), ERROR_COLUMNS)
    counts = BulkProgress()
    pending_requests: list = []
    pending_people = 0
    jobs = max(1, jobs or os.cpu_count() or 1)
    executor = ProcessPoolExecutor(max_workers=jobs, initializer=_watch_parent, initargs=(os.getpid(),)) \
        if jobs > 1 else None
    duplicates: dict[int, RowError] = {}

    def report(error: RowError) -> None:
        errors.write([str(error.line), error.column, error.reason])
        if on_error is not None:
            on_error(error)

    def report_duplicates(before_line: int | None = None) -> None:
        """Duplicates are reported in line order among the other rows' outcomes."""
        for line in sorted(line for line in duplicates if before_line is None or line < before_line):
            report(duplicates.pop(line))
            counts.rows += 1
            counts.failed_rows += 1

    try:
        for outcome in _ordered_results(executor, _batches(_without_duplicates(rows, duplicates), BATCH_ROWS), job,
                                        ui_lang, jobs * BATCHES_IN_FLIGHT_PER_JOB):
            report_duplicates(before_line=outcome.line)
            counts.rows += 1
            for error in outcome.errors:
                report(error)
            if outcome.journey is None:  # a refused row wrote nothing: it counts nowhere but here
                counts.failed_rows += 1
            else:
                counts.people += 1
                for row in outcome.manifest:
                    manifest.write(row.cells())
                counts.letters += len(outcome.letters)
                counts.files_written += outcome.files_written
                counts.files_unchanged += outcome.files_unchanged
                if tracker is not None and outcome.letters:
                    pending_requests += outcome.letters
                    pending_people += 1
                    if pending_people >= TRACKER_BATCH_PEOPLE:
                        counts.tracked += len(record_letters(tracker, pending_requests, today=job.on).requests)
                        pending_requests, pending_people = [], 0
            if progress is not None:
                progress(counts)
        report_duplicates()
        if tracker is not None and pending_requests:
            counts.tracked += len(record_letters(tracker, pending_requests, today=job.on).requests)
    except BaseException:
        manifest.abandon()
        errors.abandon()
        raise
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    manifest_path = manifest.finish()
    if errors.rows:
        errors_path = errors.finish()
    else:
        errors.abandon()
        inside(out_dir, ERRORS_NAME).unlink(missing_ok=True)  # a clean run leaves no stale error report
        errors_path = None
    # Again at the end: a worker of a killed earlier run may still have been exiting when this run started.
    leftovers += remove_leftovers(out_dir)
    combined = combine_pdfs(out_dir, manifest_path) if job.combined else ()
    if progress is not None:
        progress(counts)
    return BulkReport(counts, manifest_path, errors_path, combined, leftovers)


def combine_pdfs(out_dir: Path, manifest_path: Path) -> tuple[Path, ...]:
    """Every PDF letter of the manifest, in its order, gathered into `combined.pdf` (or `combined-001.pdf`, ... when
    there are more than COMBINED_LETTERS_PER_FILE letters); files written privately, old parts removed."""
    from pypdf import PdfWriter

    with manifest_path.open(encoding="utf-8", newline="") as f:
        pdfs = [out_dir / name for row in csv.DictReader(f) for name in row["files"].split(";") if name.endswith(".pdf")]
    parts = [pdfs[i:i + COMBINED_LETTERS_PER_FILE] for i in range(0, len(pdfs), COMBINED_LETTERS_PER_FILE)]
    for stale in out_dir.glob(f"{COMBINED_NAME}*.pdf"):
        stale.unlink()
    written = []
    for number, part in enumerate(parts, start=1):
        writer = PdfWriter()
        for pdf in part:
            writer.append(str(pdf))
        buffer = io.BytesIO()
        writer.write(buffer)
        name = f"{COMBINED_NAME}.pdf" if len(parts) == 1 else f"{COMBINED_NAME}-{number:03d}.pdf"
        written.append(write_private(inside(out_dir, name), buffer.getvalue(), durable=False))
    return tuple(written)
