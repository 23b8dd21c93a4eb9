"""The table of every question of the answers schema, in interview order (docs/design.md, "Answers file"); `question(id)`
finds one, `PARTS` and `part_of` name the parts of the interview for the chat's progress line.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from sar.care_places import DOCTOR
from sar.deadlines import DEFAULT_REGION, REGION_NAMES, REGIONS
from sar.directory import caisses
from sar.i18n import N_, current_language
from sar.names import is_latin
from sar.places import region_decided_by_postcode, region_for_postcode, towns_for_postcode
from sar.questions.care_places import (each_place, hospital_questions, imaging_questions, lab_questions,
                                       pharmacy_questions, practitioner_questions)
from sar.questions.model import SECTIONS, UNKNOWN, Choice, Question, when, yes_no


def _latin_spelling_questions() -> tuple[Question, ...]:
    """The Latin spelling of a first or last name typed in another script, asked only then (sar.names): French
    organisations file people under it, and the letters give it."""
    def other_script(key: str) -> Callable[[Mapping[str, Any]], bool]:
        return lambda answers: not is_latin(str(answers[key] or ""))

    help_text = N_("French organisations file your records under the spelling in Latin letters on your carte Vitale or "
                   "identity document. The letters give it, with your name as you typed it in brackets where they can "
                   "print it.")
    return (
        Question("first_name_latin", "person", "latin_name",
                 N_("How is your first name written in Latin letters (as on your carte Vitale or passport)?"),
                 help_text, required=True, ask_if=other_script("first_name")),
        Question("last_name_latin", "person", "latin_name",
                 N_("How is your last name written in Latin letters (as on your carte Vitale or passport)?"),
                 help_text, required=True, ask_if=other_script("last_name")),
    )


# What the chat says of the letters' language it takes from its own (the person can change it).
LETTERS_LANGUAGE_STATED = {
    "fr": N_("Your letters will be written in French."),
    "en": N_("Your letters will be written in English, the language of this chat. French public bodies (your health "
             "insurance fund, Mon espace santé, the CNIL) work in French: their letters are written in French anyway, "
             "with an English copy for you. Other French organisations read French more readily: to write every "
             "letter in French, click \"English\" below."),
}


def _caisses_of_postcode(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The names of the caisses of the person's régime (CPAM or MSA) that serve their postcode
    (sar.directory.caisses.caisse_for): one to confirm, several to choose from, none to type."""
    regime = answers["insurance_fund"]
    if regime not in caisses.REGIMES or not answers["postcode"]:
        return ()
    return tuple(caisse.name for caisse in caisses.caisse_for(answers["postcode"], regime))


