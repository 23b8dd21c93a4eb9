"""The directory's entries: the bundled file (`sar/data/directory.toml`), the person's own additions over it, checked
field by field, and the slots the person fills (their doctor, their pharmacy...).

Bundled entries carry the source of their facts and the date their contact was verified; a contact sar could not source
stays empty, and the letter then leaves a visible blank instead of an invented address.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Mapping

from sar import bilingual, locations
from sar.bilingual import Bilingual
from sar.directory.model import Actor, Contact
from sar.documents import read_document
from sar.errors import InputError
from sar.i18n import _
from sar.private_files import write_private


# -- loading, validating and searching the directory ---------------------------------------------------------------------

KINDS = ("organisation", "slot", "authority")
CONTROLLER_ROLES = ("controller", "processor", "joint-controllers", "controller-and-processor")
LETTER_KINDS = ("access", "access-medical-record", "access-insurer", "access-vendor", "complaint", "cada")
TEXT_LANGUAGES = ("fr", "en")
CONTACT_FIELDS = ("postal", "email", "web_form", "source", "verified", "quote")
ENTRY_FIELDS = ("id", "name", "kind", "category", "controller", "letter", "role", "data", "data_requested", "retention",
                "notes", "sources", "verified", "contact", "placeholder_name")
USER_FILE_NAMES = ("directory.toml", "directory.json")  # in sar.locations.data_dir(); the .json one is what `add` writes

# The slots the user fills, and the answers that fill them: (name key, address key).
SLOT_ANSWERS = {
    "your-doctor": ("doctor_name", "doctor_address"),
    "your-pharmacy": ("pharmacy_name", "pharmacy_address"),
    "your-hospital": ("hospital_name", "hospital_address"),
    "your-lab-site": ("lab_name", "lab_address"),
    "your-cpam": ("insurance_fund_name", None),
    "your-mutuelle": ("mutuelle", None),
}

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class DirectoryError(InputError):
    """A directory file with problems: every problem at once, one line each, naming the entry and the field."""

    def __init__(self, problems: list[str], source: str = ""):
        self.problems = list(problems)
        header = [_("{source}: the directory entries have problems; nothing was changed:").format(source=source)] if source else []
        super().__init__("\n".join(header + ["  " + p for p in problems]))


class UnknownActor(InputError):
    def __init__(self, actor_id: str):
        self.actor_id = actor_id
        super().__init__(
            _("no organisation with id {id!r}: see `sar directory list` or `sar directory search TEXT`").format(id=actor_id)
        )


def is_iso_date(text: Any) -> bool:
    try:
        date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return True


def _check_entry(entry: Any, where: str, problems: list[str], *, user: bool) -> dict[str, Any] | None:
    """Check one `[[actor]]` table; bundled entries must be complete, a user's may give only what they change."""
    if not isinstance(entry, Mapping):
        problems.append(_("{where}: expected a table of fields").format(where=where))
        return None
    actor_id = entry.get("id")
    if not isinstance(actor_id, str) or not _ID.match(actor_id):
        problems.append(_("{where}: id must be lowercase letters, digits and hyphens, e.g. \"my-clinic\"").format(where=where))
        return None
    where = f"{where} ({actor_id})"
    before = len(problems)

    def bad(field_name: str, expected: str) -> None:
        problems.append(_("{where}: {field}: expected {expected}").format(where=where, field=field_name, expected=expected))

    for key in entry:
        if key not in ENTRY_FIELDS:
            problems.append(_("{where}: {field}: unknown field").format(where=where, field=key))
    required = () if user else ("name", "role", "sources", "verified")
    for key in required:
        if not entry.get(key):
            problems.append(_("{where}: {field}: missing").format(where=where, field=key))
    if "placeholder_name" in entry and not isinstance(entry["placeholder_name"], bool):
        bad("placeholder_name", _("true or false"))
    if "category" in entry and not isinstance(entry["category"], str):
        bad("category", _("text"))
    if "name" in entry:
        name = entry["name"]
        if not (isinstance(name, str) or (isinstance(name, Mapping) and set(name) <= set(TEXT_LANGUAGES) and name
                                          and all(isinstance(v, str) and v for v in name.values()))):
            bad("name", _("a text, or a table {fr = \"...\", en = \"...\"}"))
    for key, allowed in (("kind", KINDS), ("controller", CONTROLLER_ROLES), ("letter", LETTER_KINDS)):
        if key in entry and entry[key] not in allowed:
            bad(key, _("one of {choices}").format(choices=", ".join(allowed)))
    for key in ("role", "retention", "notes"):
        if key in entry:
            value = entry[key]
            if not (isinstance(value, Mapping) and set(value) <= set(TEXT_LANGUAGES)
                    and all(isinstance(v, str) for v in value.values())):
                bad(key, _("a table {fr = \"...\", en = \"...\"}"))
            elif key == "role" and not user and not all(value.get(lang) for lang in TEXT_LANGUAGES):
                bad(key, _("a text in both French and English"))
    for key in ("data", "data_requested"):
        value = entry.get(key, {})
        if not (isinstance(value, Mapping) and set(value) <= set(TEXT_LANGUAGES)
                and all(isinstance(v, list) and all(isinstance(i, str) for i in v) for v in value.values())):
            bad(key, _("a table {fr = [\"...\"], en = [\"...\"]}"))
    if "sources" in entry and not (isinstance(entry["sources"], list) and all(isinstance(s, str) for s in entry["sources"])):
        bad("sources", _("a list of texts (URLs)"))
    if "verified" in entry and not is_iso_date(entry["verified"]):
        bad("verified", _("a date written YYYY-MM-DD"))
    if "contact" in entry:
        contact = entry["contact"]
        if not isinstance(contact, Mapping):
            bad("contact", _("a table with postal, email, web_form, source, verified"))
        else:
            for key, value in contact.items():
                if key not in CONTACT_FIELDS:
                    problems.append(_("{where}: contact.{field}: unknown field").format(where=where, field=key))
                elif not isinstance(value, str):
                    bad(f"contact.{key}", _("text"))
            filled = any(contact.get(key) for key in ("postal", "email", "web_form"))
            if filled and not user and not (contact.get("source") and is_iso_date(contact.get("verified"))):
                bad("contact", _("a source and a verified date for a contact that is given"))
            if contact.get("verified") and not is_iso_date(contact["verified"]):
                bad("contact.verified", _("a date written YYYY-MM-DD"))
            if contact.get("email") and "@" not in contact["email"]:
                bad("contact.email", _("an e-mail address"))
    return dict(entry) if len(problems) == before else None


