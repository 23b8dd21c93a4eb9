"""`sar bulk`'s run: rows streamed from the CSV to worker processes, their letters written, the manifest, errors.csv and
the tracker kept in the file's order (the package's docstring, `sar.bulk`, says how and why). The rows' checks and
reports are `sar.bulk.rows`; the PDFs gathered for printing, `sar.bulk.combined`.
"""

from __future__ import annotations

import csv
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import islice
from pathlib import Path

from sar.bulk.combined import combine_pdfs
from sar.bulk.rows import ERROR_COLUMNS, RowError, check_columns, rendering_errors, without_duplicates
from sar.csv_rows import CsvRow, read_rows, spreadsheet_safe
from sar.directory import load_directory
from sar.errors import InputError
from sar.i18n import _, gettext
from sar.identity import MARKER_NAME, remove_leftovers
from sar.inference import infer
from sar.journey import AnswersError, Journey, journey_from_row
from sar.output.file_names import LETTER_NAMES
from sar.output.files import (MANIFEST_COLUMNS, MANIFEST_NAME, ManifestRow, RenderedLetter, check_formats, letter_names,
                              person_folder, render_letters, write_rendered)
from sar.private_files import AtomicPrivateFile, inside, make_private_dir
from sar.requests.recording import letters_as_requests, record_letters

ERRORS_NAME = "errors.csv"
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
        return RowOutcome(row.line, errors=rendering_errors(row, rendered))
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
        for outcome in _ordered_results(executor, _batches(without_duplicates(rows, duplicates), BATCH_ROWS), job,
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
