"""`sar directory`: the organisations sar knows, and your own additions."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from babel.numbers import format_decimal

from sar import directory
from sar.directory import caisses, coverage, datarequests, lookup, registers
from sar.cli.actors import contact_lines
from sar.cli.common import EXIT_OK, EXIT_SOME_FAILED, input_file, print_json
from sar.errors import InputError
from sar.i18n import _, babel_locale, current_language, format_iso_date


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "directory",
        help=_("browse the organisations sar knows, add your own"),
        description=_("Browse the bundled directory of organisations that hold health data, and add or correct entries."),
    )
    actions = parser.add_subparsers(dest="directory_command", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_("list every organisation"))
    listing.add_argument("--json", action="store_true", help=_("print one JSON document"))
    listing.set_defaults(func=run_list)
    show = actions.add_parser("show", help=_("show one organisation"))
    show.add_argument("actor_id", metavar="ID")
    show.add_argument("--json", action="store_true", help=_("print one JSON document"))
    show.set_defaults(func=run_show)
    search = actions.add_parser("search", help=_("find organisations by name or role"))
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--json", action="store_true", help=_("print one JSON document"))
    search.set_defaults(func=run_search)
    covered = actions.add_parser(
        "coverage",
        help=_("count, per kind of organisation, the entries with a sourced address"),
        description=_("For each kind of organisation (category), how many entries have a postal address or an e-mail "
                      "read in a cited source, and how many have neither (their letters leave a blank to fill). The "
                      "caisses of the public health insurance are counted as caisse-cpam and caisse-msa. Once "
                      "`sar directory update` has run, the postal and neither columns show both counts: from what "
                      "the organisations publish, then → with the registers' addresses."),
    )
    covered.add_argument("--json", action="store_true", help=_("print one JSON document"))
    covered.set_defaults(func=run_coverage)
    update = actions.add_parser(
        "update",
        help=_("read the caisses' and companies' addresses in the State's registers (sends nothing about you)"),
        description=_(
            "Read, in the State's official registers, the addresses that are the same for everybody, and keep them in "
            "sar's data folder: the postal address of every CPAM, CGSS, CSS and MSA caisse from the Annuaire de "
            "l'administration (DILA), and the registered office of the organisations of sar's directory that publish "
            "no address of their own, from the company register (Recherche d'entreprises). The requests are the same "
            "whoever runs it: it takes no answers file and sends nothing about you. Every address keeps the "
            "register's name, the record and the date it was consulted; an organisation's own published address "
            "stays ahead. If a register cannot be reached, nothing is changed and the previous copy is kept."),
        epilog=_("Example: sar directory update, then sar directory coverage to see what it added. Run it again "
                 "every month or so: the findings screen offers it when the copy is older than a month."),
    )
    update.set_defaults(func=run_update)
    add = actions.add_parser("add", help=_("add or correct organisations from a TOML or JSON file"))
    add.add_argument("file", metavar="FILE")
    add.set_defaults(func=run_add)
    lookup = actions.add_parser(
        "lookup",
        help=_("look up an organisation's registered address online, or every address your answers lack"),
        description=_(
            "Search the public French company register (API Recherche d'entreprises) for an organisation's head-office "
            "address. Only the name you type (and the postcode, if you give one) is sent; nothing about you. "
            "Add a result to your directory with --add. With --answers FILE instead of a name: find, in one step, the "
            "address of every place of your answers that has a name and no address (pharmacy, laboratory, hospital or "
            "clinic, imaging centre, practitioner, a mutuelle or tiers-payant operator given by name). It first shows "
            "exactly what will be sent (each name and the postcode used) and asks before sending (--yes for "
            "scripts). A single match is taken; when several organisations match, none is chosen for you: choose "
            "with --add N --id ID. What is found is kept for your letters only (sar letters uses it)."
        ),
        epilog=_('Examples: sar directory lookup "Mutuelle Familiale" --postcode 75011, then, to use result 1 for the '
                 'mutuelle of your answers: sar directory lookup "Mutuelle Familiale" --postcode 75011 --add 1 '
                 '--id your-mutuelle. For every place of your answers: sar directory lookup --answers my-answers.toml, '
                 'then, to choose candidate 2 for your hospital: sar directory lookup --answers my-answers.toml --add 2 '
                 '--id your-hospital'),
    )
    lookup.add_argument("name", metavar="NAME", nargs="?", help=_("the organisation's name"))
    lookup.add_argument("--answers", metavar="FILE",
                        help=_("your answers file: look up every place it names without an address"))
    lookup.add_argument("--yes", action="store_true",
                        help=_("with --answers: send without asking (what is sent is still shown)"))
    lookup.add_argument("--postcode", metavar="CP", help=_("narrow the search to this postcode (it is sent too)"))
    lookup.add_argument("--add", type=int, metavar="N",
                        help=_("add result N to your directory; with --answers, choose candidate N for --id"))
    lookup.add_argument("--id", dest="actor_id", metavar="ID",
                        help=_("directory id for the added result (default: from its name; use e.g. your-mutuelle); "
                               "with --answers, the place the candidate is for (e.g. your-hospital)"))
    lookup.add_argument("--json", action="store_true", help=_("print one JSON document"))
    lookup.set_defaults(func=run_lookup)
    importing = actions.add_parser(
        "import",
        help=_("import organisations from datarequests.org records (JSON)"),
        description=_(
            "Add organisations to your directory from records of the open datarequests.org company database (one JSON "
            "record or a list of them). The record's page is kept as the source."
        ),
    )
    importing.add_argument("file", metavar="FILE")
    importing.set_defaults(func=run_import)


def actor_as_json(actor: directory.Actor) -> dict:
    document = asdict(actor)
    document["sources"] = list(actor.sources)
    return document


def _summary(actors: list[directory.Actor]) -> str:
    lang = current_language()
    width = max((len(a.id) for a in actors), default=0)
    return "\n".join(f"{a.id.ljust(width)}  {directory.actor_name(a, lang)}" for a in actors)


def run_list(args: argparse.Namespace) -> int:
    actors = list(directory.load_directory().values())
    if args.json:
        print_json([actor_as_json(a) for a in actors])
    else:
        print(_summary(actors))
    return 0


def _where_to_write(contact: directory.Contact) -> list[str]:
    """The contact's address lines, without the source line that `source_lines` gives in full."""
    lines = contact_lines(contact)
    return lines[:-1] if contact.source and not contact.is_empty else lines


