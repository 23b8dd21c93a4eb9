"""`sar directory`: the organisations sar knows, and your own additions."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from sar import directory
from sar.cli.actors import contact_lines
from sar.cli.common import not_built_yet, print_json
from sar.i18n import _, current_language


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
    add = actions.add_parser("add", help=_("add or correct organisations from a TOML or JSON file"))
    add.add_argument("file", metavar="FILE")
    add.set_defaults(func=run_add)
    lookup = actions.add_parser("lookup", help=_("look up an organisation's registered address online"))
    lookup.add_argument("name", metavar="NAME")
    lookup.set_defaults(func=not_built_yet("directory lookup"))


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


def run_search(args: argparse.Namespace) -> int:
    actors = directory.search(args.text)
    if args.json:
        print_json([actor_as_json(a) for a in actors])
        return 0
    if not actors:
        print(_("No organisation matches {text!r}.").format(text=args.text))
        return 1
    print(_summary(actors))
    return 0


def run_show(args: argparse.Namespace) -> int:
    actor = directory.get(args.actor_id)
    if args.json:
        print_json(actor_as_json(actor))
        return 0
    lang = current_language()
    lines = [f"{directory.actor_name(actor, lang)}  [{actor.id}]",
             _("role: {role}").format(role=directory.text_in(actor.role, lang))]
    data = directory.text_in(actor.data, lang)
    if data:
        lines.append(_("data: {data}").format(data="; ".join(data)))
    if actor.retention:
        lines.append(_("kept: {retention}").format(retention=directory.text_in(actor.retention, lang)))
    if actor.notes:
        lines.append(_("notes: {notes}").format(notes=directory.text_in(actor.notes, lang)))
    lines += contact_lines(actor.contact)
    lines.append(_("sources: {sources} (checked {date})").format(sources=", ".join(actor.sources), date=actor.verified))
    if actor.origin == "user":
        lines.append(_("(added or corrected by you)"))
    print("\n".join(lines))
    return 0


def run_add(args: argparse.Namespace) -> int:
    ids = directory.add_user_entries(args.file)
    print(_("Added or corrected in your directory: {ids}").format(ids=", ".join(ids)))
    return 0
