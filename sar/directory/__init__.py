"""Who holds a person's health data and where to write to them: sar's directory, in one room.

- `model`: an organisation (`Actor`) and where to write to it (`Contact`), each contact with its source and date;
- `entries`: the bundled directory (`sar/data/directory.toml`), the person's own additions, the slots they fill;
- `caisses`: the caisses of the public health insurance (`sar/data/caisses.toml`), the person's own from their postcode;
- `registers`: the addresses read in the State's registers (kept by `sar directory update`), and how their source is said;
- `annuaire`, `lookup`: the registers' clients (the DILA's Annuaire de l'administration; the company register,
  Recherche d'entreprises), online only, `fetching` their shared way of asking;
- `update`: `sar directory update`, what is the same for everybody, nothing about any person;
- `own_places`: a person's own places looked up in the company register, kept for that person's letters only;
- `coverage`: how many organisations sar can address (`sar directory coverage`), with and without the registers;
- `datarequests`: importing records of the datarequests.org company database.

The names below are the directory's public face; `annuaire`, `lookup`, `fetching` and `update` (which need the network
library) are imported on their own (`from sar.directory import lookup`), so that the core loads no network code until a
register is asked for; `registers` and `own_places` load none.
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
    bundled_directory,
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
    "actor_name", "add_user_actors", "add_user_entries", "bundled_directory", "bundled_path", "entry_from_actor", "fill_slot", "folded", "get",
    "is_iso_date", "load_directory", "read_entries", "save_user_entries", "search", "slot_values", "user_paths",
]