def _actor(entry: Mapping[str, Any], origin: str) -> Actor:
    contact = entry.get("contact") or {}
    return Actor(
        id=entry["id"],
        name=entry.get("name", entry["id"]),
        kind=entry.get("kind", "organisation"),
        category=entry.get("category", ""),
        controller=entry.get("controller", "controller"),
        letter=entry.get("letter", "access"),
        role=entry.get("role", {}),
        data=entry.get("data", {}),
        data_requested=entry.get("data_requested", {}),
        retention=entry.get("retention", {}),
        notes=entry.get("notes", {}),
        placeholder_name=bilingual.text(entry.get("name", entry["id"])) if entry.get("placeholder_name") else None,
        sources=tuple(entry.get("sources", ())),
        verified=entry.get("verified", ""),
        contact=Contact(**{key: contact.get(key, "") for key in CONTACT_FIELDS}),
        origin=origin,
    )


def _entries(document: Any, source: str) -> list[Any]:
    if isinstance(document, list):
        return document
    if isinstance(document, Mapping) and isinstance(document.get("actor", []), list) and set(document) <= {"actor"}:
        return document.get("actor", [])
    raise DirectoryError([_("expected [[actor]] tables (TOML) or a list of entries (JSON)")], source)


def _parse(path: Path) -> Any:
    return read_document(path, _("directory files"))


def read_entries(path: Path, *, user: bool) -> list[dict[str, Any]]:
    """The checked entries of a directory file; DirectoryError lists every problem."""
    problems: list[str] = []
    checked = []
    seen = set()
    for number, entry in enumerate(_entries(_parse(path), str(path)), start=1):
        result = _check_entry(entry, _("entry {number}").format(number=number), problems, user=user)
        if result is not None:
            if result["id"] in seen:
                problems.append(_("entry {number}: id {id!r} appears twice").format(number=number, id=result["id"]))
            seen.add(result["id"])
            checked.append(result)
    if problems:
        raise DirectoryError(problems, str(path))
    return checked


def bundled_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "directory.toml"


@cache
def _bundled() -> tuple[dict[str, Any], ...]:
    return tuple(read_entries(bundled_path(), user=False))


def _merge(base: Mapping[str, Any] | None, override: Mapping[str, Any]) -> dict[str, Any]:
    """A user's entry over the bundled one: the fields they give replace ours (the contact field by field)."""
    merged = dict(base or {})
    for key, value in override.items():
        if key == "contact" and isinstance(merged.get("contact"), Mapping):
            merged["contact"] = {**merged["contact"], **value}
        else:
            merged[key] = value
    return merged


def user_paths() -> list[Path]:
    return [locations.data_dir() / name for name in USER_FILE_NAMES]


def _user_entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in user_paths():
        if path.is_file():
            entries += read_entries(path, user=True)
    return entries


