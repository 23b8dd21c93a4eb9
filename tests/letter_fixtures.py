"""People, organisations and findings for the letter tests, built directly from the shared dataclasses."""

from __future__ import annotations

from datetime import date

from dataclasses import replace

from sar.bilingual import Bilingual
from sar.directory import Actor, Contact
from sar.inference import Finding
from sar.journey import Journey, Person
from sar.letters import FollowUp

NIR = "295109912611193"


def person(**changes) -> Person:
    values = dict(first_name="Élodie", last_name="D'Aubigné-Œuvray", birth_date=date(1985, 4, 12),
                  address="12 rue des Lilas", postcode="69003", city="Lyon", email="elodie@example.org", nir=NIR)
    values.update(changes)
    return Person(**values)


def journey(lang: str = "fr", **changes) -> Journey:
    return Journey(person=person(**changes), lang=lang)


ACTORS = {
    "access": Actor("cnop-dossier-pharmaceutique", "Ordre national des pharmaciens (Dossier Pharmaceutique)"),
    "access-medical-record": Actor(
        "your-doctor", "Dr Jeanne Dupont", kind="slot",
        contact=Contact(postal="3 place Bellecour, 69002 Lyon"),
    ),
    "access-insurer": Actor(
        "your-cpam", "CPAM du Rhône",
        contact=Contact(postal="CPAM du Rhône\nDélégué à la protection des données\n69907 Lyon Cedex 20",
                        email="dpo.cpam-rhone@example.org"),
    ),
    "access-vendor": Actor(
        "doctolib", "Doctolib SAS",
        contact=Contact(postal="Doctolib – DPO, 54 quai Charles Pasqua, 92300 Levallois-Perret",
                        email="contact.dataprivacy@doctolib.com"),
    ),
}
ACTORS["reminder"] = ACTORS["access-vendor"]
ACTORS["complaint"] = ACTORS["access-vendor"]
ACTORS["incomplete"] = ACTORS["access-vendor"]
ACTORS["cada"] = Actor("your-hospital", "Hospices civils de Lyon", kind="slot",
                       contact=Contact(postal="3 quai des Célestins, 69002 Lyon"))  # a public hospital (sar.requests.cada)
for _right in ("rectification", "erasure", "restriction", "portability", "objection", "objection-marketing",
               "withdrawal"):
    ACTORS[_right] = ACTORS["access-vendor"]  # the other rights (sar.rights), to a platform


def finding(kind: str, actor: Actor | None = None, likelihood: str = "certain") -> Finding:
    actor = actor or ACTORS[kind]
    if not actor.data:
        actor = replace(actor, data=DATA, data_requested=DATA_REQUESTED)
    letter = kind if kind.startswith("access") else "access-vendor"
    return Finding(actor=actor, likelihood=likelihood, reasons=(Bilingual("vous avez un compte", "you have an account"),),
                   laws=("gdpr-art15",), letter=letter)


# What the person reads on screen (to them: "vos", "your") and what the letter names (first person: "mes", "my").
DATA = Bilingual(("vos rendez-vous pris", "votre historique des consultations"),
                 ("your appointments booked", "your history of visits"))
DATA_REQUESTED = Bilingual(("les rendez-vous que j'ai pris", "l'historique de mes consultations"),
                           ("the appointments I booked", "the history of my visits"))


FOLLOW_UP = FollowUp(
    sent_on=date(2026, 9, 1), received_on=date(2026, 9, 4), due=date(2026, 10, 5),
    events=((date(2026, 9, 1), "demande envoyée en recommandé"), (date(2026, 9, 4), "avis de réception signé")),
)
LETTER_DAY = date(2026, 11, 22)
# A partial answer that lacked the recipients and the retention period (sar.replies), as sar.requests.followups gives it.
# A public hospital's refusal, referred to the CADA (sar.requests.cada).
FOLLOW_UP_CADA = replace(FOLLOW_UP, answered_on=date(2026, 9, 20), request_kind="access-medical-record",
                         details={"refusal": "refused", "tacit_refusal_on": "", "cada": True})
FOLLOW_UP_INCOMPLETE = replace(FOLLOW_UP, answered_on=date(2026, 9, 20), answer_incomplete=True,
                               details={"missing_items": ["recipients", "retention"]})
