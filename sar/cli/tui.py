"""`sar tui` (and `sar` alone): the guided chat."""

from __future__ import annotations

from sar.cli.common import add_db_option, language, not_built_yet
from sar.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "tui",
        help=_("the guided chat (the same as running `sar` alone)"),
        description=_("Answer a few questions about your care; sar finds who holds your data and writes the letters."),
    )
    parser.add_argument("--lang", type=language, metavar="fr|en", help=_("language of the chat (default: your system's)"))
    add_db_option(parser)
    parser.set_defaults(func=not_built_yet("tui"))
