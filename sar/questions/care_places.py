"""The questions about the places of care, several of each (sar.care_places): for place number `n` of a kind, the first
as they always were, the next ones numbered (`doctor_2`, `doctor_2_name`...), each asked only when the place before it
exists ("another one?").
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from sar.care_places import DOCTOR, HOSPITAL, IMAGING, LAB, MAX_PLACES, PHARMACY, PlaceKind
from sar.i18n import N_
from sar.questions.model import UNKNOWN, Choice, Question, yes_no


def each_place(questions_for: Callable[[int], tuple[Question, ...]]) -> tuple[Question, ...]:
    return tuple(q for n in range(1, MAX_PLACES + 1) for q in questions_for(n))


def _is_there(kind: PlaceKind, n: int) -> Callable[[Mapping[str, Any]], bool] | None:
    """`ask_if` of the question that asks whether place `n` exists: always for the first, else if place n-1 does."""
    return None if n == 1 else (lambda answers: kind.present(answers, n - 1))


def _about(kind: PlaceKind, n: int) -> Callable[[Mapping[str, Any]], bool]:
    """`ask_if` of the questions about place `n`: when it exists."""
    return lambda answers: kind.present(answers, n)


SPECIALTIES = (Choice("gp", N_("General practitioner")), Choice("specialist", N_("Specialist doctor")),
               Choice("dentist", N_("Dentist")), Choice("midwife", N_("Midwife")),
               Choice("physiotherapist", N_("Physiotherapist")), Choice("other", N_("Another health professional")))


def practitioner_questions(n: int) -> tuple[Question, ...]:
    key, about = DOCTOR.key_of, _about(DOCTOR, n)
    return (
        Question(key(n), "journey", "yes_no",
                 N_("Did you see a health professional in their practice (a GP or a specialist, a dentist, a midwife, a "
                    "physiotherapist…)?") if n == 1 else
                 N_("Did you see another health professional (a doctor, a dentist, a midwife, a physiotherapist…)?"),
                 N_("A consultation in a doctor's own practice or a medical centre, not in a hospital.") if n == 1 else
                 N_("Each practitioner keeps their own record about you, and gets their own letter."),
                 yes_no(), ask_if=_is_there(DOCTOR, n), default=False),
        Question(key(n, "name"), "journey", "text",
                 N_("What is the doctor's name?") if n == 1 else N_("What is this practitioner's name?"),
                 N_("The doctor is responsible for the medical record they keep about you. Write it as on their "
                    "prescription, e.g. \"Dr Jeanne Dupont\"."),
                 ask_if=about),
        Question(key(n, "specialty"), "journey", "choice", N_("What kind of practitioner is it?"),
                 N_("A GP, a specialist (a gynaecologist, a cardiologist…), a dentist, a midwife, a physiotherapist: "
                    "the letter is the same, and the list of your findings names them."),
                 SPECIALTIES, ask_if=about),
        Question(key(n, "address"), "journey", "text", N_("What is the practice's address?"),
                 N_("Number, street, postcode and town, as on a prescription or an appointment confirmation."),
                 ask_if=about),
        Question(
            key(n, "software"), "journey", "choice", N_("Do you know which software the practice uses?"),
            N_("Practices keep records in software (WEDA, Doctolib, Axisanté, HelloDoc, Maiia…). The vendor works for "
               "the doctor, but it stores your record. The name is sometimes printed at the bottom of a prescription."),
            (Choice("weda", N_("WEDA")), Choice("doctolib", N_("Doctolib")), Choice("axisante", N_("Axisanté")),
             Choice("hellodoc", N_("HelloDoc")), Choice("maiia", N_("Maiia")), Choice("other", N_("Another one")),
             UNKNOWN),
            ask_if=about, default="unknown",
        ),
    )


LAB_CHOICES = (Choice("cerballiance", N_("Cerballiance")), Choice("biogroup", N_("Biogroup")),
               Choice("eurofins", N_("Eurofins")), Choice("synlab", N_("Synlab")), Choice("inovie", N_("Inovie")),
               Choice("other", N_("Another laboratory")))


def lab_questions(n: int) -> tuple[Question, ...]:
    key, about = LAB.key_of, _about(LAB, n)
    return (
        Question(key(n), "journey", "choice",
                 N_("Did you have a blood test or other lab test? In which laboratory group?") if n == 1 else
                 N_("Did you also have tests in another laboratory? In which group?"),
                 N_("Most laboratories belong to a group; its name is on your results (Cerballiance, Biogroup, "
                    "Eurofins, Synlab, Inovie…)."),
                 LAB_CHOICES + (Choice("none", N_("No lab test") if n == 1 else N_("No other laboratory")),),
                 ask_if=_is_there(LAB, n), default="none"),
        Question(key(n, "name"), "journey", "text", N_("What is the laboratory's name? (optional)"),
                 N_("The laboratory where you went, as on your results: its name, or its street and town."),
                 ask_if=about, wording=lambda answers: _lab_site_wording(answers, n)),
        Question(key(n, "address"), "journey", "text", N_("What is the laboratory's address? (optional)"),
                 N_("Number, street, postcode and town, as on your results."), ask_if=about),
        Question(key(n, "results_online"), "journey", "yes_no", N_("Did you get your results on a website?"),
                 N_("For example mesanalyses.fr, which shows the results of hundreds of laboratories."),
                 yes_no(), ask_if=about, default=False),
    )


def _lab_site_wording(answers: Mapping[str, Any], n: int) -> tuple[str, dict[str, str]]:
    """After the person named the laboratory's group, ask which of its laboratories, not the name they just gave."""
    group = answers[LAB.key_of(n)]
    label = next((choice.label for choice in LAB_CHOICES if choice.value == group and group != "other"), "")
    if not label:
        return N_("What is the laboratory's name? (optional)"), {}
    return N_("Which {group} laboratory did you go to? (optional)"), {"group": label}


