"""From a care journey to the organisations that likely hold the person's data, each with its reasons.

The rules are a table (`RULES`) a lawyer can review line by line: when the journey shows X, actor Y holds data, this
likely, for this reason, under these laws. Facts come from docs/actors.md and docs/legal.md (the seed investigation
"What happens to your data after your appointment?", CSP L.1111-7 and R.1112-7, GDPR art. 15). Every text a finding
holds is the person's to read, in their language: no id, no word of sar's making (tests/test_person_words.py).

Law ids: "gdpr-art15" (GDPR art. 15, every controller); "csp-l1111-7" (Code de la santé publique L.1111-7: health
information held by a health professional or establishment); "cada" (Code des relations entre le public et
l'administration, L.311-1 and following: a public hospital's administrative documents, as the CADA reads them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal

from sar import directory
from sar.bilingual import LANGUAGES, Bilingual
from sar.care_places import DOCTOR, HOSPITAL, IMAGING, LAB, PHARMACY, Place, PlaceKind
from sar.directory import Actor
from sar.i18n import N_, gettext
from sar.journey import Journey
from sar.questions import question
from sar.recipients import TIERS_PAYANT_OPERATORS, fund_name, place_actor, recipient

Likelihood = Literal["certain", "likely", "possible"]
LIKELIHOODS: tuple[Likelihood, ...] = ("certain", "likely", "possible")
LAWS = ("gdpr-art15", "csp-l1111-7", "cada")


@dataclass(frozen=True)
class Finding:
    """One organisation that likely holds the person's data, and everything the person and the letter need to know.

    Its texts are bilingual (sar.bilingual): the shell shows them in the UI language, a letter quotes them in its own.
    `laws` are ids such as "gdpr-art15", "csp-l1111-7". `letter` is the letter kind that fits (access,
    access-medical-record, access-insurer, access-vendor).
    """

    actor: Actor
    likelihood: Likelihood
    reasons: tuple[Bilingual[str], ...]
    laws: tuple[str, ...]
    letter: str

    @property
    def data(self) -> Bilingual[tuple[str, ...]]:
        return self.actor.data

    @property
    def retention(self) -> Bilingual[str]:
        return self.actor.retention


@dataclass(frozen=True)
class Rule:
    """When `when(journey)` holds, `actor` (an id, or a function of the journey giving one) holds data, for `reason`.

    `reason` is an English msgid with {placeholders} filled from the journey's answers and `PLACEHOLDERS`.
    `letter` overrides the actor's default letter kind.
    """

    when: Callable[[Journey], bool]
    actor: str | Callable[[Journey], str]
    likelihood: str
    reason: str
    laws: tuple[str, ...] = ("gdpr-art15",)
    letter: str | None = None


@dataclass(frozen=True)
class PlaceRule:
    """For each place of `kind` (sar.care_places) where `when(place, journey)` holds, `actor(place)` holds data; with no
    `actor`, the place itself does (its own id: `your-doctor`, `your-doctor-2`...).

    Places that lead to the same organisation give it one finding with one reason naming them all ({places}): two
    practices on the same software make one vendor finding. `reason` is a msgid, or (singular, plural) when the
    sentence depends on whether it names one place or several.

    What is one controller and what is several: each practitioner, pharmacy, laboratory, hospital and imaging centre
    keeps its own record of what it did for the person, and answers for it (GDPR art. 4(7); CSP L.1111-7 for the
    health information held by a health professional or establishment), so each gets its own finding and letter. Two
    laboratories of one group still get a letter each: the laboratory that took the sample keeps the results, and the
    person cannot tell from outside whether two sites answer as one laboratory; a letter too many costs a laboratory one
    answer, a letter missing costs the person their results. The group itself is one finding (it may run the results
    system for all its sites), and so is a results website (mesanalyses.fr): one organisation, one request.
    """

    kind: PlaceKind
    when: Callable[[Place, Journey], bool]
    actor: Callable[[Place], str] | None
    likelihood: str
    reason: str | tuple[str, str]
    laws: tuple[str, ...] = ("gdpr-art15",)
    letter: str | None = None


def always(place: Place, journey: Journey) -> bool:
    return True


def imaging_without_centre(journey: Journey) -> bool:
    """Imaging the person did not place in a named centre: it may have been done at the hospital."""
    return any(not (place.name or place.address) for place in journey.places(IMAGING))


# -- small readable predicates -------------------------------------------------------------------------------------------

def answer(key: str) -> Callable[[Journey], Any]:
    return lambda journey: journey.answer(key)


def equals(key: str, *values: Any) -> Callable[[Journey], bool]:
    return lambda journey: journey.answer(key) in values


def contains(key: str, value: Any) -> Callable[[Journey], bool]:
    return lambda journey: value in (journey.answer(key) or ())


def all_of(*predicates: Callable[[Journey], bool]) -> Callable[[Journey], bool]:
    return lambda journey: all(p(journey) for p in predicates)


def has_mutuelle(journey: Journey) -> bool:
    return journey.answer("mutuelle", "none") not in ("none", "")


LAB_GROUPS = {"cerballiance": "cerballiance", "biogroup": "biogroup", "eurofins": "eurofins-biologie",
              "synlab": "synlab", "inovie": "inovie"}
PRACTICE_SOFTWARE = {"weda": "weda", "doctolib": "doctolib", "axisante": "axisante", "hellodoc": "hellodoc",
                     "maiia": "maiia"}
DEVICES = {"apple-health": "apple", "google-fit": "google", "fitbit": "google", "withings": "withings",
           "garmin": "garmin", "samsung-health": "samsung", "freestyle-libre": "abbott-libreview", "dexcom": "dexcom"}
MUTUELLE_IDS = ("harmonie-mutuelle", "mgen", "malakoff-humanis", "axa", "alan")


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


def _device_rules() -> tuple[Rule, ...]:
    rules = []
    for device, actor_id in DEVICES.items():
        reason = (N_("You use Fitbit, which is now part of Google: your Fitbit data are held by Google.")
                  if device == "fitbit" else
                  N_("You use {device}: your measurements are sent to its maker's servers."))
        rules.append(Rule(contains("devices", device), actor_id, "likely" if device == "fitbit" else "certain", reason,
                          letter="access-vendor"))
    return tuple(rules)


MEDICAL_RECORD = ("gdpr-art15", "csp-l1111-7")

RULES: tuple[Rule | PlaceRule, ...] = (
    # 1. The doctor's practice (seed stage 1): the doctor is the controller; the software vendor a processor.
    # Each practitioner is their own controller: one finding each. One vendor serves all the practices that use it.
    PlaceRule(DOCTOR, always, None, "certain",
              N_("You saw {places}: the practice keeps your medical record for 20 years after your last visit, as "
                 "doctors do by analogy with CSP R.1112-7 (which sets it for hospitals and clinics)."),
              MEDICAL_RECORD, "access-medical-record"),
    PlaceRule(DOCTOR, lambda place, journey: place.get("software") in PRACTICE_SOFTWARE,
              lambda place: PRACTICE_SOFTWARE[place.get("software")], "likely",
              (N_("The practice of {places} uses {software} software: the vendor stores your record on the "
                  "practitioner's behalf (a processor). Ask it about hosting and transfers; the record itself is asked "
                  "of the practitioner."),
               N_("The practices of {places} use {software} software: the vendor stores your records on their behalf "
                  "(a processor). Ask it about hosting and transfers; the records themselves are asked of each "
                  "practitioner.")),
              letter="access-vendor"),
    # Booking and teleconsultation platforms: controllers of the patient account.
    *(Rule(contains("booking", platform), platform, "certain",
           N_("You booked appointments on {platform}: it keeps your account, your appointments and the practitioners "
              "you saw."),
           letter="access-vendor") for platform in ("doctolib", "maiia", "keldoc")),
    *(Rule(contains("teleconsultation", platform), platform, "certain",
           N_("You had a video consultation on {platform}: it keeps your account and the consultation, and may host "
              "the practitioner's report."),
           letter="access-vendor") for platform in ("qare", "livi", "doctolib")),
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
    # 4. The pharmacy and the Dossier Pharmaceutique (seed stage 4).
    PlaceRule(PHARMACY, always, None, "certain",
              N_("You collected medicines at a pharmacy ({places}): its software records what it dispensed to you."),
              MEDICAL_RECORD),
    Rule(all_of(answer("pharmacy"), equals("dossier_pharmaceutique", "yes")), "cnop-dossier-pharmaceutique",
         "certain",
         N_("You have a Dossier Pharmaceutique: the Ordre des pharmaciens keeps the medicines dispensed to you "
            "(4 months; 21 years for vaccines, 3 years for biological medicines).")),
    Rule(all_of(answer("pharmacy"), equals("dossier_pharmaceutique", "unknown")), "cnop-dossier-pharmaceutique",
         "likely",
         N_("You may have a Dossier Pharmaceutique without knowing it: since 2023 the Ordre des pharmaciens can open "
            "one after informing you, unless you object.")),
    # 5. The laboratory and its results platform (seed stage 5).
    # Each laboratory keeps its own results; a group and a results website are one each, whatever the number of
    # laboratories that lead to them (see `PlaceRule`).
    PlaceRule(LAB, always, None, "certain",
              N_("You had a lab test ({places}): the laboratory keeps your results for 20 years."),
              MEDICAL_RECORD, "access-medical-record"),
    PlaceRule(LAB, lambda place, journey: place.value in LAB_GROUPS, lambda place: LAB_GROUPS[place.value], "likely",
              (N_("Your laboratory ({places}) belongs to the {lab_group} group, which may run the results system for "
                  "all its sites."),
               N_("Your laboratories ({places}) belong to the {lab_group} group, which may run the results system for "
                  "all its sites.")),
              MEDICAL_RECORD, "access-medical-record"),
    PlaceRule(LAB, lambda place, journey: bool(place.get("results_online")), lambda place: "dedalus-mesanalyses",
              "possible",
              N_("You read your results ({places}) on a website: many laboratories publish them on mesanalyses.fr "
                 "(Dedalus). Check the address of the site you used."),
              letter="access-vendor"),
    # Hospitals: a public hospital's records are also administrative documents (CADA); a clinic is private.
    PlaceRule(HOSPITAL, lambda place, journey: place.value == "public", None, "certain",
              N_("You were treated in a public hospital ({places}): it keeps your patient record for 20 years from "
                 "your last visit; as a public body, its documents also fall under the right of access to "
                 "administrative documents (CADA)."),
              ("gdpr-art15", "csp-l1111-7", "cada"), "access-medical-record"),
    PlaceRule(HOSPITAL, lambda place, journey: place.value == "private", None, "certain",
              N_("You were treated in a private clinic ({places}): it keeps your patient record for 20 years from "
                 "your last visit."),
              MEDICAL_RECORD, "access-medical-record"),
    PlaceRule(HOSPITAL, lambda place, journey: imaging_without_centre(journey), None, "likely",
              N_("If your imaging was done at the hospital, it keeps the images and the radiologist's report."),
              MEDICAL_RECORD, "access-medical-record"),
    # An imaging centre the person named is its own controller (a radiology practice): a medical-record letter.
    PlaceRule(IMAGING, lambda place, journey: bool(place.name or place.address), None, "certain",
              N_("You had imaging at {places}: the imaging centre keeps the images and the radiologist's report."),
              MEDICAL_RECORD, "access-medical-record"),
    # 6. Mon Espace Santé (seed stage 6): the letter goes to the DPO of the person's own fund (its policy says so).
    Rule(equals("mon_espace_sante", "active"), "mon-espace-sante", "certain",
         N_("Your Mon Espace Santé exists: it holds the reports, results and prescriptions professionals add, and "
            "the log of who opened it. You can read its documents and the history of who accessed it in the account "
            "yourself; the letter goes to the data-protection officer of your own fund ({fund}) and asks for the rest "
            "(processors, hosting, recipients, and the access history if you cannot read it).")),
    Rule(equals("mon_espace_sante", "unknown"), "mon-espace-sante", "likely",
         N_("Mon Espace Santé was created for every insured person who did not refuse it: yours probably exists."),),
    Rule(equals("mon_espace_sante", "closed"), "mon-espace-sante", "possible",
         N_("You closed Mon Espace Santé: its data are kept 10 years after closing.")),
    Rule(all_of(equals("lab", *LAB_GROUPS, "other"), equals("mon_espace_sante", "active", "unknown")),
         "mon-espace-sante", "likely",
         N_("Since 2022, laboratories send results to Mon Espace Santé automatically.")),
    # 7. Connected devices and health apps (seed stage 7).
    *_device_rules(),
)

# Destinations the seed investigation names but that sar cannot write to directly: shown as notes, not findings.
NOTE_RULES: tuple[tuple[Callable[[Journey], bool], str], ...] = (
    (answer("doctor"),
     N_("Some practice software terms allow prescriptions to be exploited in aggregated or anonymised form, e.g. by "
        "commercial medicines databases (such as Vidal). Ask the software vendor and your doctor who receives them.")),
    (lambda j: True,
     N_("Platforms and vendors often host data with cloud providers (AWS, Microsoft Azure) whose parent companies are "
        "in the United States: in each letter, ask for the processors, where data are hosted and the safeguards for "
        "transfers outside the EU (GDPR art. 15(2)).")),
    (all_of(answer("doctor"), equals("doctor_software", "unknown", "other")),
     N_("You do not know your doctor's software: ask the practice which software and which host keep your record.")),
    (all_of(imaging_without_centre, equals("hospital", "none")),
     N_("Your imaging centre (a radiology practice) keeps the images and the radiologist's report for 20 years: "
        "write to it as to a doctor's practice, with a medical-record letter.")),
    (contains("devices", "other"),
     N_("For your other connected devices or apps, look for \"données personnelles\" or \"privacy\" in the app.")),
    (equals("insurance_fund", "other"),
     N_("Your public health insurance is neither a CPAM nor the MSA: write to its data-protection officer.")),
)


def _placeholders(journey: Journey, lang: str) -> dict[str, str]:
    """Values for the {placeholders} of reasons: what the person told, in plain words."""
    def named(key: str, fallback: str) -> str:
        """What the person answered, as they read it: a listed choice by its label ("Alan", not "alan")."""
        value = journey.answer(key) or ""
        if not value or value == "none":
            return gettext(fallback, lang)
        label = next((choice.label for choice in question(key).choices if choice.value == value), "")
        return gettext(label, lang) if label else value

    guarantees = {"dental": N_("dental"), "optical": N_("optical"), "hospital": N_("hospital")}
    return {
        "software": "",
        "platform": "",
        "fund": fund_name(journey) or gettext(N_("name not given"), lang),
        "mutuelle": named("mutuelle", N_("name not given")),
        "guarantees": ", ".join(gettext(guarantees[g], lang) for g in journey.answer("special_guarantees") or ()),
        "places": "",
        "lab_group": "",
        "device": "",
        "operator": DISPLAY_NAMES.get(journey.answer("tiers_payant_operator") or "", ""),
    }


DISPLAY_NAMES = {
    "weda": "WEDA", "doctolib": "Doctolib", "axisante": "Axisanté", "hellodoc": "HelloDoc", "maiia": "Maiia",
    "keldoc": "Keldoc", "qare": "Qare", "livi": "Livi", "cerballiance": "Cerballiance", "biogroup": "Biogroup",
    "eurofins": "Eurofins", "synlab": "Synlab", "inovie": "Inovie", "apple-health": "Apple Health",
    "google-fit": "Google Fit", "withings": "Withings", "garmin": "Garmin", "samsung-health": "Samsung Health",
    "freestyle-libre": "FreeStyle Libre", "dexcom": "Dexcom", "fitbit": "Fitbit",
    "almerys": "Almerys", "viamedis": "Viamedis", "sp-sante": "SP Santé",
}


def _reason(rule: Rule, journey: Journey, values: dict[str, dict[str, str]]) -> Bilingual[str]:
    """The rule's reason in both languages; `values` are the placeholders' values by language."""
    return Bilingual(*(_reason_in(rule, journey, lang, values[lang]) for lang in LANGUAGES))


def _reason_in(rule: Rule, journey: Journey, lang: str, values: dict[str, str]) -> str:
    local = dict(values)
    actor_id = rule.actor if isinstance(rule.actor, str) else rule.actor(journey)
    local["platform"] = DISPLAY_NAMES.get(actor_id, actor_id)
    for device, maker in DEVICES.items():
        if maker == actor_id and device in (journey.answer("devices") or ()):
            local["device"] = DISPLAY_NAMES[device]
    return gettext(rule.reason, lang).format(**local)


SPECIALTIES = {"gp": N_("general practitioner"), "specialist": N_("specialist"), "dentist": N_("dentist"),
               "midwife": N_("midwife"), "physiotherapist": N_("physiotherapist"), "other": N_("health professional")}
UNNAMED_SPECIALTIES = {"": N_("a doctor"), "gp": N_("a general practitioner"), "specialist": N_("a specialist"),
                       "dentist": N_("a dentist"), "midwife": N_("a midwife"), "physiotherapist": N_("a physiotherapist"),
                       "other": N_("a health professional")}


def place_words(place: Place, lang: str) -> str:
    """A place as a reason names it: "Dr Paul Weber, dentist", "a midwife (name not given)", "Labo du Parc"."""
    not_given = gettext(N_("name not given"), lang)
    if place.kind is DOCTOR:
        specialty = place.get("specialty") or ""
        if place.name:
            return f"{place.name}, {gettext(SPECIALTIES[specialty], lang)}" if specialty else place.name
        return f"{gettext(UNNAMED_SPECIALTIES[specialty], lang)} ({not_given})"
    if place.kind is LAB and not place.name and place.value in LAB_GROUPS:
        return DISPLAY_NAMES[place.value]
    return place.name or not_given


def _place_reason(rule: PlaceRule, places: list[Place], values: dict[str, dict[str, str]]) -> Bilingual[str]:
    """A place rule's reason in both languages, naming every place that led to the same organisation."""
    def in_lang(lang: str) -> str:
        local = dict(values[lang])
        local["places"] = (" ; " if lang == "fr" else "; ").join(place_words(place, lang) for place in places)
        local["software"] = DISPLAY_NAMES.get(places[0].get("software") or "", "")
        local["lab_group"] = DISPLAY_NAMES.get(places[0].value or "", "") if rule.kind is LAB else ""
        reason = rule.reason if isinstance(rule.reason, str) else rule.reason[0 if len(places) == 1 else 1]
        return gettext(reason, lang).format(**local)
    return Bilingual(*(in_lang(lang) for lang in LANGUAGES))


