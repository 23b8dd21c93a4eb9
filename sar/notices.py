"""One-time notices the core has for the person (a tracker file brought to a new format, leftovers removed).

The core prints nothing: it hands a notice, in the UI language, to whichever shell is running. The CLI prints it on
stderr; the TUI shows it as a notification. With no shell listening (a library call), notices are dropped.
"""

from __future__ import annotations

from collections.abc import Callable

_handler: Callable[[str], None] | None = None


def set_handler(handler: Callable[[str], None] | None) -> None:
    global _handler
    _handler = handler


def notify(message: str) -> None:
    if _handler is not None:
        _handler(message)
