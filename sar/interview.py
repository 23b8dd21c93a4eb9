"""The interview, defined once as data: every question of the answers schema, when to ask it, and how to check the answer.

The chat TUI walks `QUESTIONS` as a conversation (`next_question`), answers files give the same ids as keys
(`sar.journey`), and CSV files give them as columns (`parse_text`: lists `;`-separated, yes/no as oui/non/yes/no/1/0).
Nothing about a question is written anywhere else. The schema is the one in docs/design.md ("Answers file").

Prompts, help texts and choice labels are English gettext msgids (`N_`), translated where they are shown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Mapping

from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fr import nir as stdnum_nir

from sar.deadlines import DEFAULT_REGION, REGION_NAMES, REGIONS
from sar.errors import InputError
from sar.dates import parse_date
from sar.i18n import N_, _, format_date
from sar.places import region_for_postcode, towns_for_postcode  # region_for_postcode: sar.journey reads it from here

SECTIONS = ("settings", "person", "journey")
KINDS = ("yes_no", "choice", "choices", "choice_or_text", "text", "date", "postcode", "email", "nir")

# Plausibility bound for a birth date: nobody sar writes for was born more than this many years ago.
MAX_AGE_YEARS = 125


@dataclass(frozen=True)
class Choice:
    """One possible answer: the value stored in answers files and CSV columns, and its label (a msgid)."""

    value: Any
    label: str


@dataclass(frozen=True)
class Question:
    """One question of the interview.

    `kind` says how the answer is read and checked: yes_no (a bool), choice (one of `choices`), choices (several, a tuple),
    choice_or_text (one of `choices` or a free name), text, date, postcode, email, nir.
    `ask_if` decides from the answers so far whether the question applies; a question that does not apply takes `default`.
    `suggest` gives, from the answers so far, the likely answers (the towns of the postcode); when it gives exactly one and
    the question has a `confirm` text, the chat states that answer and asks only whether to change it.
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

    def applies(self, answers: Mapping[str, Any]) -> bool:
        """Whether to ask this question, given the answers so far (missing answers count as their defaults)."""
        return self.ask_if is None or bool(self.ask_if(_WithDefaults(answers)))

    def suggestions(self, answers: Mapping[str, Any]) -> tuple[Any, ...]:
        """The answers that the earlier ones suggest (none if the question has no `suggest`)."""
        return tuple(self.suggest(_WithDefaults(answers))) if self.suggest else ()

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

