"""Finding the person's own places online, from the command line: show what will be sent, ask once, look up, report.

Shared by `sar directory lookup --answers FILE` (one person) and `sar bulk … --lookup` (everyone of a CSV, one consent
for the run). The look-up itself, and where its results are kept, is sar.directory.own_places.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from sar.directory import Contact, lookup, own_places, registers
from sar.i18n import _, current_language, ngettext
from sar.journey import Journey


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