def source_lines(contact: directory.Contact) -> list[str]:
    """Where a contact was read: the register and its record for a register's address; the page, the date, and the
    quoted line for what the organisation publishes."""
    if contact.is_empty:
        return [_("no sourced contact")]
    lines = []
    if contact.register:
        lines.append(_("postal address: {provenance}, record {record}").format(
            provenance=registers.provenance(contact), record=contact.record or "-"))
    if contact.source and contact.source != contact.record:
        lines.append(_("source: {source} (read {date})").format(source=contact.source, date=format_iso_date(contact.verified)))
    elif not contact.register:
        lines.append(_("source: {source} (read {date})").format(source=_("none"), date=format_iso_date(contact.verified)))
    if contact.quote:
        lines.append(_("quote: {quote}").format(quote=" ".join(contact.quote.split())))
    return lines


def run_search(args: argparse.Namespace) -> int:
    actors = directory.search(args.text)
    if args.json:
        print_json([actor_as_json(a) for a in actors])
        return 0
    found_caisses = caisses.search_caisses(args.text)
    if not actors and not found_caisses:
        print(_("No organisation matches {text!r}.").format(text=args.text))
        return 1
    lang = current_language()
    lines = []
    for actor in actors:
        lines.append(f"{actor.id}  {directory.actor_name(actor, lang)}")
        lines += ["    " + line for line in _where_to_write(actor.contact) + source_lines(actor.contact)]
    kept = registers.load()
    for caisse in found_caisses:
        lines.append(f"{caisse.id}  {caisse.name} ({', '.join(caisse.departements)})")
        address = kept.caisses.get(caisse.id)
        if caisse.contact.is_empty and address is not None:
            contact = address.applied_to(caisse.contact)
            lines += ["    " + line for line in _where_to_write(contact) + source_lines(contact)]
        elif caisse.contact.is_empty:
            lines.append("    " + _("no data-protection officer's contact that the caisse publishes was found; "
                                    "what was searched: sar/data/caisses.toml"))
            if kept.is_empty:
                lines.append("    " + _("its postal address is in the Annuaire de l'administration: run "
                                        "`sar directory update` (it sends nothing about you)"))
        else:
            lines += ["    " + line for line in _where_to_write(caisse.contact) + source_lines(caisse.contact)]
    print("\n".join(lines))
    return 0


COVERAGE_KEYS = ("entries", "postal", "email", "neither", "postal_with_registers", "neither_with_registers")


def run_coverage(args: argparse.Namespace) -> int:
    kept = registers.load()
    rows = coverage.coverage(data=kept)
    total = {"category": "total", **{key: sum(row[key] for row in rows) for key in COVERAGE_KEYS}}
    if args.json:
        print_json({"categories": rows, "total": total, "registers_updated": kept.updated or None})
        return 0

    def cell(row: dict, key: str) -> str:
        if kept.is_empty or key not in ("postal", "neither") or row[key] == row[f"{key}_with_registers"]:
            return str(row[key])
        return f"{row[key]} → {row[key + '_with_registers']}"

    headers = [_("category"), _("entries"), _("postal"), _("e-mail"), _("neither")]
    table = [[row["category"], *(cell(row, key) for key in ("entries", "postal", "email", "neither"))]
             for row in rows + [total]]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *table)]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths)))
             for line in [headers, *table]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.insert(len(lines) - 1, lines[1])
    print("\n".join(lines))
    print(_("Counted: entries whose postal address or e-mail was read in a cited source (sar/data/SOURCES.md); the "
            "slots you fill yourself (your doctor, pharmacy…) are left out."))
    if kept.is_empty:
        print(_("Without the registers' addresses: `sar directory update` reads the caisses' postal addresses and the "
                "companies' registered offices in the State's registers (it sends nothing about you)."))
    else:
        print(_("a → b: a from what the organisations publish, b with the registers' addresses of {date} "
                "(`sar directory update`).").format(date=format_iso_date(kept.updated)))
    return 0


