"""The rules, as a table a lawyer can review line by line (see `sar.inference`): when the journey shows X, actor Y holds
data, this likely, for this reason, under these laws; in the order of the journey (seed stages 1 to 7), the health
insurance's part from `sar.inference.insurance`. And the notes: destinations sar cannot write to directly.
"""

from __future__ import annotations

from typing import Callable

from sar.care_places import DOCTOR, HOSPITAL, IMAGING, LAB, PHARMACY
from sar.i18n import N_
from sar.inference.insurance import INSURANCE_RULES
from sar.inference.rules import (MEDICAL_RECORD, PlaceRule, Rule, all_of, always, answer, contains, equals,
                                 imaging_without_centre)
from sar.journey import Journey

LAB_GROUPS = {"cerballiance": "cerballiance", "biogroup": "biogroup", "eurofins": "eurofins-biologie",
              "synlab": "synlab", "inovie": "inovie"}
PRACTICE_SOFTWARE = {"weda": "weda", "doctolib": "doctolib", "axisante": "axisante", "hellodoc": "hellodoc",
                     "maiia": "maiia"}
DEVICES = {"apple-health": "apple", "google-fit": "google", "fitbit": "google", "withings": "withings",
           "garmin": "garmin", "samsung-health": "samsung", "freestyle-libre": "abbott-libreview", "dexcom": "dexcom"}


def _device_rules() -> tuple[Rule, ...]:
    rules = []
    for device, actor_id in DEVICES.items():
        reason = (N_("You use Fitbit, which is now part of Google: your Fitbit data are held by Google.")
                  if device == "fitbit" else
                  N_("You use {device}: your measurements are sent to its maker's servers."))
        rules.append(Rule(contains("devices", device), actor_id, "likely" if device == "fitbit" else "certain", reason,
                          letter="access-vendor"))
    return tuple(rules)


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
    # 2. The public health insurance fund and 3. the supplementary insurer (seed stages 2 and 3).
    *INSURANCE_RULES,
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
