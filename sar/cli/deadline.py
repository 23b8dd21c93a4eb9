"""`sar deadline`: the legal deadlines for a request received on a given date, and why each falls where it does."""

from __future__ import annotations

import argparse

from sar import deadlines
from sar.cli.common import print_json, region, request_date
from sar.i18n import _, format_date


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "deadline",
        help=_("compute the legal deadlines for a request received on a date"),
        description=_(
            "Compute when a controller must answer an access request received on DATE: one month (GDPR art. 12(3)), "
            "three months if it extends, and for medical records the CSP L.1111-7 delays (not before 48 hours, within "
            "8 days, within 2 months for information more than 5 years old). Periods ending on a Saturday, Sunday or "
            "public holiday move to the next working day."
        ),
        epilog=_("Example: sar deadline --received 2027-01-31 --region alsace-moselle"),
    )
    parser.add_argument(
        "--received", type=request_date, required=True, metavar="DATE",
        help=_("the day the organisation received the request (see the acknowledgement of receipt), e.g. 31/01/2027 "
               "or 2027-01-31"),
    )
    parser.add_argument(
        "--region", type=region, default=deadlines.DEFAULT_REGION, metavar="CODE",
        help=_("whose public holidays count: metropole (default), alsace-moselle, 971, 972, 973, 974, 976"),
    )
    parser.add_argument("--json", action="store_true", help=_("print one JSON document"))
    parser.set_defaults(func=run)


def _with_reasons(label: str, deadline: deadlines.Deadline, region_code: str) -> list[str]:
    lines = [label.format(date=format_date(deadline.due, weekday=True))]
    lines += ["    " + line for line in deadlines.explain(deadline, region_code)]
    return lines


def run(args: argparse.Namespace) -> int:
    if args.json:
        print_json(deadlines.deadlines_as_json(args.received, args.region))
        return 0
    gdpr = deadlines.gdpr_deadlines(args.received, args.region)
    csp = deadlines.medical_record_deadlines(args.received, args.region)
    lines = [
        _("Request received on {date}; public holidays of {region}.").format(
            date=format_date(args.received, weekday=True), region=_(deadlines.REGION_NAMES[args.region])
        ),
        "",
        _("GDPR, art. 12(3): one month from receipt"),
        *_with_reasons(_("  answer due by {date}"), gdpr.due, args.region),
        *_with_reasons(_("  if the organisation extends the delay by two months (telling you why within the first month): {date}"),
                       gdpr.extended_due, args.region),
        "",
        _("Medical records, Code de la santé publique art. L.1111-7"),
        _("  not before {date} (48-hour reflection period)").format(date=format_date(csp.earliest, weekday=True)),
        *_with_reasons(_("  due by {date} (8 days)"), csp.due, args.region),
        *_with_reasons(_("  if the information is more than 5 years old: {date} (2 months)"),
                       csp.due_if_older_than_5_years, args.region),
    ]
    print("\n".join(lines))
    return 0
