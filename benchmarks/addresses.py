"""How many letters sar can address: the share with a sourced postal address, and with an e-mail, over five journeys.

    python benchmarks/addresses.py [--json]

Five people (Lyon 69003, Rennes 35000 under the MSA, Paris 75011, Metz 57000, Marseille 13001) with the care journey of
examples/answers.toml (doctor, Doctolib, pharmacy, Mon Espace Santé), each with a different lab group and a different
mutuelle with the tiers payant. For every finding, the letter sar would write is rendered (French, by post): it "has a postal address" when
its recipient block is not a blank to fill by hand, and "has an e-mail" when the finding's contact gives one. The person's
own doctor's address (typed by the person) counts like any other; nothing is sent anywhere.

It also runs on older commits (it only uses the answers keys those commits know), to measure before and after a change.
Measured on 2026-12-01: before the caisses table and the national contacts (06ed030), 10/55 letters with a postal address
(18 %) and 5/55 with an e-mail (9 %); after (branch `addresses`), 13/55 (24 %) and 6/55 (11 %). The caisses of these five
places publish no DPO contact that sar could read (only the CPAM de Maine-et-Loire's was found), so their letters name the
caisse and leave the address blank.
"""

from __future__ import annotations

import json
import sys
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


def measure() -> dict:
    rows, total, postal, email = [], 0, 0, 0
    for person in PEOPLE:
        journey = journey_from_document(answers(*person))
        for finding in infer(journey):
            letter = render_letter(finding.letter, journey, finding, lang="fr", on=date(2026, 12, 1))
            has_postal = not letter.recipient_missing
            has_email = bool(finding.actor.contact.email)
            total += 1
            postal += has_postal
            email += has_email
            rows.append({"person": f"{person[0]} ({person[1]})", "actor": finding.actor.id,
                         "recipient": letter.recipient[0], "postal": has_postal, "email": has_email})
    return {"letters": total, "with_postal": postal, "with_email": email, "rows": rows}


def main() -> None:
    result = measure()
    if "--json" in sys.argv:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for row in result["rows"]:
        marks = ("post" if row["postal"] else "----") + " " + ("mail" if row["email"] else "----")
        print(f"{marks}  {row['person']:<18} {row['actor']:<28} {row['recipient']}")
    total = result["letters"]
    print(f"\nletters with a postal address: {result['with_postal']}/{total} "
          f"({100 * result['with_postal'] / total:.0f} %)")
    print(f"letters with an e-mail:        {result['with_email']}/{total} ({100 * result['with_email'] / total:.0f} %)")


if __name__ == "__main__":
    main()