def pharmacy_questions(n: int) -> tuple[Question, ...]:
    key, about = PHARMACY.key_of, _about(PHARMACY, n)
    return (
        Question(key(n), "journey", "yes_no",
                 N_("Did you collect medicines at a pharmacy?") if n == 1 else
                 N_("Did you also collect medicines at another pharmacy?"),
                 N_("The pharmacy's software records what it gives you."), yes_no(), ask_if=_is_there(PHARMACY, n),
                 default=False),
        Question(key(n, "name"), "journey", "text", N_("What is the pharmacy's name? (optional)"), ask_if=about),
        Question(key(n, "address"), "journey", "text", N_("What is the pharmacy's address? (optional)"),
                 ask_if=about),
    )


def hospital_questions(n: int) -> tuple[Question, ...]:
    key, about = HOSPITAL.key_of, _about(HOSPITAL, n)
    return (
        Question(key(n), "journey", "choice",
                 N_("Were you treated in a hospital or a clinic?") if n == 1 else
                 N_("Were you also treated in another hospital or clinic?"),
                 N_("A consultation, an emergency visit or a stay. Public hospitals (CHU, CH, AP-HP…) are public "
                    "bodies; clinics are private companies."),
                 (Choice("none", N_("No")), Choice("public", N_("Yes, a public hospital")),
                  Choice("private", N_("Yes, a private clinic"))),
                 ask_if=_is_there(HOSPITAL, n), default="none"),
        Question(key(n, "name"), "journey", "text", N_("What is the hospital's or clinic's name?"), ask_if=about),
        Question(key(n, "address"), "journey", "text", N_("What is its address? (optional)"),
                 N_("The main address is enough; sar also knows some hospitals' data-protection officers."),
                 ask_if=about),
    )


def imaging_questions(n: int) -> tuple[Question, ...]:
    key, about = IMAGING.key_of, _about(IMAGING, n)
    return (
        Question(key(n), "journey", "yes_no",
                 N_("Did you have an X-ray, a scan, an MRI or an ultrasound?") if n == 1 else
                 N_("Did you also have imaging in another centre?"),
                 N_("Imaging centres keep the images and the radiologist's report."), yes_no(),
                 ask_if=_is_there(IMAGING, n), default=False),
        Question(key(n, "name"), "journey", "text",
                 N_("What is the imaging centre's name? (leave it empty if it was at the hospital)"),
                 N_("The radiology practice or imaging centre, as on its report. Imaging done at a hospital is asked "
                    "of the hospital."),
                 ask_if=about),
        Question(key(n, "address"), "journey", "text", N_("What is the imaging centre's address? (optional)"),
                 ask_if=lambda answers: _imaging_centre_named(answers, n)),
    )


def _imaging_centre_named(answers: Mapping[str, Any], n: int) -> bool:
    """Whether imaging centre `n` exists and has a name (its address is asked only then)."""
    return IMAGING.present(answers, n) and bool(answers[IMAGING.key_of(n, "name")])
