"""The questions of the interview, as data: what a question is, and the table of every question of the answers schema.

One place to add or change a question: its id (the answers file's key and the CSV column), its prompt and help (English
gettext msgids, `N_`, translated where shown), its kind and choices, when it is asked (`ask_if`), what the earlier
answers suggest and whether they settle it (issue 24.3: only the questions that need asking), and the part of the
interview it belongs to (`PARTS`, the chat's progress line). Walking the table and checking answers is
`sar.interview`'s job; the schema is the one in docs/design.md ("Answers file").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

from sar.deadlines import DEFAULT_REGION, REGION_NAMES, REGIONS
from sar.care_places import DOCTOR, HOSPITAL, IMAGING, LAB, MAX_PLACES, PHARMACY, PlaceKind
from sar.directory import caisses
from sar.i18n import N_, current_language
from sar.names import is_latin
from sar.places import region_decided_by_postcode, region_for_postcode, towns_for_postcode

SECTIONS = ("settings", "person", "journey")
KINDS = ("yes_no", "choice", "choices", "choice_or_text", "text", "latin_name", "date", "postcode", "email", "nir")


@dataclass(frozen=True)
class Choice:
    """One possible answer: the value stored in answers files and CSV columns, and its label (a msgid)."""

    value: Any
    label: str


@dataclass(frozen=True)
class Question:
    """One question of the interview.

    `kind` says how the answer is read and checked: yes_no (a bool), choice (one of `choices`), choices (several, a tuple),
    choice_or_text (one of `choices` or a free name), text, latin_name (text in Latin letters), date, postcode, email,
    nir.
    `ask_if` decides from the answers so far whether the question applies; a question that does not apply takes `default`.
    `suggest` gives, from the answers so far, the likely answers (the towns of the postcode). When it gives exactly one:
    - with a `state` text, and `settled` (if given) holding, the answer is stated and not asked: the chat says it
      ("Your town: Périgueux (from 24000)") and the person changes it only if they wish (`sar.interview.offer`);
    - else, with a `confirm` text, the chat states it and asks only whether it is right (one key).
    `state` is a msgid, or a function of the answer giving one (the letters' language says a different thing in each).
    `wording` gives, from the answers so far, another prompt (a msgid and its values) where the fixed one would ask
    what the person already said ("What is the laboratory's name?" after they named its group).
    """

    id: str
    section: str
    kind: str
    prompt: str
    help: str = ""
    choices: tuple[Choice, ...] = ()
    required: bool = False
    ask_if: Callable[[Mapping[str, Any]], bool] | None = None
    default: Any = None
    suggest: Callable[[Mapping[str, Any]], tuple[Any, ...]] | None = None
    confirm: str = ""
    state: str | Callable[[Any], str] = ""
    settled: Callable[[Mapping[str, Any]], bool] | None = None
    wording: Callable[[Mapping[str, Any]], tuple[str, dict[str, str]]] | None = None

    def applies(self, answers: Mapping[str, Any]) -> bool:
        """Whether to ask this question, given the answers so far (missing answers count as their defaults)."""
        return self.ask_if is None or bool(self.ask_if(_WithDefaults(answers)))

    def suggestions(self, answers: Mapping[str, Any]) -> tuple[Any, ...]:
        """The answers that the earlier ones suggest (none if the question has no `suggest`)."""
        return tuple(self.suggest(_WithDefaults(answers))) if self.suggest else ()

    def is_settled(self, answers: Mapping[str, Any]) -> bool:
        """Whether the earlier answers settle this one well enough to state it rather than ask (see the class)."""
        return bool(self.state) and (self.settled is None or bool(self.settled(_WithDefaults(answers))))

    def statement(self, value: Any) -> str:
        """The msgid that states `value` as this question's answer ("" if the question is never stated)."""
        return self.state(value) if callable(self.state) else self.state

    def worded(self, answers: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
        """The prompt (a msgid) and its values, given the answers so far."""
        return self.wording(_WithDefaults(answers)) if self.wording else (self.prompt, {})

    @property
    def choice_values(self) -> tuple[Any, ...]:
        return tuple(choice.value for choice in self.choices)

    def empty_value(self) -> Any:
        """The value of an optional question left blank."""
        if self.default is not None:
            return self.default
        return {"yes_no": False, "choices": ()}.get(self.kind, "")


class _WithDefaults(Mapping):
    """Answers so far, where a question not yet answered reads as its default (so `ask_if` never meets a KeyError)."""

    def __init__(self, answers: Mapping[str, Any]):
        self._answers = answers

    def __getitem__(self, key: str) -> Any:
        if key in self._answers:
            return self._answers[key]
        return question(key).empty_value()

    def __iter__(self):
        return iter(self._answers)

    def __len__(self) -> int:
        return len(self._answers)


def _yes_no() -> tuple[Choice, ...]:
    return (Choice(True, N_("Yes")), Choice(False, N_("No")))


def _when(key: str, *, is_not: Any = None, equals: Any = None) -> Callable[[Mapping[str, Any]], bool]:
    """A readable `ask_if`: ask when answers[key] is truthy, differs from `is_not`, or equals `equals`."""
    if equals is not None:
        return lambda answers: answers[key] == equals
    if is_not is not None:
        return lambda answers: answers[key] not in (is_not, "", None)
    return lambda answers: bool(answers[key])


UNKNOWN = Choice("unknown", N_("I don't know"))

# -- the places, several of each ------------------------------------------------------------------------------------------
# Each function gives the questions about place number `n` of its kind (sar.care_places): the first as they always were,
# the next ones numbered (`doctor_2`, `doctor_2_name`...), each asked only when the place before it exists ("another one?").

def _each_place(questions_for: Callable[[int], tuple[Question, ...]]) -> tuple[Question, ...]:
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


def _practitioner_questions(n: int) -> tuple[Question, ...]:
    key, about = DOCTOR.key_of, _about(DOCTOR, n)
    return (
        Question(key(n), "journey", "yes_no",
                 N_("Did you see a health professional in their practice (a GP or a specialist, a dentist, a midwife, a "
                    "physiotherapist…)?") if n == 1 else
                 N_("Did you see another health professional (a doctor, a dentist, a midwife, a physiotherapist…)?"),
                 N_("A consultation in a doctor's own practice or a medical centre, not in a hospital.") if n == 1 else
                 N_("Each practitioner keeps their own record about you, and gets their own letter."),
                 _yes_no(), ask_if=_is_there(DOCTOR, n), default=False),
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


def _lab_questions(n: int) -> tuple[Question, ...]:
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
                 _yes_no(), ask_if=about, default=False),
    )


def _lab_site_wording(answers: Mapping[str, Any], n: int) -> tuple[str, dict[str, str]]:
    """After the person named the laboratory's group, ask which of its laboratories, not the name they just gave."""
    group = answers[LAB.key_of(n)]
    label = next((choice.label for choice in LAB_CHOICES if choice.value == group and group != "other"), "")
    if not label:
        return N_("What is the laboratory's name? (optional)"), {}
    return N_("Which {group} laboratory did you go to? (optional)"), {"group": label}


def _pharmacy_questions(n: int) -> tuple[Question, ...]:
    key, about = PHARMACY.key_of, _about(PHARMACY, n)
    return (
        Question(key(n), "journey", "yes_no",
                 N_("Did you collect medicines at a pharmacy?") if n == 1 else
                 N_("Did you also collect medicines at another pharmacy?"),
                 N_("The pharmacy's software records what it gives you."), _yes_no(), ask_if=_is_there(PHARMACY, n),
                 default=False),
        Question(key(n, "name"), "journey", "text", N_("What is the pharmacy's name? (optional)"), ask_if=about),
        Question(key(n, "address"), "journey", "text", N_("What is the pharmacy's address? (optional)"),
                 ask_if=about),
    )


def _hospital_questions(n: int) -> tuple[Question, ...]:
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


def _imaging_questions(n: int) -> tuple[Question, ...]:
    key, about = IMAGING.key_of, _about(IMAGING, n)
    return (
        Question(key(n), "journey", "yes_no",
                 N_("Did you have an X-ray, a scan, an MRI or an ultrasound?") if n == 1 else
                 N_("Did you also have imaging in another centre?"),
                 N_("Imaging centres keep the images and the radiologist's report."), _yes_no(),
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
    *_each_place(_practitioner_questions),
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
    *_each_place(_lab_questions),
    *_each_place(_pharmacy_questions),
    Question(
        "dossier_pharmaceutique", "journey", "choice", N_("Do you have a Dossier Pharmaceutique?"),
        N_("The Dossier Pharmaceutique (DP) lists the medicines dispensed to you in the last months, so that any "
           "pharmacist in France can check for dangerous combinations. The pharmacist opens it with your carte Vitale "
           "if you agree. It is run by the pharmacists' professional order."),
        (Choice("yes", N_("Yes")), Choice("no", N_("No")), UNKNOWN),
        ask_if=_when("pharmacy"), default="unknown",
    ),
    *_each_place(_hospital_questions),
    *_each_place(_imaging_questions),
    # -- journey: insurance ------------------------------------------------------------------------------------------------
    Question(
        "ald", "journey", "yes_no", N_("Do you have a long-term condition (ALD) recognised by your health insurance?"),
        N_("An ALD (affection de longue durée) is a long illness whose care is fully reimbursed, such as diabetes or "
           "cancer. Your doctor sent a care protocol that names the illness to your fund's medical service."),
        _yes_no(), default=False,
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
        _yes_no(), ask_if=_when("mutuelle", is_not="none"), default=False,
    ),
    Question(
        "tiers_payant_operator", "journey", "choice_or_text",
        N_("Which tiers-payant operator is printed on your mutuelle card?"),
        N_("The company that runs the tiers payant for your mutuelle is named on your mutuelle card (often at the "
           "back, near the codes for pharmacies). Write its name if it is not listed."),
        (Choice("almerys", N_("Almerys")), Choice("viamedis", N_("Viamedis")), Choice("sp-sante", N_("SP Santé")),
         UNKNOWN),
        ask_if=_when("tiers_payant"), default="unknown",
    ),
    Question(
        "special_guarantees", "journey", "choices",
        N_("Did your mutuelle reimburse dental, optical or hospital care?"),
        N_("For these, mutuelles often ask for quotes or detailed invoices, which can reveal more about your health."),
        (Choice("dental", N_("Dental")), Choice("optical", N_("Optical")), Choice("hospital", N_("Hospital"))),
        ask_if=_when("mutuelle", is_not="none"), default=(),
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
