"""Organisations the person adds themselves (from the directory, or by a name and an address sar did not know): each
becomes a finding, certain because the person said so, with the letter that fits it.

A place where the person was cared for (hospital, clinic, practice, laboratory, pharmacy) gets the medical-record letter,
under GDPR art. 15 and CSP L.1111-7 (a health professional's or establishment's record); any other organisation, the access
letter of GDPR art. 15 alone.
"""

from __future__ import annotations

from sar.bilingual import Bilingual
from sar.directory import Actor
from sar.i18n import N_, gettext
from sar.inference import Finding

ADDED_BY_YOU = N_("You added it yourself.")
MEDICAL_RECORD_LETTER = "access-medical-record"
MEDICAL_RECORD_LAWS = ("gdpr-art15", "csp-l1111-7")
ACCESS_LAWS = ("gdpr-art15",)


def added_finding(actor: Actor) -> Finding:
    """The finding for an organisation the person added (the directory, when it holds it, says what it keeps)."""
    laws = MEDICAL_RECORD_LAWS if actor.letter == MEDICAL_RECORD_LETTER else ACCESS_LAWS
    return Finding(actor=actor, likelihood="certain", reasons=(Bilingual(gettext(ADDED_BY_YOU, "fr"), ADDED_BY_YOU),),
                   laws=laws, letter=actor.letter)
