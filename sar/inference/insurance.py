"""The health-insurance part of the rules (seed stages 2 and 3): the public fund (the person's CPAM, the MSA) and its
medical service for a long-term condition (ALD), the mutuelle, and the tiers-payant operator between them. Which fund or
caisse it is, and where to write to it, is `sar.recipients` and `sar.directory.caisses`.
"""

from __future__ import annotations

from sar.i18n import N_
from sar.inference.rules import Rule, all_of, answer, equals
from sar.journey import Journey
from sar.recipients import TIERS_PAYANT_OPERATORS

MUTUELLE_IDS = ("harmonie-mutuelle", "mgen", "malakoff-humanis", "axa", "alan")


def has_mutuelle(journey: Journey) -> bool:
    return journey.answer("mutuelle", "none") not in ("none", "")


def mutuelle_actor(journey: Journey) -> str:
    """The mutuelle's own directory entry when the user chose one, else the slot named with what they wrote."""
    value = journey.answer("mutuelle", "none")
    return value if value in MUTUELLE_IDS else "your-mutuelle"


def operator_named(journey: Journey) -> bool:
    """The person read the operator's name on their mutuelle card and it is one sar has a record for."""
    return journey.answer("tiers_payant_operator") in TIERS_PAYANT_OPERATORS


def operator_actor(journey: Journey) -> str:
    operator = journey.answer("tiers_payant_operator")
    return operator if operator in TIERS_PAYANT_OPERATORS else "tiers-payant-operator"


INSURANCE_RULES: tuple[Rule, ...] = (
    # 2. The public health insurance fund (seed stage 2): procedure codes and costs, not the diagnosis.
    Rule(equals("insurance_fund", "cpam"), "your-cpam", "certain",
         N_("Your fund ({fund}) receives an electronic care sheet for each reimbursed act: procedure codes and costs, "
            "not the diagnosis."),
         letter="access-insurer"),
    Rule(equals("insurance_fund", "msa"), "msa", "certain",
         N_("The MSA is your public health insurance: it receives an electronic care sheet for each reimbursed act "
            "(procedure codes and costs, not the diagnosis)."),
         letter="access-insurer"),
    # ALD: the care protocol, which states the diagnosis, goes to the fund's medical service.
    Rule(all_of(answer("ald"), equals("insurance_fund", "cpam", "other")), "cpam-medical-service", "certain",
         N_("You have a long-term condition (ALD): the care protocol your doctor sent, which names the illness, is "
            "held by the medical service of the Assurance Maladie."),
         letter="access-insurer"),
    Rule(all_of(answer("ald"), equals("insurance_fund", "msa")), "msa", "certain",
         N_("You have a long-term condition (ALD): the MSA's medical advisers hold the care protocol, which names the "
            "illness."),
         letter="access-insurer"),
    # 3. The supplementary insurer (seed stage 3): procedure and amount (Decree 2015-267), more for some guarantees.
    Rule(has_mutuelle, mutuelle_actor, "certain",
         N_("Your mutuelle ({mutuelle}) receives the nature and amount of the care it reimburses (Decree 2015-267), "
            "not the diagnosis."),
         letter="access-insurer"),
    Rule(all_of(has_mutuelle, answer("tiers_payant")), mutuelle_actor, "certain",
         N_("With the tiers payant, your mutuelle receives the details of each act automatically."),
         letter="access-insurer"),
    Rule(all_of(has_mutuelle, lambda j: bool(j.answer("special_guarantees"))), mutuelle_actor, "certain",
         N_("For {guarantees} care, mutuelles often ask for quotes or detailed invoices, which can reveal your "
            "health."),
         letter="access-insurer"),
    Rule(all_of(has_mutuelle, answer("ald")), mutuelle_actor, "possible",
         N_("If you declared your long-term condition (ALD) to your mutuelle, it may hold supporting documents."),
         letter="access-insurer"),
    Rule(all_of(has_mutuelle, answer("tiers_payant"), operator_named), operator_actor, "certain",
         N_("Your mutuelle card names {operator} as tiers-payant operator: it runs direct billing for your mutuelle "
            "and receives the details of each act."),
         letter="access-insurer"),
    Rule(all_of(has_mutuelle, answer("tiers_payant"), lambda j: not operator_named(j)), "tiers-payant-operator",
         "likely",
         N_("With the tiers payant, a company often runs direct billing for your mutuelle (Almerys, Viamedis, "
            "SP Santé…): its name is on your tiers-payant card."),
         letter="access-insurer"),
)
