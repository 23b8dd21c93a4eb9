"""`sar bulk`: every letter for every person of a CSV file (for associations)."""

from __future__ import annotations

from sar.cli.common import add_db_option, language, not_built_yet
from sar.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "bulk",
        help=_("write the letters for every person of a CSV file"),
        description=_(
            "Read a CSV file with one person per row (the answers file's keys as columns, lists separated by `;`), and "
            "write every letter, a manifest, and tracker entries. Bad rows are reported with their line number; the good "
            "rows go through."
        ),
        epilog=_("Example: sar bulk members.csv --out letters --format pdf --db association.json"),
    )
    parser.add_argument("csv", metavar="CSV", help=_("the CSV file (UTF-8 or Windows-1252, `,` or `;` separated)"))
    parser.add_argument("--out", required=True, metavar="DIR", help=_("folder to write the letters in"))
    parser.add_argument("--format", default="pdf,txt,eml", metavar="pdf,txt,eml", help=_("formats to write (default: all three)"))
    parser.add_argument("--lang", type=language, metavar="fr|en", help=_("language of the letters (default: each row's)"))
    parser.add_argument("--jobs", type=int, metavar="N", help=_("parallel workers (default: the number of CPUs)"))
    add_db_option(parser)
    parser.set_defaults(func=not_built_yet("bulk"))
