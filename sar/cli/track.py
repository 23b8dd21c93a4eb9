"""`sar track`: the requests you sent, their deadlines and what is overdue."""

from __future__ import annotations

from sar.cli.common import add_db_option, iso_date, not_built_yet
from sar.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "track",
        help=_("follow your requests and their deadlines"),
        description=_("List, update and export the requests recorded in the tracker."),
    )
    add_db_option(parser)
    actions = parser.add_subparsers(dest="track_command", metavar=_("ACTION"), required=True)

    listing = actions.add_parser("list", help=_("list requests"))
    listing.add_argument("--person", metavar="ID", help=_("only this person's requests"))
    listing.add_argument("--status", metavar="STATUS", help=_("only requests with this status"))
    listing.add_argument("--json", action="store_true", help=_("print one JSON document"))
    add_db_option(listing)
    listing.set_defaults(func=not_built_yet("track list"))

    due = actions.add_parser("due", help=_("what is overdue, then what falls due soon"))
    due.add_argument("--within", type=int, default=14, metavar="DAYS", help=_("how many days ahead to look (default: 14)"))
    due.add_argument("--json", action="store_true", help=_("print one JSON document"))
    add_db_option(due)
    due.set_defaults(func=not_built_yet("track due"))

    update = actions.add_parser("update", help=_("record what happened to a request"))
    update.add_argument("request_id", metavar="REQUEST_ID")
    what = update.add_mutually_exclusive_group(required=True)
    what.add_argument("--sent", type=iso_date, metavar="DATE", help=_("the day you sent it"))
    what.add_argument("--received", type=iso_date, metavar="DATE", help=_("the day it was received (acknowledgement)"))
    what.add_argument("--extended", action="store_true", help=_("the organisation extended the delay by two months"))
    what.add_argument("--answered", type=iso_date, metavar="DATE", help=_("the day you got the answer"))
    what.add_argument("--status", metavar="STATUS", help=_("set the status (answered, partial, refused...)"))
    update.add_argument("--note", metavar="TEXT", help=_("a note kept in the request's history"))
    add_db_option(update)
    update.set_defaults(func=not_built_yet("track update"))

    export = actions.add_parser("export", help=_("export deadlines to a calendar (.ics) or a spreadsheet (.csv)"))
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--ics", metavar="FILE", help=_("write an iCalendar file"))
    target.add_argument("--csv", metavar="FILE", help=_("write a CSV file"))
    add_db_option(export)
    export.set_defaults(func=not_built_yet("track export"))
