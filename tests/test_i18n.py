"""Every message in the code has a French translation, and dates read as French and English letters write them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from babel.messages.extract import extract_from_dir

from sar import i18n

ROOT = Path(__file__).resolve().parent.parent


def messages_in_code() -> set[str]:
    """Every msgid the code uses; a plural message is known by its singular form, as in the catalog."""
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=[("sar/**.py", "python")], keywords={"_": None, "N_": None, "gettext": (1,),
                                                                      "ngettext": (1, 2)}
    ):
        singular = message[0] if isinstance(message, tuple) else message
        if singular:
            found.add(singular)
    return found


def translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings) and not message.fuzzy


def test_every_message_has_a_french_translation():
    french = i18n.catalog("fr")
    untranslated = sorted(m for m in messages_in_code() if m not in french or not translated(french[m]))
    assert not untranslated, "run `python scripts/i18n.py update`, then translate:\n" + "\n".join(untranslated)


def test_the_code_has_messages_to_check():
    assert len(messages_in_code()) > 50


def test_translation_switches_with_the_language():
    i18n.set_language("fr")
    assert i18n._("print one JSON document") == "afficher un document JSON"
    i18n.set_language("en")
    assert i18n._("print one JSON document") == "print one JSON document"
    assert i18n.gettext("print one JSON document", "fr") == "afficher un document JSON"


def test_french_dates_write_1er_and_english_dates_read_british():
    assert i18n.format_date(date(2026, 3, 1), "fr") == "1er mars 2026"
    assert i18n.format_date(date(2026, 3, 1), "fr", weekday=True) == "dimanche 1er mars 2026"
    assert i18n.format_date(date(2026, 11, 22), "fr") == "22 novembre 2026"
    assert i18n.format_date(date(2026, 3, 1), "en") == "1 March 2026"
    assert i18n.format_date(date(2026, 3, 1), "en", weekday=True) == "Sunday, 1 March 2026"


def test_system_language():
    assert i18n.system_language({"LANG": "en_GB.UTF-8"}) == "en"
    assert i18n.system_language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert i18n.system_language({"LANG": "C.UTF-8"}) == "fr"
    assert i18n.system_language({"SAR_LANG": "en", "LANG": "fr_FR.UTF-8"}) == "en"
