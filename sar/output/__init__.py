"""Writers that turn a rendered `Letter` into files: a PDF to print and post, plain text, and an e-mail draft (.eml).

Each writer is a pure function `Letter -> bytes`; callers write the bytes with `sar.private_files.write_private` (0600).
A PDF and a text file carry the letter meant for the post; an .eml carries the same request worded for e-mail (the art.
15(3) copy then comes "in a commonly used electronic form" because the request was made electronically).
"""

from __future__ import annotations

from typing import Callable

from sar.letters import Letter
from sar.output.email import eml_bytes
from sar.output.text import text_bytes


def pdf_bytes(letter: Letter, **options) -> bytes:
    """The letter as a PDF (sar.output.pdf). Imported on first use: fpdf2 and its font handling are loaded only by a
    process that writes a PDF, so the core and the text-only paths stay light (tests/test_layering.py holds it)."""
    from sar.output.pdf import pdf_bytes as write_pdf

    return write_pdf(letter, **options)


FORMATS = ("pdf", "txt", "eml")
WRITERS: dict[str, Callable[[Letter], bytes]] = {"pdf": pdf_bytes, "txt": text_bytes, "eml": eml_bytes}
# The sending mode each format's letter is worded for.
CHANNEL_OF_FORMAT = {"pdf": "post", "txt": "post", "eml": "email"}

__all__ = ["FORMATS", "WRITERS", "CHANNEL_OF_FORMAT", "pdf_bytes", "text_bytes", "eml_bytes"]
