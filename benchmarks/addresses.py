"""How many letters sar can address: before and after the State's registers, over six journeys.

    python benchmarks/addresses.py [--json] [--throttled]

Six people: five with the care journey of examples/answers.toml (doctor, Doctolib, pharmacy, Mon Espace Santé) in Lyon
69003, Rennes 35000 (MSA), Paris 75011, Metz 57000 and Marseille 13001, each with a different lab group and mutuelle and
the tiers payant; and the retired farmer of issue 22, in Auch 32000 (MSA, an ALD, a GP, a public hospital, a pharmacy
and a lab known only by name, Doctolib, a mutuelle given by name, a glucose sensor). For every finding, the letter sar
would write is rendered (French, by post).

Two measures, each without and then with the registers: the letters whose recipient block has a postal address (not a
blank to fill), and the national and regional letters whose postal address is sourced (a page sar cites, or a register's
record with its date). National and regional letters are every letter but those to the person's own places
(practitioners, pharmacies, laboratories, hospitals, imaging centres) and those to an organisation the person has not
named: a letter whose addressee is still a description (the "Tiers-payant operator" of someone who answered "I don't
know"; "Your CPAM" where several caisses share the département and the person has not said which) has its name as its
first blank, and no register can give the address of an organisation nobody has named. Those letters are counted apart
("letters to an organisation not named"), never dropped: naming it is the person's step, and sar's notes say where the
name is (the tiers-payant card, the caisse's letters). "With the registers" means after `sar directory update` and each person's look-up of their own
places, both answered by the recorded answers of tests/fixtures/registers (never the network): the figures measure
what sar does with what the registers answer, and the recorded answers hold only what could be read in published
sources (their README says which); the live registers know more organisations.

It also measures the update itself: requests, bytes and seconds against the recorded answers (the throttle's waits are
skipped, so the seconds are sar's own work; with --throttled they are kept, as against the live registers).

Measured on 2026-12-03 (branches `registers`, then `research`: the letters to an organisation not named counted apart):
see docs/registers.md.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sar import interview  # noqa: E402
from sar.inference import infer  # noqa: E402
from sar.journey import journey_from_document  # noqa: E402
from sar.letters import render_letter  # noqa: E402

PEOPLE = (
    # (first name, postcode, city, public fund, lab group, mutuelle, tiers-payant operator)
    ("Camille", "69003", "Lyon", "cpam", "cerballiance", "harmonie-mutuelle", "almerys"),
    ("Yann", "35000", "Rennes", "msa", "biogroup", "mgen", "viamedis"),
    ("Inès", "75011", "Paris", "cpam", "synlab", "alan", "almerys"),
    ("Lukas", "57000", "Metz", "cpam", "eurofins", "axa", "sp-sante"),
    ("Nadia", "13001", "Marseille", "cpam", "inovie", "malakoff-humanis", "unknown"),
)
OWN_PLACES = ("your-doctor", "your-pharmacy", "your-lab-site", "your-hospital", "your-imaging-centre")


def answers(first_name: str, postcode: str, city: str, fund: str, lab: str, mutuelle: str, operator: str) -> dict:
    journey = {
        "doctor": True, "doctor_name": "Dr Jeanne Dupont", "doctor_address": f"3 place de la Mairie, {postcode} {city}",
        "doctor_software": "unknown", "booking": ["doctolib"], "lab": lab, "lab_results_online": True,
        "pharmacy": True, "dossier_pharmaceutique": "unknown", "hospital": "none", "insurance_fund": fund,
        "insurance_fund_name": "", "mutuelle": mutuelle, "tiers_payant": True, "mon_espace_sante": "active",
    }
    known = {q.id for q in interview.QUESTIONS}
    if "tiers_payant_operator" in known:  # the question exists only from the `addresses` branch on
        journey["tiers_payant_operator"] = operator
    return {
        "lang": "fr",
        "person": {"first_name": first_name, "last_name": "Martin", "birth_date": "1985-04-12",
                   "address": "12 rue des Lilas", "postcode": postcode, "city": city},
        "journey": journey,
    }


def farmer() -> dict:
    """Issue 22's retired farmer in Auch: his pharmacy, lab and hospital known by name only (invented names: see
    tests/fixtures/registers/README.md)."""
    return {
        "lang": "fr",
        "person": {"first_name": "Bernard", "last_name": "Castéra", "birth_date": "1952-03-08",
                   "address": "12 rue des Lilas", "postcode": "32000", "city": "Auch"},
        "journey": {
            "doctor": True, "doctor_name": "Dr Jeanne Dupont", "doctor_address": "3 place de la Mairie, 32000 Auch",
            "doctor_software": "unknown", "booking": ["doctolib"], "lab": "other", "lab_name": "Laboratoire des Lilas",
            "lab_results_online": False, "pharmacy": True, "pharmacy_name": "Pharmacie des Lilas",
            "dossier_pharmaceutique": "unknown", "hospital": "public", "hospital_name": "Centre hospitalier des Lilas",
            "ald": True, "insurance_fund": "msa", "insurance_fund_name": "", "mutuelle": "Mutuelle des Lilas",
            "tiers_payant": False, "mon_espace_sante": "active", "devices": ["freestyle-libre"],
        },
    }


def journeys() -> list:
    return [journey_from_document(answers(*person)) for person in PEOPLE] + [journey_from_document(farmer())]


def measure() -> dict:
    rows, totals = [], {"letters": 0, "with_postal": 0, "national": 0, "national_sourced": 0, "unnamed": 0}
    for journey in journeys():
        for finding in infer(journey):
            letter = render_letter(finding.letter, journey, finding, lang="fr", on=date(2026, 12, 3))
            has_postal = not letter.recipient_missing
            own_place = finding.actor.id.startswith(OWN_PLACES)
            unnamed = not own_place and getattr(finding.actor, "unnamed", False)  # its addressee is still a description
            national = not own_place and not unnamed
            sourced = finding.actor.contact.postal_sourced if hasattr(finding.actor.contact, "postal_sourced") else \
                bool(finding.actor.contact.postal and finding.actor.contact.source)
            totals["letters"] += 1
            totals["with_postal"] += has_postal
            totals["national"] += national
            totals["national_sourced"] += national and sourced
            totals["unnamed"] += unnamed
            rows.append({"person": f"{journey.person.first_name} ({journey.person.postcode})",
                         "actor": finding.actor.id, "recipient": letter.recipient[0], "postal": has_postal,
                         "national": national, "unnamed": unnamed, "sourced": sourced,
                         "register": getattr(finding.actor.contact, "register", "")})
    return {**totals, "rows": rows}


def with_registers() -> dict:
    """Run the update and each person's look-up against the recorded answers, then measure again."""
    from sar.directory import annuaire, lookup, own_places
    from sar.directory.update import run_update
    from tests.fixtures.registers.server import Registers

    if "--throttled" not in sys.argv:
        annuaire.throttle.interval = lookup._throttle.interval = 0.0  # the recorded answers need no throttle
    server = Registers()
    report = run_update(client=server.client(), today=date(2026, 12, 3))
    update_requests = len(server.requests)
    for journey in journeys():
        places = own_places.places_to_find(journey)
        own_places.save(journey, own_places.look_up(places, client=server.client(), sleep=lambda seconds: None,
                                                    today=date(2026, 12, 3)))
    return {"update": {"requests": update_requests, "bytes": report.bytes_received,
                       "seconds": round(report.seconds, 3), "records_read": report.records_read,
                       "caisses": f"{report.caisses_found}/{report.caisses_total}",
                       "organisations": f"{report.organisations_found}/{report.organisations_asked}"},
            "place_lookup_requests": len(server.requests) - update_requests, **measure()}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SAR_DATA_DIR"] = folder
        before = measure()
        try:
            after = with_registers()
        except ImportError:  # a commit from before the registers
            after = None
    if "--json" in sys.argv:
        print(json.dumps({"before": before, "after": after}, ensure_ascii=False, indent=2))
        return
    shown = after or before
    for row, earlier in zip(shown["rows"], before["rows"]):
        marks = ("post" if earlier["postal"] else "----") + " → " + ("post" if row["postal"] else "----")
        print(f"{marks}  {row['person']:<16} {row['actor']:<28} {row['register'] or '':<12} {row['recipient']}")
    for name, result in (("without the registers", before), ("with the registers", after)):
        if result is None:
            continue
        print(f"\n{name}:")
        print(f"  letters with a postal address:                 {result['with_postal']}/{result['letters']} "
              f"({100 * result['with_postal'] / result['letters']:.0f} %)")
        print(f"  national and regional letters, sourced address: {result['national_sourced']}/{result['national']} "
              f"({100 * result['national_sourced'] / result['national']:.0f} %)")
        print(f"  letters to an organisation not named:          {result['unnamed']} (its name is the first blank)")
    if after:
        update = after["update"]
        print(f"\nupdate: {update['requests']} requests, {update['bytes']} bytes, {update['seconds']} s; "
              f"{update['records_read']} records read; caisses {update['caisses']}, organisations "
              f"{update['organisations']}; the people's own places: {after['place_lookup_requests']} requests")


if __name__ == "__main__":
    main()
