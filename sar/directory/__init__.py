"""Who holds a person's health data and where to write to them: sar's directory, in one room.

- `model`: an organisation (`Actor`) and where to write to it (`Contact`), each contact with its source and date;
- `entries`: the bundled directory (`sar/data/directory.toml`), the person's own additions, the slots they fill;
- `caisses`: the caisses of the public health insurance (`sar/data/caisses.toml`), the person's own from their postcode;
- `lookup`: the company register (Recherche d'entreprises), one organisation's name at a time, online only;
- `coverage`: how many organisations sar can address (`sar directory coverage`);
- `datarequests`: importing records of the datarequests.org company database.

The names below are the directory's public face; `lookup` (which needs the network library) is imported on its own
(`from sar.directory import lookup`), so that the core loads no network code until a look-up is asked for.
"""

from sar.directory.entries import (
    CONTACT_FIELDS,
    CONTROLLER_ROLES,
    ENTRY_FIELDS,
    KINDS,
    LETTER_KINDS,
    SLOT_ANSWERS,
    TEXT_LANGUAGES,
    USER_FILE_NAMES,
    DirectoryError,
    UnknownActor,
    actor_name,
    add_user_actors,
    add_user_entries,
    bundled_path,
    entry_from_actor,
    fill_slot,
    folded,
    get,
    is_iso_date,
    load_directory,
    read_entries,
    save_user_entries,
    search,
    slot_values,
    user_paths,
)
from sar.directory.model import Actor, ActorKind, Contact, ControllerRole

__all__ = [
    "Actor", "ActorKind", "CONTACT_FIELDS", "CONTROLLER_ROLES", "Contact", "ControllerRole", "DirectoryError",
    "ENTRY_FIELDS", "KINDS", "LETTER_KINDS", "SLOT_ANSWERS", "TEXT_LANGUAGES", "USER_FILE_NAMES", "UnknownActor",
    "actor_name", "add_user_actors", "add_user_entries", "bundled_path", "entry_from_actor", "fill_slot", "folded", "get",
    "is_iso_date", "load_directory", "read_entries", "save_user_entries", "search", "slot_values", "user_paths",
]
