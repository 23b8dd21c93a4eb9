"""`sar bulk --combined`: every PDF letter of a run, in the manifest's order, gathered into files to print."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sar.private_files import inside, write_private

COMBINED_NAME = "combined"
COMBINED_LETTERS_PER_FILE = 1000  # one printable file per thousand letters keeps memory bounded (and printers happy)


def combine_pdfs(out_dir: Path, manifest_path: Path) -> tuple[Path, ...]:
    """Every PDF letter of the manifest, in its order, gathered into `combined.pdf` (or `combined-001.pdf`, ... when
    there are more than COMBINED_LETTERS_PER_FILE letters); files written privately, old parts removed."""
    from pypdf import PdfWriter

    with manifest_path.open(encoding="utf-8", newline="") as f:
        pdfs = [out_dir / name for row in csv.DictReader(f) for name in row["files"].split(";") if name.endswith(".pdf")]
    parts = [pdfs[i:i + COMBINED_LETTERS_PER_FILE] for i in range(0, len(pdfs), COMBINED_LETTERS_PER_FILE)]
    for stale in out_dir.glob(f"{COMBINED_NAME}*.pdf"):
        stale.unlink()
    written = []
    for number, part in enumerate(parts, start=1):
        writer = PdfWriter()
        for pdf in part:
            writer.append(str(pdf))
        buffer = io.BytesIO()
        writer.write(buffer)
        name = f"{COMBINED_NAME}.pdf" if len(parts) == 1 else f"{COMBINED_NAME}-{number:03d}.pdf"
        written.append(write_private(inside(out_dir, name), buffer.getvalue(), durable=False))
    return tuple(written)
