"""The names of a person's letter files: after the organisation, the same on every run (issue 24.2).

A place the person named gets its name (`dr-claire-roux.fr.pdf`, `centre-hospitalier-de-perigueux.fr.pdf`), so that
two doctors' letters say which is which; an organisation of the directory keeps its short id (`doctolib.fr.pdf`,
`mon-espace-sante.fr.pdf`); a place not named yet keeps its id (`your-doctor-2.fr.pdf`) until it is.

Each person's folder keeps the names it gave in a small private record, `.sar-letters` ({actor id: {"name", "named",
"former"}}), so that:
- a rerun, a run with `--only`, a follow-up or a right's letter finds the same name again (a bulk rerun rewrites nothing);
- two organisations whose names read alike get `-2`, `-3`... and never each other's file, whatever order they come in;
- a place named after its letters were written has its files renamed to its name (nothing left under the old one, the
  manifest's rows follow through `former`), and so does a folder an older sar wrote with ids.
Names are readable slugs ([a-z0-9-], transliterated), and a name read back from the record is checked again, so no
name can steer a path outside the folder.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterable

from sar.identity import readable_slug, unique_name
from sar.private_files import inside, slugify, write_private, write_private_if_changed
from sar.shown_names import is_directory_wording

LETTER_NAMES = ".sar-letters"
_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
# Names Windows keeps for its devices, whatever the extension: never a letter's.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


def wanted_name(actor_id: str, name: str) -> tuple[str, bool]:
    """The name an organisation's letters would like (before `-2`), and whether it is the organisation's own name: a
    place the person filled in (`your-doctor` named "Dr Claire Roux") is named after it; the rest by their id."""
    if actor_id.startswith("your-") and name.strip() and not is_directory_wording(name):
        slug = readable_slug(name, fallback="")
        if slug:
            return slug, True
    return slugify(actor_id, fallback="organisation"), False


class LetterNames:
    """The names of the letters in one person's folder, read from and saved to its `.sar-letters` record."""

    def __init__(self, folder: Path, *, durable: bool = True):
        self.folder = Path(folder)
        self.path = inside(self.folder, LETTER_NAMES)
        self.durable = durable  # False for a bulk run: written without fsync, and only when it changes
        self.entries = self._read()
        self._stems: set[str] | None = None  # the names of the files in the folder, read once

    def _read(self) -> dict[str, dict]:
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        entries = {}
        for actor_id, entry in (document.items() if isinstance(document, dict) else ()):
            if isinstance(entry, dict) and _SLUG.match(str(entry.get("name", ""))):
                former = [name for name in entry.get("former", ()) if isinstance(name, str) and _SLUG.match(name)]
                entries[str(actor_id)] = {"name": entry["name"], "named": bool(entry.get("named")), "former": former}
        return entries

    def file_stems(self) -> set[str]:
        """The names of the files in the folder (`dr-claire-roux` for `dr-claire-roux.fr.pdf`), hidden files aside, as
        they were when first asked, with the names claimed since (whose files are being written)."""
        if self._stems is None:
            try:
                self._stems = {entry.name.split(".", 1)[0] for entry in os.scandir(self.folder)
                               if not entry.name.startswith(".")}
            except FileNotFoundError:
                self._stems = set()
        return self._stems

    def names_for(self, organisations: Iterable[tuple[str, str]]) -> dict[str, str]:
        """The name of each organisation's letters here ({actor id: name}, from (actor id, its name) pairs): the one
        given before, or one claimed now. Claims are recorded (once) before any file is renamed or written, so that an
        interrupted run leaves no file under a name the record does not know."""
        before = json.dumps(self.entries, sort_keys=True)
        renames: list[tuple[str, str]] = []
        names = {actor_id: self._name_for(actor_id, name, renames) for actor_id, name in organisations}
        if json.dumps(self.entries, sort_keys=True) != before:
            self._save()
        for old, new in renames:  # named, or renamed, since their letters were written: they follow the name
            self._rename(old, new)
        return names

    def _name_for(self, actor_id: str, name: str, renames: list[tuple[str, str]]) -> str:
        wanted, named = wanted_name(actor_id, name)
        entry = self.entries.get(actor_id)
        legacy = slugify(actor_id, fallback="organisation")
        if entry is None and legacy in self.file_stems() and legacy not in self._claimed(actor_id):
            entry = self.entries[actor_id] = {"name": legacy, "named": False, "former": []}  # an older sar's, by id
        if entry is not None and entry["named"] == named and _is_numbered(entry["name"], wanted):
            return entry["name"]
        new = unique_name(wanted, self._claimed(actor_id) | self.file_stems() | _RESERVED)
        self.file_stems().add(new)
        if entry is not None:
            renames.append((entry["name"], new))
        former = [*entry["former"], entry["name"]] if entry is not None else []
        self.entries[actor_id] = {"name": new, "named": named, "former": former}
        return new

    def _claimed(self, actor_id: str) -> set[str]:
        """Every name another organisation holds here, or held before (the manifest may still list it)."""
        return {name for other, entry in self.entries.items() if other != actor_id
                for name in (entry["name"], *entry["former"])}

    def _rename(self, old: str, new: str) -> None:
        for entry in os.scandir(self.folder):
            if entry.name.startswith(f"{old}."):
                target = inside(self.folder, new + entry.name[len(old):])
                if not target.exists():
                    os.replace(entry.path, target)

    def former_names(self) -> dict[str, str]:
        """{a name some letters had before: the name they have now}."""
        return {former: entry["name"] for entry in self.entries.values() for former in entry["former"]}

    def _save(self) -> None:
        text = json.dumps(self.entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if self.durable:
            write_private(self.path, text)
        else:
            write_private_if_changed(self.path, text.encode("utf-8"))


def _is_numbered(name: str, base: str) -> bool:
    """`name` is `base` or `base-N`: the name `base` claimed, numbered because another organisation had it first."""
    return name == base or re.fullmatch(re.escape(base) + r"-[0-9]+", name) is not None
