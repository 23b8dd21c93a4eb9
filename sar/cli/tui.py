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
    parser.add_argument(
        "--session", action="store_true",
        help=_("one visitor's chat on a shared computer (what `sar serve` runs for each page): the answers are kept "
               "apart from every other chat's and erased when the chat ends"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sar.errors import InputError

    database = tracker_path(args.db)
    if args.answers and Path(args.answers).expanduser().is_dir():
        raise InputError(_("{path} is a folder, not a file").format(path=args.answers))
    from sar.tui.app import SarApp  # Textual is imported only when the TUI runs

    from sar.tui.draft import Draft

    if args.session and args.answers:
        raise InputError(_("--session keeps the answers in a folder of their own: it does not go with --answers"))
    draft = Draft.for_session() if args.session else Draft(args.answers)
    try:
        app = SarApp(lang=args.lang, db_path=database, draft=draft)
        app.run()
    finally:
        draft.close()
    return app.return_code or EXIT_OK
