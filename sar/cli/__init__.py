"""The `sar` command: a thin shell that turns arguments into calls to the core and results into text or JSON.

Each command group lives in its own module with a `register(subparsers)` function. Exit codes (docs/design.md):
0 success, 1 done with some failures (each reported), 2 usage or input error.
"""

from __future__ import annotations

import argparse
import os
import sys

from sar import __version__, notices
from sar.cli import actors, argparse_i18n, bulk, common, deadline, directory, followup, letters, serve, track, tui
from sar.errors import SarError
from sar.i18n import _, set_language, system_language

COMMAND_MODULES = (tui, serve, actors, letters, bulk, deadline, track, followup, directory)


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors name the command and say how to get help, in the user's language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", argparse_i18n.HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        sys.stderr.write(
            _("{prog}: error: {message}\nRun `{prog} --help` to see what it expects.\n").format(
                prog=self.prog, message=message
            )
        )
        raise SystemExit(common.EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sar",
        description=_(
            "Find out which organisations hold your health data in France, write them GDPR article 15 access "
            "requests (and CSP L.1111-7 for medical records), and follow their legal deadlines. "
            "Run `sar` alone for the guided chat."
        ),
    )
    parser.add_argument("--version", action="version", version=f"sar {__version__}",
                        help=_("show program's version number and exit"))
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    set_language(system_language())
    argparse_i18n.install()
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv = ["tui", *argv]  # `sar --lang en` is `sar tui --lang en`, as `sar` alone is `sar tui`
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["tui"])
    notices.set_handler(lambda message: print(message, file=sys.stderr))
    try:
        return args.func(args)
    except SarError as error:
        print(_("sar: {message}").format(message=error), file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped reading: not an error. Point stdout at /dev/null so the interpreter's
        # final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        # A file or folder the user named (or the disk) is in the way: say which, in their language.
        print(_("sar: {message}").format(message=common.os_error_message(error)), file=sys.stderr)
        return common.EXIT_USAGE
    except KeyboardInterrupt:
        print(_("sar: interrupted; nothing more was written."), file=sys.stderr)
        return 130
