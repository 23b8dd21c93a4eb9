"""`sar followup`: the reminder to an organisation, or the complaint to the CNIL, once a deadline has passed."""

from __future__ import annotations

from sar.cli.common import add_db_option, not_built_yet
from sar.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "followup",
        help=_("write a reminder or a CNIL complaint for a request"),
        description=_(
            "Write the reminder to the organisation, or the complaint to the CNIL (GDPR art. 77) with the request's "
            "history, in the request's language."
        ),
        epilog=_("Example: sar followup 12 --kind reminder --out letters"),
    )
    parser.add_argument("request_id", metavar="REQUEST_ID")
    parser.add_argument("--kind", required=True, choices=("reminder", "complaint"), help=_("which letter"))
    parser.add_argument("--out", required=True, metavar="DIR", help=_("folder to write the letter in"))
    parser.add_argument("--format", default="pdf,txt,eml", metavar="pdf,txt,eml", help=_("formats to write (default: all three)"))
    add_db_option(parser)
    parser.set_defaults(func=not_built_yet("followup"))