def load_directory() -> dict[str, Actor]:
    """Every actor sar knows, by id: the bundled directory, then the user's own additions and corrections over it."""
    merged: dict[str, tuple[dict[str, Any], str]] = {entry["id"]: (dict(entry), "bundled") for entry in _bundled()}
    for entry in _user_entries():
        base = merged.get(entry["id"], (None, "user"))[0]
        if base and "data" in entry and "data_requested" not in entry:  # our letter text would not match their data
            base = {key: value for key, value in base.items() if key != "data_requested"}
        merged[entry["id"]] = (_merge(base, entry), "user")
    return {actor_id: _actor(entry, origin) for actor_id, (entry, origin) in merged.items()}


def get(actor_id: str, directory: Mapping[str, Actor] | None = None) -> Actor:
    """The actor with this id, or UnknownActor (an InputError) saying how to find the right id."""
    directory = load_directory() if directory is None else directory
    try:
        return directory[actor_id]
    except KeyError:
        raise UnknownActor(actor_id) from None


def folded(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()


def search(text: str, directory: Mapping[str, Actor] | None = None) -> list[Actor]:
    """Actors whose id, name, category, role or notes contain every word of `text` (accents and case ignored)."""
    directory = load_directory() if directory is None else directory
    words = folded(text).split()
    found = []
    for actor in directory.values():
        haystack = folded(" ".join([actor.id, *actor.name.values(), actor.category, *actor.role.values(),
                                     *actor.notes.values()]))
        if all(word in haystack for word in words):
            found.append(actor)
    return found


def add_user_entries(path: str | os.PathLike) -> list[str]:
    """Check a file of entries and add them to the user's directory (private file in the data dir); return their ids.

    Nothing is written unless every entry is valid. An entry with a bundled id corrects it field by field.
    """
    return save_user_entries(read_entries(Path(path), user=True))


def add_user_actors(actors: list[Actor]) -> list[str]:
    """Add actors built by sar itself (a company-register look-up, a datarequests.org import) to the user's directory."""
    return save_user_entries([entry_from_actor(actor) for actor in actors])


def save_user_entries(new_entries: list[dict[str, Any]]) -> list[str]:
    """Merge checked entries into the user's directory file, written privately and atomically; return their ids."""
    target = locations.data_dir() / USER_FILE_NAMES[1]
    existing = read_entries(target, user=True) if target.is_file() else []
    by_id = {entry["id"]: entry for entry in existing}
    for entry in new_entries:
        by_id[entry["id"]] = _merge(by_id.get(entry["id"]), entry)
    write_private(target, json.dumps({"actor": list(by_id.values())}, ensure_ascii=False, indent=2) + "\n")
    return [entry["id"] for entry in new_entries]


def entry_from_actor(actor: Actor) -> dict[str, Any]:
    """An actor as a directory-file entry (the inverse of reading one), checked like a user's entry."""
    entry = {
        "id": actor.id, "name": actor.name.as_data(), "kind": actor.kind, "category": actor.category,
        "controller": actor.controller, "letter": actor.letter, "role": _as_table(actor.role),
        "data": _as_table(actor.data), "data_requested": _as_table(actor.data_requested),
        "retention": _as_table(actor.retention), "notes": _as_table(actor.notes), "sources": list(actor.sources),
        "contact": {key: getattr(actor.contact, key) for key in CONTACT_FIELDS},
    }
    if actor.verified:
        entry["verified"] = actor.verified
    problems: list[str] = []
    checked = _check_entry(entry, actor.id, problems, user=True)
    if checked is None:
        raise DirectoryError(problems, actor.id)
    return checked


# -- slots: the actors the user names (their doctor, pharmacy, hospital, lab, fund, mutuelle) ----------------------------

def _as_table(value: Bilingual) -> dict[str, Any]:
    """A bilingual field as a directory file's {fr = ..., en = ...} table (only the languages it has)."""
    return {lang: list(v) if isinstance(v, tuple) else v for lang, v in (("fr", value.fr), ("en", value.en)) if v}


def actor_name(actor: Actor, lang: str) -> str:
    """The actor's name in `lang` (falling back to the other language)."""
    return actor.name.get(lang)


def fill_slot(actor: Actor, name: str = "", postal: str = "", email: str = "") -> Actor:
    """A slot actor with what the user told sar: their doctor's name and address become the recipient.

    The contact's source stays empty: it was given by the user, not read in a published source.
    """
    if not (name or postal or email):
        return actor
    postal_lines = "\n".join(line for line in (name, postal) if line)
    contact = Contact(postal=postal_lines if postal else actor.contact.postal, email=email or actor.contact.email,
                      web_form=actor.contact.web_form)
    return replace(actor, name=bilingual.text(name) if name else actor.name, contact=contact)


def slot_values(slot_id: str, answers: Mapping[str, Any]) -> tuple[str, str]:
    """(name, address) the user gave for a slot; a mutuelle answered with a directory id or "none" gives no name."""
    name_key, address_key = SLOT_ANSWERS[slot_id]
    name = str(answers.get(name_key) or "")
    if slot_id == "your-mutuelle" and name == "none":
        name = ""
    address = str(answers.get(address_key) or "") if address_key else ""
    return name, address
