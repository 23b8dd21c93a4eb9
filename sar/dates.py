"""Dates as people write them: « 12/04/1985 », « 12.04.1985 », « 1er avril 1985 », "12 April 1985", "1985-04-12".

Every date sar asks for (the chat, answers files, CSV cells, the CLI's date options, the TUI's date dialogs) is read here, so
that a person can write a date the way they would on a form in France or the United Kingdom, in either language whatever
the UI language. The knowledge comes from Babel's CLDR data where it has it:

- the order of a numeric date is the order of the fields in the locale's short date pattern (``dd/MM/y`` for fr_FR and
  en_GB: day first), with ``/``, ``.`` or ``-`` between them; a date that starts with a four-digit year is ISO 8601
  (year, month, day);
- month names are the locale's wide and abbreviated names (``get_month_names``), accents and a final dot optional, so
  « fevrier », « févr. », "Sept" and "Sep" all read as the month they abbreviate.
- a weekday before the date (« vendredi 12 avril 1985 », "Fri 12/04/1985") is read with ``get_day_names`` and checked.

What CLDR does not hold is written here: the ordinal marks of a day (French « 1er », English "1st", "2nd", "3rd", "12th")
and a leading French « le ». A date that cannot exist says what is wrong with it ("February 1985 has 28 days", "there is no
month 13"), in the UI language.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from functools import cache

from babel.dates import format_date as babel_format_date
from babel.dates import get_date_format, get_day_names, get_month_names

from sar.errors import InputError
from sar.i18n import BABEL_LOCALES, _, current_language, format_date

# Whose month names and numeric order are read: both of sar's languages, and plain "en" for the US abbreviation "Sep".
READ_LOCALES = ("fr_FR", "en_GB", "en")
# Ordinal marks after the day: French « 1er » (« 1re », « 1ᵉʳ » after normalisation), English "1st", "2nd", "3rd", "4th".
_ORDINAL = r"(?:er|re|e|st|nd|rd|th)?"
_NUMERIC = re.compile(r"(\d{1,4})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{1,4})")
_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}}){_ORDINAL}\.?\s+([^\W\d_][^\s\d,]*)\s*,?\s*(\d{{1,4}})", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"([^\W\d_][^\s\d,]*)\s+(\d{{1,2}}){_ORDINAL}\s*,?\s+(\d{{1,4}})", re.IGNORECASE)
_NO_YEAR = re.compile(rf"(\d{{1,2}}){_ORDINAL}\.?\s*(?:[/.\-]\s*\d{{1,2}}|\s+[^\W\d_][^\s\d,]*)", re.IGNORECASE)
_LEADING_WORD = re.compile(r"([^\W\d_]+)\.?\s*,?\s+")


def _fold(text: str) -> str:
    """Lower case, without accents or a final dot: how month names are compared."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).rstrip(".")


@cache
def month_numbers() -> dict[str, int]:
    """Every month name sar reads (wide and abbreviated, in every READ_LOCALES locale), written, to its number."""
    names: dict[str, int] = {}
    for locale in READ_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names.setdefault(_fold(name), number)
    return names


@cache
def weekday_numbers() -> dict[str, int]:
    """Every weekday name sar reads (wide and abbreviated, CLDR), folded, to its number (Monday is 0, as `date.weekday`)."""
    names: dict[str, int] = {}
    for locale in READ_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_day_names(width, context, locale).items():
                    names.setdefault(_fold(name), number)
    return names


@cache
def numeric_order() -> tuple[str, str, str]:
    """The order of day, month and year in a numeric date, from CLDR's short date pattern of sar's locales.

    Both fr_FR and en_GB write ``dd/MM/y``; should a locale ever disagree, the date would be ambiguous, and that is a bug
    to settle here rather than a guess to make silently.
    """
    orders = set()
    for locale in BABEL_LOCALES.values():
        pattern = get_date_format("short", locale).pattern
        positions = {field: pattern.find(field) for field in "dMy"}
        orders.add(tuple(sorted(positions, key=positions.get)))
    if len(orders) != 1:
        raise RuntimeError(f"sar's locales disagree on the order of a numeric date: {orders}")
    return orders.pop()


def _example() -> str:
    """The forms to suggest, in the UI language: 12/04/1985, « 12 avril 1985 » or "12 April 1985", 1985-04-12."""
    return _("write it like 12/04/1985, {long} or 1985-04-12 (day first)").format(long=format_date(date(1985, 4, 12)))


def _not_a_date(text: str) -> InputError:
    return InputError(_("{value!r} is not a date I can read: {example}").format(value=text, example=_example()))


