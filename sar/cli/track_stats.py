"""`sar track stats`: how each organisation answered, over every person of the tracker (or one), as text, JSON or CSV.

The figures name organisations, never a person: an association can share them with another to compare organisations.
What each figure counts, and over which requests: `sar.requests.stats`.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from datetime import date

from sar.i18n import _

CSV_COLUMNS = (
    "organisation", "place", "actor", "named", "sent", "answered", "answered_on_time", "answered_late", "median_delay_days",
    "worst_delay_days", "unanswered_past_deadline", "waiting", "extended", "incomplete", "incomplete_items_recorded",
    "lacked_most_often", "refused", "complaints", "receipt_estimated",
)


def register(actions, add_db_option_here) -> None:
    """The `stats` action of `sar track` (called from sar.cli.track)."""
    stats = actions.add_parser(
        "stats",
        help=_("how each organisation answered (figures you can share: no person in them)"),
        description=_(
            "Per organisation, over every person of the tracker (or one with --person): requests sent, answered "
            "within the legal deadline, answered late (median and worst delay in days), unanswered past the deadline, "
            "extended, incomplete answers and the items they lacked most often, refusals, complaints. Each figure says "
            "how many requests it rests on. No person is named (no name, id or date of birth): the figures can be "
            "shared with another association to compare organisations."
        ),
        epilog=_("Examples: sar track stats; sar track stats --csv > organisations.csv"),
    )
    stats.add_argument("--person", metavar="ID", help=_("only this person's requests (ids as shown by --json)"))
    output = stats.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=_("print one JSON document"))
    output.add_argument("--csv", action="store_true", help=_("print a CSV table (one row per organisation)"))
    add_db_option_here(stats)
    stats.set_defaults(func=run_stats)


def run_stats(args: argparse.Namespace) -> int:
    from sar.cli.track import nothing_tracked, tracker_of

    tracker, today = tracker_of(args), date.today()
    if not tracker.exists():
        if args.json or args.csv:
            _print_machine(args, None, today)
        else:
            print(nothing_tracked(tracker))
        return 0
    if args.person is not None and args.person not in {person_id for person_id, _person in tracker.people_with_ids()}:
        from sar.errors import InputError

        raise InputError(_("there is no person {id} in the tracker {path}; see `sar track list --json`.").format(
            id=args.person, path=tracker.path))
    stats = tracker.stats(person=args.person, today=today)
    if args.json or args.csv:
        _print_machine(args, stats, today)
        return 0
    print(stats_text(stats))
    return 0


def _print_machine(args: argparse.Namespace, stats, today: date) -> None:
    from sar.cli.common import print_json
    from sar.requests.stats import TrackerStats

    stats = stats or TrackerStats(today, 0, 0, ())
    if args.json:
        print_json(stats.as_dict())
    else:
        sys.stdout.write(stats_csv(stats))


def stats_csv(stats) -> str:
    from sar.csv_rows import spreadsheet_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for org in stats.organisations:
        row = [org.organisation, org.place, org.actor, "yes" if org.named else "no", org.sent, org.answered, org.answered_on_time,
               org.answered_late, _number(org.median_delay), _number(org.worst_delay), org.unanswered_past_deadline,
               org.waiting, org.extended, org.incomplete, org.incomplete_checked,
               ";".join(f"{item_id}:{count}" for item_id, count in org.lacked_most_often()), org.refused,
               org.complaints, org.receipt_estimated]
        writer.writerow([spreadsheet_safe(str(cell)) for cell in row])
    return buffer.getvalue()


def _number(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def stats_text(stats) -> str:
    """The figures as a person reads them: a summary, then one block per organisation (`sar.requests.stats`)."""
    from sar.requests.stats import organisation_lines, summary_lines

    if not stats.organisations:
        return _("No request has been sent yet: the figures count requests once they are sent.")
    lines = summary_lines(stats)
    for org in stats.organisations:
        lines += ["", *organisation_lines(org)]
    return "\n".join(lines)
