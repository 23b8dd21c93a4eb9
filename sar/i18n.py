"""Translations and locale-aware formatting shared by the core, the CLI and the TUI.

Messages are written in English in the code and marked with `_()` (or `N_()` where a string is defined as data and translated
when shown). Catalogs are plain `.po` files under `locales/<lang>/LC_MESSAGES/`, compiled in memory with Babel when first
used: no binary in git, no build step, the same behaviour in a wheel and in a checkout. `scripts/i18n.py` keeps them in
step with the code.

Dates go through Babel. French letters write « 1er » for the first day of a month, which CLDR does not produce.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from sar.resources import resource_dir

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
# English dates in the European order ("1 March 2026") read right to a British or Irish recipient and to a French one.
BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}

_current = DEFAULT_LANGUAGE


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for extraction without translating it now (it is translated where it is shown)."""
    return message


def check_language(lang: str) -> str:
    """Return `lang` if sar speaks it, else raise ValueError naming the choices."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    return lang


def system_language(environ: dict[str, str] | None = None) -> str:
    """The language to start in: SAR_LANG if set, else English for an English locale, else French (sar is for France)."""
    env = os.environ if environ is None else environ
    if env.get("SAR_LANG") in LANGUAGES:
        return env["SAR_LANG"]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


@cache
def catalog(lang: str) -> Catalog:
    """The messages of `lang`, read from `locales/<lang>/LC_MESSAGES/messages.po` (empty if there is none)."""
    po_path = resource_dir("locales") / lang / "LC_MESSAGES" / "messages.po"
    if not po_path.is_file():
        return Catalog(locale=lang, domain="messages")
    with po_path.open("rb") as f:
        return read_po(f, locale=lang)


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """A gettext translations object for `lang` (English messages pass through unchanged)."""
    check_language(lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog(lang), use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def set_language(lang: str) -> None:
    """Switch the language of `_()` for the whole process (the UI language)."""
    global _current
    _current = check_language(lang)


def current_language() -> str:
    return _current


def gettext(message: str, lang: str | None = None) -> str:
    """Translate `message` into `lang`, by default the current UI language."""
    return translations(lang or _current).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    return translations(lang or _current).ngettext(singular, plural, n)


_ = gettext


def babel_locale(lang: str) -> Locale:
    return Locale.parse(BABEL_LOCALES[check_language(lang)])


def format_date(day: date, lang: str | None = None, *, weekday: bool = False) -> str:
    """A date as written in running text: « 1er mars 2026 », "1 March 2026"; with the weekday if asked.

    Babel's narrow no-break spaces are kept here; the PDF writer normalises them.
    """
    return _format_date(day, lang or _current, weekday)


def format_iso_date(text: str, lang: str | None = None, *, missing: str = "-") -> str:
    """An ISO date kept in a data file ("2026-12-01"), written as in running text; `missing` when there is none, and
    the text as it is when it is not a date (a data file's value is shown, never dropped)."""
    if not text:
        return missing
    try:
        return format_date(date.fromisoformat(text), lang)
    except ValueError:
        return text


@cache
def _format_date(day: date, lang: str, weekday: bool) -> str:
    # Cached: a bulk run writes the same few dates into thousands of letters, and Babel formatting is slow.
    locale = BABEL_LOCALES[check_language(lang)]
    if lang == "fr" and day.day == 1:
        # CLDR writes "1 mars"; French usage is "1er mars".
        text = _babel_format_date(day, format="EEEE 'XX' MMMM y" if weekday else "'XX' MMMM y", locale=locale)
        return text.replace("XX", "1er")
    return _babel_format_date(day, format="full" if weekday else "long", locale=locale)


def weekday_name(day: date, lang: str | None = None) -> str:
    return _babel_format_date(day, format="EEEE", locale=BABEL_LOCALES[check_language(lang or _current)])