def parse_date(text: str) -> date:
    """The calendar date `text` means, or InputError saying what is wrong (an unreadable form, a day that does not exist).

    A leading weekday (« mardi 12 avril 1985 », "Fri 12/04/1985") is read too, and must be the date's.
    No plausibility check here (a birth date in the future, a receipt before sending): that is the caller's rule.
    """
    written = unicodedata.normalize("NFKC", text).strip()  # « 1ᵉʳ » -> « 1er », full-width digits -> digits
    written = re.sub(r"^le\s+", "", written, flags=re.IGNORECASE)
    weekday = None
    # A word that names both a weekday and a month (« mar. », Tuesday in French; "Mar", March in English) is a month.
    if (match := _LEADING_WORD.match(written)) and _fold(match.group(1)) in weekday_numbers().keys() - month_numbers():
        weekday = weekday_numbers()[_fold(match.group(1))]
        written = re.sub(r"^le\s+", "", written[match.end():], flags=re.IGNORECASE)  # « mardi le 12 avril »
    day = _parse(text, written)
    if weekday is not None and day.weekday() != weekday:
        locale = BABEL_LOCALES[current_language()]
        names = get_day_names("wide", "format", locale)
        raise InputError(
            _("{value!r}: {date} is a {weekday}, not a {written}").format(
                value=text, date=format_date(day), weekday=names[day.weekday()], written=names[weekday]
            )
        )
    return day


def _parse(original: str, written: str) -> date:
    """The date in `written` (normalised, without a weekday); messages quote `original`, as the person wrote it."""
    if match := _NUMERIC.fullmatch(written):
        first, separator, middle, last = match.groups()
        if len(first) == 4:
            year, month, day = first, middle, last
        else:
            fields = dict(zip(numeric_order(), (first, middle, last)))
            day, month, year = fields["d"], fields["M"], fields["y"]
        return _checked(original, year, int(month), int(day), numeric=(separator, len(first) == 4))
    for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        if match := pattern.fullmatch(written):
            parts = dict(zip(order, match.groups()))
            month = month_numbers().get(_fold(parts["m"]))
            if month is None:
                raise InputError(
                    _("{value!r}: {word!r} is not the name of a month").format(value=original, word=parts["m"].rstrip(","))
                )
            return _checked(original, parts["y"], month, int(parts["d"]))
    if _NO_YEAR.fullmatch(written):
        raise InputError(_("{value!r}: the year is missing; write it with four digits, e.g. 1985").format(value=original))
    raise _not_a_date(original)


def _checked(text: str, year_text: str, month: int, day: int, numeric: tuple[str, bool] | None = None) -> date:
    """A date from its parts, or the reason it cannot be one."""
    if len(year_text) != 4:
        raise InputError(_("{value!r}: write the year with four digits, e.g. 1985").format(value=text))
    year = int(year_text)
    if year == 0:
        raise _not_a_date(text)
    if not 1 <= month <= 12:
        if numeric and not numeric[1] and 1 <= day <= 12:
            # 04/13/1985, written month first as in the United States: say how sar reads it, and what was probably meant.
            separator = numeric[0]
            meant = f"{month:02d}{separator}{day:02d}{separator}{year}"
            raise InputError(
                _("{value!r}: there is no month {month}; dates are read day first, so perhaps you meant {meant}").format(
                    value=text, month=month, meant=meant
                )
            )
        raise InputError(
            _("{value!r}: there is no month {month}; months go from 1 to 12").format(value=text, month=month)
        )
    length = calendar.monthrange(year, month)[1]
    if not 1 <= day <= length:
        if day == 0:
            raise InputError(_("{value!r}: there is no day 0 in a month").format(value=text))
        raise InputError(
            _("{value!r}: {month} has {days} days").format(value=text, month=month_and_year(year, month), days=length)
        )
    return date(year, month, day)


def month_and_year(year: int, month: int, lang: str | None = None) -> str:
    """« février 1985 », "February 1985": a month named as in running text (CLDR's stand-alone wide month and the year)."""
    locale = BABEL_LOCALES[lang or current_language()]
    return babel_format_date(date(year, month, 1), "LLLL y", locale=locale)


def written_date(day: date, lang: str | None = None) -> str:
    """A date as people write it in a form's field, day first: « 03/12/2026 » (CLDR's short date of the language, with
    a four-digit year), which `parse_date` reads back. Fields are prefilled with it, never with an ISO date."""
    return babel_format_date(day, "short", locale=BABEL_LOCALES[lang or current_language()])
