"""argparse's own words ("usage:", "options", "the following arguments are required", "invalid choice") in sar's language.

argparse marks its messages for gettext (`from gettext import gettext as _` in Lib/argparse.py, the same in Python 3.11,
3.12 and 3.13) and looks `_` up in its module each time it builds a help text or an error. The route the Python docs
describe (argparse howto, "Internationalization support") binds the global gettext domain to `.mo` files on disk: sar has
none (its catalogs are compiled in memory, see sar.i18n), and binding the global domain would also reroute every other
library's gettext calls. So sar points argparse's `_` at a function that looks the message up in sar's own catalog and
passes anything it does not know to the original: argparse's msgids are listed below so the extractor puts them in the
catalog, where they are translated like every other sar message. `tests/test_cli_i18n.py` checks the result on screen, so
a Python release that stops calling `argparse._` fails a test instead of silently speaking English.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from sar.i18n import N_, gettext

# The msgids of Lib/argparse.py (3.11 to 3.13) a sar user can meet. Left out: programmer errors (conflicting options,
# bad `nargs`), argparse.FileType (sar opens its files itself), and the plural "expected %s arguments" (sar never
# asks for a fixed count above one).
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("subcommands"),
    N_("%(heading)s:"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_(" (default: %(default)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)

_original = argparse._


def _argparse_gettext(message: str) -> str:
    translated = gettext(message)
    return translated if translated != message else _original(message)


def install() -> None:
    """Make argparse speak the current UI language (sar.i18n.set_language); idempotent."""
    argparse._ = _argparse_gettext


class HelpFormatter(argparse.HelpFormatter):
    """Section headings punctuated as the language writes them: « options : » in French. Python 3.13 translates the
    heading's colon itself ("%(heading)s:"); 3.11 and 3.12 hard-code it, so the space before it is added here."""

    def start_section(self, heading):
        if heading and sys.version_info < (3, 13):
            colon = gettext("%(heading)s:") % {"heading": ""}
            if colon.endswith(":"):
                heading += colon[:-1]
        super().start_section(heading)

    def _fill_text(self, text, width, indent):
        """Descriptions and epilogs keep the line breaks they were written with (a list of examples stays a list);
        each line is wrapped on its own, indented as written, so a long example still fits the terminal."""
        lines = []
        for line in text.splitlines():
            lead = " " * (len(line) - len(line.lstrip()))
            lines.append(textwrap.fill(" ".join(line.split()), width, initial_indent=indent + lead,
                                       subsequent_indent=indent + lead + ("    " if lead else "")) if line.strip() else "")
        return "\n".join(lines)
