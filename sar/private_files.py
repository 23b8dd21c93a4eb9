"""Writing files that hold personal (health) data: private, atomic, and never outside the folder they belong in.

Health data are special-category data (GDPR art. 9), so every file sar writes about a person is created with mode 0600 in
folders created 0700, replaced atomically (a crash leaves the old file or the new one, never half of each), and named
from a slug that no input (a name with `../`, slashes, or 500 characters) can steer outside its output folder.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import cache
from pathlib import Path

from sar.errors import InputError

FILE_MODE = 0o600
DIR_MODE = 0o700
MAX_SLUG_LENGTH = 60


def slugify(text: str, *, fallback: str = "person") -> str:
    """A safe, readable file-name part: ASCII letters, digits and hyphens, at most MAX_SLUG_LENGTH characters.

    "Élodie D'Aubigné" -> "elodie-d-aubigne"; "../../etc" -> "etc"; "" -> `fallback`.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG_LENGTH].strip("-")
    return slug or fallback


def inside(root: Path, *parts: str) -> Path:
    """`root/parts...`, refusing any result that is not strictly inside `root` (no `..`, no absolute part, no symlink out)."""
    root_resolved = Path(root).resolve()
    candidate = root_resolved.joinpath(*parts).resolve()
    if candidate == root_resolved or root_resolved not in candidate.parents:
        raise InputError(f"refusing to write outside {root}: {'/'.join(parts)!r}")
    return candidate


@cache
def _sar_folders() -> dict[tuple[int, int], Path]:
    """sar's own folders, by (device, inode): the `sar` package, its `letters/` and `locales/`, and, when sar runs from
    a checkout, the checkout's `letters/` and `locales/` (where `pip install .` and `git add .` pick files up)."""
    from sar import resources

    package = Path(resources.__file__).resolve().parent
    folders = [package]
    for name in ("letters", "locales"):
        try:
            folders.append(resources.resource_dir(name))
        except FileNotFoundError:
            pass
        if (package.parent / "pyproject.toml").is_file():
            folders.append(package.parent / name)
    found = {}
    for folder in folders:
        try:
            status = folder.resolve().stat()
        except OSError:
            continue
        found.setdefault((status.st_dev, status.st_ino), folder.resolve())
    return found


_checked_folders: set[str] = set()


def refuse_sar_folder(path: Path) -> None:
    """Raise InputError if `path` is, or is inside, one of sar's own folders (see `_sar_folders`).

    A patient's letters written into the templates folder would be installed, readable by all, by the next
    `pip install .`, and committed by `git add .`. Folders are compared by device and inode, so a symlink, a `..` or a
    case-insensitive file system cannot slip past the check.
    """
    key = os.path.abspath(os.path.expanduser(path))
    if key in _checked_folders:
        return  # bulk runs write thousands of files into a few folders: each is checked once per process
    own = _sar_folders()
    candidate = Path(path).expanduser().resolve()
    for folder in (candidate, *candidate.parents):
        try:
            status = os.stat(folder)
        except OSError:
            continue  # not created yet: its parents decide
        owner = own.get((status.st_dev, status.st_ino))
        if owner is not None:
            from sar.i18n import gettext

            raise InputError(gettext(
                "{path} is inside sar's own folder {folder}: files written there would ship with sar or be committed "
                "with it; choose a folder outside it, e.g. ~/sar-letters"
            ).format(path=path, folder=owner))
    if len(_checked_folders) < 10_000:
        _checked_folders.add(key)


def make_private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed; folders sar creates are readable by the user only.

    Every file sar writes about a person goes through here, so this is where sar refuses its own folders.
    """
    path = Path(path)
    refuse_sar_folder(path)
    if not path.is_dir():
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    return path


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); a no-op where directories cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class AtomicPrivateFile:
    """A private file (0600) written under a temporary name and put in place whole, or not at all.

    The one way sar writes a file holding personal data: letters, manifests, error reports, exports and the tracker
    itself. `commit()` flushes, fsyncs (if `durable`), runs `before_replace` (the tracker keeps its backup there), renames
    over the target and fsyncs the folder; `abandon()` (or an exception inside `with`) removes the temporary file.
    By default the temporary name is `.NAME.PID.tmp`: two processes writing the same file never share one, and a killed
    run leaves at most one per file, which `sar.identity.remove_leftovers` removes once its process is gone.
    """

    def __init__(self, path: Path, *, durable: bool = True, temp: Path | None = None, text: bool = False):
        self.path = Path(path)
        self.durable = durable
        self.temp = temp or self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        make_private_dir(self.path.parent)
        fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)  # a stale temporary file left by a crash may have other permissions
        self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="") if text else os.fdopen(fd, "wb")

    def commit(self, before_replace=None) -> Path:
        try:
            self.handle.flush()
            if self.durable:
                os.fsync(self.handle.fileno())
            self.handle.close()
            if before_replace is not None:
                before_replace()
            os.replace(self.temp, self.path)
        except BaseException:
            self.abandon()
            raise
        if self.durable:
            fsync_dir(self.path.parent)
        return self.path

    def abandon(self) -> None:
        if not self.handle.closed:
            self.handle.close()
        try:
            os.unlink(self.temp)
        except FileNotFoundError:
            pass

    def __enter__(self):
        return self.handle

    def __exit__(self, kind, error, traceback) -> None:
        if error is None:
            self.commit()
        else:
            self.abandon()


def write_private(path: Path, data: bytes | str, *, durable: bool = True, temp: Path | None = None,
                  before_replace=None) -> Path:
    """Write `data` to `path` atomically with mode 0600 (see AtomicPrivateFile).

    `durable=False` skips the fsyncs (bulk letter output, where the manifest is the checkpoint), keeping the atomic rename.
    """
    target = AtomicPrivateFile(path, durable=durable, temp=temp)
    try:
        target.handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    except BaseException:
        target.abandon()
        raise
    return target.commit(before_replace)


def write_private_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` privately unless the file already holds exactly these bytes; True if it was written.

    Bulk re-runs use it so an unchanged letter is not rewritten (its timestamp and backups stay as they were).
    """
    path = Path(path)
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    write_private(path, data, durable=False)
    return True
