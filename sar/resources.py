"""Find the bundled `letters/` and `locales/` folders wherever sar runs from.

In a wheel they are force-included as `sar/letters` and `sar/locales`. In an editable install or a plain checkout they sit at
the repository's top level, beside the `sar` package: an editable install copies them into site-packages too, but the
checkout's `sar` package shadows that copy, so we look in both places (see docs/ecosystem.md §1).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def resource_dir(name: str) -> Path:
    """The folder `name` ("letters" or "locales") as a real path on disk."""
    packaged = Path(str(files("sar") / name))
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"sar's {name!r} folder is missing from this installation; reinstall sar")
