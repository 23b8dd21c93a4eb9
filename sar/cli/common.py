"""What every CLI command shares: argument types that refuse bad input clearly, checks of the files and folders a command
is given (made before anything is read or written, so a mistake costs one clear line, never a traceback or half a run),
OS errors told in the user's language, and JSON output."""

from __future__ import annotations

import argparse
import errno
import json
import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sar.dates import parse_date
from sar.deadlines import REGIONS
from sar.errors import InputError
from sar.i18n import LANGUAGES, N_, _, format_date
from sar.private_files import refuse_sar_folder

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


def calendar_date(text: str) -> date:
    """argparse type: a real calendar date, written as people write them (2027-01-31, 31/01/2027, 31 janvier 2027).

    The reason a date is refused ("February 2027 has 28 days") becomes argparse's one-line usage error (exit 2).
    """
    try:
        return parse_date(text)
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


# Dates a request or a letter can carry. The GDPR applies since 2018 and CSP L.1111-7 since 2002; a date outside these
# bounds is a typo (0226 for 2026), and near year 9999 the deadlines themselves would fall past the calendar's end.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)


def request_date(text: str) -> date:
    """argparse type: a real date (`calendar_date`) that a letter or a request can carry, between 2000 and 2099."""
    day = calendar_date(text)
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise argparse.ArgumentTypeError(
            _("{value!r} is out of range: sar takes dates from {earliest} to {latest}").format(
                value=text, earliest=format_date(EARLIEST_DATE), latest=format_date(LATEST_DATE))
        )
    return day


def region(text: str) -> str:
    if text not in REGIONS:
        raise argparse.ArgumentTypeError(
            _("unknown region {value!r}: choose one of {choices}").format(value=text, choices=", ".join(REGIONS))
        )
    return text


def language(text: str) -> str:
    if text not in LANGUAGES:
        raise argparse.ArgumentTypeError(
            _("unknown language {value!r}: choose one of {choices}").format(value=text, choices=", ".join(LANGUAGES))
        )
    return text


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH", help=_("tracker file (default: $SAR_DB, else tracker.json in your sar data folder)")
    )


def output_folder(text: str) -> Path:
    """The folder given as --out, checked before anything is written (or read): never one of sar's own folders, not a
    file, and somewhere the user may create files."""
    path = Path(text).expanduser()
    refuse_sar_folder(path)
    if path.exists() and not path.is_dir():
        raise InputError(_("{path} is a file, not a folder: give --out a folder (it is created if needed)").format(path=text))
    _check_can_create(path, text)
    return path


def output_file(text: str) -> Path:
    """A file a command writes (an export), checked first: not a folder, in a folder the user may write in."""
    path = Path(text).expanduser()
    if path.is_dir():
        raise InputError(_("{path} is a folder: give the name of a file to write").format(path=text))
    refuse_sar_folder(path.parent)
    _check_can_create(path.parent if path.exists() else path, text)
    return path


def _check_can_create(path: Path, text: str) -> None:
    """`path` exists and is writable, or can be created: its nearest existing parent is a folder the user may write in."""
    existing = next((p for p in (path, *path.parents) if p.exists()), None)
    if existing is None:
        return
    if not existing.is_dir():
        raise InputError(_("{path} cannot be created: {parent} is a file, not a folder").format(path=text, parent=existing))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(_("permission denied: you may not write in {folder}").format(folder=existing))


def input_file(text: str) -> Path:
    """A file a command reads (answers, CSV, directory entries), checked first so the message names what is wrong."""
    path = Path(text).expanduser()
    if not path.exists():
        raise InputError(_("file not found: {path}").format(path=text))
    if path.is_dir():
        raise InputError(_("{path} is a folder, not a file").format(path=text))
    if not os.access(path, os.R_OK):
        raise InputError(_("permission denied: you may not read {path}").format(path=text))
    return path


def tracker_path(option: str | None) -> Path:
    """The tracker file of a command (--db, else SAR_DB, else the data folder's), checked (`check_tracker_file`)."""
    from sar.locations import db_path

    path = db_path(option)
    check_tracker_file(path)
    return path


def check_tracker_file(path: Path) -> None:
    """The tracker (--db or SAR_DB) must be a file, or not exist yet; sar says so before it tries to lock or read it."""
    if path.is_dir():
        raise InputError(_("the tracker {path} is a folder: --db takes a file, e.g. {example}").format(
            path=path, example=path / "tracker.json"))
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise InputError(_("permission denied: you may not read and write the tracker {path}").format(path=path))
    if not path.exists():
        _check_can_create(path.parent, str(path))


OS_ERRORS = {
    errno.ENOENT: N_("file not found: {path}"),
    errno.EISDIR: N_("{path} is a folder, not a file"),
    errno.ENOTDIR: N_("{path}: part of this path is a file, not a folder"),
    errno.EEXIST: N_("{path} already exists and is not a folder"),
    errno.EACCES: N_("permission denied: {path}"),
    errno.EPERM: N_("permission denied: {path}"),
    errno.EROFS: N_("{path} is on a read-only disk"),
    errno.ENOSPC: N_("no space left on the disk to write {path}"),
    errno.ENAMETOOLONG: N_("file name too long: {path}"),
}


def os_error_message(error: OSError) -> str:
    """An OS error in the user's language ("file not found: PATH"), never the C library's English strerror."""
    path = error.filename2 if error.errno == errno.EISDIR and error.filename2 is not None else error.filename
    template = OS_ERRORS.get(error.errno)
    if path is not None:
        # Name the file the user asked for, not the temporary file sar writes first (`.NAME.PID.tmp`, see write_private).
        temporary = re.fullmatch(r"\.(.+)\.\d+\.tmp", os.path.basename(path))
        if temporary:
            path = os.path.join(os.path.dirname(path), temporary.group(1))
    if path is None:
        return _("system error: {reason}").format(reason=error.strerror or error)
    if template is None:
        return _("cannot use {path}: {reason}").format(path=path, reason=error.strerror or error)
    return _(template).format(path=path)


def print_json(document: Any) -> None:
    """Print one JSON document on stdout and nothing else there (the `--json` contract)."""
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
