"""The interview: walking the questions (`sar.questions`, the table) in order, and checking every answer.

The chat TUI walks `QUESTIONS` as a conversation (`next_question`), answers files give the same ids as keys
(`sar.journey`), and CSV files give them as columns (`parse_text`: lists `;`-separated, yes/no as oui/non/yes/no/1/0).
Nothing about a question is written anywhere else than in its table. The schema is the one in docs/design.md
("Answers file").
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any, Callable, Mapping

from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fr import nir as stdnum_nir

from sar.errors import InputError
from sar.dates import parse_date
from sar.i18n import _, format_date
from sar.names import is_latin
from sar.places import region_for_postcode  # noqa: F401  (sar.journey reads it from here)
# The table of questions (sar.questions); its names are read from here too, as the interview's own.
from sar.questions import KINDS, QUESTIONS, SECTION_KEYS, SECTIONS, UNKNOWN, Choice, Question, question  # noqa: F401

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
