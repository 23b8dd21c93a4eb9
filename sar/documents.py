"""Reading the TOML and JSON files people write by hand (answers files, directory additions), with errors they can act on."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from sar.errors import InputError
from sar.i18n import _

SUFFIXES = (".toml", ".json")


def read_document(path: Path, what: str) -> Any:
    """The parsed content of a .toml or .json file; InputError names the file and what is wrong (`what`: e.g.
    "answers files", "directory files", for the message about the file's ending)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(_("{path}: {what} end in .toml or .json").format(path=path, what=what))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(_("{path}: no such file").format(path=path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(_("{path}: cannot read it ({error})").format(path=path, error=error)) from None
    try:
        return tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(_("{path}: not valid TOML ({error})").format(path=path, error=error)) from None
    except json.JSONDecodeError as error:
        raise InputError(_("{path}: not valid JSON ({error})").format(path=path, error=error)) from None