def run_update(args: argparse.Namespace) -> int:
    from sar.directory.update import run_update as update

    tty = sys.stderr.isatty()
    names = {"cpam": _("Annuaire de l'administration, CPAM/CGSS/CSS offices"),
             "msa": _("Annuaire de l'administration, MSA offices"),
             "entreprises": _("company register, organisations of sar's directory")}

    def progress(step: str, done: int, total: int) -> None:
        line = _("{step}: {done}/{total}").format(step=names[step], done=done, total=total)
        if tty:
            sys.stderr.write("\r" + line + "\x1b[K" + ("\n" if done >= total else ""))
        elif done >= total or done % 500 == 0:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    print(_("Reading the State's registers; nothing about you is sent."), file=sys.stderr)
    report = update(progress=progress)
    locale = babel_locale(current_language())
    print(_("Read {records} records of the Annuaire de l'administration and asked the company register about {asked} "
            "organisations, in {requests} requests ({kilobytes} kB) and {seconds} s.").format(
        records=report.records_read, asked=report.organisations_asked, requests=report.requests,
        kilobytes=format_decimal(report.bytes_received / 1000, "0.#", locale=locale),
        seconds=format_decimal(report.seconds, "0.0", locale=locale)))
    print(_("Postal addresses: {caisses} of {total} caisses, {organisations} of {asked} organisations; {gained} "
            "letters' addresses gained over what the organisations publish themselves.").format(
        caisses=report.caisses_found, total=report.caisses_total, organisations=report.organisations_found,
        asked=report.organisations_asked, gained=report.gained))
    print(_("Kept in {path}; see them with sar directory coverage.").format(path=report.path))
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    actor = directory.get(args.actor_id)
    if args.json:
        print_json(actor_as_json(actor))
        return 0
    lang = current_language()
    lines = [f"{directory.actor_name(actor, lang)}  [{actor.id}]",
             _("role: {role}").format(role=actor.role.get(lang))]
    data = actor.data.get(lang)
    if data:
        lines.append(_("data: {data}").format(data="; ".join(data)))
    if actor.retention:
        lines.append(_("kept: {retention}").format(retention=actor.retention.get(lang)))
    if actor.notes:
        lines.append(_("notes: {notes}").format(notes=actor.notes.get(lang)))
    lines += contact_lines(actor.contact)
    lines.append(_("sources: {sources} (checked {date})").format(sources=", ".join(actor.sources),
                                                                   date=format_iso_date(actor.verified)))
    if actor.origin == "user":
        lines.append(_("(added or corrected by you)"))
    print("\n".join(lines))
    return 0


def run_add(args: argparse.Namespace) -> int:
    ids = directory.add_user_entries(input_file(args.file))
    print(_("Added or corrected in your directory: {ids}").format(ids=", ".join(ids)))
    return 0


def run_lookup(args: argparse.Namespace) -> int:
    if args.answers:
        if args.name or args.postcode:
            raise InputError(_("give either a NAME (and --postcode) or --answers FILE, not both"))
        from sar.cli.place_lookup import run_lookup_answers

        return run_lookup_answers(args)
    if not args.name:
        raise InputError(_("give the organisation's NAME, or --answers FILE to look up every place your answers lack "
                           "an address for"))
    candidates = lookup.search_organisations(args.name, args.postcode)
    if args.add is not None:
        if not 1 <= args.add <= len(candidates):
            raise InputError(_("there is no result {number}: the search gave {count}").format(
                number=args.add, count=len(candidates)))
        actor_id = lookup.add_to_directory(candidates[args.add - 1], args.actor_id).id
        print(_("Added to your directory as {id}. Check the address before sending: it is the head office, which may "
                "not be where the data-protection officer works.").format(id=actor_id))
        return 0
    if args.json:
        print_json([asdict(c) for c in candidates])
        return 0
    if not candidates:
        print(_("The company register knows no organisation named {name!r}. Check the spelling, or type the address "
                "from the organisation's privacy policy.").format(name=args.name))
        return 1
    lines = [_("Head-office addresses found in the public company register for {name!r}:").format(name=args.name)]
    for number, candidate in enumerate(candidates, start=1):
        lines.append(f"  {number}. {candidate.name} (SIREN {candidate.siren})")
        lines.append("     " + candidate.postal.replace("\n", ", "))
    lines += ["", _("To add one to your directory: sar directory lookup {name!r} --add N [--id ID]").format(name=args.name)]
    print("\n".join(lines))
    return 0


def run_import(args: argparse.Namespace) -> int:
    actors, problems = datarequests.read_records(input_file(args.file))
    for problem in problems:
        print(_("record {number}: {reason}; skipped").format(number=problem.index, reason=problem.reason),
              file=sys.stderr)
    if actors:
        ids = directory.add_user_actors(actors)
        print(_("Imported into your directory: {ids}").format(ids=", ".join(ids)))
    return EXIT_SOME_FAILED if problems else 0
