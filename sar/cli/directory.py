"""`sar directory`: the organisations sar knows, and your own additions."""

from __future__ import annotations

from sar.cli.common import not_built_yet
from sar.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "directory",
        help=_("browse the organisations sar knows, add your own"),
        description=_("Browse the bundled directory of organisations that hold health data, and add or correct entries."),
    )
    actions = parser.add_subparsers(dest="directory_command", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_("list every organisation"))
    listing.add_argument("--json", action="store_true", help=_("print one JSON document"))
    listing.set_defaults(func=not_built_yet("directory list"))
    show = actions.add_parser("show", help=_("show one organisation"))
    show.add_argument("actor_id", metavar="ID")
    show.add_argument("--json", action="store_true", help=_("print one JSON document"))
    show.set_defaults(func=not_built_yet("directory show"))
    search = actions.add_parser("search", help=_("find organisations by name or role"))
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--json", action="store_true", help=_("print one JSON document"))
    search.set_defaults(func=not_built_yet("directory search"))
    add = actions.add_parser("add", help=_("add or correct organisations from a TOML or JSON file"))
    add.add_argument("file", metavar="FILE")
    add.set_defaults(func=not_built_yet("directory add"))
    lookup = actions.add_parser("lookup", help=_("look up an organisation's registered address online"))
    lookup.add_argument("name", metavar="NAME")
    lookup.set_defaults(func=not_built_yet("directory lookup"))
