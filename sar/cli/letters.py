"""`sar letters`: write the access-request letters for one person."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sar.cli.common import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, add_db_option, iso_date, language
from sar.errors import SarError
from sar.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "letters",
        help=_("write the access-request letters (PDF, text, e-mail draft)"),
        description=_(
            "Write one GDPR article 15 letter per organisation found from your answers file: a PDF to print and send by "
            "registered post, a plain-text copy and an e-mail draft, under OUT/<your-name>/, with OUT/manifest.csv."
        ),
        epilog=_("Example: sar letters --answers my-answers.toml --out letters --format pdf,eml --track"),
    )
    parser.add_argument("--answers", required=True, metavar="FILE", help=_("your answers file (TOML or JSON)"))
    parser.add_argument("--out", required=True, metavar="DIR", help=_("folder to write the letters in"))
    parser.add_argument("--format", default="pdf,txt,eml", metavar="pdf,txt,eml", help=_("formats to write (default: all three)"))
    parser.add_argument("--lang", type=language, metavar="fr|en", help=_("language of the letters (default: the answers file's)"))
    parser.add_argument("--only", nargs="+", metavar="ACTOR_ID", help=_("write only the letters to these organisations"))
    parser.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help=_("date written on the letters (default: today)"))
    parser.add_argument("--track", action="store_true", help=_("record each letter as a request in the tracker"))
    add_db_option(parser)
    parser.set_defaults(func=run)


class NotAvailableYet(SarError):
    exit_code = EXIT_USAGE


def _journey_and_findings(answers: Path):
    """Read the answers file and infer the findings (sar.journey / sar.inference, issue 3)."""
    try:
        from sar.inference import infer
        from sar.journey import load_answers
    except ImportError:
        raise NotAvailableYet(_(
            "`sar letters` cannot run yet: this version of sar cannot read answers files. Nothing was written."
        )) from None
    journey = load_answers(answers)
    return journey, list(infer(journey))


def run(args: argparse.Namespace) -> int:
    from sar.output.files import check_formats, write_letters, write_manifest

    if args.track:
        raise NotAvailableYet(_("--track is not available in this version of sar yet; nothing was written."))
    formats = check_formats(args.format.split(","))
    journey, findings = _journey_and_findings(Path(args.answers))
    if args.only:
        known = {finding.actor.id for finding in findings}
        unknown = [actor_id for actor_id in args.only if actor_id not in known]
        if unknown:
            raise SarError(_("no letter for {unknown}: the organisations found for you are {known}").format(
                unknown=", ".join(unknown), known=", ".join(sorted(known)) or "-"))
        findings = [finding for finding in findings if finding.actor.id in args.only]
    out = Path(args.out)
    rows = write_letters(journey, findings, out, formats, args.lang, args.date or date.today())
    manifest = write_manifest(out, rows)
    failed = 0
    for row in rows:
        if row.files:
            print(_("{actor}: {files}").format(actor=row.actor, files=", ".join(row.files)))
        if row.recipient_missing:
            print(_("  the address of {actor} is not known: fill in the blank by hand before sending (look for "
                    "\"data protection officer\" in its privacy policy)").format(actor=row.actor))
        if row.error:
            failed += 1
            print(_("{actor}: not written: {error}").format(actor=row.actor, error=row.error), file=sys.stderr)
    written = len(rows) - failed
    print(_("letters written: {count}; list in {manifest}").format(count=written, manifest=manifest))
    return EXIT_SOME_FAILED if failed else EXIT_OK