QUESTIONS: tuple[Question, ...] = (
    # -- settings --------------------------------------------------------------------------------------------------------
    Question(
        "lang", "settings", "choice",
        N_("In which language should your letters be written?"),
        N_("Letters to French organisations are usually written in French. Choose English only for an organisation "
           "that works in English."),
        (Choice("fr", N_("French")), Choice("en", N_("English"))),
        default="fr",
        # The person chose the chat's language a moment ago: their letters are in it unless they say otherwise.
        suggest=lambda answers: (current_language(),),
        state=lambda lang: LETTERS_LANGUAGE_STATED.get(lang, ""),
    ),
    # -- person ----------------------------------------------------------------------------------------------------------
    Question("first_name", "person", "text", N_("What is your first name?"),
             N_("As on your health insurance card (carte Vitale), so the organisation can find your records."),
             required=True),
    Question("last_name", "person", "text", N_("What is your last name?"),
             N_("Your birth name if your records may be under it; you can write both, e.g. \"Martin née Durand\"."),
             required=True),
    *_latin_spelling_questions(),
    Question("birth_date", "person", "date", N_("What is your date of birth?"),
             N_("Day first, as on French forms: 12/04/1985, 12.04.1985, 12 April 1985 or 1985-04-12. Organisations use it "
                "to tell you apart from namesakes."),
             required=True),
    Question("address", "person", "text", N_("What is your postal address (number and street)?"),
             N_("Where the answer should be sent. Only the street part here; the postcode and town come next."),
             required=True),
    Question("postcode", "person", "postcode", N_("What is your postcode?"),
             N_("Five digits, e.g. 69003. In Corsica postcodes start with 20, overseas with 971 to 976."),
             required=True),
    Question("city", "person", "text", N_("In which town or city do you live?"), required=True,
             suggest=lambda answers: towns_for_postcode(answers["postcode"]) if answers["postcode"] else (),
             state=N_("Your town: {answer} (the only one with the postcode {postcode}).")),
    Question("email", "person", "email", N_("What e-mail address can organisations answer to? (optional)"),
             N_("Leave it empty if you prefer answers by post. sar never sends anything itself.")),
    Question("nir", "person", "nir", N_("What is your social security number? (optional)"),
             N_("The 15-digit number on your carte Vitale (numéro de sécurité sociale, or NIR). It helps your health "
                "insurance fund find your file; sar only prints it in letters to the fund. Leave it empty if you "
                "prefer.")),
    Question(
        "region", "person", "choice",
        N_("Where do you live?"),
        N_("Public holidays differ in Alsace-Moselle and overseas; sar uses them to compute the organisations' "
           "deadlines."),
        tuple(Choice(code, REGION_NAMES[code]) for code in REGIONS),
        default=DEFAULT_REGION,
        suggest=lambda answers: (region_for_postcode(answers["postcode"]),) if answers["postcode"] else (),
        state=N_("Public holidays: {answer} (from {postcode}). sar counts the organisations' deadlines with them."),
        settled=lambda answers: region_decided_by_postcode(answers["postcode"]),
        confirm=N_("Public holidays: {answer} (from {postcode}). sar counts the organisations' deadlines with them. "
                   "Is that right?"),
    ),
    # -- journey: the places, several of each (sar.care_places) -----------------------------------------------------------
    *each_place(practitioner_questions),
    Question(
        "booking", "journey", "choices", N_("Did you book appointments online? With which websites?"),
        N_("Booking websites keep your account, your appointments and the doctors you saw."),
        (Choice("doctolib", N_("Doctolib")), Choice("maiia", N_("Maiia")), Choice("keldoc", N_("Keldoc")),
         Choice("other", N_("Another one"))),
        default=(),
    ),
    Question(
        "teleconsultation", "journey", "choices", N_("Did you have a video consultation? On which service?"),
        N_("Teleconsultation services keep your account, the consultation and sometimes its report."),
        (Choice("qare", N_("Qare")), Choice("livi", N_("Livi")), Choice("doctolib", N_("Doctolib")),
         Choice("other", N_("Another one"))),
        default=(),
    ),
    *each_place(lab_questions),
    *each_place(pharmacy_questions),
    Question(
        "dossier_pharmaceutique", "journey", "choice", N_("Do you have a Dossier Pharmaceutique?"),
        N_("The Dossier Pharmaceutique (DP) lists the medicines dispensed to you in the last months, so that any "
           "pharmacist in France can check for dangerous combinations. The pharmacist opens it with your carte Vitale "
           "if you agree. It is run by the pharmacists' professional order."),
        (Choice("yes", N_("Yes")), Choice("no", N_("No")), UNKNOWN),
        ask_if=when("pharmacy"), default="unknown",
    ),
    *each_place(hospital_questions),
    *each_place(imaging_questions),
    # -- journey: insurance ------------------------------------------------------------------------------------------------
    Question(
        "ald", "journey", "yes_no", N_("Do you have a long-term condition (ALD) recognised by your health insurance?"),
        N_("An ALD (affection de longue durée) is a long illness whose care is fully reimbursed, such as diabetes or "
           "cancer. Your doctor sent a care protocol that names the illness to your fund's medical service."),
        yes_no(), default=False,
    ),
    Question(
        "insurance_fund", "journey", "choice", N_("Which public health insurance are you with?"),
        N_("Most people are with a CPAM (Assurance Maladie); farmers and farm workers with the MSA."),
        (Choice("cpam", N_("CPAM (Assurance Maladie)")), Choice("msa", N_("MSA (agricultural regime)")),
         Choice("other", N_("Another one"))),
        default="cpam",
    ),
    Question("insurance_fund_name", "journey", "text", N_("What is the name of your own fund? (optional)"),
             N_("For example \"CPAM du Rhône\" or \"MSA Dordogne Lot-et-Garonne\". It is on your online account and on "
                "the letters your fund sends you. Each fund has its own data-protection officer."),
             suggest=lambda answers: _caisses_of_postcode(answers),
             confirm=N_("From your postcode, your fund is the {answer}. Is that right?")),
    Question(
        "mutuelle", "journey", "choice_or_text", N_("Do you have a supplementary health insurance (mutuelle)? Which one?"),
        N_("The mutuelle or insurer that pays what the public insurance does not. Write its name if it is not listed."),
        (Choice("harmonie-mutuelle", N_("Harmonie Mutuelle")), Choice("mgen", N_("MGEN")),
         Choice("malakoff-humanis", N_("Malakoff Humanis")), Choice("axa", N_("AXA")), Choice("alan", N_("Alan")),
         Choice("none", N_("None"))),
        default="none",
    ),
    Question(
        "tiers_payant", "journey", "yes_no",
        N_("Do your health insurance and your mutuelle usually pay the pharmacy or the doctor directly, so that you "
           "pay nothing upfront?"),
        N_("That is the \"tiers payant\": the professional is paid directly by your insurance and your mutuelle. The "
           "mutuelle then receives the details of each act, often through an operator such as Almerys or Viamedis."),
        yes_no(), ask_if=when("mutuelle", is_not="none"), default=False,
    ),
    Question(
        "tiers_payant_operator", "journey", "choice_or_text",
        N_("Which tiers-payant operator is printed on your mutuelle card?"),
        N_("The company that runs the tiers payant for your mutuelle is named on your mutuelle card (often at the "
           "back, near the codes for pharmacies). Write its name if it is not listed."),
        (Choice("almerys", N_("Almerys")), Choice("viamedis", N_("Viamedis")), Choice("sp-sante", N_("SP Santé")),
         UNKNOWN),
        ask_if=when("tiers_payant"), default="unknown",
    ),
    Question(
        "special_guarantees", "journey", "choices",
        N_("Did your mutuelle reimburse dental, optical or hospital care?"),
        N_("For these, mutuelles often ask for quotes or detailed invoices, which can reveal more about your health."),
        (Choice("dental", N_("Dental")), Choice("optical", N_("Optical")), Choice("hospital", N_("Hospital"))),
        ask_if=when("mutuelle", is_not="none"), default=(),
    ),
    Question(
        "mon_espace_sante", "journey", "choice", N_("Is your Mon Espace Santé still open?"),
        N_("Mon Espace Santé is the online health record of the Assurance Maladie. It was created for everyone unless "
           "they refused; labs and doctors add results and reports to it automatically."),
        (Choice("active", N_("It exists (I use it or never closed it)")), Choice("closed", N_("I closed it")),
         UNKNOWN),
        default="unknown",
    ),
    Question(
        "devices", "journey", "choices", N_("Do you use health apps or connected devices?"),
        N_("Watches, scales, glucose sensors and health apps send your measurements to their maker."),
        (Choice("apple-health", N_("Apple Health")), Choice("google-fit", N_("Google Fit")),
         Choice("fitbit", N_("Fitbit")), Choice("withings", N_("Withings")), Choice("garmin", N_("Garmin")),
         Choice("samsung-health", N_("Samsung Health")), Choice("freestyle-libre", N_("FreeStyle Libre")),
         Choice("dexcom", N_("Dexcom")), Choice("other", N_("Another one"))),
        default=(),
    ),
)

_BY_ID = {q.id: q for q in QUESTIONS}

SECTION_KEYS: dict[str, tuple[str, ...]] = {s: tuple(q.id for q in QUESTIONS if q.section == s) for s in SECTIONS}


def question(question_id: str) -> Question:
    """The question with this id (KeyError if there is none: a programming error, not a user's)."""
    return _BY_ID[question_id]


# The parts of the interview as the chat's progress line names them, each from its first question on: a count the person
# can trust, where a count of questions grows with every "another one?" (issue 24.3).
_PARTS: tuple[tuple[str, str], ...] = (
    (N_("About you"), "lang"),
    (N_("Where you were cared for"), DOCTOR.key),
    (N_("Your health insurance"), "ald"),
    (N_("Your health online"), "mon_espace_sante"),
)
PARTS: tuple[str, ...] = tuple(name for name, _first in _PARTS)
_POSITION = {q.id: position for position, q in enumerate(QUESTIONS)}
_PART_STARTS = tuple(_POSITION[first] for _name, first in _PARTS)


def part_of(q: Question) -> int:
    """The number (from 1) of the part of the interview `q` belongs to."""
    return sum(1 for start in _PART_STARTS if _POSITION[q.id] >= start)
