"""Who is who: when two records are the same person, and which folder holds a person's letters.

Two people are the same only when their names as typed (Unicode NFKC, case-folded, spaces collapsed) and their birth
dates match. Nothing lossy decides it: a slug drops or merges letters ("Łukasz" and "Ukasz", or a name in Cyrillic that
an ASCII slug reduces to nothing), so slugs only make names readable, never identities.

A person's letters go in a folder named readably (the name transliterated by `anyascii`: Łukasz → lukasz, Анна → anna)
and claimed for that person alone: the folder holds a small private marker naming whose it is. When two people would
share a folder name, the second gets `-2`, the third `-3`, and a rerun finds its own folder again by the marker. Claiming is
a rename of a complete temporary folder, which the file system makes atomic, so two processes (bulk workers) can never
claim one folder for two people.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path

from anyascii import anyascii

from sar.private_files import DIR_MODE, FILE_MODE, MAX_SLUG_LENGTH, inside, make_private_dir

MARKER_NAME = ".sar-person"  # in each person's folder: the hash of whose folder it is
CLAIM_PREFIX = ".claim-"  # a temporary folder being claimed (`.claim-<pid>-<n>`), renamed into place when complete
MAX_FOLDER_SUFFIX = 10_000


def name_key(text: str) -> str:
    """A name as compared: Unicode-normalised (NFKC), case-folded, inner spaces collapsed, ends stripped."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def identity(first_name: str, last_name: str, birth_date: date) -> str:
    """The identity of a person: equal for two records exactly when they are the same person."""
    return "\x1f".join((name_key(first_name), name_key(last_name), birth_date.isoformat()))


def person_identity(person) -> str:
    """`identity` of a `sar.journey.Person`."""
    return identity(person.first_name, person.last_name, person.birth_date)


def readable_slug(text: str, *, fallback: str = "person") -> str:
    """A file-name part a person recognises: transliterated to ASCII (never dropped), lower case, digits and hyphens.

    "Łukasz Nowak" -> "lukasz-nowak"; "Анна Иванова" -> "anna-ivanova"; "../../etc" -> "etc"; "" -> `fallback`.
    """
    # Letters and digits are transliterated; symbols (an emoji reads ":melting_face:" in anyascii) become separators.
    # A letter's transliteration may hold a quote (the soft sign: Ольга -> Ol'ga), dropped rather than made a hyphen.
    ascii_text = "".join(anyascii(c).replace("'", "") if unicodedata.category(c)[0] in "LMN" else " "
                         for c in unicodedata.normalize("NFC", text))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG_LENGTH].strip("-")
    return slug or fallback


def unique_name(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... : the first not in `taken`."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _marker_text(person_key: str) -> str:
    # A hash, not the name: the folder's letters already name the person, the marker need not repeat it in clear.
    return hashlib.sha256(person_key.encode("utf-8")).hexdigest() + "\n"


def _owner(folder: Path) -> str | None:
    try:
        return (folder / MARKER_NAME).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None


def claim_folder(out_dir: Path, base_name: str, person_key: str, *, full_name: str = "") -> Path:
    """The folder of OUT that holds this person's letters: `base_name`, or `base_name-2`, `-3`... if taken by another.

    A folder written by an older sar (no marker) is this person's only if OUT's manifest lists its files under this very
    name (`full_name`); otherwise it is left to whoever it belongs to.
    """
    out_dir = make_private_dir(Path(out_dir)).resolve()
    marker = _marker_text(person_key)
    for number in range(1, MAX_FOLDER_SUFFIX):
        name = base_name if number == 1 else f"{base_name}-{number}"
        folder = inside(out_dir, name)
        owner = _owner(folder)
        if owner == marker:
            return folder
        if owner is not None or (folder.exists() and not folder.is_dir()):
            continue
        if folder.is_dir():
            if full_name and _legacy_folder_of(out_dir, name, full_name):
                _write_marker(folder, marker)
                return folder
            continue
        if _create_claimed(out_dir, folder, marker):
            return folder
        if _owner(folder) == marker:  # another process claimed it for the same person meanwhile
            return folder
    raise RuntimeError(f"no free folder name for {base_name!r} in {out_dir}")


def _write_marker(folder: Path, marker: str) -> None:
    fd = os.open(folder / MARKER_NAME, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(marker)


_claims = 0


def _create_claimed(out_dir: Path, folder: Path, marker: str) -> bool:
    """Create `folder` with its marker already inside, atomically; False if someone else created it first."""
    global _claims
    _claims += 1
    temporary = out_dir / f"{CLAIM_PREFIX}{os.getpid()}-{_claims}"
    temporary.mkdir(mode=DIR_MODE)
    _write_marker(temporary, marker)
    try:
        os.rename(temporary, folder)  # fails if `folder` exists (non-empty, or any folder on some systems)
    except OSError:
        (temporary / MARKER_NAME).unlink(missing_ok=True)
        temporary.rmdir()
        return False
    return True  # not fsynced: like bulk letters, a folder lost to a power cut is made again by the rerun


def _legacy_folder_of(out_dir: Path, folder_name: str, full_name: str) -> bool:
    owners = _legacy_owners(out_dir / "manifest.csv", _mtime(out_dir / "manifest.csv"))
    return owners.get(folder_name) == name_key(full_name)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


@lru_cache(maxsize=4)
def _legacy_owners(manifest: Path, _mtime: float) -> dict[str, str]:
    """Folder name -> the one person an older manifest lists files for in it ("" when it lists several people)."""
    owners: dict[str, str] = {}
    try:
        with manifest.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                who = name_key(row.get("person") or "")
                for file in (row.get("files") or "").split(";"):
                    folder = file.split("/", 1)[0] if "/" in file else ""
                    if folder:
                        owners[folder] = who if owners.get(folder, who) == who else ""
    except (FileNotFoundError, csv.Error, UnicodeDecodeError):
        return {}
    return owners


def remove_leftovers(out_dir: Path) -> int:
    """Remove what an interrupted run of a process that no longer lives left in OUT: temporary letter files
    (`.NAME.PID.tmp`, see `sar.private_files.write_private`) and half-claimed folders. Returns how many were removed."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return 0
    removed = 0
    for entry in _walk_two_levels(out_dir):
        pid = _leftover_pid(entry.name)
        if pid is None or process_alive(pid):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                for inner in path.iterdir():
                    inner.unlink()
                path.rmdir()
            else:
                path.unlink()
        except FileNotFoundError:
            continue
        removed += 1
    return removed


def _walk_two_levels(out_dir: Path):
    with os.scandir(out_dir) as top:
        folders = []
        for entry in top:
            yield entry
            if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                folders.append(entry.path)
    for folder in folders:
        try:
            with os.scandir(folder) as inner:
                yield from list(inner)
        except (FileNotFoundError, NotADirectoryError):
            continue


_TEMP_FILE = re.compile(r"^\..+\.(\d+)\.tmp$")
_CLAIM = re.compile(r"^" + re.escape(CLAIM_PREFIX) + r"(\d+)-\d+$")


def _leftover_pid(name: str) -> int | None:
    found = _TEMP_FILE.match(name) or _CLAIM.match(name)
    return int(found.group(1)) if found else None


def process_alive(pid: int) -> bool:
    """Whether process `pid` still runs (this one always does; on Windows, where os.kill would end it, assumed so)."""
    if pid == os.getpid() or os.name == "nt":  # on Windows os.kill would end the process: never remove there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True
    return True
