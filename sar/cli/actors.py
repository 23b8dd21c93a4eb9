"""`sar actors`: who likely holds your health data, from an answers file."""

from __future__ import annotations

import argparse

from sar import inference
from sar.cli.common import input_file, print_json
from sar.directory import actor_name
from sar.directory.registers import provenance
from sar.i18n import N_, _, current_language, format_iso_date
from sar.journey import load_answers

HEADINGS = {
    "certain": N_("Certainly hold your data"),
    "likely": N_("Likely hold your data"),
    "possible": N_("Possibly hold your data"),
}
LAW_NAMES = {
    "gdpr-art15": N_("GDPR art. 15"),
    "csp-l1111-7": N_("Public Health Code art. L.1111-7"),
    "cada": N_("access to administrative documents (CADA)"),
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "actors",
        help=_("list the organisations that likely hold your data, and why"),
        description=_(
            "Read your answers about your care journey (a TOML or JSON answers file) and list the organisations that "
            "likely hold your health data: why, what data, for how long, under which law, and where to write."
        ),
        epilog=_("Example: sar actors --answers my-answers.toml"),
    )
    parser.add_argument("--answers", required=True, metavar="FILE", help=_("your answers file (TOML or JSON)"))
    parser.add_argument("--json", action="store_true", help=_("print one JSON document"))
    parser.set_defaults(func=run)


def contact_lines(contact) -> list[str]:
    """Where to write, or what to look for when sar has no sourced contact."""
    if contact.is_empty:
        return [_("contact unknown: look for 'délégué à la protection des données' in their privacy policy")]
    lines = []
    if contact.postal:
        lines.append(_("post: {address}").format(address=contact.postal.replace("\n", ", ")))
    if contact.email:
        lines.append(_("e-mail: {email}").format(email=contact.email))
    if contact.web_form:
        lines.append(_("web form: {url}").format(url=contact.web_form))
    if contact.register:
        lines.append(_("postal address from: {provenance}").format(provenance=provenance(contact)))
    if contact.source and contact.source != contact.record:
        lines.append(_("source: {source} (verified {date})").format(source=contact.source,
                                                                        date=format_iso_date(contact.verified)))
    return lines


def run(args: argparse.Namespace) -> int:
    journey = load_answers(input_file(args.answers))
    # Reasons and data are shown in the language the person reads sar in, which may differ from their letters'.
    lang = current_language()
    findings = inference.infer(journey)
    if args.json:
        print_json([inference.finding_as_json(finding, lang) for finding in findings])
        return 0
    lines = [_("Who holds the health data of {name}").format(name=journey.person.full_name)]
    for likelihood in inference.LIKELIHOODS:
        group = [f for f in findings if f.likelihood == likelihood]
        if not group:
            continue
        lines += ["", f"== {_(HEADINGS[likelihood])} =="]
        for finding in group:
            lines += ["", f"* {actor_name(finding.actor, lang)}  [{finding.actor.id}]"]
            lines += [_("  why: {reason}").format(reason=reason.get(lang)) for reason in finding.reasons]
            if finding.data:
                lines.append(_("  data: {data}").format(data="; ".join(finding.data.get(lang))))
            if finding.retention:
                lines.append(_("  kept: {retention}").format(retention=finding.retention.get(lang)))
            lines.append(_("  law: {laws}").format(laws=", ".join(_(LAW_NAMES.get(law, law)) for law in finding.laws)))
            lines += ["  " + line for line in contact_lines(finding.actor.contact)]
            if finding.actor.contact.is_empty and finding.actor.notes:  # where to look for the address
                lines.append(_("  note: {notes}").format(notes=finding.actor.notes.get(lang)))
    notes = inference.notes(journey)
    if notes:
        lines += ["", "== " + _("Also worth knowing") + " =="] + [f"- {_(note)}" for note in notes]
    print("\n".join(lines))
    return 0
