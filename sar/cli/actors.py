"""`sar actors`: who likely holds your health data, from an answers file."""

from __future__ import annotations

from sar.cli.common import not_built_yet
from sar.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "actors",
        help=_("list the organisations that likely hold your data, and why"),
        description=_(
            "Read your answers about your care journey (a TOML or JSON answers file) and list the organisations that "
            "likely hold your health data: why, what data, for how long, under which law, and where to write."
        ),
        epilog=_("Example: sar actors --answers my-answers.toml"),
    )
    parser.add_argument("--answers", required=True, metavar="FILE", help=_("your answers file (TOML or JSON)"))
    parser.add_argument("--json", action="store_true", help=_("print one JSON document"))
    parser.set_defaults(func=not_built_yet("actors"))
