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


from sar.bulk.combined import COMBINED_LETTERS_PER_FILE, COMBINED_NAME, combine_pdfs
from sar.bulk.rows import ERROR_COLUMNS, LATIN_SPELLING_COLUMNS, RowError, check_columns
from sar.bulk.run import (BATCH_ROWS, BULK_LOCK_TIMEOUT_SECONDS, ERRORS_NAME, TRACKER_BATCH_PEOPLE, BulkJob, BulkProgress,
                          BulkReport, RowOutcome, person_folder_name, process_row, run_bulk)

__all__ = ["BATCH_ROWS", "BULK_LOCK_TIMEOUT_SECONDS", "COMBINED_LETTERS_PER_FILE", "COMBINED_NAME", "ERRORS_NAME",
           "ERROR_COLUMNS", "LATIN_SPELLING_COLUMNS", "TRACKER_BATCH_PEOPLE", "BulkJob", "BulkProgress", "BulkReport",
           "RowError", "RowOutcome", "check_columns", "combine_pdfs", "person_folder_name", "process_row", "run_bulk"]
