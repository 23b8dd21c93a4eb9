"""`sar track`: the requests you sent, their deadlines and what is overdue."""

from __future__ import annotations

import argparse
from datetime import date

from sar.cli.common import add_db_option, output_file, print_json, request_date, tracker_path
from sar.errors import InputError
from sar.i18n import _, format_date, ngettext
from sar.replies import ITEM_IDS, item, parse_items
from sar.requests import STATUS_NAMES, STATUSES, Tracker, TrackedRequest, check_status
from sar.requests.model import ANSWERED_STATUSES, CHANNELS
from sar.shown_names import shown_name


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "track",
        help=_("follow your requests and their deadlines"),
        description=_(
            "List, update and export the requests recorded in the tracker (record them with `sar letters --track`). "
            "Deadlines run from the day the organisation received your request: enter the date of the acknowledgement "
            "of receipt with `sar track update ID --received DATE`; until then sar estimates it from the sending date."
        ),
    )
    add_db_option(parser)
    actions = parser.add_subparsers(dest="track_command", metavar=_("ACTION"), required=True)

    listing = actions.add_parser(
        "list", help=_("list requests"), description=_("List the recorded requests, with their status and deadline.")
    )
    listing.add_argument("--person", metavar="ID", help=_("only this person's requests (ids as shown by --json)"))
    listing.add_argument(
        "--status", metavar="STATUS", help=_("only requests with this status: {choices}").format(choices=", ".join(STATUSES))
    )
    listing.add_argument("--json", action="store_true", help=_("print one JSON document"))
    _add_db_option_here(listing)
    listing.set_defaults(func=run_list)

    due = actions.add_parser(
        "due",
        help=_("what is overdue, then what falls due soon"),
        description=_("Show the requests whose deadline has passed (first), then those falling due within DAYS days."),
        epilog=_("Example: sar track due --within 30"),
    )
    due.add_argument(
        "--within", type=days, default=14, metavar="DAYS", help=_("how many days ahead to look (default: 14)")
    )
    due.add_argument("--json", action="store_true", help=_("print one JSON document"))
    _add_db_option_here(due)
    due.set_defaults(func=run_due)

    update = actions.add_parser(
        "update",
        help=_("record what happened to a request"),
        description=_("Record one step of a request: sent, received (deadlines are recomputed), extended, answered "
                      "(with what the answer lacks: --missing)."),
        epilog=_("Examples: sar track update 3 --received 2026-03-05 --note \"AR n° 1A 234 567 8901 2\"; "
                 "sar track update 3 --answered 2026-03-20 --missing recipients,retention"),
    )
    update.add_argument("request_id", metavar="REQUEST_ID")
    what = update.add_mutually_exclusive_group()
    what.add_argument("--sent", type=request_date, metavar="DATE", help=_("the day you sent it"))
    update.add_argument("--by", choices=CHANNELS, metavar="post|email|form",
                        help=_("with --sent: how you sent it (post: by registered letter, as the letter says; the "
                               "follow-ups say so); default: as it was written"))
    what.add_argument("--received", type=request_date, metavar="DATE", help=_("the day it was received (acknowledgement)"))
    what.add_argument("--extended", type=request_date, nargs="?", const=NO_DATE, metavar="DATE",
                      help=_("the day the organisation told you it extends the delay by two months (a notice given "
                             "after the first month extends nothing, GDPR art. 12(3))"))
    what.add_argument("--answered", type=request_date, metavar="DATE",
                      help=_("the day you got the answer (with --missing for what it lacks, or --status partial or "
                             "refused for such an answer)"))
    what.add_argument("--completion-asked", type=request_date, metavar="DATE",
                      help=_("the day you sent the letter asking for what a partial answer lacked "
                             "(sar followup ID --kind incomplete)"))
    what.add_argument("--cada-referred", type=request_date, metavar="DATE",
                      help=_("the day you referred a public hospital's refusal to the CADA "
                             "(sar followup ID --kind cada)"))
    update.add_argument(
        "--missing", type=parse_items, metavar="ITEM[,ITEM...]",
        help=_("with --answered: what the answer lacks, among {choices} (the request becomes partial)").format(
            choices=", ".join(ITEM_IDS)),
    )
    update.add_argument(
        "--status", metavar="STATUS", help=_("set the status: {choices}").format(choices=", ".join(STATUSES))
    )
    update.add_argument("--note", metavar="TEXT", help=_("a note kept in the request's history (alone: just add the note)"))
    _add_db_option_here(update)
    update.set_defaults(func=run_update, parser=update)

    export = actions.add_parser(
        "export",
        help=_("export deadlines to a calendar (.ics) or a spreadsheet (.csv)"),
        description=_(
            "Write the deadlines of your open requests to an iCalendar file (one all-day event per deadline, with a "
            "reminder the day before), or every request to a CSV file. The files are readable by you only."
        ),
    )
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--ics", metavar="FILE", help=_("write an iCalendar file"))
    target.add_argument("--csv", metavar="FILE", help=_("write a CSV file"))
    export.add_argument("--details", action="store_true",
                        help=_("with --ics: put the organisation and the person in each event's description (titles "
                               "stay discreet: a calendar may sync to a cloud service)"))
    _add_db_option_here(export)
    export.set_defaults(func=run_export)

    from sar.cli import track_stats  # `sar track stats` (issue 25.2) lives in its own module

    track_stats.register(actions, _add_db_option_here)


