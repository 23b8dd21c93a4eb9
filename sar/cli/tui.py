"""`sar tui` (and `sar` alone): the guided chat."""

from __future__ import annotations

import argparse

from sar.cli.common import EXIT_OK, add_db_option, language, tracker_path
from sar.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "tui",
        help=_("the guided chat (the same as running `sar` alone)"),
        description=_("Answer a few questions about your care; sar finds who holds your data and writes the letters."),
    )
    parser.add_argument("--lang", type=language, metavar="fr|en", help=_("language of the chat (default: your system's)"))
    add_db_option(parser)
    parser.add_argument(
        "--answers", metavar="FILE", help=_("where to keep your answers so far (default: draft.toml in your sar data folder)")
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sar.errors import InputError

    database = tracker_path(args.db)
    if args.answers and Path(args.answers).expanduser().is_dir():
        raise InputError(_("{path} is a folder, not a file").format(path=args.answers))
    from sar.tui.app import SarApp  # Textual is imported only when the TUI runs

    app = SarApp(lang=args.lang, db_path=database, answers_path=args.answers)
    app.run()
    return app.return_code or EXIT_OK
