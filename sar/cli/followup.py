"""`sar followup`: the reminder to an organisation once a deadline has passed, the letter asking for what a partial
answer lacked, the complaint to the CNIL, or the referral of a public hospital's refusal to the CADA
(`sar.requests.followups`)."""

from __future__ import annotations

import argparse
from datetime import date

from sar.cli.common import add_db_option, output_folder, request_date, tracker_path
from sar.errors import InputError
from sar.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "followup",
        help=_("write a reminder, a request for the missing items, a CNIL complaint or a referral to the CADA"),
        description=_(
            "Write the reminder to the organisation (once its deadline has passed), the letter asking for exactly what "
            "a partial answer lacked (incomplete), the complaint to the CNIL (GDPR art. 77) with the request's "
            "history, in the request's language, or, for a public hospital's medical record refused or left "
            "unanswered, the referral to the CADA (CRPA L.342-1), in French."
        ),
        epilog=_("Examples: sar followup 12 --kind reminder --out ~/sar-letters; "
                 "sar followup 12 --kind incomplete --out ~/sar-letters; sar followup 12 --kind cada --out ~/sar-letters"),
    )
    parser.add_argument("request_id", metavar="REQUEST_ID")
    parser.add_argument("--kind", required=True, choices=("reminder", "incomplete", "complaint", "cada"),
                        help=_("which letter: reminder, incomplete (what a partial answer lacked), complaint or cada "
                               "(a public hospital's refusal, to the CADA)"))
    parser.add_argument("--out", required=True, metavar="DIR", help=_("folder to write the letter in"))
    parser.add_argument("--format", default="pdf,txt,eml", metavar="pdf,txt,eml", help=_("formats to write (default: all three)"))
    parser.add_argument("--date", type=request_date, metavar="DATE", help=_("date written on the letter (default: today)"))
    parser.add_argument("--with-notes", action="store_true",
                        help=_("with --kind complaint: put your own notes in the request's history (left out by default)"))
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sar.requests.followups import write_followup
    from sar.requests import Tracker

    out = output_folder(args.out)
    tracker = Tracker(tracker_path(args.db))
    if not tracker.exists():
        raise InputError(_("there is no tracker at {path} yet: record letters first (sar letters ... --track)").format(
            path=tracker.path))
    written = write_followup(tracker, args.request_id, args.kind, out, args.format.split(","),
                             args.date or date.today(), with_notes=args.with_notes)
    for path in written.files:
        print(path)
    for line in written.advice:
        print(line)
    if args.kind == "incomplete":
        print(_("When you have sent it, record it: sar track update {id} --completion-asked DATE").format(
            id=args.request_id))
    elif args.kind == "cada":
        print(_("When you have sent it, record it: sar track update {id} --cada-referred DATE").format(
            id=args.request_id))
    else:
        status = "reminded" if args.kind == "reminder" else "complained"
        print(_("When you have sent it, record it: sar track update {id} --status {status}").format(
            id=args.request_id, status=status))
    return 0