def _add_db_option_here(parser: argparse.ArgumentParser) -> None:
    """`--db` after the action too (`sar track list --db X`), without hiding one given before it (`sar track --db X list`)."""
    add_db_option(parser)
    for action in parser._actions:
        if action.dest == "db":
            action.default = argparse.SUPPRESS


NO_DATE = object()  # `--extended` typed without its date (sar before issue 23 took none): refused, never today

MAX_DAYS_AHEAD = 3650  # ten years: far beyond any legal delay (at most three months), and today + it is a real date


def days(text: str) -> int:
    """argparse type: a number of days, 0 to MAX_DAYS_AHEAD."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_DAYS_AHEAD:
        raise argparse.ArgumentTypeError(_("{value!r} is not a number of days from 0 to {most}").format(
            value=text, most=MAX_DAYS_AHEAD))
    return value


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


def tracker_of(args: argparse.Namespace) -> Tracker:
    return Tracker(tracker_path(args.db))


def nothing_tracked(tracker: Tracker) -> str:
    """What `sar track` says where there is no tracker file yet (`list`, `due`, `stats`)."""
    return _("Nothing is tracked yet ({path} does not exist). Record requests with `sar letters --track`.").format(
        path=tracker.path
    )


def _who(request: TrackedRequest) -> str:
    from sar.rights import shown_request

    return shown_request(request.actor_name, request.kind)


def _missing_names(request: TrackedRequest) -> str:
    from sar.replies import item

    return ", ".join(_(item(item_id).name) for item_id in request.missing)


def _summary(request: TrackedRequest, today: date) -> str:
    """One line about where a request stands."""
    parts = [_(STATUS_NAMES.get(request.status, request.status))]
    if request.sent:
        parts.append(_("sent {date}").format(date=format_date(request.sent)))
    if request.received:
        template = (_("received by {date} at the latest (the day of the answer)") if request.receipt_bounded_by_answer
                    else _("received {date} (estimated)") if request.received_is_estimate else _("received {date}"))
        parts.append(template.format(date=format_date(request.received)))
    if request.answered:
        parts.append(_("answered {date}").format(date=format_date(request.answered)))
        if request.missing:
            parts.append(_("missing: {items}").format(items=_missing_names(request)))
    elif request.due:
        parts.append(_("due by {date}").format(date=format_date(request.due)))
        if request.overdue(today):
            late = request.days_late(today)
            parts.append(_("OVERDUE by {days}").format(days=_days(late)))
    return " · ".join(parts)


def run_list(args: argparse.Namespace) -> int:
    tracker, today = tracker_of(args), date.today()
    if args.status is not None:
        check_status(args.status)
    if not tracker.exists():
        if args.json:
            print_json([])
        else:
            print(nothing_tracked(tracker))
        return 0
    requests = tracker.list_requests(person=args.person, status=args.status)
    if args.json:
        print_json([request.as_row(today) for request in requests])
        return 0
    if not requests:
        print(_("No request matches."))
        return 0
    for request in requests:
        print(f"#{request.id}  {_who(request)} — {request.person_name}")
        print(f"     {_summary(request, today)}")
        if request.letter_to_send:
            print("     " + _("letter: {file}").format(file=request.letter_to_send))
    return 0


def _print_incomplete(requests: list[TrackedRequest]) -> None:
    """Partial answers (issue 13): what is missing, and the next step: the letter asking for exactly that, then, once it
    was sent, the complaint to the CNIL."""
    if not requests:
        return
    print(_("INCOMPLETE ANSWERS ({count})").format(count=len(requests)))
    for request in requests:
        print("  " + _("#{id}  {actor} — {person}: missing {items}").format(
            id=request.id, actor=_who(request), person=request.person_name, items=_missing_names(request)))
        answered_at = max(i for i, event in enumerate(request.events) if event.what in ANSWERED_STATUSES)
        asked = any(event.what == "completion_asked" for event in request.events[answered_at:])
        if asked:
            print("      " + _("complain to the CNIL: sar followup {id} --kind complaint --out DIR").format(id=request.id))
        else:
            print("      " + _("ask for exactly these: sar followup {id} --kind incomplete --out DIR").format(
                id=request.id))


def _print_cada(requests: list[TrackedRequest], today: date) -> None:
    """Public hospitals' medical records refused, answered without the documents, or left unanswered a month (issue 23.9):
    the referral to the CADA and the day to refer by, or, once referred, when its opinion is expected."""
    from sar.requests import cada

    lines = [(request, cada.status_line(request, today)) for request in requests]
    lines = [(request, line) for request, line in lines if line]
    if not lines:
        return
    print(_("PUBLIC HOSPITALS: THE CADA ({count})").format(count=len(lines)))
    for request, line in lines:
        print("  " + _("#{id}  {actor} — {person}: {status}").format(
            id=request.id, actor=_who(request), person=request.person_name, status=line))
        if request.cada_referred is None:
            print("      " + _("write the referral: sar followup {id} --kind cada --out DIR").format(id=request.id))


def run_due(args: argparse.Namespace) -> int:
    tracker, today = tracker_of(args), date.today()
    if not tracker.exists():
        if args.json:
            print_json([])
        else:
            print(nothing_tracked(tracker))
        return 0
    requests = tracker.due(args.within, today)
    if args.json:
        print_json([request.as_row(today) for request in requests])
        return 0
    overdue = [r for r in requests if r.overdue(today)]
    soon = [r for r in requests if not r.overdue(today)]
    everything = tracker.list_requests()
    incomplete = [r for r in everything if r.status == "partial" and r.missing]
    public_records = [r for r in everything if r.public_body_record]
    if not requests:
        if incomplete or any(cada_status(r, today) for r in public_records):
            _print_incomplete(incomplete)
            _print_cada(public_records, today)
            return 0
        if args.within == 0:
            print(_("Nothing is overdue and nothing falls due today."))
        else:
            print(_("Nothing is overdue and nothing falls due in the next {days}.").format(days=_days(args.within)))
        return 0
    if overdue:
        print(_("OVERDUE ({count})").format(count=len(overdue)))
        for request in overdue:
            late = request.days_late(today)
            print("  " + _("#{id}  {actor} — {person}: was due by {date}, {days} ago").format(
                id=request.id, actor=_who(request), person=request.person_name,
                date=format_date(request.due, weekday=True), days=_days(late),
            ))
            print("      " + _("write a reminder: sar followup {id} --kind reminder --out DIR").format(id=request.id))
    if soon:
        print(_("Due within {days} ({count})").format(days=_days(args.within), count=len(soon)))
        for request in soon:
            left = -request.days_late(today)
            template = (
                _("#{id}  {actor} — {person}: due today, {date}") if left == 0
                else _("#{id}  {actor} — {person}: due by {date}, in {days}")
            )
            print("  " + template.format(
                id=request.id, actor=_who(request), person=request.person_name,
                date=format_date(request.due, weekday=True), days=_days(left),
            ))
            if request.received_is_estimate:
                print("      " + _("receipt estimated: enter the real date with --received when you know it"))
    _print_incomplete(incomplete)
    _print_cada(public_records, today)
    return 0


def cada_status(request: TrackedRequest, today: date) -> str:
    from sar.requests import cada

    return cada.status_line(request, today)


def run_update(args: argparse.Namespace) -> int:
    tracker = tracker_of(args)
    note = args.note or ""
    if args.missing is not None and not args.answered:
        args.parser.error(_("--missing goes with --answered DATE: the day of the answer that lacks them"))
    if not (args.sent or args.received or args.extended or args.answered or args.completion_asked or args.cada_referred
            or args.status or note):
        args.parser.error(_("say what happened: --sent, --received, --extended, --answered, --completion-asked, "
                            "--cada-referred, --status or --note"))
    if args.status and (args.sent or args.received or args.extended or args.completion_asked or args.cada_referred):
        args.parser.error(_("--status goes alone, or with --answered DATE (e.g. --answered 12/03/2027 --status partial)"))
    if args.by and not args.sent:
        args.parser.error(_("--by goes with --sent DATE: how you sent it that day"))
    if args.extended is NO_DATE:
        args.parser.error(_("--extended DATE: give the day the organisation told you it extends the delay (a notice "
                            "given after the first month extends nothing, GDPR art. 12(3))"))
    happened = args.sent or args.received or args.answered or args.completion_asked or args.extended or args.cada_referred
    if happened and happened > date.today():
        raise InputError(_("{date} is in the future: record a step once it has happened").format(
            date=format_date(happened)))
    if args.missing is not None and not args.missing:
        args.parser.error(_("--missing names at least one item: {choices}").format(choices=", ".join(ITEM_IDS)))
    if args.sent:
        request = tracker.mark_sent(args.request_id, args.sent, args.by, note=note)
    elif args.received:
        request = tracker.mark_received(args.request_id, args.received, note=note)
    elif args.extended:
        request = tracker.mark_extended(args.request_id, args.extended, note=note)
    elif args.answered:
        request = tracker.mark_answered(args.request_id, args.answered, args.status, note=note, missing=args.missing)
    elif args.completion_asked:
        request = tracker.mark_followed_up(args.request_id, "incomplete", args.completion_asked, note=note)
    elif args.cada_referred:
        request = tracker.mark_followed_up(args.request_id, "cada", args.cada_referred, note=note)
    elif args.status:
        request = tracker.set_status(args.request_id, args.status, note=note)
    else:
        request = tracker.add_note(args.request_id, note)
    print(_("Request {id} ({actor}): {summary}.").format(
        id=request.id, actor=shown_name(request.actor_name), summary=_summary(request, date.today())
    ))
    if args.extended and request.late_extension:
        print(late_extension_advice(request))
    if args.answered and request.missing:
        print(_("What the answer lacks:"))
        for item_id in request.missing:
            entry = item(item_id)
            print(f"  – {_(entry.name)} ({_(entry.source)})")
        print(_("Ask for exactly these: sar followup {id} --kind incomplete --out DIR").format(id=request.id))
    if args.answered or args.status in ("partial", "refused"):
        from sar.requests.followups import cada_advice, cada_applies

        if cada_applies(request):
            print(cada_advice(request))
    if args.cada_referred:
        from sar.requests import cada

        print(cada.status_line(request, date.today()))
    if request.receipt_bounded_by_answer:
        print(_("The receipt date is not known: sar takes the day of the answer, {date}, by which the request had "
                "arrived; enter the real one with: sar track update {id} --received DATE").format(
            date=format_date(request.received), id=request.id))
    elif request.received_is_estimate and request.due:
        print(_("The receipt date is an estimate; enter the real one with: sar track update {id} --received DATE").format(
            id=request.id
        ))
    return 0


def late_extension_advice(request: TrackedRequest) -> str:
    """What a notice of extension given after the first month means (GDPR art. 12(3)), and what follows."""
    return _(
        "{actor} told you on {notice} that it extends the delay, after the first month, which ended on {due}: a notice "
        "given that late does not extend the deadline (GDPR art. 12(3)). The deadline stays {due}; the reminder, then "
        "the complaint, can be written: sar followup {id} --kind reminder --out DIR"
    ).format(actor=request.actor_name, notice=format_date(request.extended_on), due=format_date(request.gdpr_due),
             id=request.id)


def run_export(args: argparse.Namespace) -> int:
    tracker = tracker_of(args)
    if args.ics:
        count = tracker.export_ics(output_file(args.ics), details=args.details)
        print(_("Deadlines written to {path}: {count}.").format(count=count, path=args.ics))
    else:
        count = tracker.export_csv(output_file(args.csv))
        print(_("Requests written to {path}: {count}.").format(count=count, path=args.csv))
    return 0
