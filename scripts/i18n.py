"""Maintain the gettext catalogs (a developer's tool; not part of the installed package).

    python scripts/i18n.py update         extract messages from sar/ into locales/messages.pot, update fr and en catalogs
    python scripts/i18n.py missing        list the French messages still untranslated (also a test failure)
    python scripts/i18n.py fill FILE.json fill French translations from a {"English msgid": "French msgstr"} JSON file

Catalogs are kept sorted by msgid and without source locations, so parallel changes rarely conflict.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
FRENCH = LOCALES / "fr" / "LC_MESSAGES" / "messages.po"


def run(*command: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *command], cwd=ROOT, check=True)


def update() -> None:
    run("extract", "-F", "babel.cfg", "--no-location", "--omit-header", "--sort-output", "-o", "locales/messages.pot", ".")
    run("update", "-i", "locales/messages.pot", "-d", "locales", "-D", "messages", "--no-fuzzy-matching",
        "--ignore-obsolete", "--omit-header")


def load(path: Path):
    with path.open("rb") as f:
        return read_po(f, locale=path.parent.parent.name)


def save(catalog, path: Path) -> None:
    with path.open("wb") as f:
        # The same layout as `update` (babel's default width, no header), so that a fill changes only what it fills.
        write_po(f, catalog, omit_header=True, sort_output=True, no_location=True)


def missing() -> list[str]:
    def untranslated(message) -> bool:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return not all(strings) or message.fuzzy

    return [m.id[0] if isinstance(m.id, tuple) else m.id for m in load(FRENCH) if m.id and untranslated(m)]


def fill(mapping_file: Path) -> None:
    """Plural messages take a list: [singular, plural] (the French catalog's third form, CLDR's "many", is the plural)."""
    mapping = json.loads(mapping_file.read_text(encoding="utf-8"))
    catalog = load(FRENCH)
    unknown = [key for key in mapping if key not in catalog]
    for key, value in mapping.items():
        if key in catalog:
            message = catalog[key]
            if isinstance(message.id, tuple):
                forms = list(value) if isinstance(value, list) else [value, value]
                message.string = tuple((forms + [forms[-1]] * 3)[:len(message.string)])
            else:
                message.string = value
            message.flags.discard("fuzzy")
    save(catalog, FRENCH)
    if unknown:
        print("not in the catalog (run update first?):", *unknown, sep="\n  ")


if __name__ == "__main__":
    match sys.argv[1:]:
        case ["update"]:
            update()
        case ["missing"]:
            print("\n".join(missing()) or "all French messages are translated")
        case ["fill", path]:
            fill(Path(path))
        case _:
            print(__doc__)
            sys.exit(2)
