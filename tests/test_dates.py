"""Dates as people write them (sar.dates): every accepted form in both languages, and why an impossible date is refused."""

from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date as babel_format_date
from hypothesis import given, settings
from hypothesis import strategies as st

from sar import i18n
from sar.dates import month_numbers, numeric_order, parse_date
from sar.errors import InputError

APRIL_12 = date(1985, 4, 12)


@pytest.mark.parametrize("lang", ["fr", "en"])  # both languages are read whatever the UI language
@pytest.mark.parametrize(
    "text, expected",
    [
        # numeric, day first (France and the United Kingdom)
        ("12/04/1985", APRIL_12),
        ("12.04.1985", APRIL_12),
        ("12-04-1985", APRIL_12),
        ("12 / 04 / 1985", APRIL_12),
        ("1/4/1985", date(1985, 4, 1)),
        # ISO 8601, year first, whatever the separator
        ("1985-04-12", APRIL_12),
        ("1985/04/12", APRIL_12),
        # French, with month names from CLDR (wide and abbreviated), accents and dots optional
        ("12 avril 1985", APRIL_12),
        ("12 AVRIL 1985", APRIL_12),
        ("1er avril 1985", date(1985, 4, 1)),
        ("1ᵉʳ avril 1985", date(1985, 4, 1)),
        ("le 1er avril 1985", date(1985, 4, 1)),
        ("3 févr. 1985", date(1985, 2, 3)),
        ("3 fevrier 1985", date(1985, 2, 3)),
        ("15 août 1985", date(1985, 8, 15)),
        ("15 aout 1985", date(1985, 8, 15)),
        ("25 déc. 1985", date(1985, 12, 25)),
        # English, day first or month first
        ("12 April 1985", APRIL_12),
        ("12th April 1985", APRIL_12),
        ("1st May 1985", date(1985, 5, 1)),
        ("2nd May 1985", date(1985, 5, 2)),
        ("3rd Sept 1985", date(1985, 9, 3)),
        ("3 Sep 1985", date(1985, 9, 3)),
        ("April 12, 1985", APRIL_12),
        ("  12 April 1985  ", APRIL_12),
        # a weekday first, which must be the date's
        ("vendredi 12 avril 1985", APRIL_12),
        ("ven. 12 avril 1985", APRIL_12),
        ("Friday, 12 April 1985", APRIL_12),
        ("Fri 12/04/1985", APRIL_12),
        ("Mar 12, 1985", date(1985, 3, 12)),  # "Mar" is March, not « mar. » (mardi)
        # leap years
        ("29/02/2000", date(2000, 2, 29)),
        ("29 février 2024", date(2024, 2, 29)),
    ],
)
def test_every_form_people_write(lang, text, expected):
    i18n.set_language(lang)
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, english, french",
    [
        ("30/02/1985", "'30/02/1985': February 1985 has 28 days", "« 30/02/1985 » : février 1985 n'a que 28 jours"),
        ("29/02/1900", "February 1900 has 28 days", "février 1900 n'a que 28 jours"),
        ("31 avril 1985", "April 1985 has 30 days", "avril 1985 n'a que 30 jours"),
        ("2027-02-30", "February 2027 has 28 days", "février 2027 n'a que 28 jours"),
        ("12/13/1985", "there is no month 13", "il n'y a pas de mois 13"),
        ("04/13/1985", "perhaps you meant 13/04/1985", "vouliez-vous dire 13/04/1985"),
        ("1985-13-04", "there is no month 13; months go from 1 to 12", "les mois vont de 1 à 12"),
        ("00/04/1985", "there is no day 0", "il n'y a pas de jour 0"),
        ("12/04/85", "write the year with four digits", "écrivez l'année avec quatre chiffres"),
        ("12 avrl 1985", "'avrl' is not the name of a month", "« avrl » n'est pas un nom de mois"),
        ("hello", "write it like 12/04/1985, 12 April 1985 or 1985-04-12", "écrivez-la comme 12/04/1985, 12 avril 1985"),
        ("", "is not a date I can read", "n'est pas une date"),
        ("mardi 12 avril 1985", "12 April 1985 is a Friday, not a Tuesday", "12 avril 1985 est un vendredi, pas un mardi"),
        ("12 avril", "the year is missing", "il manque l'année"),
        ("12/04", "the year is missing", "il manque l'année"),
    ],
)
def test_an_impossible_date_says_what_is_wrong(text, english, french):
    for lang, message in (("en", english), ("fr", french)):
        i18n.set_language(lang)
        with pytest.raises(InputError) as refused:
            parse_date(text)
        assert message in str(refused.value).replace("\u202f", " ")


def test_the_order_of_a_numeric_date_comes_from_cldr():
    assert numeric_order() == ("d", "M", "y")


def test_month_names_come_from_babel_in_both_languages():
    names = month_numbers()
    assert names["avril"] == names["april"] == names["avr"] == names["apr"] == 4
    assert names["juillet"] == names["juil"] == names["july"] == 7
    assert len(set(names.values())) == 12


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_date_babel_writes_reads_back(day):
    """Whatever CLDR writes in sar's locales (short, medium, long, full; sar's « 1er »), sar reads back the same day."""
    for lang, locale in i18n.BABEL_LOCALES.items():
        for width in ("short", "medium", "long", "full"):
            assert parse_date(babel_format_date(day, width, locale=locale)) == day
        assert parse_date(i18n.format_date(day, lang)) == day
        assert parse_date(i18n.format_date(day, lang, weekday=True)) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d.%m.%Y")) == day


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_date_is_written_as_people_write_it_and_read_back(lang):
    """Issue 24: date fields were prefilled with ISO dates (2026-12-03)."""
    from sar.dates import written_date

    assert written_date(date(2026, 12, 3), lang) == "03/12/2026"
    for day in (date(2026, 1, 1), date(1985, 4, 12), date(2024, 2, 29), date(2026, 12, 31)):
        assert parse_date(written_date(day, lang)) == day
