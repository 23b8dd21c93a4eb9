"""What every CLI command shares: argument types that refuse bad input clearly, JSON output, the "not built yet" answer."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from sar.dates import parse_date
from sar.deadlines import REGIONS
from sar.errors import InputError
from sar.i18n import LANGUAGES, _

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


def print_json(document: Any) -> None:
    """Print one JSON document on stdout and nothing else there (the `--json` contract)."""
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
