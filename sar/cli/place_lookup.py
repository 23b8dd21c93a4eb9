"""Finding the person's own places online, from the command line: show what will be sent, ask once, look up, report
(`sar directory lookup --answers FILE`, and `sar bulk … --lookup`).

Shared by `sar directory lookup --answers FILE` (one person) and `sar bulk … --lookup` (everyone of a CSV, one consent
for the run). The look-up itself, and where its results are kept, is sar.directory.own_places.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sar.cli.common import EXIT_OK, EXIT_SOME_FAILED, input_file, print_json
from sar.directory import Contact, lookup, own_places, registers
from sar.errors import InputError
from sar.i18n import _, current_language, ngettext
from sar.journey import Journey, load_answers


def plan_text(people: Sequence[tuple[Journey, list[own_places.PlaceToFind]]], *, named: bool) -> list[str]:
    """The consent text: what is sent, to whom, and nothing else; each person's places under their name when `named`
    (a bulk run), which is shown here and never sent."""
    count = sum(len(places) for _journey, places in people)
    lines = [ngettext(
        "This sends to the public company register (Recherche d'entreprises, {host}) the name below, with the postcode "
        "shown; nothing else about you or anyone:",
        "This sends to the public company register (Recherche d'entreprises, {host}) the {count} names below, each "
        "with the postcode shown; nothing else about you or anyone:", count).format(
            count=count, host=lookup.api_base().split("//")[-1])]
    for journey, places in people:
        if named and places:
            lines.append(f"  {journey.person.full_name}:")
        lines += [("    " if named else "  ") + line for line in own_places.plan(places, current_language())]
    return lines


def agreed(yes: bool) -> bool:
    """--yes, or the person's "y" at the prompt; never a silent yes when nobody can answer (a script without --yes)."""
    if yes:
        return True
    if not sys.stdin.isatty():
        print(_("Nothing was sent: add --yes to send them."), file=sys.stderr)
        return False
    try:
        answer = input(_("Send them? [y/N] "))
    except EOFError:
        answer = ""
    if answer.strip().casefold() in (_("y"), _("yes"), "y", "yes"):
        return True
    print(_("Nothing was sent."), file=sys.stderr)
    return False


def outcome_lines(outcome: own_places.FoundPlace, answers: str = "") -> list[str]:
    """One found place, for the person: its address and where it comes from, its candidates and how to choose one, or
    "not found"."""
    if outcome.status == own_places.FOUND and outcome.address is not None:
        address = outcome.address
        source = registers.provenance(address.applied_to(Contact()))
        return [_("✓ {name}: {address} ({source})").format(name=outcome.name, address=address.postal.replace("\n", ", "),
                                                          source=source)]
    if outcome.status == own_places.SEVERAL:
        lines = [_("? {name}: {count} organisations bear this name; none was chosen for you:").format(
            name=outcome.name, count=len(outcome.candidates))]
        for number, candidate in enumerate(outcome.candidates, start=1):
            lines.append(f"    {number}. {candidate.name}, {candidate.postal.replace(chr(10), ', ')}")
        lines.append("    " + _("to choose one: sar directory lookup --answers {file} --add N --id {id}").format(
            file=answers or "FILE", id=outcome.actor_id))
        return lines
    return [_("✗ {name}: not found in the company register; give its address in your answers, or look for it with "
              "sar directory lookup \"NAME\" --postcode CP").format(name=outcome.name)]


def look_up_and_keep(journey: Journey, places: list[own_places.PlaceToFind]) -> list[own_places.FoundPlace]:
    """Look each place up, keeping each answer in the person's file as it arrives: a register that fails half-way
    loses nothing already found."""
    return own_places.look_up(places, on_each=lambda outcome: own_places.save(journey, [outcome]))


def run_lookup_answers(args: argparse.Namespace) -> int:
    """`sar directory lookup --answers FILE`: the person's places without an address, in one step (or, with --add N
    --id ID, the person's choice among the candidates kept from an earlier run)."""
    journey = load_answers(input_file(args.answers))
    if args.add is not None or args.actor_id:
        return _choose_candidate(journey, args)
    places = own_places.places_to_find(journey)
    if not places:
        message = _("Every place of your answers that has a name has an address: nothing to look up.")
        if args.json:
            print_json({"places": [], "sent": False, "outcomes": []})
        else:
            print(message)
        return EXIT_OK
    plan = plan_text([(journey, places)], named=False)
    if not args.json:
        print("\n".join(plan))
    if not (args.yes if args.json else agreed(args.yes)):
        if args.json:
            print_json({"places": _as_json(places), "sent": False, "outcomes": []})
            print(_("Nothing was sent: add --yes to send them."), file=sys.stderr)
        return EXIT_SOME_FAILED
    outcomes = look_up_and_keep(journey, places)
    if args.json:
        print_json({"places": _as_json(places), "sent": True, "outcomes": [o.as_data() for o in outcomes]})
        return EXIT_OK
    lines = [""]
    for outcome in outcomes:
        lines += outcome_lines(outcome, args.answers)
    found = sum(1 for o in outcomes if o.status == own_places.FOUND)
    lines += ["", ngettext("{found} of {count} address found; your letters use it (sar letters --answers {file}).",
                           "{found} of {count} addresses found; your letters use them (sar letters --answers {file}).",
                           len(outcomes)).format(found=found, count=len(outcomes), file=args.answers)]
    print("\n".join(lines))
    return EXIT_OK


def _as_json(places: list[own_places.PlaceToFind]) -> list[dict]:
    return [vars(place) | {"filters": dict(place.filters)} for place in places]


def _choose_candidate(journey, args: argparse.Namespace) -> int:
    if args.add is None or not args.actor_id:
        raise InputError(_("to choose a candidate, give both --add N and --id ID (the place, e.g. your-hospital)"))
    kept = own_places.load(journey).get(args.actor_id)
    if kept is None or not kept.candidates:
        raise InputError(_("no candidates are kept for {id}: run sar directory lookup --answers {file} first").format(
            id=args.actor_id, file=args.answers))
    if not 1 <= args.add <= len(kept.candidates):
        raise InputError(_("there is no candidate {number}: {count} were found for {name}").format(
            number=args.add, count=len(kept.candidates), name=kept.name))
    choice = own_places.chosen(kept, args.add)
    own_places.save(journey, [choice])
    print(_("{name}: {address} ({source}), kept for your letters.").format(
        name=kept.name, address=choice.address.postal.replace("\n", ", "),
        source=registers.provenance(choice.address.applied_to(Contact()))))
    return EXIT_OK
