"""`sar letters`: write the access-request letters for one person."""

from __future__ import annotations

from sar.cli.common import add_db_option, iso_date, language, not_built_yet
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
    parser.set_defaults(func=not_built_yet("letters"))
