"""The tracker file: a TinyDB database that a crash, a `kill -9` or a second `sar` cannot corrupt or silently lose.

TinyDB's stock JSONStorage rewrites its file in place through a long-lived handle and locks nothing: a crash mid-write leaves
a torn file, and two processes overwrite each other (measured in docs/ecosystem.md §3). Here instead:

- No open handle is kept. A write goes through `sar.private_files.AtomicPrivateFile` (the one atomic private writer) to
  the fixed sibling `<db>.tmp` (created 0600), is flushed and fsynced, replaces the tracker with `os.replace` (atomic on
  one filesystem), and the folder is fsynced so the rename survives a power cut. Before the replace, the current file
  (always a complete, validated one) becomes `<db>.bak`.
- Every read checks the file: valid JSON, the shape of a TinyDB database, and a schema version this sar knows. A file that
  fails raises `TrackerFileError` (exit 2) saying what is wrong and where the backup is; such a file is never overwritten.
- `open_tracker(path)` is the only way in: it holds `filelock.FileLock(<db>.lock)` across the whole read-modify-write, gives a
  short-lived TinyDB whose operations share one read of the file, and writes the file once, when the block ends without an
  error (all or nothing). Readers take no lock: a replaced file is always whole, so they see the state before or after a write.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage

from sar import notices
from sar.errors import SarError
from sar.i18n import _, ngettext
from sar.migrations import migrate_1_to_2
from sar.private_files import DIR_MODE, FILE_MODE, AtomicPrivateFile, make_private_dir, write_private

SCHEMA_VERSION = 2
MIGRATIONS = {1: migrate_1_to_2}  # schema version -> the function that brings its data to the next version
META_TABLE = "meta"
LOCK_TIMEOUT_SECONDS = 10.0


class TrackerFileError(SarError):
    """The tracker file cannot be used as it is (corrupt, or written by another version of sar). It is left untouched."""


class TrackerBusyError(SarError):
    """Another sar process held the tracker's lock for longer than we waited."""


def temp_path(path: Path) -> Path:
    return path.with_name(path.name + ".tmp")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _refuse(path: Path, problem: str) -> TrackerFileError:
    backup = backup_path(path)
    if backup.is_file():
        advice = _(
            "sar left it untouched. A copy of the last good version is in {backup}: check it, then copy it over {path} "
            "(keep the damaged file if you want to recover anything from it)."
        ).format(backup=backup, path=path)
    else:
        advice = _(
            "sar left it untouched and found no backup ({backup}). Move the file aside to start a new tracker, or repair it."
        ).format(backup=backup)
    return TrackerFileError(
        _("the tracker file {path} cannot be used: {problem}.").format(path=path, problem=problem) + "\n" + advice
    )


def check_database(path: Path, data: Any) -> dict:
    """Return `data` if it is a sar tracker this version can read; else raise TrackerFileError.

    The shape is TinyDB's: {table name: {document id (digits): {field: value}}}, with `meta` holding the schema version.
    """
    if not isinstance(data, dict):
        raise _refuse(path, _("it does not hold a database (expected a JSON object)"))
    for table_name, table in data.items():
        if not isinstance(table, dict) or not all(
            isinstance(doc_id, str) and doc_id.isdigit() and isinstance(document, dict) for doc_id, document in table.items()
        ):
            raise _refuse(path, _("its table {table!r} is not a table of records").format(table=table_name))
    if not data:
        return data
    versions = [document.get("schema_version") for document in data.get(META_TABLE, {}).values()]
    if not versions:
        raise _refuse(path, _("it has no schema version, so it was not written by sar"))
    version = versions[0]
    if version != SCHEMA_VERSION and version not in MIGRATIONS:
        if isinstance(version, int) and version > SCHEMA_VERSION:
            problem = _(
                "it was written by a newer sar (schema version {found}; this sar reads version {known}). Update sar"
            ).format(found=version, known=SCHEMA_VERSION)
        else:
            problem = _("its schema version {found!r} is unknown (this sar reads version {known})").format(
                found=version, known=SCHEMA_VERSION
            )
        raise _refuse(path, problem)
    return data


def read_database(path: Path) -> dict | None:
    """The validated contents of the tracker at `path`, at today's schema, or None if it does not exist yet (or is empty).

    A file of an older schema is migrated in memory (`sar.migrations`); `open_tracker` also saves the migration once.
    """
    return _read_migrated(path).data


@dataclass(frozen=True)
class _Contents:
    data: dict | None
    raw: bytes = b""
    migrated_from: int | None = None  # the file's schema version when it was older than SCHEMA_VERSION
    requests_moved: int = 0


def _schema_version(data: dict) -> Any:
    return next((document.get("schema_version") for document in data.get(META_TABLE, {}).values()), None)


def _read_migrated(path: Path) -> _Contents:
    raw = _read_raw(path)
    data = _parse(path, raw) if raw is not None else None
    if not data:
        return _Contents(data, raw or b"")
    version = old = _schema_version(data)
    moved = 0
    while version != SCHEMA_VERSION:
        data, count = MIGRATIONS[version](data)
        moved += count
        version += 1
    if old == SCHEMA_VERSION:
        return _Contents(data, raw)
    data[META_TABLE] = {"1": {"schema_version": SCHEMA_VERSION}}
    return _Contents(data, raw, old, moved)


