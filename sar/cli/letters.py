"""`sar letters`: write the access-request letters for one person."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sar.cli.common import (EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, add_db_option, input_file, language, output_folder,
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
        epilog=_("Examples:\n"
                 "  sar letters --answers my-answers.toml --out ~/sar-letters --format pdf,eml --track\n"
                 "  sar letters --answers my-answers.toml --out ~/sar-letters --right erasure --only doctolib --track\n"
                 "  sar letters --answers my-answers.toml --out ~/sar-letters --right rectification --only your-lab-site "
                 "--details \"my blood group is A+, not A-\"\n"
                 "  sar letters --answers my-answers.toml --out ~/sar-letters --right objection-marketing --only "
                 "doctolib\n"
                 "Rights (--right):\n{rights}").format(rights=_rights_help()),
    )
    parser.add_argument("--answers", required=True, metavar="FILE", help=_("your answers file (TOML or JSON)"))
    parser.add_argument("--out", required=True, metavar="DIR", help=_("folder to write the letters in"))
    parser.add_argument("--format", default="pdf,txt,eml", metavar="pdf,txt,eml", help=_("formats to write (default: all three)"))
    parser.add_argument("--lang", type=language, metavar="fr|en", help=_("language of the letters (default: the answers file's)"))
    parser.add_argument("--only", nargs="+", action="extend", metavar="ACTOR_ID", help=_("write only the letters to these organisations"))
    parser.add_argument("--date", type=request_date, metavar="DATE", help=_("date written on the letters (default: today)"))
    parser.add_argument("--right", default="access", metavar="RIGHT",
                        help=_("the right to exercise (default: access); the others need --only"))
    parser.add_argument("--details", default="", metavar="TEXT",
                        help=_("your own words for the letter: what is wrong (rectification), why (restriction), "
                               "the reasons relating to your situation (objection), what it is about (erasure, "
                               "withdrawal, portability, objection-marketing)"))
    parser.add_argument("--insist", action="store_true",
                        help=_("write the letter even where sar warns that it will likely be refused"))
    parser.add_argument("--track", action="store_true", help=_("record each letter as a request in the tracker"))
    add_db_option(parser)
    parser.set_defaults(func=run)


def _rights_help() -> str:
    from sar.rights import RIGHTS

    return "\n".join("  " + _("{right} ({article}): {explanation}").format(
        right=right.id, article=right.article, explanation=_(right.explanation))
        + (_(" (needs --details)") if right.needs_details else "") for right in RIGHTS.values())


def _advised(args, findings) -> tuple[list, int]:
    """The findings a right's letter can go to, after telling the person where it does not apply, where it will likely
    be refused (written only with --insist) and what they can do themselves; and how many were left out."""
    from sar.rights import advise

    kept, left_out = [], 0
    for finding in findings:
        advice = advise(args.right, finding.actor)
        name = actor_name(finding.actor, current_language())
        if advice.self_service:
            print(_("{actor}: {advice}").format(actor=name, advice=_(advice.self_service)))
        if not advice.applies:
            print(_("{actor}: no letter: {reason}").format(actor=name, reason=_(advice.reason)), file=sys.stderr)
            left_out += 1
        elif advice.likely_refused and not args.insist:
            print(_("{actor}: not written: {reason}. To write it anyway, add --insist.").format(
                actor=name, reason=_(advice.reason)), file=sys.stderr)
            left_out += 1
        else:
            if advice.likely_refused:
                print(_("{actor}: warning: {reason}").format(actor=name, reason=_(advice.reason)), file=sys.stderr)
            elif advice.reason:
                print(_("{actor}: {advice}").format(actor=name, advice=_(advice.reason)))
            kept.append(finding)
    return kept, left_out


def _track(args, journey, findings, rows, formats, out: Path) -> None:
    """Record each letter written as a request (a draft until the person says they sent it); re-running adds nothing."""
    from sar.requests import STATUS_NAMES, Tracker
    from sar.requests.recording import letters_as_requests, record_letters
    from sar.rights import shown_request

    lang = args.lang or journey.lang
    channel = "post" if {"pdf", "txt"} & set(formats) else "email"
    path = tracker_path(args.db)
    kind = None if args.right == "access" else args.right
    # Each request keeps its letter's files, absolute (the manifest's are relative to OUT), as the chat's do.
    letters = letters_as_requests(journey.person, findings, rows, lang, channel, kind=kind, folder=out.resolve())
    tracked = record_letters(Tracker(path), letters).requests
    print(_("Tracked in {path}:").format(path=path))
    for request in tracked:
        print(_("  request {id}: {actor} ({status})").format(id=request.id,
                                                            actor=shown_request(request.actor_name, request.kind),
                                                            status=_(STATUS_NAMES.get(request.status, request.status))))
    if tracked:
        print(_("When you have sent them, record the day (and --by email if you e-mailed one): "
                "sar track update ID --sent YYYY-MM-DD"))


def _where_to_find_addresses(args, journey, blank_rows) -> None:
    """After the letters: the one or two commands that fill the blanks from the State's registers, when they can
    (issue 22): the person's own places by name, and the update when the registers' data is absent or a month old."""
    from sar.directory import own_places, registers

    if not blank_rows:
        return
    blank = {row.actor for row in blank_rows}
    places = [place for place in own_places.places_to_find(journey) if place.actor_id in blank]
    if places:
        print(ngettext("{count} of your places can be looked up by its name: sar directory lookup --answers {file} "
                       "(only its name and your postcode are sent)",
                       "{count} of your places can be looked up by their names: sar directory lookup --answers {file} "
                       "(only their names and your postcode are sent)", len(places)).format(
            count=len(places), file=args.answers))
    if registers.is_stale(registers.load()):
        print(_("sar directory update reads the caisses' and companies' addresses in the State's registers (it sends "
                "nothing about you); then write the letters again"))


def run(args: argparse.Namespace) -> int:
    from sar.identity import remove_leftovers
    from sar.output.files import check_formats, write_letters, write_manifest
    from sar.output.summary import row_notes

    from sar.rights import check_details, get_right

    formats = check_formats(args.format.split(","))
    right = get_right(args.right)
    args.right = right.id
    if right.id == "access" and args.details:
        raise SarError(_("--details goes with --right (an access letter asks for everything they hold, in the "
                         "law's words)"))
    if right.id != "access" and not args.only:
        raise SarError(_("{right} is exercised with one organisation at a time: name it with --only ACTOR_ID (`sar "
                         "actors --answers FILE` lists them)").format(right=_(right.name)))
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
    details = check_details(right, args.details)  # once the organisations are known: one error at a time, in order
    left_out = 0
    if right.id != "access":
        findings, left_out = _advised(args, findings)
        if not findings:
            return EXIT_USAGE
    removed = remove_leftovers(out)
    if removed:
        print(ngettext("removed {count} temporary file left by an interrupted run",
                       "removed {count} temporary files left by an interrupted run", removed).format(count=removed))
    rows = write_letters(journey, findings, out, formats, args.lang, args.date or date.today(), right=right.id,
                         details=details)
    manifest = write_manifest(out, rows)
    failed = 0
    names = {finding.actor.id: actor_name(finding.actor, current_language()) for finding in findings}
    for row in rows:
        if row.files:
            print(_("{actor}: {files}").format(actor=names.get(row.actor, row.actor), files=", ".join(row.files)))
            for note in row_notes(row):  # an identity document to enclose, the French letter to send
                print("  " + note)
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
    _where_to_find_addresses(args, journey, [row for row in rows if row.files and "post" in row.missing_addresses])
    if args.track:
        _track(args, journey, findings, rows, formats, out)
    return EXIT_SOME_FAILED if failed or left_out else EXIT_OK