def infer(journey: Journey, known: dict[str, Actor] | None = None) -> list[Finding]:
    """Who holds the person's data: one finding per actor, every reason that found it, the strongest likelihood.

    Sorted certain, then likely, then possible; within each, in the order of the journey (the rules' order).
    Takes no language: every text of a finding is bilingual, read in the language of whoever shows it.
    """
    known = directory.load_directory() if known is None else known
    values = {lang: _placeholders(journey, lang) for lang in LANGUAGES}
    collected: dict[str, dict[str, Any]] = {}
    own_places: dict[str, Place] = {}

    def add(actor_id: str, rule: Rule | PlaceRule, reason: Bilingual[str]) -> None:
        entry = collected.setdefault(actor_id, {"likelihood": rule.likelihood, "reasons": [], "laws": [],
                                                "letter": rule.letter, "order": len(collected)})
        if LIKELIHOODS.index(rule.likelihood) < LIKELIHOODS.index(entry["likelihood"]):
            entry["likelihood"] = rule.likelihood
        if reason not in entry["reasons"]:
            entry["reasons"].append(reason)
        entry["laws"] += [law for law in rule.laws if law not in entry["laws"]]
        entry["letter"] = entry["letter"] or rule.letter

    for rule in RULES:
        if isinstance(rule, PlaceRule):
            by_actor: dict[str, list[Place]] = {}
            for place in journey.places(rule.kind):
                if rule.when(place, journey):
                    by_actor.setdefault(place.actor_id if rule.actor is None else rule.actor(place), []).append(place)
                    if rule.actor is None:
                        own_places[place.actor_id] = place
            for actor_id, places in by_actor.items():
                add(actor_id, rule, _place_reason(rule, places, values))
        elif rule.when(journey):
            add(rule.actor if isinstance(rule.actor, str) else rule.actor(journey), rule, _reason(rule, journey, values))
    findings = []
    for actor_id, entry in sorted(collected.items(),
                                  key=lambda item: (LIKELIHOODS.index(item[1]["likelihood"]), item[1]["order"])):
        actor = (place_actor(own_places[actor_id], known, journey) if actor_id in own_places
                 else recipient(directory.get(actor_id, known), journey, known))
        findings.append(Finding(
            actor=actor,
            likelihood=entry["likelihood"],
            reasons=tuple(entry["reasons"]),
            laws=tuple(entry["laws"]),
            letter=entry["letter"] or actor.letter,
        ))
    return findings


def notes(journey: Journey) -> list[str]:
    """Destinations with no one sar can write to directly (pharma databases, cloud hosts…): message ids, for the
    shell to translate."""
    return [text for when, text in NOTE_RULES if when(journey)]


def finding_as_json(finding: Finding, lang: str) -> dict[str, Any]:
    """One finding as `sar actors --json` prints it (docs/design.md, CLI contract), its texts in `lang`."""
    contact = finding.actor.contact
    return {
        "id": finding.actor.id,
        "name": directory.actor_name(finding.actor, lang),
        "likelihood": finding.likelihood,
        "reasons": [reason.get(lang) for reason in finding.reasons],
        "data": list(finding.data.get(lang)),
        "retention": finding.retention.get(lang),
        "laws": list(finding.laws),
        "letter": finding.letter,
        "contact": {"postal": contact.postal, "email": contact.email, "web_form": contact.web_form,
                    "source": contact.source, "verified": contact.verified,
                    # where the postal address was read when it comes from a State register (sar.directory.registers)
                    "register": contact.register, "record": contact.record, "consulted": contact.consulted},
    }