def _read_raw(path: Path) -> bytes | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise TrackerFileError(
            _("cannot read the tracker file {path}: {reason}.").format(path=path, reason=error.strerror or error)
        ) from None
    return raw


def _parse(path: Path, raw: bytes) -> dict | None:
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _refuse(path, _("it is not valid JSON ({error})").format(error=error)) from None
    return check_database(path, data)


def _keep_backup(path: Path) -> None:
    """Make the current file (whole and validated: it was read before this write) the backup `<db>.bak`.

    A hard link costs nothing and is a true snapshot, because sar never modifies the tracker in place: it replaces it.
    """
    backup = backup_path(path)
    try:
        backup.unlink()
    except FileNotFoundError:
        pass
    try:
        os.link(path, backup)
    except FileNotFoundError:
        return
    except OSError:  # a filesystem without hard links
        with AtomicPrivateFile(backup) as target, path.open("rb") as source:
            shutil.copyfileobj(source, target)


def write_database(path: Path, data: dict, *, durable: bool = True) -> None:
    """Replace the tracker at `path` with `data`, atomically, privately, keeping the previous version as `<db>.bak`.

    The caller holds the lock and has validated the current file (it was read first): a refused file is never replaced.
    """
    if META_TABLE not in data:
        data = {META_TABLE: {"1": {"schema_version": SCHEMA_VERSION}}, **data}
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # One fixed temporary name: writes are under the lock, and a crash leaves one `<db>.tmp`, replaced next time.
    write_private(path, payload, durable=durable, temp=temp_path(path), before_replace=lambda: _keep_backup(path))


class _TransactionStorage(Storage):
    """One read of the file per transaction; writes are kept in memory until `commit` writes the file once."""

    def __init__(self, path: Path, writable: bool):
        self.path = path
        self.writable = writable
        self.dirty = False
        self._data: dict | None = None
        self._loaded = False
        self.contents: _Contents | None = None

    def read(self) -> dict | None:
        if not self._loaded:
            self.contents = _read_migrated(self.path)
            self._data = self.contents.data
            self._loaded = True
            if self.contents.migrated_from is not None and self.writable:
                self.dirty = True  # the migration is saved with this transaction
        return self._data

    def write(self, data: dict) -> None:
        if not self.writable:
            raise RuntimeError("the tracker was opened for reading only")
        if not self._loaded:
            self.read()  # validates the file before anything may replace it
        self._data = data
        self.dirty = True

    def commit(self) -> None:
        if self.dirty and self._data is not None:
            migrated_from = self.contents.migrated_from if self.contents else None
            if migrated_from is not None:
                _keep_old_version(self.path, self.contents.raw, migrated_from)
            write_database(self.path, self._data)
            self.dirty = False
            if migrated_from is not None:
                _announce_migration(self.path, migrated_from, self.contents.requests_moved)
                self.contents = None


def old_version_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.schema-{version}.bak")


def _keep_old_version(path: Path, raw: bytes, version: int) -> None:
    """A lasting copy of the file as an older sar wrote it (the rotating `.bak` is replaced at the next write)."""
    target = old_version_path(path, version)
    if target.exists():
        return
    write_private(target, raw)


def _announce_migration(path: Path, version: int, moved: int) -> None:
    message = _("The tracker {path} was written by an older sar: it now tells people apart by their full names and "
                "birth dates. The file as it was is kept in {backup}.").format(
        path=path, backup=old_version_path(path, version))
    if moved:
        message += " " + ngettext(
            "{count} request filed under another person's name was given back to its own person.",
            "{count} requests filed under another person's name were given back to their own person.", moved,
        ).format(count=moved)
    notices.notify(message)


@contextmanager
def open_tracker(path: str | os.PathLike, *, write: bool = True, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[TinyDB]:
    """A short-lived TinyDB on the tracker at `path`, for one transaction.

    With `write=True` the block runs under the cross-process lock `<db>.lock`, and the file is written once at the end if
    anything changed, and not at all if the block raises. With `write=False` no lock is taken and nothing can be written,
    and a missing tracker reads as empty (nothing is created).
    """
    path = Path(path)
    storage = _TransactionStorage(path, writable=write)
    if not write:
        storage.read()
        if storage.contents.migrated_from is not None:
            _save_migration(path, timeout)
        database = TinyDB(storage=lambda: storage)
        try:
            yield database
        finally:
            database.close()
        return
    created_folder = not path.parent.exists()
    make_private_dir(path.parent)
    if created_folder:
        os.chmod(path.parent, DIR_MODE)
    lock = FileLock(lock_path(path), timeout=timeout, mode=FILE_MODE)
    try:
        lock.acquire()
    except Timeout:
        raise TrackerBusyError(
            _(
                "another sar is using the tracker {path} (its lock {lock} stayed taken for {seconds:g} seconds). "
                "Wait for it to finish, then try again."
            ).format(path=path, lock=lock_path(path), seconds=timeout)
        ) from None
    try:
        storage.read()  # validates (and migrates) the file before anything else
        database = TinyDB(storage=lambda: storage)
        try:
            yield database
        finally:
            database.close()
        storage.commit()
    finally:
        lock.release()


def _save_migration(path: Path, timeout: float) -> None:
    """Write a migrated file once, even when it was opened for reading; a file sar may not write stays as it is."""
    try:
        with open_tracker(path, write=True, timeout=timeout):
            pass
    except (OSError, TrackerBusyError):
        pass