QUESTIONS: tuple[Question, ...] = (
    # -- settings --------------------------------------------------------------------------------------------------------
    Question(
        "lang", "settings", "choice",
        N_("In which language should your letters be written?"),
        N_("Letters to French organisations are usually written in French. Choose English only for an organisation "
           "that works in English."),
        (Choice("fr", N_("French")), Choice("en", N_("English"))),
        default="fr",
    ),
    # -- person ----------------------------------------------------------------------------------------------------------
    Question("first_name", "person", "text", N_("What is your first name?"),
             N_("As on your health insurance card (carte Vitale), so the organisation can find your records."),
             required=True),
    Question("last_name", "person", "text", N_("What is your last name?"),
             N_("Your birth name if your records may be under it; you can write both, e.g. \"Martin née Durand\"."),
             required=True),
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
             suggest=lambda answers: towns_for_postcode(answers["postcode"]) if answers["postcode"] else ()),
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
        confirm=N_("Public holidays: {answer} (from {postcode}). sar counts the organisations' deadlines with them. "
                   "Is that right?"),
    ),
    # -- journey: the doctor -----------------------------------------------------------------------------------------------
    Question("doctor", "journey", "yes_no", N_("Did you see a doctor in a practice (a GP or a specialist)?"),
             N_("A consultation in a doctor's own practice or a medical centre, not in a hospital."),
             _yes_no(), default=False),
    Question("doctor_name", "journey", "text", N_("What is the doctor's name?"),
             N_("The doctor is responsible for the medical record they keep about you. Write it as on their "
                "prescription, e.g. \"Dr Jeanne Dupont\"."),
             ask_if=_when("doctor")),
    Question("doctor_address", "journey", "text", N_("What is the practice's address?"),
             N_("Number, street, postcode and town, as on a prescription or an appointment confirmation."),
             ask_if=_when("doctor")),
    Question(
        "doctor_software", "journey", "choice", N_("Do you know which software the practice uses?"),
        N_("Practices keep records in software (WEDA, Doctolib, Axisanté, HelloDoc, Maiia…). The vendor works for the "
           "doctor, but it stores your record. The name is sometimes printed at the bottom of a prescription."),
        (Choice("weda", N_("WEDA")), Choice("doctolib", N_("Doctolib")), Choice("axisante", N_("Axisanté")),
         Choice("hellodoc", N_("HelloDoc")), Choice("maiia", N_("Maiia")), Choice("other", N_("Another one")), UNKNOWN),
        ask_if=_when("doctor"), default="unknown",
    ),
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
    # -- journey: the laboratory -------------------------------------------------------------------------------------------
    Question(
        "lab", "journey", "choice", N_("Did you have a blood test or other lab test? In which laboratory group?"),
        N_("Most laboratories belong to a group; its name is on your results (Cerballiance, Biogroup, Eurofins, "
           "Synlab, Inovie…)."),
        (Choice("cerballiance", N_("Cerballiance")), Choice("biogroup", N_("Biogroup")),
         Choice("eurofins", N_("Eurofins")), Choice("synlab", N_("Synlab")), Choice("inovie", N_("Inovie")),
         Choice("other", N_("Another laboratory")), Choice("none", N_("No lab test"))),
        default="none",
    ),
    Question("lab_name", "journey", "text", N_("What is the laboratory's name? (optional)"),
             N_("The name of the site where you went, as on your results."),
             ask_if=_when("lab", is_not="none")),
    Question("lab_address", "journey", "text", N_("What is the laboratory's address? (optional)"),
             N_("Number, street, postcode and town, as on your results."),
             ask_if=_when("lab", is_not="none")),
    Question("lab_results_online", "journey", "yes_no", N_("Did you get your results on a website?"),
             N_("For example mesanalyses.fr, which shows the results of hundreds of laboratories."),
             _yes_no(), ask_if=_when("lab", is_not="none"), default=False),
    # -- journey: the pharmacy ---------------------------------------------------------------------------------------------
    Question("pharmacy", "journey", "yes_no", N_("Did you collect medicines at a pharmacy?"),
             N_("The pharmacy's software records what it gives you."), _yes_no(), default=False),
    Question("pharmacy_name", "journey", "text", N_("What is the pharmacy's name? (optional)"),
             ask_if=_when("pharmacy")),
    Question("pharmacy_address", "journey", "text", N_("What is the pharmacy's address? (optional)"),
             ask_if=_when("pharmacy")),
    Question(
        "dossier_pharmaceutique", "journey", "choice", N_("Do you have a Dossier Pharmaceutique?"),
        N_("The Dossier Pharmaceutique (DP) lists the medicines dispensed to you in the last months, so that any "
           "pharmacist in France can check for dangerous combinations. The pharmacist opens it with your carte Vitale "
           "if you agree. It is run by the pharmacists' professional order."),
        (Choice("yes", N_("Yes")), Choice("no", N_("No")), UNKNOWN),
        ask_if=_when("pharmacy"), default="unknown",
    ),
    # -- journey: hospital and imaging -------------------------------------------------------------------------------------
    Question(
        "hospital", "journey", "choice", N_("Were you treated in a hospital or a clinic?"),
        N_("A consultation, an emergency visit or a stay. Public hospitals (CHU, CH, AP-HP…) are public bodies; clinics "
           "are private companies."),
        (Choice("none", N_("No")), Choice("public", N_("Yes, a public hospital")),
         Choice("private", N_("Yes, a private clinic"))),
        default="none",
    ),
    Question("hospital_name", "journey", "text", N_("What is the hospital's or clinic's name?"),
             ask_if=_when("hospital", is_not="none")),
    Question("hospital_address", "journey", "text", N_("What is its address? (optional)"),
             N_("The main address is enough; sar also knows some hospitals' data-protection officers."),
             ask_if=_when("hospital", is_not="none")),
    Question("imaging", "journey", "yes_no", N_("Did you have an X-ray, a scan, an MRI or an ultrasound?"),
             N_("Imaging centres keep the images and the radiologist's report."), _yes_no(), default=False),
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
             N_("For example \"CPAM du Rhône\". It is on your ameli.fr account and on the letters it sends you. Each "
                "fund has its own data-protection officer.")),
    Question(
        "mutuelle", "journey", "choice_or_text", N_("Do you have a supplementary health insurance (mutuelle)? Which one?"),
        N_("The mutuelle or insurer that pays what the public insurance does not. Write its name if it is not listed."),
        (Choice("harmonie-mutuelle", N_("Harmonie Mutuelle")), Choice("mgen", N_("MGEN")),
         Choice("malakoff-humanis", N_("Malakoff Humanis")), Choice("axa", N_("AXA")), Choice("alan", N_("Alan")),
         Choice("none", N_("None"))),
        default="none",
    ),
    Question(
        "tiers_payant", "journey", "yes_no", N_("Do you usually not pay upfront at the pharmacy or the doctor's?"),
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
        "mon_espace_sante", "journey", "choice", N_("What about your Mon Espace Santé?"),
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


def next_question(answers: Mapping[str, Any]) -> Question | None:
    """The first question, in interview order, that applies and is not answered yet; None when the interview is done."""
    for q in QUESTIONS:
        if q.id not in answers and q.applies(answers):
            return q
    return None


def complete(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Every key of the schema: the answers given where the question applies, the question's empty value elsewhere.

    `ask_if` only looks at earlier questions, so one pass in interview order settles every key.
    """
    result: dict[str, Any] = {}
    for q in QUESTIONS:
        result[q.id] = answers[q.id] if q.id in answers and q.applies(result) else q.empty_value()
    return result


# -- reading and checking answers -------------------------------------------------------------------------------------

_YES = {"yes", "y", "oui", "o", "true", "vrai", "1"}
_NO = {"no", "n", "non", "false", "faux", "0"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


def validate(q: Question, raw: Any) -> Any:
    """Check `raw` (a value from a TOML/JSON file, or text typed in the chat) and return the answer sar stores.

    Blank optional answers become the question's empty value; a blank required answer, or a wrong one, raises InputError
    with a message saying what is expected.
    """
    for text in (raw if isinstance(raw, (list, tuple)) else [raw]):
        if isinstance(text, str):
            check_characters(text)
    if isinstance(raw, str):
        raw = raw.strip()
    if raw is None or raw == "" or (q.kind == "choices" and raw == []):
        if q.required:
            raise InputError(_("an answer is required"))
        return q.empty_value()
    checker = _CHECKERS[q.kind]
    return checker(q, raw)


# Bidirectional formatting characters (Unicode UAX #9): embeddings, overrides and isolates can make a letter show text in
# another order than it holds ("Trojan Source"), so a name or an address could read differently from what is sent.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def check_characters(text: str) -> str:
    """Refuse characters that have no place in a letter: control characters (NUL, escape, backspace...), bidirectional
    overrides, unpaired surrogates and non-characters. The message gives the position and the code point.

    Tabs and line breaks are white space, which answers collapse to single spaces: they are not refused.
    """
    for position, character in enumerate(text, start=1):
        category = unicodedata.category(character)
        if category == "Cc" and not character.isspace():
            problem = _("a control character")
        elif character in _BIDI_CONTROLS:
            problem = _("a bidirectional text control")
        elif category == "Cs" or (0xFDD0 <= ord(character) <= 0xFDEF) or (ord(character) & 0xFFFE) == 0xFFFE:
            problem = _("not a character")
        else:
            continue
        name = unicodedata.name(character, "") or ("NUL" if character == "\0" else "")
        raise InputError(_("character {position} (U+{code:04X}{name}) is {problem}, which has no place in a letter: "
                           "remove it").format(position=position, code=ord(character),
                                               name=f" {name}" if name else "", problem=problem))
    return text


def parse_text(q: Question, text: str) -> Any:
    """Read a CSV cell or a typed answer: yes/no as oui/non/yes/no/true/false/1/0, lists separated by `;`."""
    return validate(q, "" if text is None else str(text))


def _check_yes_no(q: Question, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    word = str(raw).strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise InputError(_("{value!r} is not yes or no: write yes, no, oui, non, true, false, 1 or 0").format(value=raw))


def _choice_value(q: Question, raw: Any) -> Any:
    word = str(raw).strip()
    for value in q.choice_values:
        if str(value).lower() == word.lower():
            return value
    raise InputError(
        _("{value!r} is not one of the choices: {choices}").format(
            value=raw, choices=", ".join(str(v) for v in q.choice_values)
        )
    )


def _check_choice(q: Question, raw: Any) -> Any:
    if not isinstance(raw, str):
        raise InputError(_("expected one of {choices}").format(choices=", ".join(str(v) for v in q.choice_values)))
    return _choice_value(q, raw)


def _check_choices(q: Question, raw: Any) -> tuple[Any, ...]:
    if isinstance(raw, str):
        items = [part.strip() for part in raw.split(";") if part.strip()]
    elif isinstance(raw, (list, tuple)):
        items = list(raw)
    else:
        raise InputError(
            _("expected a list of choices among {choices}").format(choices=", ".join(str(v) for v in q.choice_values))
        )
    values: list[Any] = []
    for item in items:
        if not isinstance(item, str):
            raise InputError(
                _("{value!r} is not one of the choices: {choices}").format(
                    value=item, choices=", ".join(str(v) for v in q.choice_values)
                )
            )
        value = _choice_value(q, item)
        if value not in values:
            values.append(value)
    return tuple(values)


def _check_choice_or_text(q: Question, raw: Any) -> str:
    if not isinstance(raw, str):
        raise InputError(_("expected a name or one of {choices}").format(choices=", ".join(q.choice_values)))
    for value in q.choice_values:
        if value.lower() == raw.lower():
            return value
    return _check_text(q, raw)


def _check_text(q: Question, raw: Any) -> str:
    if not isinstance(raw, str):
        raise InputError(_("expected text, got {value!r}").format(value=raw))
    text = " ".join(raw.split()) if "\n" not in raw else raw.strip()
    if len(text) > 300:
        raise InputError(_("this answer is too long (at most 300 characters)"))
    return text


def _check_date(q: Question, raw: Any, *, today: date | None = None) -> date:
    today = today or date.today()
    if isinstance(raw, date):
        day = raw
    elif isinstance(raw, str):
        day = parse_date(raw)  # 12/04/1985, 12 avril 1985, 12 April 1985, 1985-04-12 (sar.dates)
    else:
        raise InputError(_("expected a date written like 12/04/1985 or 1985-04-12"))
    if day > today:
        raise InputError(_("{date} is in the future").format(date=format_date(day)))
    if q.id == "birth_date" and day.year < today.year - MAX_AGE_YEARS:
        raise InputError(_("{date} is not a plausible date of birth").format(date=format_date(day)))
    return day


def _check_postcode(q: Question, raw: Any) -> str:
    """A French postcode: 5 digits; Corsica's are 20xxx (not 2A/2B, which are department codes); overseas 97x."""
    text = str(raw).strip().replace(" ", "")
    if re.fullmatch(r"2[AaBb]\d{3}", text):
        raise InputError(
            _("{value!r}: Corsican postcodes are written with digits and start with 20, e.g. 20000 or 20200").format(
                value=raw
            )
        )
    if not re.fullmatch(r"\d{5}", text):
        raise InputError(_("{value!r} is not a postcode: write 5 digits, e.g. 69003").format(value=raw))
    department = int(text[:2])
    if department == 0 or department == 96 or department == 99:
        raise InputError(_("{value!r} is not a French postcode").format(value=raw))
    return text


def _check_email(q: Question, raw: Any) -> str:
    text = str(raw).strip()
    if not _EMAIL.match(text):
        raise InputError(_("{value!r} is not an e-mail address: write it like name@example.org").format(value=raw))
    return text


def _check_nir(q: Question, raw: Any) -> str:
    """The social security number (NIR): 15 characters with its 2-digit key checked (python-stdnum, stdnum.fr.nir)."""
    text = str(raw)
    try:
        return stdnum_nir.validate(text)
    except InvalidChecksum:
        raise InputError(
            _("{value!r}: the last two digits (the key) do not match; check the number on your carte Vitale").format(
                value=raw
            )
        ) from None
    except ValidationError:
        raise InputError(
            _("{value!r} is not a social security number: 15 digits, e.g. 2 95 10 99 126 111 93").format(value=raw)
        ) from None


_CHECKERS: dict[str, Callable[[Question, Any], Any]] = {
    "yes_no": _check_yes_no,
    "choice": _check_choice,
    "choices": _check_choices,
    "choice_or_text": _check_choice_or_text,
    "text": _check_text,
    "date": _check_date,
    "postcode": _check_postcode,
    "email": _check_email,
    "nir": _check_nir,
}

