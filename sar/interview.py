"""The interview: walking the questions (`sar.questions`, the table) in order, and checking every answer.

The chat TUI walks `QUESTIONS` as a conversation (`next_question`, each put as `offer` says: asked, stated or confirmed,
with the progress line of `progress`), answers files give the same ids as keys
(`sar.journey`), and CSV files give them as columns (`parse_text`: lists `;`-separated, yes/no as oui/non/yes/no/1/0).
Nothing about a question is written anywhere else than in its table. The schema is the one in docs/design.md
("Answers file").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Literal, Mapping

from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fr import nir as stdnum_nir

from sar.errors import InputError
from sar.dates import parse_date
from sar.i18n import _, format_date
from sar.names import is_latin
from sar.places import region_for_postcode  # noqa: F401  (sar.journey reads it from here)
# The table of questions (sar.questions); its names are read from here too, as the interview's own.
from sar.questions import (  # noqa: F401
    KINDS, PARTS, QUESTIONS, SECTION_KEYS, SECTIONS, UNKNOWN, Choice, Question, part_of, question,
)

# Plausibility bound for a birth date: nobody sar writes for was born more than this many years ago.
MAX_AGE_YEARS = 125


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


# -- how the chat puts each question (issue 24.3: only the questions that need asking) --------------------------------

How = Literal["ask", "state", "confirm"]


@dataclass(frozen=True)
class Offer:
    """How the chat puts a question: "ask" it; "state" the answer the earlier ones settle (the person reads it and goes
    on, or clicks it to change it); "confirm" the one they suggest (one key). `value` is the answer stated or offered,
    `text` the statement or the confirmation, in the UI language."""

    question: Question
    how: How
    value: Any = None
    text: str = ""


def offer(q: Question, answers: Mapping[str, Any]) -> Offer:
    """How to put `q`, given the answers so far (see `Question`: `suggest`, `state`, `settled`, `confirm`)."""
    suggestions = q.suggestions(answers)
    if len(suggestions) == 1:
        value = suggestions[0]
        if q.is_settled(answers) and q.statement(value):
            return Offer(q, "state", value, _said(q.statement(value), q, value, answers))
        if q.confirm:
            return Offer(q, "confirm", value, _said(q.confirm, q, value, answers))
    return Offer(q, "ask")


def _said(message: str, q: Question, value: Any, answers: Mapping[str, Any]) -> str:
    label = next((_(choice.label) for choice in q.choices if choice.value == value), str(value))
    return _(message).format_map({**answers, "answer": label})


def prompt_text(q: Question, answers: Mapping[str, Any]) -> str:
    """The question as the chat asks it, in the UI language, worded after the answers so far ("Which Cerballiance
    laboratory did you go to?")."""
    message, values = q.worded(answers)
    return _(message).format(**{key: _(value) for key, value in values.items()})


@dataclass(frozen=True)
class Progress:
    """Where the person is: part `part` of `parts` (its name a msgid), and about how far through the whole (0 to 1)."""

    part: int
    parts: int
    name: str
    fraction: float
    done: bool = False


def progress(answers: Mapping[str, Any]) -> Progress:
    """The progress line's truth: the part of the current question among the fixed parts of the interview, and an
    estimate of how far through that part the person is, from the questions that apply so far."""
    current = next_question(answers)
    if current is None:
        return Progress(len(PARTS), len(PARTS), PARTS[-1], 1.0, done=True)
    part = part_of(current)
    applying = [q for q in QUESTIONS if part_of(q) == part and q.applies(answers)]
    answered = sum(1 for q in applying if q.id in answers)
    within = answered / len(applying) if applying else 0.0
    return Progress(part, len(PARTS), PARTS[part - 1], (part - 1 + within) / len(PARTS))


@dataclass(frozen=True)
class Step:
    """One question of a walk through the interview: how the chat put it, and how many answers the person gave (0 for a
    statement kept, 1 for a question or a confirmation, 2 when they changed what was stated or offered)."""

    offer: Offer
    answers: int

    @property
    def how(self) -> How:
        return self.offer.how


def walk(wanted: Mapping[str, Any]) -> list[Step]:
    """The interview as the chat walks it for a person who answers `wanted` ({question id: value}; a question they do not
    give is left empty, a stated or offered answer they do not give is kept). benchmarks/questions.py counts it."""
    answers: dict[str, Any] = {}
    steps = []
    while (q := next_question(answers)) is not None:
        made = offer(q, answers)
        if made.how == "ask":
            answers[q.id], given = wanted.get(q.id, q.empty_value()), 1
        else:
            answers[q.id] = wanted.get(q.id, made.value)
            given = (0 if made.how == "state" else 1) if answers[q.id] == made.value else 2
        steps.append(Step(made, given))
    return steps


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


def _check_latin_name(q: Question, raw: Any) -> str:
    """A name's spelling in Latin letters (sar.names), as on a carte Vitale or an identity document."""
    text = _check_text(q, raw)
    if not is_latin(text):
        raise InputError(_("{value!r} is not in Latin letters: write your name as on your carte Vitale or identity "
                           "document, e.g. Olga").format(value=text))
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
    "latin_name": _check_latin_name,
    "date": _check_date,
    "postcode": _check_postcode,
    "email": _check_email,
    "nir": _check_nir,
}
