"""`sar letters`: write the access-request letters for one person."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from sar.cli.common import (EXIT_OK, EXIT_SOME_FAILED, add_db_option, input_file, language, output_folder,
                            request_date, tracker_path)
from sar.errors import SarError
from sar.directory import actor_name
from sar.i18n import _, current_language, ngettext
from sar.inference import infer
from sar.journey import load_answers


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "letters",
        help=_("write the access-request letters (PDF, text, e-mail draft)"),
        description=_(
            "Write one GDPR article 15 letter per organisation found from your answers file: a PDF to print and send by "
            "registered post, a plain-text copy and an e-mail draft, under OUT/<your-name>/, with OUT/manifest.csv."
        ),
        epilog=_("Example: sar letters --answers my-answers.toml --out ~/sar-letters --format pdf,eml --track"),
    )
    parser.add_argument("--answers", required=True, metavar="FILE", help=_("your answers file (TOML or JSON)"))
    parser.add_argument("--out", required=True, metavar="DIR", help=_("folder to write the letters in"))
    parser.add_argument("--format", default="pdf,txt,eml", metavar="pdf,txt,eml", help=_("formats to write (default: all three)"))
    parser.add_argument("--lang", type=language, metavar="fr|en", help=_("language of the letters (default: the answers file's)"))
    parser.add_argument("--only", nargs="+", metavar="ACTOR_ID", help=_("write only the letters to these organisations"))
    parser.add_argument("--date", type=request_date, metavar="DATE", help=_("date written on the letters (default: today)"))
    parser.add_argument("--track", action="store_true", help=_("record each letter as a request in the tracker"))
    add_db_option(parser)
    parser.set_defaults(func=run)


def _track(args, journey, findings, rows, formats) -> None:
    """Record each letter written as a request (a draft until the person says they sent it); re-running adds nothing."""
    from sar.requests import STATUS_NAMES, Tracker
    from sar.requests.recording import letters_as_requests, record_letters

    lang = args.lang or journey.lang
    channel = "post" if {"pdf", "txt"} & set(formats) else "email"
    path = tracker_path(args.db)
    tracked = record_letters(Tracker(path), letters_as_requests(journey.person, findings, rows, lang, channel)).requests
    print(_("Tracked in {path}:").format(path=path))
    for request in tracked:
        print(_("  request {id}: {actor} ({status})").format(id=request.id, actor=request.actor_name,
                                                            status=_(STATUS_NAMES.get(request.status, request.status))))
    if tracked:
        print(_("When you have sent them, record the day: sar track update ID --sent YYYY-MM-DD"))


def run(args: argparse.Namespace) -> int:
    from sar.identity import remove_leftovers
    from sar.output.files import check_formats, write_letters, write_manifest

    formats = check_formats(args.format.split(","))
    answers = input_file(args.answers)
    out = output_folder(args.out)
    if args.track:
        from sar.requests import Tracker

        Tracker(tracker_path(args.db)).list_requests()  # a damaged or locked tracker stops us before anything is written
    journey = load_answers(answers)
    findings = infer(journey)
    if args.only:
        known = {finding.actor.id for finding in findings}
        unknown = [actor_id for actor_id in args.only if actor_id not in known]
        if unknown:
            raise SarError(_("no letter for {unknown}: the organisations found for you are {known}").format(
                unknown=", ".join(unknown), known=", ".join(sorted(known)) or "-"))
        findings = [finding for finding in findings if finding.actor.id in args.only]
    removed = remove_leftovers(out)
    if removed:
        print(ngettext("removed {count} temporary file left by an interrupted run",
                       "removed {count} temporary files left by an interrupted run", removed).format(count=removed))
    rows = write_letters(journey, findings, out, formats, args.lang, args.date or date.today())
    manifest = write_manifest(out, rows)
    failed = 0
    names = {finding.actor.id: actor_name(finding.actor, current_language()) for finding in findings}
    for row in rows:
        if row.files:
            print(_("{actor}: {files}").format(actor=names.get(row.actor, row.actor), files=", ".join(row.files)))
        if "post" in row.missing_addresses:
            print(_("  no postal address is known: fill in the blank on the letter before posting it (look for "
                    "\"délégué à la protection des données\" in the organisation's privacy policy)"))
        if "email" in row.missing_addresses:
            print(_("  no e-mail address is known: the e-mail draft has a blank to fill, or send the letter by post"))
        if row.error:
            failed += 1
            print(_("{actor}: not written: {error}").format(actor=row.actor, error=row.error), file=sys.stderr)
    written = len(rows) - failed
    print(_("letters written: {count}; list in {manifest}").format(count=written, manifest=manifest))
    if args.track:
        _track(args, journey, findings, rows, formats)
    return EXIT_SOME_FAILED if failed else EXIT_OK
