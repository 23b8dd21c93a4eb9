"""Errors a user can cause: caught at the edge (CLI, TUI) and told in their language, never as a traceback."""

from __future__ import annotations


class SarError(Exception):
    """A problem the user can fix (bad input, a file in the way). `str(error)` is the message shown to them."""

    exit_code = 2


class InputError(SarError, ValueError):
    """A value the user gave is not valid; the message says what is expected."""
