"""What every CLI command shares: argument types that refuse bad input clearly, JSON output, the "not built yet" answer."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sar.deadlines import REGIONS
from sar.i18n import LANGUAGES, _
from sar.private_files import refuse_sar_folder

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


def iso_date(text: str) -> date:
    """argparse type: a real calendar date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a real date: write it as YYYY-MM-DD, e.g. 2027-01-31").format(value=text)
        ) from None


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
    """The folder given as --out, checked before anything is written (or read): never one of sar's own folders."""
    path = Path(text).expanduser()
    refuse_sar_folder(path)
    return path


def print_json(document: Any) -> None:
    """Print one JSON document on stdout and nothing else there (the `--json` contract)."""
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
